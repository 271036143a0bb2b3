import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { listIndicatorValues } from '../../src/modules/indicators/indicators.service';

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
      // signing_to_start_days lists each project in the period of its groundbreaking (哈汽: 2023-08-23, domain.md §1.1)
      let found: { period: string; days: number } | null = null;
      for (const period of ['2024', '2023']) {
        const recs = (
          await t.call(
            leader,
            'GET',
            `/api/v1/indicators/signing_to_start_days/records?period=${period}&region=321100&q=哈&pageSize=200`,
          )
        ).json();
        const hq = recs.data.find(
          (r: { name: string }) => r.name.includes('哈电汽轮机') || r.name.includes('哈汽'),
        );
        if (hq) {
          found = { period, days: hq.detail.days };
          break;
        }
      }
      expect(found, '哈汽 project in the signing-to-start records').not.toBeNull();
      expect(found!.days).toBe(88);
      // 奥地利科林尼 started ahead of its plan (2024)
      const started = (
        await t.call(leader, 'GET', '/api/v1/indicators/projects_started/records?period=2024&q=科林尼')
      ).json();
      expect(started.data[0]?.detail.ahead).toBe(true);
    });
  });
}
