import dayjs from 'dayjs';

/** Local date-time for an ISO timestamp; '—' for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}

// ── money ──
// The API carries money as integer 元 (decision 0003). People read and type 万元, and 亿元 for large totals;
// conversions go through decimal strings so that no amount is ever rounded by floating point.

export type MoneyUnit = 'wan' | 'yi';
/** 元 per unit: 万元 = 10⁴ 元, 亿元 = 10⁸ 元. */
export const MONEY_SCALE: Record<MoneyUnit, number> = { wan: 4, yi: 8 };

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * An integer amount divided by 10^scale, as a decimal string with at most `digits` decimals (rounded half up,
 * trailing zeros dropped unless `fixed`), thousands grouped.
 */
export function scaleDown(amount: number, scale: number, digits: number, fixed = false): string {
  const neg = amount < 0;
  let s = String(Math.abs(Math.trunc(amount)));
  if (s.includes('e')) s = BigInt(Math.abs(Math.trunc(amount))).toString();
  s = s.padStart(scale + 1, '0');
  let int = s.slice(0, s.length - scale);
  let frac = s.slice(s.length - scale);
  if (frac.length > digits) {
    const roundUp = Number(frac[digits]) >= 5;
    frac = frac.slice(0, digits);
    if (roundUp) {
      const n = (BigInt(int + frac) + 1n).toString().padStart(int.length + frac.length, '0');
      int = n.slice(0, n.length - frac.length) || '0';
      frac = n.slice(n.length - frac.length);
    }
  }
  if (!fixed) frac = frac.replace(/0+$/, '');
  else frac = frac.padEnd(digits, '0');
  const body = group(int.replace(/^0+(?=\d)/, '')) + (frac ? `.${frac}` : '');
  return neg && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Amount in 元 → "1,234.56" 万元 (no unit). */
export const toWanText = (yuan: number, digits = 2) => scaleDown(yuan, 4, digits);
/** Amount in 元 → "12.35" 亿元 (no unit). */
export const toYiText = (yuan: number, digits = 2) => scaleDown(yuan, 8, digits);

/**
 * Money for display: 万元, or 亿元 from 1亿 up (`unit: 'auto'`, the default), '—' for none.
 * `t` supplies the unit words so English reads "10k CNY" / "100m CNY".
 */
export function formatMoney(
  yuan: number | null | undefined,
  opts: { unit?: 'auto' | MoneyUnit; digits?: number; units?: { wan: string; yi: string } } = {},
): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—';
  const units = opts.units ?? { wan: '万元', yi: '亿元' };
  const unit = opts.unit ?? 'auto';
  const useYi = unit === 'yi' || (unit === 'auto' && Math.abs(yuan) >= 100_000_000);
  return useYi
    ? `${toYiText(yuan, opts.digits ?? 2)}${units.yi}`
    : `${toWanText(yuan, opts.digits ?? 2)}${units.wan}`;
}

/**
 * A decimal in the given unit (a string as typed, or a number) → integer 元, exactly; null when it is not a
 * number or has more decimals than the unit can carry (万元: 4, 亿元: 8).
 */
export function unitToYuan(
  value: string | number | null | undefined,
  unit: MoneyUnit = 'wan',
): number | null {
  if (value === null || value === undefined || value === '') return null;
  const raw = typeof value === 'number' ? numberToPlain(value) : value.trim().replace(/,/g, '');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(raw);
  if (!m || (!m[2] && !m[3])) return null;
  const scale = MONEY_SCALE[unit];
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > scale) return null;
  const digits = `${m[2] || '0'}${frac.padEnd(scale, '0')}`;
  const n = Number(BigInt(digits));
  if (!Number.isSafeInteger(n)) return null;
  return m[1] ? -n : n;
}

/** Integer 元 → the exact decimal string in the unit (for inputs): 12345678 → "1234.5678" 万元. */
export const yuanToUnit = (yuan: number, unit: MoneyUnit = 'wan'): string =>
  scaleDown(yuan, MONEY_SCALE[unit], MONEY_SCALE[unit]).replace(/,/g, '');

/** A JS number written out without exponent (1e21 → "1000000000000000000000"). */
function numberToPlain(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** A rate (0.4567) as "45.7%"; '—' for none. */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A plain number with thousands separators; '—' for none. */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  // Trim trailing zeros of the fraction only (never of a whole number: 560 stays 560).
  const fixed = digits > 0 ? n.toFixed(digits).replace(/\.?0+$/, '') : n.toFixed(0);
  const [i, f] = fixed.split('.');
  return `${group(i!)}${f ? `.${f}` : ''}`;
}
