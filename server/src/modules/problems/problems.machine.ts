import type { ProblemAction, ProblemStatus } from '../../../../contracts/schemas/problems';
import { can, regionPrefix, scopesFor, type Actor } from '../../core/access/actor';

/**
 * The problem status machine (domain.md §1.5): 待交办 → 已交办 → 办理中 → 已办结(待确认) → 已销号, with 退回 and 挂起
 * on the side. Every transition is a row of this table: the action, the states it leaves, where it goes, and
 * who may take it. Pure; the service enforces it and the policy turns it into `abilities`.
 */

/**
 * How the actor relates to one problem:
 * - raiser: raised it (提出人);
 * - coordinator: problem:manage over the problem's place (scope all, or its district) — 交办 and 挂起 there;
 * - supervisor: problem:manage with scope all (the city's coordinating office) — may confirm closure;
 * - owner: a member of the owner unit (承办单位) or a unit below it;
 * - co_unit: a member of a co-unit (配合单位).
 */
export type ProblemRole = 'raiser' | 'coordinator' | 'supervisor' | 'owner' | 'co_unit';

export type Transition = {
  action: ProblemAction;
  from: readonly ProblemStatus[];
  /** 'same': status unchanged; 'held_from': back to the status before 挂起; 'reply': an owner's first reply starts the work. */
  to: ProblemStatus | 'same' | 'held_from' | 'reply';
  roles: readonly ProblemRole[];
  noteRequired?: boolean;
  /** At least one attachment on this very event (办结 needs its evidence). */
  evidenceRequired?: boolean;
  /** assign: the owner unit and the deadline must be known (from the request or the record). */
  needsOwnerAndDue?: boolean;
  /** escalate: one level up the ladder. */
  levelUp?: boolean;
};

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'assign',
    from: ['pending', 'returned'],
    to: 'assigned',
    roles: ['raiser', 'coordinator'],
    needsOwnerAndDue: true,
  },
  { action: 'accept', from: ['assigned'], to: 'in_progress', roles: ['owner'] },
  {
    action: 'reply',
    from: ['assigned', 'in_progress'],
    to: 'reply',
    roles: ['owner', 'co_unit'],
    noteRequired: true,
  },
  {
    action: 'resolve',
    from: ['assigned', 'in_progress'],
    to: 'resolved',
    roles: ['owner'],
    noteRequired: true,
    evidenceRequired: true,
  },
  { action: 'confirm_close', from: ['resolved'], to: 'closed', roles: ['raiser', 'supervisor'] },
  // the owner hands it back (not ours / cannot be handled at this level) …
  {
    action: 'return',
    from: ['assigned', 'in_progress'],
    to: 'returned',
    roles: ['owner'],
    noteRequired: true,
  },
  // … or the raiser rejects the resolution and the work goes on
  {
    action: 'return',
    from: ['resolved'],
    to: 'in_progress',
    roles: ['raiser', 'supervisor'],
    noteRequired: true,
  },
  {
    action: 'hold',
    from: ['pending', 'assigned', 'in_progress', 'returned'],
    to: 'on_hold',
    roles: ['raiser', 'coordinator'],
    noteRequired: true,
  },
  { action: 'resume', from: ['on_hold'], to: 'held_from', roles: ['raiser', 'coordinator'] },
  {
    action: 'escalate',
    from: ['pending', 'assigned', 'in_progress', 'returned', 'on_hold'],
    to: 'same',
    roles: ['raiser', 'coordinator', 'owner'],
    levelUp: true,
  },
];

export type ProblemFacts = {
  status: ProblemStatus;
  raised_by: string | null;
  owner_unit_id: string | null;
  region_code: string;
  escalation_level: number;
  held_from: string | null;
};

/** The actor belongs to the unit itself or to a unit below it (unit paths are '/root/…/own/'). */
export function inUnit(actor: Actor, unitId: string | null): boolean {
  if (!unitId) return false;
  return actor.unitId === unitId || !!actor.unitPath?.includes(`/${unitId}/`);
}

export function rolesOf(actor: Actor, p: ProblemFacts, coUnitIds: readonly string[]): Set<ProblemRole> {
  const roles = new Set<ProblemRole>();
  if (!can(actor, 'problem:manage')) return roles;
  const scopes = scopesFor(actor, 'problem');
  if (actor.userId && p.raised_by === actor.userId) roles.add('raiser');
  if (scopes.has('all')) roles.add('coordinator').add('supervisor');
  else if (
    scopes.has('district') &&
    actor.regionCode &&
    p.region_code.startsWith(regionPrefix(actor.regionCode))
  )
    roles.add('coordinator');
  if (inUnit(actor, p.owner_unit_id)) roles.add('owner');
  if (coUnitIds.some((u) => inUnit(actor, u))) roles.add('co_unit');
  return roles;
}

export type Pick = { ok: true; transition: Transition } | { ok: false; why: 'status' | 'role' | 'top_level' };

/** Which transition an action takes from the current status for these roles, or why none does. */
export function pickTransition(
  action: ProblemAction,
  p: ProblemFacts,
  roles: ReadonlySet<ProblemRole>,
  maxLevel: number,
): Pick {
  const fromHere = TRANSITIONS.filter((t) => t.action === action && t.from.includes(p.status));
  if (!fromHere.length) return { ok: false, why: 'status' };
  const t = fromHere.find((x) => x.roles.some((r) => roles.has(r)));
  if (!t) return { ok: false, why: 'role' };
  if (t.levelUp && p.escalation_level >= maxLevel) return { ok: false, why: 'top_level' };
  return { ok: true, transition: t };
}

/** Where a transition leads from the current status. */
export function nextStatus(t: Transition, p: ProblemFacts, roles: ReadonlySet<ProblemRole>): ProblemStatus {
  if (t.to === 'same') return p.status;
  if (t.to === 'held_from') return (p.held_from as ProblemStatus | null) ?? 'pending';
  if (t.to === 'reply') return p.status === 'assigned' && roles.has('owner') ? 'in_progress' : p.status;
  return t.to;
}

/** Overdue: the deadline passed while the problem is with its owner (not resolved, closed, returned or on hold). */
export function isOverdue(p: { status: string; due_on: string | null }, today: string): boolean {
  return (p.status === 'assigned' || p.status === 'in_progress') && !!p.due_on && p.due_on < today;
}

export const OVERDUE_STATUSES = ['assigned', 'in_progress'] as const;
export const OPEN_STATUSES = [
  'pending',
  'assigned',
  'in_progress',
  'resolved',
  'returned',
  'on_hold',
] as const;
