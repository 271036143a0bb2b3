/**
 * How an indicator turns its records into a figure, pure. Every indicator returns the records behind it as
 * contributions (numerator `num`, denominator `den`); the value is an aggregate of them, so the same code gives the
 * headline, each breakdown row (region, zone, unit, chain), a sub-region of a frozen snapshot and the records list —
 * and a figure always equals what its records add up to.
 *
 *   count   value = Σ num                      (num = 1 per record)            个 / 家
 *   amount  value = Σ num ÷ 1e8                (num = credited 元)              亿元 (4 decimals: exact to the 万元)
 *   mean    value = Σ num ÷ Σ den              (num = days, den = 1)            天 (1 decimal)
 *   rate    value = 100 × Σ num ÷ Σ den        (num = on time / completed, den = due / planned)   % (1 decimal)
 */
import type { IndicatorKind } from '../../../../contracts/schemas/results';

export type Detail = Record<string, string | number | boolean | null>;

export type Contribution = {
  id: string;
  entity: string;
  name: string;
  regionCode: string;
  unitId: string | null;
  zoneId: string | null;
  chainCode: string | null;
  date: string | null;
  num: number;
  den: number;
  /** Numerator of a benchmark beside the value (e.g. the 时序进度 target amount), over the same `den`. */
  bench?: number;
  detail: Detail;
};

export const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f + (n >= 0 ? 1e-9 : -1e-9)) / f;
};

export const DISPLAY_DIGITS: Record<IndicatorKind, number> = { count: 0, amount: 4, mean: 1, rate: 1 };

type Sums = { num: number; den: number; bench: number; n: number };

export function sums(list: readonly Contribution[]): Sums {
  let num = 0;
  let den = 0;
  let bench = 0;
  for (const c of list) {
    num += c.num;
    den += c.den;
    bench += c.bench ?? 0;
  }
  return { num, den, bench, n: list.length };
}

/** The unrounded figure yoy is computed from (元 for amounts, a fraction for rates). */
export function rawValue(kind: IndicatorKind, s: Sums): number | null {
  switch (kind) {
    case 'count':
    case 'amount':
      return s.num;
    case 'mean':
    case 'rate':
      return s.den > 0 ? s.num / s.den : null;
  }
}

/** Raw → display unit (亿元, %, 天, 个), rounded to the display precision. */
export function toDisplay(kind: IndicatorKind, raw: number | null): number | null {
  if (raw === null) return null;
  switch (kind) {
    case 'count':
      return round(raw, 0);
    case 'amount':
      return round(raw / 1e8, DISPLAY_DIGITS.amount);
    case 'mean':
      return round(raw, DISPLAY_DIGITS.mean);
    case 'rate':
      return round(raw * 100, DISPLAY_DIGITS.rate);
  }
}

export const aggregate = (kind: IndicatorKind, list: readonly Contribution[]) =>
  toDisplay(kind, rawValue(kind, sums(list)));

/** Benchmark in the display unit of a rate (Σ bench ÷ Σ den × 100), or null. */
export function benchmarkOf(list: readonly Contribution[]): number | null {
  const s = sums(list);
  return s.den > 0 ? round((100 * s.bench) / s.den, 1) : null;
}

/** 同比 in % (one decimal) from the raw figures; null when last year's figure is null or zero. */
export function yoy(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return round(((current - previous) / Math.abs(previous)) * 100, 1);
}

/** The absolute change in the display unit. */
export function change(kind: IndicatorKind, current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return round(current - previous, DISPLAY_DIGITS[kind]);
}

/** Records located in a region or below it (prefix of the GB/T 2260 code, e.g. '3211' for 321100). */
export const inRegion = (list: readonly Contribution[], prefix: string | null) =>
  prefix ? list.filter((c) => c.regionCode.startsWith(prefix)) : [...list];

export type BreakdownKey = 'region' | 'zone' | 'unit' | 'chain';

export function keyOf(c: Contribution, by: BreakdownKey): string | null {
  switch (by) {
    case 'region':
      return c.regionCode;
    case 'zone':
      return c.zoneId;
    case 'unit':
      return c.unitId;
    case 'chain':
      return c.chainCode;
  }
}

/** Records grouped by a breakdown key; records without the key fall under '' (未标注). */
export function groupBy(list: readonly Contribution[], by: BreakdownKey): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>();
  for (const c of list) {
    const k = keyOf(c, by) ?? '';
    const arr = out.get(k);
    if (arr) arr.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** Records whose breakdown keys match the given filters (absent filters match everything). */
export function filterByKeys(
  list: readonly Contribution[],
  f: { zone?: string; unit?: string; chain?: string },
): Contribution[] {
  return list.filter(
    (c) =>
      (!f.zone || c.zoneId === f.zone) &&
      (!f.unit || c.unitId === f.unit) &&
      (!f.chain || c.chainCode === f.chain),
  );
}

/** What entered, left or changed between two sets of records (by id). */
export function diffRecords(then: readonly Contribution[], now: readonly Contribution[]) {
  const before = new Map(then.map((c) => [c.id, c]));
  const after = new Map(now.map((c) => [c.id, c]));
  const entered = now.filter((c) => !before.has(c.id));
  const left = then.filter((c) => !after.has(c.id));
  const changed = now.filter((c) => {
    const b = before.get(c.id);
    return b !== undefined && (b.num !== c.num || b.den !== c.den);
  });
  return { entered, left, changed, before, after };
}
