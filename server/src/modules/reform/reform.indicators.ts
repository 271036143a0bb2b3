import type { Executor } from '../../db/database';
import type { SoeKpiKey } from '../../../../contracts/schemas/reform';

/**
 * Where a target's actual comes from when it is bound to something measured rather than typed
 * ("用事实来说话"). Two sources plug in here:
 *  - the results module's indicator registry (a computed indicator by code, for a period and a region);
 *  - the enterprise registry's SOE 一利五率 computation (a KPI of one SOE for a year).
 * Until a source is registered, `measureTarget` / `measureSoeKpi` answer null and the typed actual is shown.
 */
export type IndicatorSource = (
  db: Executor,
  indicatorCode: string,
  period: string,
  regionCode: string,
  params: Record<string, unknown> | null,
) => Promise<number | null>;

/** The KPI of one SOE (by credit code) for a year, in the target's unit (e.g. '%', '万元'); null if unknown. */
export type SoeKpiSource = (
  db: Executor,
  creditCode: string,
  kpi: SoeKpiKey,
  year: number,
  unit: string,
) => Promise<number | null>;

let indicatorSource: IndicatorSource | null = null;
let soeKpiSource: SoeKpiSource | null = null;

/** The results module calls this once with its registry's measuring function. */
export function registerIndicatorSource(source: IndicatorSource | null): void {
  indicatorSource = source;
}

/** The enterprises module (or this module, once its helper exists) registers the SOE KPI computation. */
export function registerSoeKpiSource(source: SoeKpiSource | null): void {
  soeKpiSource = source;
}

/** The measured value of an indicator for a period ('YYYY-MM' / 'YYYY-Qn' / 'YYYY') and region; null if unknown. */
export async function measureTarget(
  db: Executor,
  indicatorCode: string,
  period: string,
  regionCode: string,
  params: Record<string, unknown> | null = null,
): Promise<number | null> {
  if (!indicatorSource) return null;
  try {
    const v = await indicatorSource(db, indicatorCode, period, regionCode, params);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null; // an indicator that cannot be computed never breaks the ledger: the typed value stands
  }
}

export async function measureSoeKpi(
  db: Executor,
  creditCode: string,
  kpi: SoeKpiKey,
  year: number,
  unit: string,
): Promise<number | null> {
  if (!soeKpiSource) return null;
  try {
    const v = await soeKpiSource(db, creditCode, kpi, year, unit);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

export const hasMeasuredSources = () => indicatorSource !== null || soeKpiSource !== null;
