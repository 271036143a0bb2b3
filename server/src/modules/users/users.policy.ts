import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';

/** A user record reached through the scoped query is inside the actor's scope; managing it needs user:manage. */
export function userAbilities(actor: Actor, user: { id: string }) {
  const manage = can(actor, 'user:manage');
  return {
    update: manage,
    resetPassword: manage && user.id !== actor.userId,
    disable: manage && user.id !== actor.userId,
  };
}
