import { z } from 'zod';
import { AbilitiesSchema, ListQuery, VersionField } from './common';

/**
 * Results (C10, 用效果来检验): indicators computed from the ledgers, targets, the leadership dashboard, rankings
 * (比学赶超), briefings (通报), the indicator period lock and the OC4IDS export. Shared by the server and the web.
 *
 * Conventions of this capability:
 * - `value` is in the indicator's display unit: amounts in 亿元 (stored as integer 元 — `amountYuan` carries the
 *   exact figure), counts in 个 / 家, durations in 天, rates in % (0–100, one decimal).
 * - `yoy` is the relative change over the same period of the previous year in % (one decimal), recomputed with
 *   the same rule; null when the previous value is null or 0. `change` is the absolute difference.
 * - Periods: 'YYYY' (year), 'YYYY-Qn' (quarter), 'YYYY-MM' (month), 'YYYY-01..MM' (cumulative 1–N月).
 */

type Label = { zh: string; en: string };
export const Bilingual = z.object({ zh: z.string(), en: z.string() });

/** 'YYYY' | 'YYYY-Qn' | 'YYYY-MM' | 'YYYY-01..MM'. */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-01\.\.(0[1-9]|1[0-2]))?$/;
export const Period = z.string().regex(PERIOD_PATTERN, 'YYYY | YYYY-Qn | YYYY-MM | YYYY-01..MM');
export const PERIOD_KINDS = ['year', 'quarter', 'month', 'cumulative'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, Label> = {
  year: { zh: '年度', en: 'Year' },
  quarter: { zh: '季度', en: 'Quarter' },
  month: { zh: '月度', en: 'Month' },
  cumulative: { zh: '1–N月累计', en: 'Year to date (Jan–N)' },
};
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const RegionCode = z.string().regex(/^\d{6}$/, 'GB/T 2260 code (6 digits)');

export const BREAKDOWNS = ['region', 'zone', 'unit', 'chain'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<Breakdown, Label> = {
  region: { zh: '按地区', en: 'By region' },
  zone: { zh: '按园区', en: 'By zone' },
  unit: { zh: '按责任单位', en: 'By responsible unit' },
  chain: { zh: '按产业链', en: 'By industrial chain' },
};

export const INDICATOR_KINDS = ['count', 'amount', 'mean', 'rate'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

const idRef = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
const code = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/);

// ── indicators ──────────────────────────────────────────────────────────────────────────────────

export const IndicatorDefinition = z.object({
  code: z.string(),
  name: z.string(),
  label: Bilingual,
  unit: z.string(),
  unitLabel: Bilingual,
  kind: z.enum(INDICATOR_KINDS),
  direction: z.enum(DIRECTIONS),
  periods: z.array(z.enum(PERIOD_KINDS)),
  breakdowns: z.array(z.enum(BREAKDOWNS)),
  /** The ledger the figure is computed from (the records endpoint lists these records). */
  source: z.string(),
  definition: Bilingual,
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/** Where a figure's records are listed: GET `endpoint` with `query`. */
export const Drill = z.object({ endpoint: z.string(), query: z.record(z.string(), z.string()) });
export type Drill = z.infer<typeof Drill>;

export const BreakdownRow = z.object({
  key: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  records: z.number().int(),
  drill: Drill,
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const TargetProgress = z.object({
  id: z.string(),
  value: z.number(),
  /** value ÷ target × 100, one decimal (for lower-is-better indicators, target ÷ value × 100). */
  progress: z.number().nullable(),
  met: z.boolean().nullable(),
});

export const IndicatorValue = z.object({
  code: z.string(),
  name: z.string(),
  label: Bilingual,
  unit: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  previousPeriod: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  yoy: z.number().nullable(),
  change: z.number().nullable(),
  /** Amount indicators: the exact sums in 元. */
  amountYuan: z.number().nullable().optional(),
  previousAmountYuan: z.number().nullable().optional(),
  records: z.number().int(),
  asOf: z.string(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  target: TargetProgress.nullable().optional(),
  /** A computed benchmark beside the value, e.g. 时序进度 for the investment completion rate. */
  benchmark: z.object({ label: Bilingual, value: z.number().nullable() }).nullable().optional(),
  breakdown: z.array(BreakdownRow).optional(),
  drill: Drill,
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const IndicatorQuery = z.object({
  period: Period,
  region: RegionCode.optional(),
  breakdown: z.enum(BREAKDOWNS).optional(),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;
export const IndicatorCodeParam = z.object({ code });

export const IndicatorValuesQuery = z.object({ period: Period, region: RegionCode.optional() });

/** Filters of the records behind a figure: the breakdown keys narrow it to one row of a breakdown. */
export const IndicatorRecordsQuery = ListQuery.omit({ sort: true }).extend({
  period: Period,
  region: RegionCode.optional(),
  zone: idRef.optional(),
  unit: idRef.optional(),
  chain: z.string().max(32).optional(),
  /** previous = the same period of the previous year. */
  which: z.enum(['current', 'previous']).default('current'),
});
export type IndicatorRecordsQuery = z.infer<typeof IndicatorRecordsQuery>;

export const IndicatorRecord = z.object({
  id: z.string(),
  entity: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  zoneId: z.string().nullable(),
  chainCode: z.string().nullable(),
  date: z.string().nullable(),
  /** The record's contribution: numerator and denominator of the aggregate (1/1 for a count). */
  num: z.number(),
  den: z.number(),
  /** Display facts of the record (amounts in 元, days, on-time flags …). */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Where the record itself opens in its ledger. */
  link: z.string(),
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

export const IndicatorRecordsPage = z.object({
  data: z.array(IndicatorRecord),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  code: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  locked: z.boolean(),
});

/** The CLI / listIndicatorValues row. */
export const IndicatorValueRow = z.object({
  code: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  previous: z.number().nullable(),
  yoy: z.number().nullable(),
  /** Per-record indicators only (signing_to_start_days): each record of the period with its own value. */
  records: z.array(z.object({ id: z.string(), name: z.string(), value: z.number() })).optional(),
});
export type IndicatorValueRow = z.infer<typeof IndicatorValueRow>;

// ── targets ─────────────────────────────────────────────────────────────────────────────────────

export const IndicatorTarget = z.object({
  id: z.string(),
  code: z.string(),
  year: z.number().int(),
  regionCode: z.string(),
  /** In the indicator's display unit (亿元 for amounts). */
  target: z.number(),
  note: z.string().nullable(),
  enteredBy: z.string().nullable(),
  enteredByName: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type IndicatorTarget = z.infer<typeof IndicatorTarget>;
export const IndicatorTargetCreate = z.object({
  code,
  year: z.number().int().min(2000).max(2100),
  regionCode: RegionCode,
  target: z.number().finite().min(0).max(1e12),
  note: z.string().trim().max(500).nullable().optional(),
});
export type IndicatorTargetCreate = z.infer<typeof IndicatorTargetCreate>;
export const IndicatorTargetUpdate = z.object({
  target: z.number().finite().min(0).max(1e12).optional(),
  note: z.string().trim().max(500).nullable().optional(),
  ...VersionField,
});
export type IndicatorTargetUpdate = z.infer<typeof IndicatorTargetUpdate>;
export const IndicatorTargetListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  code: code.optional(),
  region: RegionCode.optional(),
});

// ── period lock ─────────────────────────────────────────────────────────────────────────────────

export const PeriodLock = z.object({
  period: z.string(),
  regionCode: z.string(),
  lockedAt: z.string(),
  lockedBy: z.string().nullable(),
  lockedByName: z.string().nullable(),
  note: z.string().nullable(),
  /** The indicator periods frozen with the month (the month, 1–N月, and the quarter / year it closes). */
  periods: z.array(z.string()),
  snapshots: z.number().int(),
});
export type PeriodLock = z.infer<typeof PeriodLock>;
export const PeriodLockBody = z.object({ note: z.string().trim().max(500).nullable().optional() });
export const PeriodMonthParam = z.object({ period: Month });
export const PeriodParam = z.object({ period: Period });

export const ChangedRecord = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  /** The record's contribution then and now (null when absent). */
  then: z.number().nullable(),
  now: z.number().nullable(),
});
export type ChangedRecord = z.infer<typeof ChangedRecord>;
export const IndicatorChange = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  then: z.number().nullable(),
  now: z.number().nullable(),
  delta: z.number().nullable(),
  thenLocked: z.boolean(),
  nowLocked: z.boolean(),
  entered: z.array(ChangedRecord),
  left: z.array(ChangedRecord),
  changed: z.array(ChangedRecord),
});
export type IndicatorChange = z.infer<typeof IndicatorChange>;
export const PeriodChanges = z.object({
  period: z.string(),
  against: z.string().nullable(),
  regionCode: z.string().nullable(),
  indicators: z.array(IndicatorChange),
});
export type PeriodChanges = z.infer<typeof PeriodChanges>;
export const PeriodChangesQuery = z.object({
  /** 'previous' (the preceding month / quarter / 1–(N−1)月 / year) or an explicit period. */
  against: z.union([z.literal('previous'), Period]).default('previous'),
  region: RegionCode.optional(),
});

// ── dashboard ───────────────────────────────────────────────────────────────────────────────────

export const DashboardQuery = z.object({
  /** Absent: the year of the latest monthly progress report (this year at most), so the page opens on data. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: RegionCode.optional(),
});

export const DashboardCard = z.object({
  code: z.string(),
  name: z.string(),
  label: Bilingual,
  unit: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  yoy: z.number().nullable(),
  target: TargetProgress.nullable().optional(),
  locked: z.boolean(),
  drill: Drill,
});
export const SeriesItem = z.object({
  key: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  drill: Drill,
});
export type SeriesItem = z.infer<typeof SeriesItem>;
export const TrendPoint = z.object({
  month: z.string(),
  /** 1–N月 completed investment in 亿元 (null for months after the latest report / in the future). */
  actual: z.number().nullable(),
  /** 时序进度 target in 亿元. */
  target: z.number(),
  /** Completion rate and target rate in % of the annual plan. */
  actualRate: z.number().nullable(),
  targetRate: z.number().nullable(),
  drill: Drill,
});
export type TrendPoint = z.infer<typeof TrendPoint>;
export const OverdueProblem = z.object({
  id: z.string(),
  title: z.string(),
  regionCode: z.string(),
  ownerUnitName: z.string().nullable(),
  dueOn: z.string(),
  daysOverdue: z.number().int(),
  escalationLevel: z.number().int(),
  link: z.string(),
});
export const Dashboard = z.object({
  year: z.number().int(),
  period: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  asOf: z.string(),
  cards: z.array(DashboardCard),
  /** Projects currently in each stage band (value) and those that reached it or went further (reached). */
  funnel: z.array(SeriesItem.extend({ stage: z.number().int(), reached: z.number().int() })),
  investmentByRegion: z.array(SeriesItem.extend({ completed: z.number(), plan: z.number() })),
  trend: z.object({ plan: z.number(), points: z.array(TrendPoint) }),
  lights: z.array(SeriesItem),
  overdueProblems: z.object({ count: z.number().int(), top: z.array(OverdueProblem), drill: Drill }),
  enterprisesByTier: z.array(SeriesItem),
  reformByStatus: z.array(SeriesItem),
});
export type Dashboard = z.infer<typeof Dashboard>;

// ── rankings ────────────────────────────────────────────────────────────────────────────────────

export const NORMALISATIONS = ['min_max', 'z_score', 'ratio_to_best'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];
export const NORMALISATION_LABELS: Record<Normalisation, Label> = {
  min_max: { zh: '极差标准化（最小—最大值法）', en: 'Min–max' },
  z_score: { zh: 'Z 分数标准化', en: 'Z-score' },
  ratio_to_best: { zh: '与最优值之比', en: 'Ratio to the best' },
};
export const RANKING_SUBJECTS = ['region', 'zone'] as const;
export type RankingSubject = (typeof RANKING_SUBJECTS)[number];
export const RANKING_SUBJECT_LABELS: Record<RankingSubject, Label> = {
  region: { zh: '县（市、区）', en: 'Districts' },
  zone: { zh: '开发园区', en: 'Development zones' },
};
export const METHOD_STATUSES = ['draft', 'active', 'retired'] as const;

export const RankingIndicator = z.object({
  code,
  weight: z.number().positive().max(1000),
  /** Overrides the indicator's own direction (higher / lower is better). */
  direction: z.enum(DIRECTIONS).optional(),
});
export type RankingIndicator = z.infer<typeof RankingIndicator>;

export const RankingMethod = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  subject: z.enum(RANKING_SUBJECTS),
  periodKind: z.enum(PERIOD_KINDS),
  normalisation: z.enum(NORMALISATIONS),
  indicators: z.array(
    RankingIndicator.extend({ name: z.string(), unit: z.string(), direction: z.enum(DIRECTIONS) }),
  ),
  status: z.enum(METHOD_STATUSES),
  isDefault: z.boolean(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  description: z.string().nullable(),
  formula: Bilingual,
  version: z.number().int(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
  abilities: AbilitiesSchema,
});
export type RankingMethod = z.infer<typeof RankingMethod>;
const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const RankingMethodCreate = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).nullable().optional(),
  subject: z.enum(RANKING_SUBJECTS),
  periodKind: z.enum(PERIOD_KINDS),
  normalisation: z.enum(NORMALISATIONS),
  indicators: z.array(RankingIndicator).min(1).max(30),
  issuer: z.string().trim().max(100).nullable().optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
  effectiveFrom: DateString.nullable().optional(),
  effectiveTo: DateString.nullable().optional(),
  description: z.string().trim().max(2000).nullable().optional(),
});
export type RankingMethodCreate = z.infer<typeof RankingMethodCreate>;
export const RankingMethodUpdate = RankingMethodCreate.partial().extend(VersionField);
export type RankingMethodUpdate = z.infer<typeof RankingMethodUpdate>;
export const RankingMethodListQuery = z.object({
  status: z.enum(METHOD_STATUSES).optional(),
  subject: z.enum(RANKING_SUBJECTS).optional(),
});

export const RankingQuery = z.object({
  method: idRef.optional(),
  subject: z.enum(RANKING_SUBJECTS).optional(),
  period: Period,
});
export const RankingCell = z.object({
  code: z.string(),
  raw: z.number().nullable(),
  normalised: z.number().nullable(),
  points: z.number(),
  missing: z.boolean(),
  drill: Drill,
});
export type RankingCell = z.infer<typeof RankingCell>;
export const RankingRow = z.object({
  key: z.string(),
  name: z.string(),
  score: z.number(),
  rank: z.number().int(),
  cells: z.array(RankingCell),
});
export type RankingRow = z.infer<typeof RankingRow>;
export const RankingTable = z.object({
  period: z.string(),
  periodLabel: z.string(),
  method: RankingMethod,
  rows: z.array(RankingRow),
  locked: z.boolean(),
});
export type RankingTable = z.infer<typeof RankingTable>;

// ── briefings ───────────────────────────────────────────────────────────────────────────────────

export const BRIEFING_KINDS = ['monthly', 'dispatch'] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];
export const BRIEFING_KIND_LABELS: Record<BriefingKind, Label> = {
  monthly: { zh: '月度通报', en: 'Monthly briefing' },
  dispatch: { zh: '调度通报', en: 'Weekly dispatch briefing' },
};
export const BRIEFING_STATUSES = ['draft', 'issued'] as const;
/** A monthly briefing names a month; a dispatch briefing an ISO week 'YYYY-Www'. */
export const BriefingPeriod = z
  .string()
  .regex(/^\d{4}-((0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3]))$/, 'YYYY-MM | YYYY-Www');

export const BriefingFigure = z.object({
  ref: z.number().int(),
  code: z.string(),
  name: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  /** The figure as printed, e.g. '2300.0亿元' or '同比增长40.0%'. */
  text: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  records: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type BriefingFigure = z.infer<typeof BriefingFigure>;
export const BriefingTable = z.object({
  id: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  /** Record ids behind each row (same order), for the appendix. */
  rowRecords: z.array(z.array(z.string())),
  source: z.string(),
});
export type BriefingTable = z.infer<typeof BriefingTable>;
export const BriefingSection = z.object({
  heading: z.string(),
  paragraphs: z.array(z.string()),
  tables: z.array(z.string()),
});
export type BriefingSection = z.infer<typeof BriefingSection>;
export const BriefingContent = z.object({
  kind: z.enum(BRIEFING_KINDS),
  period: z.string(),
  periodLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  generatedAt: z.string(),
  addressee: z.string(),
  issuerName: z.string(),
  dateText: z.string(),
  sections: z.array(BriefingSection),
  tables: z.array(BriefingTable),
  figures: z.array(BriefingFigure),
  lockedPeriods: z.array(z.string()),
});
export type BriefingContent = z.infer<typeof BriefingContent>;

export const Briefing = z.object({
  id: z.string(),
  kind: z.enum(BRIEFING_KINDS),
  period: z.string(),
  regionCode: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  redHeader: z.boolean(),
  issuerName: z.string(),
  status: z.enum(BRIEFING_STATUSES),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  issuedBy: z.string().nullable(),
  issuedByName: z.string().nullable(),
  issuedAt: z.string().nullable(),
  docxSha256: z.string().nullable(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type Briefing = z.infer<typeof Briefing>;
export const BriefingDetail = Briefing.extend({ content: BriefingContent });
export type BriefingDetail = z.infer<typeof BriefingDetail>;

export const BriefingCreate = z.object({
  kind: z.enum(BRIEFING_KINDS),
  period: BriefingPeriod,
  region: RegionCode.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
  redHeader: z.boolean().optional(),
  /** 发文机关 (the red header's name and the signature). */
  issuerName: z.string().trim().min(1).max(100).optional(),
  /** 主送机关. */
  addressee: z.string().trim().max(300).optional(),
});
export type BriefingCreate = z.infer<typeof BriefingCreate>;
export const BriefingUpdate = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
  redHeader: z.boolean().optional(),
  issuerName: z.string().trim().min(1).max(100).optional(),
  addressee: z.string().trim().max(300).optional(),
  /** Recompute the figures from the ledgers (drafts only). */
  refresh: z.boolean().optional(),
  ...VersionField,
});
export type BriefingUpdate = z.infer<typeof BriefingUpdate>;
export const BriefingIssue = z.object({
  docNo: z.string().trim().min(1).max(100).optional(),
  ...VersionField,
});
export const BriefingListQuery = ListQuery.extend({
  kind: z.enum(BRIEFING_KINDS).optional(),
  status: z.enum(BRIEFING_STATUSES).optional(),
  period: z.string().max(10).optional(),
});

// ── OC4IDS ──────────────────────────────────────────────────────────────────────────────────────

export const Oc4idsQuery = z.object({
  region: RegionCode.optional(),
  /** Lowest stage (0–14) to publish; default 3 (签约): leads are confidential 招商信息. */
  stageFrom: z.coerce.number().int().min(0).max(14).optional(),
  category: z.string().max(24).optional(),
  signedFrom: DateString.optional(),
  signedTo: DateString.optional(),
  updatedSince: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
export type Oc4idsQuery = z.infer<typeof Oc4idsQuery>;
