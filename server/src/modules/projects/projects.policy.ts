import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';

/**
 * What the actor may do with a project it can see (a record reached through the scoped query is inside the
 * actor's data scope; writes that would move it outside are refused by the service).
 */
export function projectAbilities(actor: Actor, p: { terminated: number; suspended: number }) {
  const update = can(actor, 'project:update');
  return {
    update,
    delete: can(actor, 'project:delete'),
    confirmMilestone: can(actor, 'project:confirm-milestone'),
    reportProgress: update,
    attach: update || can(actor, 'project:confirm-milestone'),
    terminate: update && !p.terminated,
    suspend: update && !p.suspended && !p.terminated,
    resume: update && (p.suspended === 1 || p.terminated === 1),
    export: can(actor, 'project:export'),
  };
}
