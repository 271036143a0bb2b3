import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/actor';
import { systemActor } from '../../src/core/access/actor';
import { setClock } from '../../src/core/clock';
import { exportWorkbook, parseWorkbook } from '../../src/core/excel/engine';
import { ledger, type ReformLedgerRow } from '../../src/modules/reform/reform.excel';
import { runReformReminders } from '../../src/modules/reform/reform.reporting.service';
import { creditCodeCheckChar } from '../../../contracts/validators/credit-code';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

/**
 * The reform ledger end to end on both engines, with the clock pinned to Friday 2026-03-20 (Beijing): CRUD,
 * validation and versions, data scope, the monthly loop (report with evidence → returned → resubmitted →
 * verified and closed → the score updates), evidence-gated closure, extensions, scoring, period lock,
 * "what changed", the to-do centre, reminders, the Excel upsert and SOE tasks.
 */
const NOW = new Date('2026-03-20T02:00:00.000Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = '----gjreform' + Math.random().toString(16).slice(2);
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

for (const engine of ENGINES) {
  describe(`${engine}: reform task ledger`, () => {
    let t: TestApp;
    let dataDir: string;
    let reform: Session;
    let commerce: Session;
    let sci: Session;
    let jingkou: Session;
    let danyang: Session;
    let sasac: Session;
    let leader: Session;
    let areaId: string;
    let itemId: string;
    const u: Record<string, string> = {};

    const upload = (s: Session, entity: string, entityId: string, name = '佐证.pdf') => {
      const body = multipart({ entity, entityId, docType: 'evidence' }, { name, data: PDF });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const newTask = async (s: Session, over: Record<string, unknown> = {}) => {
      const res = await t.call(s, 'POST', '/api/v1/reform/tasks', {
        areaId,
        itemId,
        title: `测试任务 ${Math.random().toString(36).slice(2, 8)}`,
        leadUnitId: u.commerce,
        startOn: '2026-01-01',
        dueOn: '2026-06-30',
        ...over,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().data;
    };
    const score = async (period: string, taskId: string) => {
      const res = await t.call(reform, 'GET', `/api/v1/reform/scores?period=${period}`);
      expect(res.statusCode, res.body).toBe(200);
      return {
        all: res.json().data,
        task: res.json().data.tasks.find((x: { taskId: string }) => x.taskId === taskId),
      };
    };
    const counts = async (s: Session) => (await t.call(s, 'GET', '/api/v1/todo/counts')).json().data;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-reform-'));
      t = await createTestApp(engine, { env: { DATA_DIR: dataDir } });
      setClock(NOW);
      [reform, commerce, sci, jingkou, danyang, sasac, leader] = (await Promise.all(
        ['reform', 'commerce', 'sci', 'jingkou', 'danyang', 'sasac', 'leader'].map((n) => t.login(n)),
      )) as Session[] as [Session, Session, Session, Session, Session, Session, Session];
      for (const c of ['zj-commerce', 'zj-sci', 'zj-sasac', 'danyang', 'jingkou', 'soe-urban', 'zj-reform'])
        u[c.replace('zj-', '')] = await t.unitId(c);
      const areas = (await t.call(reform, 'GET', '/api/v1/reform/areas')).json().data;
      const area = areas.find((a: { name: string }) => a.name === '营商环境改革');
      areaId = area.id;
      itemId = area.items[0].id;
    });
    afterAll(async () => {
      setClock(null);
      await t?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('loads the demo ledger: areas, about 60 tasks, a locked November', async () => {
      const list = (await t.call(reform, 'GET', '/api/v1/reform/tasks?pageSize=200')).json();
      expect(list.total).toBeGreaterThanOrEqual(55);
      expect(new Set(list.data.map((x: { areaName: string }) => x.areaName))).toEqual(
        new Set(['开发园区改革', '营商环境改革', '国资国企改革', '科技创新体制改革', '招商体制机制改革']),
      );
      expect(list.data.some((x: { soeCreditCode: string | null }) => x.soeCreditCode)).toBe(true);
      const locks = (await t.call(reform, 'GET', '/api/v1/reform/periods')).json().data;
      expect(locks.map((l: { period: string; status: string }) => `${l.period}:${l.status}`)).toContain(
        '2025-11:locked',
      );
      const nov = (await t.call(reform, 'GET', '/api/v1/reform/scores?period=2025-11')).json().data;
      expect(nov.locked).toBe(true);
      expect(nov.units.length).toBeGreaterThan(5);
      expect(nov.method.ruleSetName).toContain('考核评分细则');
    });

    it('creates, validates, versions and deletes tasks, with audit records', async () => {
      const bad = await t.call(commerce, 'POST', '/api/v1/reform/tasks', {
        areaId,
        leadUnitId: u.commerce,
        dueOn: '2026-06-30',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      const badCo = await t.call(commerce, 'POST', '/api/v1/reform/tasks', {
        areaId,
        title: '配合单位不存在',
        leadUnitId: u.commerce,
        coUnitIds: ['nope'],
        dueOn: '2026-06-30',
      });
      expect(badCo.statusCode).toBe(422);
      const late = await t.call(commerce, 'POST', '/api/v1/reform/tasks', {
        areaId,
        title: '节点晚于时限',
        leadUnitId: u.commerce,
        dueOn: '2026-06-30',
        milestones: [{ title: 'x', dueOn: '2026-07-31' }],
      });
      expect(late.statusCode).toBe(422);
      // a department cannot give a task to another unit
      expect(
        (
          await t.call(commerce, 'POST', '/api/v1/reform/tasks', {
            areaId,
            title: '别人的任务',
            leadUnitId: u.danyang,
            dueOn: '2026-06-30',
          })
        ).statusCode,
      ).toBe(403);

      const task = await newTask(commerce, {
        code: 'TEST-001',
        coUnitIds: [u.sci],
        measures: '一窗受理',
        milestones: [{ title: '出台方案', dueOn: '2026-03-31' }],
        targets: [{ metric: '办理时限', baseline: 10, target: 5, unit: '天', direction: 'decrease' }],
        contacts: [{ name: '周敏', role: '联络员', phone: '0511-1234567' }],
      });
      expect(task).toMatchObject({
        code: 'TEST-001',
        status: 'not_started',
        cadence: 'monthly',
        regionCode: '321100',
        version: 1,
      });
      expect(task.leadUnit).toEqual({ id: u.commerce, name: '市商务局' });
      expect(task.coUnits.map((c: { id: string }) => c.id)).toEqual([u.sci]);
      expect(task.milestones).toHaveLength(1);
      expect(task.targets[0]).toMatchObject({
        metric: '办理时限',
        direction: 'decrease',
        actual: null,
        actualSource: null,
      });
      expect(task.abilities).toMatchObject({ update: true, report: true, verify: false });
      expect((await newTask(commerce, { isKey: true })).cadence).toBe('weekly');

      expect(
        (
          await t.call(commerce, 'POST', '/api/v1/reform/tasks', {
            areaId,
            title: '编号重复',
            leadUnitId: u.commerce,
            dueOn: '2026-06-30',
            code: 'TEST-001',
          })
        ).statusCode,
      ).toBe(409);

      const stale = await t.call(commerce, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
        title: '改名',
        version: 99,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(stale.json().error.details.current.id).toBe(task.id);
      const ok = await t.call(commerce, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
        title: '改名后的任务',
        targets: [{ ...task.targets[0], actual: 6 }],
        version: 1,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().data).toMatchObject({ title: '改名后的任务', version: 2 });
      expect(ok.json().data.targets[0]).toMatchObject({
        id: task.targets[0].id,
        actual: 6,
        actualSource: 'typed',
        achievement: 0.8,
      });
      // the deadline moves only with the reform office
      const moved = await t.call(commerce, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
        dueOn: '2026-09-30',
        version: 2,
      });
      expect(moved.statusCode).toBe(422);
      const byOffice = await t.call(reform, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
        dueOn: '2026-09-30',
        version: 2,
      });
      expect(byOffice.json().data).toMatchObject({ dueOn: '2026-09-30', originalDueOn: '2026-06-30' });
      // the co-unit sees the task but cannot edit it
      expect((await t.call(sci, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data.abilities.update).toBe(
        false,
      );
      expect(
        (await t.call(sci, 'PATCH', `/api/v1/reform/tasks/${task.id}`, { title: '配合单位改名', version: 3 }))
          .statusCode,
      ).toBe(403);

      const found = (await t.call(commerce, 'GET', '/api/v1/reform/tasks?q=TEST-001')).json();
      expect(found.data.map((x: { id: string }) => x.id)).toEqual([task.id]);

      const doomed = await newTask(commerce);
      expect((await t.call(commerce, 'DELETE', `/api/v1/reform/tasks/${doomed.id}`)).statusCode).toBe(200);
      expect((await t.call(commerce, 'GET', `/api/v1/reform/tasks/${doomed.id}`)).statusCode).toBe(404);

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('entity', '=', 'reform_task')
        .where('entity_id', '=', task.id)
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    });

    it('scope: a 京口 user cannot see a 丹阳-led task on any read path', async () => {
      const dy = await newTask(danyang, { leadUnitId: u.danyang, title: '丹阳市眼镜产业链招商改革' });
      expect(dy.regionCode).toBe('321181');
      expect((await t.call(jingkou, 'GET', `/api/v1/reform/tasks/${dy.id}`)).statusCode).toBe(404);
      const list = (await t.call(jingkou, 'GET', '/api/v1/reform/tasks?pageSize=200&q=眼镜')).json();
      expect(list.total).toBe(0);
      expect((await t.call(jingkou, 'GET', `/api/v1/reform/tasks/${dy.id}/events`)).statusCode).toBe(404);
      expect(
        (await t.call(jingkou, 'PATCH', `/api/v1/reform/tasks/${dy.id}`, { title: '越权修改', version: 1 }))
          .statusCode,
      ).toBe(404);
      const rep = await t.call(danyang, 'POST', `/api/v1/reform/tasks/${dy.id}/reports`, {
        period: '2026-03',
        progress: '推进中',
        submit: true,
      });
      expect(rep.statusCode, rep.body).toBe(201);
      expect((await t.call(jingkou, 'GET', `/api/v1/reform/reports/${rep.json().data.id}`)).statusCode).toBe(
        404,
      );
      expect((await t.call(jingkou, 'GET', `/api/v1/reform/reports?taskId=${dy.id}`)).json().total).toBe(0);
      expect(
        (await t.call(jingkou, 'GET', `/api/v1/attachments?entity=reform_task&entityId=${dy.id}`)).statusCode,
      ).toBe(404);
      const scores = (await t.call(jingkou, 'GET', '/api/v1/reform/scores?period=2026-03')).json().data;
      expect(scores.tasks.some((x: { taskId: string }) => x.taskId === dy.id)).toBe(false);
      // the city leader and the reform office see it
      expect((await t.call(leader, 'GET', `/api/v1/reform/tasks/${dy.id}`)).statusCode).toBe(200);
      expect(
        (await t.call(leader, 'PATCH', `/api/v1/reform/tasks/${dy.id}`, { title: '领导修改', version: 1 }))
          .statusCode,
      ).toBe(403);
      expect((await t.call(reform, 'GET', `/api/v1/reform/tasks/${dy.id}`)).statusCode).toBe(200);
    });

    it('the loop: report with evidence → returned → resubmitted → verified and closed → the score updates', async () => {
      // the milestone was due on 03-15 and is not done yet: March scores 0 so far
      const task = await newTask(commerce, {
        coUnitIds: [u.sci],
        milestones: [{ title: '出台实施方案', dueOn: '2026-03-15' }],
      });
      const milestoneId = task.milestones[0].id;
      const before = await score('2026-03', task.id);
      expect(before.task.breakdown).toMatchObject({
        completion: 0,
        timeliness: 0,
        outcomes: null,
        innovation: 0,
      });
      expect(before.task.score).toBe(0);
      const reviewBefore = (await counts(reform)).byKind.report_to_review ?? 0;

      // the co-unit contributes its part
      const contrib = await t.call(sci, 'PUT', `/api/v1/reform/tasks/${task.id}/contributions/2026-03`, {
        content: '科技局完成数据对接',
        submit: true,
      });
      expect(contrib.statusCode, contrib.body).toBe(200);
      expect(
        (
          await t.call(jingkou, 'PUT', `/api/v1/reform/tasks/${task.id}/contributions/2026-03`, {
            content: 'x',
          })
        ).statusCode,
      ).toBe(404);

      // the lead unit drafts, attaches evidence and submits
      const draft = await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
        period: '2026-03',
        progressPct: 100,
        progress: '实施方案已印发',
        outcomes: '镇政办发〔2026〕5号',
        nextSteps: '抓好落实',
        completedMilestoneIds: [milestoneId],
        taskCompleted: true,
        blockers: [{ title: '部门数据共享接口未开放', category: 'other', dueOn: '2026-04-30' }],
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const report = draft.json().data;
      expect(report).toMatchObject({
        status: 'draft',
        dueOn: '2026-03-25',
        periodKind: 'monthly',
        draftBlockers: [{ title: '部门数据共享接口未开放' }],
      });
      expect(report.contributions.map((c: { unit: { id: string } }) => c.unit.id)).toEqual([u.sci]);
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
            period: '2026-Q1',
            progress: 'x',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
            period: '2026-03',
            progress: 'x',
          })
        ).statusCode,
      ).toBe(409);
      const up = await upload(commerce, 'reform_report', report.id, '实施方案.pdf');
      expect(up.statusCode, up.body).toBe(201);
      expect((await upload(jingkou, 'reform_report', report.id)).statusCode).toBe(404);

      const submitted = await t.call(commerce, 'POST', `/api/v1/reform/reports/${report.id}/submit`, {
        version: report.version,
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json().data).toMatchObject({
        status: 'submitted',
        submitCount: 1,
        onTime: true,
        draftBlockers: [],
      });
      expect(submitted.json().data.evidence).toHaveLength(1);
      const blocker = submitted.json().data.blockers[0];
      expect(blocker).toMatchObject({
        title: '部门数据共享接口未开放',
        status: 'assigned',
        ownerUnitId: u.commerce,
        dueOn: '2026-04-30',
      });
      // the blocker is a problem of the shared problem list
      const problem = await t.database.db
        .selectFrom('problems')
        .selectAll()
        .where('id', '=', blocker.problemId)
        .executeTakeFirstOrThrow();
      expect(problem).toMatchObject({ entity: 'reform_task', entity_id: task.id, owner_unit_id: u.commerce });
      let detail = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data;
      expect(detail).toMatchObject({
        status: 'done_pending_verification',
        progressPct: 100,
        openBlockers: 1,
        evidenceCount: 1,
      });
      expect(detail.milestones[0].status).toBe('done_pending_verification');
      expect(detail.blockers[0].problemId).toBe(blocker.problemId);
      expect((await counts(reform)).byKind.report_to_review).toBe(reviewBefore + 1);
      // a submitted report is not edited by the unit, and the unit does not review
      expect(
        (
          await t.call(commerce, 'PATCH', `/api/v1/reform/reports/${report.id}`, {
            progress: 'x',
            version: 2,
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (await t.call(commerce, 'POST', `/api/v1/reform/reports/${report.id}/review`, { action: 'accept' }))
          .statusCode,
      ).toBe(403);

      // the reform office returns it with comments: what it declared done goes back
      expect(
        (await t.call(reform, 'POST', `/api/v1/reform/reports/${report.id}/review`, { action: 'return' }))
          .statusCode,
      ).toBe(422);
      const returned = await t.call(reform, 'POST', `/api/v1/reform/reports/${report.id}/review`, {
        action: 'return',
        comment: '请补充文件正式文本',
      });
      expect(returned.json().data).toMatchObject({ status: 'returned', returnComment: '请补充文件正式文本' });
      detail = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data;
      expect(detail.storedStatus).toBe('in_progress');
      expect(detail.status).toBe('delayed'); // its milestone (due 03-15) is pending again
      expect(detail.milestones[0].status).toBe('pending');
      expect((await counts(commerce)).byKind.report_returned).toBeGreaterThanOrEqual(1);

      // the unit corrects and resubmits
      const edited = await t.call(commerce, 'PATCH', `/api/v1/reform/reports/${report.id}`, {
        progress: '实施方案已印发（附正式文本）',
        version: returned.json().data.version,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      await upload(commerce, 'reform_report', report.id, '正式文本.pdf');
      const resubmitted = await t.call(commerce, 'POST', `/api/v1/reform/reports/${report.id}/submit`, {});
      expect(resubmitted.json().data).toMatchObject({ status: 'resubmitted', submitCount: 2, onTime: true });
      expect(resubmitted.json().data.blockers).toHaveLength(1); // not raised twice
      expect((await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data.status).toBe(
        'done_pending_verification',
      );

      const accepted = await t.call(reform, 'POST', `/api/v1/reform/reports/${report.id}/review`, {
        action: 'accept',
        comment: '同意',
      });
      expect(accepted.json().data.status).toBe('accepted');
      expect((await counts(reform)).byKind.report_to_review ?? 0).toBe(reviewBefore);

      // verification: the task cannot close before its milestone; then both close
      const early = await t.call(reform, 'POST', `/api/v1/reform/tasks/${task.id}/verify`, {
        result: 'pass',
      });
      expect(early.statusCode).toBe(422);
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/milestones/${milestoneId}/verify`, {
            result: 'pass',
          })
        ).statusCode,
      ).toBe(403);
      const m = await t.call(reform, 'POST', `/api/v1/reform/milestones/${milestoneId}/verify`, {
        result: 'pass',
        comment: '与正式文本一致',
      });
      expect(m.statusCode, m.body).toBe(200);
      expect(m.json().data.milestones[0].status).toBe('closed');
      const closed = await t.call(reform, 'POST', `/api/v1/reform/tasks/${task.id}/verify`, {
        result: 'pass',
        comment: '同意销号',
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json().data).toMatchObject({ status: 'closed', progressPct: 100 });
      expect(closed.json().data.abilities.update).toBe(false);
      expect(
        (
          await t.call(commerce, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
            title: '销号后修改',
            version: closed.json().data.version,
          })
        ).statusCode,
      ).toBe(422);

      // closed: completion 100; the milestone was done (03-20) after its due date (03-15): late credit 0.5
      // → (40×100 + 25×50) ÷ (40 + 25 + 15) = 65.63
      const after = await score('2026-03', task.id);
      expect(after.task.breakdown).toMatchObject({
        completion: 100,
        timeliness: 50,
        outcomes: null,
        innovation: 0,
        deductions: 0,
      });
      expect(after.task.score).toBe(65.63);
      expect(after.task.facts.itemsDone).toBe(2); // the milestone and the task itself
      expect(
        after.all.units.find((x: { unit: { id: string } }) => x.unit.id === u.commerce).taskCount,
      ).toBeGreaterThan(0);

      const kinds = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}/events`))
        .json()
        .data.map((e: { kind: string }) => e.kind)
        .reverse();
      expect(kinds).toEqual(
        expect.arrayContaining([
          'report_submitted',
          'report_returned',
          'report_resubmitted',
          'report_accepted',
          'milestone_verified',
          'task_verified',
        ]),
      );
      const audits = await t.database.db
        .selectFrom('audit_log')
        .select(['entity', 'action'])
        .where('entity_id', 'in', [task.id, report.id, milestoneId])
        .execute();
      expect(audits).toEqual(
        expect.arrayContaining([
          { entity: 'reform_report', action: 'reject' },
          { entity: 'reform_report', action: 'approve' },
          { entity: 'reform_task', action: 'approve' },
          { entity: 'reform_milestone', action: 'approve' },
        ]),
      );
    });

    it('the score reflects what is overdue and what closes', async () => {
      // a task with a milestone due and missed in February and no report filed
      const task = await newTask(commerce, { milestones: [{ title: '二月节点', dueOn: '2026-02-10' }] });
      const feb = await score('2026-02', task.id);
      expect(feb.task.breakdown).toMatchObject({ completion: 0, timeliness: 0 });
      expect(feb.task.facts).toMatchObject({ itemsDue: 1, itemsDone: 0 });
      const units = feb.all.units as Array<{ rank: number; score: number }>;
      for (let i = 1; i < units.length; i++) {
        expect(units[i]!.score).toBeLessThanOrEqual(units[i - 1]!.score);
        expect(units[i]!.rank).toBe(units[i]!.score === units[i - 1]!.score ? units[i - 1]!.rank : i + 1);
      }
      expect(feb.all.method.components.map((c: { key: string }) => c.key)).toEqual([
        'completion',
        'timeliness',
        'outcomes',
        'innovation',
        'deductions',
      ]);
      expect(feb.all.method.formula.zh).toContain('任务得分');
      // a 督察 finding deducts
      const f = await t.call(reform, 'POST', '/api/v1/reform/findings', {
        taskId: task.id,
        foundOn: '2026-02-15',
        title: '节点逾期未报告',
        points: 3,
      });
      expect(f.statusCode, f.body).toBe(201);
      expect(
        (
          await t.call(commerce, 'POST', '/api/v1/reform/findings', {
            taskId: task.id,
            foundOn: '2026-02-15',
            title: '商务局自查发现',
            points: 3,
          })
        ).statusCode,
      ).toBe(403);
      const feb2 = await score('2026-02', task.id);
      expect(feb2.task.breakdown.deductions).toBe(3);
    });

    it('closure without evidence is refused', async () => {
      const task = await newTask(commerce, { milestones: [{ title: '完成试点', dueOn: '2026-03-15' }] });
      const mid = task.milestones[0].id;
      const done = await t.call(commerce, 'POST', `/api/v1/reform/milestones/${mid}/complete`, {
        doneOn: '2026-03-14',
        note: '试点完成',
      });
      expect(done.statusCode, done.body).toBe(200);
      const refused = await t.call(reform, 'POST', `/api/v1/reform/milestones/${mid}/verify`, {
        result: 'pass',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.details.field).toBe('evidence');
      expect((await upload(commerce, 'reform_milestone', mid)).statusCode).toBe(201);
      expect(
        (await t.call(reform, 'POST', `/api/v1/reform/milestones/${mid}/verify`, { result: 'pass' }))
          .statusCode,
      ).toBe(200);

      // a task without milestones and without any evidence
      const bare = await newTask(commerce);
      expect(
        (await t.call(commerce, 'POST', `/api/v1/reform/tasks/${bare.id}/complete`, {})).statusCode,
      ).toBe(200);
      expect(
        (await t.call(reform, 'POST', `/api/v1/reform/tasks/${bare.id}/verify`, { result: 'pass' }))
          .statusCode,
      ).toBe(422);
      // returned with comments, it is back in progress
      const back = await t.call(reform, 'POST', `/api/v1/reform/tasks/${bare.id}/verify`, {
        result: 'return',
        comment: '缺少佐证材料',
      });
      expect(back.json().data.status).toBe('in_progress');
      expect(
        (await t.call(reform, 'POST', `/api/v1/reform/tasks/${bare.id}/verify`, { result: 'pass' }))
          .statusCode,
      ).toBe(422);
    });

    it('extensions and adjustments are requested, decided by the reform office and recorded', async () => {
      const task = await newTask(commerce, { milestones: [{ title: '系统上线', dueOn: '2026-04-30' }] });
      const mid = task.milestones[0].id;
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/extensions`, {
            kind: 'extension',
            milestoneId: mid,
            reason: '太早',
            requestedDueOn: '2026-04-01',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/extensions`, {
            kind: 'extension',
            milestoneId: mid,
            reason: '超过任务时限',
            requestedDueOn: '2026-07-31',
          })
        ).statusCode,
      ).toBe(422);
      const req = await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/extensions`, {
        kind: 'extension',
        milestoneId: mid,
        reason: '上级接口延期开放',
        requestedDueOn: '2026-05-31',
      });
      expect(req.statusCode, req.body).toBe(201);
      expect(req.json().data).toMatchObject({
        status: 'pending',
        currentDueOn: '2026-04-30',
        requestedDueOn: '2026-05-31',
        milestoneTitle: '系统上线',
      });
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/extensions`, {
            kind: 'extension',
            milestoneId: mid,
            reason: '再次申请',
            requestedDueOn: '2026-06-15',
          })
        ).statusCode,
      ).toBe(409);
      expect((await counts(reform)).byKind.extension_to_decide).toBeGreaterThanOrEqual(1);
      expect(
        (
          await t.call(commerce, 'POST', `/api/v1/reform/extensions/${req.json().data.id}/decide`, {
            decision: 'approve',
          })
        ).statusCode,
      ).toBe(403);
      const ok = await t.call(reform, 'POST', `/api/v1/reform/extensions/${req.json().data.id}/decide`, {
        decision: 'approve',
        comment: '同意',
      });
      expect(ok.json().data).toMatchObject({ status: 'approved', decisionComment: '同意' });
      const after = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data;
      expect(after.milestones[0]).toMatchObject({ dueOn: '2026-05-31', originalDueOn: '2026-04-30' });
      expect(
        (
          await t.call(reform, 'POST', `/api/v1/reform/extensions/${req.json().data.id}/decide`, {
            decision: 'reject',
            comment: 'x',
          })
        ).statusCode,
      ).toBe(422);

      const adj = await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/extensions`, {
        kind: 'adjustment',
        reason: '政策调整',
        change: '试点范围缩小到两个区',
      });
      expect(
        (
          await t.call(reform, 'POST', `/api/v1/reform/extensions/${adj.json().data.id}/decide`, {
            decision: 'reject',
          })
        ).statusCode,
      ).toBe(422);
      await t.call(reform, 'POST', `/api/v1/reform/extensions/${adj.json().data.id}/decide`, {
        decision: 'approve',
      });
      expect((await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data.status).toBe(
        'adjusted',
      );
      const audits = await t.database.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('entity', '=', 'reform_extension')
        .where('entity_id', '=', req.json().data.id)
        .orderBy('seq')
        .execute();
      expect(audits.map((a) => a.action)).toEqual(['create', 'approve']);
      const list = (await t.call(commerce, 'GET', `/api/v1/reform/extensions?taskId=${task.id}`)).json();
      expect(list.total).toBe(2);
    });

    it('period lock: a locked month keeps its reports and scores; unlock needs a reason', async () => {
      const task = await newTask(commerce, {
        title: '锁定测试任务',
        targets: [{ metric: '件数', target: 10, unit: '件', actual: 10 }],
      });
      const feb = await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
        period: '2026-02',
        progressPct: 40,
        progress: '二月进展',
        submit: true,
      });
      expect(feb.statusCode, feb.body).toBe(201);
      expect(feb.json().data.onTime).toBe(false); // filed 2026-03-20 for a 2026-02-25 deadline
      expect((await t.call(commerce, 'POST', '/api/v1/reform/periods/2026-02/lock', {})).statusCode).toBe(
        403,
      );
      expect((await t.call(reform, 'POST', '/api/v1/reform/periods/2026-05/lock', {})).statusCode).toBe(422);
      const lock = await t.call(reform, 'POST', '/api/v1/reform/periods/2026-02/lock', {
        note: '二月对账完成',
      });
      expect(lock.statusCode, lock.body).toBe(200);
      expect(lock.json().data).toMatchObject({
        period: '2026-02',
        status: 'locked',
        lockedByName: '改革办 王芳',
      });
      expect((await t.call(reform, 'POST', '/api/v1/reform/periods/2026-02/lock', {})).statusCode).toBe(422);

      const lockedScores = await score('2026-02', task.id);
      expect(lockedScores.all.locked).toBe(true);
      const lockedReports = (
        await t.call(commerce, 'GET', `/api/v1/reform/reports?period=2026-02&taskId=${task.id}`)
      ).json();
      expect(lockedReports.locked).toBe(true);
      expect(lockedReports.data[0]).toMatchObject({
        id: feb.json().data.id,
        taskTitle: '锁定测试任务',
        progress: '二月进展',
      });
      const board = (await t.call(reform, 'GET', '/api/v1/reform/periods/2026-02/board')).json().data;
      expect(board.locked).toBe(true);

      // edits after the lock: the task changes, the month's reports are frozen
      const cur = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}`)).json().data;
      const edit = await t.call(commerce, 'PATCH', `/api/v1/reform/tasks/${task.id}`, {
        title: '锁定后改名',
        targets: [{ ...cur.targets[0], actual: 0 }],
        version: cur.version,
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(
        (
          await t.call(commerce, 'PATCH', `/api/v1/reform/reports/${feb.json().data.id}`, {
            progress: 'x',
            version: 1,
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(reform, 'POST', `/api/v1/reform/reports/${feb.json().data.id}/review`, {
            action: 'accept',
          })
        ).statusCode,
      ).toBe(422);
      const still = await score('2026-02', task.id);
      expect(still.task).toEqual(lockedScores.task);
      expect(
        (await t.call(commerce, 'GET', `/api/v1/reform/reports?period=2026-02&taskId=${task.id}`)).json()
          .data[0].taskTitle,
      ).toBe('锁定测试任务');
      expect(
        (await t.call(commerce, 'GET', `/api/v1/reform/reports/${feb.json().data.id}`)).json().data.taskTitle,
      ).toBe('锁定后改名');

      expect((await t.call(reform, 'POST', '/api/v1/reform/periods/2026-02/unlock', {})).statusCode).toBe(
        400,
      );
      const unlock = await t.call(reform, 'POST', '/api/v1/reform/periods/2026-02/unlock', {
        reason: '督察反馈需更正',
      });
      expect(unlock.json().data).toMatchObject({ status: 'unlocked', unlockReason: '督察反馈需更正' });
      const live = await score('2026-02', task.id);
      expect(live.all.locked).toBe(false);
      expect(live.task.breakdown.outcomes).toBe(0);
      expect(live.task.score).toBeLessThan(lockedScores.task.score);
      const audits = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes'])
        .where('entity', '=', 'reform_period')
        .where('entity_id', '=', '2026-02')
        .orderBy('seq')
        .execute();
      expect(audits.map((a) => a.action)).toEqual(['lock', 'update']);
      expect(audits[1]!.changes).toContain('督察反馈需更正');
    });

    it('what changed since last month', async () => {
      const task = await newTask(commerce, {
        title: '变化视图任务',
        milestones: [{ title: '三月初节点', dueOn: '2026-03-05' }],
      });
      await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
        period: '2026-02',
        progressPct: 30,
        progress: '二月',
        submit: true,
      });
      await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/blockers`, {
        title: '资金未到位',
        category: 'funding',
        dueOn: '2026-04-15',
      });
      const res = await t.call(commerce, 'GET', '/api/v1/reform/changes?from=2026-02&to=2026-03');
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json().data;
      expect(c.newBlockers.map((b: { title: string }) => b.title)).toContain('资金未到位');
      expect(c.newOverdueMilestones.map((m: { taskId: string }) => m.taskId)).toContain(task.id);
      // created in March: it did not exist at the end of February
      const row = c.tasks.find((x: { taskId: string }) => x.taskId === task.id);
      expect(row.status).toEqual({ from: null, to: 'delayed' });
      expect(row.progressPct).toEqual({ from: null, to: 30 });
      expect(
        (await t.call(commerce, 'GET', '/api/v1/reform/changes?from=2026-03&to=2026-02')).statusCode,
      ).toBe(422);
      // the demo's locked November against October
      const demo = (await t.call(reform, 'GET', '/api/v1/reform/changes?from=2025-10&to=2025-11')).json()
        .data;
      expect(demo.toLocked).toBe(true);
      expect(demo.tasks.length).toBeGreaterThan(0);
    });

    it('the to-do centre counts what is due for each user', async () => {
      const before = await counts(commerce);
      const task = await newTask(commerce, {
        startOn: '2026-03-01',
        milestones: [{ title: '即将到期的节点', dueOn: '2026-03-27' }],
      });
      const after = await counts(commerce);
      expect(after.byKind.milestone_due).toBe((before.byKind.milestone_due ?? 0) + 1);
      expect(after.byKind.report_due).toBe((before.byKind.report_due ?? 0) + 1); // the March report (due 03-25)
      const todo = (await t.call(commerce, 'GET', '/api/v1/todo')).json().data;
      const item = todo.items.find(
        (i: { entityId: string; kind: string }) =>
          i.kind === 'milestone_due' && i.entityId === task.milestones[0].id,
      );
      expect(item).toMatchObject({
        dueOn: '2026-03-27',
        daysLeft: 7,
        overdue: false,
        taskId: task.id,
        link: `/reform/tasks/${task.id}?tab=milestones`,
      });
      expect(todo.counts).toEqual(after);
      // problems owned by the unit count too (the blocker of the loop is assigned to 商务局)
      expect(after.problems).toBeGreaterThanOrEqual(1);
      expect(
        todo.items.some(
          (i: { kind: string; entity: string }) => i.kind === 'problem_open' && i.entity === 'problem',
        ),
      ).toBe(true);
      // the co-unit is asked for its part; the leader has nothing to file
      const sciTodo = (await t.call(sci, 'GET', '/api/v1/todo')).json().data;
      expect(sciTodo.items.some((i: { kind: string }) => i.kind === 'contribution_due')).toBe(true);
      expect((await counts(leader)).byKind.report_due ?? 0).toBe(0);
      // filing the report removes it from the list
      await t.call(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
        period: '2026-03',
        progress: '推进中',
        submit: true,
      });
      expect((await counts(commerce)).byKind.report_due).toBe(before.byKind.report_due ?? 0);
    });

    it('reminders go out before and after the due date, once', async () => {
      // February's report is overdue; the milestone is due in two days (reminders go out three days before)
      const task = await newTask(commerce, {
        startOn: '2026-02-01',
        title: '提醒测试任务',
        milestones: [{ title: '提醒节点', dueOn: '2026-03-22' }],
      });
      const first = await runReformReminders(t.database.db);
      expect(first.notified).toBeGreaterThan(0);
      const mine = await t.database.db
        .selectFrom('notifications')
        .select(['kind', 'title'])
        .where('user_id', '=', await t.userId('commerce'))
        .where('entity_id', '=', task.id)
        .execute();
      expect(mine.map((n) => n.kind).sort()).toEqual(['reform.milestone_due', 'reform.report_overdue']);
      expect((await runReformReminders(t.database.db)).notified).toBe(0);
    });

    it('SOE reform tasks: credit-code link and 一利五率 targets', async () => {
      const bad = await t.call(sasac, 'POST', '/api/v1/reform/tasks', {
        areaId,
        title: '国企改革',
        leadUnitId: u.sasac,
        dueOn: '2026-12-31',
        soeCreditCode: '91321100MA1XXXXXX1',
      });
      expect(bad.statusCode).toBe(422);
      const noSoe = await t.call(sasac, 'POST', '/api/v1/reform/tasks', {
        areaId,
        title: '国企改革',
        leadUnitId: u.sasac,
        dueOn: '2026-12-31',
        targets: [
          { metric: '资产负债率', target: 65, unit: '%', direction: 'decrease', soeKpi: 'debtRatio' },
        ],
      });
      expect(noSoe.statusCode).toBe(422);
      expect(
        (await t.call(reform, 'GET', '/api/v1/reform/tasks?soe=true&pageSize=200')).json().total,
      ).toBeGreaterThanOrEqual(3);
      // an SOE not (yet) in the enterprise registry: its targets show the typed values
      const first17 = '91321100MA1Q2R3T4';
      const demoSoe = first17 + creditCodeCheckChar(first17);
      const ok = await t.call(sasac, 'POST', '/api/v1/reform/tasks', {
        areaId,
        title: '城建集团压降资产负债率（测试）',
        leadUnitId: u.sasac,
        coUnitIds: [u['soe-urban']],
        dueOn: '2026-12-31',
        soeCreditCode: demoSoe.toLowerCase(),
        targets: [
          {
            metric: '资产负债率',
            baseline: 68.5,
            target: 65,
            unit: '%',
            direction: 'decrease',
            actual: 66.2,
            soeKpi: 'debtRatio',
          },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().data.soeCreditCode).toBe(demoSoe);
      expect(ok.json().data.targets[0]).toMatchObject({
        soeKpi: 'debtRatio',
        actual: 66.2,
        actualSource: 'typed',
      });
      const soeList = (
        await t.call(sasac, 'GET', `/api/v1/reform/tasks?soeCreditCode=${demoSoe}&pageSize=200`)
      ).json();
      expect(soeList.data.map((x: { id: string }) => x.id)).toContain(ok.json().data.id);
    });

    it('rule sets are versioned: a draft is edited, activated and used', async () => {
      const weights = { completion: 50, timeliness: 20, outcomes: 20, innovation: 10 };
      const params = {
        weights,
        innovation: { first: 100, replicated: 50 },
        lateCredit: 0.5,
        deductionCapPerTask: 10,
        deductionCapPerUnit: 10,
      };
      expect(
        (
          await t.call(reform, 'POST', '/api/v1/reform/rule-sets', {
            name: '错误权重',
            effectiveFrom: '2026-01-01',
            params: { ...params, weights: { ...weights, completion: 60 } },
          })
        ).statusCode,
      ).toBe(400);
      const rs = await t.call(reform, 'POST', '/api/v1/reform/rule-sets', {
        name: '2026 年考核细则',
        docNo: '镇改办〔2026〕1号',
        effectiveFrom: '2026-01-01',
        params,
      });
      expect(rs.statusCode, rs.body).toBe(201);
      expect(
        (
          await t.call(commerce, 'POST', '/api/v1/reform/rule-sets', {
            name: '商务局规则',
            effectiveFrom: '2026-01-01',
            params,
          })
        ).statusCode,
      ).toBe(403);
      const edited = await t.call(reform, 'PATCH', `/api/v1/reform/rule-sets/${rs.json().data.id}`, {
        name: '2026 年考核细则（试行）',
        version: 1,
      });
      expect(edited.json().data.version).toBe(2);
      expect(
        (await t.call(reform, 'POST', `/api/v1/reform/rule-sets/${rs.json().data.id}/activate`)).json().data
          .status,
      ).toBe('active');
      expect(
        (
          await t.call(reform, 'PATCH', `/api/v1/reform/rule-sets/${rs.json().data.id}`, {
            name: '启用后修改',
            version: 3,
          })
        ).statusCode,
      ).toBe(422);
      const s = (await t.call(reform, 'GET', '/api/v1/reform/scores?period=2026-03')).json().data;
      expect(s.method).toMatchObject({ ruleSetName: '2026 年考核细则（试行）', docNo: '镇改办〔2026〕1号' });
      expect(s.method.components[0]).toMatchObject({ key: 'completion', weight: 50 });
      // 2025 is still scored by the 2025 rule set
      expect(
        (await t.call(reform, 'GET', '/api/v1/reform/scores?period=2025-Q3')).json().data.method.ruleSetName,
      ).toContain('2025');
      await t.call(reform, 'POST', `/api/v1/reform/rule-sets/${rs.json().data.id}/retire`);
    });

    it('Excel: the ledger upsert is idempotent by business key and scope-checked per row', async () => {
      const commerceActor: Actor = {
        ...systemActor('商务局 周敏'),
        userId: await t.userId('commerce'),
        unitId: u.commerce!,
        unitPath: (
          await t.database.db
            .selectFrom('units')
            .select('path')
            .where('id', '=', u.commerce!)
            .executeTakeFirstOrThrow()
        ).path,
        regionCode: '321100',
        permissions: new Set(['reform:read', 'reform:manage']),
        scopes: new Set(['unit_tree']),
        resourceScopes: { reform: ['unit_tree'] },
      };
      const row = (n: number, v: Partial<ReformLedgerRow>) => ({
        row: n,
        values: {
          area: '营商环境改革',
          leadUnit: '市商务局',
          dueOn: '2026-09-30',
          ...v,
        } as Partial<ReformLedgerRow>,
      });
      const rows = [
        row(3, {
          title: '导入任务一',
          code: 'IMP-001',
          coUnits: '市科技局、市发改委',
          milestones: '2026-04-30 出台方案；2026年6月底前 全面实施',
          targets: '办件量：100→200件（实际 120）',
          status: 'in_progress',
          progress: '已启动',
        }),
        row(4, { item: ITEM_TITLE, title: '导入任务二', measures: '并联审批' }),
      ];
      const run = (actor: Actor, r: typeof rows) =>
        t.database.db.transaction().execute((trx) => ledger.upsert(trx, actor, r));
      const first = await run(commerceActor, rows);
      expect(first).toEqual({ created: 2, updated: 0, errors: [] });
      const again = await run(commerceActor, rows);
      expect(again).toEqual({ created: 0, updated: 0, errors: [] });
      const imported = (await t.call(commerce, 'GET', '/api/v1/reform/tasks?q=IMP-001')).json().data[0];
      expect(imported).toMatchObject({ status: 'in_progress', progressNote: '已启动', dueOn: '2026-09-30' });
      expect(imported.coUnits.map((c: { name: string }) => c.name).sort()).toEqual(
        ['市发改委', '市科技局'].sort(),
      );
      expect(
        imported.milestones.map((m: { dueOn: string; title: string }) => `${m.dueOn} ${m.title}`),
      ).toEqual(['2026-04-30 出台方案', '2026-06-30 全面实施']);
      expect(imported.targets[0]).toMatchObject({
        metric: '办件量',
        baseline: 100,
        target: 200,
        actual: 120,
      });
      const changed = await run(commerceActor, [
        row(3, { ...rows[0]!.values, progress: '已印发方案' } as Partial<ReformLedgerRow>),
      ]);
      expect(changed).toEqual({ created: 0, updated: 1, errors: [] });

      const bad = await run(commerceActor, [
        row(5, { title: '未知单位', leadUnit: '不存在的局' }),
        row(6, { title: '他人任务', leadUnit: '丹阳市' }),
        row(7, { title: '直接销号', status: 'closed' }),
        row(8, { title: '重复一', code: 'DUP-1' }),
        row(9, { title: '重复二', code: 'DUP-1' }),
      ]);
      expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
        [5, '牵头单位'],
        [6, ''],
        [7, '状态'],
        [9, '任务编号'],
      ]);
      expect(bad.errors[1]!.message).toContain('没有执行此操作的权限');

      // export → parse → upsert: nothing changes
      const tasks = (await t.call(commerce, 'GET', '/api/v1/reform/tasks?q=导入任务&pageSize=200')).json()
        .data;
      expect(tasks).toHaveLength(2);
      const file = await t.call(commerce, 'GET', '/api/v1/reform/tasks/export.xlsx?q=导入任务');
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const parsed = await parseWorkbook(ledger.map, file.rawPayload, 'zh-CN');
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(2);
      expect(await run(commerceActor, parsed.rows)).toEqual({ created: 0, updated: 0, errors: [] });
      const wb = await exportWorkbook(ledger.map, [], 'en');
      expect(wb.length).toBeGreaterThan(1000);
    });

    it('areas, settings and the task’s report calendar', async () => {
      expect((await t.call(commerce, 'POST', '/api/v1/reform/areas', { name: '新领域' })).statusCode).toBe(
        403,
      );
      const created = await t.call(reform, 'POST', '/api/v1/reform/areas', {
        name: '社会民生改革',
        code: 'MS',
      });
      expect(created.statusCode, created.body).toBe(201);
      const area = created.json().data.find((a: { name: string }) => a.name === '社会民生改革');
      expect(
        (await t.call(reform, 'POST', '/api/v1/reform/items', { areaId: area.id, title: '教育综合改革' }))
          .statusCode,
      ).toBe(201);
      expect((await t.call(reform, 'DELETE', `/api/v1/reform/areas/${area.id}`)).statusCode).toBe(409);

      const s = (await t.call(commerce, 'GET', '/api/v1/reform/settings')).json().data;
      expect(s).toMatchObject({ monthlyDueDay: 25, remindDaysBefore: 3, todoWindowDays: 14 });
      expect(
        (await t.call(commerce, 'PUT', '/api/v1/reform/settings', { ...s, monthlyDueDay: 20 })).statusCode,
      ).toBe(403);
      const put = await t.call(reform, 'PUT', '/api/v1/reform/settings', { ...s, monthlyDueDay: 20 });
      expect(put.json().data.monthlyDueDay).toBe(20);
      const task = await newTask(commerce, { startOn: '2026-01-01' });
      const periods = (await t.call(commerce, 'GET', `/api/v1/reform/tasks/${task.id}/periods`)).json().data;
      expect(
        periods.map(
          (p: { period: string; dueOn: string; status: string }) => `${p.period}:${p.dueOn}:${p.status}`,
        ),
      ).toEqual(['2026-01:2026-01-20:missing', '2026-02:2026-02-20:missing', '2026-03:2026-03-20:missing']);
      expect(periods[0].overdue).toBe(true);
      await t.call(reform, 'PUT', '/api/v1/reform/settings', s);
    });
  });
}

const ITEM_TITLE = '深化“高效办成一件事”改革';
