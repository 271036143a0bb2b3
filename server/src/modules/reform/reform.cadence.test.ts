import { describe, expect, it } from 'vitest';
import {
  addDays,
  cstDate,
  daysBetween,
  expectedPeriods,
  isoWeekOf,
  isoWeekStart,
  kindOfPeriod,
  periodInfo,
  periodOf,
  periodsDueBetween,
  previousMonth,
  scoreWindow,
} from './reform.cadence';

const S = { monthlyDueDay: 25, quarterlyDueDay: 25, weeklyDueWeekday: 5 };

describe('report periods and due dates', () => {
  it('monthly reports are due on the configured day, clamped to the month', () => {
    expect(periodInfo('2025-06', S)).toEqual({
      period: '2025-06',
      kind: 'monthly',
      startOn: '2025-06-01',
      endOn: '2025-06-30',
      dueOn: '2025-06-25',
    });
    expect(periodInfo('2025-02', { ...S, monthlyDueDay: 28 })!.dueOn).toBe('2025-02-28');
    expect(periodInfo('2025-02', { ...S, monthlyDueDay: 5 })!.dueOn).toBe('2025-02-05');
  });

  it('quarterly reports are due in the quarter’s last month', () => {
    expect(periodInfo('2025-Q2', S)).toEqual({
      period: '2025-Q2',
      kind: 'quarterly',
      startOn: '2025-04-01',
      endOn: '2025-06-30',
      dueOn: '2025-06-25',
    });
    expect(periodInfo('2025-Q4', { ...S, quarterlyDueDay: 10 })!.dueOn).toBe('2025-12-10');
  });

  it('weekly reports follow ISO weeks and are due on the configured weekday', () => {
    // 2025-W01 starts on Monday 2024-12-30
    expect(isoWeekStart(2025, 1)).toBe('2024-12-30');
    expect(periodInfo('2025-W01', S)).toEqual({
      period: '2025-W01',
      kind: 'weekly',
      startOn: '2024-12-30',
      endOn: '2025-01-05',
      dueOn: '2025-01-03',
    });
    expect(periodInfo('2025-W01', { ...S, weeklyDueWeekday: 1 })!.dueOn).toBe('2024-12-30');
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(periodOf('weekly', '2024-12-31')).toBe('2025-W01');
    // 2026 has 53 ISO weeks, 2025 has 52
    expect(periodInfo('2026-W53', S)).not.toBeNull();
    expect(periodInfo('2025-W53', S)).toBeNull();
  });

  it('recognises period keys', () => {
    expect(kindOfPeriod('2025-06')).toBe('monthly');
    expect(kindOfPeriod('2025-W09')).toBe('weekly');
    expect(kindOfPeriod('2025-Q3')).toBe('quarterly');
    expect(kindOfPeriod('2025-13')).toBeNull();
    expect(kindOfPeriod('2025-W54')).toBeNull();
    expect(periodOf('quarterly', '2025-08-15')).toBe('2025-Q3');
    expect(previousMonth('2025-01')).toBe('2024-12');
  });

  it('lists the periods due in a range', () => {
    expect(periodsDueBetween('monthly', '2025-01-01', '2025-12-31', S).map((p) => p.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
    expect(periodsDueBetween('weekly', '2025-01-01', '2025-12-31', S)).toHaveLength(52);
    expect(periodsDueBetween('quarterly', '2025-01-01', '2025-12-31', S).map((p) => p.dueOn)).toEqual([
      '2025-03-25',
      '2025-06-25',
      '2025-09-25',
      '2025-12-25',
    ]);
    // a due date on the range's edge counts
    expect(periodsDueBetween('monthly', '2025-06-25', '2025-07-25', S).map((p) => p.period)).toEqual([
      '2025-06',
      '2025-07',
    ]);
    expect(periodsDueBetween('monthly', '2025-06-26', '2025-07-24', S)).toEqual([]);
  });

  it('a task reports from its start until it is closed', () => {
    // starting on the 28th: that month's report (due the 25th) is not expected
    const t = { cadence: 'monthly' as const, startOn: '2025-03-28', closedOn: null };
    expect(expectedPeriods(t, '2025-01-01', '2025-06-30', S).map((p) => p.period)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    // closed on 2025-05-20: the May report (due 05-25) is no longer expected
    expect(
      expectedPeriods({ ...t, closedOn: '2025-05-20' }, '2025-01-01', '2025-12-31', S).map((p) => p.period),
    ).toEqual(['2025-04']);
    // open tasks keep reporting after their deadline
    expect(expectedPeriods(t, '2026-01-01', '2026-02-28', S).map((p) => p.period)).toEqual([
      '2026-01',
      '2026-02',
    ]);
  });

  it('scoring windows and date helpers', () => {
    expect(scoreWindow('2025-06')).toEqual({ kind: 'month', from: '2025-06-01', to: '2025-06-30' });
    expect(scoreWindow('2024-02')!.to).toBe('2024-02-29');
    expect(scoreWindow('2025-Q3')).toEqual({ kind: 'quarter', from: '2025-07-01', to: '2025-09-30' });
    expect(scoreWindow('2025')).toEqual({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(scoreWindow('2025-Q5')).toBeNull();
    expect(addDays('2025-02-27', 2)).toBe('2025-03-01');
    expect(daysBetween('2025-12-30', '2026-01-02')).toBe(3);
    // 23:30 UTC is the next morning in Beijing
    expect(cstDate('2025-06-24T23:30:00.000Z')).toBe('2025-06-25');
  });
});
