import { describe, expect, it } from 'vitest';
import {
  daysOverdue,
  funnelSeries,
  lightSeries,
  monthlyTrend,
  orderedSeries,
  regionInvestmentSeries,
} from './dashboard.series';

const drill = (x: unknown) => ({ endpoint: '/x', query: { k: String(x) } });

describe('dashboard series', () => {
  it('funnel bands: in each band, and reached-or-beyond', () => {
    const bands = [
      { stage: 0, zh: '线索', en: 'Lead' },
      { stage: 3, zh: '签约', en: 'Signed' },
      { stage: 8, zh: '开工', en: 'Started' },
    ];
    const counts = new Map([
      [0, 5],
      [2, 1],
      [3, 4],
      [7, 2],
      [8, 3],
      [14, 1],
    ]);
    const f = funnelSeries(bands, counts, drill);
    expect(f.map((x) => [x.name, x.value, x.reached])).toEqual([
      ['线索', 6, 16],
      ['签约', 6, 10],
      ['开工', 4, 4],
    ]);
    expect(f[1]!.drill.query.k).toBe('3,4,5,6,7');
  });

  it('monthly trend: latest report per project up to each month, against 时序进度', () => {
    const t = monthlyTrend(
      2024,
      [
        { projectId: 'a', plan: 1_200_000_000, curve: null },
        {
          projectId: 'b',
          plan: 600_000_000,
          curve: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
        },
      ],
      [
        { projectId: 'a', month: '2024-02', ytd: 150_000_000 },
        { projectId: 'a', month: '2024-04', ytd: 400_000_000 },
        { projectId: 'b', month: '2024-03', ytd: 100_000_000 },
        { projectId: 'z', month: '2024-03', ytd: 999_000_000 },
        { projectId: 'a', month: '2023-12', ytd: 999_000_000 },
      ],
      '2024-05',
      drill,
    );
    expect(t.plan).toBe(18);
    expect(t.points[0]).toMatchObject({ month: '2024-01', actual: 0, target: 1 });
    expect(t.points[2]).toMatchObject({ month: '2024-03', actual: 2.5, target: 4.2 });
    expect(t.points[4]).toMatchObject({ month: '2024-05', actual: 5, target: 7.4, actualRate: 27.8 });
    expect(t.points[5]).toMatchObject({ month: '2024-06', actual: null, actualRate: null, target: 9 });
    expect(t.points[11]).toMatchObject({ target: 18, targetRate: 100 });
  });

  it('lights in a fixed order; regions by completed investment; ordered series; overdue days', () => {
    expect(
      lightSeries(
        new Map([
          ['green', 3],
          ['red', 1],
        ]),
        drill,
      ).map((x) => [x.key, x.value]),
    ).toEqual([
      ['red', 1],
      ['yellow', 0],
      ['green', 3],
      ['none', 0],
    ]);
    const r = regionInvestmentSeries(
      [
        { regionCode: '321102', completed: 1e8, plan: 4e8 },
        { regionCode: '321181', completed: 3e8, plan: 3e8 },
        { regionCode: '321102', completed: 1e8, plan: 0 },
      ],
      new Map([['321102', '京口区']]),
      drill,
    );
    expect(r.map((x) => [x.key, x.name, x.completed, x.plan, x.value])).toEqual([
      ['321181', '321181', 3, 3, 100],
      ['321102', '京口区', 2, 4, 50],
    ]);
    expect(
      orderedSeries(
        [
          { key: 'a', zh: '甲' },
          { key: 'b', zh: '乙' },
        ],
        new Map([['b', 2]]),
        drill,
      ).map((x) => x.value),
    ).toEqual([0, 2]);
    expect(daysOverdue('2024-12-25', '2025-01-04')).toBe(10);
  });
});
