import { z } from 'zod';
import { AbilitiesSchema, ListQuery, VersionField } from './common';
import { IsoDate } from './lights';

/**
 * 改革攻坚台账 — the reform task ledger (PRODUCT.md C8/C9, domain.md §9). Areas (改革领域) → key reform items
 * (重点改革事项) → tasks → milestones (时间节点); periodic reports with evidence; blockers are problems of the
 * shared problem list (entity 'reform_task'); verification and closure (对账销号); extensions; assessment (考核)
 * with a versioned rule set; period lock with snapshots; "what changed" between two months.
 * Keys are English; every label exists in zh-CN and en.
 */

type Label = { zh: string; en: string };
const label = z.object({ zh: z.string(), en: z.string() });

// ── vocabularies ────────────────────────────────────────────────────────────────────────────────

/** Task status; `delayed` (滞后) is never stored: it is computed when a milestone or the deadline is overdue. */
export const REFORM_STATUSES = [
  'not_started',
  'in_progress',
  'done_pending_verification',
  'closed',
  'delayed',
  'adjusted',
] as const;
export type ReformStatus = (typeof REFORM_STATUSES)[number];
export const REFORM_STORED_STATUSES = [
  'not_started',
  'in_progress',
  'done_pending_verification',
  'closed',
  'adjusted',
] as const;
export type ReformStoredStatus = (typeof REFORM_STORED_STATUSES)[number];
export const REFORM_STATUS_LABELS: Record<ReformStatus, Label> = {
  not_started: { zh: '未启动', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done_pending_verification: { zh: '已完成（待核验）', en: 'Done (awaiting verification)' },
  closed: { zh: '已销号', en: 'Closed' },
  delayed: { zh: '滞后', en: 'Delayed' },
  adjusted: { zh: '调整', en: 'Adjusted' },
};

/** Reporting cadence: monthly by default, weekly for 攻坚 items, quarterly allowed. */
export const REFORM_CADENCES = ['weekly', 'monthly', 'quarterly'] as const;
export type ReformCadence = (typeof REFORM_CADENCES)[number];
export const REFORM_CADENCE_LABELS: Record<ReformCadence, Label> = {
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
};

/** 成果形式 (domain.md §9.2). */
export const OUTCOME_FORMS = [
  'policy_document',
  'institution',
  'platform',
  'pilot',
  'experience',
  'indicator',
  'other',
] as const;
export type OutcomeForm = (typeof OUTCOME_FORMS)[number];
export const OUTCOME_FORM_LABELS: Record<OutcomeForm, Label> = {
  policy_document: { zh: '政策文件', en: 'Policy document' },
  institution: { zh: '制度机制', en: 'Institution or mechanism' },
  platform: { zh: '平台上线', en: 'Platform launched' },
  pilot: { zh: '试点', en: 'Pilot' },
  experience: { zh: '经验推广', en: 'Replicable experience' },
  indicator: { zh: '指标改善', en: 'Indicator improvement' },
  other: { zh: '其他', en: 'Other' },
};

export const MILESTONE_STATUSES = ['pending', 'done_pending_verification', 'closed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, Label> = {
  pending: { zh: '未完成', en: 'Pending' },
  done_pending_verification: { zh: '已完成（待核验）', en: 'Done (awaiting verification)' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已报送', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  resubmitted: { zh: '已重报', en: 'Resubmitted' },
  accepted: { zh: '已审核', en: 'Accepted' },
};
/** A report counts as filed in these states. */
export const FILED_REPORT_STATUSES = ['submitted', 'resubmitted', 'accepted'] as const;

export const CONTRIBUTION_STATUSES = ['draft', 'submitted'] as const;

export const EXTENSION_KINDS = ['extension', 'adjustment'] as const;
export type ExtensionKind = (typeof EXTENSION_KINDS)[number];
export const EXTENSION_KIND_LABELS: Record<ExtensionKind, Label> = {
  extension: { zh: '延期', en: 'Extension' },
  adjustment: { zh: '调整', en: 'Adjustment' },
};
export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, Label> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
};

/** SASAC 一利五率 (domain.md §9.5); keys match the enterprise registry's SoeKpi keys. */
export const SOE_KPIS = [
  'profit',
  'debtRatio',
  'roe',
  'rdIntensity',
  'laborProductivity',
  'operatingCashRatio',
] as const;
export type SoeKpiKey = (typeof SOE_KPIS)[number];
export const SOE_KPI_LABELS: Record<SoeKpiKey, Label & { unit: string; direction: 'increase' | 'decrease' }> =
  {
    profit: { zh: '利润总额', en: 'Total profit', unit: '万元', direction: 'increase' },
    debtRatio: { zh: '资产负债率', en: 'Debt-to-asset ratio', unit: '%', direction: 'decrease' },
    roe: { zh: '净资产收益率', en: 'Return on equity', unit: '%', direction: 'increase' },
    rdIntensity: { zh: '研发经费投入强度', en: 'R&D intensity', unit: '%', direction: 'increase' },
    laborProductivity: {
      zh: '全员劳动生产率',
      en: 'Labour productivity',
      unit: '万元/人',
      direction: 'increase',
    },
    operatingCashRatio: { zh: '营业现金比率', en: 'Operating cash ratio', unit: '%', direction: 'increase' },
  };

/** Evidence document types (佐证材料) accepted on tasks, milestones and reports. */
export const REFORM_DOC_TYPES: Record<string, Label> = {
  evidence: { zh: '佐证材料', en: 'Evidence' },
  policy_document: { zh: '政策文件', en: 'Policy document' },
  minutes: { zh: '会议纪要', en: 'Meeting minutes' },
  data: { zh: '数据截图', en: 'Data screenshot' },
  media: { zh: '媒体报道', en: 'Media coverage' },
  completion: { zh: '完成情况报告', en: 'Completion report' },
};

export const TARGET_DIRECTIONS = ['increase', 'decrease'] as const;

// ── shared pieces ───────────────────────────────────────────────────────────────────────────────

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
const bool = z.enum(['true', 'false']);
const taskCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ -');
/** A month 'YYYY-MM'. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
/** A report period: 'YYYY-MM' (monthly), 'YYYY-Www' (ISO week), 'YYYY-Qn' (quarter). */
export const ReportPeriod = z
  .string()
  .regex(/^\d{4}-((0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3])|Q[1-4])$/, 'YYYY-MM | YYYY-Www | YYYY-Qn');
/** A scoring period: a month 'YYYY-MM', a quarter 'YYYY-Qn' or a year 'YYYY'. */
export const ScorePeriod = z
  .string()
  .regex(/^\d{4}(-((0[1-9]|1[0-2])|Q[1-4]))?$/, 'YYYY-MM | YYYY-Qn | YYYY');
export const PeriodParam = z.object({ period: Month });
export const TaskPeriodParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  period: ReportPeriod,
});

export const UnitRef = z.object({ id: z.string(), name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const Contact = z.object({
  name: z.string().trim().min(1).max(50),
  role: z.string().trim().max(50).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  unitId: id.nullable().optional(),
});

// ── areas and items ─────────────────────────────────────────────────────────────────────────────

export const ReformItem = z.object({
  id: z.string(),
  areaId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  sort: z.number().int(),
  taskCount: z.number().int(),
  version: z.number().int(),
});
export const ReformArea = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  sort: z.number().int(),
  regionCode: z.string(),
  items: z.array(ReformItem),
  taskCount: z.number().int(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type ReformArea = z.infer<typeof ReformArea>;
export const AreaCreate = z.object({
  code: taskCode.nullable().optional(),
  name: z.string().trim().min(1).max(100),
  sort: z.number().int().min(0).max(100000).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const AreaUpdate = AreaCreate.partial().extend(VersionField);
export const ItemCreate = z.object({
  areaId: id,
  code: taskCode.nullable().optional(),
  title: z.string().trim().min(1).max(200),
  sort: z.number().int().min(0).max(100000).optional(),
});
export const ItemUpdate = z.object({
  code: taskCode.nullable().optional(),
  title: z.string().trim().min(1).max(200).optional(),
  sort: z.number().int().min(0).max(100000).optional(),
  ...VersionField,
});

// ── targets and milestones ──────────────────────────────────────────────────────────────────────

const num = z.number().finite();
export const TargetInput = z.object({
  /** Keep the id to update a target in place; omit it for a new one. */
  id: id.optional(),
  metric: z.string().trim().min(1).max(100),
  baseline: num.nullable().optional(),
  target: num,
  unit: z.string().trim().max(20).default(''),
  /** increase: higher is better; decrease: lower is better (e.g. 签约到开工天数, 资产负债率). */
  direction: z.enum(TARGET_DIRECTIONS).default('increase'),
  /** The typed actual; shown when no computed indicator answers. */
  actual: num.nullable().optional(),
  /** Bind to a computed indicator (the results registry); the actual is then measured, not typed. */
  indicatorCode: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9_.:-]+$/)
    .nullable()
    .optional(),
  indicatorParams: z
    .record(z.string().max(40), z.union([z.string().max(100), z.number(), z.boolean()]))
    .nullable()
    .optional(),
  /** An SOE 一利五率 target of the task's SOE (soeCreditCode). */
  soeKpi: z.enum(SOE_KPIS).nullable().optional(),
});
export type TargetInput = z.infer<typeof TargetInput>;

export const Target = z.object({
  id: z.string(),
  metric: z.string(),
  baseline: z.number().nullable(),
  target: z.number(),
  unit: z.string(),
  direction: z.enum(TARGET_DIRECTIONS),
  typedActual: z.number().nullable(),
  /** The actual used: measured by the indicator (or SOE KPI) when it answers, else the typed value. */
  actual: z.number().nullable(),
  actualSource: z.enum(['indicator', 'soe', 'typed']).nullable(),
  indicatorCode: z.string().nullable(),
  indicatorParams: z.record(z.string(), z.unknown()).nullable(),
  soeKpi: z.enum(SOE_KPIS).nullable(),
  /** Share of the way from baseline to target (0–1, capped), null without an actual. */
  achievement: z.number().nullable(),
});
export type Target = z.infer<typeof Target>;

export const MilestoneInput = z.object({
  title: z.string().trim().min(1).max(200),
  deliverable: text(500).nullable().optional(),
  dueOn: IsoDate,
});
export const MilestoneUpdate = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  deliverable: text(500).nullable().optional(),
  /** Only while pending and only by the reform office; units ask for an extension instead. */
  dueOn: IsoDate.optional(),
  ...VersionField,
});

export const Milestone = z.object({
  id: z.string(),
  taskId: z.string(),
  seq: z.number().int(),
  title: z.string(),
  deliverable: z.string().nullable(),
  dueOn: z.string(),
  originalDueOn: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  statusLabel: label,
  overdue: z.boolean(),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  evidenceReportId: z.string().nullable(),
  evidenceCount: z.number().int(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type Milestone = z.infer<typeof Milestone>;

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────

const taskFields = {
  code: taskCode.nullable().optional(),
  areaId: id,
  itemId: id.nullable().optional(),
  title: z.string().trim().min(2).max(200),
  measures: text(4000).nullable().optional(),
  sourceDoc: text(200).nullable().optional(),
  sourceMeeting: text(200).nullable().optional(),
  leadLeader: text(50).nullable().optional(),
  leadUnitId: id,
  coUnitIds: z.array(id).max(30).optional(),
  contacts: z.array(Contact).max(10).optional(),
  outcomeForm: z.enum(OUTCOME_FORMS).nullable().optional(),
  outcomeNote: text(1000).nullable().optional(),
  startOn: IsoDate.optional(),
  dueOn: IsoDate,
  /** Default: weekly for 攻坚 items (isKey), monthly otherwise. */
  cadence: z.enum(REFORM_CADENCES).optional(),
  isKey: z.boolean().optional(),
  /** 首创 (a first in the country/province) and 复制推广 (replicated elsewhere): the innovation score. */
  isFirst: z.boolean().optional(),
  isReplicated: z.boolean().optional(),
  /** GB/T 2260; default the lead unit's region. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** The SOE this is a reform task of (统一社会信用代码). */
  soeCreditCode: z.string().trim().max(40).nullable().optional(),
  linkedProjectIds: z.array(id).max(50).optional(),
  linkedEnterpriseCodes: z.array(z.string().trim().max(40)).max(50).optional(),
  targets: z.array(TargetInput).max(20).optional(),
};
export const TaskCreate = z.object({ ...taskFields, milestones: z.array(MilestoneInput).max(30).optional() });
export type TaskCreate = z.infer<typeof TaskCreate>;
export const TaskUpdate = z
  .object({
    ...taskFields,
    /** Only not_started ↔ in_progress by hand; the rest follows reports, verification and approvals. */
    status: z.enum(['not_started', 'in_progress']).optional(),
    /** Deadline changes by the reform office only; units ask for an extension. */
    ...VersionField,
  })
  .partial()
  .required({ version: true });
export type TaskUpdate = z.infer<typeof TaskUpdate>;

export const Blocker = z.object({
  problemId: z.string(),
  title: z.string(),
  status: z.string(),
  ownerUnitId: z.string().nullable(),
  dueOn: z.string().nullable(),
  escalationLevel: z.number().int(),
  raisedAt: z.string(),
});
export type Blocker = z.infer<typeof Blocker>;

export const ReformTask = z.object({
  id: z.string(),
  code: z.string().nullable(),
  areaId: z.string(),
  areaName: z.string().nullable(),
  itemId: z.string().nullable(),
  itemTitle: z.string().nullable(),
  title: z.string(),
  measures: z.string().nullable(),
  sourceDoc: z.string().nullable(),
  sourceMeeting: z.string().nullable(),
  leadLeader: z.string().nullable(),
  leadUnit: UnitRef,
  coUnits: z.array(UnitRef),
  contacts: z.array(Contact),
  outcomeForm: z.enum(OUTCOME_FORMS).nullable(),
  outcomeNote: z.string().nullable(),
  startOn: z.string(),
  dueOn: z.string(),
  originalDueOn: z.string().nullable(),
  cadence: z.enum(REFORM_CADENCES),
  isKey: z.boolean(),
  isFirst: z.boolean(),
  isReplicated: z.boolean(),
  /** Effective status (delayed computed). */
  status: z.enum(REFORM_STATUSES),
  statusLabel: label,
  storedStatus: z.enum(REFORM_STORED_STATUSES),
  progressPct: z.number().int(),
  progressNote: z.string().nullable(),
  problemsNote: z.string().nullable(),
  nextStepsNote: z.string().nullable(),
  lastReportPeriod: z.string().nullable(),
  regionCode: z.string(),
  soeCreditCode: z.string().nullable(),
  linkedProjectIds: z.array(z.string()),
  linkedEnterpriseCodes: z.array(z.string()),
  targets: z.array(Target),
  milestones: z.array(Milestone),
  nextMilestone: z.object({ id: z.string(), title: z.string(), dueOn: z.string() }).nullable(),
  openBlockers: z.number().int(),
  /** Detail only. */
  blockers: z.array(Blocker).optional(),
  evidenceCount: z.number().int().optional(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  createdBy: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type ReformTask = z.infer<typeof ReformTask>;

export const TaskListQuery = ListQuery.extend({
  areaId: id.optional(),
  itemId: id.optional(),
  leadUnitId: id.optional(),
  /** Tasks this unit co-leads (配合). */
  coUnitId: id.optional(),
  status: z.enum(REFORM_STATUSES).optional(),
  cadence: z.enum(REFORM_CADENCES).optional(),
  isKey: bool.optional(),
  /** SOE reform tasks only (those with an SOE credit code). */
  soe: bool.optional(),
  soeCreditCode: z.string().max(40).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  dueFrom: IsoDate.optional(),
  dueTo: IsoDate.optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
export const TASK_SORTS = [
  'code',
  'title',
  'dueOn',
  'updatedAt',
  'createdAt',
  'progressPct',
  'status',
] as const;

export const CompleteInput = z.object({
  doneOn: IsoDate.optional(),
  note: text(2000).nullable().optional(),
});
export const VerifyInput = z.object({
  result: z.enum(['pass', 'return']),
  comment: text(2000).nullable().optional(),
});
export const BlockerInput = z.object({
  title: z.string().trim().min(2).max(200),
  description: text(4000).nullable().optional(),
  /** A problem category code of the problem list (default 'other'). */
  category: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  dueOn: IsoDate.nullable().optional(),
});

export const ReformEvent = z.object({
  id: z.string(),
  taskId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

// ── reports and contributions ───────────────────────────────────────────────────────────────────

export const EvidenceRef = z.object({
  id: z.string(),
  name: z.string(),
  docType: z.string(),
  url: z.string(),
});

export const Contribution = z.object({
  id: z.string(),
  taskId: z.string(),
  period: z.string(),
  unit: UnitRef,
  status: z.enum(CONTRIBUTION_STATUSES),
  content: z.string(),
  outcomes: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type Contribution = z.infer<typeof Contribution>;
export const ContributionInput = z.object({
  content: z.string().trim().min(1).max(4000),
  outcomes: text(4000).nullable().optional(),
  /** The co-unit contributing (default: the caller's unit). */
  unitId: id.optional(),
  submit: z.boolean().optional(),
  version: z.number().int().min(1).optional(),
});

const reportBody = {
  progressPct: z.number().int().min(0).max(100).nullable().optional(),
  progress: text(8000).optional(),
  outcomes: text(4000).nullable().optional(),
  problems: text(4000).nullable().optional(),
  nextSteps: text(4000).nullable().optional(),
  /** 堵点/难点: each becomes a problem of the shared problem list when the report is submitted. */
  blockers: z.array(BlockerInput).max(10).optional(),
  /** Milestones this report completes (they await verification against the report's evidence). */
  completedMilestoneIds: z.array(id).max(30).optional(),
  /** The report declares the whole task done (it then awaits verification). */
  taskCompleted: z.boolean().optional(),
};
export const ReportCreate = z.object({
  period: ReportPeriod,
  ...reportBody,
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().optional(),
});
export type ReportCreate = z.infer<typeof ReportCreate>;
export const ReportUpdate = z.object({ ...reportBody, ...VersionField });
export type ReportUpdate = z.infer<typeof ReportUpdate>;
export const ReportSubmit = z.object({ version: z.number().int().min(1).optional() });
export const ReportReview = z.object({
  action: z.enum(['accept', 'return']),
  /** Required when returning. */
  comment: text(2000).nullable().optional(),
  version: z.number().int().min(1).optional(),
});

export const Report = z.object({
  id: z.string(),
  taskId: z.string(),
  taskCode: z.string().nullable(),
  taskTitle: z.string(),
  leadUnit: UnitRef,
  regionCode: z.string(),
  period: z.string(),
  periodKind: z.enum(REFORM_CADENCES),
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: label,
  progressPct: z.number().int().nullable(),
  progress: z.string(),
  outcomes: z.string().nullable(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  /** Blockers raised as problems on submission. */
  blockers: z.array(Blocker),
  /** Blockers of a draft, raised when it is submitted. */
  draftBlockers: z.array(BlockerInput),
  completedMilestoneIds: z.array(z.string()),
  taskCompleted: z.boolean(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submitCount: z.number().int(),
  /** First submission on or before the due date (null while not submitted). */
  onTime: z.boolean().nullable(),
  returnedAt: z.string().nullable(),
  returnComment: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  evidence: z.array(EvidenceRef),
  /** The co-units' parts, merged into the report. */
  contributions: z.array(Contribution),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Report = z.infer<typeof Report>;

export const ReportListQuery = ListQuery.extend({
  /** A month: the reports due in it (monthly, weekly and quarterly alike). From the snapshot when locked. */
  period: Month.optional(),
  /** One exact report period ('2025-06', '2025-W23', '2025-Q2'). */
  reportPeriod: ReportPeriod.optional(),
  taskId: id.optional(),
  leadUnitId: id.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ExpectedPeriod = z.object({
  period: z.string(),
  periodKind: z.enum(REFORM_CADENCES),
  startOn: z.string(),
  endOn: z.string(),
  dueOn: z.string(),
  reportId: z.string().nullable(),
  status: z.enum([...REPORT_STATUSES, 'missing']),
  overdue: z.boolean(),
  onTime: z.boolean().nullable(),
  contributionsExpected: z.number().int(),
  contributionsSubmitted: z.number().int(),
});
export type ExpectedPeriod = z.infer<typeof ExpectedPeriod>;

export const BoardRow = z.object({
  taskId: z.string(),
  taskCode: z.string().nullable(),
  taskTitle: z.string(),
  leadUnit: UnitRef,
  status: z.enum(REFORM_STATUSES),
  periods: z.array(ExpectedPeriod),
});
export const Board = z.object({
  period: z.string(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  counts: z.object({
    expected: z.number().int(),
    filed: z.number().int(),
    missing: z.number().int(),
    returned: z.number().int(),
    accepted: z.number().int(),
  }),
  rows: z.array(BoardRow),
});
export type Board = z.infer<typeof Board>;

// ── extensions and adjustments ──────────────────────────────────────────────────────────────────

export const ExtensionCreate = z.object({
  kind: z.enum(EXTENSION_KINDS),
  /** The milestone to move; absent = the task's deadline (完成时限). */
  milestoneId: id.nullable().optional(),
  /** Required for an extension; optional for an adjustment. */
  requestedDueOn: IsoDate.nullable().optional(),
  reason: z.string().trim().min(2).max(2000),
  /** What an adjustment changes (measures, targets, scope). */
  change: text(2000).nullable().optional(),
});
export const ExtensionDecide = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: text(2000).nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export const Extension = z.object({
  id: z.string(),
  taskId: z.string(),
  taskTitle: z.string(),
  milestoneId: z.string().nullable(),
  milestoneTitle: z.string().nullable(),
  kind: z.enum(EXTENSION_KINDS),
  kindLabel: label,
  reason: z.string(),
  change: z.string().nullable(),
  currentDueOn: z.string(),
  requestedDueOn: z.string().nullable(),
  status: z.enum(EXTENSION_STATUSES),
  statusLabel: label,
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type Extension = z.infer<typeof Extension>;
export const ExtensionListQuery = ListQuery.extend({
  status: z.enum(EXTENSION_STATUSES).optional(),
  taskId: id.optional(),
});

// ── assessment ──────────────────────────────────────────────────────────────────────────────────

export const SCORE_COMPONENTS = ['completion', 'timeliness', 'outcomes', 'innovation'] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];
export const SCORE_COMPONENT_LABELS: Record<ScoreComponent | 'deductions', Label> = {
  completion: { zh: '完成率', en: 'Completion' },
  timeliness: { zh: '及时性', en: 'Timeliness' },
  outcomes: { zh: '成效', en: 'Outcomes' },
  innovation: { zh: '创新（首创/复制推广）', en: 'Innovation and replication' },
  deductions: { zh: '督察扣分', en: 'Supervision deductions' },
};

const weight = z.number().min(0).max(100);
export const ScoringParams = z
  .object({
    weights: z.object({ completion: weight, timeliness: weight, outcomes: weight, innovation: weight }),
    /** Innovation component score (0–100) of a 首创 task and of a 复制推广 task. */
    innovation: z.object({ first: z.number().min(0).max(100), replicated: z.number().min(0).max(100) }),
    /** Credit for a report filed (or a milestone done) after its due date, 0–1. */
    lateCredit: z.number().min(0).max(1),
    /** At most this many points deducted from one task, and from one unit's unit-level findings. */
    deductionCapPerTask: z.number().min(0).max(100),
    deductionCapPerUnit: z.number().min(0).max(100),
  })
  .refine(
    (p) =>
      Math.abs(
        p.weights.completion + p.weights.timeliness + p.weights.outcomes + p.weights.innovation - 100,
      ) < 1e-9,
    {
      message: 'weights must sum to 100',
      path: ['weights'],
    },
  );
export type ScoringParams = z.infer<typeof ScoringParams>;

export const RULE_SET_STATUSES = ['draft', 'active', 'retired'] as const;
export const RuleSet = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(RULE_SET_STATUSES),
  params: ScoringParams,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type RuleSet = z.infer<typeof RuleSet>;
export const RuleSetCreate = z.object({
  name: z.string().trim().min(2).max(100),
  issuer: text(100).nullable().optional(),
  docNo: text(100).nullable().optional(),
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable().optional(),
  params: ScoringParams,
});
export const RuleSetUpdate = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  issuer: text(100).nullable().optional(),
  docNo: text(100).nullable().optional(),
  effectiveFrom: IsoDate.optional(),
  effectiveTo: IsoDate.nullable().optional(),
  params: ScoringParams.optional(),
  ...VersionField,
});

export const Finding = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  taskTitle: z.string().nullable(),
  unit: UnitRef,
  foundOn: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  points: z.number(),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Finding = z.infer<typeof Finding>;
export const FindingCreate = z.object({
  /** A finding on a task deducts from that task; without a task it deducts from the unit. */
  taskId: id.nullable().optional(),
  /** Default: the task's lead unit. */
  unitId: id.optional(),
  foundOn: IsoDate,
  title: z.string().trim().min(2).max(200),
  description: text(4000).nullable().optional(),
  points: z.number().min(0).max(100),
});
export const FindingUpdate = z.object({
  foundOn: IsoDate.optional(),
  title: z.string().trim().min(2).max(200).optional(),
  description: text(4000).nullable().optional(),
  points: z.number().min(0).max(100).optional(),
  ...VersionField,
});
export const FindingListQuery = ListQuery.extend({
  taskId: id.optional(),
  unitId: id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

const breakdown = z.object({
  completion: z.number(),
  timeliness: z.number(),
  /** null when the task has no targets (its weight is spread over the other components). */
  outcomes: z.number().nullable(),
  innovation: z.number(),
  deductions: z.number(),
});
export const TaskScore = z.object({
  taskId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  score: z.number(),
  breakdown,
  facts: z.object({
    itemsDue: z.number().int(),
    itemsDone: z.number().int(),
    timelyExpected: z.number().int(),
    timelyOnTime: z.number().int(),
    timelyLate: z.number().int(),
    targets: z.number().int(),
    findings: z.number().int(),
  }),
});
export type TaskScore = z.infer<typeof TaskScore>;
export const UnitScore = z.object({
  unit: UnitRef,
  score: z.number(),
  rank: z.number().int(),
  taskCount: z.number().int(),
  breakdown,
});
export type UnitScore = z.infer<typeof UnitScore>;
export const ScoreMethod = z.object({
  ruleSetId: z.string().nullable(),
  ruleSetName: z.string(),
  docNo: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  effectiveFrom: z.string().nullable(),
  params: z.unknown(),
  components: z.array(
    z.object({ key: z.string(), label, weight: z.number().nullable(), description: label }),
  ),
  formula: label,
});
export const Scores = z.object({
  period: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  method: ScoreMethod,
  tasks: z.array(TaskScore),
  units: z.array(UnitScore),
});
export type Scores = z.infer<typeof Scores>;
export const ScoresQuery = z.object({ period: ScorePeriod });

// ── period lock and changes ─────────────────────────────────────────────────────────────────────

export const PeriodLock = z.object({
  period: z.string(),
  status: z.enum(['locked', 'unlocked']),
  lockedAt: z.string(),
  lockedBy: z.string().nullable(),
  lockedByName: z.string().nullable(),
  note: z.string().nullable(),
  unlockedAt: z.string().nullable(),
  unlockReason: z.string().nullable(),
  reportCount: z.number().int(),
  version: z.number().int(),
});
export type PeriodLock = z.infer<typeof PeriodLock>;
export const LockInput = z.object({ note: text(500).nullable().optional() });
export const UnlockInput = z.object({ reason: z.string().trim().min(2).max(500) });

export const ChangesQuery = z.object({ from: Month, to: Month });
const fromTo = <T extends z.ZodTypeAny>(t: T) => z.object({ from: t, to: t });
export const Changes = z.object({
  from: z.string(),
  to: z.string(),
  fromLocked: z.boolean(),
  toLocked: z.boolean(),
  tasks: z.array(
    z.object({
      taskId: z.string(),
      code: z.string().nullable(),
      title: z.string(),
      leadUnitName: z.string(),
      status: fromTo(z.string().nullable()).nullable(),
      progressPct: fromTo(z.number().nullable()).nullable(),
      score: fromTo(z.number().nullable()).nullable(),
    }),
  ),
  newBlockers: z.array(
    z.object({
      problemId: z.string(),
      taskId: z.string(),
      taskTitle: z.string(),
      title: z.string(),
      status: z.string(),
      raisedAt: z.string(),
    }),
  ),
  closedBlockers: z.array(
    z.object({
      problemId: z.string(),
      taskId: z.string(),
      taskTitle: z.string(),
      title: z.string(),
      status: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
  newOverdueMilestones: z.array(
    z.object({
      milestoneId: z.string(),
      taskId: z.string(),
      taskTitle: z.string(),
      title: z.string(),
      dueOn: z.string(),
    }),
  ),
});
export type Changes = z.infer<typeof Changes>;

// ── settings ────────────────────────────────────────────────────────────────────────────────────

export const ReformSettings = z.object({
  /** Monthly reports are due on this day of the month (default 25). */
  monthlyDueDay: z.number().int().min(1).max(28),
  /** Quarterly reports are due on this day of the quarter's last month (default 25). */
  quarterlyDueDay: z.number().int().min(1).max(28),
  /** Weekly reports are due on this ISO weekday (1 = Monday … 7 = Sunday; default 5, Friday). */
  weeklyDueWeekday: z.number().int().min(1).max(7),
  /** Reminders go out this many days before a report or milestone is due (default 3). */
  remindDaysBefore: z.number().int().min(0).max(30),
  /** The to-do centre shows milestones and reports due within this many days (default 14). */
  todoWindowDays: z.number().int().min(1).max(90),
  /** …and missing reports and overdue reminders reach back this many days (default 62). */
  lookbackDays: z.number().int().min(1).max(400),
});
export type ReformSettings = z.infer<typeof ReformSettings>;
export const DEFAULT_REFORM_SETTINGS: ReformSettings = {
  monthlyDueDay: 25,
  quarterlyDueDay: 25,
  weeklyDueWeekday: 5,
  remindDaysBefore: 3,
  todoWindowDays: 14,
  lookbackDays: 62,
};

// ── to-do centre ────────────────────────────────────────────────────────────────────────────────

export const TODO_KINDS = [
  'milestone_due',
  'report_due',
  'report_returned',
  'contribution_due',
  'report_to_review',
  'verification_pending',
  'extension_to_decide',
  'problem_open',
  'problem_to_confirm',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const TODO_KIND_LABELS: Record<TodoKind, Label> = {
  milestone_due: { zh: '改革节点到期', en: 'Reform milestone due' },
  report_due: { zh: '待报送进展', en: 'Progress report to submit' },
  report_returned: { zh: '退回待重报', en: 'Returned report to resubmit' },
  contribution_due: { zh: '待报配合进展', en: 'Co-unit contribution to submit' },
  report_to_review: { zh: '待审核报送', en: 'Report to review' },
  verification_pending: { zh: '待核验销号', en: 'Awaiting verification' },
  extension_to_decide: { zh: '延期/调整待审批', en: 'Extension or adjustment to decide' },
  problem_open: { zh: '待办问题', en: 'Problem to handle' },
  problem_to_confirm: { zh: '问题待确认销号', en: 'Problem awaiting closure confirmation' },
};
export const TodoItem = z.object({
  kind: z.enum(TODO_KINDS),
  kindLabel: label,
  entity: z.string(),
  entityId: z.string(),
  taskId: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  /** Days until due (negative when overdue); null without a due date. */
  daysLeft: z.number().int().nullable(),
  /** The web route to open. */
  link: z.string(),
});
export type TodoItem = z.infer<typeof TodoItem>;
export const TodoCounts = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** Menu badges. */
  reform: z.number().int(),
  problems: z.number().int(),
});
export type TodoCounts = z.infer<typeof TodoCounts>;
export const Todo = z.object({ items: z.array(TodoItem), counts: TodoCounts });
export type Todo = z.infer<typeof Todo>;
