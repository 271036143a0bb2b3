import type { SoeKpi } from '../../../../contracts/schemas/enterprises';
import { r6 } from './enterprises.rules';

/**
 * SASAC's "一利五率" for a state-owned enterprise, computed from the yearly indicators (domain.md §9.5):
 * 利润总额; 资产负债率 = 负债总额 / 资产总额 (year end); 净资产收益率 = 净利润 / 平均净资产 (opening = last
 * year's closing); 研发经费投入强度 = 研发费用 / 营业收入; 全员劳动生产率 = 劳动生产总值 / 平均从业人数;
 * 营业现金比率 = 经营活动现金流量净额 / 营业收入. Where the ledger lacks a figure a stated proxy is used and
 * the KPI says so (`approximate`, `note`); without the inputs the value is null. Pure.
 */
export type SoeInputs = {
  revenue?: number | null;
  rdExpense?: number | null;
  staff?: number | null;
  output?: number | null;
  totalAssets?: number | null;
  liabilities?: number | null;
  profit?: number | null;
  netProfit?: number | null;
  valueAdded?: number | null;
  netAssets?: number | null;
  operatingCashFlow?: number | null;
};

type Kpi = Omit<SoeKpi, 'previous' | 'change'>;
const div = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
const avg = (open: number | null | undefined, close: number | null | undefined) =>
  close === null || close === undefined
    ? null
    : open === null || open === undefined
      ? close
      : (open + close) / 2;

function kpisOfYear(cur: SoeInputs, prev: SoeInputs | null): Kpi[] {
  const roeNumerator = cur.netProfit ?? cur.profit ?? null;
  const roeApprox =
    (cur.netProfit === null || cur.netProfit === undefined) &&
    cur.profit !== null &&
    cur.profit !== undefined;
  const avgNetAssets = avg(prev?.netAssets, cur.netAssets);
  const avgStaff = avg(prev?.staff, cur.staff);
  const producedValue = cur.valueAdded ?? cur.output ?? null;
  const lpApprox =
    (cur.valueAdded === null || cur.valueAdded === undefined) &&
    cur.output !== null &&
    cur.output !== undefined;
  const ratio = (v: number | null) => (v === null || v === undefined ? null : r6(v));
  return [
    {
      key: 'profit',
      label: { zh: '利润总额', en: 'Total profit' },
      value: cur.profit ?? null,
      unit: 'yuan',
      formula: { zh: '利润总额', en: 'Total profit' },
      inputs: { profit: cur.profit ?? null },
      approximate: false,
      note: null,
    },
    {
      key: 'debtRatio',
      label: { zh: '资产负债率', en: 'Debt-to-asset ratio' },
      value: ratio(div(cur.liabilities, cur.totalAssets)),
      unit: 'ratio',
      formula: { zh: '负债总额 ÷ 资产总额', en: 'Total liabilities ÷ total assets' },
      inputs: { liabilities: cur.liabilities ?? null, totalAssets: cur.totalAssets ?? null },
      approximate: false,
      note: null,
    },
    {
      key: 'roe',
      label: { zh: '净资产收益率', en: 'Return on equity' },
      value: ratio(div(roeNumerator, avgNetAssets)),
      unit: 'ratio',
      formula: {
        zh: '净利润 ÷ 平均净资产（年初与年末的平均）',
        en: 'Net profit ÷ average net assets (opening and closing)',
      },
      inputs: {
        netProfit: cur.netProfit ?? null,
        profit: cur.profit ?? null,
        openingNetAssets: prev?.netAssets ?? null,
        closingNetAssets: cur.netAssets ?? null,
        averageNetAssets: avgNetAssets,
      },
      approximate:
        roeApprox ||
        ((prev?.netAssets === null || prev?.netAssets === undefined) &&
          cur.netAssets !== null &&
          cur.netAssets !== undefined),
      note: roeApprox
        ? { zh: '台账无净利润，以利润总额代替', en: 'No net profit in the ledger: total profit used instead' }
        : (prev?.netAssets === null || prev?.netAssets === undefined) &&
            cur.netAssets !== null &&
            cur.netAssets !== undefined
          ? {
              zh: '无上年净资产，以年末净资产代替平均值',
              en: 'No opening net assets: closing net assets used',
            }
          : null,
    },
    {
      key: 'rdIntensity',
      label: { zh: '研发经费投入强度', en: 'R&D intensity' },
      value: ratio(div(cur.rdExpense, cur.revenue)),
      unit: 'ratio',
      formula: { zh: '研发费用 ÷ 营业收入', en: 'R&D expense ÷ revenue' },
      inputs: { rdExpense: cur.rdExpense ?? null, revenue: cur.revenue ?? null },
      approximate: false,
      note: null,
    },
    {
      key: 'laborProductivity',
      label: { zh: '全员劳动生产率', en: 'Labour productivity' },
      value: div(producedValue, avgStaff) === null ? null : Math.round(div(producedValue, avgStaff)!),
      unit: 'yuan_per_person',
      formula: { zh: '劳动生产总值 ÷ 平均从业人数', en: 'Value added ÷ average headcount' },
      inputs: {
        valueAdded: cur.valueAdded ?? null,
        output: cur.output ?? null,
        openingStaff: prev?.staff ?? null,
        closingStaff: cur.staff ?? null,
        averageStaff: avgStaff,
      },
      approximate: lpApprox,
      note: lpApprox
        ? {
            zh: '台账无劳动生产总值，以工业总产值近似（偏高）',
            en: 'No value added in the ledger: gross output used (overstates)',
          }
        : null,
    },
    {
      key: 'operatingCashRatio',
      label: { zh: '营业现金比率', en: 'Operating cash ratio' },
      value: ratio(div(cur.operatingCashFlow, cur.revenue)),
      unit: 'ratio',
      formula: { zh: '经营活动现金流量净额 ÷ 营业收入', en: 'Operating cash flow ÷ revenue' },
      inputs: { operatingCashFlow: cur.operatingCashFlow ?? null, revenue: cur.revenue ?? null },
      approximate: false,
      note: null,
    },
  ];
}

/** The six KPIs of `year`, each beside last year's value and the change (ratios in decimal points). */
export function computeSoeKpis(byYear: ReadonlyMap<number, SoeInputs>, year: number): SoeKpi[] {
  const cur = byYear.get(year) ?? {};
  const prev = byYear.get(year - 1) ?? null;
  const before = byYear.get(year - 2) ?? null;
  const now = kpisOfYear(cur, prev);
  const last = prev ? kpisOfYear(prev, before) : null;
  return now.map((k, i) => {
    const p = last?.[i]?.value ?? null;
    const change =
      k.value === null || k.value === undefined || p === null || p === undefined
        ? null
        : k.unit === 'ratio'
          ? r6(k.value - p)
          : k.value - p;
    return { ...k, previous: p, change };
  });
}
