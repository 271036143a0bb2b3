import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';
import { containsInsensitive, startsWith } from '../../db/dialect-helpers';
import { projectScope } from '../lights/coordination.scope';
import type { MeetingItemTable, MeetingTable } from './meetings.table';

/** A meeting is seen by those whose scope covers its region, its organising unit, or who created it. */
export function meetingScope(actor: Actor): RawBuilder<SqlBool> {
  return scopeFilter(actor, 'meeting', {
    region: 'meetings.region_code',
    unit: 'meetings.organizer_unit_id',
    createdBy: 'meetings.created_by',
  });
}

/** For the problems registry: a decision on the meeting itself is visible to whoever sees the meeting. */
export function meetingVisibleSql(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from meetings where meetings.id = problems.entity_id and ${meetingScope(actor)})`;
}

const withOrganizer = (db: Executor) =>
  db
    .selectFrom('meetings')
    .leftJoin('units', 'units.id', 'meetings.organizer_unit_id')
    .selectAll('meetings')
    .select('units.name as organizer_name');

export type MeetingWithOrganizer = Awaited<ReturnType<typeof findMeeting>> & {};

export function findMeeting(db: Executor, id: string) {
  return withOrganizer(db).where('meetings.id', '=', id).executeTakeFirst();
}

export function findMeetingScoped(db: Executor, actor: Actor, id: string) {
  return withOrganizer(db)
    .where('meetings.id', '=', id)
    .where(() => meetingScope(actor))
    .executeTakeFirst();
}

export async function meetingTitles(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.selectFrom('meetings').select(['id', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type MeetingFilter = {
  kind?: string;
  status?: string;
  regionPrefix?: string;
  heldFrom?: string;
  heldTo?: string;
  q?: string;
};

export async function listMeetings(
  db: Executor,
  actor: Actor,
  f: MeetingFilter,
  page: {
    limit: number;
    offset: number;
    sort: { column: 'held_on' | 'created_at' | 'title'; desc: boolean };
  },
) {
  let q = withOrganizer(db).where(() => meetingScope(actor));
  if (f.kind) q = q.where('meetings.kind', '=', f.kind as MeetingTable['kind']);
  if (f.status) q = q.where('meetings.status', '=', f.status as MeetingTable['status']);
  if (f.regionPrefix) q = q.where((eb) => startsWith(eb.ref('meetings.region_code'), f.regionPrefix!));
  if (f.heldFrom) q = q.where('meetings.held_on', '>=', f.heldFrom);
  if (f.heldTo) q = q.where('meetings.held_on', '<=', f.heldTo);
  if (f.q) q = q.where((eb) => containsInsensitive(db, eb.ref('meetings.title'), f.q!));
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(`meetings.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('meetings.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export async function insertMeeting(db: Executor, row: MeetingTable) {
  await db.insertInto('meetings').values(row).execute();
}

export async function updateMeeting(db: Executor, id: string, version: number, set: Partial<MeetingTable>) {
  const r = await db
    .updateTable('meetings')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function itemsOf(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function countItems(db: Executor, meetingIds: string[]) {
  if (!meetingIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('meeting_items')
    .select(['meeting_id', sql<number>`count(*)`.as('n')])
    .where('meeting_id', 'in', meetingIds)
    .groupBy('meeting_id')
    .execute();
  return new Map(rows.map((r) => [r.meeting_id, Number(r.n)]));
}

export async function countDecisions(db: Executor, meetingIds: string[]) {
  if (!meetingIds.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('problems')
    .select(['raised_in_meeting_id', sql<number>`count(*)`.as('n')])
    .where('raised_in_meeting_id', 'in', meetingIds)
    .groupBy('raised_in_meeting_id')
    .execute();
  return new Map(rows.map((r) => [r.raised_in_meeting_id!, Number(r.n)]));
}

export async function insertItems(db: Executor, rows: MeetingItemTable[]) {
  if (rows.length) await db.insertInto('meeting_items').values(rows).execute();
}

export function findItem(db: Executor, meetingId: string, type: string, refId: string) {
  return db
    .selectFrom('meeting_items')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('item_type', '=', type as MeetingItemTable['item_type'])
    .where('ref_id', '=', refId)
    .executeTakeFirst();
}

export async function deleteItem(db: Executor, meetingId: string, itemId: string) {
  const r = await db
    .deleteFrom('meeting_items')
    .where('meeting_id', '=', meetingId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function maxSort(db: Executor, meetingId: string) {
  const r = await db
    .selectFrom('meeting_items')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

// ------------------------------------------------------------------------------- projects (read)

const PROJECT_COLUMNS = [
  'projects.id',
  'projects.name',
  'projects.region_code',
  'projects.stage',
  'projects.light',
  'projects.light_since',
  'projects.next_steps',
  'projects.terminated',
] as const;

/** Red and yellow projects in the actor's project scope, located within the region. */
export function warningProjects(db: Executor, actor: Actor, regionPrefix: string) {
  return db
    .selectFrom('projects')
    .select(PROJECT_COLUMNS)
    .where('projects.light', 'in', ['red', 'yellow'])
    .where('projects.terminated', '=', 0)
    .where((eb) => startsWith(eb.ref('projects.region_code'), regionPrefix))
    .where(() => projectScope(actor))
    .orderBy('projects.region_code')
    .orderBy('projects.name')
    .execute();
}

/** Every live project in the actor's scope within the region (to evaluate lights as of another date). */
export function projectIdsInRegion(db: Executor, actor: Actor, regionPrefix: string) {
  return db
    .selectFrom('projects')
    .select('projects.id')
    .where('projects.terminated', '=', 0)
    .where((eb) => startsWith(eb.ref('projects.region_code'), regionPrefix))
    .where(() => projectScope(actor))
    .orderBy('projects.id')
    .execute();
}

export function findProjectScoped(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('projects')
    .select(PROJECT_COLUMNS)
    .where('projects.id', '=', id)
    .where(() => projectScope(actor))
    .executeTakeFirst();
}

export function projectsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('projects')
    .leftJoin('regions', 'regions.code', 'projects.region_code')
    .select(PROJECT_COLUMNS)
    .select('regions.name as region_name')
    .where('projects.id', 'in', ids)
    .execute();
}

export function plansFor(db: Executor, ids: string[], years: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('project_annual_plans')
    .select(['project_id', 'year', 'plan_investment'])
    .where('project_id', 'in', ids)
    .where('year', 'in', years)
    .execute();
}

/** Monthly rows from one month to another (inclusive), in month order. */
export function monthlyBetween(db: Executor, ids: string[], from: string, to: string) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('project_monthly')
    .select(['project_id', 'month', 'ytd_investment', 'physical_progress_pct', 'physical_progress_text'])
    .where('project_id', 'in', ids)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .orderBy('project_id')
    .orderBy('month')
    .execute();
}

export async function regionName(db: Executor, code: string) {
  const r = await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name ?? null;
}

export function findUnit(db: Executor, id: string) {
  return db.selectFrom('units').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
}
