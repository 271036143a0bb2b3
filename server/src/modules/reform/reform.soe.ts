import type { SoeKpiKey } from '../../../../contracts/schemas/reform';
import { systemActor } from '../../core/access/actor';
import { getSoeKpis } from '../enterprises/enterprises.service';
import { registerSoeKpiSource } from './reform.indicators';
import { enterpriseIdByCreditCode } from './reform.repository';

/**
 * SOE targets (一利五率) measured from the enterprise registry: the enterprises module computes the KPIs of one
 * enterprise and year (getSoeKpis); this converts them into the target's unit. Without the enterprise, the
 * year's figures or a known unit the answer is null and the typed value stands.
 */
const UNIT_FACTORS: Record<'yuan' | 'ratio' | 'yuan_per_person', Record<string, number>> = {
  yuan: { 元: 1, 万元: 1e-4, 亿元: 1e-8 },
  ratio: { '%': 100, '％': 100, '': 1 },
  yuan_per_person: { '元/人': 1, '万元/人': 1e-4 },
};

export function convertKpi(
  value: number,
  kpiUnit: keyof typeof UNIT_FACTORS,
  targetUnit: string,
): number | null {
  const f = UNIT_FACTORS[kpiUnit]?.[targetUnit.trim()];
  return f === undefined ? null : Math.round(value * f * 1e6) / 1e6;
}

registerSoeKpiSource(async (db, creditCode, kpi: SoeKpiKey, year, unit) => {
  const id = await enterpriseIdByCreditCode(db, creditCode);
  if (!id) return null;
  for (const y of [year, year - 1]) {
    const r = await getSoeKpis({ db }, systemActor('reform-soe-targets'), id, y);
    const k = r.kpis.find((x) => x.key === kpi);
    if (k && k.value !== null) return convertKpi(k.value, k.unit, unit);
  }
  return null;
});
