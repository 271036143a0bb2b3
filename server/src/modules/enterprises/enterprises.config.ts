import type {
  CountTier,
  EligibilityTier,
  GazelleParams,
  HitechParams,
  LittleGiantParams,
  PotentialUnicornParams,
  QualificationLevel,
  QualificationType,
  SpecializedSmeParams,
  TechSmeParams,
  UnicornParams,
} from '../../../../contracts/schemas/enterprises';

/**
 * Local policy of the enterprise registry, in one place. Everything here is a default a city may change:
 * the rule sets are rows of `eligibility_rule_sets` (these are only the initial versions the migration
 * inserts; new versions are added through the API), the rest are the constants named below.
 */

/**
 * Default validity in years of each qualification type when the record gives no valid_to
 * (valid_to = valid_from + years − 1 day). 高企: 3 years from the certificate date (国科发火〔2016〕32号 第十五条);
 * 专精特新 / 小巨人 / 创新型: 3 years (工信部企业〔2022〕63号) [K]; the evaluated lists (科技型中小企业 入库,
 * 瞪羚, 独角兽) are annual [K].
 */
export const QUALIFICATION_VALIDITY_YEARS: Record<QualificationType, number> = {
  tech_sme: 1,
  innovative_sme: 3,
  specialized_sme: 3,
  little_giant: 3,
  hitech: 3,
  gazelle: 1,
  potential_unicorn: 1,
  unicorn: 1,
};

/** The types a count tier stands for: `specialized` is the 专精特新 family (an enterprise counts once a year). */
export const COUNT_TIER_TYPES: Record<CountTier, QualificationType[]> = {
  tech_sme: ['tech_sme'],
  innovative_sme: ['innovative_sme'],
  specialized_sme: ['specialized_sme'],
  little_giant: ['little_giant'],
  hitech: ['hitech'],
  gazelle: ['gazelle'],
  potential_unicorn: ['potential_unicorn'],
  unicorn: ['unicorn'],
  specialized: ['specialized_sme', 'little_giant'],
};

/**
 * The published headline figures (PRODUCT.md "Demo figures": 新认定高企560家，独角兽2家，省瞪羚28家，省级以上专精特新197家).
 * The results layer computes its indicators with countNewQualifications and these same arguments.
 */
export const HEADLINE_COUNTS: Array<{
  key: string;
  label: { zh: string; en: string };
  tier: CountTier;
  minLevel: QualificationLevel | null;
}> = [
  {
    key: 'new_hitech_enterprises',
    label: { zh: '新认定国家高新技术企业', en: 'New national high-tech enterprises' },
    tier: 'hitech',
    minLevel: 'national',
  },
  {
    key: 'new_unicorns',
    label: { zh: '新增独角兽企业', en: 'New unicorns' },
    tier: 'unicorn',
    minLevel: null,
  },
  {
    key: 'new_gazelles',
    label: { zh: '新增省级瞪羚企业', en: 'New provincial gazelles' },
    tier: 'gazelle',
    minLevel: 'provincial',
  },
  {
    key: 'new_specialized_smes',
    label: { zh: '新增省级以上专精特新企业', en: 'New provincial-or-higher specialised SMEs' },
    tier: 'specialized',
    minLevel: 'provincial',
  },
];

/** How far ahead the 复审 view looks by default. */
export const EXPIRING_WITHIN_MONTHS = 12;

// ── the initial rule sets ───────────────────────────────────────────────────────────────────────

export type DefaultRuleSet = {
  id: string;
  tier: EligibilityTier;
  name: string;
  issuer: string;
  docNo: string | null;
  effectiveFrom: string;
  params:
    | HitechParams
    | TechSmeParams
    | SpecializedSmeParams
    | LittleGiantParams
    | GazelleParams
    | UnicornParams
    | PotentialUnicornParams;
};

const hitech: HitechParams = {
  minYearsRegistered: 1,
  rdWindowYears: 3,
  rdBands: [
    { maxRevenue: 50_000_000, minRatio: 0.05 },
    { maxRevenue: 200_000_000, minRatio: 0.04 },
    { maxRevenue: null, minRatio: 0.03 },
  ],
  minDomesticRdShare: 0.6,
  minStStaffRatio: 0.1,
  minHitechRevenueShare: 0.6,
  // Reading: the 办法 asks for owned core IP without a count; the 工作指引 scores Ⅰ类 far above Ⅱ类 and lets a
  // Ⅱ类 item count once. The common practice we take as the default: ≥ 1 Ⅰ类, or ≥ 6 Ⅱ类.
  ipMinClass1: 1,
  ipMinClass2: 6,
  manualChecks: [
    {
      zh: '知识产权对主要产品（服务）在技术上发挥核心支持作用',
      en: 'The IP gives core technical support to the main products or services',
    },
    {
      zh: '主要产品（服务）的技术属于《国家重点支持的高新技术领域》',
      en: 'The technology is in the State-supported high-tech fields',
    },
    {
      zh: '企业创新能力评价达到相应要求（71 分及以上）',
      en: 'Innovation-capability evaluation of at least 71 points',
    },
    {
      zh: '申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为',
      en: 'No major safety or quality accident or serious environmental violation in the prior year',
    },
  ],
};

const techSme: TechSmeParams = {
  maxStaff: 500,
  maxRevenue: 200_000_000,
  maxTotalAssets: 200_000_000,
  minScore: 60,
  stStaffBands: [
    { min: 0.3, score: 20 },
    { min: 0.25, score: 16 },
    { min: 0.2, score: 12 },
    { min: 0.15, score: 8 },
    { min: 0.1, score: 4 },
  ],
  rdRevenueBands: [
    { min: 0.06, score: 50 },
    { min: 0.05, score: 40 },
    { min: 0.04, score: 30 },
    { min: 0.03, score: 20 },
    { min: 0.02, score: 10 },
  ],
  rdCostBands: [
    { min: 0.3, score: 50 },
    { min: 0.25, score: 40 },
    { min: 0.2, score: 30 },
    { min: 0.15, score: 20 },
    { min: 0.1, score: 10 },
  ],
  ipClass1Score: 30,
  ipClass2Bands: [
    { min: 4, score: 24 },
    { min: 3, score: 18 },
    { min: 2, score: 12 },
    { min: 1, score: 6 },
  ],
  directQualifications: ['hitech'],
  manualChecks: [
    {
      zh: '在中国境内注册的居民企业，不属于国家限制或淘汰类行业',
      en: 'A resident enterprise registered in China, not in a restricted or eliminated industry',
    },
    {
      zh: '上年度及当年内未发生重大安全、质量事故和严重环境违法、科研严重失信行为，未列入经营异常名录和严重违法失信名单',
      en: 'No major accident, serious violation, research misconduct or listing as abnormal or seriously dishonest',
    },
    {
      zh: '直通车的其他情形（五年内国家级科技奖励前三名、省部级以上研发机构、五年内主导制定国际/国家/行业标准）',
      en: 'Other direct routes (national S&T award, ministerial R&D institution, lead author of a standard)',
    },
  ],
};

const specialized: SpecializedSmeParams = {
  minYearsInBusiness: 2,
  minRdExpense: 1_000_000,
  minRdRatio: 0.03,
  minRevenue: 10_000_000,
  manualChecks: [
    {
      zh: '营业收入 1000 万元以下但近 2 年新增股权融资达 2000 万元以上的，亦可满足收入条件',
      en: 'Below CNY 10m revenue, CNY 20m of new equity financing in two years also qualifies',
    },
    {
      zh: '评价得分达到 60 分以上，或满足省级以上奖项、近两年研发投入均值 1000 万元以上、近两年新增股权融资 6000 万元以上、创客中国大赛 500 强等直通条件之一',
      en: 'A score of at least 60, or one of the direct routes (awards, CNY 10m average R&D, CNY 60m equity financing, top 500 of the Maker China contest)',
    },
    { zh: '已认定为创新型中小企业', en: 'Already recognised as an innovative SME' },
  ],
};

const littleGiant: LittleGiantParams = {
  minYearsInBusiness: 3,
  minAvgGrowth2y: 0.05,
  maxDebtRatio: 0.7,
  minClass1Ip: 2,
  rdBands: [
    { minRevenue: 100_000_000, minRdRatio2y: 0.03, minRdExpense2y: null, minStStaffRatio: null },
    { minRevenue: 50_000_000, minRdRatio2y: 0.06, minRdExpense2y: null, minStStaffRatio: null },
    { minRevenue: 0, minRdRatio2y: null, minRdExpense2y: 30_000_000, minStStaffRatio: 0.5 },
  ],
  manualChecks: [
    { zh: '主营业务收入占营业收入 70% 以上', en: 'Main business at least 70% of revenue' },
    {
      zh: '细分市场占有率、自有品牌、自建研发机构、质量管理体系认证及“链”“品”指标',
      en: 'Niche market share, own brand, own R&D institution, quality certification and chain indicators',
    },
    {
      zh: '营业收入 5000 万元以下的，近 2 年新增股权融资 8000 万元以上',
      en: 'Below CNY 50m revenue: CNY 80m of new equity financing in two years',
    },
  ],
};

const gazelle: GazelleParams = {
  years: 4,
  minBaseRevenue: 10_000_000,
  minCagr: 0.2,
  requireLastYearGrowth: true,
  manualChecks: [
    {
      zh: '已入库本市瞪羚企业培育库，创新能力强',
      en: 'In the city’s gazelle incubation pool, with strong innovation',
    },
  ],
};

const unicorn: UnicornParams = {
  maxAgeYears: 10,
  requireUnlisted: true,
  minValuationUsd: 1_000_000_000,
  manualChecks: [
    {
      zh: '估值来自最近一轮融资或权威第三方评估',
      en: 'Valuation from the latest funding round or a recognised third-party appraisal',
    },
  ],
};

const potentialUnicorn: PotentialUnicornParams = {
  requireUnlisted: true,
  bands: [
    { maxAgeYears: 5, minValuationUsd: 100_000_000 },
    { maxAgeYears: 9, minValuationUsd: 500_000_000 },
  ],
  maxValuationUsd: 1_000_000_000,
  manualChecks: [
    {
      zh: '估值来自最近一轮融资或权威第三方评估',
      en: 'Valuation from the latest funding round or a recognised third-party appraisal',
    },
  ],
};

/** Inserted by migration 0006; later versions are new rows with their own ids and effective dates. */
export const DEFAULT_RULE_SETS: DefaultRuleSet[] = [
  {
    id: 'hitech-2016',
    tier: 'hitech',
    name: '高新技术企业认定管理办法',
    issuer: '科技部 财政部 国家税务总局',
    docNo: '国科发火〔2016〕32号',
    effectiveFrom: '2016-01-01',
    params: hitech,
  },
  {
    id: 'tech-sme-2022',
    tier: 'tech_sme',
    name: '科技型中小企业评价办法',
    issuer: '科技部 财政部 国家税务总局',
    docNo: '国科发政〔2022〕67号',
    effectiveFrom: '2022-01-01',
    params: techSme,
  },
  {
    id: 'specialized-sme-2022',
    tier: 'specialized_sme',
    name: '专精特新中小企业认定标准（优质中小企业梯度培育管理暂行办法）',
    issuer: '工业和信息化部',
    docNo: '工信部企业〔2022〕63号',
    effectiveFrom: '2022-08-01',
    params: specialized,
  },
  {
    id: 'little-giant-2022',
    tier: 'little_giant',
    name: '专精特新“小巨人”企业认定标准（优质中小企业梯度培育管理暂行办法）',
    issuer: '工业和信息化部',
    docNo: '工信部企业〔2022〕63号',
    effectiveFrom: '2022-08-01',
    params: littleGiant,
  },
  {
    id: 'gazelle-2022',
    tier: 'gazelle',
    name: '瞪羚企业评价标准（参照江苏盐城 2022 年口径）',
    issuer: '市科技局（口径待本地确认）',
    docNo: null,
    effectiveFrom: '2020-01-01',
    params: gazelle,
  },
  {
    id: 'unicorn-2022',
    tier: 'unicorn',
    name: '独角兽企业评价标准（参照江苏盐城 2022 年口径）',
    issuer: '市科技局（口径待本地确认）',
    docNo: null,
    effectiveFrom: '2020-01-01',
    params: unicorn,
  },
  {
    id: 'potential-unicorn-2022',
    tier: 'potential_unicorn',
    name: '潜在独角兽企业评价标准（参照江苏盐城 2022 年口径）',
    issuer: '市科技局（口径待本地确认）',
    docNo: null,
    effectiveFrom: '2020-01-01',
    params: potentialUnicorn,
  },
];
