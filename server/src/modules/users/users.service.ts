import type { z } from 'zod';
import type { User, UserCreate, UserListQuery, UserUpdate } from '../../../../contracts/schemas/org';
import { systemActor, type Actor } from '../../core/access/actor';
import { unitInScope } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import { generatePassword, hashPassword } from '../../core/passwords';
import type { Db, Executor } from '../../db/database';
import { assertPasswordPolicy } from '../auth/auth.service';
import { auditableUser, presentUser } from './users.presenter';
import * as repo from './users.repository';
import type { UserTable } from './users.table';

type Deps = { db: Db };

export async function listUsers(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof UserListQuery>,
): Promise<Page<User>> {
  const sort = parseSort(
    q.sort,
    {
      username: 'username',
      displayName: 'display_name',
      createdAt: 'created_at',
      lastLoginAt: 'last_login_at',
    } as const,
    { column: 'username', desc: false },
  );
  const { rows, total } = await repo.listUsers(deps.db, actor, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  const roles = await repo.rolesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    data: rows.map((u) => presentUser(actor, u, roles.get(u.id) ?? [])),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadPresented(db: Executor, actor: Actor, id: string): Promise<User> {
  const u = await repo.findUserScoped(db, actor, id);
  if (!u) throw notFound();
  const roles = await repo.rolesOf(db, [id]);
  return presentUser(actor, u, roles.get(id) ?? []);
}

export const getUser = (deps: Deps, actor: Actor, id: string) => loadPresented(deps.db, actor, id);

async function checkUnitAndRoles(
  db: Executor,
  actor: Actor,
  unitId: string | undefined,
  roleIds: string[] | undefined,
) {
  if (unitId) {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'path', 'region_code'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!unit) throw ruleViolation('所属单位不存在', 'The unit does not exist', { field: 'unitId' });
    if (!unitInScope(actor, 'user', unit)) throw new AppError('FORBIDDEN');
  }
  if (roleIds && (await repo.countRoles(db, [...new Set(roleIds)])) !== new Set(roleIds).size)
    throw ruleViolation('所选角色不存在', 'A selected role does not exist', { field: 'roleIds' });
}

/**
 * Creates a user. Without a password one is generated; either way the user must change it at first
 * sign-in unless `mustChangePassword: false` (the demo seed).
 */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: UserCreate & { mustChangePassword?: boolean },
): Promise<{ data: User; initialPassword?: string }> {
  const generated = input.password ? undefined : generatePassword();
  const password = input.password ?? generated!;
  assertPasswordPolicy(password, input.username);
  const hash = await hashPassword(password);
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findUserByUsername(trx, input.username))
      throw new AppError('DUPLICATE', { detail: { zh: '用户名', en: 'username' } });
    await checkUnitAndRoles(trx, actor, input.unitId, input.roleIds);
    const at = nowIso();
    const row: UserTable = {
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      unit_id: input.unitId,
      email: input.email ?? null,
      phone: input.phone ?? null,
      password_hash: hash,
      must_change_password: input.mustChangePassword === false ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      locale: 'zh-CN',
      last_login_at: null,
      password_changed_at: at,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertUser(trx, row);
    await repo.setRoles(trx, row.id, [...new Set(input.roleIds ?? [])]);
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: row.id,
      action: 'create',
      after: { ...auditableUser(row), roleIds: input.roleIds ?? [] },
    });
    const data = (await repo.findUserScoped(trx, systemActor(), row.id))!;
    const roles = await repo.rolesOf(trx, [row.id]);
    return {
      data: presentUser(actor, data, roles.get(row.id) ?? []),
      ...(generated ? { initialPassword: generated } : {}),
    };
  });
}

export async function updateUser(deps: Deps, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findUserScoped(trx, actor, id);
    if (!before) throw notFound();
    const rolesBefore = (await repo.rolesOf(trx, [id])).get(id) ?? [];
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentUser(actor, before, rolesBefore) },
      );
    if (id === actor.userId && input.disabled)
      throw ruleViolation('不能停用自己的账号', 'You cannot disable your own account', { field: 'disabled' });
    await checkUnitAndRoles(trx, actor, input.unitId, input.roleIds);
    const set: Partial<UserTable> = { updated_at: nowIso() };
    if (input.displayName !== undefined) set.display_name = input.displayName;
    if (input.unitId !== undefined) set.unit_id = input.unitId;
    if (input.email !== undefined) set.email = input.email;
    if (input.phone !== undefined) set.phone = input.phone;
    if (input.disabled !== undefined) set.disabled = input.disabled ? 1 : 0;
    if (input.unlock) {
      set.locked_until = null;
      set.failed_logins = 0;
    }
    if (!(await repo.updateUser(trx, id, input.version, set))) {
      const current = await repo.findUserScoped(trx, actor, id);
      throw new AppError('VERSION_CONFLICT', { version: current?.version });
    }
    if (input.roleIds) await repo.setRoles(trx, id, [...new Set(input.roleIds)]);
    if (input.disabled) await repo.revokeSessions(trx, id, nowIso());
    const after = (await repo.findUserScoped(trx, actor, id))!;
    const rolesAfter = (await repo.rolesOf(trx, [id])).get(id) ?? [];
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: { ...auditableUser(before), roles: rolesBefore.map((r) => r.code) },
      after: { ...auditableUser(after), roles: rolesAfter.map((r) => r.code) },
    });
    return presentUser(actor, after, rolesAfter);
  });
}

/** An administrator's reset: a temporary password, every session ended, change forced at next sign-in. */
export async function resetPassword(
  deps: Deps,
  actor: Actor,
  id: string,
  password?: string,
): Promise<string> {
  const target = await repo.findUserScoped(deps.db, actor, id);
  if (!target) throw notFound();
  const temporary = password ?? generatePassword();
  assertPasswordPolicy(temporary, target.username);
  const hash = await hashPassword(temporary);
  await deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: at,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    await repo.revokeSessions(trx, id, at);
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: id,
      action: 'password_reset',
      regionCode: target.region_code,
    });
  });
  return temporary;
}

export const findUserIdByUsername = async (db: Db, username: string) =>
  (await repo.findUserByUsername(db, username))?.id;
