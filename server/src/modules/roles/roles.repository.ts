import type { Executor } from '../../db/database';
import type { RoleTable } from './roles.table';

export function listRoles(db: Executor) {
  return db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) =>
      eb
        .selectFrom('user_roles')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('user_roles.role_id', '=', 'roles.id')
        .as('user_count'),
    )
    .orderBy('roles.builtin', 'desc')
    .orderBy('roles.code')
    .execute();
}

export function findRole(db: Executor, id: string) {
  return db
    .selectFrom('roles')
    .selectAll('roles')
    .select((eb) =>
      eb
        .selectFrom('user_roles')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('user_roles.role_id', '=', 'roles.id')
        .as('user_count'),
    )
    .where('roles.id', '=', id)
    .executeTakeFirst();
}

export const findRoleByCode = (db: Executor, code: string) =>
  db.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertRole(db: Executor, row: RoleTable) {
  await db.insertInto('roles').values(row).execute();
}

export async function updateRole(db: Executor, id: string, version: number, set: Partial<RoleTable>) {
  const r = await db
    .updateTable('roles')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteRole(db: Executor, id: string) {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}
