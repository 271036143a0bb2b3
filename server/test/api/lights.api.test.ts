import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/core/clock';
import { recomputeAllLights, recomputeProjectLight } from '../../src/modules/lights/lights.service';
import { ENGINES } from '../dialects';
import { insertProject, insertProjectWithProgress, setMonthlyYtd } from '../factories/projects';
import { createTestApp, type Session, type TestApp } from '../test-app';

/** 10:00 in Zhenjiang on the given day: June's report (due by the 10th) is evaluated from 11 July. */
const at = (day: string) => setClock(new Date(`${day}T02:00:00Z`));

for (const engine of ENGINES) {
  describe(`${engine}: traffic lights`, () => {
    let t: TestApp;
    let drc: Session;
    let admin: Session;
    let jingkou: Session;
    let danyang: Session;
    let jingkouUnit: string;
    let danyangUnit: string;
    let defaultSet: { id: string; version: number; status: string };

    const lights = async (s: Session, id: string) => t.call(s, 'GET', `/api/v1/projects/${id}/lights`);
    const recompute = async () => {
      const r = await t.call(drc, 'POST', '/api/v1/lights/recompute');
      expect(r.statusCode).toBe(200);
      return r.json().data as { projects: number; changed: number; historyWritten: number };
    };

    beforeAll(async () => {
      t = await createTestApp(engine);
      drc = await t.login('drc');
      admin = await t.login('admin');
      jingkou = await t.login('jingkou');
      danyang = await t.login('danyang');
      jingkouUnit = await t.unitId('jingkou');
      danyangUnit = await t.unitId('danyang');
      at('2025-07-15');
      const sets = (await t.call(drc, 'GET', '/api/v1/light-rule-sets')).json().data as Array<{
        id: string;
        version: number;
        status: string;
        isDefault: boolean;
      }>;
      defaultSet = sets.find((s) => s.isDefault)!;
      if (defaultSet.status !== 'active') {
        const r = await t.call(drc, 'POST', `/api/v1/light-rule-sets/${defaultSet.id}/activate`, {
          version: defaultSet.version,
          effectiveFrom: '2025-01-01',
        });
        expect(r.statusCode).toBe(200);
        defaultSet = r.json().data;
      }
    });
    afterAll(async () => {
      setClock(null);
      await t?.close();
    });

    it('ships a default rule set that names the city behind each threshold', async () => {
      const r = await t.call(jingkou, 'GET', `/api/v1/light-rule-sets/${defaultSet.id}`);
      expect(r.statusCode).toBe(200);
      const rs = r.json().data;
      expect(rs.isDefault).toBe(true);
      expect(rs.status).toBe('active');
      expect(rs.notes).toContain('银川');
      expect(rs.notes).toContain('武汉');
      const kinds = new Set(rs.params.rules.map((x: { kind: string }) => x.kind));
      for (const k of ['pp_gap', 'ratio', 'start_overdue', 'consecutive_months', 'stats_enrolment'])
        expect(kinds.has(k)).toBe(true);
      for (const rule of rs.params.rules) expect(rule.source).toBeTruthy();
      expect(rs.abilities).toEqual({ update: false, activate: false, copy: false });
    });

    it('lights a project from its figures and says which rule fired on which figures, since when', async () => {
      // plan 1.2亿; April/May on track, June 4800万 = 40% against 50% → 10 pp behind → yellow
      const p = await insertProjectWithProgress(
        t.database.db,
        { name: '京口黄灯项目', region_code: '321102', responsible_unit_id: jingkouUnit },
        {
          plan: 120_000_000,
          reports: [
            ['2025-04', 40_000_000],
            ['2025-05', 45_000_000],
            ['2025-06', 48_000_000],
          ],
        },
      );
      const before = (await lights(jingkou, p.id)).json().data;
      expect(before.light).toBeNull();
      expect(before.stale).toBe(true);
      expect(before.current.color).toBe('yellow');
      await recompute();
      const body = (await lights(jingkou, p.id)).json().data;
      expect(body.light).toBe('yellow');
      expect(body.lightSince).toBe('2025-07-15');
      expect(body.stale).toBe(false);
      expect(body.ruleSet).toMatchObject({ id: defaultSet.id, version: defaultSet.version });
      expect(body.current.asOfMonth).toBe('2025-06');
      expect(body.current.fired).toHaveLength(1);
      expect(body.current.fired[0]).toMatchObject({
        ruleId: 'progress-yellow',
        kind: 'pp_gap',
        color: 'yellow',
      });
      expect(body.current.fired[0].figures).toMatchObject({
        planInvestment: 120_000_000,
        target: 60_000_000,
        actual: 48_000_000,
        gapPp: 10,
      });
      expect(body.current.fired[0].message.zh).toContain('落后10个百分点');
      expect(body.history).toHaveLength(1);
      expect(body.history[0]).toMatchObject({
        color: 'yellow',
        previousColor: null,
        reason: 'manual',
        asOfMonth: '2025-06',
        ruleSetId: defaultSet.id,
      });
      const row = await t.database.db
        .selectFrom('projects')
        .select(['light', 'light_since', 'version'])
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ light: 'yellow', light_since: '2025-07-15', version: 1 }); // the ledger's version is untouched
    });

    it('writes history only when the colour or the set of rules that fired changes', async () => {
      const p = await insertProjectWithProgress(
        t.database.db,
        { name: '京口历史项目', region_code: '321102', responsible_unit_id: jingkouUnit },
        {
          plan: 120_000_000,
          reports: [
            ['2025-05', 45_000_000],
            ['2025-06', 48_000_000],
          ],
        },
      );
      const history = async () =>
        (await lights(drc, p.id)).json().data.history as Array<{
          color: string;
          reason: string;
          previousColor: string | null;
        }>;
      await recompute();
      expect(await history()).toHaveLength(1);
      // the hourly job and a second manual run find the same picture: nothing is written
      await recomputeAllLights({ db: t.database.db }, 'schedule');
      await recompute();
      expect(await history()).toHaveLength(1);
      // the projects module's hook, inside its own transaction
      const same = await t.database.db.transaction().execute((trx) => recomputeProjectLight(trx, p.id));
      expect(same).toEqual({ light: 'yellow', changed: false });
      // other figures, same rule (11.7 pp behind is still yellow): still nothing
      await setMonthlyYtd(t.database.db, p.id, '2025-06', 46_000_000);
      await t.database.db.transaction().execute((trx) => recomputeProjectLight(trx, p.id));
      expect(await history()).toHaveLength(1);
      // 2000万 = 16.7% against 50%: > 30 pp behind and < 60% of the target → red
      await setMonthlyYtd(t.database.db, p.id, '2025-06', 20_000_000);
      const changed = await t.database.db.transaction().execute((trx) => recomputeProjectLight(trx, p.id));
      expect(changed).toEqual({ light: 'red', changed: true });
      const h = await history();
      expect(h).toHaveLength(2);
      expect(h[0]).toMatchObject({ color: 'red', previousColor: 'yellow', reason: 'change' });
      const body = (await lights(drc, p.id)).json().data;
      expect(body.current.fired.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual([
        'progress-ratio-red',
        'progress-red',
      ]);
      // days pass without new figures: still nothing new
      at('2025-07-20');
      await recomputeAllLights({ db: t.database.db }, 'schedule');
      expect(await history()).toHaveLength(2);
      at('2025-07-15');
    });

    it('lights start and statistics-enrolment problems', async () => {
      const late = await insertProject(t.database.db, {
        name: '应开未开项目',
        region_code: '321102',
        responsible_unit_id: jingkouUnit,
        actual_signed_on: '2024-12-01',
        planned_started_on: '2025-03-01',
      });
      const unenrolled = await insertProject(t.database.db, {
        name: '未入库项目',
        region_code: '321102',
        responsible_unit_id: jingkouUnit,
        actual_signed_on: '2024-12-01',
        planned_started_on: '2025-06-01',
        actual_started_on: '2025-06-01',
      });
      const ok = await insertProject(t.database.db, {
        name: '按期开工项目',
        region_code: '321102',
        responsible_unit_id: jingkouUnit,
        actual_signed_on: '2024-12-01',
        planned_started_on: '2025-08-01',
      });
      const lead = await insertProject(t.database.db, {
        name: '在谈项目',
        region_code: '321102',
        responsible_unit_id: jingkouUnit,
      });
      await recompute();
      const a = (await lights(drc, late.id)).json().data;
      expect(a.light).toBe('red');
      expect(a.current.fired.map((f: { ruleId: string }) => f.ruleId)).toEqual(['start-red', 'start-yellow']);
      expect(a.current.fired[0].figures).toMatchObject({
        plannedStartOn: '2025-03-01',
        monthsOverdue: 5,
        daysOverdue: 136,
      });
      const b = (await lights(drc, unenrolled.id)).json().data;
      expect(b.light).toBe('yellow');
      expect(b.current.fired.map((f: { ruleId: string }) => f.ruleId)).toEqual(['stats-yellow']);
      expect((await lights(drc, ok.id)).json().data.light).toBe('green');
      const l = (await lights(drc, lead.id)).json().data;
      expect(l.light).toBeNull();
      expect(l.current).toMatchObject({ assessed: false, notAssessedReason: 'not_signed' });
    });

    it('a 正当理由 override needs an approver other than the requester, wins until revoked or expired, and is audited', async () => {
      const p = await insertProject(t.database.db, {
        name: '征地受阻项目',
        region_code: '321102',
        responsible_unit_id: jingkouUnit,
        actual_signed_on: '2024-12-01',
        planned_started_on: '2025-02-01',
      });
      await recompute();
      expect((await lights(jingkou, p.id)).json().data.light).toBe('red');

      const bad = await t.call(jingkou, 'POST', `/api/v1/projects/${p.id}/light-override`, {
        color: 'green',
        reason: '征地补偿方案已获批',
        attachmentIds: ['no-such-file'],
      });
      expect(bad.statusCode).toBe(422);
      const req = await t.call(jingkou, 'POST', `/api/v1/projects/${p.id}/light-override`, {
        color: 'yellow',
        reason: '因文物勘探暂缓开工，已报市政府同意',
        until: '2025-09-30',
      });
      expect(req.statusCode).toBe(201);
      const o = req.json().data;
      expect(o).toMatchObject({
        status: 'pending',
        color: 'yellow',
        until: '2025-09-30',
        abilities: { approve: false, reject: false, revoke: true },
      });
      // one open request per project
      expect(
        (
          await t.call(jingkou, 'POST', `/api/v1/projects/${p.id}/light-override`, {
            color: 'green',
            reason: '再次申请',
          })
        ).statusCode,
      ).toBe(422);
      // the district clerk holds no light:override; a pending request changes nothing
      expect((await t.call(jingkou, 'POST', `/api/v1/light-overrides/${o.id}/approve`, {})).statusCode).toBe(
        403,
      );
      expect((await lights(jingkou, p.id)).json().data.light).toBe('red');
      const pending = (await t.call(drc, 'GET', '/api/v1/light-overrides?status=pending')).json().data;
      expect(pending.find((x: { id: string }) => x.id === o.id)?.abilities.approve).toBe(true);

      const approved = await t.call(drc, 'POST', `/api/v1/light-overrides/${o.id}/approve`, { note: '同意' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().data).toMatchObject({ status: 'approved', decidedByName: '发改委 陈刚' });
      let body = (await lights(jingkou, p.id)).json().data;
      expect(body.light).toBe('yellow');
      expect(body.current.color).toBe('red'); // the rules still say red: the override decides the light
      expect(body.override).toMatchObject({ id: o.id, status: 'approved' });
      expect(body.history[0]).toMatchObject({
        color: 'yellow',
        computedColor: 'red',
        previousColor: 'red',
        reason: 'override',
        overrideId: o.id,
      });
      // an hourly recompute keeps the override
      await recomputeAllLights({ db: t.database.db }, 'schedule');
      expect((await lights(jingkou, p.id)).json().data.light).toBe('yellow');
      // past `until` it expires and the computed light returns
      at('2025-10-01');
      await recomputeAllLights({ db: t.database.db }, 'schedule');
      body = (await lights(jingkou, p.id)).json().data;
      expect(body.light).toBe('red');
      expect(body.overrides.find((x: { id: string }) => x.id === o.id).status).toBe('expired');
      expect(body.history[0]).toMatchObject({ color: 'red', previousColor: 'yellow', reason: 'override' });
      at('2025-07-15');

      // DRC asks itself: it may not approve its own request; the administrator may
      const own = (
        await t.call(drc, 'POST', `/api/v1/projects/${p.id}/light-override`, {
          color: 'green',
          reason: '已取得施工许可，下周开工',
        })
      ).json().data;
      expect(own.abilities.approve).toBe(false);
      const self = await t.call(drc, 'POST', `/api/v1/light-overrides/${own.id}/approve`, {});
      expect(self.statusCode).toBe(403);
      expect((await t.call(admin, 'POST', `/api/v1/light-overrides/${own.id}/approve`, {})).statusCode).toBe(
        200,
      );
      await recomputeAllLights({ db: t.database.db }, 'schedule'); // recomputed as of 15 July again
      expect((await lights(jingkou, p.id)).json().data.light).toBe('green');
      // revoked: back to the rules
      expect(
        (await t.call(drc, 'POST', `/api/v1/light-overrides/${own.id}/revoke`, { note: '未按期开工' }))
          .statusCode,
      ).toBe(200);
      expect((await lights(jingkou, p.id)).json().data.light).toBe('red');

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity', '=', 'light_override')
        .execute();
      const of = (id: string) =>
        audit
          .filter((a) => a.entity_id === id)
          .map((a) => a.action)
          .sort();
      expect(of(o.id)).toEqual(['approve', 'create']);
      expect(of(own.id)).toEqual(['approve', 'create', 'update']);
    });

    it('is scoped exactly like the project ledger', async () => {
      const dy = await insertProjectWithProgress(
        t.database.db,
        { name: '丹阳红灯项目', region_code: '321181', responsible_unit_id: danyangUnit },
        { plan: 120_000_000, reports: [['2025-06', 10_000_000]] },
      );
      await recompute();
      expect((await lights(danyang, dy.id)).json().data.light).toBe('red');
      const miss = await lights(jingkou, dy.id);
      expect(miss.statusCode).toBe(404);
      expect(miss.json().error.code).toBe('NOT_FOUND');
      expect(
        (
          await t.call(jingkou, 'POST', `/api/v1/projects/${dy.id}/light-override`, {
            color: 'green',
            reason: '越权申请',
          })
        ).statusCode,
      ).toBe(404);
      const mine = (await t.call(jingkou, 'GET', '/api/v1/light-overrides')).json().data as Array<{
        projectId: string;
        regionCode: string;
      }>;
      expect(mine.every((o) => o.regionCode.startsWith('321102'))).toBe(true);

      // the summary counts exactly the projects the caller may see
      const summary = (await t.call(jingkou, 'GET', '/api/v1/lights/summary')).json().data;
      const rows = await t.database.db
        .selectFrom('projects')
        .select(['light'])
        .where('region_code', 'like', '321102%')
        .where('terminated', '=', 0)
        .execute();
      const count = (c: string | null) => rows.filter((r) => r.light === c).length;
      expect(summary).toMatchObject({
        total: rows.length,
        red: count('red'),
        yellow: count('yellow'),
        green: count('green'),
        none: count(null),
      });
      expect(summary.byRegion.every((r: { regionCode: string }) => r.regionCode.startsWith('321102'))).toBe(
        true,
      );
      const city = (await t.call(drc, 'GET', '/api/v1/lights/summary?regionCode=321181')).json().data;
      expect(city.red).toBeGreaterThanOrEqual(1);
      expect(city.byRegion.every((r: { regionCode: string }) => r.regionCode === '321181')).toBe(true);
    });

    it('rule sets: drafts are edited, an active set never; activation retires the previous one and recomputes', async () => {
      expect(
        (await t.call(jingkou, 'POST', '/api/v1/light-rule-sets', { name: 'x', copyFromId: defaultSet.id }))
          .statusCode,
      ).toBe(403);
      const created = await t.call(drc, 'POST', '/api/v1/light-rule-sets', {
        name: '镇江市重大项目红黄绿灯规则（试行）',
        docNo: '镇发改投资〔2025〕88号',
        copyFromId: defaultSet.id,
      });
      expect(created.statusCode).toBe(201);
      const draft = created.json().data;
      expect(draft).toMatchObject({
        status: 'draft',
        isDefault: false,
        version: 1,
        abilities: { update: true, activate: true },
      });
      const invalid = await t.call(drc, 'PATCH', `/api/v1/light-rule-sets/${draft.id}`, {
        version: 1,
        params: {
          rules: [
            {
              id: 'a',
              kind: 'consecutive_months',
              color: 'red',
              label: { zh: 'a', en: 'a' },
              params: { baseRuleIds: ['missing'], months: 2 },
            },
          ],
        },
      });
      expect(invalid.statusCode).toBe(400);
      // Wuhan-style cards instead of Yinchuan's percentage points
      const params = {
        reportDueDay: 10,
        rules: [
          {
            id: 'wh-yellow',
            kind: 'ratio',
            color: 'yellow',
            label: { zh: '低于时序进度80%', en: '< 80%' },
            params: { gte: 0.6, lt: 0.8 },
          },
          {
            id: 'wh-red',
            kind: 'ratio',
            color: 'red',
            label: { zh: '低于时序进度60%', en: '< 60%' },
            params: { lt: 0.6 },
          },
        ],
      };
      const patched = await t.call(drc, 'PATCH', `/api/v1/light-rule-sets/${draft.id}`, {
        version: 1,
        params,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().data.version).toBe(2);
      expect(
        (await t.call(drc, 'PATCH', `/api/v1/light-rule-sets/${draft.id}`, { version: 1, name: 'stale' }))
          .statusCode,
      ).toBe(409);
      expect(
        (
          await t.call(drc, 'POST', `/api/v1/light-rule-sets/${draft.id}/activate`, {
            version: 2,
            effectiveFrom: '2025-08-01',
          })
        ).statusCode,
      ).toBe(422);

      const p = await insertProjectWithProgress(
        t.database.db,
        { name: '规则切换项目', region_code: '321102', responsible_unit_id: jingkouUnit },
        {
          plan: 120_000_000,
          reports: [
            ['2025-05', 45_000_000],
            ['2025-06', 48_000_000],
          ],
        }, // June 10 pp behind (yellow under Yinchuan); 80% of target (green under Wuhan)
      );
      await recompute();
      expect((await lights(drc, p.id)).json().data.light).toBe('yellow');
      const act = await t.call(drc, 'POST', `/api/v1/light-rule-sets/${draft.id}/activate`, {
        version: 2,
        effectiveFrom: '2025-07-01',
      });
      expect(act.statusCode).toBe(200);
      expect(act.json().data).toMatchObject({ status: 'active', effectiveFrom: '2025-07-01' });
      expect(act.json().recompute.projects).toBeGreaterThan(0);
      const old = (await t.call(drc, 'GET', `/api/v1/light-rule-sets/${defaultSet.id}`)).json().data;
      expect(old).toMatchObject({ status: 'retired', effectiveTo: '2025-06-30' });
      const active = (await t.call(drc, 'GET', '/api/v1/light-rule-sets'))
        .json()
        .data.filter((s: { status: string }) => s.status === 'active');
      expect(active.map((s: { id: string }) => s.id)).toEqual([draft.id]);
      const body = (await lights(drc, p.id)).json().data;
      expect(body.light).toBe('green');
      expect(body.history[0]).toMatchObject({
        color: 'green',
        previousColor: 'yellow',
        reason: 'rule_set',
        ruleSetId: draft.id,
        ruleSetVersion: 3,
      });
      const edit = await t.call(drc, 'PATCH', `/api/v1/light-rule-sets/${draft.id}`, {
        version: 3,
        name: '改名',
      });
      expect(edit.statusCode).toBe(422);
    });
  });
}
