/**
 * The project ledger as OC4IDS (Open Contracting for Infrastructure Data Standard), pure — domain.md §10.1.
 * Schema: open-contracting/infrastructure, schema/project-level/project-schema.json and project-package-schema.json;
 * codelists projectStatus, projectType, partyRole, metricID under schema/project-level/codelists/.
 *
 * Mapping decisions (a city changes OC4IDS_ID_PREFIX and the party-role choices here):
 * - id: 'cn-fai-' + 投资项目代码, or + the ledger number before a code is assigned; both also in `identifiers`;
 * - status from the stage: 0–4 identification (招商 stages, pre-OC4IDS), 5–7 preparation, 8–10 implementation,
 *   11–13 completion, 14 completed; 终止 → cancelled (暂缓 has no OC4IDS code: it keeps its stage's status);
 * - type from 建设性质: 新建/迁建 → construction, 扩建 → expansion, 改建/技术改造 → rehabilitation (approximate);
 * - budget.amount in CNY yuan: filed (备案) investment, else agreed, else USD × the signing rate; annual plans
 *   as budgetBreakdown; approvalDate = the filing date;
 * - locations: the GB/T 2260 gazetteer code of the county-level location (+ park name);
 * - additionalClassifications: GB/T 4754-2017 (section letter + 4 digits) and the ledger's category; sector
 *   'economy' for industrial / innovation / service projects (projectSector is infrastructure-oriented);
 * - parties: investor → funder (+ local role 'investor'), project company → local role 'projectCompany'
 *   (partyRole is an open codelist), responsible unit → administrativeEntity, zone committee → publicAuthority;
 *   organisations with a 统一社会信用代码 get the id 'CN-USCC-<code>' (scheme 'CN-USCC'; the org-id.guide prefix
 *   for China is unconfirmed, domain.md §10.2);
 * - completion (from 竣工): endDate, finalValue = the latest since-start completed investment;
 * - metrics: physicalProgress (形象进度 %, each monthly report) and financialProgress (1–N月 completed investment,
 *   actual per report and planned = 时序进度 of the annual plan), after the OCDS metrics extension.
 */
export const OC4IDS_VERSION = '0.9';
export const OC4IDS_ID_PREFIX = 'cn-fai-';

export type ProjectFacts = {
  id: string;
  internalId: string;
  projectCode: string | null;
  name: string;
  description: string | null;
  category: string;
  categoryLabel: string;
  constructionNature: string | null;
  stage: number;
  terminated: boolean;
  regionCode: string;
  regionName: string | null;
  parkName: string | null;
  industryCode: string | null;
  industrySection: string | null;
  industryName: string | null;
  investor: { name: string; creditCode: string | null } | null;
  company: { name: string; creditCode: string | null } | null;
  responsibleUnit: { id: string; name: string } | null;
  zoneUnit: { id: string; name: string } | null;
  agreedYuan: number | null;
  filedYuan: number | null;
  usd: number | null;
  fxRate: number | null;
  filedOn: string | null;
  plannedStartOn: string | null;
  startedOn: string | null;
  plannedCompletedOn: string | null;
  completedOn: string | null;
  updatedAt: string;
  plans: Array<{ year: number; planYuan: number; target: (month: number) => number }>;
  monthly: Array<{ month: string; ytdYuan: number; cumulativeYuan: number; physicalPct: number | null }>;
};

/** A calendar date as an OC4IDS date-time, in China Standard Time. */
export const dateTime = (d: string) => `${d}T00:00:00+08:00`;
const monthEnd = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return `${m}-${String(new Date(Date.UTC(y, mm, 0)).getUTCDate()).padStart(2, '0')}`;
};

export function statusOf(stage: number, terminated: boolean): string {
  if (terminated) return 'cancelled';
  if (stage >= 14) return 'completed';
  if (stage >= 11) return 'completion';
  if (stage >= 8) return 'implementation';
  if (stage >= 5) return 'preparation';
  return 'identification';
}

const TYPE_OF: Record<string, string> = {
  new: 'construction',
  relocation: 'construction',
  expansion: 'expansion',
  renovation: 'rehabilitation',
  tech_upgrade: 'rehabilitation',
};
const ECONOMY = new Set(['industrial', 'innovation', 'service']);

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const partyId = (name: string, creditCode: string | null, fallback: string) =>
  creditCode ? `CN-USCC-${creditCode}` : fallback;

export function toOc4idsProject(p: ProjectFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: `${OC4IDS_ID_PREFIX}${p.projectCode ?? p.internalId}`,
    identifiers: [
      ...(p.projectCode ? [{ id: p.projectCode, scheme: 'CN-FAI' }] : []),
      { id: p.internalId, scheme: 'gongjian-ledger' },
    ],
    updated: p.updatedAt,
    title: p.name,
    status: statusOf(p.stage, p.terminated),
  };
  if (p.description) out.description = p.description;
  const type = p.constructionNature ? TYPE_OF[p.constructionNature] : undefined;
  if (type) out.type = type;
  if (ECONOMY.has(p.category)) out.sector = ['economy'];

  const start = p.startedOn ?? p.plannedStartOn;
  const end = p.completedOn ?? p.plannedCompletedOn;
  if (start || end)
    out.period = {
      ...(start ? { startDate: dateTime(start) } : {}),
      ...(end ? { endDate: dateTime(end) } : {}),
    };

  const classifications: Array<Record<string, string>> = [
    { scheme: 'gongjian-project-category', id: p.category, description: p.categoryLabel },
  ];
  if (p.industryCode)
    classifications.unshift({
      scheme: 'GB/T 4754-2017',
      id: `${p.industrySection ?? ''}${p.industryCode}`,
      ...(p.industryName ? { description: p.industryName } : {}),
    });
  out.additionalClassifications = classifications;

  out.locations = [
    {
      id: '1',
      description: [p.regionName, p.parkName].filter(Boolean).join(' ') || p.regionCode,
      gazetteer: { scheme: 'GB/T 2260', identifiers: [p.regionCode] },
      address: { ...(p.regionName ? { region: p.regionName } : {}), countryName: '中国' },
    },
  ];

  const total =
    p.filedYuan ?? p.agreedYuan ?? (p.usd !== null && p.fxRate ? Math.round(p.usd * p.fxRate) : null);
  const budget: Record<string, unknown> = {};
  if (total !== null) budget.amount = cny(total);
  if (p.filedOn) budget.approvalDate = dateTime(p.filedOn);
  if (p.plans.length)
    budget.budgetBreakdown = p.plans.map((pl) => ({
      id: `plan-${pl.year}`,
      description: `${pl.year}年度计划投资`,
      amount: cny(pl.planYuan),
      period: { startDate: dateTime(`${pl.year}-01-01`), endDate: dateTime(`${pl.year}-12-31`) },
    }));
  if (Object.keys(budget).length) out.budget = budget;

  const parties: Array<Record<string, unknown>> = [];
  const org = (name: string, creditCode: string | null, fallback: string, roles: string[]) =>
    parties.push({
      id: partyId(name, creditCode, fallback),
      name,
      ...(creditCode ? { identifier: { scheme: 'CN-USCC', id: creditCode, legalName: name } } : {}),
      roles,
    });
  if (p.investor)
    org(p.investor.name, p.investor.creditCode, `gongjian-investor-${p.id}`, ['funder', 'investor']);
  if (p.company) {
    const id = partyId(p.company.name, p.company.creditCode, `gongjian-company-${p.id}`);
    const same = parties.find((x) => x.id === id);
    if (same) (same.roles as string[]).push('projectCompany');
    else org(p.company.name, p.company.creditCode, `gongjian-company-${p.id}`, ['projectCompany']);
  }
  if (p.responsibleUnit)
    parties.push({
      id: `gongjian-unit-${p.responsibleUnit.id}`,
      name: p.responsibleUnit.name,
      roles: ['administrativeEntity'],
    });
  if (p.zoneUnit) {
    const id = `gongjian-unit-${p.zoneUnit.id}`;
    const same = parties.find((x) => x.id === id);
    if (same) (same.roles as string[]).push('publicAuthority');
    else parties.push({ id, name: p.zoneUnit.name, roles: ['publicAuthority'] });
  }
  if (parties.length) out.parties = parties;

  const latest = p.monthly[p.monthly.length - 1];
  if (p.stage >= 11 && p.completedOn) {
    out.completion = {
      endDate: dateTime(p.completedOn),
      ...(p.plannedCompletedOn && p.plannedCompletedOn !== p.completedOn
        ? { endDateDetails: `计划竣工日期 ${p.plannedCompletedOn}，实际 ${p.completedOn}` }
        : {}),
      ...(latest
        ? {
            finalValue: cny(latest.cumulativeYuan),
            finalValueDetails: `截至 ${latest.month} 开工以来累计完成投资${total !== null ? `；项目总投资 ${total} 元` : ''}`,
          }
        : {}),
    };
  }

  const metrics: Array<Record<string, unknown>> = [];
  const physical = p.monthly.filter((r) => r.physicalPct !== null);
  if (physical.length)
    metrics.push({
      id: 'physicalProgress',
      title: '形象进度',
      observations: physical.map((r) => ({
        id: `physical-${r.month}`,
        period: { startDate: dateTime(`${r.month}-01`), endDate: dateTime(monthEnd(r.month)) },
        measure: r.physicalPct,
        unit: { name: 'percent' },
      })),
    });
  const financial: Array<Record<string, unknown>> = [];
  for (const r of p.monthly)
    financial.push({
      id: `financial-actual-${r.month}`,
      period: { startDate: dateTime(`${r.month.slice(0, 4)}-01-01`), endDate: dateTime(monthEnd(r.month)) },
      value: cny(r.ytdYuan),
      dimensions: { series: 'actual', basis: 'yearToDate' },
    });
  for (const pl of p.plans)
    for (let m = 1; m <= 12; m++) {
      const month = `${pl.year}-${String(m).padStart(2, '0')}`;
      financial.push({
        id: `financial-planned-${month}`,
        period: { startDate: dateTime(`${pl.year}-01-01`), endDate: dateTime(monthEnd(month)) },
        value: cny(pl.target(m)),
        dimensions: { series: 'planned', basis: 'yearToDate' },
      });
    }
  if (financial.length)
    metrics.push({ id: 'financialProgress', title: '投资完成进度（1–N月累计）', observations: financial });
  if (metrics.length) out.metrics = metrics;
  return out;
}

export function toPackage(
  projects: Array<Record<string, unknown>>,
  meta: { uri: string; publisher: string; publishedDate: string },
) {
  return {
    uri: meta.uri,
    version: OC4IDS_VERSION,
    publishedDate: meta.publishedDate,
    publisher: { name: meta.publisher },
    projects,
  };
}
