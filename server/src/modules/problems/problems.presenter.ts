import {
  PROBLEM_STATUS_LABELS,
  type Problem,
  type ProblemEvent,
  type ProblemStatus,
} from '../../../../contracts/schemas/problems';
import type { Actor } from '../../core/access/actor';
import { daysBetween } from '../lights/lights.engine';
import { isOverdue } from './problems.machine';
import { problemAbilities } from './problems.policy';
import type { ProblemWithNames } from './problems.repository';
import type { ProblemEventRow } from './problems.table';

/** What presenting needs besides the row: labels, co-units, the parent's name, today. */
export type PresentContext = {
  today: string;
  categories: Map<string, { zh: string; en: string }>;
  ladder: Map<number, { zh: string; en: string }>;
  maxLevel: number;
  coUnits: Map<string, Array<{ id: string; name: string }>>;
  entityNames: Map<string, string>;
};

export function presentProblem(actor: Actor, p: ProblemWithNames, ctx: PresentContext): Problem {
  const coUnits = ctx.coUnits.get(p.id) ?? [];
  const overdue = isOverdue(p, ctx.today);
  return {
    id: p.id,
    entity: p.entity,
    entityId: p.entity_id,
    entityName: ctx.entityNames.get(`${p.entity}:${p.entity_id}`) ?? null,
    regionCode: p.region_code,
    category: p.category,
    categoryLabel: ctx.categories.get(p.category) ?? null,
    title: p.title,
    description: p.description,
    raisedBy: p.raised_by,
    raisedByName: p.raised_by_name ?? null,
    raisedByUnitId: p.raised_by_unit_id,
    raisedAt: p.raised_at,
    raisedInMeetingId: p.raised_in_meeting_id,
    ownerUnitId: p.owner_unit_id,
    ownerUnitName: p.owner_unit_name ?? null,
    coUnits,
    leadLeader: p.lead_leader,
    dueOn: p.due_on,
    overdue,
    daysOverdue: overdue && p.due_on ? daysBetween(p.due_on, ctx.today) : 0,
    escalationLevel: p.escalation_level,
    escalationLabel: ctx.ladder.get(p.escalation_level) ?? null,
    escalatedAt: p.escalated_at,
    status: p.status,
    statusLabel: PROBLEM_STATUS_LABELS[p.status as ProblemStatus],
    resolvedAt: p.resolved_at,
    closedBy: p.closed_by,
    closedAt: p.closed_at,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    abilities: problemAbilities(
      actor,
      p,
      coUnits.map((u) => u.id),
      ctx.maxLevel,
    ),
  };
}

export function presentEvent(e: ProblemEventRow): ProblemEvent {
  return {
    id: e.id,
    problemId: e.problem_id,
    kind: e.kind as ProblemEvent['kind'],
    fromStatus: e.from_status,
    toStatus: e.to_status,
    fromLevel: e.from_level,
    toLevel: e.to_level,
    note: e.note,
    attachmentIds: JSON.parse(e.attachment_ids) as string[],
    actorId: e.actor_id,
    actorName: e.actor_name,
    unitId: e.unit_id,
    at: e.at,
    payload: e.payload ? (JSON.parse(e.payload) as Record<string, unknown>) : null,
  };
}
