import { describe, expect, it } from 'vitest';
import { formulaText, normalise, score } from './rankings.math';

describe('normalisation', () => {
  it('min–max, both directions, ties and missing', () => {
    expect(normalise([10, 20, 30], 'higher', 'min_max')).toEqual([0, 0.5, 1]);
    expect(normalise([10, 20, 30], 'lower', 'min_max')).toEqual([1, 0.5, 0]);
    expect(normalise([5, 5], 'higher', 'min_max')).toEqual([1, 1]);
    expect(normalise([null, 4, 8], 'higher', 'min_max')).toEqual([null, 0, 1]);
    expect(normalise([null, null], 'higher', 'min_max')).toEqual([null, null]);
  });
  it('z-score', () => {
    const z = normalise([2, 4, 4, 4, 5, 5, 7, 9], 'higher', 'z_score') as number[];
    // mean 5, population sd 2
    expect(z[0]).toBeCloseTo(-1.5);
    expect(z[7]).toBeCloseTo(2);
    expect(normalise([2, 4], 'lower', 'z_score')).toEqual([1, -1]);
    expect(normalise([3, 3], 'higher', 'z_score')).toEqual([0, 0]);
  });
  it('ratio to the best', () => {
    expect(normalise([50, 100], 'higher', 'ratio_to_best')).toEqual([0.5, 1]);
    expect(normalise([60, 120], 'lower', 'ratio_to_best')).toEqual([1, 0.5]);
    expect(normalise([0, 30], 'lower', 'ratio_to_best')).toEqual([1, 0]);
    expect(normalise([0, 0], 'higher', 'ratio_to_best')).toEqual([1, 1]);
  });
});

describe('scoring', () => {
  it('weights normalised values, ranks with ties, flags missing figures', () => {
    const rows = score({
      normalisation: 'min_max',
      subjects: [
        { key: 'a', name: '甲区' },
        { key: 'b', name: '乙区' },
        { key: 'c', name: '丙区' },
        { key: 'd', name: '丁区' },
      ],
      indicators: [
        { code: 'amount', weight: 60, direction: 'higher', values: [10, 30, 20, 30] },
        { code: 'days', weight: 40, direction: 'lower', values: [100, 200, null, 200] },
      ],
    });
    // a: 0 × 60 + 1 × 40 = 40; b, d: 1 × 60 + 0 × 40 = 60; c: 0.5 × 60 + missing = 30
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('a')!.score).toBe(40);
    expect(byKey.get('b')!.score).toBe(60);
    expect(byKey.get('d')!.score).toBe(60);
    expect(byKey.get('c')!.score).toBe(30);
    expect(rows.map((r) => [r.key, r.rank])).toEqual([
      ['b', 1],
      ['d', 1],
      ['a', 3],
      ['c', 4],
    ]);
    const c = byKey.get('c')!.cells[1]!;
    expect(c).toEqual({ code: 'days', raw: null, normalised: null, points: 0, missing: true });
    expect(byKey.get('a')!.cells[1]).toEqual({
      code: 'days',
      raw: 100,
      normalised: 1,
      points: 40,
      missing: false,
    });
  });
  it('publishes the formula in words', () => {
    const f = formulaText('min_max', [
      { name: '新签约亿元以上项目总投资', weight: 60, direction: 'higher' },
      { name: '签约至开工平均天数', weight: 40, direction: 'lower' },
    ]);
    expect(f.zh).toContain('得分＝Σ（权重×标准化值）');
    expect(f.zh).toContain(
      '签约至开工平均天数（权重40，越低越好，标准化值＝（最大值－该单位值）÷（最大值－最小值））',
    );
    expect(f.en).toContain('lower is better');
  });
});
