import type {
  FiredRule,
  LightColor,
  LightEvaluation,
  LightRule,
  RuleSetParams,
} from '../../../../contracts/schemas/lights';
import { curveProblem, targetFraction, timeSequencedTarget } from '../projects/projects.progress';
import { formatDateZh, formatYuanEn, formatYuanZh, pct } from './lights.format';

/**
 * The 红黄绿灯 engine: a pure function of a rule set, a project's facts and a date. No I/O, no clock — the
 * service gathers the facts and decides what to store. Every rule kind of domain.md §1.6 is here; the
 * thresholds come from the rule set, never from code.
 */

/** What the engine needs to know about one project. Money in integer 元, dates 'YYYY-MM-DD', months 'YYYY-MM'. */
export type LightFacts = {
  project: {
    signedOn: string | null;
    plannedStartOn: string | null;
    startedOn: string | null;
    statsEnrolledOn: string | null;
    completedOn: string | null;
    terminated: boolean;
    suspended: boolean;
    /** Filed (备案) investment, else agreed; null when unknown. */
    totalInvestment: number | null;
  };
  /** Monthly reports: the year-to-date investment as reported for each month. */
  monthly: Array<{ month: string; ytd: number }>;
  /** Annual plans with their time-sequenced curve (12 cumulative fractions; null = linear). */
  plans: Array<{ year: number; planInvestment: number; curve: number[] | null }>;
};

export type RuleSetLike = { params: RuleSetParams };

// ---------------------------------------------------------------------------------------------- dates

const pad = (n: number) => String(n).padStart(2, '0');
export const monthOf = (date: string) => date.slice(0, 7);
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthFromIndex = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
export const addMonths = (month: string, n: number) => monthFromIndex(monthIndex(month) + n);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const endOfMonth = (month: string) =>
  `${month}-${pad(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))))}`;

/** The same day n calendar months later, clamped to the month's end (01-31 + 1 month → 02-28). */
export function addMonthsToDate(date: string, n: number): string {
  const target = addMonths(monthOf(date), n);
  const day = Math.min(
    Number(date.slice(8, 10)),
    daysInMonth(Number(target.slice(0, 4)), Number(target.slice(5, 7))),
  );
  return `${target}-${pad(day)}`;
}
const dayMs = 86_400_000;
const utc = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
export const addDays = (date: string, n: number) =>
  new Date(utc(date) + n * dayMs).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / dayMs);

// ------------------------------------------------------------------------------------ 时序进度 target

/**
 * The share of the annual plan due by the end of `month` (1–12), domain.md §1.6: the plan's curve, or linear
 * (m / 12) without one. The definition is the projects module's (projects.progress.ts); a curve it would
 * reject counts as no curve here, so a bad row never stops the lights.
 */
export function timeSequencedFraction(curve: readonly number[] | null, month: number): number {
  return targetFraction(curve && !curveProblem(curve) ? curve : null, month);
}

export { timeSequencedTarget };

/**
 * The monthly report a light is computed on. The report of month M is due on `reportDueDay` of M+1; until
 * then M−1 is the latest month that must have been reported. A report that came in before its deadline
 * counts at once; a report for the current month (not yet over) does not.
 * With 1–2月 reported together, January is never evaluated on its own: December stays in force.
 */
export function evaluationMonth(
  params: Pick<RuleSetParams, 'reportDueDay' | 'combineJanFeb'>,
  asOf: string,
  monthly: LightFacts['monthly'],
): string {
  const current = monthOf(asOf);
  const day = Number(asOf.slice(8, 10));
  const due = addMonths(current, day > params.reportDueDay ? -1 : -2);
  let latest: string | null = null;
  // a month cannot have been reported before it ended: the current month's figures (if any) wait
  for (const r of monthly) if (r.month < current && (!latest || r.month > latest)) latest = r.month;
  let m = latest && latest > due ? latest : due;
  if (params.combineJanFeb && m.endsWith('-01')) m = addMonths(m, -1);
  return m;
}

/** The months a consecutive-months rule looks at: `month` and the n−1 evaluation months before it. */
export function previousEvaluationMonths(
  params: Pick<RuleSetParams, 'combineJanFeb'>,
  month: string,
  n: number,
): string[] {
  const out = [month];
  let m = month;
  while (out.length < n) {
    m = addMonths(m, -1);
    if (params.combineJanFeb && m.endsWith('-01')) m = addMonths(m, -1);
    out.push(m);
  }
  return out;
}

export type ProgressFigures = {
  month: string;
  planInvestment: number;
  target: number;
  actual: number;
  targetPct: number;
  actualPct: number;
  gapPp: number;
  ratio: number | null;
  relGap: number | null;
};

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/**
 * Progress at the end of `month` against the year's plan: actual = the year-to-date figure of the latest
 * report of that year up to the month (a missing report carries the last one forward; none at all is 0).
 * Null when the year has no plan (nothing to measure).
 */
export function progressAt(facts: LightFacts, month: string): ProgressFigures | null {
  const year = Number(month.slice(0, 4));
  const monthNo = Number(month.slice(5, 7));
  const plan = facts.plans.find((p) => p.year === year);
  if (!plan || !(plan.planInvestment > 0)) return null;
  const fraction = timeSequencedFraction(plan.curve, monthNo);
  const target = plan.planInvestment * fraction;
  let actual = 0;
  let at = '';
  for (const r of facts.monthly)
    if (r.month.startsWith(`${year}-`) && r.month <= month && r.month > at) {
      at = r.month;
      actual = r.ytd;
    }
  const targetPct = fraction * 100;
  const actualPct = (actual / plan.planInvestment) * 100;
  return {
    month,
    planInvestment: plan.planInvestment,
    target: Math.round(target),
    actual,
    targetPct: round(targetPct, 6),
    actualPct: round(actualPct, 6),
    gapPp: round(targetPct - actualPct, 6),
    ratio: target > 0 ? round(actual / target, 6) : null,
    relGap: target > 0 ? round((target - actual) / target, 6) : null,
  };
}

type Bounds = { gte?: number; gt?: number; lte?: number; lt?: number };
/** Whether a measure satisfies every bound given; boundaries are exactly as the rule states them. */
export function inBand(value: number, b: Bounds): boolean {
  if (b.gte !== undefined && !(value >= b.gte)) return false;
  if (b.gt !== undefined && !(value > b.gt)) return false;
  if (b.lte !== undefined && !(value <= b.lte)) return false;
  if (b.lt !== undefined && !(value < b.lt)) return false;
  return true;
}

// ------------------------------------------------------------------------------------------- rules

type Outcome = { figures: FiredRule['figures']; message: { zh: string; en: string } } | null;
type At = { month: string; date: string };

function progressMessage(f: ProgressFigures, tail: { zh: string; en: string }) {
  return {
    zh:
      `${formatDateZh(f.month)}累计完成投资${formatYuanZh(f.actual)}，占年度计划${formatYuanZh(f.planInvestment)}的${pct(f.actualPct)}%；` +
      `时序进度目标${formatYuanZh(f.target)}（${pct(f.targetPct)}%）${tail.zh}`,
    en:
      `By ${f.month}: ${formatYuanEn(f.actual)} invested, ${pct(f.actualPct)}% of the annual plan of ${formatYuanEn(f.planInvestment)}; ` +
      `time-sequenced target ${formatYuanEn(f.target)} (${pct(f.targetPct)}%)${tail.en}`,
  };
}

function progressFiguresOut(f: ProgressFigures): FiredRule['figures'] {
  return {
    month: f.month,
    planInvestment: f.planInvestment,
    target: f.target,
    actual: f.actual,
    targetPct: round(f.targetPct, 2),
    actualPct: round(f.actualPct, 2),
    gapPp: round(f.gapPp, 2),
    ratio: f.ratio === null ? null : round(f.ratio, 4),
    relGap: f.relGap === null ? null : round(f.relGap, 4),
  };
}

/** One non-consecutive rule at one point in time: the evaluation month (progress) and a date (start, statistics). */
function evaluateAt(
  rule: Exclude<LightRule, { kind: 'consecutive_months' }>,
  facts: LightFacts,
  at: At,
): Outcome {
  const p = facts.project;
  switch (rule.kind) {
    case 'pp_gap':
    case 'ratio':
    case 'rel_gap': {
      const f = progressAt(facts, at.month);
      if (!f) return null;
      if (rule.params.minPlanInvestment !== undefined && f.planInvestment < rule.params.minPlanInvestment)
        return null;
      if (rule.kind === 'pp_gap') {
        if (!inBand(f.gapPp, rule.params)) return null;
        return {
          figures: progressFiguresOut(f),
          message: progressMessage(f, {
            zh: `，落后${pct(f.gapPp)}个百分点`,
            en: `; behind by ${pct(f.gapPp)} percentage points`,
          }),
        };
      }
      if (rule.kind === 'ratio') {
        if (f.ratio === null || !inBand(f.ratio, rule.params)) return null;
        return {
          figures: progressFiguresOut(f),
          message: progressMessage(f, {
            zh: `，完成时序进度的${pct(f.ratio * 100)}%`,
            en: `; ${pct(f.ratio * 100)}% of the target achieved`,
          }),
        };
      }
      if (f.relGap === null || !inBand(f.relGap, rule.params)) return null;
      return {
        figures: progressFiguresOut(f),
        message: progressMessage(f, {
          zh: `，低于时序进度${pct(f.relGap * 100)}%`,
          en: `; ${pct(f.relGap * 100)}% below the target`,
        }),
      };
    }
    case 'start_overdue': {
      if (!p.plannedStartOn) return null;
      if (p.startedOn && p.startedOn <= at.date) return null;
      const deadline = addDays(p.plannedStartOn, rule.params.graceDays);
      if (!(at.date > deadline)) return null;
      const monthsOverdue = monthIndex(monthOf(at.date)) - monthIndex(monthOf(p.plannedStartOn)) + 1;
      if (monthsOverdue < rule.params.minMonths) return null;
      const days = daysBetween(p.plannedStartOn, at.date);
      return {
        figures: {
          plannedStartOn: p.plannedStartOn,
          asOf: at.date,
          daysOverdue: days,
          monthsOverdue,
          graceDays: rule.params.graceDays,
        },
        message: {
          zh: `计划${formatDateZh(p.plannedStartOn)}开工，截至${formatDateZh(at.date)}仍未开工（逾期${days}天，连续第${monthsOverdue}个月应开未开）`,
          en: `Planned to start on ${p.plannedStartOn}, not started by ${at.date} (${days} days late, month ${monthsOverdue} overdue)`,
        },
      };
    }
    case 'stats_enrolment': {
      if (!p.startedOn || p.startedOn > at.date) return null;
      if (p.statsEnrolledOn && p.statsEnrolledOn <= at.date) return null;
      if (
        rule.params.minInvestment !== undefined &&
        p.totalInvestment !== null &&
        p.totalInvestment < rule.params.minInvestment
      )
        return null;
      const threshold = addMonthsToDate(p.startedOn, rule.params.afterMonths);
      const hit = rule.params.inclusive ? at.date >= threshold : at.date > threshold;
      if (!hit) return null;
      const days = daysBetween(p.startedOn, at.date);
      return {
        figures: {
          startedOn: p.startedOn,
          asOf: at.date,
          thresholdOn: threshold,
          daysSinceStart: days,
          afterMonths: rule.params.afterMonths,
        },
        message: {
          zh: `${formatDateZh(p.startedOn)}开工，截至${formatDateZh(at.date)}未入库列统（开工已${days}天，${rule.params.inclusive ? '满' : '超过'}${rule.params.afterMonths}个月）`,
          en: `Started on ${p.startedOn}, not enrolled in the investment statistics by ${at.date} (${days} days; ${rule.params.inclusive ? 'at least' : 'more than'} ${rule.params.afterMonths} months)`,
        },
      };
    }
  }
}

const COLOR_RANK: Record<LightColor, number> = { green: 0, yellow: 1, red: 2 };

/** Whether a project is assessed at all, and if not, why. */
export function notAssessedReason(facts: LightFacts, asOf: string): string | null {
  const p = facts.project;
  if (p.terminated) return 'terminated';
  if (p.suspended) return 'suspended';
  if (p.completedOn && p.completedOn <= asOf) return 'completed';
  if (!p.signedOn && !p.plannedStartOn && !p.startedOn && facts.plans.length === 0) return 'not_signed';
  return null;
}

/**
 * Lights one project as of `asOf` ('YYYY-MM-DD'): every rule is evaluated; the colour is the worst colour
 * among those that fired (green when none did); `fired` lists each with the figures it saw, red first.
 */
export function evaluateLights(ruleSet: RuleSetLike, facts: LightFacts, asOf: string): LightEvaluation {
  const params = ruleSet.params;
  const reason = notAssessedReason(facts, asOf);
  if (reason)
    return { color: null, assessed: false, notAssessedReason: reason, asOf, asOfMonth: null, fired: [] };
  const month = evaluationMonth(params, asOf, facts.monthly);
  const fired: FiredRule[] = [];
  for (const rule of params.rules) {
    let outcome: Outcome;
    if (rule.kind === 'consecutive_months') {
      const months = previousEvaluationMonths(params, month, rule.params.months);
      const bases = rule.params.baseRuleIds
        .map((id) => params.rules.find((r) => r.id === id))
        .filter(
          (r): r is Exclude<LightRule, { kind: 'consecutive_months' }> =>
            !!r && r.kind !== 'consecutive_months',
        );
      const held = months.every((m) =>
        bases.some(
          (b) => evaluateAt(b, facts, { month: m, date: m === month ? asOf : endOfMonth(m) }) !== null,
        ),
      );
      const ordered = [...months].reverse();
      outcome =
        held && bases.length
          ? {
              figures: {
                months: ordered,
                monthCount: rule.params.months,
                baseRuleIds: rule.params.baseRuleIds,
              },
              message: {
                zh: `连续${rule.params.months}个月（${ordered.map(formatDateZh).join('、')}）触发：${bases.map((b) => b.label.zh).join(' / ')}`,
                en: `${rule.params.months} consecutive months (${ordered.join(', ')}) triggered: ${bases.map((b) => b.label.en).join(' / ')}`,
              },
            }
          : null;
    } else {
      outcome = evaluateAt(rule, facts, { month, date: asOf });
    }
    if (!outcome) continue;
    fired.push({
      ruleId: rule.id,
      kind: rule.kind,
      color: rule.color,
      label: rule.label,
      figures: outcome.figures,
      message: {
        zh: `${outcome.message.zh}——${rule.label.zh}`,
        en: `${outcome.message.en} — ${rule.label.en}`,
      },
    });
  }
  fired.sort((a, b) => COLOR_RANK[b.color] - COLOR_RANK[a.color]);
  const color: LightColor = fired.reduce<LightColor>(
    (c, f) => (COLOR_RANK[f.color] > COLOR_RANK[c] ? f.color : c),
    'green',
  );
  return { color, assessed: true, notAssessedReason: null, asOf, asOfMonth: month, fired };
}

/** A stable signature of what fired (rule set + rule ids and colours) to tell a real change from a repeat. */
export function firedKey(
  ruleSetId: string | null,
  ruleSetVersion: number | null,
  ev: Pick<LightEvaluation, 'fired' | 'assessed'>,
  overrideId: string | null,
): string {
  const rules = ev.fired
    .map((f) => `${f.ruleId}:${f.color}`)
    .sort()
    .join(',');
  return `${ruleSetId ?? '-'}@${ruleSetVersion ?? 0}|${ev.assessed ? 'a' : 'n'}|${rules}|${overrideId ?? ''}`;
}
