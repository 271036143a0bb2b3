import { describe, expect, it } from 'vitest';
import {
  aggregate,
  benchmarkOf,
  change,
  diffRecords,
  groupBy,
  inRegion,
  yoy,
  type Contribution,
} from './indicators.aggregate';
import { creditSigning, type SigningFacts } from './indicators.crediting';
import {
  isoWeekOf,
  isoWeekRange,
  parsePeriod,
  periodsClosedBy,
  precedingPeriod,
  previousYear,
} from './indicators.periods';

const c = (
  id: string,
  num: number,
  den = 1,
  regionCode = '321102',
  extra: Partial<Contribution> = {},
): Contribution => ({
  id,
  entity: 'project',
  name: id,
  regionCode,
  unitId: null,
  zoneId: null,
  chainCode: null,
  date: null,
  num,
  den,
  detail: {},
  ...extra,
});

describe('periods', () => {
  it('parses the four kinds', () => {
    expect(parsePeriod('2024')).toMatchObject({
      kind: 'year',
      start: '2024-01-01',
      end: '2024-12-31',
      label: { zh: '2024年' },
    });
    expect(parsePeriod('2024-Q2')).toMatchObject({
      kind: 'quarter',
      start: '2024-04-01',
      end: '2024-06-30',
      label: { zh: '2024年第二季度' },
    });
    expect(parsePeriod('2024-02')).toMatchObject({
      kind: 'month',
      start: '2024-02-01',
      end: '2024-02-29',
      label: { zh: '2024年2月' },
    });
    expect(parsePeriod('2024-01..06')).toMatchObject({
      kind: 'cumulative',
      start: '2024-01-01',
      end: '2024-06-30',
      label: { zh: '2024年1–6月' },
    });
    for (const bad of ['2024-13', '2024-Q5', '2024-02..06', '24', '2024-1'])
      expect(parsePeriod(bad)).toBeNull();
  });
  it('finds the same period last year and the preceding period', () => {
    expect(previousYear(parsePeriod('2024-02')!).end).toBe('2023-02-28');
    expect(previousYear(parsePeriod('2024-01..06')!).key).toBe('2023-01..06');
    expect(precedingPeriod(parsePeriod('2024-01')!)!.key).toBe('2023-12');
    expect(precedingPeriod(parsePeriod('2024-Q1')!)!.key).toBe('2023-Q4');
    expect(precedingPeriod(parsePeriod('2024-01..06')!)!.key).toBe('2024-01..05');
    expect(precedingPeriod(parsePeriod('2024-01..01')!)).toBeNull();
  });
  it('a month lock closes the month, 1–N月, and the quarter / year it ends', () => {
    expect(periodsClosedBy('2024-05')).toEqual(['2024-05', '2024-01..05']);
    expect(periodsClosedBy('2024-06')).toEqual(['2024-06', '2024-01..06', '2024-Q2']);
    expect(periodsClosedBy('2024-12')).toEqual(['2024-12', '2024-01..12', '2024-Q4', '2024']);
  });
  it('ISO weeks', () => {
    expect(isoWeekRange('2024-W01')).toMatchObject({ start: '2024-01-01', end: '2024-01-07' });
    expect(isoWeekRange('2021-W01')).toMatchObject({ start: '2021-01-04', end: '2021-01-10' });
    expect(isoWeekOf('2021-01-03').key).toBe('2020-W53');
    expect(isoWeekRange('2021-W53')).toBeNull();
  });
});

describe('aggregation', () => {
  it('counts, sums in 亿元, means and rates', () => {
    expect(aggregate('count', [c('a', 1), c('b', 1)])).toBe(2);
    expect(aggregate('amount', [c('a', 230_000_000_000)])).toBe(2300);
    expect(aggregate('amount', [c('a', 123_456_789)])).toBe(1.2346);
    expect(aggregate('mean', [c('a', 88), c('b', 91)])).toBe(89.5);
    expect(aggregate('mean', [])).toBeNull();
    expect(aggregate('rate', [c('a', 1), c('b', 0), c('c', 0)])).toBe(33.3);
    expect(benchmarkOf([c('a', 0, 100, '3211', { bench: 50 })])).toBe(50);
  });
  it('yoy from the raw figures, one decimal; null without a base', () => {
    expect(yoy(230_000_000_000, 164_300_000_000)).toBe(40);
    expect(yoy(230_000_000_000, 164_285_714_286)).toBe(40);
    expect(yoy(5, 0)).toBeNull();
    expect(yoy(null, 3)).toBeNull();
    expect(yoy(2, 4)).toBe(-50);
    expect(change('amount', 5.15, 4.2)).toBe(0.95);
  });
  it('region prefix, grouping and diff', () => {
    const list = [c('a', 1, 1, '321102'), c('b', 1, 1, '321181'), c('c', 1, 1, '320500')];
    expect(inRegion(list, '3211').map((x) => x.id)).toEqual(['a', 'b']);
    expect([...groupBy(list, 'region').keys()]).toEqual(['321102', '321181', '320500']);
    expect([...groupBy(list, 'zone').keys()]).toEqual(['']);
    const d = diffRecords([c('a', 1), c('b', 2)], [c('b', 3), c('d', 1)]);
    expect(d.entered.map((x) => x.id)).toEqual(['d']);
    expect(d.left.map((x) => x.id)).toEqual(['a']);
    expect(d.changed.map((x) => x.id)).toEqual(['b']);
  });
});

describe('signing crediting', () => {
  const base: SigningFacts = {
    category: 'industrial',
    foreignInvested: false,
    signingKind: 'new',
    terminated: false,
    agreedYuan: 100_000_000,
    usd: null,
    fxRate: null,
    predecessor: null,
  };
  it('domestic threshold 1亿元 inclusive; industrial only', () => {
    expect(creditSigning(base)).toMatchObject({ credited: true, amountYuan: 100_000_000 });
    expect(creditSigning({ ...base, agreedYuan: 99_999_999 })).toMatchObject({
      credited: false,
      reason: 'below_threshold',
    });
    expect(creditSigning({ ...base, category: 'infrastructure', agreedYuan: 5e9 })).toMatchObject({
      credited: false,
      reason: 'category',
    });
  });
  it('foreign threshold USD 10 million at the signing rate', () => {
    const f = { ...base, foreignInvested: true, fxRate: 7.1 };
    expect(creditSigning({ ...f, usd: 9_990_000, agreedYuan: 70_929_000 })).toMatchObject({
      credited: false,
    });
    expect(creditSigning({ ...f, usd: 10_000_000, agreedYuan: 71_000_000 })).toMatchObject({
      credited: true,
      amountYuan: 71_000_000,
      usd: 10_000_000,
    });
    // no 元 amount recorded: converted at the signing rate
    expect(creditSigning({ ...f, usd: 20_000_000, agreedYuan: null })).toMatchObject({
      credited: true,
      amountYuan: 142_000_000,
    });
    // no USD amount recorded: derived from 元 at the signing rate
    expect(creditSigning({ ...f, usd: null, agreedYuan: 71_000_000 })).toMatchObject({ credited: true });
  });
  it('re-signings never count; upgrades and capital increases count the increment', () => {
    expect(creditSigning({ ...base, signingKind: 're_sign', agreedYuan: 9e9 })).toMatchObject({
      credited: false,
      reason: 're_sign',
    });
    const pred = { agreedYuan: 300_000_000, usd: null, fxRate: null };
    expect(
      creditSigning({ ...base, signingKind: 'capital_increase', agreedYuan: 450_000_000, predecessor: pred }),
    ).toMatchObject({
      credited: true,
      amountYuan: 150_000_000,
      basis: 'increment',
    });
    expect(
      creditSigning({ ...base, signingKind: 'upgrade', agreedYuan: 360_000_000, predecessor: pred }),
    ).toMatchObject({ credited: false });
    expect(
      creditSigning({ ...base, signingKind: 'investor_change', agreedYuan: 300_000_000, predecessor: pred }),
    ).toMatchObject({ credited: true, amountYuan: 300_000_000 });
  });
  it('terminated projects still count in their signing period', () => {
    expect(creditSigning({ ...base, terminated: true })).toMatchObject({ credited: true });
  });
});
