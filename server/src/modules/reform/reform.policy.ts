import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';
import { unitInScope } from '../../core/access/scope';

/**
 * Who may do what to a reform task (pure). The lead unit (within the caller's reform scope, with
 * reform:manage) edits the task, reports and asks for extensions; co-units contribute their part; the reform
 * office (reform:verify) verifies and closes, returns, decides extensions, scores and locks periods.
 */
export type TaskAccess = {
  lead_unit_id: string;
  lead_unit_path: string;
  lead_unit_region: string;
  status: string;
  coUnitIds: readonly string[];
};

export const isReformOffice = (actor: Actor) => can(actor, 'reform:verify');

export function leadsTask(actor: Actor, t: TaskAccess): boolean {
  return (
    can(actor, 'reform:manage') &&
    unitInScope(actor, 'reform', {
      id: t.lead_unit_id,
      path: t.lead_unit_path,
      region_code: t.lead_unit_region,
    })
  );
}

export function contributesTo(actor: Actor, t: TaskAccess): boolean {
  return can(actor, 'reform:manage') && actor.unitId !== null && t.coUnitIds.includes(actor.unitId);
}

export function taskAbilities(actor: Actor, t: TaskAccess) {
  const lead = leadsTask(actor, t);
  const office = isReformOffice(actor);
  const open = t.status !== 'closed';
  return {
    update: lead && open,
    delete: lead && t.status === 'not_started',
    changeDeadline: office && open,
    addMilestone: lead && open,
    report: lead && open,
    contribute: contributesTo(actor, t) && open,
    attach: (lead || office) && open,
    raiseBlocker: (lead || contributesTo(actor, t) || office) && open,
    complete: lead && ['not_started', 'in_progress', 'adjusted'].includes(t.status),
    verify: office && t.status === 'done_pending_verification',
    requestExtension: lead && open && t.status !== 'done_pending_verification',
  };
}

export function milestoneAbilities(actor: Actor, t: TaskAccess, m: { status: string }) {
  const lead = leadsTask(actor, t);
  const office = isReformOffice(actor);
  return {
    update: (lead || office) && m.status === 'pending',
    delete: (lead || office) && m.status === 'pending',
    complete: lead && m.status === 'pending',
    verify: office && m.status === 'done_pending_verification',
    attach: (lead || office) && m.status !== 'closed',
    requestExtension: lead && m.status === 'pending',
  };
}

export function reportAbilities(actor: Actor, t: TaskAccess, r: { status: string }, locked: boolean) {
  const lead = leadsTask(actor, t);
  const office = isReformOffice(actor);
  const editable = r.status === 'draft' || r.status === 'returned';
  return {
    update: lead && editable && !locked,
    submit: lead && editable && !locked,
    accept: office && (r.status === 'submitted' || r.status === 'resubmitted') && !locked,
    return: office && (r.status === 'submitted' || r.status === 'resubmitted') && !locked,
    attach: (lead || office) && r.status !== 'accepted' && !locked,
  };
}
