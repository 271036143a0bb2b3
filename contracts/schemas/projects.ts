import { z } from 'zod';
import { PERMISSIONS } from '../abilities';
import { AbilitiesSchema, ListQuery, VersionField } from './common';

/**
 * The major-project ledger (C1): request and response shapes shared by the server and the web.
 * Money is integer 元 everywhere in the API (decision 0003); foreign amounts are integer USD with the rate used;
 * land in 亩 (decimal); calendar dates 'YYYY-MM-DD'; months 'YYYY-MM'.
 */

/** The stage model of domain.md §1.2: every milestone has an independent planned and actual date. */
export const MILESTONES = [
  { key: 'lead_registered', stage: 0, zh: '线索', en: 'Lead' },
  { key: 'assessed', stage: 1, zh: '研判', en: 'Assessed' },
  { key: 'negotiation', stage: 2, zh: '在谈', en: 'In negotiation' },
  { key: 'signed', stage: 3, zh: '签约', en: 'Signed' },
  { key: 'registered', stage: 4, zh: '注册', en: 'Company registered' },
  { key: 'filed', stage: 5, zh: '备案/核准', en: 'Filed / approved' },
  { key: 'land_supplied', stage: 6, zh: '供地', en: 'Land supplied' },
  { key: 'permitted', stage: 7, zh: '许可', en: 'Construction permit' },
  { key: 'started', stage: 8, zh: '开工', en: 'Groundbreaking' },
  { key: 'stats_enrolled', stage: 9, zh: '入库', en: 'Statistics enrolment' },
  { key: 'under_construction', stage: 10, zh: '建设', en: 'Under construction' },
  { key: 'completed', stage: 11, zh: '竣工', en: 'Completed' },
  { key: 'in_operation', stage: 12, zh: '投产', en: 'In production' },
  { key: 'full_capacity', stage: 13, zh: '达产', en: 'Full capacity' },
  { key: 'evaluated', stage: 14, zh: '后评价', en: 'Post-evaluated' },
] as const;
export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS = MILESTONES.map((m) => m.key) as [MilestoneKey, ...MilestoneKey[]];

type Labelled<V extends string> = ReadonlyArray<{ value: V; zh: string; en: string }>;
const values = <V extends string>(list: Labelled<V>) => list.map((o) => o.value) as [V, ...V[]];

export const PROJECT_LEVELS = [
  { value: 'provincial', zh: '省重大', en: 'Provincial major' },
  { value: 'municipal', zh: '市重大', en: 'City major' },
  { value: 'county', zh: '县（区）重点', en: 'District key' },
  { value: 'park', zh: '园区重点', en: 'Park key' },
] as const;
export const PROJECT_CATEGORIES = [
  { value: 'industrial', zh: '产业类', en: 'Industrial' },
  { value: 'infrastructure', zh: '基础设施', en: 'Infrastructure' },
  { value: 'livelihood', zh: '社会民生', en: 'Social / livelihood' },
  { value: 'innovation', zh: '科技创新平台', en: 'Innovation platform' },
  { value: 'service', zh: '现代服务业', en: 'Modern services' },
  { value: 'other', zh: '其他', en: 'Other' },
] as const;
export const CONSTRUCTION_NATURES = [
  { value: 'new', zh: '新建', en: 'New build' },
  { value: 'expansion', zh: '扩建', en: 'Expansion' },
  { value: 'renovation', zh: '改建', en: 'Renovation' },
  { value: 'tech_upgrade', zh: '技术改造', en: 'Technical upgrade' },
  { value: 'relocation', zh: '迁建', en: 'Relocation' },
] as const;
/**
 * How a signing relates to earlier ones (不重复统计, domain.md §1.2): a new signing and a change of investor count in
 * full; an upgrade (升格) or capital increase (增资) counts only the increment over its predecessor; a repeated
 * signing (补充协议, re-signing) counts nothing — the project stays credited to its first signing.
 */
export const SIGNING_KINDS = [
  { value: 'new', zh: '新签约', en: 'New signing' },
  { value: 'upgrade', zh: '升格', en: 'Upgrade' },
  { value: 'capital_increase', zh: '增资', en: 'Capital increase' },
  { value: 'investor_change', zh: '更换投资方', en: 'Change of investor' },
  { value: 're_sign', zh: '重复签约（补充协议）', en: 'Repeated signing' },
] as const;
export const LIGHTS = ['green', 'yellow', 'red'] as const;

/** Document types a project accepts as attachments (the evidence of its milestones). */
export const PROJECT_DOC_TYPES = {
  investment_agreement: { zh: '投资协议', en: 'Investment agreement' },
  filing_certificate: { zh: '备案证', en: 'Filing certificate' },
  land_contract: { zh: '土地出让合同', en: 'Land transfer contract' },
  construction_permit: { zh: '施工许可证', en: 'Construction permit' },
  start_report: { zh: '开工报告', en: 'Start report' },
  site_photo: { zh: '现场照片', en: 'Site photo' },
  completion_acceptance: { zh: '竣工验收报告', en: 'Completion acceptance report' },
  production_report: { zh: '投产报告', en: 'Production report' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type ProjectDocType = keyof typeof PROJECT_DOC_TYPES;
export const PROJECT_DOC_TYPE_KEYS = Object.keys(PROJECT_DOC_TYPES) as [ProjectDocType, ...ProjectDocType[]];

export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'YYYY-MM-DD',
  );
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
/** Integer 元 (or USD); never a float. */
export const Money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const idRef = z.string().min(1).max(64);

export const MilestoneDatesInput = z.object({
  plannedOn: DateString.nullable().optional(),
  actualOn: DateString.nullable().optional(),
});
export const MilestonesInput = z.partialRecord(z.enum(MILESTONE_KEYS), MilestoneDatesInput);

const projectFields = {
  name: z.string().trim().min(1).max(200),
  /** 投资项目代码 in the 2020 (24 characters) or the 2016 format; stored in projectCode or legacyProjectCode by format. */
  projectCode: optionalText(40),
  legacyProjectCode: optionalText(40),
  /** Ledger number; generated when absent. */
  internalId: z.string().trim().min(1).max(64).optional(),
  level: z.enum(values(PROJECT_LEVELS)),
  category: z.enum(values(PROJECT_CATEGORIES)),
  constructionNature: z.enum(values(CONSTRUCTION_NATURES)).nullable().optional(),
  foreignInvested: z.boolean().optional(),
  investorName: optionalText(200),
  investorCreditCode: optionalText(40),
  companyName: optionalText(200),
  companyCreditCode: optionalText(40),
  attractedByUnitId: idRef.nullable().optional(),
  firstContactUnitId: idRef.nullable().optional(),
  responsibleUnitId: idRef,
  /** 配合单位: co-units see the project too (data scope). */
  coUnitIds: z.array(idRef).max(50).optional(),
  /** GB/T 2260 code of the location (a district, county-level city or functional zone inside the city). */
  regionCode: z.string().regex(/^\d{6}$/),
  zoneUnitId: idRef.nullable().optional(),
  parkName: optionalText(100),
  linkedLeader: optionalText(50),
  taskForceId: idRef.nullable().optional(),
  /** GB/T 4754-2017 小类, 4 digits (a leading section letter such as C2761 is accepted). */
  industryCode: z.string().trim().max(8).nullable().optional(),
  chainCode: z.string().trim().max(32).nullable().optional(),
  agreedInvestment: Money.nullable().optional(),
  filedInvestment: Money.nullable().optional(),
  fixedAssetInvestment: Money.nullable().optional(),
  foreignAmountUsd: Money.nullable().optional(),
  fxRate: z.number().positive().max(1000).nullable().optional(),
  registeredCapital: Money.nullable().optional(),
  landAreaMu: z.number().min(0).max(1e7).nullable().optional(),
  floorAreaM2: z.number().min(0).max(1e9).nullable().optional(),
  expectedOutput: Money.nullable().optional(),
  expectedTax: Money.nullable().optional(),
  expectedJobs: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** 租赁厂房: no land is supplied, so the construction permit does not wait for 供地. */
  leasedPlant: z.boolean().optional(),
  signingKind: z.enum(values(SIGNING_KINDS)).optional(),
  /** The earlier signing this one upgrades, increases or repeats. */
  predecessorProjectId: idRef.nullable().optional(),
  description: optionalText(4000),
  nextSteps: optionalText(4000),
  /** Planned dates freely; actual dates only of milestones without an evidence rule (others: POST …/confirm). */
  milestones: MilestonesInput.optional(),
};
export const ProjectCreate = z.object(projectFields);
export type ProjectCreate = z.infer<typeof ProjectCreate>;
export const ProjectUpdate = z
  .object({ ...projectFields, ...VersionField })
  .partial()
  .required({ version: true });
export type ProjectUpdate = z.infer<typeof ProjectUpdate>;

const csvList = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const arr = Array.isArray(v) ? v : [v];
    return arr
      .flatMap((x) => String(x).split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }, z.array(item).max(50).optional());
const boolParam = z.enum(['true', 'false']).optional();

/** Filters shared by the list and the Excel export. */
export const ProjectFilterQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** A district code matches that district; a city code the whole city; a province code the province. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  zoneUnitId: idRef.optional(),
  responsibleUnitId: idRef.optional(),
  taskForceId: idRef.optional(),
  /** One or several stage numbers (0–14): `stage=8` or `stage=8,10` or repeated. */
  stage: csvList(z.coerce.number().int().min(0).max(14)),
  stageFrom: z.coerce.number().int().min(0).max(14).optional(),
  stageTo: z.coerce.number().int().min(0).max(14).optional(),
  chainCode: z.string().max(32).optional(),
  industryCode: z.string().max(8).optional(),
  light: csvList(z.enum(LIGHTS)),
  linkedLeader: z.string().max(50).optional(),
  level: csvList(z.enum(values(PROJECT_LEVELS))),
  category: csvList(z.enum(values(PROJECT_CATEGORIES))),
  foreignInvested: boolParam,
  /** Agreed investment range in 元. */
  agreedFrom: z.coerce.number().int().min(0).optional(),
  agreedTo: z.coerce.number().int().min(0).optional(),
  signedFrom: DateString.optional(),
  signedTo: DateString.optional(),
  startedFrom: DateString.optional(),
  startedTo: DateString.optional(),
  terminated: boolParam,
  suspended: boolParam,
});
export type ProjectFilterQuery = z.infer<typeof ProjectFilterQuery>;

/** Sort fields: name, agreedInvestment, signedOn, startedOn, updatedAt, stage (prefix '-' for descending). */
export const PROJECT_SORTS = [
  'name',
  'agreedInvestment',
  'signedOn',
  'startedOn',
  'updatedAt',
  'stage',
] as const;
export const ProjectListQuery = ListQuery.omit({ q: true }).extend(ProjectFilterQuery.shape);
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

/** A compact list row. */
export const ProjectListItem = z.object({
  id: z.string(),
  name: z.string(),
  projectCode: z.string().nullable(),
  legacyProjectCode: z.string().nullable(),
  internalId: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string().nullable(),
  zoneUnitName: z.string().nullable(),
  level: z.string(),
  category: z.string(),
  stage: z.number().int(),
  light: z.enum(LIGHTS).nullable(),
  agreedInvestment: z.number().nullable(),
  signedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  terminated: z.boolean(),
  suspended: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type ProjectListItem = z.infer<typeof ProjectListItem>;

export const Bilingual = z.object({ zh: z.string(), en: z.string() });
const CodeName = z.object({ code: z.string(), name: z.string() });

export const MilestoneConfirmation = z.object({
  id: z.string(),
  milestone: z.string(),
  actualOn: z.string(),
  attachmentIds: z.array(z.string()),
  note: z.string().nullable(),
  /** evidence: confirmed through the evidence rule; import: historic date from an Excel import; demo: demo data. */
  source: z.string(),
  confirmedBy: z.string(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type MilestoneConfirmation = z.infer<typeof MilestoneConfirmation>;

export const TimelineItem = z.object({
  key: z.enum(MILESTONE_KEYS),
  stage: z.number().int(),
  label: Bilingual,
  plannedOn: z.string().nullable(),
  actualOn: z.string().nullable(),
  /** actual − planned in calendar days (negative = ahead of plan). */
  deviationDays: z.number().int().nullable(),
  /** done (actual date) · overdue (planned date passed, no actual) · pending. */
  status: z.enum(['done', 'overdue', 'pending']),
  /** The milestone needs evidence: its actual date is set only through POST …/milestones/:milestone/confirm. */
  gated: z.boolean(),
  /** Any one group satisfies the rule; every document type of the group is needed. */
  requirements: z.array(z.array(z.string())),
  confirmation: MilestoneConfirmation.nullable(),
});

export const MonthlyRecord = z.object({
  month: z.string(),
  monthInvestment: z.number(),
  ytdInvestment: z.number(),
  cumulativeInvestment: z.number(),
  physicalProgressPct: z.number().nullable(),
  physicalProgressText: z.string().nullable(),
  /** A February row that covers January and February (1–2月 reported together). */
  combinedWithPrevious: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MonthlyRecord = z.infer<typeof MonthlyRecord>;

export const AnnualPlan = z.object({
  year: z.number().int(),
  planInvestment: z.number(),
  /** 12 cumulative fractions (非递减, last = 1); null = linear (plan × m / 12). */
  curve: z.array(z.number()).nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AnnualPlan = z.infer<typeof AnnualPlan>;

export const PlanProgress = z.object({
  year: z.number().int(),
  month: z.string().nullable(),
  planInvestment: z.number(),
  ytdInvestment: z.number().nullable(),
  /** 时序进度 target at the latest reported month (元). */
  target: z.number().nullable(),
  /** ytd / plan. */
  completionRate: z.number().nullable(),
  /** target / plan (the 序时 share of the year). */
  targetRate: z.number().nullable(),
});

export const ProjectDetail = z.object({
  id: z.string(),
  name: z.string(),
  nameInitials: z.string(),
  projectCode: z.string().nullable(),
  legacyProjectCode: z.string().nullable(),
  internalId: z.string(),
  level: z.string(),
  category: z.string(),
  constructionNature: z.string().nullable(),
  foreignInvested: z.boolean(),
  investorName: z.string().nullable(),
  investorCreditCode: z.string().nullable(),
  companyName: z.string().nullable(),
  companyCreditCode: z.string().nullable(),
  attractedByUnitId: z.string().nullable(),
  attractedByUnitName: z.string().nullable(),
  firstContactUnitId: z.string().nullable(),
  firstContactUnitName: z.string().nullable(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string().nullable(),
  coUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  zoneUnitId: z.string().nullable(),
  zoneUnitName: z.string().nullable(),
  parkName: z.string().nullable(),
  linkedLeader: z.string().nullable(),
  taskForceId: z.string().nullable(),
  taskForceName: z.string().nullable(),
  industryCode: z.string().nullable(),
  /** Derived from the 小类: 门类 → 大类 → 中类 → 小类. */
  industry: z
    .object({ section: CodeName, division: CodeName.nullable(), group: CodeName.nullable(), class: CodeName })
    .nullable(),
  chainCode: z.string().nullable(),
  chainName: z.string().nullable(),
  agreedInvestment: z.number().nullable(),
  filedInvestment: z.number().nullable(),
  fixedAssetInvestment: z.number().nullable(),
  foreignAmountUsd: z.number().nullable(),
  fxRate: z.number().nullable(),
  registeredCapital: z.number().nullable(),
  landAreaMu: z.number().nullable(),
  floorAreaM2: z.number().nullable(),
  /** 投资强度: fixed-asset investment per 亩 (元/亩). */
  investmentIntensity: z.number().nullable(),
  expectedOutput: z.number().nullable(),
  expectedTax: z.number().nullable(),
  expectedTaxPerMu: z.number().nullable(),
  expectedJobs: z.number().nullable(),
  leasedPlant: z.boolean(),
  signingKind: z.string(),
  predecessorProjectId: z.string().nullable(),
  stage: z.number().int(),
  stageLabel: Bilingual,
  terminated: z.boolean(),
  terminatedReason: z.string().nullable(),
  terminatedApprover: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  suspended: z.boolean(),
  suspendedReason: z.string().nullable(),
  suspendedApprover: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  light: z.enum(LIGHTS).nullable(),
  lightSince: z.string().nullable(),
  physicalProgressPct: z.number().nullable(),
  physicalProgressText: z.string().nullable(),
  description: z.string().nullable(),
  nextSteps: z.string().nullable(),
  /** Signing → groundbreaking in calendar days (the “88 天” metric). */
  signingToStartDays: z.number().int().nullable(),
  milestones: z.array(TimelineItem),
  latestMonthly: MonthlyRecord.nullable(),
  annualPlan: AnnualPlan.nullable(),
  planProgress: PlanProgress.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const ConfirmMilestoneInput = z.object({
  actualOn: DateString,
  /** Attachments of this project (uploaded with entity=project) that make up the evidence. */
  attachmentIds: z.array(idRef).min(1).max(20),
  note: z.string().trim().max(1000).nullable().optional(),
  /** The project version the confirmation was based on (optional). */
  version: z.number().int().min(1).optional(),
});
export type ConfirmMilestoneInput = z.infer<typeof ConfirmMilestoneInput>;

export const RevokeMilestoneInput = z.object({
  reason: z.string().trim().min(1).max(1000),
  version: z.number().int().min(1).optional(),
});

export const MilestoneParams = z.object({ id: idRef, milestone: z.enum(MILESTONE_KEYS) });

/** 终止 / 暂缓 / 恢复: a reason is required; the approver is who approved it (name and title, as written on the approval). */
export const ProjectFlagInput = z.object({
  reason: z.string().trim().min(1).max(1000),
  approver: z.string().trim().max(100).nullable().optional(),
  /** Effective date; today when absent; never in the future. */
  on: DateString.optional(),
  ...VersionField,
});
export type ProjectFlagInput = z.infer<typeof ProjectFlagInput>;

export const MonthParams = z.object({ id: idRef, month: MonthString });
/**
 * One month's progress. Send the month's investment and the year-to-date / since-start figures are derived from the
 * previous months; or send the cumulative figures as reported (statistics report cumulative 1–N月) and the month's
 * investment is derived. Figures that contradict each other are refused (422) with the expected values.
 */
export const MonthlyInput = z.object({
  monthInvestment: Money.optional(),
  ytdInvestment: Money.optional(),
  cumulativeInvestment: Money.optional(),
  physicalProgressPct: z.number().min(0).max(100).nullable().optional(),
  physicalProgressText: z.string().trim().max(2000).nullable().optional(),
  /** Only on a February row: it reports 1–2月 together (January has no row). */
  combinedWithPrevious: z.boolean().optional(),
  version: z.number().int().min(1).optional(),
});
export type MonthlyInput = z.infer<typeof MonthlyInput>;

export const MonthlySeries = z.object({
  data: z.array(
    MonthlyRecord.extend({ target: z.number().nullable(), completionRate: z.number().nullable() }),
  ),
  plans: z.array(AnnualPlan),
});

export const YearParams = z.object({ id: idRef, year: z.coerce.number().int().min(2000).max(2100) });
export const PlanInput = z.object({
  planInvestment: Money,
  curve: z.array(z.number().min(0).max(1)).length(12).nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const HistoryQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const EvidenceRule = z.object({
  milestone: z.enum(MILESTONE_KEYS),
  requirements: z
    .array(z.array(z.enum(PROJECT_DOC_TYPE_KEYS)).min(1).max(10))
    .min(1)
    .max(10),
  confirmPermission: z.enum(PERMISSIONS),
  active: z.boolean(),
});
export type EvidenceRule = z.infer<typeof EvidenceRule>;
export const EvidenceRulesUpdate = z.object({
  rules: z
    .array(
      EvidenceRule.extend({
        confirmPermission: z.enum(PERMISSIONS).optional(),
        active: z.boolean().optional(),
      }),
    )
    .max(MILESTONES.length),
});
export const EvidenceRulesResponse = z.object({
  data: z.array(EvidenceRule.extend({ label: Bilingual, version: z.number().int(), updatedAt: z.string() })),
  docTypes: z.record(z.string(), Bilingual),
});

export const Chain = z.object({
  code: z.string(),
  name: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
});
export const ChainsUpdate = z.object({
  chains: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^[a-z0-9_-]{1,32}$/),
        name: z.string().trim().min(1).max(100),
        sort: z.number().int().min(0).max(10000).optional(),
        active: z.boolean().optional(),
      }),
    )
    .max(200),
});

export const Industry = z.object({
  code: z.string(),
  name: z.string(),
  section: z.string(),
  level: z.number().int(),
});
export const IndustryQuery = z.object({
  q: z.string().trim().max(50).optional(),
  section: z
    .string()
    .regex(/^[A-T]$/)
    .optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  /** Children of a code ('C' → 大类 of manufacturing, '27' → its 中类 …). */
  parent: z.string().max(8).optional(),
});

export const SavedViewQuery = z.object({ ledger: z.string().min(1).max(32) });
export const SavedViewCreate = z.object({
  ledger: z.string().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  /** The list query to restore (the list's query parameters). */
  query: z.record(z.string(), z.union([z.string().max(200), z.array(z.string().max(200)).max(50)])),
});
export const SavedView = z.object({
  id: z.string(),
  ledger: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  createdAt: z.string(),
});

export const StatsByDistrictQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const DistrictStats = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  /** Projects in the ledger that are not terminated. */
  projects: z.number().int(),
  agreedInvestment: z.number(),
  /** Projects whose groundbreaking (actual) falls in the year. */
  startedInYear: z.number().int(),
  /** Projects started on or before the end of the year. */
  startedToDate: z.number().int(),
  /** Σ year-to-date investment reported for `month`, the latest month of the year with reports. */
  ytdInvestment: z.number(),
});
export const StatsByDistrictResponse = z.object({
  year: z.number().int(),
  month: z.string().nullable(),
  data: z.array(DistrictStats),
});
