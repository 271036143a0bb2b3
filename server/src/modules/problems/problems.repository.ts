import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';
import { containsInsensitive, startsWith } from '../../db/dialect-helpers';
import { projectScope } from '../lights/coordination.scope';
import { OVERDUE_STATUSES } from './problems.machine';
import { problemParents } from './problems.parents';
import type { EscalationLevelTable, ProblemEventTable, ProblemTable } from './problems.table';

/** The ids of the actor's unit and the units above it (a member of a unit below the owner unit belongs to it). */
const ownUnitChain = (actor: Actor) =>
  actor.unitPath ? actor.unitPath.split('/').filter(Boolean) : actor.unitId ? [actor.unitId] : [];

/**
 * Who sees a problem: its own scope (region, owner unit, co-units, raiser), members of its owner and co-units
 * whatever their scope, and whoever can read the record it belongs to (a project's readers read its problems).
 */
export function problemScope(actor: Actor): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [
    scopeFilter(actor, 'problem', {
      region: 'problems.region_code',
      unit: 'problems.owner_unit_id',
      coUnits: {
        table: 'problem_units',
        recordColumn: 'problem_id',
        unitColumn: 'unit_id',
        recordId: 'problems.id',
      },
      createdBy: 'problems.raised_by',
    }),
  ];
  const chain = ownUnitChain(actor);
  if (chain.length) {
    parts.push(sql<SqlBool>`problems.owner_unit_id in (${sql.join(chain)})`);
    parts.push(
      sql<SqlBool>`exists (select 1 from problem_units pu where pu.problem_id = problems.id and pu.unit_id in (${sql.join(chain)}))`,
    );
  }
  for (const [entity, parent] of problemParents())
    parts.push(sql<SqlBool>`(problems.entity = ${entity} and ${parent.visible(actor)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** A project's problems are visible to whoever can read the project (the projects ledger's own scope). */
export function projectVisibleSql(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from projects where projects.id = problems.entity_id and ${projectScope(actor)})`;
}

export function findProjectScoped(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('projects')
    .select(['projects.id', 'projects.name', 'projects.region_code'])
    .where('projects.id', '=', id)
    .where(() => projectScope(actor))
    .executeTakeFirst();
}

export async function projectNames(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.selectFrom('projects').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const withNames = (db: Executor) =>
  db
    .selectFrom('problems')
    .leftJoin('units as owner', 'owner.id', 'problems.owner_unit_id')
    .leftJoin('users as raiser', 'raiser.id', 'problems.raised_by')
    .selectAll('problems')
    .select(['owner.name as owner_unit_name', 'raiser.display_name as raised_by_name']);

export type ProblemWithNames = Awaited<ReturnType<typeof findProblem>> & {};

export function findProblem(db: Executor, id: string) {
  return withNames(db).where('problems.id', '=', id).executeTakeFirst();
}

export function findProblemScoped(db: Executor, actor: Actor, id: string) {
  return withNames(db)
    .where('problems.id', '=', id)
    .where(() => problemScope(actor))
    .executeTakeFirst();
}

export type ProblemFilter = {
  entity?: string;
  entityId?: string;
  entityIds?: string[];
  ids?: string[];
  statuses?: string[];
  ownerUnitId?: string;
  category?: string;
  overdue?: boolean;
  escalationLevel?: number;
  escalationLevelMin?: number;
  regionPrefix?: string;
  raisedInMeetingId?: string;
  /** Raised at or before this timestamp. */
  raisedBefore?: string;
  open?: boolean;
  q?: string;
  today: string;
};

const overdueSql = (today: string) =>
  sql<SqlBool>`(problems.status in (${sql.join([...OVERDUE_STATUSES])}) and problems.due_on is not null and problems.due_on < ${today})`;

export async function listProblems(
  db: Executor,
  actor: Actor | null,
  f: ProblemFilter,
  page: { limit: number; offset: number; sort: { column: keyof ProblemTable; desc: boolean } },
) {
  let q = withNames(db);
  if (actor) q = q.where(() => problemScope(actor));
  if (f.entity) q = q.where('problems.entity', '=', f.entity);
  if (f.entityId) q = q.where('problems.entity_id', '=', f.entityId);
  if (f.ids) q = q.where('problems.id', 'in', f.ids.length ? f.ids : ['-']);
  if (f.entityIds) q = q.where('problems.entity_id', 'in', f.entityIds.length ? f.entityIds : ['-']);
  if (f.statuses?.length) q = q.where('problems.status', 'in', f.statuses as ProblemTable['status'][]);
  if (f.open) q = q.where('problems.status', '!=', 'closed');
  if (f.ownerUnitId) q = q.where('problems.owner_unit_id', '=', f.ownerUnitId);
  if (f.category) q = q.where('problems.category', '=', f.category);
  if (f.escalationLevel !== undefined) q = q.where('problems.escalation_level', '=', f.escalationLevel);
  if (f.escalationLevelMin !== undefined)
    q = q.where('problems.escalation_level', '>=', f.escalationLevelMin);
  if (f.regionPrefix) q = q.where((eb) => startsWith(eb.ref('problems.region_code'), f.regionPrefix!));
  if (f.raisedInMeetingId) q = q.where('problems.raised_in_meeting_id', '=', f.raisedInMeetingId);
  if (f.raisedBefore) q = q.where('problems.raised_at', '<=', f.raisedBefore);
  if (f.overdue === true) q = q.where(() => overdueSql(f.today));
  if (f.overdue === false) q = q.where(() => sql<SqlBool>`not ${overdueSql(f.today)}`);
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('problems.title'), f.q!),
        containsInsensitive(db, eb.ref('problems.description'), f.q!),
      ]),
    );
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(`problems.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('problems.id', page.sort.desc ? 'desc' : 'asc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function coUnitsOf(db: Executor, problemIds: string[]) {
  const map = new Map<string, Array<{ id: string; name: string }>>();
  if (!problemIds.length) return map;
  const rows = await db
    .selectFrom('problem_units')
    .innerJoin('units', 'units.id', 'problem_units.unit_id')
    .select(['problem_units.problem_id', 'units.id', 'units.name'])
    .where('problem_units.problem_id', 'in', problemIds)
    .orderBy('units.sort')
    .execute();
  for (const r of rows) {
    const list = map.get(r.problem_id) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.problem_id, list);
  }
  return map;
}

export async function insertProblem(db: Executor, row: ProblemTable) {
  await db.insertInto('problems').values(row).execute();
}

export async function replaceCoUnits(db: Executor, problemId: string, unitIds: string[]) {
  await db.deleteFrom('problem_units').where('problem_id', '=', problemId).execute();
  const unique = [...new Set(unitIds)];
  if (unique.length)
    await db
      .insertInto('problem_units')
      .values(unique.map((u) => ({ problem_id: problemId, unit_id: u })))
      .execute();
}

/** Optimistic update: false when the version no longer matches. */
export async function updateProblem(db: Executor, id: string, version: number, set: Partial<ProblemTable>) {
  const r = await db
    .updateTable('problems')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, row: ProblemEventTable) {
  await db.insertInto('problem_events').values(row).execute();
}

export function eventsOf(db: Executor, problemId: string) {
  return db
    .selectFrom('problem_events')
    .selectAll()
    .where('problem_id', '=', problemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function lastEventOf(db: Executor, problemId: string, kind: string) {
  return db
    .selectFrom('problem_events')
    .selectAll()
    .where('problem_id', '=', problemId)
    .where('kind', '=', kind)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function findUnits(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'name', 'region_code', 'active'])
    .where('id', 'in', ids)
    .execute();
}

export async function attachmentsBelongTo(
  db: Executor,
  ids: string[],
  entity: string,
  entityId: string,
): Promise<boolean> {
  if (!ids.length) return true;
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', ids)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.length === new Set(ids).size;
}

// --------------------------------------------------------------------------------------- settings

export function listCategories(db: Executor) {
  return db.selectFrom('problem_categories').selectAll().orderBy('sort').orderBy('code').execute();
}

export async function replaceCategories(
  db: Executor,
  rows: Array<{ code: string; name_zh: string; name_en: string; sort: number; active: number }>,
) {
  await db.deleteFrom('problem_categories').execute();
  await db.insertInto('problem_categories').values(rows).execute();
}

export function listLadder(db: Executor) {
  return db.selectFrom('escalation_levels').selectAll().orderBy('level').execute();
}

export async function replaceLadder(db: Executor, rows: EscalationLevelTable[]) {
  await db.deleteFrom('escalation_levels').execute();
  await db.insertInto('escalation_levels').values(rows).execute();
}

export async function getSetting(db: Executor, key: string) {
  const r = await db
    .selectFrom('coordination_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.value ?? null;
}

export async function putSetting(db: Executor, key: string, value: string, at: string) {
  const r = await db
    .updateTable('coordination_settings')
    .set({ value, updated_at: at })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await db.insertInto('coordination_settings').values({ key, value, updated_at: at }).execute();
}

export async function countProblemsAbove(db: Executor, level: number) {
  const r = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('escalation_level', '>', level)
    .where('status', '!=', 'closed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countProblemsInCategory(db: Executor, codes: string[]) {
  let q = db.selectFrom('problems').select((eb) => eb.fn.countAll<number>().as('n'));
  if (codes.length) q = q.where('category', 'not in', codes);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

// ------------------------------------------------------------------------------------ reminders

/** Problems with their owner whose deadline is on or before `until` (reminders and auto-escalation). */
export function dueProblems(db: Executor, until: string) {
  return db
    .selectFrom('problems')
    .selectAll()
    .where('status', 'in', [...OVERDUE_STATUSES])
    .where('due_on', 'is not', null)
    .where('due_on', '<=', until)
    .where('owner_unit_id', 'is not', null)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export async function usersOfUnits(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', 'in', unitIds)
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}
