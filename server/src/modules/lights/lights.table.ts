import type { Selectable } from 'kysely';

/**
 * A versioned, effective-dated rule set (domain.md §11.1). `params` is the JSON of RuleSetParams
 * (contracts/schemas/lights.ts). An active set is never edited: a change is a new draft, activated in turn,
 * so (id, version) always names the exact rules a light was computed with.
 */
export type LightRuleSetTable = {
  id: string;
  name: string;
  issuer: string | null;
  doc_no: string | null;
  effective_from: string | null;
  effective_to: string | null;
  params: string;
  status: 'draft' | 'active' | 'retired';
  /** 1 for the built-in default (thresholds from other cities), which a city reviews before relying on it. */
  is_default: number;
  notes: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  activated_by: string | null;
  activated_at: string | null;
};

/**
 * One row each time a project's light changes colour or a different set of rules fires (never hourly
 * repeats). `fired` is the JSON of FiredRule[] with the figures they were evaluated on.
 */
export type LightHistoryTable = {
  id: string;
  project_id: string;
  region_code: string;
  color: string | null;
  previous_color: string | null;
  /** What the rules said (the override, when one is in force, decides `color`). */
  computed_color: string | null;
  rule_set_id: string | null;
  rule_set_version: number | null;
  fired: string;
  /** Signature of the fired set (rule set, rule ids and colours, override) to detect a change cheaply. */
  fired_key: string;
  computed_at: string;
  as_of: string;
  as_of_month: string | null;
  reason: 'change' | 'schedule' | 'override' | 'rule_set' | 'manual';
  override_id: string | null;
  actor_id: string | null;
};

/** 正当理由 ("valid reason") override: requested by one person, approved by another with light:override. */
export type LightOverrideTable = {
  id: string;
  project_id: string;
  region_code: string;
  color: string;
  reason: string;
  until: string | null;
  attachment_ids: string;
  status: 'pending' | 'approved' | 'rejected' | 'revoked' | 'expired';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  version: number;
  updated_at: string;
};

export type LightsTables = {
  light_rule_sets: LightRuleSetTable;
  light_history: LightHistoryTable;
  light_overrides: LightOverrideTable;
};

export type LightRuleSetRow = Selectable<LightRuleSetTable>;
export type LightHistoryRow = Selectable<LightHistoryTable>;
export type LightOverrideRow = Selectable<LightOverrideTable>;
