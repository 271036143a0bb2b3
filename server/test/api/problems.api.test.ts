import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../src/core/clock';
import { registeredJobs, runJobOnce } from '../../src/core/jobs/scheduler';
import { runProblemReminders } from '../../src/modules/problems/problems.service';
import { ENGINES } from '../dialects';
import { insertProject } from '../factories/projects';
import { createTestApp, type Session, type TestApp } from '../test-app';

const at = (day: string) => setClock(new Date(`${day}T02:00:00Z`)); // 10:00 in Zhenjiang

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type: string }) {
  const boundary = '----gj' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
  );
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

type P = {
  id: string;
  status: string;
  version: number;
  escalationLevel: number;
  overdue: boolean;
  abilities: Record<string, boolean>;
} & Record<string, unknown>;

for (const engine of ENGINES) {
  describe(`${engine}: problems`, () => {
    let t: TestApp;
    let drc: Session;
    let jingkou: Session;
    let danyang: Session;
    let commerce: Session;
    let leader: Session;
    let units: Record<string, string>;
    let jkProject: { id: string };
    let dyProject: { id: string };

    const raise = async (s: Session, body: Record<string, unknown>) => {
      const r = await t.call(s, 'POST', '/api/v1/problems', {
        category: 'land',
        entity: 'project',
        entityId: jkProject.id,
        title: '项目用地指标未落实',
        ...body,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().data as P;
    };
    const act = (s: Session, id: string, body: Record<string, unknown>) =>
      t.call(s, 'POST', `/api/v1/problems/${id}/transition`, body);
    const ok = async (s: Session, id: string, body: Record<string, unknown>) => {
      const r = await act(s, id, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().data as P;
    };
    const get = async (s: Session, id: string) =>
      (await t.call(s, 'GET', `/api/v1/problems/${id}`)).json().data as P;
    const upload = async (s: Session, problemId: string) => {
      const body = multipart(
        { entity: 'problem', entityId: problemId, docType: 'evidence' },
        { name: '办结材料.pdf', data: PDF, type: 'application/pdf' },
      );
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().data.id as string;
    };
    const notes = (username: string, problemId: string) =>
      t.database.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['notifications.kind', 'notifications.title'])
        .where('users.username', '=', username)
        .where('notifications.entity_id', '=', problemId)
        .orderBy('notifications.created_at')
        .execute();

    beforeAll(async () => {
      t = await createTestApp(engine);
      drc = await t.login('drc');
      jingkou = await t.login('jingkou');
      danyang = await t.login('danyang');
      commerce = await t.login('commerce');
      leader = await t.login('leader');
      units = {};
      for (const c of ['jingkou', 'danyang', 'zj-commerce', 'zj-miit', 'zj-drc'])
        units[c] = await t.unitId(c);
      jkProject = await insertProject(t.database.db, {
        name: '京口问题项目',
        region_code: '321102',
        responsible_unit_id: units.jingkou!,
        actual_signed_on: '2024-10-01',
      });
      dyProject = await insertProject(t.database.db, {
        name: '丹阳问题项目',
        region_code: '321181',
        responsible_unit_id: units.danyang!,
        actual_signed_on: '2024-10-01',
      });
      at('2025-03-01');
    });
    afterAll(async () => {
      setClock(null);
      await t?.close();
    });

    it('raise → assign → accept → reply → resolve with evidence → raiser confirms → closed', async () => {
      let p = await raise(jingkou, {
        description: '需市自然资源局协调调剂用地指标',
        coUnitIds: [units['zj-miit']],
      });
      expect(p).toMatchObject({
        status: 'pending',
        escalationLevel: 1,
        entityName: '京口问题项目',
        regionCode: '321102',
        ownerUnitId: null,
      });
      expect(p.abilities).toMatchObject({ assign: true, update: true, resolve: false, confirm_close: false });
      expect(p.categoryLabel).toEqual({ zh: '用地', en: 'Land' });

      expect(
        (await act(jingkou, p.id, { action: 'assign', ownerUnitId: units['zj-commerce'] })).statusCode,
      ).toBe(422); // no deadline
      expect(
        (
          await act(jingkou, p.id, {
            action: 'assign',
            ownerUnitId: units['zj-commerce'],
            dueOn: '2025-02-20',
          })
        ).statusCode,
      ).toBe(422); // in the past
      p = await ok(jingkou, p.id, {
        action: 'assign',
        ownerUnitId: units['zj-commerce'],
        dueOn: '2025-03-20',
        note: '请商务局牵头协调',
      });
      expect(p).toMatchObject({ status: 'assigned', ownerUnitName: '镇江市商务局', dueOn: '2025-03-20' });
      expect((await notes('commerce', p.id)).map((n) => n.kind)).toEqual(['problem.assigned']);

      // the owner unit's member sees it and what they may do
      const seen = await get(commerce, p.id);
      expect(seen.abilities).toMatchObject({
        accept: true,
        reply: true,
        resolve: true,
        return: true,
        confirm_close: false,
        assign: false,
      });
      expect((await act(jingkou, p.id, { action: 'resolve', note: 'x' })).statusCode).toBe(403); // not the owner

      p = await ok(commerce, p.id, { action: 'accept' });
      expect(p.status).toBe('in_progress');
      expect((await act(commerce, p.id, { action: 'reply' })).statusCode).toBe(422); // a reply needs words
      p = await ok(commerce, p.id, { action: 'reply', note: '已与市自然资源局对接，拟调剂指标120亩' });
      expect(p.status).toBe('in_progress');

      // 办结 needs evidence on the resolving reply
      const noEvidence = await act(commerce, p.id, { action: 'resolve', note: '指标已调剂到位' });
      expect(noEvidence.statusCode).toBe(422);
      expect(noEvidence.json().error.code).toBe('RULE_VIOLATION');
      expect(
        (
          await act(commerce, p.id, {
            action: 'resolve',
            note: '指标已调剂到位',
            attachmentIds: ['not-an-attachment'],
          })
        ).statusCode,
      ).toBe(422);
      const file = await upload(commerce, p.id);
      p = await ok(commerce, p.id, { action: 'resolve', note: '指标已调剂到位', attachmentIds: [file] });
      expect(p.status).toBe('resolved');
      expect((await notes('jingkou', p.id)).map((n) => n.kind)).toContain('problem.resolved');

      // only the raiser (or the city's coordinating office) closes it
      expect((await act(commerce, p.id, { action: 'confirm_close' })).statusCode).toBe(403);
      expect((await act(danyang, p.id, { action: 'confirm_close' })).statusCode).toBe(404);
      // the raiser is not satisfied yet: back to work
      expect((await act(jingkou, p.id, { action: 'return' })).statusCode).toBe(422);
      p = await ok(jingkou, p.id, { action: 'return', note: '出让合同尚未签订' });
      expect(p.status).toBe('in_progress');
      const file2 = await upload(commerce, p.id);
      p = await ok(commerce, p.id, { action: 'resolve', note: '出让合同已签订', attachmentIds: [file2] });
      p = await ok(jingkou, p.id, { action: 'confirm_close', note: '确认销号' });
      expect(p).toMatchObject({ status: 'closed', closedBy: await t.userId('jingkou') });

      const events = (await t.call(jingkou, 'GET', `/api/v1/problems/${p.id}/events`)).json().data as Array<{
        kind: string;
        attachmentIds: string[];
        toStatus: string;
      }>;
      expect(events.map((e) => e.kind)).toEqual([
        'create',
        'assign',
        'accept',
        'reply',
        'resolve',
        'return',
        'resolve',
        'confirm_close',
      ]);
      expect(events[4]!.attachmentIds).toEqual([file]);
      // closed is final
      expect((await act(jingkou, p.id, { action: 'escalate' })).statusCode).toBe(422);
      expect(p.abilities.update).toBe(false);
      expect(
        (await t.call(jingkou, 'PATCH', `/api/v1/problems/${p.id}`, { title: '改标题', version: p.version }))
          .statusCode,
      ).toBe(422);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'problem')
        .where('entity_id', '=', p.id)
        .execute();
      expect(audit.map((a) => a.action)).toContain('confirm');
    });

    it('validates every transition: roles, states, notes, holds and re-assignment', async () => {
      let p = await raise(jingkou, {
        title: '施工用电未接入',
        category: 'utilities',
        ownerUnitId: units.jingkou,
        dueOn: '2025-03-15',
      });
      expect(p.status).toBe('assigned'); // owner + deadline: assigned at once
      expect((await act(commerce, p.id, { action: 'accept' })).statusCode).toBe(404); // commerce cannot even see it
      expect((await act(jingkou, p.id, { action: 'confirm_close' })).statusCode).toBe(422); // not resolved
      expect((await act(jingkou, p.id, { action: 'hold' })).statusCode).toBe(422); // a hold needs a reason
      p = await ok(jingkou, p.id, { action: 'hold', note: '等待供电公司排期' });
      expect(p).toMatchObject({ status: 'on_hold', overdue: false });
      expect((await act(jingkou, p.id, { action: 'reply', note: 'x' })).statusCode).toBe(422);
      p = await ok(jingkou, p.id, { action: 'resume' });
      expect(p.status).toBe('assigned');
      // the owner (京口区) hands it back: not theirs
      p = await ok(jingkou, p.id, { action: 'return', note: '属市级电力协调事项' });
      expect(p.status).toBe('returned');
      expect(
        (await act(jingkou, p.id, { action: 'assign', ownerUnitId: 'nope', dueOn: '2025-03-30' })).statusCode,
      ).toBe(422);
      p = await ok(drc, p.id, { action: 'assign', ownerUnitId: units['zj-commerce'], dueOn: '2025-03-30' });
      expect(p).toMatchObject({ status: 'assigned', ownerUnitId: units['zj-commerce'] });
      expect((await act(drc, p.id, { action: 'accept', ownerUnitId: units.jingkou })).statusCode).toBe(403); // drc is not the owner
      expect((await act(commerce, p.id, { action: 'accept', dueOn: '2025-04-30' })).statusCode).toBe(422); // the deadline moves only on assign/escalate
      const stale = await act(commerce, p.id, { action: 'accept', version: p.version - 1 });
      expect(stale.statusCode).toBe(409);

      // the city's coordinating office may confirm; the resolving reply must carry its evidence
      const file = await upload(commerce, p.id);
      p = await ok(commerce, p.id, { action: 'resolve', note: '已接入临时用电', attachmentIds: [file] });
      await t.database.db
        .updateTable('problem_events')
        .set({ attachment_ids: '[]' })
        .where('problem_id', '=', p.id)
        .where('kind', '=', 'resolve')
        .execute();
      const refused = await act(drc, p.id, { action: 'confirm_close' });
      expect(refused.statusCode).toBe(422);
      await t.database.db
        .updateTable('problem_events')
        .set({ attachment_ids: JSON.stringify([file]) })
        .where('problem_id', '=', p.id)
        .where('kind', '=', 'resolve')
        .execute();
      p = await ok(drc, p.id, { action: 'confirm_close' });
      expect(p.status).toBe('closed');

      // editing: raiser or coordinator, optimistic
      const q = await raise(jingkou, { title: '环评批复延迟', category: 'environment' });
      expect(
        (
          await t.call(commerce, 'PATCH', `/api/v1/problems/${q.id}`, {
            title: '越权修改',
            version: q.version,
          })
        ).statusCode,
      ).toBe(404);
      const edited = await t.call(jingkou, 'PATCH', `/api/v1/problems/${q.id}`, {
        title: '环评批复延迟（已报省厅）',
        leadLeader: '王副区长',
        coUnitIds: [units['zj-drc']],
        version: q.version,
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json().data).toMatchObject({
        title: '环评批复延迟（已报省厅）',
        leadLeader: '王副区长',
        coUnits: [{ id: units['zj-drc'], name: '镇江市发展和改革委员会' }],
      });
      expect(
        (
          await t.call(jingkou, 'PATCH', `/api/v1/problems/${q.id}`, {
            title: '过期版本',
            version: q.version,
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await t.call(jingkou, 'PATCH', `/api/v1/problems/${q.id}`, {
            category: 'nope',
            version: q.version + 1,
          })
        ).statusCode,
      ).toBe(422);
    });

    it('climbs the escalation ladder by hand and, once overdue, by itself', async () => {
      const settings = (await t.call(jingkou, 'GET', '/api/v1/problem-settings')).json().data;
      expect(settings.escalationLadder.map((l: { zh: string }) => l.zh)).toEqual([
        '责任单位协调',
        '县区/部门分管领导协调',
        '市领导专题协调',
        '市主要领导督办',
      ]);
      expect(
        settings.escalationLadder.map(
          (l: { autoEscalateAfterDays: number | null }) => l.autoEscalateAfterDays,
        ),
      ).toEqual([7, 7, 7, null]);
      expect(settings.categories.map((c: { zh: string }) => c.zh)).toEqual([
        '用地',
        '规划',
        '环评',
        '能评',
        '征拆',
        '资金',
        '审批手续',
        '水电气',
        '人才',
        '其他',
      ]);

      at('2025-03-01');
      let p = await raise(drc, {
        title: '征拆进度滞后',
        category: 'demolition',
        ownerUnitId: units.jingkou,
        dueOn: '2025-03-05',
      });
      p = await ok(jingkou, p.id, { action: 'escalate', note: '需区分管领导协调' }); // the owner asks for help
      expect(p).toMatchObject({
        escalationLevel: 2,
        escalationLabel: { zh: '县区/部门分管领导协调', en: 'District or department leader in charge' },
      });
      const level = async () => (await get(drc, p.id)).escalationLevel;

      at('2025-03-11'); // 6 days overdue
      expect((await get(drc, p.id)).overdue).toBe(true);
      await runProblemReminders(t.database.db);
      expect(await level()).toBe(2);
      at('2025-03-12'); // 7 days overdue → one level up
      await runProblemReminders(t.database.db);
      expect(await level()).toBe(3);
      await runProblemReminders(t.database.db); // same day, again: no further
      expect(await level()).toBe(3);
      at('2025-03-18'); // 6 days since the last escalation
      await runProblemReminders(t.database.db);
      expect(await level()).toBe(3);
      at('2025-03-19');
      await runProblemReminders(t.database.db);
      expect(await level()).toBe(4);
      at('2025-04-30'); // the top of the ladder
      await runProblemReminders(t.database.db);
      expect(await level()).toBe(4);
      const top = await act(drc, p.id, { action: 'escalate' });
      expect(top.statusCode).toBe(422);
      const events = (await t.call(drc, 'GET', `/api/v1/problems/${p.id}/events`)).json().data as Array<{
        kind: string;
        fromLevel: number;
        toLevel: number;
      }>;
      expect(events.filter((e) => e.kind === 'auto_escalate').map((e) => [e.fromLevel, e.toLevel])).toEqual([
        [2, 3],
        [3, 4],
      ]);
      expect((await notes('jingkou', p.id)).filter((n) => n.kind === 'problem.escalated').length).toBe(3);
      expect(
        (await t.call(drc, 'GET', `/api/v1/problems?entityId=${jkProject.id}&escalationLevel=4`))
          .json()
          .data.map((x: P) => x.id),
      ).toContain(p.id);

      // the ladder is configurable, but not below a level in use; only ruleset:manage changes it
      const ladder = settings.escalationLadder.map((l: Record<string, unknown>) => ({
        ...l,
        autoEscalateAfterDays: l.level === 4 ? null : 3,
      }));
      expect(
        (
          await t.call(jingkou, 'PUT', '/api/v1/problem-settings/escalation-ladder', {
            escalationLadder: ladder,
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.call(drc, 'PUT', '/api/v1/problem-settings/escalation-ladder', {
            escalationLadder: ladder.slice(0, 3),
          })
        ).statusCode,
      ).toBe(422);
      const put = await t.call(drc, 'PUT', '/api/v1/problem-settings/escalation-ladder', {
        escalationLadder: ladder,
        remindDaysBefore: 5,
      });
      expect(put.statusCode).toBe(200);
      expect(put.json().data).toMatchObject({ remindDaysBefore: 5 });
      expect(put.json().data.escalationLadder[0].autoEscalateAfterDays).toBe(3);
      // restore the defaults for the other tests
      await t.call(drc, 'PUT', '/api/v1/problem-settings/escalation-ladder', {
        escalationLadder: settings.escalationLadder,
        remindDaysBefore: 3,
      });
      at('2025-03-01');
    });

    it('reminds the owner unit before the deadline and when overdue, once per problem per day', async () => {
      at('2025-03-01');
      const p = await raise(drc, {
        title: '水源地取水许可待批',
        category: 'approval',
        ownerUnitId: units.jingkou,
        dueOn: '2025-03-04',
      });
      const reminders = async () =>
        (await notes('jingkou', p.id)).filter((n) => n.kind.startsWith('problem.remind'));
      await runProblemReminders(t.database.db);
      expect((await reminders()).map((n) => n.kind)).toEqual(['problem.remind_due']);
      expect((await reminders())[0]!.title).toContain('3天后');
      await runProblemReminders(t.database.db);
      expect(await reminders()).toHaveLength(1);
      // through the scheduler: the slot is claimed once across instances
      const job = registeredJobs().find((j) => j.name === 'problems.reminders')!;
      expect(await runJobOnce(t.database.db, job, 'a')).toBe(true);
      expect(await runJobOnce(t.database.db, job, 'b')).toBe(false);
      expect(await reminders()).toHaveLength(1);
      at('2025-03-02');
      await runProblemReminders(t.database.db);
      expect(await reminders()).toHaveLength(2);
      at('2025-03-06');
      await runProblemReminders(t.database.db);
      await runProblemReminders(t.database.db);
      const list = await reminders();
      expect(list.map((n) => n.kind)).toEqual([
        'problem.remind_due',
        'problem.remind_due',
        'problem.remind_overdue',
      ]);
      expect(list[2]!.title).toContain('超期2天');
      const events = (await t.call(drc, 'GET', `/api/v1/problems/${p.id}/events`)).json().data as Array<{
        kind: string;
      }>;
      expect(events.filter((e) => e.kind.startsWith('remind')).map((e) => e.kind)).toEqual([
        'remind_due',
        'remind_due',
        'remind_overdue',
      ]);
      // the list flags it
      const overdue = (
        await t.call(jingkou, 'GET', `/api/v1/problems?entityId=${jkProject.id}&overdue=true`)
      ).json();
      expect(overdue.data.map((x: P) => x.id)).toContain(p.id);
      expect(overdue.data.find((x: P) => x.id === p.id).daysOverdue).toBe(2);
      const notOverdue = (
        await t.call(jingkou, 'GET', `/api/v1/problems?entityId=${jkProject.id}&overdue=false`)
      ).json();
      expect(notOverdue.data.map((x: P) => x.id)).not.toContain(p.id);
      at('2025-03-01');
    });

    it('keeps problems within scope: a 京口 user never sees a 丹阳 project’s problems', async () => {
      const p = await raise(danyang, {
        entityId: dyProject.id,
        title: '丹阳项目环评待批',
        category: 'environment',
      });
      expect(p.regionCode).toBe('321181');
      const miss = await t.call(jingkou, 'GET', `/api/v1/problems/${p.id}`);
      expect(miss.statusCode).toBe(404);
      expect(miss.json().error.code).toBe('NOT_FOUND');
      expect((await t.call(jingkou, 'GET', `/api/v1/problems/${p.id}/events`)).statusCode).toBe(404);
      expect((await act(jingkou, p.id, { action: 'escalate' })).statusCode).toBe(404);
      expect(
        (await t.call(jingkou, 'GET', `/api/v1/attachments?entity=problem&entityId=${p.id}`)).statusCode,
      ).toBe(404);
      const list = (await t.call(jingkou, 'GET', `/api/v1/problems?entityId=${dyProject.id}`)).json();
      expect(list.total).toBe(0);
      const all = (await t.call(jingkou, 'GET', '/api/v1/problems?pageSize=200&q=丹阳')).json();
      expect(
        all.data.every(
          (x: P) => String(x.regionCode).startsWith('321102') || x.ownerUnitId === units.jingkou,
        ),
      ).toBe(true);
      // nor raise one on a project it cannot read
      expect(
        (
          await t.call(jingkou, 'POST', '/api/v1/problems', {
            entity: 'project',
            entityId: dyProject.id,
            category: 'land',
            title: '越权提出',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(jingkou, 'POST', '/api/v1/problems', {
            entity: 'enterprise',
            entityId: dyProject.id,
            category: 'land',
            title: '未知类型',
          })
        ).statusCode,
      ).toBe(422);

      // a department sees it once it owns it …
      expect((await t.call(commerce, 'GET', `/api/v1/problems/${p.id}`)).statusCode).toBe(404);
      await ok(danyang, p.id, { action: 'assign', ownerUnitId: units['zj-commerce'], dueOn: '2025-04-01' });
      expect((await t.call(commerce, 'GET', `/api/v1/problems/${p.id}`)).statusCode).toBe(200);
      // … and a co-unit of the project reads the project’s problems
      const q = await raise(danyang, {
        entityId: dyProject.id,
        title: '丹阳项目资金缺口',
        category: 'funding',
      });
      const miit = await t.login('miit');
      expect((await t.call(miit, 'GET', `/api/v1/problems/${q.id}`)).statusCode).toBe(404);
      await t.database.db
        .insertInto('project_units')
        .values({ project_id: dyProject.id, unit_id: units['zj-miit']!, role: 'co' })
        .execute();
      expect((await t.call(miit, 'GET', `/api/v1/problems/${q.id}`)).statusCode).toBe(200);
      // city-wide readers see everything; readers without problem:manage cannot act
      const seen = await get(leader, q.id);
      expect(Object.values(seen.abilities).every((v) => v === false)).toBe(true);
      expect((await act(leader, q.id, { action: 'escalate' })).statusCode).toBe(403);
    });

    it('filters and sorts the list', async () => {
      const base = `/api/v1/problems?entityId=${jkProject.id}&pageSize=200`;
      const all = (await t.call(drc, 'GET', base)).json();
      expect(all.total).toBeGreaterThanOrEqual(5);
      const closed = (await t.call(drc, 'GET', `${base}&status=closed`)).json();
      expect(closed.data.every((x: P) => x.status === 'closed')).toBe(true);
      expect(closed.total).toBe(2);
      const several = (await t.call(drc, 'GET', `${base}&status=pending,assigned`)).json();
      expect(several.data.every((x: P) => ['pending', 'assigned'].includes(x.status))).toBe(true);
      const mine = (await t.call(drc, 'GET', `${base}&ownerUnitId=${units.jingkou}`)).json();
      expect(mine.data.every((x: P) => x.ownerUnitId === units.jingkou)).toBe(true);
      const escalated = (await t.call(drc, 'GET', `${base}&escalationLevelMin=2`)).json();
      expect(escalated.data.every((x: P) => x.escalationLevel >= 2)).toBe(true);
      const byDue = (await t.call(drc, 'GET', `${base}&sort=dueOn`))
        .json()
        .data.map((x: P) => x.dueOn)
        .filter(Boolean) as string[];
      expect([...byDue].sort()).toEqual(byDue);
      const q = (await t.call(drc, 'GET', `${base}&q=征拆`)).json();
      expect(q.data.map((x: P) => x.title)).toEqual(['征拆进度滞后']);
      expect((await t.call(drc, 'GET', `${base}&status=bogus!`)).statusCode).toBe(400);
    });
  });
}
