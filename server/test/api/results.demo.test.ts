import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { listIndicatorValues } from '../../src/modules/indicators/indicators.service';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Demo acceptance (PRODUCT.md "Demo figures"): on a fresh demo database, 2024 in 镇江 (321100) shows exactly
 * 2300亿元 (+40.0%) of new ≥ 1亿元 signings, 哈汽 at 88 days from signing to groundbreaking, and 560 / 2 / 28 / 197
 * newly recognised high-tech enterprises, unicorns, provincial gazelles and provincial-or-higher specialised SMEs.
 * Skipped only while the projects or enterprise demo ledgers are empty.
 */
for (const engine of ENGINES) {
  describe(`${engine}: demo acceptance figures`, () => {
    let t: TestApp;
    let leader: Session;
    let empty: string | null = null;

    beforeAll(async () => {
      t = await createTestApp(engine);
      leader = await t.login('leader');
      const db = t.database.db;
      const projects = Number(
        (
          await db
            .selectFrom('projects')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const quals = Number(
        (
          await db
            .selectFrom('enterprise_qualifications')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      if (!projects || !quals)
        empty = `demo ledgers not loaded yet (projects: ${projects}, enterprise qualifications: ${quals})`;
    });
    afterAll(async () => t?.close());

    it('gongjian indicators --period 2024 --region 321100', async (ctx) => {
      if (empty) {
        console.warn(`SKIPPED demo acceptance: ${empty}`);
        ctx.skip();
      }
      const rows = await listIndicatorValues(t.database.db, { period: '2024', regionCode: '321100' });
      const by = new Map(rows.map((r) => [r.code, r]));
      expect(by.get('signed_major_investment')).toMatchObject({
        name: '新签约亿元以上项目总投资',
        value: 2300,
        unit: '亿元',
        yoy: 40,
      });
      expect(by.get('new_hitech_enterprises')).toMatchObject({ value: 560, unit: '家' });
      expect(by.get('new_unicorns')).toMatchObject({ value: 2 });
      expect(by.get('new_gazelles')).toMatchObject({ value: 28 });
      expect(by.get('new_specialized_smes')).toMatchObject({ value: 197 });
      // the per-project days sit beside the average: 哈汽 at 88 days from signing to groundbreaking
      const days = by.get('signing_to_start_days')!;
      expect(days.records?.find((r) => r.name.startsWith('哈电汽轮机'))?.value).toBe(88);
      const list = days.records!.map((r) => r.value);
      expect(days.value).toBeCloseTo(list.reduce((a, b) => a + b, 0) / list.length, 1);
    });

    it.runIf(engine === 'postgres')('the CLI prints the same figures from the same database', async (ctx) => {
      if (empty) ctx.skip();
      // the real command, in a child process, on this test's PostgreSQL database (SQLite tests run in memory)
      const out = execFileSync(
        process.execPath,
        [path.join(ROOT, 'bin/gongjian.mjs'), 'indicators', '--period', '2024', '--region', '321100'],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: t.database.url!, LOG_LEVEL: 'silent', GONGJIAN_JOBS: 'off' },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      const rows = JSON.parse(out) as Array<{
        code: string;
        value: number;
        yoy: number | null;
        records?: Array<{ name: string; value: number }>;
      }>;
      const by = new Map(rows.map((r) => [r.code, r]));
      expect(by.get('signed_major_investment')).toMatchObject({ value: 2300, yoy: 40 });
      expect(by.get('signing_to_start_days')!.records!.find((r) => r.name.startsWith('哈电汽轮机'))).toEqual({
        name: '哈电汽轮机重燃及核电装备基地项目',
        value: 88,
      });
      expect([560, 2, 28, 197]).toEqual(
        ['new_hitech_enterprises', 'new_unicorns', 'new_gazelles', 'new_specialized_smes'].map(
          (c) => by.get(c)!.value,
        ),
      );
    });

    it('the dashboard shows the same figures, and 哈汽 at 88 days', async (ctx) => {
      if (empty) {
        console.warn(`SKIPPED demo acceptance: ${empty}`);
        ctx.skip();
      }
      const d = (await t.call(leader, 'GET', '/api/v1/dashboard?year=2024&region=321100')).json().data;
      const card = (code: string) => d.cards.find((c: { code: string }) => c.code === code);
      expect(card('signed_major_investment')).toMatchObject({ value: 2300, yoy: 40, unit: '亿元' });
      expect(card('new_hitech_enterprises').value).toBe(560);
      expect(card('new_unicorns').value).toBe(2);
      expect(card('new_gazelles').value).toBe(28);
      expect(card('new_specialized_smes').value).toBe(197);
      // signing_to_start_days lists each project in the period of its groundbreaking (哈汽: 2024-08-23)
      const recs = (
        await t.call(
          leader,
          'GET',
          `/api/v1/indicators/signing_to_start_days/records?period=2024&region=321100&q=哈&pageSize=200`,
        )
      ).json();
      const hq = recs.data.find((r: { name: string }) => r.name.includes('哈电汽轮机'));
      const found: { days: number } | null = hq ? { days: hq.detail.days } : null;
      expect(found, '哈汽 project in the 2024 signing-to-start records').not.toBeNull();
      expect(found!.days).toBe(88);
      // 奥地利科林尼 started ahead of its plan (2024)
      const started = (
        await t.call(leader, 'GET', '/api/v1/indicators/projects_started/records?period=2024&q=科林尼')
      ).json();
      expect(started.data[0]?.detail.ahead).toBe(true);
    });
  });
}
