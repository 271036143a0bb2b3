import { formatMoney, formatNumber } from '@/lib/format';

type Units = { wan: string; yi: string };
type Figure = number | string | boolean | null;

const RATIO = /(ratio|share|cagr|growth|intensity|rate)(2y)?$/i;
const MONEY = /(revenue|expense|assets|tax|profit|output|total|liabilities)/i;
const USD = /usd$/i;

/**
 * A figure or threshold of an eligibility criterion, readable: ratios as %, amounts in 元 as 万元/亿元, USD as 亿美元,
 * booleans as ✓/✗. Keys name what the value is (rdRatio, revenueTotal, minValuationUsd …).
 */
export function formatCriterionFigure(key: string, v: Figure, units: Units, yesNo: [string, string]): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  if (typeof v === 'string') return v;
  if (/^(windowFrom|windowTo|baseYear|year)$/.test(key)) return String(v);
  if (USD.test(key)) return `${formatNumber(v / 100_000_000, 2)}亿美元`;
  if (RATIO.test(key) && Math.abs(v) <= 10) return `${formatNumber(v * 100, 2)}%`;
  if (/^(min|max)$/.test(key) && Math.abs(v) <= 10 && !Number.isInteger(v))
    return `${formatNumber(v * 100, 2)}%`;
  if (MONEY.test(key) && Math.abs(v) >= 10_000) return formatMoney(v, { units });
  return formatNumber(v, 2);
}
