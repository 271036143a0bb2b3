/**
 * Numbers as official documents write them (pure): 亿元 to one decimal for large amounts, 万元 for small ones,
 * 同比增长 X.X% / 同比下降 X.X%, rates as X.X%, changes of a rate in 个百分点, counts with 个 / 家, days with 天,
 * dates as 2024年12月31日.
 */

const fixed1 = (n: number) => (Math.round(n * 10 + (n >= 0 ? 1e-9 : -1e-9)) / 10).toFixed(1);
const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** An amount in 元: ≥ 1亿 → '2300.0亿元'; ≥ 1万 → '4800万元' (one decimal when not whole); else 'N元'. */
export function yuanText(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e8) return `${fixed1(yuan / 1e8)}亿元`;
  if (abs >= 1e4) return `${trim(fixed1(yuan / 1e4))}万元`;
  return `${Math.round(yuan)}元`;
}

/** An amount already in 亿元 (an amount indicator's value). */
export const yiText = (yi: number) => yuanText(Math.round(yi * 1e8));

/** 同比: '同比增长40.0%', '同比下降12.5%', '与上年同期持平'; '' when there is no base. */
export function yoyText(yoy: number | null): string {
  if (yoy === null) return '';
  if (Math.abs(yoy) < 0.05) return '与上年同期持平';
  return yoy > 0 ? `同比增长${fixed1(yoy)}%` : `同比下降${fixed1(-yoy)}%`;
}

/** A rate's change in percentage points: '比上年同期提高3.2个百分点'. */
export function pointsText(change: number | null): string {
  if (change === null) return '';
  if (Math.abs(change) < 0.05) return '与上年同期持平';
  return change > 0 ? `比上年同期提高${fixed1(change)}个百分点` : `比上年同期降低${fixed1(-change)}个百分点`;
}

export const pctText = (v: number) => `${fixed1(v)}%`;
export const countText = (n: number, unit: string) => `${Math.round(n)}${unit}`;
export const daysText = (v: number) => (Number.isInteger(v) ? `${v}天` : `${fixed1(v)}天`);

/** '2024-12-31' → '2024年12月31日'; '2024-12' → '2024年12月'. */
export function dateZh(s: string): string {
  const [y, m, d] = s.split('-');
  return d ? `${y}年${Number(m)}月${Number(d)}日` : `${y}年${Number(m)}月`;
}

/** A figure by its indicator kind and display unit. */
export function valueText(
  kind: 'count' | 'amount' | 'mean' | 'rate',
  value: number | null,
  unit: string,
): string {
  if (value === null) return '—';
  switch (kind) {
    case 'amount':
      return yiText(value);
    case 'rate':
      return pctText(value);
    case 'mean':
      return daysText(value);
    case 'count':
      return countText(value, unit);
  }
}

/** 一、二、… for section headings (1–20). */
export function chineseOrdinal(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  if (n <= 10) return digits[n]!;
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}
