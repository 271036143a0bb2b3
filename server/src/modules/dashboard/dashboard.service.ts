import { QUALIFICATION_TYPES, QUALIFICATION_TYPE_LABELS } from '../../../../contracts/schemas/enterprises';
import type { Dashboard, Drill } from '../../../../contracts/schemas/results';
import { regionPrefix, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { todayCst } from '../../core/clock';
import type { Db } from '../../db/database';
import { getCounts } from '../enterprises/enterprises.service';
import { FUNNEL_STAGES, PROBLEM_RULES } from '../indicators/indicators.config';
import { asOfDate, parsePeriod } from '../indicators/indicators.periods';
import {
  drillOf,
  evaluateFigure,
  figure,
  homeRegion,
  reformStatusCounts,
  targetOf,
} from '../indicators/indicators.service';
import { indicatorDef } from '../indicators/indicators.registry';
import * as repo from './dashboard.repository';
import {
  daysOverdue,
  funnelSeries,
  lightSeries,
  monthlyTrend,
  orderedSeries,
  regionInvestmentSeries,
} from './dashboard.series';

/**
 * 驾驶舱: the year's headline cards (indicators with 同比 and targets), the stage funnel, investment by district,
 * the monthly trend against 时序进度, lights, overdue problems, enterprises by tier and reform tasks by status.
 * Every figure carries a `drill` descriptor naming the endpoint and filter that list its records.
 */
type Deps = { db: Db };

/** The headline cards, in display order. */
export const CARD_CODES = [
  'signed_major_investment',
  'signed_major_count',
  'projects_started',
  'signing_to_start_days',
  'investment_completion_rate',
  'problems_closed_on_time_rate',
  'reform_tasks_on_time_rate',
  'reform_milestones_overdue',
  'new_hitech_enterprises',
  'new_unicorns',
  'new_gazelles',
  'new_specialized_smes',
];

const parseCurve = (s: string | null) => {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) && v.length === 12 && v.every((x) => typeof x === 'number')
      ? (v as number[])
      : null;
  } catch {
    return null;
  }
};
const pad = (n: number) => String(n).padStart(2, '0');

export async function getDashboard(
  deps: Deps,
  actor: Actor,
  q: { year?: number; region?: string },
  today = todayCst(),
): Promise<Dashboard> {
  requirePermission(actor, 'indicator:read');
  const prefix = q.region ? regionPrefix(q.region) : null;
  const thisYear = Number(today.slice(0, 4));
  const latest = q.year === undefined ? await repo.latestReportYear(deps.db, { actor, prefix }) : null;
  const year = q.year ?? (latest !== null && latest < thisYear ? latest : thisYear);
  const period = parsePeriod(String(year))!;
  const region = q.region ?? (await homeRegion(deps.db, actor));
  const f = { actor, prefix };
  const asOf = asOfDate(period, today);
  const asOfMonth = asOf.slice(0, 7);
  const regionQuery: Record<string, string> = q.region ? { regionCode: q.region } : {};

  const cards: Dashboard['cards'] = [];
  let completionRecords: Awaited<ReturnType<typeof figure>>['current'] = [];
  for (const code of CARD_CODES) {
    const def = indicatorDef(code);
    if (!def) continue;
    const fig = await figure(deps.db, actor, def, period, prefix, today);
    const e = evaluateFigure(fig);
    if (code === 'investment_completion_rate') completionRecords = fig.current;
    cards.push({
      code,
      name: def.label.zh,
      label: def.label,
      unit: def.unit.zh,
      value: e.value,
      previous: e.previous,
      yoy: e.yoy,
      target: await targetOf(deps.db, def, period.year, region, e.value),
      locked: fig.locked,
      drill: drillOf(code, period.key, q.region ?? null),
    });
  }

  const projectsDrill = (query: Record<string, string>): Drill => ({
    endpoint: '/api/v1/projects',
    query: { ...regionQuery, ...query },
  });
  const funnel = funnelSeries(FUNNEL_STAGES, await repo.stageCounts(deps.db, f), (stages) =>
    projectsDrill({ stage: stages.join(','), terminated: 'false' }),
  );

  const names = await repo.regionNames(
    deps.db,
    completionRecords.map((c) => c.regionCode),
  );
  const investmentByRegion = regionInvestmentSeries(
    completionRecords.map((c) => ({ regionCode: c.regionCode, completed: c.num, plan: c.den })),
    names,
    (r) => drillOf('investment_completion_rate', period.key, r),
  );

  const upto = `${year}-12` < asOfMonth ? `${year}-12` : asOfMonth;
  const [planRows, reportRows] = await Promise.all([
    repo.plans(deps.db, f, year),
    repo.reports(deps.db, f, year, upto),
  ]);
  const trend = monthlyTrend(
    year,
    planRows.map((p) => ({ projectId: p.id, plan: p.plan_investment, curve: parseCurve(p.curve) })),
    reportRows.map((r) => ({ projectId: r.project_id, month: r.month, ytd: r.ytd_investment })),
    upto,
    (m) => drillOf('investment_completion_rate', `${year}-01..${pad(m)}`, q.region ?? null),
  );

  const lights = lightSeries(await repo.lightCounts(deps.db, f), (light) =>
    projectsDrill(
      light === 'none'
        ? { stageFrom: '3', terminated: 'false' }
        : { light, stageFrom: '3', terminated: 'false' },
    ),
  );

  const overdue = await repo.overdueProblems(deps.db, f, today, PROBLEM_RULES.overdueStatuses);
  const overdueProblems = {
    count: overdue.length,
    top: overdue
      .map((p) => ({
        id: p.id,
        title: p.title,
        regionCode: p.region_code,
        ownerUnitName: p.owner_unit_name,
        dueOn: p.due_on!,
        daysOverdue: daysOverdue(p.due_on!, today),
        escalationLevel: p.escalation_level,
        link: `/problems/${p.id}`,
      }))
      .slice(0, 10),
    drill: { endpoint: '/api/v1/problems', query: { ...regionQuery, overdue: 'true' } },
  };

  const counts = await getCounts(deps, actor, { year, regionCode: q.region });
  const byTier = new Map<string, number>();
  for (const r of counts.byTierLevel) byTier.set(r.tier, (byTier.get(r.tier) ?? 0) + r.count);
  const enterprisesByTier = orderedSeries(
    QUALIFICATION_TYPES.map((t) => ({ key: t, zh: QUALIFICATION_TYPE_LABELS[t].zh })),
    byTier,
    (type) => ({
      endpoint: '/api/v1/enterprises/qualifications',
      query: { ...regionQuery, type, grantedYear: String(year), isNew: 'true' },
    }),
  );

  const reform = await reformStatusCounts(deps.db, actor, prefix, period, asOf);
  const reformByStatus = orderedSeries(reform.order, reform.counts, (status) => ({
    endpoint: '/api/v1/reform/tasks',
    query: { ...regionQuery, status },
  }));

  return {
    year,
    period: period.key,
    regionCode: region,
    regionName: region ? ((await repo.regionNames(deps.db, [region])).get(region) ?? null) : null,
    asOf,
    cards,
    funnel,
    investmentByRegion,
    trend,
    lights,
    overdueProblems,
    enterprisesByTier,
    reformByStatus,
  };
}
