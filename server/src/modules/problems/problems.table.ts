import type { Selectable } from 'kysely';

/**
 * 问题清单: one problem (协调事项) on any registered record (`entity` + `entity_id`: a project, a reform
 * task, a dispatch meeting …). Scope: region, owner unit, co-units, raiser — and whoever can read the parent.
 */
export type ProblemTable = {
  id: string;
  entity: string;
  entity_id: string;
  region_code: string;
  category: string;
  title: string;
  description: string | null;
  raised_by: string | null;
  raised_by_unit_id: string | null;
  raised_at: string;
  raised_in_meeting_id: string | null;
  /** 承办单位; null while 待交办. */
  owner_unit_id: string | null;
  lead_leader: string | null;
  due_on: string | null;
  escalation_level: number;
  /** When the level last changed (the auto-escalation clock restarts from here). */
  escalated_at: string | null;
  status: 'pending' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'returned' | 'on_hold';
  /** The status a problem on hold resumes to. */
  held_from: string | null;
  resolved_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Co-units (配合单位). */
export type ProblemUnitTable = { problem_id: string; unit_id: string };

/** Everything that happened to a problem: status changes, replies (with attachment ids), escalations, reminders. */
export type ProblemEventTable = {
  id: string;
  problem_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  from_level: number | null;
  to_level: number | null;
  note: string | null;
  /** JSON string[] of attachment ids (entity 'problem'). */
  attachment_ids: string;
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  at: string;
  payload: string | null;
};

/** The configurable category list (用地/规划/环评/…). */
export type ProblemCategoryTable = {
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
};

/** The configurable escalation ladder (default: 责任单位 → 县区/部门分管领导 → 市领导专题协调 → 市主要领导督办). */
export type EscalationLevelTable = {
  level: number;
  name_zh: string;
  name_en: string;
  /** At this level, escalate automatically once overdue this many days; null = never. */
  auto_after_days: number | null;
};

/** Small key/value settings of the coordination capability (e.g. remind_days_before). */
export type CoordinationSettingTable = { key: string; value: string; updated_at: string };

export type ProblemsTables = {
  problems: ProblemTable;
  problem_units: ProblemUnitTable;
  problem_events: ProblemEventTable;
  problem_categories: ProblemCategoryTable;
  escalation_levels: EscalationLevelTable;
  coordination_settings: CoordinationSettingTable;
};

export type ProblemRow = Selectable<ProblemTable>;
export type ProblemEventRow = Selectable<ProblemEventTable>;
