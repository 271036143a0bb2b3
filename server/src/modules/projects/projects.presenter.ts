import type {
  AnnualPlan,
  MilestoneConfirmation,
  MonthlyRecord,
  ProjectDetail,
  ProjectListItem,
} from '../../../../contracts/schemas/projects';
import type { Actor } from '../../core/access/actor';
import { MILESTONES, actualColumn, plannedColumn, stageLabel } from './projects.milestones';
import { projectAbilities } from './projects.policy';
import { planStanding, monthOf, yearOf } from './projects.progress';
import type { ProjectListRow } from './projects.repository';
import { daysBetween } from './projects.rules';
import type {
  MilestoneConfirmationRow,
  ProjectAnnualPlanRow,
  ProjectMonthlyRow,
  ProjectRow,
} from './projects.table';

type Light = 'green' | 'yellow' | 'red';
const lightOf = (v: string | null): Light | null =>
  v === 'green' || v === 'yellow' || v === 'red' ? v : null;

export function presentListItem(actor: Actor, r: ProjectListRow): ProjectListItem {
  return {
    id: r.id,
    name: r.name,
    projectCode: r.project_code,
    legacyProjectCode: r.legacy_project_code,
    internalId: r.internal_id,
    regionCode: r.region_code,
    regionName: r.region_name,
    responsibleUnitId: r.responsible_unit_id,
    responsibleUnitName: r.responsible_unit_name,
    zoneUnitName: r.zone_unit_name,
    level: r.level,
    category: r.category,
    stage: r.stage,
    light: lightOf(r.light),
    agreedInvestment: r.agreed_investment === null ? null : Number(r.agreed_investment),
    signedOn: r.actual_signed_on,
    startedOn: r.actual_started_on,
    terminated: r.terminated === 1,
    suspended: r.suspended === 1,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: projectAbilities(actor, r),
  };
}

export const presentMonthly = (m: ProjectMonthlyRow): MonthlyRecord => ({
  month: m.month,
  monthInvestment: Number(m.month_investment),
  ytdInvestment: Number(m.ytd_investment),
  cumulativeInvestment: Number(m.cumulative_investment),
  physicalProgressPct: m.physical_progress_pct,
  physicalProgressText: m.physical_progress_text,
  combinedWithPrevious: m.combined_with_previous === 1,
  version: m.version,
  updatedAt: m.updated_at,
});

export const parseCurve = (curve: string | null): number[] | null =>
  curve ? (JSON.parse(curve) as number[]) : null;

export const presentPlan = (p: ProjectAnnualPlanRow): AnnualPlan => ({
  year: p.year,
  planInvestment: Number(p.plan_investment),
  curve: parseCurve(p.curve),
  version: p.version,
  updatedAt: p.updated_at,
});

export const presentConfirmation = (
  c: MilestoneConfirmationRow & { confirmed_by_name?: string | null },
): MilestoneConfirmation => ({
  id: c.id,
  milestone: c.milestone,
  actualOn: c.actual_on,
  attachmentIds: JSON.parse(c.attachment_ids) as string[],
  note: c.note,
  source: c.source,
  confirmedBy: c.confirmed_by,
  confirmedByName: c.confirmed_by_name ?? null,
  confirmedAt: c.confirmed_at,
  revokedAt: c.revoked_at,
  revokeReason: c.revoke_reason,
});

export type DetailBundle = {
  row: ProjectRow;
  today: string;
  names: {
    region: string | null;
    attractedBy: string | null;
    firstContact: string | null;
    responsible: string | null;
    zone: string | null;
    taskForce: string | null;
    chain: string | null;
  };
  coUnits: Array<{ id: string; name: string }>;
  industry: ProjectDetail['industry'];
  rules: Map<string, { requirements: string[][]; active: boolean }>;
  confirmations: Array<MilestoneConfirmationRow & { confirmed_by_name?: string | null }>;
  latestMonthly: ProjectMonthlyRow | null;
  plan: ProjectAnnualPlanRow | null;
  planYear: number;
};

const num = (v: number | null) => (v === null ? null : Number(v));

export function presentDetail(actor: Actor, b: DetailBundle): ProjectDetail {
  const r = b.row;
  const dates = r as unknown as Record<string, string | null>;
  const milestones = MILESTONES.map((m) => {
    const plannedOn = dates[plannedColumn(m.key)] ?? null;
    const actualOn = dates[actualColumn(m.key)] ?? null;
    const rule = b.rules.get(m.key);
    const confirmation = actualOn
      ? (b.confirmations.find((c) => c.milestone === m.key && !c.revoked_at && c.actual_on === actualOn) ??
        null)
      : null;
    return {
      key: m.key,
      stage: m.stage,
      label: { zh: m.zh, en: m.en },
      plannedOn,
      actualOn,
      deviationDays: plannedOn && actualOn ? daysBetween(plannedOn, actualOn) : null,
      status: (actualOn ? 'done' : plannedOn && plannedOn < b.today ? 'overdue' : 'pending') as
        'done' | 'overdue' | 'pending',
      gated: Boolean(rule?.active),
      requirements: rule?.active ? rule.requirements : [],
      confirmation: confirmation ? presentConfirmation(confirmation) : null,
    };
  });
  const fixed = num(r.fixed_asset_investment);
  const land = r.land_area_mu;
  const tax = num(r.expected_tax);
  let planProgress: ProjectDetail['planProgress'] = null;
  if (b.plan) {
    const plan = Number(b.plan.plan_investment);
    const lm = b.latestMonthly && yearOf(b.latestMonthly.month) === b.plan.year ? b.latestMonthly : null;
    const standing = lm
      ? planStanding(plan, parseCurve(b.plan.curve), monthOf(lm.month), Number(lm.ytd_investment))
      : null;
    planProgress = {
      year: b.plan.year,
      month: lm?.month ?? null,
      planInvestment: plan,
      ytdInvestment: lm ? Number(lm.ytd_investment) : null,
      target: standing?.target ?? null,
      completionRate: standing?.completionRate ?? null,
      targetRate: standing?.targetRate ?? null,
    };
  }
  return {
    id: r.id,
    name: r.name,
    nameInitials: r.name_initials,
    projectCode: r.project_code,
    legacyProjectCode: r.legacy_project_code,
    internalId: r.internal_id,
    level: r.level,
    category: r.category,
    constructionNature: r.construction_nature,
    foreignInvested: r.foreign_invested === 1,
    investorName: r.investor_name,
    investorCreditCode: r.investor_credit_code,
    companyName: r.company_name,
    companyCreditCode: r.company_credit_code,
    attractedByUnitId: r.attracted_by_unit_id,
    attractedByUnitName: b.names.attractedBy,
    firstContactUnitId: r.first_contact_unit_id,
    firstContactUnitName: b.names.firstContact,
    responsibleUnitId: r.responsible_unit_id,
    responsibleUnitName: b.names.responsible,
    coUnits: b.coUnits,
    regionCode: r.region_code,
    regionName: b.names.region,
    zoneUnitId: r.zone_unit_id,
    zoneUnitName: b.names.zone,
    parkName: r.park_name,
    linkedLeader: r.linked_leader,
    taskForceId: r.task_force_id,
    taskForceName: b.names.taskForce,
    industryCode: r.industry_code,
    industry: b.industry,
    chainCode: r.chain_code,
    chainName: b.names.chain,
    agreedInvestment: num(r.agreed_investment),
    filedInvestment: num(r.filed_investment),
    fixedAssetInvestment: fixed,
    foreignAmountUsd: num(r.foreign_amount_usd),
    fxRate: r.fx_rate,
    registeredCapital: num(r.registered_capital),
    landAreaMu: land,
    floorAreaM2: r.floor_area_m2,
    investmentIntensity: fixed !== null && land ? Math.round(fixed / land) : null,
    expectedOutput: num(r.expected_output),
    expectedTax: tax,
    expectedTaxPerMu: tax !== null && land ? Math.round(tax / land) : null,
    expectedJobs: r.expected_jobs,
    leasedPlant: r.leased_plant === 1,
    signingKind: r.signing_kind,
    predecessorProjectId: r.predecessor_project_id,
    stage: r.stage,
    stageLabel: stageLabel(r.stage),
    terminated: r.terminated === 1,
    terminatedReason: r.terminated_reason,
    terminatedApprover: r.terminated_approver,
    terminatedOn: r.terminated_on,
    suspended: r.suspended === 1,
    suspendedReason: r.suspended_reason,
    suspendedApprover: r.suspended_approver,
    suspendedOn: r.suspended_on,
    light: lightOf(r.light),
    lightSince: r.light_since,
    physicalProgressPct: r.physical_progress_pct,
    physicalProgressText: r.physical_progress_text,
    description: r.description,
    nextSteps: r.next_steps,
    signingToStartDays:
      r.actual_signed_on && r.actual_started_on ? daysBetween(r.actual_signed_on, r.actual_started_on) : null,
    milestones,
    latestMonthly: b.latestMonthly ? presentMonthly(b.latestMonthly) : null,
    annualPlan: b.plan ? presentPlan(b.plan) : null,
    planProgress,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: projectAbilities(actor, r),
  };
}
