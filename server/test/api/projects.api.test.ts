import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../contracts/validators/credit-code';
import { todayCst } from '../../src/core/clock';
import { DEMO_SIGNED_MAJOR_TOTALS } from '../../src/modules/projects/projects.demo';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const validCredit = (body17: string) => body17 + creditCodeCheckChar(body17);
const COMPANY = validCredit('91321181MA1XYW123');

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = '----gjp' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
  );
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

type Detail = Record<string, any>;

for (const engine of ENGINES) {
  describe(`${engine}: projects`, () => {
    let t: TestApp;
    let drc: Session;
    let jingkou: Session;
    let danyangUser: Session;
    let danyangUnit: string;
    let jingkouUnit: string;

    const base = async (over: Record<string, unknown> = {}) => ({
      name: '测试智能装备项目',
      level: 'municipal',
      category: 'industrial',
      regionCode: '321181',
      responsibleUnitId: danyangUnit,
      ...over,
    });
    const create = async (s: Session, over: Record<string, unknown> = {}) =>
      t.call(s, 'POST', '/api/v1/projects', await base(over));
    const upload = async (s: Session, projectId: string, docType: string) => {
      const body = multipart(
        { entity: 'project', entityId: projectId, docType },
        { name: `${docType}.pdf`, data: PDF },
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().data.id as string;
    };
    const byName = async (name: string) => {
      const r = await t.database.db
        .selectFrom('projects')
        .select(['id'])
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return r.id;
    };

    beforeAll(async () => {
      t = await createTestApp(engine);
      drc = await t.login('drc');
      jingkou = await t.login('jingkou');
      danyangUser = await t.login('danyang');
      danyangUnit = await t.unitId('danyang');
      jingkouUnit = await t.unitId('jingkou');
    });
    afterAll(async () => t?.close());

    // ------------------------------------------------------------ CRUD and validation

    it('creates a project, normalising codes and deriving the industry path', async () => {
      const res = await create(drc, {
        projectCode: '２３０６－３２１１８１－８９－０２－７９９９２０',
        industryCode: 'C2761',
        chainCode: 'life_health',
        investorCreditCode: ' 914403001922038216 ',
        agreedInvestment: 350_000_000,
        coUnitIds: [await t.unitId('zj-miit')],
        milestones: { signed: { plannedOn: '2024-03-31' }, negotiation: { actualOn: '2024-01-10' } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json().data as Detail;
      expect(p.projectCode).toBe('2306-321181-89-02-799920');
      expect(p.legacyProjectCode).toBeNull();
      expect(p.investorCreditCode).toBe('914403001922038216');
      expect(p.industryCode).toBe('2761');
      expect(p.industry).toEqual({
        section: { code: 'C', name: '制造业' },
        division: { code: '27', name: '医药制造业' },
        group: { code: '276', name: '生物药品制品制造' },
        class: { code: '2761', name: '生物药品制造' },
      });
      expect(p.chainName).toBe('生命健康');
      expect(p.nameInitials).toBe('csznzbxm');
      expect(p.stage).toBe(2);
      expect(p.coUnits.map((u: { name: string }) => u.name)).toEqual(['镇江市工业和信息化局']);
      expect(p.milestones.find((m: Detail) => m.key === 'signed')).toMatchObject({
        plannedOn: '2024-03-31',
        actualOn: null,
        gated: true,
        requirements: [['investment_agreement']],
      });

      const legacy = await create(drc, { name: '老项目', projectCode: '2017-321181-34-03-012345' });
      expect(legacy.statusCode, legacy.body).toBe(201);
      expect(legacy.json().data).toMatchObject({
        projectCode: null,
        legacyProjectCode: '2017-321181-34-03-012345',
      });

      const dup = await create(drc, { name: '重复代码项目', projectCode: '2306-321181-89-02-799920' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('DUPLICATE');
    });

    it('rejects bad codes and references, naming the field', async () => {
      const bad = async (over: Record<string, unknown>, field: string, text: RegExp, lang = 'zh-CN') => {
        const res = await t.call(drc, 'POST', '/api/v1/projects', await base(over), {
          'accept-language': lang,
        });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().error.code).toBe('RULE_VIOLATION');
        expect(res.json().error.details.problems.map((p: { field: string }) => p.field)).toContain(field);
        expect(res.json().error.message).toMatch(text);
      };
      await bad({ projectCode: '2306-3211-89-02-799920' }, 'projectCode', /投资项目代码/);
      await bad(
        { investorCreditCode: '914403001922038217' },
        'investorCreditCode',
        /投资方统一社会信用代码.*校验位/,
      );
      await bad(
        { companyCreditCode: '91440300192203821I' },
        'companyCreditCode',
        /company’s unified social credit code/,
        'en',
      );
      await bad({ regionCode: '999999' }, 'regionCode', /不存在/);
      await bad({ regionCode: '320102' }, 'regionCode', /不在本市/);
      await bad({ responsibleUnitId: 'no-such-unit' }, 'responsibleUnitId', /责任单位/);
      await bad({ taskForceId: danyangUnit }, 'taskForceId', /不是专班/);
      await bad({ industryCode: '27' }, 'industryCode', /小类/);
      await bad({ industryCode: 'B2761' }, 'industryCode', /门类应为 C/);
      await bad({ chainCode: 'no_chain' }, 'chainCode', /产业链/);
      await bad({ foreignInvested: true, foreignAmountUsd: 20_000_000 }, 'fxRate', /汇率/);
      // shape errors are 400 with the path
      const shape = await t.call(drc, 'POST', '/api/v1/projects', await base({ agreedInvestment: 1.5 }));
      expect(shape.statusCode).toBe(400);
      expect(shape.json().error.details[0].path).toBe('agreedInvestment');
    });

    it('derives the 元 amount of a foreign project from USD at the signing rate', async () => {
      const res = await create(drc, {
        name: '外资测试项目',
        foreignInvested: true,
        foreignAmountUsd: 20_000_000,
        fxRate: 7.1,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().data).toMatchObject({
        foreignInvested: true,
        foreignAmountUsd: 20_000_000,
        fxRate: 7.1,
        agreedInvestment: 142_000_000,
      });
    });

    it('updates with optimistic versions and audits every write', async () => {
      const p = (await create(drc, { name: '版本测试项目' })).json().data as Detail;
      const ok = await t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, {
        version: p.version,
        linkedLeader: '王副市长',
        nextSteps: '加快供地',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().data).toMatchObject({ version: p.version + 1, linkedLeader: '王副市长' });
      const stale = await t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, {
        version: p.version,
        linkedLeader: '张副市长',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(stale.json().error.details.current).toMatchObject({
        id: p.id,
        version: p.version + 1,
        linkedLeader: '王副市长',
      });
      const history = (await t.call(drc, 'GET', `/api/v1/projects/${p.id}/history`)).json();
      expect(history.data.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(history.data[0].changes).toMatchObject({
        before: { linked_leader: null },
        after: { linked_leader: '王副市长' },
      });
      const del = await t.call(drc, 'DELETE', `/api/v1/projects/${p.id}?version=${p.version + 1}`);
      expect(del.statusCode, del.body).toBe(200);
      expect((await t.call(drc, 'GET', `/api/v1/projects/${p.id}`)).statusCode).toBe(404);
      // a project with a problem on it is ended, not erased: 409 with what refers to it, nothing deleted
      const worked = (await create(drc, { name: '有问题的项目' })).json().data as Detail;
      const problem = await t.call(drc, 'POST', '/api/v1/problems', {
        category: 'land',
        entity: 'project',
        entityId: worked.id,
        title: '用地指标未落实',
      });
      expect(problem.statusCode, problem.body).toBe(201);
      const refused = await t.call(drc, 'DELETE', `/api/v1/projects/${worked.id}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'IN_USE' });
      expect(refused.json().error.message).toContain('1 个问题');
      expect((await t.call(drc, 'GET', `/api/v1/projects/${worked.id}`)).statusCode).toBe(200);
      expect((await t.call(drc, 'GET', `/api/v1/problems/${problem.json().data.id}`)).statusCode).toBe(200);
      // a district clerk has no project:delete
      const mine = (await create(danyangUser, { name: '删除权限测试' })).json().data as Detail;
      expect((await t.call(danyangUser, 'DELETE', `/api/v1/projects/${mine.id}`)).statusCode).toBe(403);
    });

    it('terminates, suspends and resumes with a reason', async () => {
      const p = (await create(drc, { name: '终止测试项目' })).json().data as Detail;
      const noReason = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/suspend`, { version: p.version });
      expect(noReason.statusCode).toBe(400);
      const s = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/suspend`, {
        version: p.version,
        reason: '等待能评指标',
        approver: '市发改委 主任',
      });
      expect(s.statusCode, s.body).toBe(200);
      expect(s.json().data).toMatchObject({
        suspended: true,
        suspendedReason: '等待能评指标',
        suspendedApprover: '市发改委 主任',
        suspendedOn: todayCst(),
      });
      const r = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/resume`, {
        version: s.json().data.version,
        reason: '指标已落实',
      });
      expect(r.json().data).toMatchObject({ suspended: false, suspendedReason: null });
      const tm = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/terminate`, {
        version: r.json().data.version,
        reason: '投资方撤资',
        on: '2099-01-01',
      });
      expect(tm.statusCode).toBe(422);
      const tm2 = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/terminate`, {
        version: r.json().data.version,
        reason: '投资方撤资',
      });
      expect(tm2.json().data).toMatchObject({
        terminated: true,
        terminatedReason: '投资方撤资',
        abilities: { terminate: false, resume: true },
      });
      const terminated = (await t.call(drc, 'GET', '/api/v1/projects?terminated=true&q=终止测试')).json();
      expect(terminated.total).toBe(1);
    });

    // ------------------------------------------------------------ stage rules and evidence gates

    it('enforces the hard prerequisites of the stage model, naming the milestone', async () => {
      const p = (
        await create(drc, {
          name: '前置条件测试项目',
          milestones: { negotiation: { actualOn: '2025-01-05' } },
        })
      ).json().data as Detail;
      const patch = (
        version: number,
        milestones: Record<string, unknown>,
        extra: Record<string, unknown> = {},
      ) => t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, { version, milestones, ...extra });
      // 施工许可 needs 备案 (and land)
      let res = await patch(p.version, { permitted: { actualOn: '2025-03-01' } });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/「许可」的实际日期需要先有「备案\/核准」/);
      expect(res.json().error.message).toMatch(/「供地」/);
      // 备案 needs a legal-entity applicant — through its evidence confirmation
      const cert = await upload(drc, p.id, 'filing_certificate');
      res = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/filed/confirm`, {
        actualOn: '2025-02-01',
        attachmentIds: [cert],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/「备案\/核准」需要法人主体/);
      const v1 = (await patch(p.version, {}, { companyCreditCode: COMPANY })).json().data.version;
      res = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/filed/confirm`, {
        actualOn: '2025-02-01',
        attachmentIds: [cert],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data.stage).toBe(5);
      let version = res.json().data.version;
      // land still missing; not before 备案; never in the future
      res = await patch(version, { permitted: { actualOn: '2025-03-01' } });
      expect(res.json().error.message).toMatch(/「供地」/);
      expect(res.json().error.message).not.toMatch(/需要先有「备案/);
      res = await patch(version, { permitted: { actualOn: '2025-01-15' } }, { leasedPlant: true });
      expect(res.json().error.message).toMatch(/不能早于「备案\/核准」（2025-02-01）/);
      res = await patch(version, { permitted: { actualOn: '2999-01-01' } }, { leasedPlant: true });
      expect(res.json().error.message).toMatch(/不能晚于今天/);
      // a leased plant needs no land
      res = await patch(version, { permitted: { actualOn: '2025-03-01' } }, { leasedPlant: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data.stage).toBe(7);
      version = res.json().data.version;
      expect(v1).toBeGreaterThan(p.version);
      // 竣工 needs 开工; 达产 needs 投产
      const acceptance = await upload(drc, p.id, 'completion_acceptance');
      res = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/completed/confirm`, {
        actualOn: '2025-06-01',
        attachmentIds: [acceptance],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/「竣工」的实际日期需要先有「开工」/);
      res = await patch(version, { full_capacity: { actualOn: '2025-06-01' } });
      expect(res.json().error.message).toMatch(/「达产」的实际日期需要先有「投产」/);
      // stage is the furthest milestone with an actual date
      res = await patch(version, { evaluated: { actualOn: '2025-04-01' } });
      expect(res.json().data.stage).toBe(14);
      res = await patch(res.json().data.version, { evaluated: { actualOn: null } });
      expect(res.json().data.stage).toBe(7);
    });

    it('sets gated milestones only through evidence, recording who confirmed on which documents', async () => {
      const p = (await create(drc, { name: '佐证测试项目' })).json().data as Detail;
      const direct = await t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, {
        version: p.version,
        milestones: { signed: { actualOn: '2025-05-01', plannedOn: '2025-04-30' } },
      });
      expect(direct.statusCode).toBe(422);
      expect(direct.json().error.message).toMatch(/「签约」的实际日期需凭佐证材料确认（需要：投资协议）/);
      // planned dates alone are free
      const planned = await t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, {
        version: p.version,
        milestones: { signed: { plannedOn: '2025-04-30' } },
      });
      expect(planned.statusCode).toBe(200);
      const photo = await upload(drc, p.id, 'site_photo');
      const noEvidence = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/signed/confirm`, {
        actualOn: '2025-05-01',
        attachmentIds: [photo],
      });
      expect(noEvidence.statusCode).toBe(422);
      expect(noEvidence.json().error.message).toMatch(/确认「签约」需要佐证材料：投资协议/);
      const other = (await create(drc, { name: '别的项目' })).json().data as Detail;
      const foreignDoc = await upload(drc, other.id, 'investment_agreement');
      const wrongProject = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/signed/confirm`, {
        actualOn: '2025-05-01',
        attachmentIds: [foreignDoc],
      });
      expect(wrongProject.statusCode).toBe(422);
      expect(wrongProject.json().error.message).toMatch(/不属于本项目/);
      const agreement = await upload(drc, p.id, 'investment_agreement');
      // a district clerk may attach but not confirm
      expect(
        (
          await t.call(danyangUser, 'POST', `/api/v1/projects/${p.id}/milestones/signed/confirm`, {
            actualOn: '2025-05-01',
            attachmentIds: [agreement],
          })
        ).statusCode,
      ).toBe(403);
      const ok = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/signed/confirm`, {
        actualOn: '2025-05-01',
        attachmentIds: [agreement, photo],
        note: '协议原件已核',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const signed = (ok.json().data as Detail).milestones.find((m: Detail) => m.key === 'signed');
      expect(signed).toMatchObject({
        actualOn: '2025-05-01',
        plannedOn: '2025-04-30',
        deviationDays: 1,
        status: 'done',
      });
      expect(signed.confirmation).toMatchObject({
        source: 'evidence',
        confirmedBy: await t.userId('drc'),
        confirmedByName: '发改委 陈刚',
        note: '协议原件已核',
        attachmentIds: [agreement, photo],
      });
      expect(ok.json().data.stage).toBe(3);
      const clear = await t.call(drc, 'PATCH', `/api/v1/projects/${p.id}`, {
        version: ok.json().data.version,
        milestones: { signed: { actualOn: null } },
      });
      expect(clear.statusCode).toBe(422);
      expect(clear.json().error.message).toMatch(/不能直接清除实际日期.*撤销确认/);
      const history = (await t.call(drc, 'GET', `/api/v1/projects/${p.id}/history`)).json();
      const confirm = history.data.find((e: { action: string }) => e.action === 'confirm');
      expect(confirm.changes).toMatchObject({
        before: { actual_signed_on: null },
        after: { actual_signed_on: '2025-05-01', stage: 3 },
        payload: { milestone: 'signed', docTypes: ['investment_agreement'] },
      });
      // started: either the permit, or a start report with photos
      const report = await upload(drc, p.id, 'start_report');
      const started = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/started/confirm`, {
        actualOn: '2025-06-01',
        attachmentIds: [report, photo],
      });
      expect(started.statusCode, started.body).toBe(200);
      // withdrawing it clears the date and keeps the record
      const revoked = await t.call(drc, 'POST', `/api/v1/projects/${p.id}/milestones/started/revoke`, {
        reason: '日期填错',
      });
      expect(revoked.json().data.milestones.find((m: Detail) => m.key === 'started').actualOn).toBeNull();
      const rows = await t.database.db
        .selectFrom('milestone_confirmations')
        .selectAll()
        .where('project_id', '=', p.id)
        .execute();
      expect(rows.map((r) => [r.milestone, r.revoke_reason]).sort()).toEqual([
        ['signed', null],
        ['started', '日期填错'],
      ]);
    });

    it('keeps evidence rules configurable by a rule-set manager', async () => {
      const rules = (await t.call(drc, 'GET', '/api/v1/projects/evidence-rules')).json();
      expect(rules.data.map((r: { milestone: string }) => r.milestone)).toEqual([
        'signed',
        'filed',
        'land_supplied',
        'started',
        'completed',
        'in_operation',
      ]);
      expect(rules.data.find((r: Detail) => r.milestone === 'started').requirements).toEqual([
        ['construction_permit'],
        ['start_report', 'site_photo'],
      ]);
      expect(rules.docTypes.investment_agreement).toEqual({ zh: '投资协议', en: 'Investment agreement' });
      expect(
        (await t.call(danyangUser, 'PUT', '/api/v1/projects/evidence-rules', { rules: [] })).statusCode,
      ).toBe(403);
      const put = await t.call(drc, 'PUT', '/api/v1/projects/evidence-rules', {
        rules: [{ milestone: 'permitted', requirements: [['construction_permit']] }],
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().data.find((r: Detail) => r.milestone === 'permitted')).toMatchObject({
        active: true,
        confirmPermission: 'project:confirm-milestone',
      });
      const off = await t.call(drc, 'PUT', '/api/v1/projects/evidence-rules', {
        rules: [{ milestone: 'permitted', requirements: [['construction_permit']], active: false }],
      });
      expect(off.json().data.find((r: Detail) => r.milestone === 'permitted').active).toBe(false);
    });

    // ------------------------------------------------------------ monthly progress and plans

    it('derives monthly figures, keeps them consistent, and handles 1–2月 reported together', async () => {
      const p = (await create(drc, { name: '月报测试项目' })).json().data as Detail;
      const put = (month: string, body: Record<string, unknown>) =>
        t.call(drc, 'PUT', `/api/v1/projects/${p.id}/monthly/${month}`, body);
      let res = await put('2025-02', {
        ytdInvestment: 30_000_000,
        cumulativeInvestment: 130_000_000,
        combinedWithPrevious: true,
        physicalProgressPct: 10,
        physicalProgressText: '桩基施工',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toMatchObject({
        month: '2025-02',
        monthInvestment: 30_000_000,
        ytdInvestment: 30_000_000,
        cumulativeInvestment: 130_000_000,
        combinedWithPrevious: true,
      });
      res = await put('2025-01', { monthInvestment: 1 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/1–2 月已合并在 2 月报送/);
      res = await put('2025-03', { monthInvestment: 20_000_000 });
      expect(res.json().data).toMatchObject({
        monthInvestment: 20_000_000,
        ytdInvestment: 50_000_000,
        cumulativeInvestment: 150_000_000,
      });
      res = await put('2025-04', { ytdInvestment: 65_000_000 });
      expect(res.json().data).toMatchObject({
        monthInvestment: 15_000_000,
        cumulativeInvestment: 165_000_000,
      });
      res = await put('2025-05', { monthInvestment: 5_000_000, ytdInvestment: 80_000_000 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.problems[0]).toMatchObject({
        field: 'monthInvestment',
        expected: 15_000_000,
      });
      res = await put('2025-05', { cumulativeInvestment: 170_000_000, ytdInvestment: 80_000_000 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.problems[0]).toMatchObject({
        field: 'cumulativeInvestment',
        expected: 180_000_000,
      });
      // revising March's cumulative moves April's month figure, April's reported cumulative stays
      res = await put('2025-03', { ytdInvestment: 55_000_000 });
      expect(res.json().data).toMatchObject({ monthInvestment: 25_000_000, ytdInvestment: 55_000_000 });
      const april = (await t.call(drc, 'GET', `/api/v1/projects/${p.id}/monthly/2025-04`)).json().data;
      expect(april).toMatchObject({
        monthInvestment: 10_000_000,
        ytdInvestment: 65_000_000,
        cumulativeInvestment: 165_000_000,
      });
      res = await put('2025-03', { ytdInvestment: 70_000_000 });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/超过了之后 2025-04/);
      res = await put('2099-01', { monthInvestment: 1 });
      expect(res.statusCode).toBe(422);

      // annual plan with a curve; the series carries target and completion rate
      const badCurve = await t.call(drc, 'PUT', `/api/v1/projects/${p.id}/plans/2025`, {
        planInvestment: 120_000_000,
        curve: [0.1, 0.2, 0.15, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
      });
      expect(badCurve.statusCode).toBe(422);
      expect(badCurve.json().error.message).toMatch(/不能下降/);
      const curve = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];
      const plan = await t.call(drc, 'PUT', `/api/v1/projects/${p.id}/plans/2025`, {
        planInvestment: 120_000_000,
        curve,
      });
      expect(plan.statusCode, plan.body).toBe(200);
      const series = (await t.call(drc, 'GET', `/api/v1/projects/${p.id}/monthly`)).json();
      expect(series.data.map((m: Detail) => m.month)).toEqual(['2025-02', '2025-03', '2025-04']);
      expect(series.data[2]).toMatchObject({ target: 36_000_000, completionRate: 65_000_000 / 120_000_000 });
      const detail = (await t.call(drc, 'GET', `/api/v1/projects/${p.id}`)).json().data;
      expect(detail.latestMonthly.month).toBe('2025-04');
      expect(detail.planProgress).toMatchObject({
        year: 2025,
        month: '2025-04',
        planInvestment: 120_000_000,
        target: 36_000_000,
        targetRate: 0.3,
      });
      // the project's 形象进度 is its latest report that has one
      expect(detail).toMatchObject({ physicalProgressText: '桩基施工', physicalProgressPct: 10 });
      await put('2025-04', { physicalProgressText: '主体结构施工', physicalProgressPct: 35 });
      expect((await t.call(drc, 'GET', `/api/v1/projects/${p.id}`)).json().data).toMatchObject({
        physicalProgressText: '主体结构施工',
        physicalProgressPct: 35,
      });
    });

    // ------------------------------------------------------------ finding things

    it('filters, sorts, paginates and searches by pinyin initials', async () => {
      const all = (await t.call(drc, 'GET', '/api/v1/projects?pageSize=1')).json().total as number;
      const city = (await t.call(drc, 'GET', '/api/v1/projects?regionCode=321100&pageSize=1')).json().total;
      expect(city).toBe(all);
      const dy = (await t.call(drc, 'GET', '/api/v1/projects?regionCode=321181&pageSize=200')).json();
      expect(dy.total).toBeGreaterThan(20);
      expect(dy.data.every((p: Detail) => p.regionCode === '321181' && p.regionName === '丹阳市')).toBe(true);

      const staged = (await t.call(drc, 'GET', '/api/v1/projects?stage=10,11&pageSize=200')).json();
      expect(staged.data.every((p: Detail) => [10, 11].includes(p.stage))).toBe(true);
      const ranged = (
        await t.call(drc, 'GET', '/api/v1/projects?stageFrom=11&stageTo=13&pageSize=200')
      ).json();
      expect(ranged.total).toBeGreaterThan(0);
      expect(ranged.data.every((p: Detail) => p.stage >= 11 && p.stage <= 13)).toBe(true);

      const big = (
        await t.call(drc, 'GET', '/api/v1/projects?agreedFrom=5000000000&sort=-agreedInvestment&pageSize=200')
      ).json();
      expect(big.total).toBeGreaterThan(0);
      const amounts = big.data.map((p: Detail) => p.agreedInvestment);
      expect(amounts.every((a: number) => a >= 5_000_000_000)).toBe(true);
      expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);

      const signed24 = (
        await t.call(
          drc,
          'GET',
          '/api/v1/projects?signedFrom=2024-01-01&signedTo=2024-12-31&category=industrial&sort=signedOn&pageSize=200',
        )
      ).json();
      const dates = signed24.data.map((p: Detail) => p.signedOn);
      expect(dates.every((d: string) => d >= '2024-01-01' && d <= '2024-12-31')).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      const started = (
        await t.call(drc, 'GET', '/api/v1/projects?startedFrom=2025-01-01&startedTo=2025-06-30&pageSize=200')
      ).json();
      expect(
        started.data.every((p: Detail) => p.startedOn >= '2025-01-01' && p.startedOn <= '2025-06-30'),
      ).toBe(true);

      const p1 = (await t.call(drc, 'GET', '/api/v1/projects?sort=name&pageSize=5&page=1')).json();
      const p2 = (await t.call(drc, 'GET', '/api/v1/projects?sort=name&pageSize=5&page=2')).json();
      expect(p1.data).toHaveLength(5);
      expect(p2.data[0].id).not.toBe(p1.data[4].id);
      const both = (await t.call(drc, 'GET', '/api/v1/projects?sort=name&pageSize=10')).json();
      expect(both.data.map((p: Detail) => p.id)).toEqual([...p1.data, ...p2.data].map((p: Detail) => p.id));

      // keyword: name, code, pinyin initials
      const haqi = await byName('哈电汽轮机重燃及核电装备基地项目');
      for (const q of ['哈电汽轮机', 'hdqlj', 'HDQLJZR', 'zrjhd']) {
        const res = (await t.call(drc, 'GET', `/api/v1/projects?q=${encodeURIComponent(q)}`)).json();
        expect(
          res.data.map((p: Detail) => p.id),
          q,
        ).toContain(haqi);
      }
      const code = (await t.call(drc, 'GET', `/api/v1/projects/${haqi}`)).json().data.projectCode as string;
      expect(
        (await t.call(drc, 'GET', `/api/v1/projects?q=${code.slice(-6)}`))
          .json()
          .data.map((p: Detail) => p.id),
      ).toContain(haqi);

      // chain, zone, unit, leader, light, level
      const chain = (
        await t.call(drc, 'GET', '/api/v1/projects?chainCode=high_end_equipment&pageSize=200')
      ).json();
      expect(chain.data.map((p: Detail) => p.id)).toContain(haqi);
      const zone = (
        await t.call(drc, 'GET', `/api/v1/projects?zoneUnitId=${await t.unitId('zj-etdz')}&pageSize=200`)
      ).json();
      expect(
        zone.data.every((p: Detail) => p.zoneUnitName === '镇江经济技术开发区（镇江新区）管理委员会'),
      ).toBe(true);
      const unit = (
        await t.call(drc, 'GET', `/api/v1/projects?responsibleUnitId=${jingkouUnit}&pageSize=200`)
      ).json();
      expect(unit.data.every((p: Detail) => p.responsibleUnitId === jingkouUnit)).toBe(true);
      const leader = (
        await t.call(drc, 'GET', `/api/v1/projects?linkedLeader=${encodeURIComponent('李市长')}&pageSize=200`)
      ).json();
      expect(leader.total).toBeGreaterThan(0);
      await t.database.db.updateTable('projects').set({ light: 'red' }).where('id', '=', haqi).execute();
      const red = (await t.call(drc, 'GET', '/api/v1/projects?light=red&pageSize=200')).json();
      expect(red.data.map((p: Detail) => p.id)).toContain(haqi);
      expect(red.data.every((p: Detail) => p.light === 'red')).toBe(true);
      const lv = (await t.call(drc, 'GET', '/api/v1/projects?level=provincial&pageSize=200')).json();
      expect(lv.data.every((p: Detail) => p.level === 'provincial')).toBe(true);
      await t.database.db.updateTable('projects').set({ light: null }).where('id', '=', haqi).execute();
    });

    it('aggregates by district and keeps saved views per user', async () => {
      const stats = (await t.call(drc, 'GET', '/api/v1/projects/stats/by-district?year=2025')).json();
      expect(stats.month).toBe('2025-12');
      const total = (await t.call(drc, 'GET', '/api/v1/projects?terminated=false&pageSize=1')).json().total;
      expect(stats.data.reduce((s: number, r: Detail) => s + r.projects, 0)).toBe(total);
      const xinqu = stats.data.find((r: Detail) => r.regionCode === '321171');
      expect(xinqu).toMatchObject({ regionName: '镇江新区' });
      expect(xinqu.ytdInvestment).toBeGreaterThan(0);
      const scoped = (await t.call(jingkou, 'GET', '/api/v1/projects/stats/by-district?year=2025')).json();
      expect(scoped.data.map((r: Detail) => r.regionCode)).toEqual(['321102']);

      const view = await t.call(drc, 'POST', '/api/v1/saved-views', {
        ledger: 'projects',
        name: '丹阳在建',
        query: { regionCode: '321181', stage: ['10'] },
      });
      expect(view.statusCode, view.body).toBe(201);
      expect((await t.call(drc, 'GET', '/api/v1/saved-views?ledger=projects')).json().data).toEqual([
        view.json().data,
      ]);
      expect((await t.call(jingkou, 'GET', '/api/v1/saved-views?ledger=projects')).json().data).toEqual([]);
      expect((await t.call(jingkou, 'DELETE', `/api/v1/saved-views/${view.json().data.id}`)).statusCode).toBe(
        404,
      );
      expect((await t.call(drc, 'DELETE', `/api/v1/saved-views/${view.json().data.id}`)).statusCode).toBe(
        200,
      );

      const chains = (await t.call(jingkou, 'GET', '/api/v1/chains')).json().data;
      expect(chains.map((c: Detail) => c.name)).toContain('新能源汽车及零部件');
      expect((await t.call(jingkou, 'PUT', '/api/v1/chains', { chains: [] })).statusCode).toBe(403);
      const industries = (await t.call(jingkou, 'GET', '/api/v1/industries?parent=C')).json().data;
      expect(industries).toHaveLength(31);
    });

    // ------------------------------------------------------------ data scope

    it('keeps another district’s projects out of every read path of a district clerk', async () => {
      const dyProject = await byName('奥地利科林尼精密表面处理项目').then(async () => {
        const r = await t.database.db
          .selectFrom('projects')
          .select(['id', 'name'])
          .where('region_code', '=', '321181')
          .orderBy('name')
          .limit(1)
          .executeTakeFirstOrThrow();
        return r;
      });
      const attachment = await upload(drc, dyProject.id, 'investment_agreement');
      const list = (await t.call(jingkou, 'GET', '/api/v1/projects?pageSize=200')).json();
      expect(list.total).toBeGreaterThan(0);
      expect(list.data.every((p: Detail) => p.regionCode.startsWith('321102'))).toBe(true);
      expect(
        (await t.call(jingkou, 'GET', `/api/v1/projects?q=${encodeURIComponent(dyProject.name)}`)).json()
          .total,
      ).toBe(0);
      expect((await t.call(jingkou, 'GET', '/api/v1/projects?regionCode=321181')).json().total).toBe(0);
      for (const url of [
        `/api/v1/projects/${dyProject.id}`,
        `/api/v1/projects/${dyProject.id}/history`,
        `/api/v1/projects/${dyProject.id}/monthly`,
        `/api/v1/attachments?entity=project&entityId=${dyProject.id}`,
        `/api/v1/attachments/${attachment}`,
        `/api/v1/attachments/${attachment}/content`,
      ]) {
        const res = await t.call(jingkou, 'GET', url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect(
        (await t.call(jingkou, 'PATCH', `/api/v1/projects/${dyProject.id}`, { version: 1, name: 'x' }))
          .statusCode,
      ).toBe(404);
      // writes that would place a record outside the clerk's district are forbidden
      const outside = await create(jingkou, { name: '越界项目' });
      expect(outside.statusCode).toBe(403);
      const own = await create(jingkou, {
        name: '京口测试项目',
        regionCode: '321102',
        responsibleUnitId: jingkouUnit,
      });
      expect(own.statusCode, own.body).toBe(201);
      const move = await t.call(jingkou, 'PATCH', `/api/v1/projects/${own.json().data.id}`, {
        version: own.json().data.version,
        regionCode: '321181',
      });
      expect(move.statusCode).toBe(403);
      expect(
        (await t.call(jingkou, 'GET', `/api/v1/projects/${own.json().data.id}`)).json().data.regionCode,
      ).toBe('321102');
      // the export is scoped like the list
      const { exportRows } = await import('../../src/modules/projects/projects.export');
      const { buildActor } = await import('../../src/modules/auth/auth.service');
      const actor = (await buildActor(t.database.db, await t.userId('jingkou'), {
        ip: null,
        userAgent: null,
      }))!;
      const rows = [];
      for await (const r of exportRows({ db: t.database.db }, actor, {})) rows.push(r);
      expect(rows.length).toBe((await t.call(jingkou, 'GET', '/api/v1/projects?pageSize=1')).json().total);
      expect(rows.every((r) => r.region === '京口区')).toBe(true);
      const xlsx = await t.call(jingkou, 'GET', '/api/v1/projects/export.xlsx?regionCode=321181');
      expect(xlsx.statusCode, xlsx.body.slice(0, 300)).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect((await t.call(await t.login('leader'), 'GET', '/api/v1/projects/export.xlsx')).statusCode).toBe(
        403,
      );
    });

    it('shows a task force member the task force’s projects', async () => {
      const tf = await t.login('taskforce');
      const tfId = await t.unitId('tf-chain');
      const res = (await t.call(tf, 'GET', '/api/v1/projects?pageSize=200')).json();
      const expected = await t.database.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('task_force_id', '=', tfId)
        .executeTakeFirstOrThrow();
      expect(res.total).toBe(Number(expected.n));
      expect(res.total).toBeGreaterThan(0);
      const haqi = await byName('哈电汽轮机重燃及核电装备基地项目');
      expect(res.data.map((p: Detail) => p.id)).toContain(haqi);
      const detail = (await t.call(tf, 'GET', `/api/v1/projects/${haqi}`)).json().data;
      expect(detail.taskForceName).toBe('产业链招引专班');
      const other = await t.database.db
        .selectFrom('projects')
        .select('id')
        .where('task_force_id', 'is', null)
        .limit(1)
        .executeTakeFirstOrThrow();
      expect((await t.call(tf, 'GET', `/api/v1/projects/${other.id}`)).statusCode).toBe(404);
    });

    // ------------------------------------------------------------ the demo's published figures

    it('reproduces the demo figures: 2300亿元 (+40%), 88 days, the named projects', async () => {
      // the indicator's own records, summed in 元 (the crediting rule lives once, in the indicators module)
      const credited = async (year: number) => {
        const res = (
          await t.call(
            drc,
            'GET',
            `/api/v1/indicators/signed_major_investment/records?period=${year}&pageSize=200`,
          )
        ).json();
        expect(res.total).toBeLessThanOrEqual(200);
        return {
          total: res.data.reduce(
            (s: number, r: { detail: { amountYuan: number } }) => s + r.detail.amountYuan,
            0,
          ),
        };
      };
      const y24 = await credited(2024);
      const y23 = await credited(2023);
      expect(y24.total).toBe(230_000_000_000);
      expect(y23.total).toBe(DEMO_SIGNED_MAJOR_TOTALS[2023]);
      expect(((y24.total / y23.total - 1) * 100).toFixed(1)).toBe('40.0');
      // the crediting rules matter: a plain sum of 2024 signings ≥ 1亿 differs
      const naive = await t.database.db
        .selectFrom('projects')
        .select((eb) => eb.fn.sum<number>('agreed_investment').as('s'))
        .where('actual_signed_on', '>=', '2024-01-01')
        .where('actual_signed_on', '<=', '2024-12-31')
        .where('agreed_investment', '>=', 100_000_000)
        .executeTakeFirstOrThrow();
      expect(Number(naive.s)).not.toBe(230_000_000_000);

      const haqi = (
        await t.call(drc, 'GET', `/api/v1/projects/${await byName('哈电汽轮机重燃及核电装备基地项目')}`)
      ).json().data;
      expect(haqi).toMatchObject({ signingToStartDays: 88, regionName: '镇江新区' });
      expect(haqi.milestones.find((m: Detail) => m.key === 'permitted').actualOn).toBe('2024-08-23');
      const yahao = (
        await t.call(drc, 'GET', `/api/v1/projects/${await byName('亚豪轻量化铝构件项目')}`)
      ).json().data;
      expect(yahao.stage).toBe(10);
      expect(yahao.milestones.find((m: Detail) => m.key === 'completed').actualOn).toBeNull();
      expect(yahao.latestMonthly.month).toBe('2025-12');
      const kol = (
        await t.call(drc, 'GET', `/api/v1/projects/${await byName('奥地利科林尼精密表面处理项目')}`)
      ).json().data;
      const start = kol.milestones.find((m: Detail) => m.key === 'started');
      expect(kol).toMatchObject({ foreignInvested: true, foreignAmountUsd: 30_000_000 });
      expect(start.actualOn < start.plannedOn).toBe(true);
      expect(start.deviationDays).toBeLessThan(0);
      expect(start.confirmation).toMatchObject({ source: 'demo' });
    });
  });
}
