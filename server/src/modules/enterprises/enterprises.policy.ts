import type { Actor } from '../../core/access/actor';
import { can, regionPrefix, scopesFor } from '../../core/access/actor';

/**
 * Enterprise records are reached through the scoped queries, so a record the actor sees is inside their
 * data scope; changing it needs enterprise:manage.
 */
export function enterpriseAbilities(actor: Actor) {
  const manage = can(actor, 'enterprise:manage');
  return {
    update: manage,
    delete: manage,
    manageIndicators: manage,
    manageQualifications: manage,
    manageCandidates: manage,
  };
}

export function qualificationAbilities(actor: Actor) {
  const manage = can(actor, 'enterprise:manage');
  return { update: manage, delete: manage, attachEvidence: manage };
}

export function candidateAbilities(actor: Actor) {
  const manage = can(actor, 'enterprise:manage');
  return { update: manage, delete: manage };
}

export function ruleSetAbilities(actor: Actor, rs: { status: string }) {
  const manage = can(actor, 'enterprise:manage');
  return { update: manage, editParams: manage && rs.status === 'draft' };
}

/**
 * Whether a new or moved enterprise would lie inside the actor's enterprise scope: the same test the scoped
 * queries apply (region for district scope, owner unit for unit scopes, creator for self).
 */
export function placeableInScope(
  actor: Actor,
  target: { regionCode: string; ownerUnit: { id: string; path: string } | null },
): boolean {
  const scopes = scopesFor(actor, 'enterprise');
  if (scopes.has('all') || scopes.has('self')) return true;
  if (
    scopes.has('district') &&
    actor.regionCode &&
    target.regionCode.startsWith(regionPrefix(actor.regionCode))
  )
    return true;
  if (scopes.has('unit_tree') && actor.unitPath && target.ownerUnit?.path.startsWith(actor.unitPath))
    return true;
  if (scopes.has('unit') && actor.unitId && target.ownerUnit?.id === actor.unitId) return true;
  return false;
}
