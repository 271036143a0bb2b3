import type { z } from 'zod';
import { isValidCreditCode, normaliseCreditCode } from '../../../../contracts/validators/credit-code';
import {
  DEFAULT_REFORM_SETTINGS,
  REFORM_DOC_TYPES,
  ReformSettings,
  TASK_SORTS,
  type AreaCreate,
  type AreaUpdate,
  type BlockerInput,
  type ItemCreate,
  type ItemUpdate,
  type MilestoneInput,
  type MilestoneUpdate,
  type ReformArea,
  type ReformTask,
  type SoeKpiKey,
  type TargetInput,
  type TaskCreate,
  type TaskListQuery,
  type TaskUpdate,
} from '../../../../contracts/schemas/reform';
import { can, type Actor } from '../../core/access/actor';
import { requirePermission, unitInScope } from '../../core/access/scope';
import { registerAttachmentOwner } from '../../core/attachments/attachments';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { cstDate } from './reform.cadence';
import { hasMeasuredSources, measureSoeKpi, measureTarget } from './reform.indicators';
import {
  contributesTo,
  isReformOffice,
  leadsTask,
  milestoneAbilities,
  reportAbilities,
  taskAbilities,
} from './reform.policy';
import {
  accessOf,
  parseJson,
  presentBlocker,
  presentEvent,
  presentTask,
  type Measured,
} from './reform.presenter';
import { raiseBlockerProblem } from './reform.problems';
import './reform.measure';
import './reform.soe';
import * as repo from './reform.repository';
import type { ReformTaskTable, ReformTargetTable, TaskRow } from './reform.table';

export type Deps = { db: Db };

// ── shared helpers ──────────────────────────────────────────────────────────────────────────────

export const today = () => todayCst();

export async function loadSettings(db: Executor): Promise<ReformSettings> {
  const rows = await repo.readSettings(db);
  const raw: Record<string, number> = { ...DEFAULT_REFORM_SETTINGS };
  for (const r of rows) if (r.key in raw && Number.isFinite(Number(r.value))) raw[r.key] = Number(r.value);
  const parsed = ReformSettings.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_REFORM_SETTINGS;
}

export type LoadedTask = repo.TaskJoined & { coUnitIds: string[] };

/** A task the actor can see (404 otherwise), with its co-unit ids. */
export async function loadTask(db: Executor, actor: Actor | null, id: string): Promise<LoadedTask> {
  const t = await repo.findTask(db, actor, id);
  if (!t) throw notFound();
  const co = await repo.coUnitsOf(db, [id]);
  return { ...t, coUnitIds: (co.get(id) ?? []).map((u) => u.id) };
}

export const accessOfLoaded = (t: LoadedTask) => accessOf(t, t.coUnitIds);

export function requireLead(actor: Actor, t: LoadedTask) {
  requirePermission(actor, 'reform:manage');
  if (!leadsTask(actor, accessOfLoaded(t))) throw new AppError('FORBIDDEN');
}

export function requireOpen(t: { status: string }) {
  if (t.status === 'closed')
    throw ruleViolation('任务已销号，不能再修改', 'The task is closed and can no longer be changed');
}

/** Appends one line to the task's timeline. */
export async function recordEvent(
  trx: Executor,
  actor: Actor,
  e: {
    taskId: string;
    entity: 'task' | 'milestone' | 'report' | 'extension' | 'contribution';
    entityId: string;
    kind: string;
    from?: string | null;
    to?: string | null;
    comment?: string | null;
    payload?: Record<string, unknown> | null;
    at?: string;
  },
) {
  await repo.insertEvents(trx, [
    {
      id: newId(),
      task_id: e.taskId,
      entity: e.entity,
      entity_id: e.entityId,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      comment: e.comment ?? null,
      payload: e.payload ? JSON.stringify(e.payload) : null,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: e.at ?? nowIso(),
    },
  ]);
}

/** Changes a task's stored status (bumping its version) and records the status event. */
export async function setTaskStatus(
  trx: Executor,
  actor: Actor,
  taskId: string,
  to: ReformTaskTable['status'],
  set: Partial<ReformTaskTable> = {},
  comment?: string | null,
) {
  const cur = await trx
    .selectFrom('reform_tasks')
    .select(['status', 'version'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  const at = nowIso();
  await repo.updateTask(trx, taskId, cur.version, { ...set, status: to, updated_at: at });
  if (cur.status !== to)
    await recordEvent(trx, actor, {
      taskId,
      entity: 'task',
      entityId: taskId,
      kind: 'status',
      from: cur.status,
      to,
      comment,
      at,
    });
}

async function measuredTargets(
  db: Executor,
  tasks: repo.TaskJoined[],
  targets: Map<string, ReformTargetTable[]>,
) {
  const out = new Map<string, Measured>();
  if (!hasMeasuredSources()) return out;
  const t0 = today();
  for (const t of tasks)
    for (const tg of targets.get(t.id) ?? []) {
      // measured as of the deadline once it has passed (or the closure), else year-to-date
      const asOf = [t0, t.due_on, t.closed_at ? cstDate(t.closed_at) : t0].sort()[0]!;
      const month = asOf.slice(0, 7);
      const year = Number(asOf.slice(0, 4));
      if (tg.indicator_code) {
        const v = await measureTarget(
          db,
          tg.indicator_code,
          month,
          t.region_code,
          parseJson(tg.indicator_params, null),
        );
        out.set(tg.id, { value: v, source: 'indicator' });
      } else if (tg.soe_kpi && t.soe_credit_code) {
        const v = await measureSoeKpi(db, t.soe_credit_code, tg.soe_kpi as SoeKpiKey, year, tg.unit);
        out.set(tg.id, { value: v, source: 'soe' });
      }
    }
  return out;
}

/** Presents tasks with their co-units, milestones, targets, evidence counts and open blockers (batched). */
export async function presentTasks(
  db: Executor,
  actor: Actor,
  rows: repo.TaskJoined[],
  detail = false,
): Promise<ReformTask[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [co, ms, tg, blockers] = await Promise.all([
    repo.coUnitsOf(db, ids),
    repo.milestonesOf(db, ids),
    repo.targetsOf(db, ids),
    repo.blockersOf(db, ids),
  ]);
  const milestoneIds = [...ms.values()].flat().map((m) => m.id);
  const msEvidence = await repo.attachmentCounts(db, 'reform_milestone', milestoneIds);
  const measured = await measuredTargets(db, rows, tg);
  const t0 = today();
  const out: ReformTask[] = [];
  for (const r of rows) {
    const own = blockers.filter((b) => b.entity_id === r.id);
    let evidenceCount: number | undefined;
    if (detail) {
      const reportIds = (await repo.reportsOfTasks(db, [r.id], '0000-01-01', '9999-12-31')).map((x) => x.id);
      const [a, b, c] = await Promise.all([
        repo.attachmentCounts(db, 'reform_task', [r.id]),
        repo.attachmentCounts(db, 'reform_report', reportIds),
        Promise.resolve((ms.get(r.id) ?? []).reduce((s, m) => s + (msEvidence.get(m.id) ?? 0), 0)),
      ]);
      evidenceCount = (a.get(r.id) ?? 0) + [...b.values()].reduce((s, x) => s + x, 0) + c;
    }
    out.push(
      presentTask(
        actor,
        r,
        {
          coUnits: co.get(r.id) ?? [],
          milestones: ms.get(r.id) ?? [],
          targets: tg.get(r.id) ?? [],
          measured,
          milestoneEvidence: msEvidence,
          openBlockers: own.filter((b) => b.status !== 'closed').length,
          ...(detail ? { blockers: own.map(presentBlocker), evidenceCount } : {}),
        },
        t0,
      ),
    );
  }
  return out;
}

export async function presentOneTask(db: Executor, actor: Actor, id: string): Promise<ReformTask> {
  const row = await repo.findTask(db, null, id);
  if (!row) throw notFound();
  return (await presentTasks(db, actor, [row], true))[0]!;
}

// ── attachment owners: evidence on tasks, milestones, reports and contributions ─────────────────

async function taskOfEntity(
  db: Executor,
  entity: string,
  id: string,
): Promise<{ taskId: string; status: string } | null> {
  if (entity === 'reform_task') return { taskId: id, status: '' };
  if (entity === 'reform_milestone') {
    const m = await repo.findMilestone(db, id);
    return m ? { taskId: m.task_id, status: m.status } : null;
  }
  if (entity === 'reform_report') {
    const r = await db
      .selectFrom('reform_reports')
      .select(['task_id', 'status', 'due_on'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) return null;
    const locked = await repo.findLock(db, r.due_on.slice(0, 7));
    return { taskId: r.task_id, status: locked?.status === 'locked' ? 'locked' : r.status };
  }
  const c = await repo.findContributionById(db, id);
  return c ? { taskId: c.task_id, status: c.unit_id } : null;
}

for (const entity of ['reform_task', 'reform_milestone', 'reform_report', 'reform_contribution'] as const) {
  registerAttachmentOwner(entity, {
    async canRead(db, actor, id) {
      requirePermission(actor, 'reform:read');
      const link = await taskOfEntity(db, entity, id);
      if (!link) throw notFound();
      const t = await loadTask(db, actor, link.taskId);
      return { regionCode: t.region_code };
    },
    async canAttach(db, actor, id) {
      requirePermission(actor, 'reform:read');
      const link = await taskOfEntity(db, entity, id);
      if (!link) throw notFound();
      const t = await loadTask(db, actor, link.taskId);
      const a = accessOfLoaded(t);
      let ok: boolean;
      if (entity === 'reform_task') ok = taskAbilities(actor, a).attach;
      else if (entity === 'reform_milestone')
        ok = milestoneAbilities(actor, a, { status: link.status }).attach;
      else if (entity === 'reform_report')
        ok = reportAbilities(
          actor,
          a,
          { status: link.status === 'locked' ? 'draft' : link.status },
          link.status === 'locked',
        ).attach;
      else ok = can(actor, 'reform:manage') && actor.unitId === link.status && contributesTo(actor, a);
      if (!ok) throw new AppError('FORBIDDEN');
      return { regionCode: t.region_code };
    },
    docTypes: REFORM_DOC_TYPES,
  });
}

// ── areas and items ─────────────────────────────────────────────────────────────────────────────

export async function listAreas(deps: Deps, actor: Actor): Promise<ReformArea[]> {
  requirePermission(actor, 'reform:read');
  const [areas, items, counts] = await Promise.all([
    repo.listAreas(deps.db),
    repo.listItems(deps.db),
    repo.taskCountsByAreaAndItem(deps.db),
  ]);
  const office = isReformOffice(actor) && can(actor, 'reform:manage');
  return areas.map((a) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    sort: a.sort,
    regionCode: a.region_code,
    taskCount: counts.filter((c) => c.area_id === a.id).reduce((s, c) => s + Number(c.n), 0),
    items: items
      .filter((i) => i.area_id === a.id)
      .map((i) => ({
        id: i.id,
        areaId: i.area_id,
        code: i.code,
        title: i.title,
        sort: i.sort,
        taskCount: counts.filter((c) => c.item_id === i.id).reduce((s, c) => s + Number(c.n), 0),
        version: i.version,
      })),
    version: a.version,
    abilities: { update: office, delete: office, addItem: office },
  }));
}

function requireOfficeManage(actor: Actor) {
  requirePermission(actor, 'reform:manage');
  requirePermission(actor, 'reform:verify');
}

export async function createArea(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof AreaCreate>,
): Promise<ReformArea[]> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.findAreaByName(trx, input.name))
      throw new AppError('DUPLICATE', { detail: { zh: '改革领域名称', en: 'area name' } });
    if (input.code && (await repo.findAreaByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '改革领域编码', en: 'area code' } });
    const regionCode = input.regionCode ?? actor.regionCode ?? '000000';
    if (!(await repo.regionExists(trx, regionCode)))
      throw ruleViolation(`行政区划代码 ${regionCode} 不存在`, `Region code ${regionCode} does not exist`, {
        field: 'regionCode',
      });
    const at = nowIso();
    const row = {
      id: newId(),
      code: input.code ?? null,
      name: input.name,
      sort: input.sort ?? 0,
      region_code: regionCode,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertAreas(trx, [row]);
    await recordAudit(trx, actor, {
      entity: 'reform_area',
      entityId: row.id,
      action: 'create',
      regionCode,
      after: row,
    });
  });
  return listAreas(deps, actor);
}

export async function updateArea(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof AreaUpdate>,
): Promise<ReformArea[]> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findArea(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { version: before.version }, { current: before });
    if (input.name && input.name !== before.name && (await repo.findAreaByName(trx, input.name)))
      throw new AppError('DUPLICATE', { detail: { zh: '改革领域名称', en: 'area name' } });
    if (input.code && input.code !== before.code && (await repo.findAreaByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '改革领域编码', en: 'area code' } });
    if (input.regionCode && !(await repo.regionExists(trx, input.regionCode)))
      throw ruleViolation(
        `行政区划代码 ${input.regionCode} 不存在`,
        `Region code ${input.regionCode} does not exist`,
        { field: 'regionCode' },
      );
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
      updated_at: nowIso(),
    };
    if (!(await repo.updateArea(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_area',
      entityId: id,
      action: 'update',
      regionCode: before.region_code,
      before,
      after: { ...before, ...set },
    });
  });
  return listAreas(deps, actor);
}

export async function deleteArea(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findArea(trx, id);
    if (!before) throw notFound();
    const n = (await repo.countTasksIn(trx, 'area_id', id)) + (await repo.countItemsIn(trx, id));
    if (n)
      throw new AppError('IN_USE', {
        detail: { zh: '该领域下还有改革事项或任务', en: 'the area still has items or tasks' },
      });
    await repo.deleteArea(trx, id);
    await recordAudit(trx, actor, {
      entity: 'reform_area',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before,
    });
  });
}

export async function createItem(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof ItemCreate>,
): Promise<ReformArea[]> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const area = await repo.findArea(trx, input.areaId);
    if (!area) throw ruleViolation('改革领域不存在', 'The reform area does not exist', { field: 'areaId' });
    if (await repo.findItemByTitle(trx, area.id, input.title))
      throw new AppError('DUPLICATE', { detail: { zh: '重点改革事项', en: 'key reform item' } });
    if (input.code && (await repo.findItemByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '事项编码', en: 'item code' } });
    const at = nowIso();
    const row = {
      id: newId(),
      area_id: area.id,
      code: input.code ?? null,
      title: input.title,
      sort: input.sort ?? 0,
      region_code: area.region_code,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertItems(trx, [row]);
    await recordAudit(trx, actor, {
      entity: 'reform_item',
      entityId: row.id,
      action: 'create',
      regionCode: row.region_code,
      after: row,
    });
  });
  return listAreas(deps, actor);
}

export async function updateItem(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ItemUpdate>,
): Promise<ReformArea[]> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findItem(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { version: before.version }, { current: before });
    if (
      input.title &&
      input.title !== before.title &&
      (await repo.findItemByTitle(trx, before.area_id, input.title))
    )
      throw new AppError('DUPLICATE', { detail: { zh: '重点改革事项', en: 'key reform item' } });
    if (input.code && input.code !== before.code && (await repo.findItemByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '事项编码', en: 'item code' } });
    const set = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      updated_at: nowIso(),
    };
    if (!(await repo.updateItem(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_item',
      entityId: id,
      action: 'update',
      regionCode: before.region_code,
      before,
      after: { ...before, ...set },
    });
  });
  return listAreas(deps, actor);
}

export async function deleteItem(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireOfficeManage(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findItem(trx, id);
    if (!before) throw notFound();
    if (await repo.countTasksIn(trx, 'item_id', id))
      throw new AppError('IN_USE', { detail: { zh: '该事项下还有任务', en: 'the item still has tasks' } });
    await repo.deleteItem(trx, id);
    await recordAudit(trx, actor, {
      entity: 'reform_item',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before,
    });
  });
}

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────

const SORT_COLUMNS: Record<(typeof TASK_SORTS)[number], keyof ReformTaskTable> = {
  code: 'code',
  title: 'title',
  dueOn: 'due_on',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  progressPct: 'progress_pct',
  status: 'status',
};

export async function listTasks(deps: Deps, actor: Actor, q: TaskListQuery): Promise<Page<ReformTask>> {
  requirePermission(actor, 'reform:read');
  const sort = parseSort(q.sort, SORT_COLUMNS, { column: 'code', desc: false });
  const { rows, total } = await repo.listTasks(deps.db, actor, q, today(), {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  return { data: await presentTasks(deps.db, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getTask(deps: Deps, actor: Actor, id: string): Promise<ReformTask> {
  requirePermission(actor, 'reform:read');
  await loadTask(deps.db, actor, id);
  return presentOneTask(deps.db, actor, id);
}

export function normaliseCode(raw: string, field: string): string {
  const code = normaliseCreditCode(raw);
  if (!isValidCreditCode(code))
    throw ruleViolation(`统一社会信用代码 ${raw} 无效`, `${raw} is not a valid unified social credit code`, {
      field,
    });
  return code;
}

type ResolvedTaskInput = {
  leadUnit: { id: string; path: string; region_code: string };
  coUnitIds: string[];
  regionCode: string;
};

async function resolveTaskInput(
  trx: Executor,
  actor: Actor,
  input: Partial<TaskCreate>,
  before: TaskRow | null,
): Promise<ResolvedTaskInput> {
  const leadUnitId = input.leadUnitId ?? before!.lead_unit_id;
  const coUnitIds = [...new Set(input.coUnitIds ?? [])].filter((u) => u !== leadUnitId);
  const units = await repo.findUnits(trx, [leadUnitId, ...coUnitIds]);
  const lead = units.find((u) => u.id === leadUnitId);
  if (!lead) throw ruleViolation('牵头单位不存在', 'The lead unit does not exist', { field: 'leadUnitId' });
  if ((input.leadUnitId !== undefined || !before) && !unitInScope(actor, 'reform', lead))
    throw new AppError('FORBIDDEN');
  if (input.coUnitIds && units.length !== coUnitIds.length + 1)
    throw ruleViolation('配合单位中有不存在的单位', 'Some co-units do not exist', { field: 'coUnitIds' });
  const areaId = input.areaId ?? before?.area_id;
  if (input.areaId !== undefined || !before) {
    if (!areaId || !(await repo.findArea(trx, areaId)))
      throw ruleViolation('改革领域不存在', 'The reform area does not exist', { field: 'areaId' });
  }
  const itemId = input.itemId !== undefined ? input.itemId : before?.item_id;
  if (itemId && (input.itemId !== undefined || input.areaId !== undefined)) {
    const item = await repo.findItem(trx, itemId);
    if (!item || item.area_id !== areaId)
      throw ruleViolation(
        '重点改革事项不存在或不属于该领域',
        'The key reform item does not exist or belongs to another area',
        { field: 'itemId' },
      );
  }
  const regionCode =
    input.regionCode ?? (input.leadUnitId !== undefined || !before ? lead.region_code : before.region_code);
  if (input.regionCode !== undefined && !(await repo.regionExists(trx, regionCode)))
    throw ruleViolation(`行政区划代码 ${regionCode} 不存在`, `Region code ${regionCode} does not exist`, {
      field: 'regionCode',
    });
  const startOn = input.startOn ?? before?.start_on;
  const dueOn = input.dueOn ?? before?.due_on;
  if (startOn && dueOn && startOn > dueOn)
    throw ruleViolation('开始日期不能晚于完成时限', 'The start date cannot be after the deadline', {
      field: 'startOn',
    });
  for (const m of (input as TaskCreate).milestones ?? [])
    if (dueOn && m.dueOn > dueOn)
      throw ruleViolation(
        `节点“${m.title}”晚于任务完成时限`,
        `Milestone “${m.title}” is due after the task's deadline`,
        { field: 'milestones' },
      );
  if (input.code && input.code !== before?.code) {
    const dup = await repo.findTaskByCode(trx, input.code);
    if (dup && dup.id !== before?.id)
      throw new AppError('DUPLICATE', {
        detail: { zh: `任务编号 ${input.code}`, en: `task code ${input.code}` },
      });
  }
  for (const [i, t] of (input.targets ?? []).entries())
    if (t.soeKpi && !(input.soeCreditCode ?? before?.soe_credit_code))
      throw ruleViolation(
        '国企“一利五率”目标需先关联国有企业（统一社会信用代码）',
        'An SOE KPI target needs the task linked to an SOE (credit code)',
        { field: `targets.${i}.soeKpi` },
      );
  return { leadUnit: lead, coUnitIds, regionCode };
}

function targetRows(
  taskId: string,
  regionCode: string,
  targets: TargetInput[],
  keepIds: Set<string>,
): ReformTargetTable[] {
  return targets.map((t, i) => ({
    id: t.id && keepIds.has(t.id) ? t.id : newId(),
    task_id: taskId,
    seq: i + 1,
    metric: t.metric,
    baseline: t.baseline ?? null,
    target: t.target,
    unit: t.unit ?? '',
    direction: t.direction ?? 'increase',
    actual: t.actual ?? null,
    indicator_code: t.indicatorCode ?? null,
    indicator_params: t.indicatorParams ? JSON.stringify(t.indicatorParams) : null,
    soe_kpi: t.soeKpi ?? null,
    region_code: regionCode,
  }));
}

function milestoneRow(
  taskId: string,
  regionCode: string,
  m: z.infer<typeof MilestoneInput>,
  seq: number,
  at: string,
) {
  return {
    id: newId(),
    task_id: taskId,
    seq,
    title: m.title,
    deliverable: m.deliverable ?? null,
    due_on: m.dueOn,
    original_due_on: null,
    status: 'pending' as const,
    done_on: null,
    done_note: null,
    evidence_report_id: null,
    closed_at: null,
    closed_by: null,
    region_code: regionCode,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

/** Creates a task inside the caller's transaction (the API and the Excel import); returns the stored row. */
export async function createTaskTx(
  trx: Executor,
  actor: Actor,
  input: TaskCreate,
  opts: { audit?: boolean } = {},
): Promise<ReformTaskTable> {
  const r = await resolveTaskInput(trx, actor, input, null);
  const at = nowIso();
  const id = newId();
  const soe = input.soeCreditCode ? normaliseCode(input.soeCreditCode, 'soeCreditCode') : null;
  const row: ReformTaskTable = {
    id,
    code: input.code ?? null,
    area_id: input.areaId,
    item_id: input.itemId ?? null,
    title: input.title,
    measures: input.measures ?? null,
    source_doc: input.sourceDoc ?? null,
    source_meeting: input.sourceMeeting ?? null,
    lead_leader: input.leadLeader ?? null,
    lead_unit_id: r.leadUnit.id,
    contacts: JSON.stringify(input.contacts ?? []),
    outcome_form: input.outcomeForm ?? null,
    outcome_note: input.outcomeNote ?? null,
    start_on: input.startOn ?? cstDate(at),
    due_on: input.dueOn,
    original_due_on: null,
    cadence: input.cadence ?? (input.isKey ? 'weekly' : 'monthly'),
    is_key: input.isKey ? 1 : 0,
    is_first: input.isFirst ? 1 : 0,
    is_replicated: input.isReplicated ? 1 : 0,
    status: 'not_started',
    progress_pct: 0,
    progress_note: null,
    problems_note: null,
    next_steps_note: null,
    last_report_period: null,
    soe_credit_code: soe,
    linked_project_ids: JSON.stringify([...new Set(input.linkedProjectIds ?? [])]),
    linked_enterprise_codes: JSON.stringify([
      ...new Set(
        (input.linkedEnterpriseCodes ?? []).map((c, i) => normaliseCode(c, `linkedEnterpriseCodes.${i}`)),
      ),
    ]),
    done_on: null,
    completion_report_id: null,
    closed_at: null,
    closed_by: null,
    region_code: r.regionCode,
    created_by: actor.userId,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  if (row.start_on > row.due_on) row.start_on = row.due_on;
  await repo.insertTasks(trx, [row]);
  await repo.replaceCoUnits(trx, id, r.coUnitIds);
  await repo.insertTargets(trx, targetRows(id, row.region_code, input.targets ?? [], new Set()));
  await repo.insertMilestones(
    trx,
    (input.milestones ?? []).map((m, i) => milestoneRow(id, row.region_code, m, i + 1, at)),
  );
  await recordEvent(trx, actor, {
    taskId: id,
    entity: 'task',
    entityId: id,
    kind: 'status',
    from: null,
    to: 'not_started',
    at,
  });
  if (opts.audit !== false)
    await recordAudit(trx, actor, {
      entity: 'reform_task',
      entityId: id,
      action: 'create',
      regionCode: row.region_code,
      after: {
        ...row,
        coUnitIds: r.coUnitIds,
        targets: input.targets ?? [],
        milestones: input.milestones ?? [],
      },
    });
  return row;
}

export async function createTask(deps: Deps, actor: Actor, input: TaskCreate): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const row = await createTaskTx(trx, actor, input);
    return presentOneTask(trx, actor, row.id);
  });
}

/** Updates a task inside the caller's transaction (version-checked); returns the stored row before and after. */
export async function updateTaskTx(
  trx: Executor,
  actor: Actor,
  id: string,
  input: TaskUpdate,
  opts: { audit?: boolean } = {},
): Promise<{ before: TaskRow; after: TaskRow; changed: boolean }> {
  const t = await loadTask(trx, actor, id);
  requireLead(actor, t);
  requireOpen(t);
  if (t.version !== input.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: t.version },
      { current: await presentOneTask(trx, actor, id) },
    );
  const office = isReformOffice(actor);
  if (input.dueOn !== undefined && input.dueOn !== t.due_on && !office)
    throw ruleViolation(
      '调整完成时限请提交延期申请，由改革办审批',
      'Ask for an extension to move the deadline; the reform office approves it',
      { field: 'dueOn' },
    );
  const r = await resolveTaskInput(trx, actor, input, t);
  const set: Partial<ReformTaskTable> = {};
  const put = <K extends keyof ReformTaskTable>(k: K, v: ReformTaskTable[K] | undefined) => {
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(t[k])) set[k] = v;
  };
  put('code', input.code);
  put('area_id', input.areaId);
  put('item_id', input.itemId);
  put('title', input.title);
  put('measures', input.measures);
  put('source_doc', input.sourceDoc);
  put('source_meeting', input.sourceMeeting);
  put('lead_leader', input.leadLeader);
  put('lead_unit_id', input.leadUnitId);
  if (input.contacts !== undefined) put('contacts', JSON.stringify(input.contacts));
  put('outcome_form', input.outcomeForm);
  put('outcome_note', input.outcomeNote);
  put('start_on', input.startOn);
  if (input.dueOn !== undefined && input.dueOn !== t.due_on) {
    set.due_on = input.dueOn;
    if (!t.original_due_on) set.original_due_on = t.due_on;
  }
  put('cadence', input.cadence);
  if (input.isKey !== undefined) put('is_key', input.isKey ? 1 : 0);
  if (input.isFirst !== undefined) put('is_first', input.isFirst ? 1 : 0);
  if (input.isReplicated !== undefined) put('is_replicated', input.isReplicated ? 1 : 0);
  put('region_code', input.regionCode ?? (input.leadUnitId !== undefined ? r.regionCode : undefined));
  if (input.soeCreditCode !== undefined)
    put('soe_credit_code', input.soeCreditCode ? normaliseCode(input.soeCreditCode, 'soeCreditCode') : null);
  if (input.linkedProjectIds !== undefined)
    put('linked_project_ids', JSON.stringify([...new Set(input.linkedProjectIds)]));
  if (input.linkedEnterpriseCodes !== undefined)
    put(
      'linked_enterprise_codes',
      JSON.stringify([
        ...new Set(input.linkedEnterpriseCodes.map((c, i) => normaliseCode(c, `linkedEnterpriseCodes.${i}`))),
      ]),
    );
  if (input.status !== undefined && input.status !== t.status) {
    if (t.status !== 'not_started' && t.status !== 'in_progress')
      throw ruleViolation(
        '该状态只能通过报送、核验或审批改变',
        'This status changes only through reports, verification or approvals',
        { field: 'status' },
      );
    set.status = input.status;
  }
  let changed = Object.keys(set).length > 0;
  const oldTargets = (await repo.targetsOf(trx, [id])).get(id) ?? [];
  const oldCo = t.coUnitIds;
  if (input.targets !== undefined) {
    const rows = targetRows(
      id,
      set.region_code ?? t.region_code,
      input.targets,
      new Set(oldTargets.map((x) => x.id)),
    );
    const strip = (x: ReformTargetTable) => ({ ...x, id: '', seq: 0 });
    if (JSON.stringify(rows.map(strip)) !== JSON.stringify(oldTargets.map(strip))) {
      await repo.replaceTargets(trx, id, rows);
      changed = true;
    }
  }
  if (
    input.coUnitIds !== undefined &&
    JSON.stringify([...r.coUnitIds].sort()) !== JSON.stringify([...oldCo].sort())
  ) {
    await repo.replaceCoUnits(trx, id, r.coUnitIds);
    changed = true;
  }
  if (!changed) return { before: t, after: t, changed: false };
  const at = nowIso();
  if (!(await repo.updateTask(trx, id, input.version, { ...set, updated_at: at })))
    throw new AppError('VERSION_CONFLICT', { version: t.version + 1 });
  if (set.status)
    await recordEvent(trx, actor, {
      taskId: id,
      entity: 'task',
      entityId: id,
      kind: 'status',
      from: t.status,
      to: set.status,
      at,
    });
  if (set.region_code && set.region_code !== t.region_code)
    for (const table of [
      'reform_milestones',
      'reform_targets',
      'reform_reports',
      'reform_contributions',
      'reform_extensions',
    ] as const)
      await trx.updateTable(table).set({ region_code: set.region_code }).where('task_id', '=', id).execute();
  const after = (await repo.findTask(trx, null, id))!;
  if (opts.audit !== false) {
    const {
      lead_unit_full_name: _a,
      lead_unit_short_name: _b,
      lead_unit_path: _c,
      lead_unit_region: _d,
      area_name: _e,
      item_title: _f,
      coUnitIds: _g,
      ...b
    } = t;
    await recordAudit(trx, actor, {
      entity: 'reform_task',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: { ...b, coUnitIds: oldCo, targets: oldTargets.map((x) => ({ ...x, id: undefined })) },
      after: {
        ...b,
        ...set,
        coUnitIds: input.coUnitIds !== undefined ? r.coUnitIds : oldCo,
        targets: ((await repo.targetsOf(trx, [id])).get(id) ?? []).map((x) => ({ ...x, id: undefined })),
      },
    });
  }
  return { before: t, after, changed: true };
}

export async function updateTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: TaskUpdate,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    await updateTaskTx(trx, actor, id, input);
    return presentOneTask(trx, actor, id);
  });
}

export async function deleteTask(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reform:manage');
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    requireLead(actor, t);
    if (t.status !== 'not_started' || (await repo.countReportsOfTask(trx, id)))
      throw new AppError('IN_USE', {
        detail: { zh: '任务已启动或已有进展报送，不能删除', en: 'the task has started or has reports' },
      });
    const {
      lead_unit_full_name: _a,
      lead_unit_short_name: _b,
      lead_unit_path: _c,
      lead_unit_region: _d,
      ...before
    } = t;
    await repo.deleteTask(trx, id);
    await recordAudit(trx, actor, {
      entity: 'reform_task',
      entityId: id,
      action: 'delete',
      regionCode: t.region_code,
      before,
    });
  });
}

export async function listTaskEvents(deps: Deps, actor: Actor, id: string) {
  requirePermission(actor, 'reform:read');
  await loadTask(deps.db, actor, id);
  return (await repo.eventsOf(deps.db, id)).map(presentEvent);
}

// ── milestones ──────────────────────────────────────────────────────────────────────────────────

export async function addMilestone(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: z.infer<typeof MilestoneInput>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, taskId);
    requireLead(actor, t);
    requireOpen(t);
    if (input.dueOn > t.due_on)
      throw ruleViolation('节点时间晚于任务完成时限', 'The milestone is due after the task deadline', {
        field: 'dueOn',
      });
    const at = nowIso();
    const row = milestoneRow(taskId, t.region_code, input, (await repo.maxMilestoneSeq(trx, taskId)) + 1, at);
    await repo.insertMilestones(trx, [row]);
    if (t.status === 'done_pending_verification')
      await setTaskStatus(
        trx,
        actor,
        taskId,
        'in_progress',
        { done_on: null, completion_report_id: null },
        '新增节点',
      );
    await recordAudit(trx, actor, {
      entity: 'reform_milestone',
      entityId: row.id,
      action: 'create',
      regionCode: t.region_code,
      after: row,
    });
    return presentOneTask(trx, actor, taskId);
  });
}

export async function loadMilestone(db: Executor, actor: Actor, id: string) {
  const m = await repo.findMilestone(db, id);
  if (!m) throw notFound();
  const t = await loadTask(db, actor, m.task_id);
  return { m, t };
}

export async function updateMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof MilestoneUpdate>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const { m, t } = await loadMilestone(trx, actor, id);
    if (!milestoneAbilities(actor, accessOfLoaded(t), m).update) throw new AppError('FORBIDDEN');
    if (m.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { version: m.version }, { current: m });
    const set: Record<string, unknown> = { updated_at: nowIso() };
    if (input.title !== undefined) set.title = input.title;
    if (input.deliverable !== undefined) set.deliverable = input.deliverable;
    if (input.dueOn !== undefined && input.dueOn !== m.due_on) {
      if (!isReformOffice(actor))
        throw ruleViolation(
          '调整节点时间请提交延期申请，由改革办审批',
          'Ask for an extension to move a milestone; the reform office approves it',
          { field: 'dueOn' },
        );
      if (input.dueOn > t.due_on)
        throw ruleViolation('节点时间晚于任务完成时限', 'The milestone is due after the task deadline', {
          field: 'dueOn',
        });
      set.due_on = input.dueOn;
      if (!m.original_due_on) set.original_due_on = m.due_on;
    }
    if (!(await repo.updateMilestone(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: m.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_milestone',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      before: m,
      after: { ...m, ...set },
    });
    return presentOneTask(trx, actor, t.id);
  });
}

export async function deleteMilestone(deps: Deps, actor: Actor, id: string): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const { m, t } = await loadMilestone(trx, actor, id);
    if (!milestoneAbilities(actor, accessOfLoaded(t), m).delete) throw new AppError('FORBIDDEN');
    await repo.deleteMilestone(trx, id);
    await recordAudit(trx, actor, {
      entity: 'reform_milestone',
      entityId: id,
      action: 'delete',
      regionCode: m.region_code,
      before: m,
    });
    return presentOneTask(trx, actor, t.id);
  });
}

// ── blockers ────────────────────────────────────────────────────────────────────────────────────

/** Raises a blocker (堵点/难点) of a task as a problem of the shared problem list. */
export async function raiseBlocker(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: z.infer<typeof BlockerInput>,
) {
  requirePermission(actor, 'reform:read');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, taskId);
    if (!taskAbilities(actor, accessOfLoaded(t)).raiseBlocker) throw new AppError('FORBIDDEN');
    const id = await raiseBlockerProblem(trx, actor, t, input);
    await recordEvent(trx, actor, {
      taskId,
      entity: 'task',
      entityId: taskId,
      kind: 'blocker',
      comment: input.title,
      payload: { problemId: id },
    });
    const [p] = await repo.problemsByIds(trx, [id]);
    return presentBlocker(p!);
  });
}

// ── settings ────────────────────────────────────────────────────────────────────────────────────

export async function getSettings(deps: Deps, actor: Actor): Promise<ReformSettings> {
  requirePermission(actor, 'reform:read');
  return loadSettings(deps.db);
}

export async function putSettings(deps: Deps, actor: Actor, input: ReformSettings): Promise<ReformSettings> {
  requirePermission(actor, 'reform:verify');
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    const at = nowIso();
    for (const [k, v] of Object.entries(input)) await repo.writeSetting(trx, k, String(v), at);
    await recordAudit(trx, actor, {
      entity: 'reform_settings',
      entityId: 'reform',
      action: 'update',
      before,
      after: input,
    });
  });
  return loadSettings(deps.db);
}
