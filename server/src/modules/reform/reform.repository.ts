import type { ExpressionBuilder } from 'kysely';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import type { DB } from '../../db/schema';
import { reformTaskScope } from './reform.scope';
import type {
  ReformAreaTable,
  ReformContributionTable,
  ReformEventTable,
  ReformExtensionTable,
  ReformFindingTable,
  ReformItemTable,
  ReformMilestoneTable,
  ReformPeriodLockTable,
  ReformReportTable,
  ReformRuleSetTable,
  ReformTargetTable,
  ReformTaskTable,
} from './reform.table';

/** Every query of the reform ledger. Lists and reads of tasks and their children go through reformTaskScope. */

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────

const taskSelect = (db: Executor) =>
  db
    .selectFrom('reform_tasks')
    .innerJoin('units as lu', 'lu.id', 'reform_tasks.lead_unit_id')
    .leftJoin('reform_areas as ra', 'ra.id', 'reform_tasks.area_id')
    .leftJoin('reform_items as ri', 'ri.id', 'reform_tasks.item_id')
    .selectAll('reform_tasks')
    .select([
      'lu.name as lead_unit_full_name',
      'lu.short_name as lead_unit_short_name',
      'lu.path as lead_unit_path',
      'lu.region_code as lead_unit_region',
      'ra.name as area_name',
      'ri.title as item_title',
    ]);

export type TaskJoined = Awaited<ReturnType<ReturnType<typeof taskSelect>['execute']>>[number];

/** Some milestone is pending past its due date, or the deadline itself has passed. */
const overdue = (eb: ExpressionBuilder<DB, 'reform_tasks'>, today: string) =>
  eb.or([
    eb('reform_tasks.due_on', '<', today),
    eb.exists(
      eb
        .selectFrom('reform_milestones as om')
        .select('om.id')
        .whereRef('om.task_id', '=', 'reform_tasks.id')
        .where('om.status', '=', 'pending')
        .where('om.due_on', '<', today),
    ),
  ]);
const DELAYABLE = ['not_started', 'in_progress', 'adjusted'] as const;

export type TaskFilter = {
  q?: string;
  areaId?: string;
  itemId?: string;
  leadUnitId?: string;
  coUnitId?: string;
  status?: string;
  cadence?: string;
  isKey?: 'true' | 'false';
  soe?: 'true' | 'false';
  soeCreditCode?: string;
  regionCode?: string;
  dueFrom?: string;
  dueTo?: string;
  ids?: string[];
};

function filtered(db: Executor, actor: Actor | null, f: TaskFilter, today: string) {
  let q = taskSelect(db);
  if (actor) q = q.where(() => reformTaskScope(actor));
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('reform_tasks.title'), f.q!),
        containsInsensitive(db, eb.ref('reform_tasks.code'), f.q!),
        containsInsensitive(db, eb.ref('reform_tasks.measures'), f.q!),
      ]),
    );
  if (f.areaId) q = q.where('reform_tasks.area_id', '=', f.areaId);
  if (f.itemId) q = q.where('reform_tasks.item_id', '=', f.itemId);
  if (f.leadUnitId) q = q.where('reform_tasks.lead_unit_id', '=', f.leadUnitId);
  if (f.coUnitId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reform_task_units as fcu')
          .select('fcu.task_id')
          .whereRef('fcu.task_id', '=', 'reform_tasks.id')
          .where('fcu.unit_id', '=', f.coUnitId!),
      ),
    );
  if (f.cadence) q = q.where('reform_tasks.cadence', '=', f.cadence as ReformTaskTable['cadence']);
  if (f.isKey) q = q.where('reform_tasks.is_key', '=', f.isKey === 'true' ? 1 : 0);
  if (f.soe === 'true') q = q.where('reform_tasks.soe_credit_code', 'is not', null);
  if (f.soe === 'false') q = q.where('reform_tasks.soe_credit_code', 'is', null);
  if (f.soeCreditCode) q = q.where('reform_tasks.soe_credit_code', '=', f.soeCreditCode);
  if (f.regionCode) q = q.where('reform_tasks.region_code', 'like', `${f.regionCode.replace(/0+$/, '')}%`);
  if (f.dueFrom) q = q.where('reform_tasks.due_on', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('reform_tasks.due_on', '<=', f.dueTo);
  if (f.ids) q = q.where('reform_tasks.id', 'in', f.ids.length ? f.ids : ['-']);
  if (f.status === 'delayed') {
    q = q.where('reform_tasks.status', 'in', [...DELAYABLE]).where((eb) => overdue(eb, today));
  } else if (f.status === 'not_started' || f.status === 'in_progress' || f.status === 'adjusted') {
    q = q.where('reform_tasks.status', '=', f.status).where((eb) => eb.not(overdue(eb, today)));
  } else if (f.status) {
    q = q.where('reform_tasks.status', '=', f.status as ReformTaskTable['status']);
  }
  return q;
}

export async function listTasks(
  db: Executor,
  actor: Actor,
  f: TaskFilter,
  today: string,
  page: { limit: number; offset: number; sort: { column: keyof ReformTaskTable; desc: boolean } },
) {
  const q = filtered(db, actor, f, today);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(`reform_tasks.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('reform_tasks.code')
    .orderBy('reform_tasks.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Every task matching a filter (export, scoring, boards); unscoped when actor is null. */
export function allTasks(db: Executor, actor: Actor | null, f: TaskFilter, today: string) {
  return filtered(db, actor, f, today).orderBy('reform_tasks.code').orderBy('reform_tasks.id').execute();
}

export function findTask(db: Executor, actor: Actor | null, id: string) {
  let q = taskSelect(db).where('reform_tasks.id', '=', id);
  if (actor) q = q.where(() => reformTaskScope(actor));
  return q.executeTakeFirst();
}

/** Ids of the tasks the actor can see (snapshots are filtered by the current scope). */
export async function visibleTaskIds(db: Executor, actor: Actor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reform_tasks')
    .select('reform_tasks.id')
    .where(() => reformTaskScope(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function findTaskByCode(db: Executor, code: string) {
  return db.selectFrom('reform_tasks').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findTaskByTitle(db: Executor, areaId: string, itemId: string | null, title: string) {
  let q = db.selectFrom('reform_tasks').selectAll().where('area_id', '=', areaId).where('title', '=', title);
  q = itemId ? q.where('item_id', '=', itemId) : q.where('item_id', 'is', null);
  return q.executeTakeFirst();
}

export async function insertTasks(db: Executor, rows: ReformTaskTable[]) {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('reform_tasks')
      .values(rows.slice(i, i + 50))
      .execute();
}

/** Optimistic update: false when the version no longer matches. */
export async function updateTask(db: Executor, id: string, version: number, set: Partial<ReformTaskTable>) {
  const r = await db
    .updateTable('reform_tasks')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTask(db: Executor, id: string) {
  await db.deleteFrom('reform_tasks').where('id', '=', id).execute();
}

export async function coUnitsOf(db: Executor, taskIds: string[]) {
  const map = new Map<string, Array<{ id: string; name: string; path: string; region_code: string }>>();
  if (!taskIds.length) return map;
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('reform_task_units')
      .innerJoin('units', 'units.id', 'reform_task_units.unit_id')
      .select([
        'reform_task_units.task_id',
        'units.id',
        'units.name',
        'units.short_name',
        'units.path',
        'units.region_code',
        'units.sort',
      ])
      .where('reform_task_units.task_id', 'in', taskIds.slice(i, i + 500))
      .orderBy('units.sort')
      .execute();
    for (const r of rows) {
      const list = map.get(r.task_id) ?? [];
      list.push({ id: r.id, name: r.short_name ?? r.name, path: r.path, region_code: r.region_code });
      map.set(r.task_id, list);
    }
  }
  return map;
}

export async function replaceCoUnits(db: Executor, taskId: string, unitIds: string[]) {
  await db.deleteFrom('reform_task_units').where('task_id', '=', taskId).execute();
  if (unitIds.length)
    await db
      .insertInto('reform_task_units')
      .values(unitIds.map((unit_id) => ({ task_id: taskId, unit_id })))
      .execute();
}

export async function insertCoUnits(db: Executor, rows: Array<{ task_id: string; unit_id: string }>) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('reform_task_units')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function countReportsOfTask(db: Executor, taskId: string) {
  const r = await db
    .selectFrom('reform_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── units (reference reads for validation and names) ────────────────────────────────────────────

export function findUnits(db: Executor, ids: string[]) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'short_name', 'path', 'region_code', 'code', 'kind'])
    .where('id', 'in', ids.length ? ids : ['-'])
    .execute();
}

export function allUnits(db: Executor) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'short_name', 'path', 'region_code', 'code', 'kind', 'active'])
    .execute();
}

export async function regionExists(db: Executor, code: string) {
  return Boolean(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst());
}

/** Active users of some units (notifications). */
export async function usersOfUnits(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return [] as Array<{ id: string; unit_id: string }>;
  return db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('unit_id', 'in', unitIds)
    .where('disabled', '=', 0)
    .execute();
}

/** Users whose roles grant a permission (e.g. the reform office: reform:verify). */
export async function usersWithPermission(db: Executor, permission: string) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['users.id', 'roles.permissions'])
    .where('users.disabled', '=', 0)
    .execute();
  const ids = new Set<string>();
  for (const r of rows) {
    try {
      if ((JSON.parse(r.permissions) as string[]).includes(permission)) ids.add(r.id);
    } catch {
      /* a malformed role grants nothing */
    }
  }
  return [...ids];
}

// ── areas and items ─────────────────────────────────────────────────────────────────────────────

export function listAreas(db: Executor) {
  return db.selectFrom('reform_areas').selectAll().orderBy('sort').orderBy('name').execute();
}
export function listItems(db: Executor) {
  return db.selectFrom('reform_items').selectAll().orderBy('sort').orderBy('title').execute();
}
export async function taskCountsByAreaAndItem(db: Executor) {
  return db
    .selectFrom('reform_tasks')
    .select(['area_id', 'item_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['area_id', 'item_id'])
    .execute();
}
export function findArea(db: Executor, id: string) {
  return db.selectFrom('reform_areas').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findAreaByName(db: Executor, name: string) {
  return db.selectFrom('reform_areas').selectAll().where('name', '=', name).executeTakeFirst();
}
export function findAreaByCode(db: Executor, code: string) {
  return db.selectFrom('reform_areas').selectAll().where('code', '=', code).executeTakeFirst();
}
export async function insertAreas(db: Executor, rows: ReformAreaTable[]) {
  if (rows.length) await db.insertInto('reform_areas').values(rows).execute();
}
export async function updateArea(db: Executor, id: string, version: number, set: Partial<ReformAreaTable>) {
  const r = await db
    .updateTable('reform_areas')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deleteArea(db: Executor, id: string) {
  await db.deleteFrom('reform_areas').where('id', '=', id).execute();
}
export function findItem(db: Executor, id: string) {
  return db.selectFrom('reform_items').selectAll().where('id', '=', id).executeTakeFirst();
}
export function findItemByTitle(db: Executor, areaId: string, title: string) {
  return db
    .selectFrom('reform_items')
    .selectAll()
    .where('area_id', '=', areaId)
    .where('title', '=', title)
    .executeTakeFirst();
}
export function findItemByCode(db: Executor, code: string) {
  return db.selectFrom('reform_items').selectAll().where('code', '=', code).executeTakeFirst();
}
export async function insertItems(db: Executor, rows: ReformItemTable[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('reform_items')
      .values(rows.slice(i, i + 100))
      .execute();
}
export async function updateItem(db: Executor, id: string, version: number, set: Partial<ReformItemTable>) {
  const r = await db
    .updateTable('reform_items')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function deleteItem(db: Executor, id: string) {
  await db.deleteFrom('reform_items').where('id', '=', id).execute();
}
export async function countTasksIn(db: Executor, col: 'area_id' | 'item_id', id: string) {
  const r = await db
    .selectFrom('reform_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(col, '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function countItemsIn(db: Executor, areaId: string) {
  const r = await db
    .selectFrom('reform_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_id', '=', areaId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── milestones and targets ──────────────────────────────────────────────────────────────────────

export async function milestonesOf(db: Executor, taskIds: string[]) {
  const map = new Map<string, Array<ReformMilestoneTable>>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('reform_milestones')
      .selectAll()
      .where('task_id', 'in', taskIds.slice(i, i + 500))
      .orderBy('seq')
      .orderBy('due_on')
      .execute();
    for (const r of rows) {
      const list = map.get(r.task_id) ?? [];
      list.push(r);
      map.set(r.task_id, list);
    }
  }
  return map;
}

export function findMilestone(db: Executor, id: string) {
  return db.selectFrom('reform_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMilestones(db: Executor, rows: ReformMilestoneTable[]) {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('reform_milestones')
      .values(rows.slice(i, i + 50))
      .execute();
}

export async function updateMilestone(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformMilestoneTable>,
) {
  const r = await db
    .updateTable('reform_milestones')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteMilestone(db: Executor, id: string) {
  await db.deleteFrom('reform_milestones').where('id', '=', id).execute();
}

export async function maxMilestoneSeq(db: Executor, taskId: string) {
  const r = await db
    .selectFrom('reform_milestones')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function targetsOf(db: Executor, taskIds: string[]) {
  const map = new Map<string, Array<ReformTargetTable>>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = await db
      .selectFrom('reform_targets')
      .selectAll()
      .where('task_id', 'in', taskIds.slice(i, i + 500))
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const list = map.get(r.task_id) ?? [];
      list.push(r);
      map.set(r.task_id, list);
    }
  }
  return map;
}

export async function replaceTargets(db: Executor, taskId: string, rows: ReformTargetTable[]) {
  await db.deleteFrom('reform_targets').where('task_id', '=', taskId).execute();
  if (rows.length) await db.insertInto('reform_targets').values(rows).execute();
}

export async function insertTargets(db: Executor, rows: ReformTargetTable[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('reform_targets')
      .values(rows.slice(i, i + 100))
      .execute();
}

// ── attachments (evidence) ──────────────────────────────────────────────────────────────────────

/** Attachment counts by (entity, entity id). */
export async function attachmentCounts(db: Executor, entity: string, ids: string[]) {
  const map = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('attachments')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('entity', '=', entity)
      .where('entity_id', 'in', ids.slice(i, i + 500))
      .groupBy('entity_id')
      .execute();
    for (const r of rows) map.set(r.entity_id, Number(r.n));
  }
  return map;
}

export async function attachmentsOfMany(db: Executor, entity: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'entity_id', 'original_name', 'doc_type'])
    .where('entity', '=', entity)
    .where('entity_id', 'in', ids)
    .orderBy('uploaded_at')
    .execute();
}

// ── blockers (read-only view of the problem list) ───────────────────────────────────────────────

export async function blockersOf(db: Executor, taskIds: string[]) {
  if (!taskIds.length) return [];
  const out = [];
  for (let i = 0; i < taskIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('problems')
        .select([
          'id',
          'entity_id',
          'title',
          'status',
          'owner_unit_id',
          'due_on',
          'escalation_level',
          'raised_at',
          'closed_at',
          'resolved_at',
        ])
        .where('entity', '=', 'reform_task')
        .where('entity_id', 'in', taskIds.slice(i, i + 500))
        .orderBy('raised_at')
        .execute()),
    );
  return out;
}

export async function problemsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('problems')
    .select([
      'id',
      'entity_id',
      'title',
      'status',
      'owner_unit_id',
      'due_on',
      'escalation_level',
      'raised_at',
    ])
    .where('id', 'in', ids)
    .execute();
}

// ── events ──────────────────────────────────────────────────────────────────────────────────────

export async function insertEvents(db: Executor, rows: ReformEventTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('reform_events')
      .values(rows.slice(i, i + 200))
      .execute();
}

export function eventsOf(db: Executor, taskId: string, limit = 200) {
  return db
    .selectFrom('reform_events')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Status events of tasks up to a moment (to know each task's status at the end of a period). */
export function statusEventsUntil(db: Executor, until: string) {
  return db
    .selectFrom('reform_events')
    .select(['task_id', 'to_status', 'at'])
    .where('entity', '=', 'task')
    .where('kind', '=', 'status')
    .where('at', '<=', until)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

// ── reports and contributions ───────────────────────────────────────────────────────────────────

const reportSelect = (db: Executor) =>
  db
    .selectFrom('reform_reports')
    .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_reports.task_id')
    .innerJoin('units as lu', 'lu.id', 'reform_tasks.lead_unit_id')
    .selectAll('reform_reports')
    .select([
      'reform_tasks.code as task_code',
      'reform_tasks.title as task_title',
      'reform_tasks.lead_unit_id',
      'lu.name as lead_unit_full_name',
      'lu.short_name as lead_unit_short_name',
    ]);
export type ReportJoined = Awaited<ReturnType<ReturnType<typeof reportSelect>['execute']>>[number];

export type ReportFilter = {
  month?: { from: string; to: string };
  reportPeriod?: string;
  taskId?: string;
  leadUnitId?: string;
  status?: string;
  q?: string;
  taskIds?: string[];
};

function reportsFiltered(db: Executor, actor: Actor | null, f: ReportFilter) {
  let q = reportSelect(db);
  if (actor) q = q.where(() => reformTaskScope(actor));
  if (f.month)
    q = q.where('reform_reports.due_on', '>=', f.month.from).where('reform_reports.due_on', '<=', f.month.to);
  if (f.reportPeriod) q = q.where('reform_reports.period', '=', f.reportPeriod);
  if (f.taskId) q = q.where('reform_reports.task_id', '=', f.taskId);
  if (f.taskIds) q = q.where('reform_reports.task_id', 'in', f.taskIds.length ? f.taskIds : ['-']);
  if (f.leadUnitId) q = q.where('reform_tasks.lead_unit_id', '=', f.leadUnitId);
  if (f.status) q = q.where('reform_reports.status', '=', f.status as ReformReportTable['status']);
  if (f.q) q = q.where((eb) => containsInsensitive(db, eb.ref('reform_tasks.title'), f.q!));
  return q;
}

export async function listReports(
  db: Executor,
  actor: Actor,
  f: ReportFilter,
  page: { limit: number; offset: number },
) {
  const q = reportsFiltered(db, actor, f);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('reform_reports.due_on', 'desc')
    .orderBy('reform_tasks.code')
    .orderBy('reform_reports.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export function allReports(db: Executor, actor: Actor | null, f: ReportFilter) {
  return reportsFiltered(db, actor, f)
    .orderBy('reform_reports.due_on')
    .orderBy('reform_tasks.code')
    .execute();
}

export function findReport(db: Executor, actor: Actor | null, id: string) {
  let q = reportSelect(db).where('reform_reports.id', '=', id);
  if (actor) q = q.where(() => reformTaskScope(actor));
  return q.executeTakeFirst();
}

export function findReportByPeriod(db: Executor, taskId: string, period: string) {
  return db
    .selectFrom('reform_reports')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** Reports (any state) of some tasks with a due date in a range: the board, scoring, reminders. */
export async function reportsOfTasks(db: Executor, taskIds: string[] | null, from: string, to: string) {
  let q = db
    .selectFrom('reform_reports')
    .select([
      'id',
      'task_id',
      'period',
      'due_on',
      'status',
      'first_submitted_at',
      'progress_pct',
      'submitted_at',
    ])
    .where('due_on', '>=', from)
    .where('due_on', '<=', to);
  if (taskIds) q = q.where('task_id', 'in', taskIds.length ? taskIds : ['-']);
  return q.execute();
}

export async function insertReports(db: Executor, rows: ReformReportTable[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('reform_reports')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function updateReport(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformReportTable>,
) {
  const r = await db
    .updateTable('reform_reports')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The latest filed report of a task with a due date up to a day (the progress as of then). */
export async function latestFiledReports(db: Executor, until: string) {
  return db
    .selectFrom('reform_reports')
    .select(['task_id', 'due_on', 'progress_pct', 'first_submitted_at'])
    .where('due_on', '<=', until)
    .where('first_submitted_at', 'is not', null)
    .where('status', 'in', ['submitted', 'resubmitted', 'accepted', 'returned'])
    .orderBy('due_on')
    .execute();
}

const contributionSelect = (db: Executor) =>
  db
    .selectFrom('reform_contributions')
    .innerJoin('units', 'units.id', 'reform_contributions.unit_id')
    .selectAll('reform_contributions')
    .select(['units.name as unit_full_name', 'units.short_name as unit_short_name']);
export type ContributionJoined = Awaited<
  ReturnType<ReturnType<typeof contributionSelect>['execute']>
>[number];

export async function contributionsOf(db: Executor, keys: Array<{ taskId: string; period: string }>) {
  const map = new Map<string, ContributionJoined[]>();
  if (!keys.length) return map;
  const taskIds = [...new Set(keys.map((k) => k.taskId))];
  const periods = [...new Set(keys.map((k) => k.period))];
  const rows = await contributionSelect(db)
    .where('reform_contributions.task_id', 'in', taskIds)
    .where('reform_contributions.period', 'in', periods)
    .orderBy('units.sort')
    .execute();
  for (const r of rows) {
    const k = `${r.task_id}|${r.period}`;
    const list = map.get(k) ?? [];
    list.push(r);
    map.set(k, list);
  }
  return map;
}

export function contributionsOfTask(db: Executor, taskId: string, period?: string) {
  let q = contributionSelect(db).where('reform_contributions.task_id', '=', taskId);
  if (period) q = q.where('reform_contributions.period', '=', period);
  return q.orderBy('reform_contributions.period', 'desc').orderBy('units.sort').execute();
}

export function findContribution(db: Executor, taskId: string, period: string, unitId: string) {
  return contributionSelect(db)
    .where('reform_contributions.task_id', '=', taskId)
    .where('reform_contributions.period', '=', period)
    .where('reform_contributions.unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function findContributionById(db: Executor, id: string) {
  return db.selectFrom('reform_contributions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertContributions(db: Executor, rows: ReformContributionTable[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('reform_contributions')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function updateContribution(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformContributionTable>,
) {
  const r = await db
    .updateTable('reform_contributions')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Submitted contributions of some tasks with period keys (board counts). */
export async function submittedContributions(db: Executor, taskIds: string[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('reform_contributions')
    .select(['task_id', 'period', 'unit_id'])
    .where('task_id', 'in', taskIds)
    .where('status', '=', 'submitted')
    .execute();
}

// ── extensions ──────────────────────────────────────────────────────────────────────────────────

const extensionSelect = (db: Executor) =>
  db
    .selectFrom('reform_extensions')
    .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_extensions.task_id')
    .leftJoin('reform_milestones as em', 'em.id', 'reform_extensions.milestone_id')
    .selectAll('reform_extensions')
    .select(['reform_tasks.title as task_title', 'reform_tasks.lead_unit_id', 'em.title as milestone_title']);
export type ExtensionJoined = Awaited<ReturnType<ReturnType<typeof extensionSelect>['execute']>>[number];

export async function listExtensions(
  db: Executor,
  actor: Actor,
  f: { status?: string; taskId?: string },
  page: { limit: number; offset: number },
) {
  let q = extensionSelect(db).where(() => reformTaskScope(actor));
  if (f.status) q = q.where('reform_extensions.status', '=', f.status as ReformExtensionTable['status']);
  if (f.taskId) q = q.where('reform_extensions.task_id', '=', f.taskId);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('reform_extensions.requested_at', 'desc')
    .orderBy('reform_extensions.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export function findExtension(db: Executor, actor: Actor | null, id: string) {
  let q = extensionSelect(db).where('reform_extensions.id', '=', id);
  if (actor) q = q.where(() => reformTaskScope(actor));
  return q.executeTakeFirst();
}

export function pendingExtensionFor(db: Executor, taskId: string, milestoneId: string | null) {
  let q = db
    .selectFrom('reform_extensions')
    .select('id')
    .where('task_id', '=', taskId)
    .where('status', '=', 'pending');
  q = milestoneId ? q.where('milestone_id', '=', milestoneId) : q.where('milestone_id', 'is', null);
  return q.executeTakeFirst();
}

export async function insertExtensions(db: Executor, rows: ReformExtensionTable[]) {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('reform_extensions')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function updateExtension(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformExtensionTable>,
) {
  const r = await db
    .updateTable('reform_extensions')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── findings, rule sets ─────────────────────────────────────────────────────────────────────────

const findingSelect = (db: Executor) =>
  db
    .selectFrom('reform_findings')
    .innerJoin('units', 'units.id', 'reform_findings.unit_id')
    .leftJoin('reform_tasks', 'reform_tasks.id', 'reform_findings.task_id')
    .selectAll('reform_findings')
    .select([
      'units.name as unit_full_name',
      'units.short_name as unit_short_name',
      'reform_tasks.title as task_title',
    ]);
export type FindingJoined = Awaited<ReturnType<ReturnType<typeof findingSelect>['execute']>>[number];

export async function listFindings(
  db: Executor,
  f: { taskId?: string; unitId?: string; from?: string; to?: string; q?: string },
  page: { limit: number; offset: number },
) {
  let q = findingSelect(db);
  if (f.taskId) q = q.where('reform_findings.task_id', '=', f.taskId);
  if (f.unitId) q = q.where('reform_findings.unit_id', '=', f.unitId);
  if (f.from) q = q.where('reform_findings.found_on', '>=', f.from);
  if (f.to) q = q.where('reform_findings.found_on', '<=', f.to);
  if (f.q) q = q.where((eb) => containsInsensitive(db, eb.ref('reform_findings.title'), f.q!));
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('reform_findings.found_on', 'desc')
    .orderBy('reform_findings.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export function findingsBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('reform_findings')
    .selectAll()
    .where('found_on', '>=', from)
    .where('found_on', '<=', to)
    .execute();
}

export function findFinding(db: Executor, id: string) {
  return findingSelect(db).where('reform_findings.id', '=', id).executeTakeFirst();
}

export async function insertFindings(db: Executor, rows: ReformFindingTable[]) {
  if (rows.length) await db.insertInto('reform_findings').values(rows).execute();
}

export async function updateFinding(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformFindingTable>,
) {
  const r = await db
    .updateTable('reform_findings')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteFinding(db: Executor, id: string) {
  await db.deleteFrom('reform_findings').where('id', '=', id).execute();
}

export function listRuleSets(db: Executor) {
  return db
    .selectFrom('reform_rule_sets')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function findRuleSet(db: Executor, id: string) {
  return db.selectFrom('reform_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active rule set in force over a window: effective from on or before its end, not ended before its start. */
export function ruleSetInForce(db: Executor, from: string, to: string) {
  return db
    .selectFrom('reform_rule_sets')
    .selectAll()
    .where('status', '=', 'active')
    .where('effective_from', '<=', to)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', from)]))
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertRuleSet(db: Executor, row: ReformRuleSetTable) {
  await db.insertInto('reform_rule_sets').values(row).execute();
}

export async function updateRuleSet(
  db: Executor,
  id: string,
  version: number,
  set: Partial<ReformRuleSetTable>,
) {
  const r = await db
    .updateTable('reform_rule_sets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── period locks, settings ──────────────────────────────────────────────────────────────────────

export function findLock(db: Executor, period: string) {
  return db.selectFrom('reform_period_locks').selectAll().where('period', '=', period).executeTakeFirst();
}

export function listLocks(db: Executor) {
  return db
    .selectFrom('reform_period_locks')
    .select([
      'period',
      'status',
      'locked_at',
      'locked_by',
      'locked_by_name',
      'note',
      'unlocked_at',
      'unlocked_by',
      'unlock_reason',
      'report_count',
      'version',
    ])
    .orderBy('period', 'desc')
    .execute();
}

export async function lockedMonths(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reform_period_locks')
    .select('period')
    .where('status', '=', 'locked')
    .execute();
  return new Set(rows.map((r) => r.period));
}

export async function upsertLock(db: Executor, row: ReformPeriodLockTable, exists: boolean) {
  if (exists) {
    const { period, created_at: _c, ...rest } = row;
    await db.updateTable('reform_period_locks').set(rest).where('period', '=', period).execute();
  } else {
    await db.insertInto('reform_period_locks').values(row).execute();
  }
}

export async function updateLock(
  db: Executor,
  period: string,
  version: number,
  set: Partial<ReformPeriodLockTable>,
) {
  const r = await db
    .updateTable('reform_period_locks')
    .set({ ...set, version: version + 1 })
    .where('period', '=', period)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function readSettings(db: Executor) {
  return db.selectFrom('reform_settings').selectAll().execute();
}

export async function writeSetting(db: Executor, key: string, value: string, at: string) {
  const r = await db
    .updateTable('reform_settings')
    .set({ value, updated_at: at })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await db.insertInto('reform_settings').values({ key, value, updated_at: at }).execute();
}

// ── milestones across tasks (to-do, reminders, changes) ─────────────────────────────────────────

/** Pending milestones with a due date in a range, of open tasks (optionally of some lead units). */
export function pendingMilestonesDue(db: Executor, from: string, to: string, leadUnitIds?: string[]) {
  let q = db
    .selectFrom('reform_milestones')
    .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_milestones.task_id')
    .select([
      'reform_milestones.id',
      'reform_milestones.task_id',
      'reform_milestones.title',
      'reform_milestones.due_on',
      'reform_tasks.title as task_title',
      'reform_tasks.lead_unit_id',
    ])
    .where('reform_milestones.status', '=', 'pending')
    .where('reform_milestones.due_on', '>=', from)
    .where('reform_milestones.due_on', '<=', to)
    .where('reform_tasks.status', '!=', 'closed');
  if (leadUnitIds) q = q.where('reform_tasks.lead_unit_id', 'in', leadUnitIds.length ? leadUnitIds : ['-']);
  return q.orderBy('reform_milestones.due_on').execute();
}

/** Milestones whose due date lies in a range (the changes view); status as stored now. */
export function milestonesDueBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('reform_milestones')
    .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_milestones.task_id')
    .select([
      'reform_milestones.id',
      'reform_milestones.task_id',
      'reform_milestones.title',
      'reform_milestones.due_on',
      'reform_milestones.done_on',
      'reform_milestones.status',
      'reform_tasks.title as task_title',
    ])
    .where('reform_milestones.due_on', '>=', from)
    .where('reform_milestones.due_on', '<=', to)
    .orderBy('reform_milestones.due_on')
    .execute();
}

// ── the enterprise registry (read-only: the SOE a task is linked to) ────────────────────────────

export async function enterpriseIdByCreditCode(db: Executor, creditCode: string): Promise<string | null> {
  const r = await db
    .selectFrom('enterprises')
    .select('id')
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  return r?.id ?? null;
}
