/**
 * Pure shaping of the dashboard's series (no I/O): the functions the charts' data come from. Inputs are plain rows
 * from the repository; outputs are the API shapes, each item with the `drill` descriptor of the records behind it.
 * Amounts arrive in 元 and leave in 亿元 (4 decimals) like every amount indicator.
 */
import type { Drill, SeriesItem, TrendPoint } from '../../../../contracts/schemas/results';
import { round } from '../indicators/indicators.aggregate';
import { targetFraction, timeSequencedTarget } from '../projects/projects.progress';

const yi = (yuan: number) => round(yuan / 1e8, 4);
const pad = (n: number) => String(n).padStart(2, '0');

export type StageBand = { stage: number; zh: string; en: string };

/**
 * The stage funnel: for each band (a stage up to the next band's stage), the projects currently in it, and the
 * projects that reached it or went further (a funnel that only narrows).
 */
export function funnelSeries(
  bands: readonly StageBand[],
  countsByStage: ReadonlyMap<number, number>,
  drill: (stages: number[]) => Drill,
): Array<SeriesItem & { stage: number; reached: number }> {
  const maxStage = 14;
  return bands.map((b, i) => {
    const next = bands[i + 1]?.stage ?? maxStage + 1;
    const stages = Array.from({ length: next - b.stage }, (_, k) => b.stage + k);
    const value = stages.reduce((s, st) => s + (countsByStage.get(st) ?? 0), 0);
    let reached = 0;
    for (const [st, n] of countsByStage) if (st >= b.stage) reached += n;
    return { key: String(b.stage), stage: b.stage, name: b.zh, value, reached, drill: drill(stages) };
  });
}

export type PlanInput = { projectId: string; plan: number; curve: number[] | null };
export type ReportInput = { projectId: string; month: string; ytd: number };

function safeTarget(plan: number, curve: number[] | null, m: number) {
  try {
    return timeSequencedTarget(plan, curve, m);
  } catch {
    return timeSequencedTarget(plan, null, m);
  }
}
function safeFraction(curve: number[] | null, m: number) {
  try {
    return targetFraction(curve, m);
  } catch {
    return targetFraction(null, m);
  }
}

/**
 * Completed investment (1–N月) against 时序进度 for each month of a year, over the projects with an annual plan.
 * A project's figure for month N is its latest report of the year up to N (ytd is cumulative). Months after
 * `asOfMonth` have no actual (null).
 */
export function monthlyTrend(
  year: number,
  plans: readonly PlanInput[],
  reports: readonly ReportInput[],
  asOfMonth: string,
  drill: (month: number) => Drill,
): { plan: number; points: TrendPoint[] } {
  const planned = new Map(plans.map((p) => [p.projectId, p]));
  const byProject = new Map<string, ReportInput[]>();
  for (const r of reports) {
    if (!planned.has(r.projectId) || !r.month.startsWith(`${year}-`)) continue;
    (byProject.get(r.projectId) ?? byProject.set(r.projectId, []).get(r.projectId)!).push(r);
  }
  for (const list of byProject.values()) list.sort((a, b) => (a.month < b.month ? -1 : 1));
  const totalPlan = plans.reduce((s, p) => s + p.plan, 0);
  const points: TrendPoint[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${pad(m)}`;
    const target = plans.reduce((s, p) => s + safeTarget(p.plan, p.curve, m), 0);
    const targetShare =
      totalPlan > 0 ? plans.reduce((s, p) => s + p.plan * safeFraction(p.curve, m), 0) / totalPlan : null;
    let actual: number | null = null;
    if (month <= asOfMonth) {
      actual = 0;
      for (const list of byProject.values()) {
        let latest: ReportInput | undefined;
        for (const r of list) if (r.month <= month) latest = r;
        actual += latest?.ytd ?? 0;
      }
    }
    points.push({
      month,
      actual: actual === null ? null : yi(actual),
      target: yi(target),
      actualRate: actual !== null && totalPlan > 0 ? round((100 * actual) / totalPlan, 1) : null,
      targetRate: targetShare === null ? null : round(100 * targetShare, 1),
      drill: drill(m),
    });
  }
  return { plan: yi(totalPlan), points };
}

export const LIGHT_ORDER = [
  { key: 'red', zh: '红灯', en: 'Red' },
  { key: 'yellow', zh: '黄灯', en: 'Yellow' },
  { key: 'green', zh: '绿灯', en: 'Green' },
  { key: 'none', zh: '未评价', en: 'Not assessed' },
] as const;

/** Projects by current light, always in the order red, yellow, green, not assessed. */
export function lightSeries(
  counts: ReadonlyMap<string, number>,
  drill: (light: string) => Drill,
): SeriesItem[] {
  return LIGHT_ORDER.map((l) => ({
    key: l.key,
    name: l.zh,
    value: counts.get(l.key) ?? 0,
    drill: drill(l.key),
  }));
}

/** Completed investment and plan by region, with the completion rate as `value`, largest completed first. */
export function regionInvestmentSeries(
  rows: ReadonlyArray<{ regionCode: string; completed: number; plan: number }>,
  names: ReadonlyMap<string, string>,
  drill: (region: string) => Drill,
): Array<SeriesItem & { completed: number; plan: number }> {
  const by = new Map<string, { completed: number; plan: number }>();
  for (const r of rows) {
    const g = by.get(r.regionCode) ?? { completed: 0, plan: 0 };
    g.completed += r.completed;
    g.plan += r.plan;
    by.set(r.regionCode, g);
  }
  return [...by.entries()]
    .map(([key, g]) => ({
      key,
      name: names.get(key) ?? key,
      value: g.plan > 0 ? round((100 * g.completed) / g.plan, 1) : null,
      completed: yi(g.completed),
      plan: yi(g.plan),
      drill: drill(key),
    }))
    .sort((a, b) => b.completed - a.completed || a.key.localeCompare(b.key));
}

/** Items in a fixed order with labels, zero where absent. */
export function orderedSeries(
  order: ReadonlyArray<{ key: string; zh: string }>,
  counts: ReadonlyMap<string, number>,
  drill: (key: string) => Drill,
): SeriesItem[] {
  return order.map((o) => ({ key: o.key, name: o.zh, value: counts.get(o.key) ?? 0, drill: drill(o.key) }));
}

/** Days between two dates (to − from). */
export const daysOverdue = (due: string, today: string) =>
  Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
