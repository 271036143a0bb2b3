import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';
import { unitInScope } from '../../core/access/scope';

type UnitLike = { id: string; path: string; region_code: string };

/**
 * Managing a unit needs unit:manage and the unit inside the actor's reach: everything for scope `all`,
 * the actor's own subtree for unit_tree, the actor's district for district.
 */
export function canManageUnit(actor: Actor, unit: UnitLike): boolean {
  return can(actor, 'unit:manage') && unitInScope(actor, 'unit', unit);
}

export function unitAbilities(actor: Actor, unit: UnitLike & { kind: string }) {
  const manage = canManageUnit(actor, unit);
  return { update: manage, delete: manage, manageMembers: manage && unit.kind === 'task_force' };
}
