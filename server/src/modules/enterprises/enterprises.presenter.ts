import type {
  Candidate,
  Enterprise,
  EnterpriseSize,
  Indicators,
  Ownership,
  Qualification,
  QualificationLevel,
  QualificationStatus,
  QualificationType,
  RuleSet,
  EligibilityTier,
  RuleSetStatus,
  Warning,
} from '../../../../contracts/schemas/enterprises';
import { checkCreditCode } from '../../../../contracts/validators/credit-code';
import type { Actor } from '../../core/access/actor';
import {
  candidateAbilities,
  enterpriseAbilities,
  qualificationAbilities,
  ruleSetAbilities,
} from './enterprises.policy';
import type {
  CandidateRow,
  EnterpriseRow,
  IndicatorRow,
  QualificationRow,
  RuleSetRow,
} from './enterprises.table';

export const ORG_CHECK_WARNING: Warning = {
  code: 'organisation_check',
  zh: '统一社会信用代码第17位（组织机构代码校验码）与 GB 11714 计算结果不符，请核对；第18位校验码正确，已保存',
  en: 'Character 17 of the credit code (the organisation-code check, GB 11714) does not match; character 18 is valid, so the record was saved — please verify',
};

export function creditCodeWarnings(code: string): Warning[] {
  return checkCreditCode(code).warning === 'organisation_check' ? [ORG_CHECK_WARNING] : [];
}

type Joined = { region_name: string | null; owner_unit_name: string | null; industry_name: string | null };
type Badge = { id: string; type: string; level: string; valid_to: string | null };

export function presentEnterprise(
  actor: Actor,
  e: EnterpriseRow & Joined,
  extra: {
    qualifications: Badge[];
    names?: Array<{ name: string; valid_from: string | null; valid_to: string | null }>;
  },
): Enterprise {
  return {
    id: e.id,
    creditCode: e.credit_code,
    name: e.name,
    nameInitials: e.name_initials,
    regionCode: e.region_code,
    regionName: e.region_name,
    industryCode: e.industry_code,
    industryName: e.industry_name,
    size: e.size as EnterpriseSize | null,
    ownership: e.ownership as Ownership | null,
    soe: Boolean(e.soe),
    listed: Boolean(e.listed),
    foundedOn: e.founded_on,
    ownerUnitId: e.owner_unit_id,
    ownerUnitName: e.owner_unit_name,
    orgUnitId: e.org_unit_id,
    qualifications: extra.qualifications.map((q) => ({
      id: q.id,
      type: q.type as QualificationType,
      level: q.level as QualificationLevel,
      validTo: q.valid_to,
    })),
    ...(extra.names
      ? { names: extra.names.map((n) => ({ name: n.name, validFrom: n.valid_from, validTo: n.valid_to })) }
      : {}),
    warnings: creditCodeWarnings(e.credit_code),
    version: e.version,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
    abilities: enterpriseAbilities(actor),
  };
}

/** The columns of enterprise_indicators and their API names. */
export const INDICATOR_COLUMNS = {
  revenue: 'revenue',
  rdExpense: 'rd_expense',
  rdExpenseDomestic: 'rd_expense_domestic',
  hitechRevenue: 'hitech_revenue',
  staff: 'staff',
  stStaff: 'st_staff',
  ipClass1: 'ip_class1',
  ipClass2: 'ip_class2',
  tax: 'tax',
  output: 'output',
  landMu: 'land_mu',
  energyTce: 'energy_tce',
  valuationUsd: 'valuation_usd',
  latestRound: 'latest_round',
  totalAssets: 'total_assets',
  liabilities: 'liabilities',
  profit: 'profit',
  netProfit: 'net_profit',
  valueAdded: 'value_added',
  netAssets: 'net_assets',
  operatingCashFlow: 'operating_cash_flow',
} as const satisfies Record<string, keyof IndicatorRow>;
export type IndicatorApiKey = keyof typeof INDICATOR_COLUMNS;

export function presentIndicators(r: IndicatorRow): Indicators {
  const out: Record<string, unknown> = { year: r.year, version: r.version, updatedAt: r.updated_at };
  for (const [k, col] of Object.entries(INDICATOR_COLUMNS)) {
    const v = r[col];
    out[k] = v === null || v === undefined ? null : k === 'latestRound' ? String(v) : Number(v);
  }
  return out as Indicators;
}

/** Today's status: an active record whose validity has ended reads expired (a revocation always stands). */
export function effectiveStatus(
  q: { status: string; valid_to: string | null },
  today: string,
): QualificationStatus {
  if (q.status === 'active' && q.valid_to !== null && q.valid_to !== undefined && q.valid_to < today)
    return 'expired';
  return q.status as QualificationStatus;
}

export function presentQualification(
  actor: Actor,
  q: QualificationRow & { enterprise_name: string; credit_code: string; evidence_count: number | null },
  today: string,
): Qualification {
  return {
    id: q.id,
    enterpriseId: q.enterprise_id,
    enterpriseName: q.enterprise_name,
    creditCode: q.credit_code,
    regionCode: q.region_code,
    type: q.type as QualificationType,
    level: q.level as QualificationLevel,
    issuer: q.issuer,
    batch: q.batch,
    certNo: q.cert_no,
    grantedOn: q.granted_on,
    validFrom: q.valid_from,
    validTo: q.valid_to,
    recordedStatus: q.status as QualificationStatus,
    status: effectiveStatus(q, today),
    isNew: Boolean(q.is_new),
    isNewManual: Boolean(q.is_new_manual),
    note: q.note,
    evidenceCount: Number(q.evidence_count ?? 0),
    version: q.version,
    createdAt: q.created_at,
    updatedAt: q.updated_at,
    abilities: qualificationAbilities(actor),
  };
}

export function presentRuleSet(actor: Actor, r: RuleSetRow): RuleSet {
  return {
    id: r.id,
    tier: r.tier as EligibilityTier,
    name: r.name,
    issuer: r.issuer,
    docNo: r.doc_no,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    params: JSON.parse(r.params) as Record<string, unknown>,
    status: r.status as RuleSetStatus,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: ruleSetAbilities(actor, r),
  };
}

export function presentCandidate(
  actor: Actor,
  c: CandidateRow & {
    credit_code: string;
    enterprise_name: string;
    enterprise_region_code: string;
    region_name: string | null;
    mentor_unit_name: string | null;
  },
  extra: { eligibility: Candidate['eligibility']; achieved: boolean },
): Candidate {
  return {
    id: c.id,
    enterprise: {
      id: c.enterprise_id,
      creditCode: c.credit_code,
      name: c.enterprise_name,
      regionCode: c.enterprise_region_code,
      regionName: c.region_name,
    },
    targetTier: c.target_tier as QualificationType,
    mentorUnitId: c.mentor_unit_id,
    mentorUnitName: c.mentor_unit_name,
    since: c.since,
    note: c.note,
    eligibility: extra.eligibility,
    achieved: extra.achieved,
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    abilities: candidateAbilities(actor),
  };
}
