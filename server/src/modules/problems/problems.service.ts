import type { z } from 'zod';
import {
  PROBLEM_ACTION_LABELS,
  PROBLEM_STATUS_LABELS,
  type EscalationLadderUpdate,
  type Problem,
  type ProblemCategoriesUpdate,
  type ProblemCreate,
  type ProblemEvent,
  type ProblemListQuery,
  type ProblemSettings,
  type ProblemStatus,
  type ProblemTransition,
  type ProblemUpdate,
} from '../../../../contracts/schemas/problems';
import { regionPrefix, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { registerAttachmentOwner } from '../../core/attachments/attachments';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import { notifyUsers } from '../../core/notifications/notify';
import type { Db, Executor } from '../../db/database';
import { addDays, daysBetween } from '../lights/lights.engine';
import { nextStatus, pickTransition, rolesOf } from './problems.machine';
import { problemParent, problemParents, registerProblemParent } from './problems.parents';
import { presentEvent, presentProblem, type PresentContext } from './problems.presenter';
import * as repo from './problems.repository';
import type { ProblemTable } from './problems.table';

type Deps = { db: Db };

/** The calendar date (China Standard Time) of an ISO timestamp. */
const cstDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

// A project's problems: the built-in parent kind. Other capabilities register theirs (meetings, reform tasks).
registerProblemParent('project', {
  label: { zh: '重大项目', en: 'Project' },
  visible: (actor) => repo.projectVisibleSql(actor),
  find: async (db, actor, id) => {
    const p = await repo.findProjectScoped(db, actor, id);
    return p ? { regionCode: p.region_code, name: p.name } : null;
  },
  names: (db, ids) => repo.projectNames(db, ids),
});

// Replies and closure evidence are attachments of the problem; reaching them follows the problem's scope.
registerAttachmentOwner('problem', {
  canRead: async (db, actor, id) => {
    requirePermission(actor, 'problem:read');
    const p = await repo.findProblemScoped(db, actor, id);
    if (!p) throw notFound();
    return { regionCode: p.region_code };
  },
  canAttach: async (db, actor, id) => {
    requirePermission(actor, 'problem:manage');
    const p = await repo.findProblemScoped(db, actor, id);
    if (!p) throw notFound();
    if (p.status === 'closed') throw ruleViolation('问题已销号', 'The problem is closed');
    const roles = rolesOf(actor, p, [...((await repo.coUnitsOf(db, [id])).get(id) ?? []).map((u) => u.id)]);
    if (!roles.size) throw new AppError('FORBIDDEN');
    return { regionCode: p.region_code };
  },
});

// --------------------------------------------------------------------------------------- presenting

async function settings(db: Executor) {
  const [cats, ladder] = await Promise.all([repo.listCategories(db), repo.listLadder(db)]);
  return {
    categories: new Map(
      cats.map((c) => [c.code, { zh: c.name_zh, en: c.name_en, active: Number(c.active) === 1 }]),
    ),
    ladder: new Map(
      ladder.map((l) => [
        Number(l.level),
        { zh: l.name_zh, en: l.name_en, autoAfterDays: l.auto_after_days },
      ]),
    ),
    maxLevel: ladder.length ? Math.max(...ladder.map((l) => Number(l.level))) : 1,
  };
}

async function presentContext(
  db: Executor,
  rows: repo.ProblemWithNames[],
  today: string,
): Promise<PresentContext> {
  const s = await settings(db);
  const coUnits = await repo.coUnitsOf(
    db,
    rows.map((r) => r.id),
  );
  const entityNames = new Map<string, string>();
  const byEntity = new Map<string, string[]>();
  for (const r of rows) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.entity_id]);
  for (const [entity, ids] of byEntity) {
    const parent = problemParents().find(([e]) => e === entity)?.[1];
    if (!parent) continue;
    for (const [id, name] of await parent.names(db, [...new Set(ids)]))
      entityNames.set(`${entity}:${id}`, name);
  }
  return { today, categories: s.categories, ladder: s.ladder, maxLevel: s.maxLevel, coUnits, entityNames };
}

export async function presentProblems(
  db: Executor,
  actor: Actor,
  rows: repo.ProblemWithNames[],
): Promise<Problem[]> {
  const ctx = await presentContext(db, rows, todayCst());
  return rows.map((r) => presentProblem(actor, r, ctx));
}

async function loadPresented(db: Executor, actor: Actor, id: string): Promise<Problem> {
  const p = await repo.findProblemScoped(db, actor, id);
  if (!p) throw notFound();
  return (await presentProblems(db, actor, [p]))[0]!;
}

// --------------------------------------------------------------------------------------------- read

const SORTS = {
  raisedAt: 'raised_at',
  dueOn: 'due_on',
  escalationLevel: 'escalation_level',
  status: 'status',
  updatedAt: 'updated_at',
  title: 'title',
} as const;

export async function listProblems(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof ProblemListQuery>,
): Promise<Page<Problem>> {
  requirePermission(actor, 'problem:read');
  const sort = parseSort(q.sort, SORTS, { column: 'raised_at', desc: true });
  const today = todayCst();
  const { rows, total } = await repo.listProblems(
    deps.db,
    actor,
    {
      entity: q.entity,
      entityId: q.entityId,
      statuses: q.status?.split(','),
      ownerUnitId: q.ownerUnitId,
      category: q.category,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      escalationLevel: q.escalationLevel,
      escalationLevelMin: q.escalationLevelMin,
      regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
      raisedInMeetingId: q.raisedInMeetingId,
      open: q.open === 'true',
      q: q.q,
      today,
    },
    { limit: q.pageSize, offset: offsetOf(q.page, q.pageSize), sort },
  );
  return { data: await presentProblems(deps.db, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getProblem(deps: Deps, actor: Actor, id: string): Promise<Problem> {
  requirePermission(actor, 'problem:read');
  return loadPresented(deps.db, actor, id);
}

export async function listEvents(deps: Deps, actor: Actor, id: string): Promise<ProblemEvent[]> {
  requirePermission(actor, 'problem:read');
  const p = await repo.findProblemScoped(deps.db, actor, id);
  if (!p) throw notFound();
  return (await repo.eventsOf(deps.db, id)).map(presentEvent);
}

/**
 * Problems within the actor's scope for another module (the meeting agenda, a reform task's page):
 * the same filters as the list, presented, at most `limit`.
 */
export async function findProblemsFor(
  db: Executor,
  actor: Actor,
  filter: Omit<repo.ProblemFilter, 'today'>,
  opts: { limit?: number; today?: string } = {},
): Promise<Problem[]> {
  const today = opts.today ?? todayCst();
  const { rows } = await repo.listProblems(
    db,
    actor,
    { ...filter, today },
    {
      limit: opts.limit ?? 500,
      offset: 0,
      sort: { column: 'escalation_level', desc: true },
    },
  );
  const ctx = await presentContext(db, rows, today);
  return rows.map((r) => presentProblem(actor, r, ctx));
}

/**
 * Problems regardless of scope, for a document whose audience was checked by the caller (a published
 * dispatch bulletin lists every open problem of its projects). Rows with owner unit and raiser names.
 */
export async function findProblemsUnscoped(
  db: Executor,
  filter: Omit<repo.ProblemFilter, 'today'>,
  opts: { limit?: number; today?: string } = {},
) {
  const { rows } = await repo.listProblems(
    db,
    null,
    { ...filter, today: opts.today ?? todayCst() },
    { limit: opts.limit ?? 2000, offset: 0, sort: { column: 'raised_at', desc: false } },
  );
  return rows;
}

// ------------------------------------------------------------------------------------------- write

async function checkUnits(
  db: Executor,
  ownerUnitId: string | null | undefined,
  coUnitIds: string[] | undefined,
) {
  const ids = [...new Set([...(ownerUnitId ? [ownerUnitId] : []), ...(coUnitIds ?? [])])];
  const units = await repo.findUnits(db, ids);
  const byId = new Map(units.map((u) => [u.id, u]));
  if (ownerUnitId) {
    const u = byId.get(ownerUnitId);
    if (!u || Number(u.active) !== 1)
      throw ruleViolation('承办单位不存在或已停用', 'The owner unit does not exist or is inactive', {
        field: 'ownerUnitId',
      });
  }
  for (const c of coUnitIds ?? [])
    if (!byId.has(c))
      throw ruleViolation('配合单位不存在', 'A co-unit does not exist', { field: 'coUnitIds' });
  return byId;
}

async function checkCategory(db: Executor, code: string) {
  const s = await settings(db);
  const c = s.categories.get(code);
  if (!c || !c.active)
    throw ruleViolation(`问题类别“${code}”不存在或已停用`, `Unknown or inactive category “${code}”`, {
      field: 'category',
    });
  return s;
}

async function notifyOwner(
  db: Executor,
  p: { id: string; owner_unit_id: string | null; title: string },
  kind: string,
  title: string,
  dedupeKey?: string,
) {
  if (!p.owner_unit_id) return 0;
  const users = await repo.usersOfUnits(db, [p.owner_unit_id]);
  return notifyUsers(db, users, {
    kind,
    title,
    body: p.title,
    entity: 'problem',
    entityId: p.id,
    dedupeKey: dedupeKey ?? null,
  });
}

export type CreateOptions = {
  /** Set when a dispatch meeting's decision raises the problem. */
  raisedInMeetingId?: string | null;
  /** Timestamp of the creation (demo history); defaults to now. */
  at?: string;
};

/**
 * Creates a problem inside the caller's transaction (meetings call this for 议定事项). The parent must be
 * visible to the actor. With an owner unit and a deadline it is assigned at once, else it waits (待交办).
 * Permission checks are the caller's.
 */
export async function createProblemTx(
  trx: Executor,
  actor: Actor,
  input: ProblemCreate,
  opts: CreateOptions = {},
): Promise<string> {
  const at = opts.at ?? nowIso();
  const today = cstDate(at);
  const parent = problemParent(input.entity);
  const found = await parent.find(trx, actor, input.entityId);
  if (!found)
    throw ruleViolation(
      '问题所属的记录不存在或无权访问',
      'The record the problem belongs to does not exist or is out of reach',
      { field: 'entityId' },
    );
  const s = await checkCategory(trx, input.category);
  const units = await checkUnits(trx, input.ownerUnitId, input.coUnitIds);
  if (input.dueOn && input.dueOn < today)
    throw ruleViolation('办结时限不能早于今天', 'The deadline cannot be in the past', { field: 'dueOn' });
  const level = input.escalationLevel ?? 1;
  if (level > s.maxLevel)
    throw ruleViolation(`协调层级最高为 ${s.maxLevel}`, `The highest escalation level is ${s.maxLevel}`, {
      field: 'escalationLevel',
    });
  const owner = input.ownerUnitId ? units.get(input.ownerUnitId)! : null;
  const assigned = !!owner && !!input.dueOn;
  const row: ProblemTable = {
    id: newId(),
    entity: input.entity,
    entity_id: input.entityId,
    region_code: parent.regionFollowsOwner && owner ? owner.region_code : found.regionCode,
    category: input.category,
    title: input.title,
    description: input.description ?? null,
    raised_by: actor.userId,
    raised_by_unit_id: actor.unitId,
    raised_at: at,
    raised_in_meeting_id: opts.raisedInMeetingId ?? null,
    owner_unit_id: owner?.id ?? null,
    lead_leader: input.leadLeader ?? null,
    due_on: input.dueOn ?? null,
    escalation_level: level,
    escalated_at: level > 1 ? at : null,
    status: assigned ? 'assigned' : 'pending',
    held_from: null,
    resolved_at: null,
    closed_by: null,
    closed_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  await repo.insertProblem(trx, row);
  await repo.replaceCoUnits(trx, row.id, input.coUnitIds ?? []);
  const event = (kind: string, extra: Partial<Parameters<typeof repo.insertEvent>[1]> = {}) =>
    repo.insertEvent(trx, {
      id: newId(),
      problem_id: row.id,
      kind,
      from_status: null,
      to_status: row.status,
      from_level: null,
      to_level: level,
      note: null,
      attachment_ids: '[]',
      actor_id: actor.userId,
      actor_name: actor.displayName,
      unit_id: actor.unitId,
      at,
      payload: null,
      ...extra,
    });
  await event('create', {
    to_status: 'pending',
    payload: opts.raisedInMeetingId ? JSON.stringify({ meetingId: opts.raisedInMeetingId }) : null,
  });
  if (assigned) {
    await event('assign', {
      from_status: 'pending',
      to_status: 'assigned',
      payload: JSON.stringify({ ownerUnitId: owner!.id, dueOn: input.dueOn }),
    });
    await notifyOwner(trx, row, 'problem.assigned', `交办问题：${row.title}（${input.dueOn}前办结）`);
  }
  await recordAudit(trx, actor, {
    entity: 'problem',
    entityId: row.id,
    action: 'create',
    regionCode: row.region_code,
    after: { ...row, coUnitIds: input.coUnitIds ?? [] },
  });
  return row.id;
}

export async function createProblem(deps: Deps, actor: Actor, input: ProblemCreate): Promise<Problem> {
  requirePermission(actor, 'problem:manage');
  return deps.db.transaction().execute(async (trx) => {
    const id = await createProblemTx(trx, actor, input);
    return loadPresented(trx, actor, id);
  });
}

export async function updateProblem(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ProblemUpdate,
): Promise<Problem> {
  requirePermission(actor, 'problem:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findProblemScoped(trx, actor, id);
    if (!before) throw notFound();
    const co = (await repo.coUnitsOf(trx, [id])).get(id) ?? [];
    const roles = rolesOf(
      actor,
      before,
      co.map((u) => u.id),
    );
    if (!roles.has('raiser') && !roles.has('coordinator')) throw new AppError('FORBIDDEN');
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: await loadPresented(trx, actor, id) },
      );
    if (before.status === 'closed')
      throw ruleViolation('已销号的问题不能修改', 'A closed problem cannot be edited');
    if (input.category !== undefined) await checkCategory(trx, input.category);
    if (input.coUnitIds) await checkUnits(trx, null, input.coUnitIds);
    const at = nowIso();
    const set: Partial<ProblemTable> = { updated_at: at };
    if (input.title !== undefined) set.title = input.title;
    if (input.description !== undefined) set.description = input.description;
    if (input.category !== undefined) set.category = input.category;
    if (input.leadLeader !== undefined) set.lead_leader = input.leadLeader;
    if (!(await repo.updateProblem(trx, id, input.version, set)))
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version + 1 },
        { current: await loadPresented(trx, actor, id) },
      );
    if (input.coUnitIds) await repo.replaceCoUnits(trx, id, input.coUnitIds);
    const after = (await repo.findProblem(trx, id))!;
    await repo.insertEvent(trx, {
      id: newId(),
      problem_id: id,
      kind: 'update',
      from_status: before.status,
      to_status: before.status,
      from_level: null,
      to_level: null,
      note: null,
      attachment_ids: '[]',
      actor_id: actor.userId,
      actor_name: actor.displayName,
      unit_id: actor.unitId,
      at,
      payload: JSON.stringify({ fields: Object.keys(input).filter((k) => k !== 'version') }),
    });
    await recordAudit(trx, actor, {
      entity: 'problem',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: { ...before, coUnitIds: co.map((u) => u.id) },
      after: { ...after, coUnitIds: input.coUnitIds ?? co.map((u) => u.id) },
    });
    return loadPresented(trx, actor, id);
  });
}

export type TransitionOptions = { at?: string };

/**
 * Takes one transition of the status machine inside the caller's transaction: checks the table (status,
 * role), the note, the evidence, the deadline; updates the problem; records the event; notifies; audits.
 */
export async function transitionProblemTx(
  trx: Executor,
  actor: Actor,
  id: string,
  input: ProblemTransition,
  opts: TransitionOptions = {},
): Promise<void> {
  const at = opts.at ?? nowIso();
  const today = cstDate(at);
  const p = await repo.findProblemScoped(trx, actor, id);
  if (!p) throw notFound();
  if (input.version !== undefined && input.version !== p.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: p.version },
      { current: await loadPresented(trx, actor, id) },
    );
  const co = ((await repo.coUnitsOf(trx, [id])).get(id) ?? []).map((u) => u.id);
  const roles = rolesOf(actor, p, co);
  const s = await settings(trx);
  const picked = pickTransition(input.action, p, roles, s.maxLevel);
  const label = PROBLEM_ACTION_LABELS[input.action];
  const status = PROBLEM_STATUS_LABELS[p.status as ProblemStatus];
  if (!picked.ok) {
    if (picked.why === 'role')
      throw new AppError('FORBIDDEN', {}, { action: input.action, status: p.status });
    if (picked.why === 'top_level')
      throw ruleViolation('已是最高协调层级，不能再提级', 'Already at the top of the escalation ladder', {
        action: input.action,
      });
    throw ruleViolation(
      `“${status.zh}”状态下不能${label.zh}`,
      `Cannot ${label.en.toLowerCase()} a problem that is ${status.en.toLowerCase()}`,
      {
        action: input.action,
        status: p.status,
      },
    );
  }
  const t = picked.transition;
  if (t.noteRequired && !input.note?.trim())
    throw ruleViolation(`${label.zh}须填写说明`, `${label.en} needs a note`, { field: 'note' });
  if (!(await repo.attachmentsBelongTo(trx, input.attachmentIds, 'problem', id)))
    throw ruleViolation('附件须先上传到本问题', 'Attachments must be uploaded to this problem first', {
      field: 'attachmentIds',
    });
  if (t.evidenceRequired && input.attachmentIds.length === 0)
    throw ruleViolation('办结须附佐证材料', 'Resolving needs at least one evidence attachment', {
      field: 'attachmentIds',
    });
  if (input.action === 'confirm_close') {
    const resolving = await repo.lastEventOf(trx, id, 'resolve');
    if (!resolving || (JSON.parse(resolving.attachment_ids) as string[]).length === 0)
      throw ruleViolation(
        '办结反馈没有佐证材料，不能销号',
        'The resolving reply carries no evidence: the problem cannot be closed',
      );
  }

  const set: Partial<ProblemTable> = { updated_at: at };
  const to = nextStatus(t, p, roles);
  set.status = to;
  let toLevel = p.escalation_level;
  const payload: Record<string, unknown> = {};
  if (input.action === 'assign') {
    const ownerId = input.ownerUnitId ?? p.owner_unit_id;
    const dueOn = input.dueOn ?? p.due_on;
    if (!ownerId)
      throw ruleViolation('交办须指定承办单位', 'Assigning needs an owner unit', { field: 'ownerUnitId' });
    if (!dueOn) throw ruleViolation('交办须指定办结时限', 'Assigning needs a deadline', { field: 'dueOn' });
    if (dueOn < today)
      throw ruleViolation('办结时限不能早于今天', 'The deadline cannot be in the past', { field: 'dueOn' });
    const units = await checkUnits(trx, ownerId, undefined);
    set.owner_unit_id = ownerId;
    set.due_on = dueOn;
    if (problemParent(p.entity).regionFollowsOwner) set.region_code = units.get(ownerId)!.region_code;
    Object.assign(payload, { ownerUnitId: ownerId, dueOn });
  } else if (input.ownerUnitId) {
    throw ruleViolation('只有交办时可以指定承办单位', 'The owner unit is set when assigning', {
      field: 'ownerUnitId',
    });
  }
  if (input.action === 'escalate') {
    toLevel = p.escalation_level + 1;
    set.escalation_level = toLevel;
    set.escalated_at = at;
    if (input.dueOn) {
      if (input.dueOn < today)
        throw ruleViolation('办结时限不能早于今天', 'The deadline cannot be in the past', { field: 'dueOn' });
      set.due_on = input.dueOn;
      payload.dueOn = input.dueOn;
    }
  } else if (input.dueOn && input.action !== 'assign') {
    throw ruleViolation(
      '只有交办或提级时可以调整办结时限',
      'The deadline is set when assigning or escalating',
      { field: 'dueOn' },
    );
  }
  if (input.action === 'hold') set.held_from = p.status;
  if (input.action === 'resume') set.held_from = null;
  if (input.action === 'resolve') set.resolved_at = at;
  if (input.action === 'return' && p.status === 'resolved') set.resolved_at = null;
  if (input.action === 'confirm_close') {
    set.closed_by = actor.userId;
    set.closed_at = at;
  }
  if (!(await repo.updateProblem(trx, id, p.version, set)))
    throw new AppError(
      'VERSION_CONFLICT',
      { version: p.version + 1 },
      { current: await loadPresented(trx, actor, id) },
    );
  await repo.insertEvent(trx, {
    id: newId(),
    problem_id: id,
    kind: input.action,
    from_status: p.status,
    to_status: to,
    from_level: p.escalation_level,
    to_level: toLevel,
    note: input.note?.trim() || null,
    attachment_ids: JSON.stringify(input.attachmentIds),
    actor_id: actor.userId,
    actor_name: actor.displayName,
    unit_id: actor.unitId,
    at,
    payload: Object.keys(payload).length ? JSON.stringify(payload) : null,
  });

  const after = { ...p, ...set };
  const raiser = p.raised_by ? [p.raised_by] : [];
  switch (input.action) {
    case 'assign':
      await notifyOwner(trx, after, 'problem.assigned', `交办问题：${p.title}（${after.due_on}前办结）`);
      break;
    case 'escalate': {
      const level = s.ladder.get(toLevel);
      await notifyOwner(
        trx,
        after,
        'problem.escalated',
        `问题提级至${level?.zh ?? `第${toLevel}级`}：${p.title}`,
      );
      await notifyUsers(trx, raiser, {
        kind: 'problem.escalated',
        title: `问题提级至${level?.zh ?? `第${toLevel}级`}：${p.title}`,
        entity: 'problem',
        entityId: id,
      });
      break;
    }
    case 'resolve':
      await notifyUsers(trx, raiser, {
        kind: 'problem.resolved',
        title: `问题已办结，请确认销号：${p.title}`,
        entity: 'problem',
        entityId: id,
      });
      break;
    case 'return':
      if (p.status === 'resolved')
        await notifyOwner(trx, after, 'problem.reopened', `办结未获确认，请继续办理：${p.title}`);
      else
        await notifyUsers(trx, raiser, {
          kind: 'problem.returned',
          title: `问题被退回：${p.title}`,
          entity: 'problem',
          entityId: id,
        });
      break;
    case 'confirm_close':
      await notifyOwner(trx, after, 'problem.closed', `问题已销号：${p.title}`);
      break;
    default:
      break;
  }
  await recordAudit(trx, actor, {
    entity: 'problem',
    entityId: id,
    action: input.action === 'confirm_close' ? 'confirm' : 'update',
    regionCode: after.region_code,
    before: {
      status: p.status,
      escalation_level: p.escalation_level,
      owner_unit_id: p.owner_unit_id,
      due_on: p.due_on,
    },
    after: {
      status: to,
      escalation_level: toLevel,
      owner_unit_id: after.owner_unit_id,
      due_on: after.due_on,
    },
    payload: { transition: input.action, note: input.note ?? null, attachmentIds: input.attachmentIds },
  });
}

export async function transitionProblem(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ProblemTransition,
): Promise<Problem> {
  requirePermission(actor, 'problem:manage');
  return deps.db.transaction().execute(async (trx) => {
    await transitionProblemTx(trx, actor, id, input);
    return loadPresented(trx, actor, id);
  });
}

// ---------------------------------------------------------------------------------------- settings

export async function getSettings(deps: Deps, actor: Actor): Promise<ProblemSettings> {
  requirePermission(actor, 'problem:read');
  const [cats, ladder, remind] = await Promise.all([
    repo.listCategories(deps.db),
    repo.listLadder(deps.db),
    repo.getSetting(deps.db, 'remind_days_before'),
  ]);
  return {
    categories: cats.map((c) => ({
      code: c.code,
      zh: c.name_zh,
      en: c.name_en,
      sort: c.sort,
      active: Number(c.active) === 1,
    })),
    escalationLadder: ladder.map((l) => ({
      level: Number(l.level),
      zh: l.name_zh,
      en: l.name_en,
      autoEscalateAfterDays: l.auto_after_days,
    })),
    remindDaysBefore: Number(remind ?? 3),
  };
}

export async function putCategories(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof ProblemCategoriesUpdate>,
): Promise<ProblemSettings> {
  requirePermission(actor, 'ruleset:manage');
  const codes = input.categories.map((c) => c.code);
  if (new Set(codes).size !== codes.length)
    throw ruleViolation('类别编码重复', 'Duplicate category codes', { field: 'categories' });
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.listCategories(trx);
    if (await repo.countProblemsInCategory(trx, codes))
      throw ruleViolation(
        '有问题使用了要删除的类别：请改为停用',
        'Problems use a category being removed: deactivate it instead',
        { field: 'categories' },
      );
    await repo.replaceCategories(
      trx,
      input.categories.map((c) => ({
        code: c.code,
        name_zh: c.zh,
        name_en: c.en,
        sort: c.sort,
        active: c.active ? 1 : 0,
      })),
    );
    await recordAudit(trx, actor, {
      entity: 'problem_settings',
      entityId: 'categories',
      action: 'update',
      before: { categories: before },
      after: { categories: input.categories },
    });
  });
  return getSettings(deps, actor);
}

export async function putLadder(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof EscalationLadderUpdate> & { remindDaysBefore?: number },
): Promise<ProblemSettings> {
  requirePermission(actor, 'ruleset:manage');
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.listLadder(trx);
    const max = input.escalationLadder.length;
    if (await repo.countProblemsAbove(trx, max))
      throw ruleViolation(`有未销号问题的层级高于 ${max}`, `Open problems sit above level ${max}`, {
        field: 'escalationLadder',
      });
    await repo.replaceLadder(
      trx,
      input.escalationLadder.map((l) => ({
        level: l.level,
        name_zh: l.zh,
        name_en: l.en,
        auto_after_days: l.autoEscalateAfterDays,
      })),
    );
    if (input.remindDaysBefore !== undefined)
      await repo.putSetting(trx, 'remind_days_before', String(input.remindDaysBefore), nowIso());
    await recordAudit(trx, actor, {
      entity: 'problem_settings',
      entityId: 'escalation_ladder',
      action: 'update',
      before: { ladder: before },
      after: { ladder: input.escalationLadder, remindDaysBefore: input.remindDaysBefore },
    });
  });
  return getSettings(deps, actor);
}

// ---------------------------------------------------------------------------- reminders and ladder

/**
 * The hourly job: reminds the owner unit's users of problems due within `remind_days_before` days and of
 * overdue ones — each reminder once per problem per day (notification dedupe key) — and escalates an
 * overdue problem one level once it has been overdue the ladder's number of days since its deadline or its
 * last escalation, whichever is later.
 */
export async function runProblemReminders(db: Db): Promise<{ reminded: number; escalated: number }> {
  const today = todayCst();
  const remindDays = Number((await repo.getSetting(db, 'remind_days_before')) ?? 3);
  const s = await settings(db);
  let reminded = 0;
  let escalated = 0;
  for (const p of await repo.dueProblems(db, addDays(today, remindDays))) {
    const overdue = p.due_on! < today;
    const days = overdue ? daysBetween(p.due_on!, today) : daysBetween(today, p.due_on!);
    await db.transaction().execute(async (trx) => {
      const kind = overdue ? 'remind_overdue' : 'remind_due';
      const title = overdue
        ? `问题已超期${days}天：${p.title}`
        : days === 0
          ? `问题今日到期：${p.title}`
          : `问题将于${days}天后（${p.due_on}）到期：${p.title}`;
      const sent = await notifyOwner(trx, p, `problem.${kind}`, title, `problem:${p.id}:${kind}:${today}`);
      if (sent > 0) {
        reminded++;
        await repo.insertEvent(trx, {
          id: newId(),
          problem_id: p.id,
          kind,
          from_status: p.status,
          to_status: p.status,
          from_level: null,
          to_level: null,
          note: null,
          attachment_ids: '[]',
          actor_id: null,
          actor_name: 'system',
          unit_id: null,
          at: nowIso(),
          payload: JSON.stringify({ dueOn: p.due_on, days, recipients: sent }),
        });
      }
      if (!overdue || p.escalation_level >= s.maxLevel) return;
      const after = s.ladder.get(p.escalation_level)?.autoAfterDays;
      if (!after) return;
      const since =
        p.escalated_at && cstDate(p.escalated_at) > p.due_on! ? cstDate(p.escalated_at) : p.due_on!;
      if (daysBetween(since, today) < after) return;
      const at = nowIso();
      const toLevel = p.escalation_level + 1;
      if (
        !(await repo.updateProblem(trx, p.id, p.version, {
          escalation_level: toLevel,
          escalated_at: at,
          updated_at: at,
        }))
      )
        return;
      escalated++;
      await repo.insertEvent(trx, {
        id: newId(),
        problem_id: p.id,
        kind: 'auto_escalate',
        from_status: p.status,
        to_status: p.status,
        from_level: p.escalation_level,
        to_level: toLevel,
        note: `超期${days}天，自动提级`,
        attachment_ids: '[]',
        actor_id: null,
        actor_name: 'system',
        unit_id: null,
        at,
        payload: JSON.stringify({ daysOverdue: days, afterDays: after }),
      });
      const level = s.ladder.get(toLevel)?.zh ?? `第${toLevel}级`;
      await notifyOwner(
        trx,
        p,
        'problem.escalated',
        `问题超期${days}天，已提级至${level}：${p.title}`,
        `problem:${p.id}:escalate:${toLevel}`,
      );
      if (p.raised_by)
        await notifyUsers(trx, [p.raised_by], {
          kind: 'problem.escalated',
          title: `问题超期${days}天，已提级至${level}：${p.title}`,
          entity: 'problem',
          entityId: p.id,
          dedupeKey: `problem:${p.id}:escalate:${toLevel}`,
        });
      await recordAudit(trx, null, {
        entity: 'problem',
        entityId: p.id,
        action: 'update',
        regionCode: p.region_code,
        before: { escalation_level: p.escalation_level },
        after: { escalation_level: toLevel },
        payload: { transition: 'auto_escalate', daysOverdue: days },
      });
    });
  }
  return { reminded, escalated };
}
