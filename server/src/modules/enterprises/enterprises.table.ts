import type { Selectable } from 'kysely';

/**
 * The enterprise registry (PRODUCT.md C7). Keyed by 统一社会信用代码; money integer 元, valuations integer
 * USD, dates 'YYYY-MM-DD', booleans 0/1. Child rows repeat the enterprise's region_code (ledger convention).
 */
export type EnterpriseTable = {
  id: string;
  credit_code: string;
  name: string;
  /** Pinyin initials of the name, for search ("zjhd" finds 镇江华东…). */
  name_initials: string;
  region_code: string;
  /** GB/T 4754-2017 小类 (4 digits). */
  industry_code: string | null;
  size: string | null;
  ownership: string | null;
  soe: number;
  listed: number;
  founded_on: string | null;
  /** The unit that maintains the record: the data-scope owner. */
  owner_unit_id: string | null;
  /** The organisation unit this enterprise is (SOE groups of the organisation). */
  org_unit_id: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Name history: the current name has valid_to null; a rename closes it and opens the next. */
export type EnterpriseNameTable = {
  id: string;
  enterprise_id: string;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  created_at: string;
};

export type EnterpriseIndicatorTable = {
  enterprise_id: string;
  year: number;
  region_code: string;
  revenue: number | null;
  rd_expense: number | null;
  rd_expense_domestic: number | null;
  hitech_revenue: number | null;
  staff: number | null;
  st_staff: number | null;
  ip_class1: number | null;
  ip_class2: number | null;
  tax: number | null;
  output: number | null;
  land_mu: number | null;
  energy_tce: number | null;
  valuation_usd: number | null;
  latest_round: string | null;
  total_assets: number | null;
  liabilities: number | null;
  profit: number | null;
  net_profit: number | null;
  value_added: number | null;
  net_assets: number | null;
  operating_cash_flow: number | null;
  updated_by: string | null;
  version: number;
  updated_at: string;
};

export type EnterpriseQualificationTable = {
  id: string;
  enterprise_id: string;
  region_code: string;
  type: string;
  level: string;
  issuer: string | null;
  batch: string | null;
  cert_no: string | null;
  granted_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  /** As entered: active | expired | revoked | under_review ("expired" is also derived from valid_to on read). */
  status: string;
  /** First recognition of this type and level for the enterprise. */
  is_new: number;
  /** 1 when is_new was set by hand; else it is re-derived whenever the enterprise's records change. */
  is_new_manual: number;
  note: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type EligibilityRuleSetTable = {
  id: string;
  tier: string;
  name: string;
  issuer: string | null;
  doc_no: string | null;
  effective_from: string;
  effective_to: string | null;
  /** JSON, validated by the tier's schema in contracts (RULE_PARAM_SCHEMAS). */
  params: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/**
 * Stored evaluation: one row per enterprise, tier and fiscal year. `details` holds the figures the rule set
 * was applied to (JSON, compact: see encodeFigures); the explanation is re-rendered from them and the rule
 * set's frozen params.
 */
export type EnterpriseEligibilityTable = {
  enterprise_id: string;
  tier: string;
  year: number;
  rule_set_id: string;
  pass: number;
  /** 1 on the latest stored year of the enterprise and tier: "current eligibility" (views, list filter). */
  is_latest: number;
  details: string;
  computed_at: string;
};

/** 后备库: enterprises being cultivated towards a tier, with a mentor unit. */
export type EnterpriseCandidateTable = {
  id: string;
  enterprise_id: string;
  region_code: string;
  target_tier: string;
  mentor_unit_id: string | null;
  since: string;
  note: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type EnterprisesTables = {
  enterprises: EnterpriseTable;
  enterprise_names: EnterpriseNameTable;
  enterprise_indicators: EnterpriseIndicatorTable;
  enterprise_qualifications: EnterpriseQualificationTable;
  eligibility_rule_sets: EligibilityRuleSetTable;
  enterprise_eligibility: EnterpriseEligibilityTable;
  enterprise_candidates: EnterpriseCandidateTable;
};

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type IndicatorRow = Selectable<EnterpriseIndicatorTable>;
export type QualificationRow = Selectable<EnterpriseQualificationTable>;
export type RuleSetRow = Selectable<EligibilityRuleSetTable>;
export type CandidateRow = Selectable<EnterpriseCandidateTable>;
