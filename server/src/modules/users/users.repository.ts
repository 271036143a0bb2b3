import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import { scopeFilter } from '../../core/access/scope';
import type { Actor } from '../../core/access/actor';
import type { UserTable } from './users.table';

/** Users are scoped like records: their unit is the owner unit, the unit's region the location, themselves the creator. */
const scoped = (db: Executor, actor: Actor) =>
  db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .where(() =>
      scopeFilter(actor, 'user', {
        unit: 'users.unit_id',
        region: 'units.region_code',
        createdBy: 'users.id',
      }),
    );

export type UserFilter = { q?: string; unitId?: string; roleId?: string; disabled?: 'true' | 'false' };

export async function listUsers(
  db: Executor,
  actor: Actor,
  f: UserFilter,
  page: {
    limit: number;
    offset: number;
    sort: { column: 'username' | 'display_name' | 'created_at' | 'last_login_at'; desc: boolean };
  },
) {
  let q = scoped(db, actor);
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('users.username'), f.q!),
        containsInsensitive(db, eb.ref('users.display_name'), f.q!),
      ]),
    );
  if (f.unitId) q = q.where('users.unit_id', '=', f.unitId);
  if (f.disabled) q = q.where('users.disabled', '=', f.disabled === 'true' ? 1 : 0);
  if (f.roleId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role_id', '=', f.roleId!),
      ),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('users')
    .select('units.name as unit_name')
    .select('units.region_code')
    .orderBy(`users.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('users.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export function findUserScoped(db: Executor, actor: Actor, id: string) {
  return scoped(db, actor)
    .selectAll('users')
    .select('units.name as unit_name')
    .select('units.region_code')
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function rolesOf(db: Executor, userIds: string[]) {
  if (!userIds.length) return new Map<string, Array<{ id: string; code: string; name: string }>>();
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.id', 'roles.code', 'roles.name'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.code')
    .execute();
  const map = new Map<string, Array<{ id: string; code: string; name: string }>>();
  for (const r of rows) {
    const list = map.get(r.user_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name });
    map.set(r.user_id, list);
  }
  return map;
}

export async function insertUser(db: Executor, row: UserTable) {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Executor, id: string, version: number, set: Partial<UserTable>) {
  const r = await db
    .updateTable('users')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setRoles(db: Executor, userId: string, roleIds: string[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roleIds.length)
    await db
      .insertInto('user_roles')
      .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
      .execute();
}

export async function countRoles(db: Executor, ids: string[]) {
  if (!ids.length) return 0;
  const r = await db
    .selectFrom('roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findUnitForUser(db: Executor, unitId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'path', 'region_code', 'kind'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

export async function revokeSessions(db: Executor, userId: string, at: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
