import { todayCst } from '../../src/core/clock';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { insertMonthly, insertPlan, insertProblem, seedSignings } from './results.fixtures';

const E8 = 100_000_000;

for (const engine of ENGINES) {
  describe(`${engine}: dashboard and rankings`, () => {
    let t: TestApp;
    let leader: Session;
    let reform: Session;
    let ids: Record<string, string>;

    beforeAll(async () => {
      t = await createTestApp(engine);
      leader = await t.login('leader');
      reform = await t.login('reform');
      ids = await seedSignings(t);
      const db = t.database.db;
      await insertPlan(db, ids.A!, 2021, 1 * E8);
      await insertPlan(db, ids.E!, 2021, 0.5 * E8);
      await insertMonthly(db, ids.A!, '321102', '2021-06', 0.3 * E8);
      await insertMonthly(db, ids.A!, '321102', '2021-12', 0.8 * E8);
      await insertMonthly(db, ids.E!, '321181', '2021-12', 0.5 * E8);
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
    });
    afterAll(async () => t?.close());

    it('shows the year’s cards, trend, investment by district and lists, each with a drill descriptor', async () => {
      const res = await t.call(leader, 'GET', '/api/v1/dashboard?year=2021&region=321100');
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json().data;
      const card = d.cards.find((c: { code: string }) => c.code === 'signed_major_investment');
      expect(card).toMatchObject({ value: 5.15, previous: 4.2, yoy: 22.6, unit: '亿元' });
      expect(card.drill).toEqual({
        endpoint: '/api/v1/indicators/signed_major_investment/records',
        query: { period: '2021', region: '321100' },
      });

      expect(d.trend.plan).toBe(1.5);
      expect(d.trend.points).toHaveLength(12);
      expect(d.trend.points[5]).toMatchObject({
        month: '2021-06',
        actual: 0.3,
        target: 0.75,
        actualRate: 20,
        targetRate: 50,
      });
      expect(d.trend.points[11]).toMatchObject({
        month: '2021-12',
        actual: 1.3,
        target: 1.5,
        actualRate: 86.7,
        targetRate: 100,
      });
      expect(d.trend.points[5].drill.query.period).toBe('2021-01..06');

      expect(
        d.investmentByRegion.map((r: { key: string; completed: number; plan: number; value: number }) => [
          r.key,
          r.completed,
          r.plan,
          r.value,
        ]),
      ).toEqual([
        ['321102', 0.8, 1, 80],
        ['321181', 0.5, 0.5, 100],
      ]);

      // the funnel and the lights count the ledger as it stands: checked against direct counts
      const projects = await t.database.db
        .selectFrom('projects')
        .select(['stage', 'light', sql<number>`count(*)`.as('n')])
        .where('terminated', '=', 0)
        .where('region_code', 'like', '3211%')
        .groupBy(['stage', 'light'])
        .execute();
      const total = projects.reduce((s, r) => s + Number(r.n), 0);
      expect(d.funnel.reduce((s: number, f: { value: number }) => s + f.value, 0)).toBe(total);
      expect(d.funnel[0].reached).toBe(total);
      const signed = projects.filter((r) => Number(r.stage) >= 3).reduce((s, r) => s + Number(r.n), 0);
      expect(d.lights.reduce((s: number, l: { value: number }) => s + l.value, 0)).toBe(signed);
      expect(d.lights.map((l: { key: string }) => l.key)).toEqual(['red', 'yellow', 'green', 'none']);
      expect(d.funnel.find((f: { stage: number }) => f.stage === 8).drill).toEqual({
        endpoint: '/api/v1/projects',
        query: { regionCode: '321100', stage: '8,9', terminated: 'false' },
      });

      expect(d.overdueProblems.top.map((p: { title: string }) => p.title)).toContain('电力接入');
      expect(d.overdueProblems.drill).toEqual({
        endpoint: '/api/v1/problems',
        query: { regionCode: '321100', overdue: 'true' },
      });
      expect(d.enterprisesByTier.map((x: { key: string }) => x.key)).toContain('hitech');
      expect(d.enterprisesByTier.find((x: { key: string }) => x.key === 'hitech').drill.endpoint).toBe(
        '/api/v1/enterprises/qualifications',
      );
      expect(Array.isArray(d.reformByStatus)).toBe(true);
    });

    it('opens on the year of the latest monthly report when no year is chosen', async () => {
      const latest = await t.database.db
        .selectFrom('project_monthly')
        .select((eb) => eb.fn.max('month').as('m'))
        .where('region_code', 'like', '3211%')
        .executeTakeFirstOrThrow();
      expect(latest.m).toBeTruthy();
      const city = await t.call(leader, 'GET', '/api/v1/dashboard?region=321100');
      expect(city.statusCode, city.body).toBe(200);
      expect(city.json().data.year).toBe(Number(String(latest.m).slice(0, 4)));
      expect(city.json().data.year).not.toBe(Number(todayCst().slice(0, 4)));
      // a region without any report opens on this year
      const none = await t.call(leader, 'GET', '/api/v1/dashboard?region=320100');
      expect(none.statusCode, none.body).toBe(200);
      expect(none.json().data.year).toBe(Number(todayCst().slice(0, 4)));
    });

    it('a district user’s dashboard is its own district’s', async () => {
      const jingkou = await t.login('jingkou');
      const d = (await t.call(jingkou, 'GET', '/api/v1/dashboard?year=2021')).json().data;
      expect(d.regionCode).toBe('321102');
      expect(d.cards.find((c: { code: string }) => c.code === 'signed_major_investment').value).toBe(2);
      expect(d.investmentByRegion.map((r: { key: string }) => r.key)).toEqual(['321102']);
    });

    it('ranks districts with the published default method (min–max, weights) and drills down', async () => {
      const res = await t.call(leader, 'GET', '/api/v1/rankings?period=2021');
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json().data;
      expect(r.method.isDefault).toBe(true);
      expect(r.method.formula.zh).toContain('得分＝Σ（权重×标准化值）');
      const rows = r.rows.map((x: { name: string; score: number; rank: number }) => [
        x.name,
        x.score,
        x.rank,
      ]);
      // hand-computed: see the comment in the test file's fixture notes
      expect(rows.slice(0, 4)).toEqual([
        ['丹阳市', 82.5, 1],
        ['京口区', 60.41, 2],
        ['丹徒区', 21.45, 3],
        ['扬中市', 7.5, 4],
      ]);
      expect(rows.slice(4).every((x: [string, number, number]) => x[1] === 0 && x[2] === 5)).toBe(true);
      const danyang = r.rows[0];
      const completion = danyang.cells.find((c: { code: string }) => c.code === 'investment_completion_rate');
      expect(completion).toMatchObject({ raw: 100, normalised: 1, points: 20, missing: false });
      expect(completion.drill).toEqual({
        endpoint: '/api/v1/indicators/investment_completion_rate/records',
        query: { period: '2021', region: '321181' },
      });
      const runzhou = r.rows.find((x: { name: string }) => x.name === '润州区');
      expect(runzhou.cells.find((c: { code: string }) => c.code === 'signing_to_start_days')).toMatchObject({
        raw: null,
        missing: true,
        points: 0,
      });
      const zones = (await t.call(leader, 'GET', '/api/v1/rankings?period=2021&subject=zone')).json().data;
      expect(zones.rows.map((x: { name: string }) => x.name).sort()).toEqual(
        ['镇江新区', '镇江高新区'].sort(),
      );
      expect((await t.call(leader, 'GET', '/api/v1/rankings?period=2021-Q1')).statusCode).toBe(422);
    });

    it('methods are versioned: drafts are edited, activated, and never changed once active', async () => {
      const leaderCreate = await t.call(leader, 'POST', '/api/v1/ranking-methods', {
        name: 'x',
        subject: 'region',
        periodKind: 'year',
        normalisation: 'min_max',
        indicators: [{ code: 'signed_major_count', weight: 1 }],
      });
      expect(leaderCreate.statusCode).toBe(403);
      const bad = await t.call(reform, 'POST', '/api/v1/ranking-methods', {
        name: '园区问题办结',
        subject: 'zone',
        periodKind: 'year',
        normalisation: 'min_max',
        indicators: [{ code: 'problems_closed_on_time_rate', weight: 100 }],
      });
      expect(bad.statusCode).toBe(422);
      const created = await t.call(reform, 'POST', '/api/v1/ranking-methods', {
        name: '2021年度比学赶超考评办法',
        subject: 'region',
        periodKind: 'year',
        normalisation: 'ratio_to_best',
        indicators: [{ code: 'signed_major_investment', weight: 50 }],
        issuer: '市委改革办',
        docNo: '改办〔2021〕5号',
      });
      expect(created.statusCode, created.body).toBe(201);
      const m = created.json().data;
      expect(m.status).toBe('draft');
      const edited = await t.call(reform, 'PATCH', `/api/v1/ranking-methods/${m.id}`, {
        indicators: [
          { code: 'signed_major_investment', weight: 60 },
          { code: 'projects_started', weight: 40 },
        ],
        version: m.version,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      const act = await t.call(reform, 'POST', `/api/v1/ranking-methods/${m.id}/activate`, {
        version: edited.json().data.version,
      });
      expect(act.statusCode, act.body).toBe(200);
      expect(
        (
          await t.call(reform, 'PATCH', `/api/v1/ranking-methods/${m.id}`, {
            name: '改',
            version: act.json().data.version,
          })
        ).statusCode,
      ).toBe(422);
      const table = (await t.call(leader, 'GET', '/api/v1/rankings?period=2021')).json().data;
      expect(table.method.id).toBe(m.id);
      // ratio to the best: 丹阳 2.15/2.15 × 60 + 1/2 × 40 = 80; 京口 2/2.15 × 60 + 2/2 × 40 = 95.81
      expect(table.rows.slice(0, 2).map((x: { name: string; score: number }) => [x.name, x.score])).toEqual([
        ['京口区', 95.81],
        ['丹阳市', 80],
      ]);
      const list = (await t.call(leader, 'GET', '/api/v1/ranking-methods?subject=region')).json().data;
      expect(list.find((x: { isDefault: boolean }) => x.isDefault).status).toBe('retired');
    });
  });
}
