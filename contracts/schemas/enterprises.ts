import { z } from 'zod';
import { AbilitiesSchema, ListQuery, VersionField } from './common';

/**
 * The enterprise registry and its cultivation tiers (PRODUCT.md C7, domain.md §3, §7, §9.5).
 * Keys in code are English; every label exists in zh-CN and en. Money is integer 元, valuations integer USD.
 */

type Label = { zh: string; en: string };

export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export const ENTERPRISE_SIZE_LABELS: Record<EnterpriseSize, Label> = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
};

export const OWNERSHIPS = ['state', 'private', 'foreign', 'hmt'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, Label> = {
  state: { zh: '国有', en: 'State-owned' },
  private: { zh: '民营', en: 'Private' },
  foreign: { zh: '外资', en: 'Foreign-invested' },
  hmt: { zh: '港澳台', en: 'Hong Kong, Macao, Taiwan' },
};

/** Honours an enterprise can hold, each an independent record with its own level and validity (domain.md §7.1). */
export const QUALIFICATION_TYPES = [
  'tech_sme',
  'innovative_sme',
  'specialized_sme',
  'little_giant',
  'hitech',
  'gazelle',
  'potential_unicorn',
  'unicorn',
] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];
export const QUALIFICATION_TYPE_LABELS: Record<QualificationType, Label> = {
  tech_sme: { zh: '科技型中小企业', en: 'Technology-based SME' },
  innovative_sme: { zh: '创新型中小企业', en: 'Innovative SME' },
  specialized_sme: { zh: '专精特新中小企业', en: 'Specialised and sophisticated SME' },
  little_giant: { zh: '专精特新“小巨人”', en: '“Little giant” (national specialised SME)' },
  hitech: { zh: '高新技术企业', en: 'High-tech enterprise' },
  gazelle: { zh: '瞪羚企业', en: 'Gazelle' },
  potential_unicorn: { zh: '潜在独角兽', en: 'Potential unicorn' },
  unicorn: { zh: '独角兽', en: 'Unicorn' },
};

export const QUALIFICATION_LEVELS = ['national', 'provincial', 'municipal'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];
export const QUALIFICATION_LEVEL_LABELS: Record<QualificationLevel, Label> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
};
/** Higher is wider: a `minLevel` of provincial takes provincial and national. */
export const LEVEL_RANK: Record<QualificationLevel, number> = { municipal: 1, provincial: 2, national: 3 };

export const QUALIFICATION_STATUSES = ['active', 'expired', 'revoked', 'under_review'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];
export const QUALIFICATION_STATUS_LABELS: Record<QualificationStatus, Label> = {
  active: { zh: '有效', en: 'Active' },
  expired: { zh: '已过期', en: 'Expired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  under_review: { zh: '审核中', en: 'Under review' },
};

/**
 * What the counts can be asked for: a qualification type, or `specialized` — the 专精特新 family
 * (specialized_sme and little_giant), where an enterprise newly recognised at both counts once.
 */
export const COUNT_TIERS = [...QUALIFICATION_TYPES, 'specialized'] as const;
export type CountTier = (typeof COUNT_TIERS)[number];
export const COUNT_TIER_LABELS: Record<CountTier, Label> = {
  ...QUALIFICATION_TYPE_LABELS,
  specialized: { zh: '专精特新（含“小巨人”）', en: 'Specialised SMEs incl. little giants' },
};

/** Tiers with machine-checkable recognition criteria (versioned rule sets). 创新型中小企业 needs data the ledger does not hold. */
export const ELIGIBILITY_TIERS = [
  'hitech',
  'tech_sme',
  'specialized_sme',
  'little_giant',
  'gazelle',
  'potential_unicorn',
  'unicorn',
] as const;
export type EligibilityTier = (typeof ELIGIBILITY_TIERS)[number];

export const RULE_SET_STATUSES = ['draft', 'active', 'retired'] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

/** Yearly indicators, with their unit: 元 for money, USD for valuations. */
export const INDICATOR_FIELDS = {
  revenue: { zh: '营业收入', en: 'Revenue', unit: 'yuan' },
  rdExpense: { zh: '研发费用', en: 'R&D expense', unit: 'yuan' },
  rdExpenseDomestic: { zh: '境内研发费用', en: 'R&D expense in China', unit: 'yuan' },
  hitechRevenue: { zh: '高新技术产品（服务）收入', en: 'High-tech product revenue', unit: 'yuan' },
  staff: { zh: '职工总数', en: 'Employees', unit: 'persons' },
  stStaff: { zh: '科技人员数', en: 'S&T staff', unit: 'persons' },
  ipClass1: { zh: 'Ⅰ类知识产权', en: 'Class I IP', unit: 'items' },
  ipClass2: { zh: 'Ⅱ类知识产权', en: 'Class II IP', unit: 'items' },
  tax: { zh: '纳税总额', en: 'Tax paid', unit: 'yuan' },
  output: { zh: '工业总产值', en: 'Gross output', unit: 'yuan' },
  landMu: { zh: '用地面积（亩）', en: 'Land (mu)', unit: 'mu' },
  energyTce: { zh: '综合能耗（吨标煤）', en: 'Energy use (tce)', unit: 'tce' },
  valuationUsd: { zh: '最新估值（美元）', en: 'Latest valuation (USD)', unit: 'usd' },
  latestRound: { zh: '最新融资轮次', en: 'Latest funding round', unit: 'text' },
  totalAssets: { zh: '资产总额', en: 'Total assets', unit: 'yuan' },
  liabilities: { zh: '负债总额', en: 'Total liabilities', unit: 'yuan' },
  profit: { zh: '利润总额', en: 'Total profit', unit: 'yuan' },
  netProfit: { zh: '净利润', en: 'Net profit', unit: 'yuan' },
  valueAdded: { zh: '劳动生产总值（增加值）', en: 'Value added', unit: 'yuan' },
  netAssets: { zh: '净资产', en: 'Net assets', unit: 'yuan' },
  operatingCashFlow: { zh: '经营活动现金流量净额', en: 'Operating cash flow', unit: 'yuan' },
} as const satisfies Record<string, Label & { unit: string }>;
export type IndicatorKey = keyof typeof INDICATOR_FIELDS;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const yearField = z.coerce.number().int().min(1949).max(2100);
const money = z.number().int().min(-1e15).max(1e15);
const count = z.number().int().min(0).max(1e9);
const bool = z.enum(['true', 'false']);
const labelSchema = z.object({ zh: z.string(), en: z.string() });

export const Warning = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type Warning = z.infer<typeof Warning>;

// ── registry ────────────────────────────────────────────────────────────────────────────────────

export const EnterpriseName = z.object({
  name: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});

export const QualificationBadge = z.object({
  id: z.string(),
  type: z.enum(QUALIFICATION_TYPES),
  level: z.enum(QUALIFICATION_LEVELS),
  validTo: z.string().nullable(),
});

export const Enterprise = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  nameInitials: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  size: z.enum(ENTERPRISE_SIZES).nullable(),
  ownership: z.enum(OWNERSHIPS).nullable(),
  soe: z.boolean(),
  listed: z.boolean(),
  foundedOn: z.string().nullable(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  /** The organisation unit this enterprise is (an SOE group that is also a unit of the demo organisation). */
  orgUnitId: z.string().nullable(),
  /** Qualifications in force today. */
  qualifications: z.array(QualificationBadge),
  /** Former and current names, newest first (detail only). */
  names: z.array(EnterpriseName).optional(),
  /** Soft problems, e.g. the position-17 organisation-code check. */
  warnings: z.array(Warning),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Enterprise = z.infer<typeof Enterprise>;

export const EnterpriseListQuery = ListQuery.extend({
  /** A region and everything under it (321100 = the whole city). */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** GB/T 4754 prefix: a section letter ('C'), 大类 ('27'), 中类 ('276') or 小类 ('2761'). */
  industryCode: z
    .string()
    .regex(/^[A-Z]?\d{0,4}$/)
    .optional(),
  size: z.enum(ENTERPRISE_SIZES).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  soe: bool.optional(),
  listed: bool.optional(),
  ownerUnitId: z.string().max(64).optional(),
  /** The enterprise that is this organisation unit (SOE groups). */
  orgUnitId: z.string().max(64).optional(),
  /** Holds a qualification of this type in force today (optionally at this level or above). */
  qualification: z.enum(QUALIFICATION_TYPES).optional(),
  minLevel: z.enum(QUALIFICATION_LEVELS).optional(),
  /** Currently meets the stored eligibility of this tier. */
  eligibleFor: z.enum(ELIGIBILITY_TIERS).optional(),
  foundedFrom: date.optional(),
  foundedTo: date.optional(),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuery>;
export const ENTERPRISE_SORTS = ['name', 'creditCode', 'foundedOn', 'updatedAt', 'createdAt'] as const;

const enterpriseFields = {
  /** Validated with checkCreditCode (GB 32100); full-width and lower-case input is normalised. */
  creditCode: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(200),
  /** GB/T 2260; defaults to the code's characters 3–8 when those name a region of this city. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** GB/T 4754-2017 小类, 4 digits (a leading section letter is accepted and dropped). */
  industryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]?\d{4}$/)
    .nullable()
    .optional(),
  size: z.enum(ENTERPRISE_SIZES).nullable().optional(),
  ownership: z.enum(OWNERSHIPS).nullable().optional(),
  soe: z.boolean().optional(),
  listed: z.boolean().optional(),
  foundedOn: date.nullable().optional(),
  /** The unit that maintains the record (data scope); defaults to the caller's unit. */
  ownerUnitId: z.string().max(64).nullable().optional(),
  orgUnitId: z.string().max(64).nullable().optional(),
};
export const EnterpriseCreate = z.object(enterpriseFields);
export type EnterpriseCreate = z.infer<typeof EnterpriseCreate>;
export const EnterpriseUpdate = z
  .object({
    ...enterpriseFields,
    /** When a new name takes effect (default today); the old name is kept in the history. */
    renamedOn: date.optional(),
    ...VersionField,
  })
  .partial()
  .required({ version: true });
export type EnterpriseUpdate = z.infer<typeof EnterpriseUpdate>;

/** A write answer: the record plus soft warnings. */
export const EnterpriseSaved = z.object({ data: Enterprise, warnings: z.array(Warning) });

// ── yearly indicators ───────────────────────────────────────────────────────────────────────────

const indicatorValueFields = {
  revenue: money.nullable(),
  rdExpense: money.nullable(),
  rdExpenseDomestic: money.nullable(),
  hitechRevenue: money.nullable(),
  staff: count.nullable(),
  stStaff: count.nullable(),
  ipClass1: count.nullable(),
  ipClass2: count.nullable(),
  tax: money.nullable(),
  output: money.nullable(),
  landMu: z.number().min(0).max(1e8).nullable(),
  energyTce: z.number().min(0).max(1e10).nullable(),
  valuationUsd: money.nullable(),
  latestRound: z.string().trim().max(32).nullable(),
  totalAssets: money.nullable(),
  liabilities: money.nullable(),
  profit: money.nullable(),
  netProfit: money.nullable(),
  valueAdded: money.nullable(),
  netAssets: money.nullable(),
  operatingCashFlow: money.nullable(),
};
export const Indicators = z.object({
  year: z.number().int(),
  ...indicatorValueFields,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Indicators = z.infer<typeof Indicators>;
/** PUT body: the fields given are set (null clears); send `version` when the year already exists. */
export const IndicatorsUpsert = z
  .object({ ...indicatorValueFields, version: z.number().int().min(1) })
  .partial();
export type IndicatorsUpsert = z.infer<typeof IndicatorsUpsert>;
export const YearParam = z.object({ id: z.string().min(1).max(64), year: yearField });

// ── qualifications ──────────────────────────────────────────────────────────────────────────────

export const Qualification = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  type: z.enum(QUALIFICATION_TYPES),
  level: z.enum(QUALIFICATION_LEVELS),
  issuer: z.string().nullable(),
  batch: z.string().nullable(),
  certNo: z.string().nullable(),
  grantedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** As stored (what was entered). */
  recordedStatus: z.enum(QUALIFICATION_STATUSES),
  /** As of today: an active record whose validTo has passed reads `expired`. */
  status: z.enum(QUALIFICATION_STATUSES),
  /** First recognition of this type and level for the enterprise (not a 复审 / re-listing). */
  isNew: z.boolean(),
  /** Whether isNew was set by hand (else derived from the enterprise's earlier records). */
  isNewManual: z.boolean(),
  note: z.string().nullable(),
  evidenceCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Qualification = z.infer<typeof Qualification>;

const qualificationFields = {
  type: z.enum(QUALIFICATION_TYPES),
  level: z.enum(QUALIFICATION_LEVELS),
  issuer: z.string().trim().max(200).nullable().optional(),
  batch: z.string().trim().max(64).nullable().optional(),
  certNo: z.string().trim().max(64).nullable().optional(),
  grantedOn: date.nullable().optional(),
  /** Defaults to grantedOn. */
  validFrom: date.nullable().optional(),
  /** Defaults to validFrom + the type's validity (高企 3 years) − 1 day; see QUALIFICATION_VALIDITY. */
  validTo: date.nullable().optional(),
  status: z.enum(QUALIFICATION_STATUSES).optional(),
  /** Leave out to derive it: true when the enterprise has no earlier record of this type and level. */
  isNew: z.boolean().nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
};
export const QualificationCreate = z.object(qualificationFields);
export type QualificationCreate = z.infer<typeof QualificationCreate>;
export const QualificationUpdate = z
  .object({ ...qualificationFields, ...VersionField })
  .partial()
  .required({ version: true });
export type QualificationUpdate = z.infer<typeof QualificationUpdate>;

export const QualificationListQuery = ListQuery.extend({
  enterpriseId: z.string().max(64).optional(),
  type: z.enum(QUALIFICATION_TYPES).optional(),
  level: z.enum(QUALIFICATION_LEVELS).optional(),
  minLevel: z.enum(QUALIFICATION_LEVELS).optional(),
  /** Status as of today (derived). */
  status: z.enum(QUALIFICATION_STATUSES).optional(),
  grantedYear: yearField.optional(),
  isNew: bool.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  validToFrom: date.optional(),
  validToTo: date.optional(),
});
export const QUALIFICATION_SORTS = ['grantedOn', 'validTo', 'enterpriseName', 'type', 'createdAt'] as const;

// ── eligibility ─────────────────────────────────────────────────────────────────────────────────

export const Figure = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const EligibilityCriterion = z.object({
  id: z.string(),
  label: labelSchema,
  /** required: must pass; alternative: at least one alternative of the rule set must pass. */
  role: z.enum(['required', 'alternative']),
  pass: z.boolean(),
  /** A figure the criterion needs is not in the ledger. */
  missing: z.boolean(),
  /** The values used, as computed (ratios as decimals, money in 元). */
  figures: z.record(z.string(), Figure),
  /** The thresholds of the rule set that applied. */
  thresholds: z.record(z.string(), Figure),
  message: labelSchema,
});
export type EligibilityCriterion = z.infer<typeof EligibilityCriterion>;

export const EligibilityResult = z.object({
  tier: z.enum(ELIGIBILITY_TIERS),
  ruleSetId: z.string(),
  ruleSetName: z.string(),
  docNo: z.string().nullable(),
  /** The fiscal year whose figures were used (the latest of a multi-year window). */
  year: z.number().int(),
  pass: z.boolean(),
  criteria: z.array(EligibilityCriterion),
  /** Conditions the ledger cannot check (核心知识产权的支撑关系, 无重大违法 …): to verify by hand. */
  manualChecks: z.array(labelSchema),
  computedAt: z.string().nullable(),
  /** The rule set changed after this result was computed: run the recompute. */
  stale: z.boolean(),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

export const EligibilityQuery = z.object({
  year: yearField.optional(),
  tier: z.enum(ELIGIBILITY_TIERS).optional(),
});

export const RuleSet = z.object({
  id: z.string(),
  tier: z.enum(ELIGIBILITY_TIERS),
  name: z.string(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(RULE_SET_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type RuleSet = z.infer<typeof RuleSet>;
export const RuleSetCreate = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{3,64}$/)
    .optional(),
  tier: z.enum(ELIGIBILITY_TIERS),
  name: z.string().trim().min(1).max(200),
  issuer: z.string().trim().max(200).nullable().optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
  effectiveFrom: date,
  effectiveTo: date.nullable().optional(),
  /** Validated against the tier's parameter schema (RULE_PARAM_SCHEMAS). */
  params: z.record(z.string(), z.unknown()),
  status: z.enum(RULE_SET_STATUSES).optional(),
});
export type RuleSetCreate = z.infer<typeof RuleSetCreate>;
/** Params may change only while a rule set is a draft: results keep naming the rule set they were computed with. */
export const RuleSetUpdate = RuleSetCreate.omit({ id: true, tier: true }).partial().extend(VersionField);
export type RuleSetUpdate = z.infer<typeof RuleSetUpdate>;
export const RuleSetListQuery = z.object({
  tier: z.enum(ELIGIBILITY_TIERS).optional(),
  status: z.enum(RULE_SET_STATUSES).optional(),
});

export const RecomputeBody = z.object({
  /** Fiscal year to evaluate; absent = each enterprise's latest year with indicators. */
  year: yearField.optional(),
  tiers: z.array(z.enum(ELIGIBILITY_TIERS)).min(1).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type RecomputeBody = z.infer<typeof RecomputeBody>;
export const RecomputeResult = z.object({
  enterprises: z.number().int(),
  results: z.number().int(),
  passed: z.record(z.string(), z.number().int()),
  durationMs: z.number(),
});
export type RecomputeResult = z.infer<typeof RecomputeResult>;

// ── rule-set parameters per tier (the web renders forms from these; the server validates with them) ──

const ratio = z.number().min(0).max(10);
const yuan = z.number().int().min(0);
const manualNote = z.array(labelSchema);

export const HitechParams = z.object({
  minYearsRegistered: z.number().min(0),
  rdWindowYears: z.number().int().min(1).max(5),
  /** Bands by the latest year's revenue; maxRevenue inclusive, null = no upper bound. */
  rdBands: z.array(z.object({ maxRevenue: yuan.nullable(), minRatio: ratio })).min(1),
  minDomesticRdShare: ratio,
  minStStaffRatio: ratio,
  minHitechRevenueShare: ratio,
  /** Core IP: at least this many Ⅰ类 … */
  ipMinClass1: z.number().int().min(0),
  /** … or at least this many Ⅱ类 (null: Ⅱ类 alone never suffices). */
  ipMinClass2: z.number().int().min(0).nullable(),
  manualChecks: manualNote,
});
export type HitechParams = z.infer<typeof HitechParams>;

const scoreBands = z.array(z.object({ min: ratio, score: z.number().min(0) }));
export const TechSmeParams = z.object({
  maxStaff: z.number().int().min(0),
  maxRevenue: yuan,
  maxTotalAssets: yuan,
  minScore: z.number().min(0),
  stStaffBands: scoreBands,
  rdRevenueBands: scoreBands,
  /** R&D / total cost, with total cost = revenue − total profit; null = not used. */
  rdCostBands: scoreBands.nullable(),
  ipClass1Score: z.number().min(0),
  ipClass2Bands: z.array(z.object({ min: z.number().int().min(1), score: z.number().min(0) })),
  /** Holding one of these qualifications in force is a direct route (直通车). */
  directQualifications: z.array(z.enum(QUALIFICATION_TYPES)),
  manualChecks: manualNote,
});
export type TechSmeParams = z.infer<typeof TechSmeParams>;

export const SpecializedSmeParams = z.object({
  minYearsInBusiness: z.number().min(0),
  minRdExpense: yuan,
  minRdRatio: ratio,
  minRevenue: yuan,
  manualChecks: manualNote,
});
export type SpecializedSmeParams = z.infer<typeof SpecializedSmeParams>;

export const LittleGiantParams = z.object({
  minYearsInBusiness: z.number().min(0),
  minAvgGrowth2y: ratio,
  maxDebtRatio: ratio,
  minClass1Ip: z.number().int().min(0),
  /** By the latest year's revenue (minRevenue inclusive): a 2-year R&D ratio, or for the lowest band absolute R&D and R&D staff. */
  rdBands: z
    .array(
      z.object({
        minRevenue: yuan,
        minRdRatio2y: ratio.nullable(),
        minRdExpense2y: yuan.nullable(),
        minStStaffRatio: ratio.nullable(),
      }),
    )
    .min(1),
  manualChecks: manualNote,
});
export type LittleGiantParams = z.infer<typeof LittleGiantParams>;

export const GazelleParams = z.object({
  /** Growth is measured over this many years (4: from year−4 to year). */
  years: z.number().int().min(1).max(10),
  minBaseRevenue: yuan,
  /** Compound annual growth must be strictly greater than this. */
  minCagr: ratio,
  requireLastYearGrowth: z.boolean(),
  manualChecks: manualNote,
});
export type GazelleParams = z.infer<typeof GazelleParams>;

export const UnicornParams = z.object({
  maxAgeYears: z.number().min(0),
  requireUnlisted: z.boolean(),
  /** Valuation must be strictly greater than this (USD). */
  minValuationUsd: z.number().int().min(0),
  manualChecks: manualNote,
});
export type UnicornParams = z.infer<typeof UnicornParams>;

export const PotentialUnicornParams = z.object({
  requireUnlisted: z.boolean(),
  /** The first band whose maxAgeYears covers the enterprise's age applies; valuation ≥ its minimum. */
  bands: z
    .array(z.object({ maxAgeYears: z.number().min(0), minValuationUsd: z.number().int().min(0) }))
    .min(1),
  /** Above this (USD) the enterprise is a unicorn, not a potential one (null: no cap). */
  maxValuationUsd: z.number().int().min(0).nullable(),
  manualChecks: manualNote,
});
export type PotentialUnicornParams = z.infer<typeof PotentialUnicornParams>;

export const RULE_PARAM_SCHEMAS = {
  hitech: HitechParams,
  tech_sme: TechSmeParams,
  specialized_sme: SpecializedSmeParams,
  little_giant: LittleGiantParams,
  gazelle: GazelleParams,
  unicorn: UnicornParams,
  potential_unicorn: PotentialUnicornParams,
} as const satisfies Record<EligibilityTier, z.ZodTypeAny>;

// ── views ───────────────────────────────────────────────────────────────────────────────────────

export const EnterpriseRef = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
});

export const EligibilitySummary = z.object({
  tier: z.enum(ELIGIBILITY_TIERS),
  year: z.number().int(),
  pass: z.boolean(),
  /** Ids of the criteria that failed (required ones, or every alternative). */
  failed: z.array(z.string()),
  computedAt: z.string(),
});

export const ViewQuery = ListQuery.extend({
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** hitech-expiring: the window in months (default 12). */
  withinMonths: z.coerce.number().int().min(1).max(60).optional(),
});

export const HitechCandidate = z.object({
  enterprise: EnterpriseRef,
  eligibility: EligibilitySummary,
  /** The latest hitech record, if any (expired or revoked). */
  lastHitech: z
    .object({ id: z.string(), validTo: z.string().nullable(), status: z.enum(QUALIFICATION_STATUSES) })
    .nullable(),
});
export const HitechExpiring = z.object({
  enterprise: EnterpriseRef,
  qualification: z.object({
    id: z.string(),
    certNo: z.string().nullable(),
    grantedOn: z.string().nullable(),
    validTo: z.string(),
  }),
  daysLeft: z.number().int(),
  /** Whether the enterprise meets the criteria on its latest figures (would pass 复审). */
  eligibility: EligibilitySummary.nullable(),
});

// ── candidate pool (后备库) ─────────────────────────────────────────────────────────────────────

export const Candidate = z.object({
  id: z.string(),
  enterprise: EnterpriseRef,
  targetTier: z.enum(QUALIFICATION_TYPES),
  mentorUnitId: z.string().nullable(),
  mentorUnitName: z.string().nullable(),
  since: z.string(),
  note: z.string().nullable(),
  /** Current stored eligibility for the target tier (null: no rule set or no figures). */
  eligibility: EligibilitySummary.nullable(),
  /** The enterprise already holds the target tier in force. */
  achieved: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Candidate = z.infer<typeof Candidate>;
export const CandidateCreate = z.object({
  enterpriseId: z.string().max(64),
  targetTier: z.enum(QUALIFICATION_TYPES),
  mentorUnitId: z.string().max(64).nullable().optional(),
  since: date.optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type CandidateCreate = z.infer<typeof CandidateCreate>;
export const CandidateUpdate = CandidateCreate.omit({ enterpriseId: true }).partial().extend(VersionField);
export type CandidateUpdate = z.infer<typeof CandidateUpdate>;
export const CandidateListQuery = ListQuery.extend({
  targetTier: z.enum(QUALIFICATION_TYPES).optional(),
  mentorUnitId: z.string().max(64).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  eligible: bool.optional(),
});

// ── counts ──────────────────────────────────────────────────────────────────────────────────────

export const CountsQuery = z.object({
  year: yearField,
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const CountRow = z.object({
  tier: z.enum(QUALIFICATION_TYPES),
  level: z.enum(QUALIFICATION_LEVELS),
  count: z.number().int(),
});
export const Counts = z.object({
  year: z.number().int(),
  regionCode: z.string().nullable(),
  /** Newly recognised (first recognitions) by type and level: distinct enterprises. */
  byTierLevel: z.array(CountRow),
  byRegion: z.array(CountRow.extend({ regionCode: z.string(), regionName: z.string().nullable() })),
  /** The published headline figures (HEADLINE_COUNTS): the same rule as countNewQualifications. */
  headline: z.array(
    z.object({
      key: z.string(),
      label: labelSchema,
      tier: z.enum(COUNT_TIERS),
      minLevel: z.enum(QUALIFICATION_LEVELS).nullable(),
      count: z.number().int(),
    }),
  ),
});
export type Counts = z.infer<typeof Counts>;

// ── links and SOE ───────────────────────────────────────────────────────────────────────────────

export const EnterpriseProject = z.object({
  id: z.string(),
  name: z.string(),
  projectCode: z.string().nullable(),
  regionCode: z.string(),
  stage: z.number().int(),
  /** How the enterprise is linked: the investor, the project company, or both. */
  roles: z.array(z.enum(['investor', 'company'])),
  agreedInvestment: z.number().nullable(),
  signedOn: z.string().nullable(),
  light: z.string().nullable(),
});

export const SoeKpi = z.object({
  key: z.enum(['profit', 'debtRatio', 'roe', 'rdIntensity', 'laborProductivity', 'operatingCashRatio']),
  label: labelSchema,
  value: z.number().nullable(),
  /** yuan, ratio (decimal), yuan_per_person. */
  unit: z.enum(['yuan', 'ratio', 'yuan_per_person']),
  formula: labelSchema,
  inputs: z.record(z.string(), z.number().nullable()),
  /** A proxy figure was used (e.g. total profit for net profit); see `note`. */
  approximate: z.boolean(),
  note: labelSchema.nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
});
export type SoeKpi = z.infer<typeof SoeKpi>;
export const SoeKpis = z.object({
  enterpriseId: z.string(),
  year: z.number().int(),
  soe: z.boolean(),
  kpis: z.array(SoeKpi),
});
export const SoeKpisQuery = z.object({ year: yearField });
