/**
 * How government documents show money: large amounts in 亿元, the rest in 万元 (the ledger stores integer 元).
 * Pure; shared by light messages and the dispatch bulletin.
 */
const trim = (n: number, digits: number) => {
  const s = n.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

/** 120000000 → '1.2亿元', 48000000 → '4800万元', 5000 → '5000元'. */
export function formatYuanZh(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e8) return `${trim(yuan / 1e8, 2)}亿元`;
  if (abs >= 1e4) return `${trim(yuan / 1e4, 2)}万元`;
  return `${trim(yuan, 0)}元`;
}

export function formatYuanEn(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e6) return `CNY ${trim(yuan / 1e6, 2)} million`;
  return `CNY ${Math.round(yuan).toLocaleString('en-US')}`;
}

/** Amount in 万元 for a table whose header names the unit: 120000000 → 12000, 1234567 → 123.46. */
export function toWan(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}

/** Amount in 亿元 with two decimals. */
export function toYi(yuan: number): number {
  return Math.round(yuan / 1e6) / 100;
}

/** '2025-06' → '2025年6月'; '2025-06-30' → '2025年6月30日'. */
export function formatDateZh(s: string): string {
  const [y, m, d] = s.split('-');
  if (!d) return `${y}年${Number(m)}月`;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export const pct = (n: number, digits = 1) => trim(n, digits);
