import type { Unit } from '../../../../contracts/schemas/org';
import type { Actor } from '../../core/access/actor';
import { unitAbilities } from './units.policy';
import type { UnitRow } from './units.table';

export function presentUnit(
  actor: Actor,
  u: UnitRow & { region_name: string | null; member_count?: number | string | null },
): Unit {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    parentId: u.parent_id,
    regionCode: u.region_code,
    regionName: u.region_name,
    sort: u.sort,
    active: Boolean(u.active),
    ...(u.kind === 'task_force' ? { memberCount: Number(u.member_count ?? 0) } : {}),
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    abilities: unitAbilities(actor, u),
  };
}
