import type { Selectable } from 'kysely';

/**
 * Tables of the results capability (C10): typed targets, the indicator period lock and its snapshots, ranking
 * methods, briefings. db/schema.ts merges `ResultsTables` into the database type. Indicator values themselves are
 * never stored except in a locked period's snapshot: they are computed from the ledgers.
 */

/** The only hand-entered figure of an indicator: its target for a year and region, in the display unit (亿元 for amounts). */
export type IndicatorTargetTable = {
  id: string;
  code: string;
  year: number;
  region_code: string;
  target: number;
  note: string | null;
  entered_by: string | null;
  entered_by_name: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

/** A locked month ('YYYY-MM'): its indicator values were frozen into indicator_snapshots. Never unlocked. */
export type PeriodLockTable = {
  period: string;
  region_code: string;
  /** JSON string[]: the indicator periods frozen with the month. */
  periods: string;
  snapshots: number;
  note: string | null;
  locked_by: string | null;
  locked_by_name: string | null;
  locked_at: string;
};

/**
 * One indicator's value for one period as frozen by a lock, with the records behind it (JSON of the
 * contributions: id, name, region, unit, zone, chain, num, den, detail) and the same for the previous year, so a
 * sub-region or a scoped reader re-aggregates the frozen records instead of the live ledgers.
 */
export type IndicatorSnapshotTable = {
  id: string;
  code: string;
  period: string;
  region_code: string;
  lock_period: string;
  value: number | null;
  previous: number | null;
  unit: string;
  records: string;
  previous_records: string;
  as_of: string;
  locked_at: string;
};

/** 比学赶超 ranking method: versioned like a rule set (an active method is never edited; a change is a new draft). */
export type RankingMethodTable = {
  id: string;
  name: string;
  name_en: string | null;
  subject: 'region' | 'zone';
  period_kind: 'year' | 'quarter' | 'month' | 'cumulative';
  normalisation: 'min_max' | 'z_score' | 'ratio_to_best';
  /** JSON RankingIndicator[]: { code, weight, direction? }. */
  indicators: string;
  status: 'draft' | 'active' | 'retired';
  /** 1 for the built-in default method a city reviews before relying on it. */
  is_default: number;
  issuer: string | null;
  doc_no: string | null;
  effective_from: string | null;
  effective_to: string | null;
  description: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  activated_by: string | null;
  activated_at: string | null;
};

/**
 * A generated briefing (通报). `content` is the JSON snapshot of every figure, table and the appendix; an issued
 * briefing never changes, and its .docx is kept content-addressed under DATA_DIR (sha256 here).
 */
export type BriefingTable = {
  id: string;
  kind: 'monthly' | 'dispatch';
  period: string;
  region_code: string;
  title: string;
  doc_no: string | null;
  red_header: number;
  issuer_name: string;
  addressee: string;
  status: 'draft' | 'issued';
  content: string;
  docx_sha256: string | null;
  docx_size: number | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  issued_by: string | null;
  issued_by_name: string | null;
  issued_at: string | null;
  version: number;
};

export type ResultsTables = {
  indicator_targets: IndicatorTargetTable;
  period_locks: PeriodLockTable;
  indicator_snapshots: IndicatorSnapshotTable;
  ranking_methods: RankingMethodTable;
  briefings: BriefingTable;
};

export type IndicatorTargetRow = Selectable<IndicatorTargetTable>;
export type PeriodLockRow = Selectable<PeriodLockTable>;
export type IndicatorSnapshotRow = Selectable<IndicatorSnapshotTable>;
export type RankingMethodRow = Selectable<RankingMethodTable>;
export type BriefingRow = Selectable<BriefingTable>;
