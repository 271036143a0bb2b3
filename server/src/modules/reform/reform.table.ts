import type { Selectable } from 'kysely';

/**
 * The reform task ledger (改革攻坚台账, domain.md §9). Every row carries region_code (the task's: by default its
 * lead unit's region). JSON columns are text; booleans 0/1; dates 'YYYY-MM-DD'; timestamps ISO strings.
 */

/** 改革领域 / 专项小组. */
export type ReformAreaTable = {
  id: string;
  code: string | null;
  name: string;
  sort: number;
  region_code: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/** 重点改革事项 within an area. */
export type ReformItemTable = {
  id: string;
  area_id: string;
  code: string | null;
  title: string;
  sort: number;
  region_code: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformTaskTable = {
  id: string;
  code: string | null;
  area_id: string;
  item_id: string | null;
  title: string;
  /** 改革举措. */
  measures: string | null;
  /** 任务来源: document number and/or meeting. */
  source_doc: string | null;
  source_meeting: string | null;
  /** 牵头市领导. */
  lead_leader: string | null;
  lead_unit_id: string;
  /** JSON [{ name, role, phone, unitId }] — 责任人 / 联络员. */
  contacts: string;
  outcome_form: string | null;
  outcome_note: string | null;
  start_on: string;
  /** 完成时限 (after approved extensions); original_due_on keeps the first one. */
  due_on: string;
  original_due_on: string | null;
  cadence: 'weekly' | 'monthly' | 'quarterly';
  /** 攻坚 item (weekly reporting by default). */
  is_key: number;
  is_first: number;
  is_replicated: number;
  /** Stored status; 'delayed' is computed on read. */
  status: 'not_started' | 'in_progress' | 'done_pending_verification' | 'closed' | 'adjusted';
  progress_pct: number;
  /** The latest 进展情况 / 存在问题 / 下步打算 (from the latest filed report, or the imported ledger). */
  progress_note: string | null;
  problems_note: string | null;
  next_steps_note: string | null;
  last_report_period: string | null;
  soe_credit_code: string | null;
  /** JSON string[]. */
  linked_project_ids: string;
  /** JSON string[] of 统一社会信用代码. */
  linked_enterprise_codes: string;
  /** When the lead unit declared the task done (cleared when the declaration is returned). */
  done_on: string | null;
  /** The report that declared the task done (undone when that report is returned). */
  completion_report_id: string | null;
  closed_at: string | null;
  closed_by: string | null;
  region_code: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformTaskUnitTable = { task_id: string; unit_id: string };

export type ReformMilestoneTable = {
  id: string;
  task_id: string;
  seq: number;
  title: string;
  deliverable: string | null;
  due_on: string;
  original_due_on: string | null;
  status: 'pending' | 'done_pending_verification' | 'closed';
  done_on: string | null;
  done_note: string | null;
  /** The report whose evidence supports the completion. */
  evidence_report_id: string | null;
  closed_at: string | null;
  closed_by: string | null;
  region_code: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformTargetTable = {
  id: string;
  task_id: string;
  seq: number;
  metric: string;
  baseline: number | null;
  target: number;
  unit: string;
  direction: 'increase' | 'decrease';
  actual: number | null;
  indicator_code: string | null;
  /** JSON object or null. */
  indicator_params: string | null;
  soe_kpi: string | null;
  region_code: string;
};

export type ReformReportTable = {
  id: string;
  task_id: string;
  period: string;
  period_kind: 'weekly' | 'monthly' | 'quarterly';
  due_on: string;
  status: 'draft' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';
  progress_pct: number | null;
  progress: string;
  outcomes: string | null;
  problems: string | null;
  next_steps: string | null;
  /** JSON BlockerInput[] of a draft; raised as problems on submission. */
  draft_blockers: string;
  /** JSON string[]: problem ids raised by this report. */
  blocker_ids: string;
  /** JSON string[]. */
  completed_milestone_ids: string;
  task_completed: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  submit_count: number;
  returned_at: string | null;
  returned_by: string | null;
  return_comment: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  region_code: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformContributionTable = {
  id: string;
  task_id: string;
  period: string;
  unit_id: string;
  status: 'draft' | 'submitted';
  content: string;
  outcomes: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  region_code: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformExtensionTable = {
  id: string;
  task_id: string;
  milestone_id: string | null;
  kind: 'extension' | 'adjustment';
  reason: string;
  change_note: string | null;
  current_due_on: string;
  requested_due_on: string | null;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  region_code: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/** 督察 findings: points deducted from a task (or, without a task, from a unit). */
export type ReformFindingTable = {
  id: string;
  task_id: string | null;
  unit_id: string;
  found_on: string;
  title: string;
  description: string | null;
  points: number;
  region_code: string;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformRuleSetTable = {
  id: string;
  name: string;
  issuer: string | null;
  doc_no: string | null;
  effective_from: string;
  effective_to: string | null;
  status: 'draft' | 'active' | 'retired';
  /** JSON ScoringParams. */
  params: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ReformPeriodLockTable = {
  period: string;
  status: 'locked' | 'unlocked';
  locked_at: string;
  locked_by: string | null;
  locked_by_name: string | null;
  note: string | null;
  unlocked_at: string | null;
  unlocked_by: string | null;
  unlock_reason: string | null;
  report_count: number;
  snapshot: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/** The task's timeline: status changes, submissions, returns, verifications, decisions (with comments). */
export type ReformEventTable = {
  id: string;
  task_id: string;
  entity: string;
  entity_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  comment: string | null;
  payload: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
};

export type ReformSettingTable = { key: string; value: string; updated_at: string };

export type ReformTables = {
  reform_areas: ReformAreaTable;
  reform_items: ReformItemTable;
  reform_tasks: ReformTaskTable;
  reform_task_units: ReformTaskUnitTable;
  reform_milestones: ReformMilestoneTable;
  reform_targets: ReformTargetTable;
  reform_reports: ReformReportTable;
  reform_contributions: ReformContributionTable;
  reform_extensions: ReformExtensionTable;
  reform_findings: ReformFindingTable;
  reform_rule_sets: ReformRuleSetTable;
  reform_period_locks: ReformPeriodLockTable;
  reform_events: ReformEventTable;
  reform_settings: ReformSettingTable;
};

export type TaskRow = Selectable<ReformTaskTable>;
export type MilestoneRow = Selectable<ReformMilestoneTable>;
export type TargetRow = Selectable<ReformTargetTable>;
export type ReportRow = Selectable<ReformReportTable>;
export type ContributionRow = Selectable<ReformContributionTable>;
export type ExtensionRow = Selectable<ReformExtensionTable>;
export type FindingRow = Selectable<ReformFindingTable>;
export type RuleSetRow = Selectable<ReformRuleSetTable>;
export type PeriodLockRow = Selectable<ReformPeriodLockTable>;
export type EventRow = Selectable<ReformEventTable>;
