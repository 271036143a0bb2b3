/**
 * The indicator registry: each indicator is code — its definition (names, unit, periods, breakdowns, direction)
 * and a `collect` function returning the records behind its figure for one period, within a region prefix and
 * the caller's scope. The figure is aggregated from those records (indicators.aggregate.ts), the previous year is
 * recomputed with the same rule, and nothing here is ever typed in by hand.
 *
 * Ledgers: projects (C1), project_monthly / project_annual_plans, problems (C2), reform tasks and milestones
 * (C9, via the reform service), enterprise qualifications (C7, via the enterprises service).
 */
import type { Breakdown, Direction, IndicatorKind, PeriodKind } from '../../../../contracts/schemas/results';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { timeSequencedTarget, targetFraction } from '../projects/projects.progress';
import { daysBetween } from '../projects/projects.rules';
import type { Contribution } from './indicators.aggregate';
import { PROBLEM_RULES, SIGNING_RULES } from './indicators.config';
import { creditSigning } from './indicators.crediting';
import { lastMonth, type Period } from './indicators.periods';
import * as repo from './indicators.repository';
import { REFORM_INDICATORS } from './indicators.reform';
import { ENTERPRISE_INDICATORS } from './indicators.enterprises';

export type CollectCtx = {
  db: Executor;
  period: Period;
  /** The date the figure is taken at: the period's end, or today while it runs. */
  asOf: string;
  /** Region prefix ('3211' for 321100), null = everything in scope. */
  prefix: string | null;
  actor: Actor;
};

export type IndicatorDef = {
  code: string;
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  kind: IndicatorKind;
  direction: Direction;
  periods: readonly PeriodKind[];
  breakdowns: readonly Breakdown[];
  source: 'project' | 'problem' | 'reform_task' | 'reform_milestone' | 'enterprise';
  definition: { zh: string; en: string };
  benchmark?: { zh: string; en: string };
  /**
   * A per-record indicator (a mean over records, e.g. days from signing to groundbreaking): the value lists also
   * carry each record's own value, so "哈汽: 88 days" is read off the same output as the average.
   */
  listsRecords?: boolean;
  /** The web route of one record. */
  link: (c: { id: string; detail: Contribution['detail'] }) => string;
  collect: (ctx: CollectCtx) => Promise<Contribution[]>;
};

const ALL_PERIODS: readonly PeriodKind[] = ['year', 'quarter', 'month', 'cumulative'];
const PROJECT_BREAKDOWNS: readonly Breakdown[] = ['region', 'zone', 'unit', 'chain'];
const projectLink = (c: { id: string }) => `/projects/${c.id}`;

// ── signings ────────────────────────────────────────────────────────────────────────────────────

async function creditedSignings(ctx: CollectCtx): Promise<Contribution[]> {
  const rows = await repo.signedProjects(
    ctx.db,
    ctx,
    ctx.period.start,
    ctx.period.end,
    SIGNING_RULES.categories,
  );
  const out: Contribution[] = [];
  for (const r of rows) {
    const credit = creditSigning({
      category: r.category,
      foreignInvested: r.foreign_invested === 1,
      signingKind: r.signing_kind,
      terminated: r.terminated === 1,
      agreedYuan: r.agreed_investment,
      usd: r.foreign_amount_usd,
      fxRate: r.fx_rate,
      predecessor: r.predecessor_project_id
        ? { agreedYuan: r.pred_agreed, usd: r.pred_usd, fxRate: r.pred_fx }
        : null,
    });
    if (!credit.credited) continue;
    out.push({
      id: r.id,
      entity: 'project',
      name: r.name,
      regionCode: r.region_code,
      unitId: r.responsible_unit_id,
      zoneId: r.zone_unit_id,
      chainCode: r.chain_code,
      date: r.actual_signed_on,
      num: credit.amountYuan,
      den: 1,
      detail: {
        amountYuan: credit.amountYuan,
        agreedYuan: r.agreed_investment,
        usd: credit.usd === null ? null : Math.round(credit.usd),
        fxRate: r.fx_rate,
        basis: credit.basis,
        signingKind: r.signing_kind,
        predecessor: r.pred_name,
        terminated: r.terminated === 1,
      },
    });
  }
  return out;
}

const asCount = (list: Contribution[]) => list.map((c) => ({ ...c, num: 1 }));

// ── progress ────────────────────────────────────────────────────────────────────────────────────

function parseCurve(s: string | null): number[] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) && v.length === 12 && v.every((x) => typeof x === 'number')
      ? (v as number[])
      : null;
  } catch {
    return null;
  }
}

/**
 * 投资完成率 at the period's last month (capped at the as-of month): Σ 1–N月 completed ÷ Σ annual plan, with the
 * 时序进度 (Σ plan × curve[N]) beside it. A project's 1–N月 figure is its latest report of the year up to month N.
 */
async function completionRecords(ctx: CollectCtx): Promise<Contribution[]> {
  const year = ctx.period.year;
  const asOfMonth = ctx.asOf.slice(0, 7);
  const upto = lastMonth(ctx.period) < asOfMonth ? lastMonth(ctx.period) : asOfMonth;
  if (upto < `${year}-01`) return [];
  const m = Number(upto.slice(5, 7));
  const [plans, reports] = await Promise.all([
    repo.annualPlans(ctx.db, ctx, year),
    repo.monthlyReports(ctx.db, ctx, year, upto),
  ]);
  const latest = new Map<string, repo.MonthlyRow>();
  for (const r of reports) latest.set(r.project_id, r);
  return plans.map((p) => {
    const report = latest.get(p.id);
    const ytd = report?.ytd_investment ?? 0;
    const curve = parseCurve(p.curve);
    let target: number;
    try {
      target = timeSequencedTarget(p.plan_investment, curve, m);
    } catch {
      target = timeSequencedTarget(p.plan_investment, null, m);
    }
    return {
      id: p.id,
      entity: 'project',
      name: p.name,
      regionCode: p.region_code,
      unitId: p.responsible_unit_id,
      zoneId: p.zone_unit_id,
      chainCode: p.chain_code,
      date: report?.month ?? null,
      num: ytd,
      den: p.plan_investment,
      bench: target,
      detail: {
        planYuan: p.plan_investment,
        ytdYuan: ytd,
        targetYuan: target,
        targetRate: Math.round(targetFraction(curve && curve.length === 12 ? curve : null, m) * 1000) / 10,
        reportMonth: report?.month ?? null,
        asOfMonth: upto,
      },
    };
  });
}

// ── problems ────────────────────────────────────────────────────────────────────────────────────

/** ISO timestamp → the China-time calendar date. */
export const cstDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

async function problemRecords(ctx: CollectCtx): Promise<Contribution[]> {
  const rows = await repo.problemsDue(ctx.db, ctx, ctx.period.start, ctx.period.end);
  const out: Contribution[] = [];
  for (const r of rows) {
    const doneAt = PROBLEM_RULES.doneStatuses.includes(r.status) ? (r.resolved_at ?? r.closed_at) : null;
    const doneOn = doneAt ? cstDate(doneAt) : null;
    const doneByAsOf = doneOn !== null && doneOn <= ctx.asOf;
    if (PROBLEM_RULES.excludedStatuses.includes(r.status)) continue;
    // Counted once its deadline has passed (by the as-of date) or it was done (by then).
    if (!(r.due_on < ctx.asOf || doneByAsOf)) continue;
    const onTime = doneByAsOf && doneOn! <= r.due_on;
    out.push({
      id: r.id,
      entity: 'problem',
      name: r.title,
      regionCode: r.region_code,
      unitId: r.owner_unit_id,
      zoneId: null,
      chainCode: null,
      date: r.due_on,
      num: onTime ? 1 : 0,
      den: 1,
      detail: { dueOn: r.due_on, doneOn: doneByAsOf ? doneOn : null, onTime, status: r.status },
    });
  }
  return out;
}

// ── the registry ────────────────────────────────────────────────────────────────────────────────

const PROJECT_INDICATORS: IndicatorDef[] = [
  {
    code: 'signed_major_count',
    label: { zh: '新签约亿元以上项目个数', en: 'New signed projects of ≥ CNY 100 million' },
    unit: { zh: '个', en: 'projects' },
    kind: 'count',
    direction: 'higher',
    periods: ALL_PERIODS,
    breakdowns: PROJECT_BREAKDOWNS,
    source: 'project',
    definition: {
      zh: '统计期内首次签约的产业类项目中，内资协议投资1亿元以上或外资1000万美元以上（按签约时汇率）的项目个数；升格、增资项目按增量计，重复签约不重复统计；签约后终止的项目仍计入签约当期。',
      en: 'Industrial projects first signed in the period with ≥ CNY 100 million agreed (domestic) or ≥ USD 10 million (foreign, FX at signing); upgrades and capital increases count their increment, repeated signings never count twice; projects terminated after signing still count in their signing period.',
    },
    link: projectLink,
    collect: async (ctx) => asCount(await creditedSignings(ctx)),
  },
  {
    code: 'signed_major_investment',
    label: { zh: '新签约亿元以上项目总投资', en: 'Investment of new signed projects of ≥ CNY 100 million' },
    unit: { zh: '亿元', en: 'CNY 100 million' },
    kind: 'amount',
    direction: 'higher',
    periods: ALL_PERIODS,
    breakdowns: PROJECT_BREAKDOWNS,
    source: 'project',
    definition: {
      zh: '新签约亿元以上项目的协议投资额合计（外资项目按签约时汇率折算人民币；升格、增资项目只计增量），以亿元显示、以元存储。',
      en: 'Sum of the agreed investment of the projects counted by signed_major_count (foreign projects at the signing rate; upgrades and capital increases only the increment), shown in CNY 100 million, stored in yuan.',
    },
    link: projectLink,
    collect: creditedSignings,
  },
  {
    code: 'signing_to_start_days',
    label: { zh: '签约至开工平均天数', en: 'Average days from signing to groundbreaking' },
    unit: { zh: '天', en: 'days' },
    kind: 'mean',
    direction: 'lower',
    periods: ALL_PERIODS,
    breakdowns: PROJECT_BREAKDOWNS,
    source: 'project',
    listsRecords: true,
    definition: {
      zh: '统计期内开工的项目，从实际签约日期到实际开工日期的自然日数的平均值（逐项列出每个项目的天数）。',
      en: 'For projects that broke ground in the period: the mean of calendar days from the actual signing date to the actual start date (each project listed with its days).',
    },
    link: projectLink,
    collect: async (ctx) => {
      const rows = await repo.startedProjects(ctx.db, ctx, ctx.period.start, ctx.period.end);
      return rows
        .filter((r) => r.actual_signed_on && r.actual_signed_on <= r.actual_started_on)
        .map((r) => {
          const days = daysBetween(r.actual_signed_on!, r.actual_started_on);
          return {
            id: r.id,
            entity: 'project',
            name: r.name,
            regionCode: r.region_code,
            unitId: r.responsible_unit_id,
            zoneId: r.zone_unit_id,
            chainCode: r.chain_code,
            date: r.actual_started_on,
            num: days,
            den: 1,
            detail: { days, signedOn: r.actual_signed_on, startedOn: r.actual_started_on },
          };
        });
    },
  },
  {
    code: 'projects_started',
    label: { zh: '新开工项目个数', en: 'Projects started' },
    unit: { zh: '个', en: 'projects' },
    kind: 'count',
    direction: 'higher',
    periods: ALL_PERIODS,
    breakdowns: PROJECT_BREAKDOWNS,
    source: 'project',
    definition: {
      zh: '实际开工日期在统计期内的项目个数（含提前开工项目）。',
      en: 'Projects whose actual start date falls in the period (including those started ahead of plan).',
    },
    link: projectLink,
    collect: async (ctx) => {
      const rows = await repo.startedProjects(ctx.db, ctx, ctx.period.start, ctx.period.end);
      return rows.map((r) => ({
        id: r.id,
        entity: 'project',
        name: r.name,
        regionCode: r.region_code,
        unitId: r.responsible_unit_id,
        zoneId: r.zone_unit_id,
        chainCode: r.chain_code,
        date: r.actual_started_on,
        num: 1,
        den: 1,
        detail: {
          startedOn: r.actual_started_on,
          plannedStartOn: r.planned_started_on,
          ahead: r.planned_started_on ? r.actual_started_on < r.planned_started_on : null,
        },
      }));
    },
  },
  {
    code: 'investment_completion_rate',
    label: { zh: '投资完成率', en: 'Investment completion rate' },
    unit: { zh: '%', en: '%' },
    kind: 'rate',
    direction: 'higher',
    periods: ALL_PERIODS,
    breakdowns: PROJECT_BREAKDOWNS,
    source: 'project',
    benchmark: { zh: '时序进度', en: 'Time-sequenced target' },
    definition: {
      zh: '列入年度计划的项目，1–N月累计完成投资之和除以年度计划投资之和；N为统计期最后一个月（统计期未结束时为当前月）。与时序进度（年度计划×时序曲线，默认按月均分）对照。',
      en: 'For projects with an annual plan: Σ year-to-date completed investment ÷ Σ annual plan, at the last month of the period (the current month while it runs); shown against the time-sequenced target (plan × curve, linear by default).',
    },
    link: projectLink,
    collect: completionRecords,
  },
  {
    code: 'problems_closed_on_time_rate',
    label: { zh: '问题按期办结率', en: 'Problems closed on time' },
    unit: { zh: '%', en: '%' },
    kind: 'rate',
    direction: 'higher',
    periods: ALL_PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'problem',
    definition: {
      zh: '办结时限在统计期内、且已到期或已办结的问题中，在时限内办结（已办结或已销号）的比例；挂起的问题不计。',
      en: 'Of the problems due in the period (past due or already done by the as-of date), the share done (resolved or closed) on or before the deadline; problems on hold are left out.',
    },
    link: (c) => `/problems/${c.id}`,
    collect: problemRecords,
  },
];

export const INDICATORS: IndicatorDef[] = [
  ...PROJECT_INDICATORS,
  ...REFORM_INDICATORS,
  ...ENTERPRISE_INDICATORS,
];
const BY_CODE = new Map(INDICATORS.map((d) => [d.code, d]));
export const indicatorDef = (code: string) => BY_CODE.get(code) ?? null;
