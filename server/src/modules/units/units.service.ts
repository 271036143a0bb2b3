import type { Unit, UnitCreate, UnitListQuery, UnitUpdate } from '../../../../contracts/schemas/org';
import type { z } from 'zod';
import { scopesFor, type Actor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { findRegion } from '../regions/regions.service';
import { canManageUnit } from './units.policy';
import { presentUnit } from './units.presenter';
import * as repo from './units.repository';
import type { UnitTable } from './units.table';

type Deps = { db: Db };

/** Units are reference data every signed-in user may read (pickers, labels); managing them is restricted. */
export async function listUnitTree(deps: Deps, actor: Actor): Promise<Unit[]> {
  return (await repo.listAllUnits(deps.db)).map((u) => presentUnit(actor, u));
}

export async function listUnits(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof UnitListQuery>,
): Promise<Page<Unit>> {
  const sort = parseSort(q.sort, { name: 'name', sort: 'sort', createdAt: 'created_at' } as const, {
    column: 'sort',
    desc: false,
  });
  const { rows, total } = await repo.listUnits(deps.db, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  return { data: rows.map((u) => presentUnit(actor, u)), total, page: q.page, pageSize: q.pageSize };
}

export async function getUnit(deps: Deps, actor: Actor, id: string): Promise<Unit> {
  const u = await repo.findUnit(deps.db, id);
  if (!u) throw notFound();
  return presentUnit(actor, u);
}

async function requireRegion(db: Executor, code: string) {
  if (!(await findRegion(db, code)))
    throw ruleViolation(`行政区划代码 ${code} 不存在`, `Region code ${code} does not exist`, {
      field: 'regionCode',
    });
}

export async function createUnit(deps: Deps, actor: Actor, input: UnitCreate): Promise<Unit> {
  return deps.db.transaction().execute(async (trx) => {
    await requireRegion(trx, input.regionCode);
    const id = newId();
    let path = `/${id}/`;
    if (input.parentId) {
      const parent = await repo.findUnit(trx, input.parentId);
      if (!parent)
        throw ruleViolation('上级单位不存在', 'The parent unit does not exist', { field: 'parentId' });
      if (!canManageUnit(actor, parent)) throw new AppError('FORBIDDEN');
      path = `${parent.path}${id}/`;
    } else if (!scopesFor(actor, 'unit').has('all')) {
      throw new AppError('FORBIDDEN');
    }
    if (input.code && (await repo.findUnitByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '单位编码', en: 'unit code' } });
    const at = nowIso();
    const row: UnitTable = {
      id,
      code: input.code ?? null,
      name: input.name,
      short_name: input.shortName ?? null,
      kind: input.kind,
      parent_id: input.parentId ?? null,
      path,
      region_code: input.regionCode,
      sort: input.sort ?? 0,
      active: input.active === false ? 0 : 1,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    if (!canManageUnit(actor, row)) throw new AppError('FORBIDDEN');
    await repo.insertUnit(trx, row);
    await recordAudit(trx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'create',
      regionCode: row.region_code,
      after: row,
    });
    return presentUnit(actor, { ...row, region_name: null });
  });
}

export async function updateUnit(deps: Deps, actor: Actor, id: string, input: UnitUpdate): Promise<Unit> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findUnit(trx, id);
    if (!before) throw notFound();
    if (!canManageUnit(actor, before)) throw new AppError('FORBIDDEN');
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentUnit(actor, before) },
      );
    if (input.regionCode) await requireRegion(trx, input.regionCode);
    if (input.code && input.code !== before.code && (await repo.findUnitByCode(trx, input.code)))
      throw new AppError('DUPLICATE', { detail: { zh: '单位编码', en: 'unit code' } });

    const set: Partial<UnitTable> = { updated_at: nowIso() };
    if (input.code !== undefined) set.code = input.code;
    if (input.name !== undefined) set.name = input.name;
    if (input.shortName !== undefined) set.short_name = input.shortName;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.regionCode !== undefined) set.region_code = input.regionCode;
    if (input.sort !== undefined) set.sort = input.sort;
    if (input.active !== undefined) set.active = input.active ? 1 : 0;

    let newPath: string | null = null;
    if (input.parentId !== undefined && input.parentId !== before.parent_id) {
      if (input.parentId === null) {
        if (!scopesFor(actor, 'unit').has('all')) throw new AppError('FORBIDDEN');
        newPath = `/${id}/`;
      } else {
        const parent = await repo.findUnit(trx, input.parentId);
        if (!parent)
          throw ruleViolation('上级单位不存在', 'The parent unit does not exist', { field: 'parentId' });
        if (parent.path.startsWith(before.path))
          throw ruleViolation(
            '不能把单位移到它自己或其下级单位之下',
            'A unit cannot be moved under itself or its descendants',
            {
              field: 'parentId',
            },
          );
        if (!canManageUnit(actor, parent)) throw new AppError('FORBIDDEN');
        newPath = `${parent.path}${id}/`;
      }
      set.parent_id = input.parentId;
    }
    if (!(await repo.updateUnit(trx, id, input.version, set))) {
      const current = await repo.findUnit(trx, id);
      throw new AppError(
        'VERSION_CONFLICT',
        { version: current?.version },
        { current: current && presentUnit(actor, current) },
      );
    }
    if (newPath) await repo.rewritePaths(trx, before.path, newPath);
    const after = (await repo.findUnit(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: stripJoined(before),
      after: stripJoined(after),
    });
    return presentUnit(actor, after);
  });
}

const stripJoined = ({
  region_name: _r,
  member_count: _m,
  ...row
}: UnitTable & { region_name: string | null; member_count?: unknown }) => row;

export async function deleteUnit(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findUnit(trx, id);
    if (!before) throw notFound();
    if (!canManageUnit(actor, before)) throw new AppError('FORBIDDEN');
    const dep = await repo.countDependants(trx, id);
    if (dep.children || dep.users)
      throw new AppError('IN_USE', {
        detail: {
          zh: `该单位下还有 ${dep.children} 个下级单位、${dep.users} 个用户`,
          en: `the unit still has ${dep.children} sub-units and ${dep.users} users`,
        },
      });
    await repo.deleteUnit(trx, id);
    await recordAudit(trx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before: stripJoined(before),
    });
  });
}

export async function listMembers(deps: Deps, id: string) {
  const unit = await repo.findUnit(deps.db, id);
  if (!unit) throw notFound();
  return (await repo.listMembers(deps.db, id)).map((m) => ({
    userId: m.user_id,
    username: m.username,
    displayName: m.display_name,
    unitName: m.unit_name,
    role: m.role,
  }));
}

export async function replaceMembers(
  deps: Deps,
  actor: Actor,
  id: string,
  members: Array<{ userId: string; role?: string | null }>,
) {
  await deps.db.transaction().execute(async (trx) => {
    const unit = await repo.findUnit(trx, id);
    if (!unit) throw notFound();
    if (unit.kind !== 'task_force')
      throw ruleViolation('只有专班可以维护成员', 'Only task forces have members', { field: 'kind' });
    if (!canManageUnit(actor, unit)) throw new AppError('FORBIDDEN');
    const unique = [
      ...new Map(members.map((m) => [m.userId, { userId: m.userId, role: m.role ?? null }])).values(),
    ];
    if (
      (await repo.countExistingUsers(
        trx,
        unique.map((m) => m.userId),
      )) !== unique.length
    )
      throw ruleViolation('成员中有不存在的用户', 'Some members are not existing users', {
        field: 'members',
      });
    const before = await repo.listMembers(trx, id);
    await repo.replaceMembers(trx, id, unique);
    await recordAudit(trx, actor, {
      entity: 'unit',
      entityId: id,
      action: 'update',
      regionCode: unit.region_code,
      before: { members: before.map((m) => m.user_id) },
      after: { members: unique.map((m) => m.userId) },
    });
  });
  return listMembers(deps, id);
}
