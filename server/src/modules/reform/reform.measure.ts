import { regionPrefix, systemActor } from '../../core/access/actor';
import { evaluateFigure, figure, requireDef, requirePeriod } from '../indicators/indicators.service';
import { registerIndicatorSource } from './reform.indicators';

/**
 * Targets bound to a computed indicator (indicator_code = a code of the results module's registry, e.g.
 * 'signing_to_start_days') are measured from the ledgers: the indicator's displayed value, city-wide or for the
 * task's region, cumulative from January to the period's end (a month 'YYYY-MM' → 'YYYY-01..MM', a quarter →
 * its last month, a year → the year; the plain period when the indicator has no cumulative form). The value is
 * in the indicator's own unit, which the target should use.
 */
export function cumulativeKey(period: string): string[] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) return [`${m[1]}-01..${m[2]}`, period];
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return [`${q[1]}-01..${String(Number(q[2]) * 3).padStart(2, '0')}`, period];
  return [period];
}

registerIndicatorSource(async (db, code, period, regionCode) => {
  const def = requireDef(code);
  for (const key of cumulativeKey(period)) {
    let p;
    try {
      p = requirePeriod(key, def);
    } catch {
      continue;
    }
    const f = await figure(
      db,
      systemActor('reform-targets'),
      def,
      p,
      regionCode ? regionPrefix(regionCode) : null,
    );
    return evaluateFigure(f).value;
  }
  return null;
});
