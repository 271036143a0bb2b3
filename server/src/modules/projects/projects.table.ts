import type { Selectable } from 'kysely';

/**
 * The major-project ledger (domain.md §1.3). Money is integer 元; land in 亩 (decimal); dates 'YYYY-MM-DD'.
 * Each milestone of projects.milestones.ts has `planned_<key>_on` and `actual_<key>_on`.
 */
export type ProjectTable = {
  id: string;
  /** Where the project is located (GB/T 2260, county level or a functional zone such as 321171). */
  region_code: string;
  internal_id: string;
  name: string;
  /** Pinyin initials of the name, for search ("hqzr" finds 哈汽重燃). */
  name_initials: string;
  /** Lower-case keyword haystack: name, both project codes, internal id, pinyin initials (one LIKE for `q`). */
  search_text: string;
  project_code: string | null;
  legacy_project_code: string | null;
  level: string;
  category: string;
  construction_nature: string | null;
  foreign_invested: number;
  investor_name: string | null;
  investor_credit_code: string | null;
  company_name: string | null;
  company_credit_code: string | null;
  attracted_by_unit_id: string | null;
  first_contact_unit_id: string | null;
  /** The owner unit for data scope. */
  responsible_unit_id: string;
  zone_unit_id: string | null;
  park_name: string | null;
  linked_leader: string | null;
  task_force_id: string | null;
  industry_code: string | null;
  chain_code: string | null;
  agreed_investment: number | null;
  filed_investment: number | null;
  fixed_asset_investment: number | null;
  foreign_amount_usd: number | null;
  fx_rate: number | null;
  registered_capital: number | null;
  land_area_mu: number | null;
  floor_area_m2: number | null;
  expected_output: number | null;
  expected_tax: number | null;
  expected_jobs: number | null;
  /** 租赁厂房: the construction permit does not wait for land supply. */
  leased_plant: number;
  /** new | upgrade | capital_increase | investor_change | re_sign — how the signing counts (不重复统计). */
  signing_kind: string;
  /** The earlier signing an upgrade / capital increase / repeated signing refers to. */
  predecessor_project_id: string | null;
  planned_lead_registered_on: string | null;
  actual_lead_registered_on: string | null;
  planned_assessed_on: string | null;
  actual_assessed_on: string | null;
  planned_negotiation_on: string | null;
  actual_negotiation_on: string | null;
  planned_signed_on: string | null;
  actual_signed_on: string | null;
  planned_registered_on: string | null;
  actual_registered_on: string | null;
  planned_filed_on: string | null;
  actual_filed_on: string | null;
  planned_land_supplied_on: string | null;
  actual_land_supplied_on: string | null;
  planned_permitted_on: string | null;
  actual_permitted_on: string | null;
  planned_started_on: string | null;
  actual_started_on: string | null;
  planned_stats_enrolled_on: string | null;
  actual_stats_enrolled_on: string | null;
  planned_under_construction_on: string | null;
  actual_under_construction_on: string | null;
  planned_completed_on: string | null;
  actual_completed_on: string | null;
  planned_in_operation_on: string | null;
  actual_in_operation_on: string | null;
  planned_full_capacity_on: string | null;
  actual_full_capacity_on: string | null;
  planned_evaluated_on: string | null;
  actual_evaluated_on: string | null;
  /** Furthest milestone reached (0–14), kept in step with the actual dates. */
  stage: number;
  terminated: number;
  terminated_reason: string | null;
  /** The user who recorded the flag. */
  terminated_by: string | null;
  /** Who approved it, as written on the approval (name, title). */
  terminated_approver: string | null;
  terminated_on: string | null;
  suspended: number;
  suspended_reason: string | null;
  suspended_by: string | null;
  suspended_approver: string | null;
  suspended_on: string | null;
  /** Current traffic light, maintained by the lights module: green | yellow | red | null (not assessed). */
  light: string | null;
  light_since: string | null;
  /** Latest 形象进度 (percentage and text), kept in step with the latest monthly report. */
  physical_progress_pct: number | null;
  physical_progress_text: string | null;
  description: string | null;
  next_steps: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Co-units (配合单位): a department sees the projects it leads or co-leads. */
export type ProjectUnitTable = { project_id: string; unit_id: string; role: string };

/** Monthly progress (one row per project and month; 'YYYY-MM'). Cumulative figures as reported, not derived. */
export type ProjectMonthlyTable = {
  id: string;
  project_id: string;
  region_code: string;
  month: string;
  month_investment: number;
  ytd_investment: number;
  cumulative_investment: number;
  physical_progress_pct: number | null;
  physical_progress_text: string | null;
  /** Reported together with the previous month (1–2月). */
  combined_with_previous: number;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Annual plan investment and its time-sequenced target curve (12 cumulative fractions; null = linear). */
export type ProjectAnnualPlanTable = {
  project_id: string;
  year: number;
  plan_investment: number;
  curve: string | null;
  version: number;
  updated_at: string;
};

/** Evidence rules: which document types a milestone needs (any of the groups; all types within a group). */
export type EvidenceRuleTable = {
  id: string;
  milestone: string;
  /** JSON string[][]: [['investment_agreement']] or [['construction_permit'], ['start_report', 'site_photo']]. */
  requirements: string;
  /** Permission needed to confirm the milestone. */
  confirm_permission: string;
  active: number;
  version: number;
  updated_at: string;
};

/** Who confirmed a milestone, on which evidence. */
export type MilestoneConfirmationTable = {
  id: string;
  project_id: string;
  milestone: string;
  actual_on: string;
  attachment_ids: string;
  note: string | null;
  /** evidence (the evidence rule was met) | import (historic date imported by a rule-set manager) | demo. */
  source: string;
  confirmed_by: string;
  confirmed_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
};

/** GB/T 4754-2017 小类 (4 digits) with the section letter; 大类/中类 are the first 2/3 digits. */
export type IndustryCodeTable = { code: string; name: string; section: string; level: number };

/** Configurable industrial chains (产业链). */
export type ChainTable = { code: string; name: string; sort: number; active: number };

export type SavedViewTable = {
  id: string;
  user_id: string;
  ledger: string;
  name: string;
  query: string;
  created_at: string;
};

export type ProjectsTables = {
  projects: ProjectTable;
  project_units: ProjectUnitTable;
  project_monthly: ProjectMonthlyTable;
  project_annual_plans: ProjectAnnualPlanTable;
  evidence_rules: EvidenceRuleTable;
  milestone_confirmations: MilestoneConfirmationTable;
  industry_codes: IndustryCodeTable;
  chains: ChainTable;
  saved_views: SavedViewTable;
};

export type ProjectRow = Selectable<ProjectTable>;
export type ProjectMonthlyRow = Selectable<ProjectMonthlyTable>;
export type ProjectAnnualPlanRow = Selectable<ProjectAnnualPlanTable>;
export type EvidenceRuleRow = Selectable<EvidenceRuleTable>;
export type MilestoneConfirmationRow = Selectable<MilestoneConfirmationTable>;
