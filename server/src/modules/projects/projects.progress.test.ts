import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMonthlyEntry,
  chainMonthly,
  completionRate,
  curveProblem,
  planStanding,
  targetFraction,
  timeSequencedTarget,
  type MonthlyFigures,
} from './projects.progress';

const curve = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

describe('时序进度 (time-sequenced target)', () => {
  it('is linear without a curve: plan × m / 12, in whole 元', () => {
    expect(timeSequencedTarget(120_000_000, null, 1)).toBe(10_000_000);
    expect(timeSequencedTarget(120_000_000, undefined, 6)).toBe(60_000_000);
    expect(timeSequencedTarget(120_000_000, null, 12)).toBe(120_000_000);
    expect(timeSequencedTarget(100_000_000, null, 1)).toBe(8_333_333);
  });
  it('follows a cumulative curve', () => {
    expect(timeSequencedTarget(120_000_000, curve, 3)).toBe(24_000_000);
    expect(timeSequencedTarget(120_000_000, curve, 12)).toBe(120_000_000);
    expect(targetFraction(curve, 11)).toBe(0.95);
  });
  it('refuses months outside 1–12 and broken curves', () => {
    expect(() => timeSequencedTarget(1, null, 0)).toThrow(RangeError);
    expect(() => timeSequencedTarget(1, null, 13)).toThrow(RangeError);
    expect(() => timeSequencedTarget(1, [0.5, 0.4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2)).toThrow(RangeError);
  });
  it('checks a curve: 12 fractions, non-decreasing, ending at 1', () => {
    expect(curveProblem(curve)).toBeNull();
    expect(curveProblem(curve.slice(0, 11))?.en).toMatch(/12/);
    expect(curveProblem([...curve.slice(0, 11), 0.99])?.zh).toMatch(/必须为 1/);
    expect(curveProblem([0.2, 0.1, ...curve.slice(2)])?.zh).toMatch(/不能下降/);
    expect(curveProblem([-0.1, ...curve.slice(1)])?.en).toMatch(/between 0 and 1/);
  });
  it('never decreases over the year and reaches the plan (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }),
        (plan, xs) => {
          const c = [...xs.sort((a, b) => a - b), 1];
          let prev = -1;
          for (let m = 1; m <= 12; m++) {
            const v = timeSequencedTarget(plan, c, m);
            expect(v).toBeGreaterThanOrEqual(prev);
            prev = v;
          }
          expect(prev).toBe(plan);
        },
      ),
    );
  });
});

describe('完成率 (completion rate)', () => {
  it('is ytd / plan, null without a positive plan', () => {
    expect(completionRate(60, 120)).toBe(0.5);
    expect(completionRate(60, 0)).toBeNull();
    expect(completionRate(0, 100)).toBe(0);
  });
  it('stands a project against its plan in percentage points and as a ratio', () => {
    const s = planStanding(120_000_000, null, 6, 42_000_000);
    expect(s.target).toBe(60_000_000);
    expect(s.completionRate).toBeCloseTo(0.35);
    expect(s.targetRate).toBe(0.5);
    expect(s.ppGap).toBeCloseTo(15);
    expect(s.ratio).toBeCloseTo(0.7);
  });
});

const f = (month: string, ytd: number, cum: number, combined = false): MonthlyFigures => ({
  month,
  monthInvestment: 0,
  ytdInvestment: ytd,
  cumulativeInvestment: cum,
  combinedWithPrevious: combined,
});
const make = (x: MonthlyFigures) => x;

describe('monthly series', () => {
  it('chains months from year-to-date figures and since-start totals from the first report', () => {
    const out = chainMonthly([
      f('2024-11', 80, 500),
      f('2024-12', 100, 0),
      f('2025-02', 30, 0, true),
      f('2025-03', 45, 0),
    ]);
    expect(out.map((r) => [r.monthInvestment, r.cumulativeInvestment])).toEqual([
      [80, 500],
      [20, 520],
      [30, 550],
      [15, 565],
    ]);
  });
  it('derives ytd and since-start from a month’s investment', () => {
    const r = applyMonthlyEntry([f('2025-03', 50, 150)], '2025-04', { monthInvestment: 15 }, make);
    expect(r.ok && r.row).toMatchObject({
      monthInvestment: 15,
      ytdInvestment: 65,
      cumulativeInvestment: 165,
    });
  });
  it('derives the month from reported cumulative figures and refuses contradictions with the expected value', () => {
    const rows = [f('2025-03', 50, 150)];
    const ok = applyMonthlyEntry(rows, '2025-04', { ytdInvestment: 70, cumulativeInvestment: 170 }, make);
    expect(ok.ok && ok.row.monthInvestment).toBe(20);
    const bad = applyMonthlyEntry(rows, '2025-04', { ytdInvestment: 70, monthInvestment: 10 }, make);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatchObject({ field: 'monthInvestment', expected: 20 });
    const badCum = applyMonthlyEntry(rows, '2025-04', { ytdInvestment: 70, cumulativeInvestment: 171 }, make);
    expect(!badCum.ok && badCum.problems[0]).toMatchObject({ field: 'cumulativeInvestment', expected: 170 });
    const falling = applyMonthlyEntry(rows, '2025-04', { ytdInvestment: 40 }, make);
    expect(!falling.ok && falling.problems[0]?.field).toBe('ytdInvestment');
  });
  it('reports 1–2月 together in February and only then', () => {
    const feb = applyMonthlyEntry(
      [f('2024-12', 900, 900)],
      '2025-02',
      { ytdInvestment: 30, combinedWithPrevious: true },
      make,
    );
    expect(feb.ok && feb.row).toMatchObject({
      monthInvestment: 30,
      ytdInvestment: 30,
      cumulativeInvestment: 930,
      combinedWithPrevious: true,
    });
    const jan = applyMonthlyEntry(feb.ok ? feb.rows : [], '2025-01', { monthInvestment: 1 }, make);
    expect(!jan.ok && jan.problems[0]?.zh).toMatch(/已合并在 2 月报送/);
    const afterJan = applyMonthlyEntry(
      [f('2025-01', 10, 10)],
      '2025-02',
      { ytdInvestment: 30, combinedWithPrevious: true },
      make,
    );
    expect(!afterJan.ok && afterJan.problems[0]?.en).toMatch(/January 2025 was reported on its own/);
    const march = applyMonthlyEntry([], '2025-03', { ytdInvestment: 1, combinedWithPrevious: true }, make);
    expect(!march.ok && march.problems[0]?.field).toBe('combinedWithPrevious');
  });
  it('re-derives the following month when an earlier report changes', () => {
    const rows = chainMonthly([f('2025-02', 30, 130, true), f('2025-03', 50, 0), f('2025-04', 65, 0)]);
    const r = applyMonthlyEntry(rows, '2025-03', { ytdInvestment: 55 }, make);
    expect(
      r.ok && r.rows.map((x) => [x.month, x.monthInvestment, x.ytdInvestment, x.cumulativeInvestment]),
    ).toEqual([
      ['2025-02', 30, 30, 130],
      ['2025-03', 25, 55, 155],
      ['2025-04', 10, 65, 165],
    ]);
    const tooMuch = applyMonthlyEntry(rows, '2025-03', { ytdInvestment: 70 }, make);
    expect(!tooMuch.ok && tooMuch.problems[0]?.zh).toMatch(/超过了之后 2025-04/);
  });
  it('keeps every chained series consistent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 0, max: 1e10 }),
        (months, opening) => {
          let ytd = 0;
          const rows = months.map((m, i) => {
            const ym = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
            if (i % 12 === 0) ytd = 0;
            ytd += m;
            return f(ym, ytd, i === 0 ? opening + m : 0);
          });
          const out = chainMonthly(rows);
          for (let i = 1; i < out.length; i++)
            expect(out[i]!.cumulativeInvestment - out[i - 1]!.cumulativeInvestment).toBe(
              out[i]!.monthInvestment,
            );
          expect(out.map((r) => r.monthInvestment)).toEqual(months);
        },
      ),
    );
  });
});
