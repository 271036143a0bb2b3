import type { z } from 'zod';
import {
  EXTENSION_KIND_LABELS,
  EXTENSION_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  REFORM_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  type Blocker,
  BlockerInput,
  type Contribution,
  type Extension,
  type Finding,
  type Milestone,
  type PeriodLock,
  type ReformStatus,
  type ReformTask,
  type Report,
  type RuleSet,
  type ScoringParams,
  type Target,
} from '../../../../contracts/schemas/reform';
import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';
import {
  isReformOffice,
  milestoneAbilities,
  reportAbilities,
  taskAbilities,
  type TaskAccess,
} from './reform.policy';
import type {
  ContributionJoined,
  ExtensionJoined,
  FindingJoined,
  ReportJoined,
  TaskJoined,
} from './reform.repository';
import { achievement } from './reform.scoring';
import type { EventRow, MilestoneRow, PeriodLockRow, RuleSetRow, TargetRow } from './reform.table';
import { cstDate } from './reform.cadence';

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const unitName = (full: string | null | undefined, short: string | null | undefined) =>
  short ?? full ?? '';

/** 滞后: open (not started, in progress or adjusted) with the deadline or a pending milestone past due. */
export function effectiveStatus(
  stored: string,
  dueOn: string,
  milestones: Array<{ status: string; due_on: string }>,
  today: string,
): ReformStatus {
  if (stored === 'not_started' || stored === 'in_progress' || stored === 'adjusted') {
    if (dueOn < today || milestones.some((m) => m.status === 'pending' && m.due_on < today)) return 'delayed';
  }
  return stored as ReformStatus;
}

export const accessOf = (t: TaskJoined, coUnitIds: readonly string[]): TaskAccess => ({
  lead_unit_id: t.lead_unit_id,
  lead_unit_path: t.lead_unit_path,
  lead_unit_region: t.lead_unit_region,
  status: t.status,
  coUnitIds,
});

export type Measured = { value: number | null; source: 'indicator' | 'soe' | null };

export function presentTarget(t: TargetRow, measured: Measured | undefined): Target {
  const actual = measured?.value ?? t.actual;
  const actualSource =
    measured?.value !== null && measured?.value !== undefined
      ? measured.source
      : t.actual !== null
        ? 'typed'
        : null;
  return {
    id: t.id,
    metric: t.metric,
    baseline: t.baseline,
    target: t.target,
    unit: t.unit,
    direction: t.direction,
    typedActual: t.actual,
    actual,
    actualSource,
    indicatorCode: t.indicator_code,
    indicatorParams: parseJson<Record<string, unknown> | null>(t.indicator_params, null),
    soeKpi: (t.soe_kpi as Target['soeKpi']) ?? null,
    achievement: achievement({ baseline: t.baseline, target: t.target, actual, direction: t.direction }),
  };
}

export function presentMilestone(
  actor: Actor,
  access: TaskAccess,
  m: MilestoneRow,
  evidenceCount: number,
  today: string,
): Milestone {
  return {
    id: m.id,
    taskId: m.task_id,
    seq: m.seq,
    title: m.title,
    deliverable: m.deliverable,
    dueOn: m.due_on,
    originalDueOn: m.original_due_on,
    status: m.status,
    statusLabel: MILESTONE_STATUS_LABELS[m.status],
    overdue: m.status === 'pending' && m.due_on < today,
    doneOn: m.done_on,
    doneNote: m.done_note,
    evidenceReportId: m.evidence_report_id,
    evidenceCount,
    closedAt: m.closed_at,
    closedBy: m.closed_by,
    version: m.version,
    abilities: milestoneAbilities(actor, access, m),
  };
}

export type TaskExtras = {
  coUnits: Array<{ id: string; name: string }>;
  milestones: MilestoneRow[];
  targets: TargetRow[];
  measured: Map<string, Measured>;
  milestoneEvidence: Map<string, number>;
  openBlockers: number;
  blockers?: Blocker[];
  evidenceCount?: number;
};

export function presentTask(actor: Actor, t: TaskJoined, x: TaskExtras, today: string): ReformTask {
  const access = accessOf(
    t,
    x.coUnits.map((u) => u.id),
  );
  const status = effectiveStatus(t.status, t.due_on, x.milestones, today);
  const next = x.milestones
    .filter((m) => m.status === 'pending')
    .sort((a, b) => (a.due_on < b.due_on ? -1 : 1))[0];
  return {
    id: t.id,
    code: t.code,
    areaId: t.area_id,
    areaName: t.area_name,
    itemId: t.item_id,
    itemTitle: t.item_title,
    title: t.title,
    measures: t.measures,
    sourceDoc: t.source_doc,
    sourceMeeting: t.source_meeting,
    leadLeader: t.lead_leader,
    leadUnit: { id: t.lead_unit_id, name: unitName(t.lead_unit_full_name, t.lead_unit_short_name) },
    coUnits: x.coUnits.map((u) => ({ id: u.id, name: u.name })),
    contacts: parseJson(t.contacts, []),
    outcomeForm: (t.outcome_form as ReformTask['outcomeForm']) ?? null,
    outcomeNote: t.outcome_note,
    startOn: t.start_on,
    dueOn: t.due_on,
    originalDueOn: t.original_due_on,
    cadence: t.cadence,
    isKey: Boolean(t.is_key),
    isFirst: Boolean(t.is_first),
    isReplicated: Boolean(t.is_replicated),
    status,
    statusLabel: REFORM_STATUS_LABELS[status],
    storedStatus: t.status,
    progressPct: t.progress_pct,
    progressNote: t.progress_note,
    problemsNote: t.problems_note,
    nextStepsNote: t.next_steps_note,
    lastReportPeriod: t.last_report_period,
    regionCode: t.region_code,
    soeCreditCode: t.soe_credit_code,
    linkedProjectIds: parseJson(t.linked_project_ids, []),
    linkedEnterpriseCodes: parseJson(t.linked_enterprise_codes, []),
    targets: x.targets.map((tg) => presentTarget(tg, x.measured.get(tg.id))),
    milestones: x.milestones.map((m) =>
      presentMilestone(actor, access, m, x.milestoneEvidence.get(m.id) ?? 0, today),
    ),
    nextMilestone: next ? { id: next.id, title: next.title, dueOn: next.due_on } : null,
    openBlockers: x.openBlockers,
    ...(x.blockers ? { blockers: x.blockers } : {}),
    ...(x.evidenceCount !== undefined ? { evidenceCount: x.evidenceCount } : {}),
    closedAt: t.closed_at,
    closedBy: t.closed_by,
    createdBy: t.created_by,
    version: t.version,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    abilities: taskAbilities(actor, access),
  };
}

export const presentBlocker = (p: {
  id: string;
  title: string;
  status: string;
  owner_unit_id: string | null;
  due_on: string | null;
  escalation_level: number;
  raised_at: string;
}): Blocker => ({
  problemId: p.id,
  title: p.title,
  status: p.status,
  ownerUnitId: p.owner_unit_id,
  dueOn: p.due_on,
  escalationLevel: Number(p.escalation_level),
  raisedAt: p.raised_at,
});

export function presentContribution(actor: Actor, c: ContributionJoined): Contribution {
  const own = can(actor, 'reform:manage') && actor.unitId === c.unit_id;
  return {
    id: c.id,
    taskId: c.task_id,
    period: c.period,
    unit: { id: c.unit_id, name: unitName(c.unit_full_name, c.unit_short_name) },
    status: c.status,
    content: c.content,
    outcomes: c.outcomes,
    submittedAt: c.submitted_at,
    submittedBy: c.submitted_by,
    version: c.version,
    abilities: { update: own, submit: own && c.status === 'draft' },
  };
}

export type ReportExtras = {
  access: TaskAccess;
  blockers: Blocker[];
  evidence: Array<{ id: string; original_name: string; doc_type: string }>;
  contributions: Contribution[];
  locked: boolean;
};

export function presentReport(actor: Actor, r: ReportJoined, x: ReportExtras): Report {
  return {
    id: r.id,
    taskId: r.task_id,
    taskCode: r.task_code,
    taskTitle: r.task_title,
    leadUnit: { id: r.lead_unit_id, name: unitName(r.lead_unit_full_name, r.lead_unit_short_name) },
    regionCode: r.region_code,
    period: r.period,
    periodKind: r.period_kind,
    dueOn: r.due_on,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    progressPct: r.progress_pct,
    progress: r.progress,
    outcomes: r.outcomes,
    problems: r.problems,
    nextSteps: r.next_steps,
    blockers: x.blockers,
    draftBlockers: parseJson<Array<z.infer<typeof BlockerInput>>>(r.draft_blockers, []),
    completedMilestoneIds: parseJson(r.completed_milestone_ids, []),
    taskCompleted: Boolean(r.task_completed),
    firstSubmittedAt: r.first_submitted_at,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    submitCount: r.submit_count,
    onTime: r.first_submitted_at ? cstDate(r.first_submitted_at) <= r.due_on : null,
    returnedAt: r.returned_at,
    returnComment: r.return_comment,
    acceptedAt: r.accepted_at,
    acceptedBy: r.accepted_by,
    evidence: x.evidence.map((a) => ({
      id: a.id,
      name: a.original_name,
      docType: a.doc_type,
      url: `/api/v1/attachments/${a.id}/content`,
    })),
    contributions: x.contributions,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: reportAbilities(actor, x.access, r, x.locked),
  };
}

export function presentExtension(actor: Actor, e: ExtensionJoined): Extension {
  return {
    id: e.id,
    taskId: e.task_id,
    taskTitle: e.task_title,
    milestoneId: e.milestone_id,
    milestoneTitle: e.milestone_title,
    kind: e.kind,
    kindLabel: EXTENSION_KIND_LABELS[e.kind],
    reason: e.reason,
    change: e.change_note,
    currentDueOn: e.current_due_on,
    requestedDueOn: e.requested_due_on,
    status: e.status,
    statusLabel: EXTENSION_STATUS_LABELS[e.status],
    requestedBy: e.requested_by,
    requestedByName: e.requested_by_name,
    requestedAt: e.requested_at,
    decidedBy: e.decided_by,
    decidedAt: e.decided_at,
    decisionComment: e.decision_comment,
    version: e.version,
    abilities: { decide: isReformOffice(actor) && e.status === 'pending' },
  };
}

export function presentFinding(actor: Actor, f: FindingJoined): Finding {
  const office = isReformOffice(actor);
  return {
    id: f.id,
    taskId: f.task_id,
    taskTitle: f.task_title,
    unit: { id: f.unit_id, name: unitName(f.unit_full_name, f.unit_short_name) },
    foundOn: f.found_on,
    title: f.title,
    description: f.description,
    points: f.points,
    version: f.version,
    createdAt: f.created_at,
    abilities: { update: office, delete: office },
  };
}

export function presentRuleSet(actor: Actor, r: RuleSetRow): RuleSet {
  const office = isReformOffice(actor);
  return {
    id: r.id,
    name: r.name,
    issuer: r.issuer,
    docNo: r.doc_no,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    status: r.status,
    params: parseJson<ScoringParams>(r.params, null as unknown as ScoringParams),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: {
      update: office && r.status === 'draft',
      activate: office && r.status !== 'active',
      retire: office && r.status === 'active',
    },
  };
}

export const presentLock = (
  l: Omit<PeriodLockRow, 'snapshot' | 'created_at' | 'updated_at'>,
): PeriodLock => ({
  period: l.period,
  status: l.status,
  lockedAt: l.locked_at,
  lockedBy: l.locked_by,
  lockedByName: l.locked_by_name,
  note: l.note,
  unlockedAt: l.unlocked_at,
  unlockReason: l.unlock_reason,
  reportCount: l.report_count,
  version: l.version,
});

export const presentEvent = (e: EventRow) => ({
  id: e.id,
  taskId: e.task_id,
  entity: e.entity,
  entityId: e.entity_id,
  kind: e.kind,
  fromStatus: e.from_status,
  toStatus: e.to_status,
  comment: e.comment,
  actorName: e.actor_name,
  at: e.at,
});
