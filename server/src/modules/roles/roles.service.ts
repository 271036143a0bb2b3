import type { Permission, DataScope } from '../../../../contracts/abilities';
import type { Role, RoleCreate, RoleUpdate } from '../../../../contracts/schemas/org';
import type { Actor } from '../../core/access/actor';
import { can, scopesFor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db } from '../../db/database';
import * as repo from './roles.repository';
import type { RoleRow, RoleTable } from './roles.table';

type Deps = { db: Db };

function presentRole(actor: Actor, r: RoleRow & { user_count: number | string | null }): Role {
  const manage = can(actor, 'role:manage');
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    description: r.description,
    permissions: JSON.parse(r.permissions) as Permission[],
    dataScope: r.data_scope as DataScope,
    builtin: Boolean(r.builtin),
    userCount: Number(r.user_count ?? 0),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: { update: manage, delete: manage && !r.builtin && Number(r.user_count ?? 0) === 0 },
  };
}

/** A role may only grant what its author holds, so nobody can raise their own rights through a role. */
function assertGrantable(actor: Actor, permissions: readonly Permission[], scope: DataScope) {
  const missing = permissions.filter((p) => !actor.permissions.has(p));
  if (missing.length)
    throw ruleViolation(
      `不能授予自己没有的权限：${missing.join('、')}`,
      `You cannot grant permissions you do not hold: ${missing.join(', ')}`,
    );
  if (scope === 'all' && !scopesFor(actor, 'role').has('all'))
    throw ruleViolation('不能授予比自己更大的数据范围', 'You cannot grant a wider data scope than your own');
}

export async function listRoles(deps: Deps, actor: Actor): Promise<Role[]> {
  return (await repo.listRoles(deps.db)).map((r) => presentRole(actor, r));
}

export async function getRole(deps: Deps, actor: Actor, id: string): Promise<Role> {
  const r = await repo.findRole(deps.db, id);
  if (!r) throw notFound();
  return presentRole(actor, r);
}

export async function createRole(
  deps: Deps,
  actor: Actor,
  input: RoleCreate & { builtin?: boolean },
): Promise<Role> {
  assertGrantable(actor, input.permissions, input.dataScope);
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.findRoleByCode(trx, input.code))
      throw new AppError('DUPLICATE', { detail: { zh: '角色编码', en: 'role code' } });
    const at = nowIso();
    const row: RoleTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      description: input.description ?? null,
      permissions: JSON.stringify([...new Set(input.permissions)]),
      data_scope: input.dataScope,
      builtin: input.builtin ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertRole(trx, row);
    await recordAudit(trx, actor, { entity: 'role', entityId: row.id, action: 'create', after: row });
    return presentRole(actor, { ...row, user_count: 0 });
  });
}

export async function updateRole(deps: Deps, actor: Actor, id: string, input: RoleUpdate): Promise<Role> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRole(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentRole(actor, before) },
      );
    if (input.permissions || input.dataScope)
      assertGrantable(actor, input.permissions ?? [], (input.dataScope ?? before.data_scope) as DataScope);
    if (input.code && input.code !== before.code) {
      if (before.builtin) throw ruleViolation('内置角色的编码不能修改', 'A built-in role keeps its code');
      if (await repo.findRoleByCode(trx, input.code))
        throw new AppError('DUPLICATE', { detail: { zh: '角色编码', en: 'role code' } });
    }
    const set: Partial<RoleTable> = { updated_at: nowIso() };
    if (input.code !== undefined) set.code = input.code;
    if (input.name !== undefined) set.name = input.name;
    if (input.nameEn !== undefined) set.name_en = input.nameEn;
    if (input.description !== undefined) set.description = input.description;
    if (input.permissions !== undefined) set.permissions = JSON.stringify([...new Set(input.permissions)]);
    if (input.dataScope !== undefined) set.data_scope = input.dataScope;
    if (!(await repo.updateRole(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: (await repo.findRole(trx, id))?.version });
    const after = (await repo.findRole(trx, id))!;
    const { user_count: _b, ...b } = before;
    const { user_count: _a, ...a } = after;
    await recordAudit(trx, actor, { entity: 'role', entityId: id, action: 'update', before: b, after: a });
    return presentRole(actor, after);
  });
}

export async function deleteRole(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRole(trx, id);
    if (!before) throw notFound();
    if (before.builtin) throw ruleViolation('内置角色不能删除', 'Built-in roles cannot be deleted');
    if (Number(before.user_count) > 0)
      throw new AppError('IN_USE', {
        detail: {
          zh: `仍有 ${before.user_count} 个用户使用该角色`,
          en: `${before.user_count} users still hold this role`,
        },
      });
    await repo.deleteRole(trx, id);
    const { user_count: _c, ...b } = before;
    await recordAudit(trx, actor, { entity: 'role', entityId: id, action: 'delete', before: b });
  });
}

export const findRoleIdByCode = async (db: Db, code: string) => (await repo.findRoleByCode(db, code))?.id;
