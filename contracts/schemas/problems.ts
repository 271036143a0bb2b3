import { z } from 'zod';
import { AbilitiesSchema, ListQuery } from './common';
import { Bilingual, IsoDate } from './lights';

/**
 * 问题清单 (problem list) — domain.md §1.5. Generic: a problem belongs to a record of any registered kind
 * (a project, a reform task, a dispatch meeting …) by `entity` + `entityId`.
 */
export const PROBLEM_STATUSES = [
  'pending',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'on_hold',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, { zh: string; en: string }> = {
  pending: { zh: '待交办', en: 'Pending assignment' },
  assigned: { zh: '已交办', en: 'Assigned' },
  in_progress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已办结（待确认）', en: 'Resolved (awaiting confirmation)' },
  closed: { zh: '已销号', en: 'Closed' },
  returned: { zh: '退回', en: 'Returned' },
  on_hold: { zh: '挂起', en: 'On hold' },
};

export const PROBLEM_ACTIONS = [
  'assign',
  'accept',
  'reply',
  'resolve',
  'confirm_close',
  'return',
  'hold',
  'resume',
  'escalate',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, { zh: string; en: string }> = {
  assign: { zh: '交办', en: 'Assign' },
  accept: { zh: '签收', en: 'Accept' },
  reply: { zh: '反馈进展', en: 'Reply' },
  resolve: { zh: '办结', en: 'Resolve' },
  confirm_close: { zh: '确认销号', en: 'Confirm and close' },
  return: { zh: '退回', en: 'Return' },
  hold: { zh: '挂起', en: 'Put on hold' },
  resume: { zh: '恢复办理', en: 'Resume' },
  escalate: { zh: '提级协调', en: 'Escalate' },
};

export const PROBLEM_EVENT_KINDS = [
  'create',
  'update',
  ...PROBLEM_ACTIONS,
  'auto_escalate',
  'remind_due',
  'remind_overdue',
] as const;

export const ProblemUnitRef = z.object({ id: z.string(), name: z.string() });

export const Problem = z.object({
  id: z.string(),
  entity: z.string(),
  entityId: z.string(),
  /** Name of the record the problem belongs to (the project's name, the meeting's title …). */
  entityName: z.string().nullable(),
  regionCode: z.string(),
  category: z.string(),
  categoryLabel: Bilingual.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  raisedBy: z.string().nullable(),
  raisedByName: z.string().nullable(),
  raisedByUnitId: z.string().nullable(),
  raisedAt: z.string(),
  raisedInMeetingId: z.string().nullable(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  coUnits: z.array(ProblemUnitRef),
  leadLeader: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** due date passed and the problem not resolved, closed, returned or on hold. */
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  escalationLevel: z.number().int(),
  escalationLabel: Bilingual.nullable(),
  escalatedAt: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  statusLabel: Bilingual,
  resolvedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Which transitions (and `update`) the caller may take now. */
  abilities: AbilitiesSchema,
});
export type Problem = z.infer<typeof Problem>;

const boolString = z.enum(['true', 'false']);
export const ProblemListQuery = ListQuery.extend({
  entity: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  /** One status or several, comma-separated (status=assigned,in_progress). */
  status: z
    .string()
    .max(200)
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional(),
  ownerUnitId: z.string().max(64).optional(),
  category: z.string().max(32).optional(),
  overdue: boolString.optional(),
  escalationLevel: z.coerce.number().int().min(1).max(20).optional(),
  /** At least this level (escalationLevelMin=2: everything escalated beyond the owner unit). */
  escalationLevelMin: z.coerce.number().int().min(1).max(20).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  raisedInMeetingId: z.string().max(64).optional(),
  /** Problems open (not closed) only. */
  open: boolString.optional(),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;
export const PROBLEM_SORTS = [
  'raisedAt',
  'dueOn',
  'escalationLevel',
  'status',
  'updatedAt',
  'title',
] as const;

const unitIds = z.array(z.string().max(64)).max(20);

export const ProblemCreate = z.object({
  entity: z.string().trim().min(1).max(32),
  entityId: z.string().min(1).max(64),
  category: z.string().trim().min(1).max(32),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(4000).nullable().optional(),
  /** With both ownerUnitId and dueOn the problem is assigned at once (已交办); otherwise it waits (待交办). */
  ownerUnitId: z.string().max(64).nullable().optional(),
  dueOn: IsoDate.nullable().optional(),
  coUnitIds: unitIds.optional(),
  leadLeader: z.string().trim().max(50).nullable().optional(),
  escalationLevel: z.number().int().min(1).max(20).optional(),
});
export type ProblemCreate = z.infer<typeof ProblemCreate>;

export const ProblemUpdate = z.object({
  title: z.string().trim().min(2).max(200).optional(),
  description: z.string().trim().max(4000).nullable().optional(),
  category: z.string().trim().min(1).max(32).optional(),
  leadLeader: z.string().trim().max(50).nullable().optional(),
  coUnitIds: unitIds.optional(),
  version: z.number().int().min(1),
});
export type ProblemUpdate = z.infer<typeof ProblemUpdate>;

export const ProblemTransition = z.object({
  action: z.enum(PROBLEM_ACTIONS),
  note: z.string().trim().max(4000).optional(),
  /** Attachments already uploaded to this problem (POST /api/v1/attachments with entity=problem). */
  attachmentIds: z.array(z.string().max(64)).max(20).default([]),
  /** assign: the owner unit (承办单位); assign/escalate: the (new) deadline. */
  ownerUnitId: z.string().max(64).optional(),
  dueOn: IsoDate.optional(),
  /** Optional optimistic check. */
  version: z.number().int().min(1).optional(),
});
export type ProblemTransition = z.infer<typeof ProblemTransition>;

export const ProblemEvent = z.object({
  id: z.string(),
  problemId: z.string(),
  kind: z.enum(PROBLEM_EVENT_KINDS),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromLevel: z.number().int().nullable(),
  toLevel: z.number().int().nullable(),
  note: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  unitId: z.string().nullable(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export type ProblemEvent = z.infer<typeof ProblemEvent>;

export const ProblemCategory = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9_]+$/),
  zh: z.string().trim().min(1).max(50),
  en: z.string().trim().min(1).max(80),
  sort: z.number().int().min(0).max(10000),
  active: z.boolean(),
});
export const EscalationLevel = z.object({
  level: z.number().int().min(1).max(20),
  zh: z.string().trim().min(1).max(80),
  en: z.string().trim().min(1).max(120),
  /** At this level, escalate one level automatically once overdue this many days (null: never automatically). */
  autoEscalateAfterDays: z.number().int().min(1).max(365).nullable(),
});
export const ProblemSettings = z.object({
  categories: z.array(ProblemCategory),
  escalationLadder: z.array(EscalationLevel),
  /** Days before the due date when the owner unit is reminded. */
  remindDaysBefore: z.number().int(),
});
export type ProblemSettings = z.infer<typeof ProblemSettings>;
export const ProblemCategoriesUpdate = z.object({ categories: z.array(ProblemCategory).min(1).max(100) });
export const EscalationLadderUpdate = z.object({
  escalationLadder: z
    .array(EscalationLevel)
    .min(1)
    .max(20)
    .refine((l) => l.every((x, i) => x.level === i + 1), { message: 'levels must be 1, 2, 3 … in order' }),
});
