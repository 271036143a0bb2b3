import { PROBLEM_ACTIONS, type ProblemAction } from '../../../../contracts/schemas/problems';
import type { Actor } from '../../core/access/actor';
import { pickTransition, rolesOf, type ProblemFacts } from './problems.machine';

/** What the caller may do with a problem now: each transition of the machine, and editing the record. */
export function problemAbilities(
  actor: Actor,
  p: ProblemFacts,
  coUnitIds: readonly string[],
  maxLevel: number,
) {
  const roles = rolesOf(actor, p, coUnitIds);
  const out: Record<ProblemAction | 'update', boolean> = {
    update: p.status !== 'closed' && (roles.has('raiser') || roles.has('coordinator')),
  } as Record<ProblemAction | 'update', boolean>;
  for (const a of PROBLEM_ACTIONS) out[a] = pickTransition(a, p, roles, maxLevel).ok;
  return out;
}
