import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';

/** Rule sets: anyone who reads projects may read them; ruleset:manage edits drafts and activates. */
export function ruleSetAbilities(actor: Actor, rs: { status: string }) {
  const manage = can(actor, 'ruleset:manage');
  return {
    update: manage && rs.status === 'draft',
    activate: manage && rs.status !== 'active',
    copy: manage,
  };
}

/** An override is approved or rejected by someone with light:override who did not request it. */
export function mayDecideOverride(actor: Actor, o: { status: string; requested_by: string | null }) {
  return (
    can(actor, 'light:override') &&
    o.status === 'pending' &&
    (!o.requested_by || o.requested_by !== actor.userId)
  );
}

export function overrideAbilities(actor: Actor, o: { status: string; requested_by: string | null }) {
  const decide = mayDecideOverride(actor, o);
  const open = o.status === 'pending' || o.status === 'approved';
  return {
    approve: decide,
    reject: decide,
    revoke: open && (can(actor, 'light:override') || (!!actor.userId && o.requested_by === actor.userId)),
  };
}

export function projectLightAbilities(actor: Actor) {
  return { requestOverride: can(actor, 'project:update'), recompute: can(actor, 'ruleset:manage') };
}
