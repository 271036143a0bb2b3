import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { listIndicatorValues } from '../../src/modules/indicators/indicators.service';
import { countNewQualifications } from '../../src/modules/enterprises/enterprises.service';
import {
  insertMilestone,
  insertMonthly,
  insertPlan,
  insertProblem,
  insertReformTask,
  seedSignings,
} from './results.fixtures';

const E8 = 100_000_000;

for (const engine of ENGINES) {
  describe(`${engine}: indicators on hand-computed fixtures`, () => {
    let t: TestApp;
    let admin: Session;
    let ids: Record<string, string>;

    beforeAll(async () => {
      t = await createTestApp(engine);
      admin = await t.login('admin');
      ids = await seedSignings(t);
      const db = t.database.db;
      // completion: A plans 1亿 (linear), E 0.5亿; A reports 0.3亿 by June and 0.8亿 by December, E 0.5亿 in December
      await insertPlan(db, ids.A!, 2021, 1 * E8);
      await insertPlan(db, ids.E!, 2021, 0.5 * E8);
      await insertMonthly(db, ids.A!, '321102', '2021-06', 0.3 * E8);
      await insertMonthly(db, ids.A!, '321102', '2021-12', 0.8 * E8);
      await insertMonthly(db, ids.E!, '321181', '2021-12', 0.5 * E8);
      // problems due in 2021: on time, late, overdue and open, on hold (left out)
      await insertProblem(t, {
        title: '用地指标',
        projectId: ids.A!,
        region: '321102',
        unit: 'jingkou',
        due: '2021-03-31',
        status: 'closed',
        resolvedAt: '2021-03-20T02:00:00.000Z',
      });
      await insertProblem(t, {
        title: '环评批复',
        projectId: ids.A!,
        region: '321102',
        unit: 'jingkou',
        due: '2021-04-30',
        status: 'resolved',
        resolvedAt: '2021-05-10T02:00:00.000Z',
      });
      await insertProblem(t, {
        title: '电力接入',
        projectId: ids.E!,
        region: '321181',
        unit: 'danyang',
        due: '2021-06-30',
        status: 'in_progress',
      });
      await insertProblem(t, {
        title: '征拆',
        projectId: ids.E!,
        region: '321181',
        unit: 'danyang',
        due: '2021-07-01',
        status: 'on_hold',
      });
      // reform tasks due in 2021: on time, late, overdue, adjusted (left out), and one due in 2022
      const t1 = await insertReformTask(t, {
        title: '任务一',
        unit: 'jingkou',
        region: '321102',
        due: '2021-06-30',
        status: 'closed',
        doneOn: '2021-06-20',
      });
      const t2 = await insertReformTask(t, {
        title: '任务二',
        unit: 'danyang',
        region: '321181',
        due: '2021-09-30',
        status: 'done_pending_verification',
        doneOn: '2021-10-15',
      });
      const t3 = await insertReformTask(t, {
        title: '任务三',
        unit: 'danyang',
        region: '321181',
        due: '2021-11-30',
        status: 'in_progress',
      });
      await insertReformTask(t, {
        title: '任务四（调整）',
        unit: 'danyang',
        region: '321181',
        due: '2021-08-31',
        status: 'adjusted',
      });
      const t5 = await insertReformTask(t, {
        title: '任务五',
        unit: 'jingkou',
        region: '321102',
        due: '2022-03-31',
        status: 'in_progress',
      });
      await insertMilestone(t, t3, { title: '节点一', due: '2021-10-31', seq: 1 });
      await insertMilestone(t, t2, { title: '节点一', due: '2021-09-15', doneOn: '2021-09-10', seq: 1 });
      await insertMilestone(t, t2, { title: '节点二', due: '2021-09-20', doneOn: '2022-01-05', seq: 2 });
      await insertMilestone(t, t5, { title: '节点一', due: '2022-01-31', seq: 1 });
      await insertMilestone(t, t1, { title: '节点一', due: '2021-05-31', doneOn: '2021-05-30', seq: 1 });
    });
    afterAll(async () => t?.close());

    const get = async (s: Session, url: string) => {
      const res = await t.call(s, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it('lists the registry with the required codes and names', async () => {
      const defs = (await get(admin, '/api/v1/indicators')).data as Array<{
        code: string;
        name: string;
        unit: string;
      }>;
      const byCode = new Map(defs.map((d) => [d.code, d]));
      expect(byCode.get('signed_major_count')?.name).toBe('新签约亿元以上项目个数');
      expect(byCode.get('signed_major_investment')?.name).toBe('新签约亿元以上项目总投资');
      expect(byCode.get('signed_major_investment')?.unit).toBe('亿元');
      expect(byCode.get('signing_to_start_days')?.name).toBe('签约至开工平均天数');
      expect(byCode.get('projects_started')?.name).toBe('新开工项目个数');
      expect(byCode.get('investment_completion_rate')?.name).toBe('投资完成率');
      expect(byCode.get('problems_closed_on_time_rate')?.name).toBe('问题按期办结率');
      expect(byCode.get('new_hitech_enterprises')?.name).toBe('新认定国家高新技术企业');
      expect(byCode.get('new_unicorns')?.name).toBe('新增独角兽企业');
      expect(byCode.get('new_gazelles')?.name).toBe('新认定省级瞪羚企业');
      expect(byCode.get('new_specialized_smes')?.name).toBe('新认定省级以上专精特新企业');
    });

    it('credits signings once, to the first signing, with the USD threshold and increments', async () => {
      const amount = (
        await get(admin, '/api/v1/indicators/signed_major_investment?period=2021&region=321100')
      ).data;
      expect(amount.value).toBe(5.15);
      expect(amount.amountYuan).toBe(515_000_000);
      expect(amount.unit).toBe('亿元');
      expect(amount.previous).toBe(4.2);
      expect(amount.yoy).toBe(22.6);
      expect(amount.records).toBe(4);
      const count = (await get(admin, '/api/v1/indicators/signed_major_count?period=2021&region=321100'))
        .data;
      expect(count.value).toBe(4);
      expect(count.previous).toBe(2);
      expect(count.yoy).toBe(100);

      const recs = await get(
        admin,
        '/api/v1/indicators/signed_major_investment/records?period=2021&region=321100',
      );
      const byName = new Map(
        (recs.data as Array<{ name: string; num: number; detail: Record<string, unknown> }>).map((r) => [
          r.name,
          r,
        ]),
      );
      expect([...byName.keys()].sort()).toEqual(
        ['戊项目（外资1000万美元）', '甲项目', '己项目（增资）', '辛项目（已终止）'].sort(),
      );
      expect(byName.get('己项目（增资）')!.num).toBe(1.5 * E8);
      expect(byName.get('己项目（增资）')!.detail.basis).toBe('increment');
      expect(byName.get('戊项目（外资1000万美元）')!.detail.usd).toBe(10_000_000);
      expect(recs.value).toBe(5.15);

      // the re-signed project stays with its first signing (2020)
      const y2020 = await get(admin, '/api/v1/indicators/signed_major_investment/records?period=2020');
      expect((y2020.data as Array<{ id: string }>).map((r) => r.id).sort()).toEqual([ids.F, ids.J].sort());
    });

    it('filters by region (prefix) and breaks down by region', async () => {
      const jk = (await get(admin, '/api/v1/indicators/signed_major_investment?period=2021&region=321102'))
        .data;
      expect(jk.value).toBe(2);
      expect(jk.previous).toBe(0);
      expect(jk.yoy).toBeNull();
      const dy = (await get(admin, '/api/v1/indicators/signed_major_investment?period=2021&region=321181'))
        .data;
      expect(dy.value).toBe(2.15);
      expect(dy.previous).toBe(3);
      expect(dy.yoy).toBe(-28.3);
      const bd = (
        await get(
          admin,
          '/api/v1/indicators/signed_major_investment?period=2021&region=321100&breakdown=region',
        )
      ).data;
      expect(bd.breakdown.map((r: { key: string; value: number }) => [r.key, r.value])).toEqual([
        ['321181', 2.15],
        ['321102', 2],
        ['321112', 1],
      ]);
      expect(bd.breakdown[0].drill).toEqual({
        endpoint: '/api/v1/indicators/signed_major_investment/records',
        query: { period: '2021', region: '321181' },
      });
      const q = (await get(admin, '/api/v1/indicators/signed_major_count?period=2021-Q3&region=321100')).data;
      expect(q.value).toBe(1); // H, signed 2021-09-09
      const cum = (await get(admin, '/api/v1/indicators/signed_major_count?period=2021-01..06')).data;
      expect(cum.value).toBe(2); // A, E
      expect(cum.periodLabel).toBe('2021年1–6月');
    });

    it('computes within the caller’s data scope', async () => {
      const jingkou = await t.login('jingkou');
      const own = (await get(jingkou, '/api/v1/indicators/signed_major_investment?period=2021&region=321100'))
        .data;
      expect(own.value).toBe(2);
      expect(own.records).toBe(1);
      const recs = await get(jingkou, '/api/v1/indicators/signed_major_count/records?period=2021');
      expect(recs.total).toBe(1);
      expect(recs.data[0].name).toBe('甲项目');
      const danyang = await t.login('danyang');
      expect((await get(danyang, '/api/v1/indicators/signed_major_investment?period=2021')).data.value).toBe(
        2.15,
      );
      // a role without indicator:read gets nothing
      const auditor = await t.login('auditor');
      expect(
        (await t.call(auditor, 'GET', '/api/v1/indicators/signed_major_count?period=2021')).statusCode,
      ).toBe(403);
    });

    it('signing-to-start days (average and per project) and projects started', async () => {
      const days = (await get(admin, '/api/v1/indicators/signing_to_start_days?period=2021')).data;
      expect(days.value).toBe(54); // (90 + 30 + 42) / 3
      const recs = await get(admin, '/api/v1/indicators/signing_to_start_days/records?period=2021');
      expect(
        (recs.data as Array<{ name: string; detail: { days: number } }>).map((r) => [r.name, r.detail.days]),
      ).toEqual([
        ['甲项目', 90],
        ['丙项目（基础设施）', 42],
        ['戊项目（外资1000万美元）', 30],
      ]);
      const started = (await get(admin, '/api/v1/indicators/projects_started?period=2021')).data;
      expect(started.value).toBe(4);
    });

    it('investment completion rate against the time-sequenced target', async () => {
      const year = (await get(admin, '/api/v1/indicators/investment_completion_rate?period=2021')).data;
      expect(year.value).toBe(86.7); // 1.3 / 1.5
      expect(year.benchmark).toEqual({ label: { zh: '时序进度', en: 'Time-sequenced target' }, value: 100 });
      const june = (await get(admin, '/api/v1/indicators/investment_completion_rate?period=2021-06')).data;
      expect(june.value).toBe(20); // 0.3 / 1.5
      expect(june.benchmark.value).toBe(50);
    });

    it('problems closed on time', async () => {
      const rate = (await get(admin, '/api/v1/indicators/problems_closed_on_time_rate?period=2021')).data;
      expect(rate.value).toBe(33.3);
      expect(rate.records).toBe(3);
    });

    it('reform tasks on time and overdue milestones, as of the period end', async () => {
      const rate = (
        await get(admin, '/api/v1/indicators/reform_tasks_on_time_rate?period=2021&breakdown=region')
      ).data;
      expect(rate.value).toBe(33.3); // 1 of 3 (the adjusted task is left out)
      expect(rate.breakdown.map((r: { key: string; value: number }) => [r.key, r.value])).toEqual([
        ['321102', 100],
        ['321181', 0],
      ]);
      const overdue = (await get(admin, '/api/v1/indicators/reform_milestones_overdue?period=2021')).data;
      expect(overdue.value).toBe(2); // 节点 due 2021-10-31 open; 节点 due 2021-09-20 done only in 2022
      expect(overdue.previous).toBe(0);
      expect(
        (await get(admin, '/api/v1/indicators/reform_milestones_overdue?period=2021-Q3')).data.value,
      ).toBe(1);
      expect(
        (await get(admin, '/api/v1/indicators/reform_milestones_overdue?period=2021-06')).data.value,
      ).toBe(0);
      const recs = await get(admin, '/api/v1/indicators/reform_milestones_overdue/records?period=2021');
      expect(recs.data.map((r: { name: string }) => r.name).sort()).toEqual([
        '任务三：节点一',
        '任务二：节点二',
      ]);
      expect(recs.data[0].link).toMatch(/^\/reform\/tasks\//);
      const jingkou = await t.login('jingkou');
      expect(
        (await get(jingkou, '/api/v1/indicators/reform_tasks_on_time_rate?period=2021')).data.value,
      ).toBe(100);
    });

    it('enterprise counts equal the registry’s own countNewQualifications', async () => {
      for (const year of [2021, 2023, 2024]) {
        const rows = await listIndicatorValues(t.database.db, { period: String(year), regionCode: '321100' });
        const by = new Map(rows.map((r) => [r.code, r.value]));
        const db = t.database.db;
        expect(by.get('new_hitech_enterprises')).toBe(
          await countNewQualifications(db, {
            year,
            regionCode: '321100',
            tier: 'hitech',
            minLevel: 'national',
          }),
        );
        expect(by.get('new_unicorns')).toBe(
          await countNewQualifications(db, { year, regionCode: '321100', tier: 'unicorn' }),
        );
        expect(by.get('new_gazelles')).toBe(
          await countNewQualifications(db, {
            year,
            regionCode: '321100',
            tier: 'gazelle',
            minLevel: 'provincial',
          }),
        );
        expect(by.get('new_specialized_smes')).toBe(
          await countNewQualifications(db, {
            year,
            regionCode: '321100',
            tier: 'specialized',
            minLevel: 'provincial',
          }),
        );
      }
    });

    it('targets: entered by the reform office, progress shown beside the value', async () => {
      const reform = await t.login('reform');
      const leader = await t.login('leader');
      const body = { code: 'signed_major_investment', year: 2021, regionCode: '321100', target: 10 };
      expect((await t.call(leader, 'POST', '/api/v1/indicator-targets', body)).statusCode).toBe(403);
      const created = await t.call(reform, 'POST', '/api/v1/indicator-targets', body);
      expect(created.statusCode, created.body).toBe(201);
      expect((await t.call(reform, 'POST', '/api/v1/indicator-targets', body)).statusCode).toBe(409);
      const v = (await get(admin, '/api/v1/indicators/signed_major_investment?period=2021&region=321100'))
        .data;
      expect(v.target).toEqual({ id: created.json().data.id, value: 10, progress: 51.5, met: false });
      const upd = await t.call(reform, 'PATCH', `/api/v1/indicator-targets/${created.json().data.id}`, {
        target: 5,
        version: 1,
      });
      expect(upd.statusCode, upd.body).toBe(200);
      expect(
        (
          await t.call(reform, 'PATCH', `/api/v1/indicator-targets/${created.json().data.id}`, {
            target: 6,
            version: 1,
          })
        ).statusCode,
      ).toBe(409);
      const v2 = (await get(admin, '/api/v1/indicators/signed_major_investment?period=2021&region=321100'))
        .data;
      expect(v2.target.met).toBe(true);
      expect((await get(leader, '/api/v1/indicator-targets?year=2021')).data).toHaveLength(1);
      const lower = await t.call(reform, 'POST', '/api/v1/indicator-targets', {
        code: 'signing_to_start_days',
        year: 2021,
        regionCode: '321100',
        target: 60,
      });
      expect(lower.statusCode).toBe(201);
      const days = (await get(admin, '/api/v1/indicators/signing_to_start_days?period=2021&region=321100'))
        .data;
      expect(days.target.met).toBe(true); // 54 days ≤ 60
      expect(
        (await t.call(reform, 'DELETE', `/api/v1/indicator-targets/${lower.json().data.id}`)).statusCode,
      ).toBe(200);
    });

    it('listIndicatorValues gives the CLI rows', async () => {
      const rows = await listIndicatorValues(t.database.db, { period: '2021', regionCode: '321100' });
      const byCode = new Map(rows.map((r) => [r.code, r]));
      expect(byCode.get('signed_major_investment')).toEqual({
        code: 'signed_major_investment',
        name: '新签约亿元以上项目总投资',
        value: 5.15,
        unit: '亿元',
        previous: 4.2,
        yoy: 22.6,
      });
      expect(Object.keys(rows[0]!).sort()).toEqual(['code', 'name', 'previous', 'unit', 'value', 'yoy']);
    });

    it('rejects unknown codes, bad periods and unsupported breakdowns', async () => {
      expect((await t.call(admin, 'GET', '/api/v1/indicators/nope?period=2021')).statusCode).toBe(404);
      expect(
        (await t.call(admin, 'GET', '/api/v1/indicators/signed_major_count?period=2021-13')).statusCode,
      ).toBe(400);
      expect(
        (
          await t.call(
            admin,
            'GET',
            '/api/v1/indicators/problems_closed_on_time_rate?period=2021&breakdown=chain',
          )
        ).statusCode,
      ).toBe(422);
    });
  });
}
