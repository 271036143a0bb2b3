import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import type { UnitTable } from './units.table';

const withRegion = (db: Executor) =>
  db
    .selectFrom('units')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .selectAll('units')
    .select('regions.name as region_name')
    .select((eb) =>
      eb
        .selectFrom('task_force_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('task_force_members.task_force_id', '=', 'units.id')
        .as('member_count'),
    );

export function listAllUnits(db: Executor) {
  return withRegion(db).orderBy('units.sort').orderBy('units.name').execute();
}

export type UnitFilter = { kind?: string; regionCode?: string; parentId?: string; q?: string };

export async function listUnits(
  db: Executor,
  f: UnitFilter,
  page: { limit: number; offset: number; sort: { column: 'name' | 'sort' | 'created_at'; desc: boolean } },
) {
  let q = withRegion(db);
  if (f.kind) q = q.where('units.kind', '=', f.kind as UnitTable['kind']);
  if (f.regionCode) q = q.where('units.region_code', '=', f.regionCode);
  if (f.parentId) q = q.where('units.parent_id', '=', f.parentId);
  if (f.q) q = q.where((eb) => containsInsensitive(db, eb.ref('units.name'), f.q!));
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(`units.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('units.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export function findUnit(db: Executor, id: string) {
  return withRegion(db).where('units.id', '=', id).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: UnitTable) {
  await db.insertInto('units').values(row).execute();
}

/** Optimistic update: returns false when the version no longer matches. */
export async function updateUnit(db: Executor, id: string, version: number, set: Partial<UnitTable>) {
  const r = await db
    .updateTable('units')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Re-roots every descendant's path after a move. */
export async function rewritePaths(db: Executor, oldPrefix: string, newPrefix: string) {
  await db
    .updateTable('units')
    .set({ path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
}

export async function deleteUnit(db: Executor, id: string) {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

export async function countDependants(db: Executor, id: string) {
  const children = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  const users = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', id)
    .executeTakeFirstOrThrow();
  return { children: Number(children.n), users: Number(users.n) };
}

export function listMembers(db: Executor, taskForceId: string) {
  return db
    .selectFrom('task_force_members')
    .innerJoin('users', 'users.id', 'task_force_members.user_id')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'units.name as unit_name',
      'task_force_members.role',
    ])
    .where('task_force_members.task_force_id', '=', taskForceId)
    .orderBy('users.username')
    .execute();
}

export async function replaceMembers(
  db: Executor,
  taskForceId: string,
  members: Array<{ userId: string; role: string | null }>,
) {
  await db.deleteFrom('task_force_members').where('task_force_id', '=', taskForceId).execute();
  if (members.length)
    await db
      .insertInto('task_force_members')
      .values(members.map((m) => ({ task_force_id: taskForceId, user_id: m.userId, role: m.role })))
      .execute();
}

export async function countExistingUsers(db: Executor, ids: string[]) {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findUnitByCode(db: Executor, code: string) {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}
