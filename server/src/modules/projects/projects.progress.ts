/**
 * Monthly progress arithmetic, pure (no I/O): the time-sequenced target (时序进度) of an annual plan, the completion
 * rate, and the chaining of monthly reports. The lights engine imports this file; keep it free of database code.
 *
 * Conventions: amounts are integer 元; a curve is 12 cumulative fractions of the annual plan (non-decreasing, the
 * last one 1); months are 'YYYY-MM'.
 */

export type Bilingual = { zh: string; en: string };

/** Why a curve is not usable, or null when it is. */
export function curveProblem(curve: readonly number[]): Bilingual | null {
  if (curve.length !== 12)
    return {
      zh: '时序进度曲线必须有 12 个月的累计比例',
      en: 'the target curve needs 12 cumulative fractions',
    };
  for (let i = 0; i < 12; i++) {
    const v = curve[i]!;
    if (!Number.isFinite(v) || v < 0 || v > 1)
      return {
        zh: `时序进度曲线第 ${i + 1} 个月的比例必须在 0 到 1 之间`,
        en: `the fraction of month ${i + 1} must be between 0 and 1`,
      };
    if (i > 0 && v < curve[i - 1]!)
      return {
        zh: `时序进度曲线不能下降（第 ${i + 1} 个月小于第 ${i} 个月）`,
        en: `the curve must not decrease (month ${i + 1} is below month ${i})`,
      };
  }
  if (Math.abs(curve[11]! - 1) > 1e-9)
    return { zh: '时序进度曲线最后一个月（12 月）必须为 1', en: 'the last fraction (December) must be 1' };
  return null;
}

/** The share of the annual plan due by the end of `month` (1–12): the curve's value, or m/12 without a curve. */
export function targetFraction(curve: readonly number[] | null | undefined, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month must be 1–12, got ${month}`);
  if (!curve) return month / 12;
  if (curveProblem(curve)) throw new RangeError('invalid target curve');
  return curve[month - 1]!;
}

/**
 * 时序进度: the investment due by the end of `month` (1–12) under an annual plan, in integer 元.
 * Default (no curve) is linear: plan × m / 12.
 */
export function timeSequencedTarget(
  plan: number,
  curve: readonly number[] | null | undefined,
  month: number,
): number {
  return Math.round(plan * targetFraction(curve, month));
}

/** 年度投资完成率: year-to-date investment / annual plan, or null without a positive plan. */
export function completionRate(ytd: number, plan: number): number | null {
  if (!(plan > 0)) return null;
  return ytd / plan;
}

/**
 * Where a project stands against its plan at a month: the target, the completion rate, the target's share of the
 * plan, and the gap in percentage points (target share − completion rate, × 100; positive = behind).
 */
export function planStanding(
  plan: number,
  curve: readonly number[] | null | undefined,
  month: number,
  ytd: number,
) {
  const target = timeSequencedTarget(plan, curve, month);
  const rate = completionRate(ytd, plan);
  const targetRate = plan > 0 ? targetFraction(curve, month) : null;
  return {
    target,
    completionRate: rate,
    targetRate,
    ppGap: rate === null || targetRate === null ? null : (targetRate - rate) * 100,
    /** actual / target (Wuhan-style ratio), null when nothing is due yet. */
    ratio: target > 0 ? ytd / target : null,
  };
}

export const monthOf = (ym: string) => Number(ym.slice(5, 7));
export const yearOf = (ym: string) => Number(ym.slice(0, 4));

export type MonthlyFigures = {
  month: string;
  monthInvestment: number;
  ytdInvestment: number;
  cumulativeInvestment: number;
  combinedWithPrevious: boolean;
};

/**
 * Re-derives a project's series so every row agrees with its neighbours. The year-to-date figure (统计的 1–N月累计)
 * is what statistics report, so it is kept: a month's investment is its ytd minus the previous report of the same
 * year (the first report of a year — January, a combined 1–2月, or a later month when earlier ones are missing —
 * covers the year so far). The since-start figure chains from the first report ever (kept as reported) by adding
 * each month's investment. Rows must be sorted by month.
 */
export function chainMonthly<T extends MonthlyFigures>(rows: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const prev = out[i - 1];
    const sameYear = prev !== undefined && yearOf(prev.month) === yearOf(r.month);
    const monthInvestment = sameYear ? r.ytdInvestment - prev!.ytdInvestment : r.ytdInvestment;
    const cumulativeInvestment =
      prev === undefined ? r.cumulativeInvestment : prev.cumulativeInvestment + monthInvestment;
    out.push({ ...r, monthInvestment, cumulativeInvestment });
  }
  return out;
}

export type MonthlyEntry = {
  monthInvestment?: number;
  ytdInvestment?: number;
  cumulativeInvestment?: number;
  combinedWithPrevious?: boolean;
};

export type MonthlyProblem = { field: string; zh: string; en: string; expected?: number };

const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;

/**
 * Places one month's report into a project's series: derives the missing figures, checks the given ones agree
 * (month = ytd − previous ytd; since-start = previous since-start + month), enforces the 1–2月 convention, and
 * re-chains the rows after it. Returns the whole new series, or the problems (to answer 422).
 */
export function applyMonthlyEntry<T extends MonthlyFigures>(
  rows: readonly T[],
  month: string,
  entry: MonthlyEntry,
  make: (f: MonthlyFigures) => T,
): { ok: true; rows: T[]; row: T } | { ok: false; problems: MonthlyProblem[] } {
  const problems: MonthlyProblem[] = [];
  const year = yearOf(month);
  const m = monthOf(month);
  const existing = rows.find((r) => r.month === month);
  const combined = entry.combinedWithPrevious ?? existing?.combinedWithPrevious ?? false;
  if (combined && m !== 2)
    problems.push({
      field: 'combinedWithPrevious',
      zh: '只有 2 月的报表可以合并报送 1–2 月',
      en: 'only a February report can cover January and February',
    });
  if (combined && rows.some((r) => r.month === `${year}-01`))
    problems.push({
      field: 'combinedWithPrevious',
      zh: `${year} 年 1 月已单独报送，2 月不能再合并报送 1–2 月`,
      en: `January ${year} was reported on its own, so February cannot cover January and February`,
    });
  if (m === 1 && rows.some((r) => r.month === `${year}-02` && r.combinedWithPrevious))
    problems.push({
      field: 'month',
      zh: `${year} 年 1–2 月已合并在 2 月报送，1 月不能单独报送`,
      en: `January and February ${year} were reported together in February; January has no report of its own`,
    });
  if (problems.length) return { ok: false, problems };

  const before = rows.filter((r) => r.month < month);
  const prevAny = before[before.length - 1];
  const prevSameYear = prevAny && yearOf(prevAny.month) === year ? prevAny : undefined;
  const prevYtd = prevSameYear?.ytdInvestment ?? 0;

  let ytd = entry.ytdInvestment;
  if (ytd === undefined) {
    if (entry.monthInvestment !== undefined) ytd = prevYtd + entry.monthInvestment;
    else if (entry.cumulativeInvestment !== undefined && prevAny)
      ytd = prevYtd + (entry.cumulativeInvestment - prevAny.cumulativeInvestment);
    else if (existing) ytd = existing.ytdInvestment;
    else {
      return {
        ok: false,
        problems: [
          {
            field: 'monthInvestment',
            zh: '请填写本月完成投资或 1–N 月累计完成投资',
            en: 'give the month’s investment or the year-to-date figure',
          },
        ],
      };
    }
  }
  const monthInvestment = ytd - prevYtd;
  if (entry.monthInvestment !== undefined && entry.monthInvestment !== monthInvestment)
    problems.push({
      field: 'monthInvestment',
      expected: monthInvestment,
      zh: `本月完成投资 ${yuan(entry.monthInvestment)} 与累计数不符：1–${m} 月累计 ${yuan(ytd)} 减去上次报送的累计 ${yuan(prevYtd)} 应为 ${yuan(monthInvestment)}`,
      en: `the month’s investment ${yuan(entry.monthInvestment)} contradicts the cumulative figures: year-to-date ${yuan(ytd)} minus the previous report’s ${yuan(prevYtd)} is ${yuan(monthInvestment)}`,
    });
  if (monthInvestment < 0)
    problems.push({
      field: 'ytdInvestment',
      expected: prevYtd,
      zh: `1–${m} 月累计 ${yuan(ytd)} 小于上次报送的年度累计 ${yuan(prevYtd)}（${prevSameYear?.month}）`,
      en: `the year-to-date ${yuan(ytd)} is below the previous report’s ${yuan(prevYtd)} (${prevSameYear?.month})`,
    });
  const cumulative = prevAny
    ? prevAny.cumulativeInvestment + monthInvestment
    : (entry.cumulativeInvestment ?? existing?.cumulativeInvestment ?? ytd);
  if (entry.cumulativeInvestment !== undefined && entry.cumulativeInvestment !== cumulative)
    problems.push({
      field: 'cumulativeInvestment',
      expected: cumulative,
      zh: `开工以来累计 ${yuan(entry.cumulativeInvestment)} 与上次报送的累计 ${yuan(prevAny?.cumulativeInvestment ?? 0)} 加本月 ${yuan(monthInvestment)} 不符（应为 ${yuan(cumulative)}）`,
      en: `the since-start total ${yuan(entry.cumulativeInvestment)} contradicts the previous report’s ${yuan(prevAny?.cumulativeInvestment ?? 0)} plus this month’s ${yuan(monthInvestment)} (expected ${yuan(cumulative)})`,
    });
  if (!prevAny && cumulative < ytd)
    problems.push({
      field: 'cumulativeInvestment',
      expected: ytd,
      zh: `开工以来累计 ${yuan(cumulative)} 不能小于年度累计 ${yuan(ytd)}`,
      en: `the since-start total ${yuan(cumulative)} cannot be below the year-to-date ${yuan(ytd)}`,
    });
  if (problems.length) return { ok: false, problems };

  const row = make({
    month,
    monthInvestment,
    ytdInvestment: ytd,
    cumulativeInvestment: cumulative,
    combinedWithPrevious: combined,
  });
  const merged = [...rows.filter((r) => r.month !== month), row].sort((a, b) => (a.month < b.month ? -1 : 1));
  const chained = chainMonthly(merged);
  for (const r of chained) {
    if (r.month > month && r.monthInvestment < 0) {
      return {
        ok: false,
        problems: [
          {
            field: 'ytdInvestment',
            zh: `${month} 的年度累计 ${yuan(ytd)} 超过了之后 ${r.month} 报送的年度累计 ${yuan(r.ytdInvestment)}`,
            en: `the year-to-date of ${month} (${yuan(ytd)}) exceeds the one reported later for ${r.month} (${yuan(r.ytdInvestment)})`,
          },
        ],
      };
    }
  }
  return { ok: true, rows: chained, row: chained.find((r) => r.month === month)! };
}
