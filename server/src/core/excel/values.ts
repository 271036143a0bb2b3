import { bi } from './messages';
import { serialToYmd, type CellValue } from './xlsx-reader';
import type { Bilingual, ColumnDef, EnumOption } from './types';

/**
 * Conversion of one cell to a column's value: the tolerant part of the import. Every function returns
 * either `{ value }` (null for an empty cell) or `{ error }` with a bilingual message; nothing throws.
 */

export type MoneyUnit = '元' | '万元' | '亿元';
export const MONEY_POWER: Record<MoneyUnit, number> = { 元: 0, 万元: 4, 亿元: 8 };

export type Converted = { value: unknown } | { error: Bilingual };

/** Full-width digits and Latin letters → ASCII, the ideographic space → a space; Chinese punctuation is kept. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** NFKC (full-width → ASCII for digits, letters and punctuation) and trimmed. For numbers, dates, options. */
export const nfkc = (s: string) => s.normalize('NFKC').trim();

/** How a raw cell reads in a message: short, on one line. */
export function display(raw: CellValue | undefined): string {
  let s: string;
  if (raw === undefined) s = '';
  else if (typeof raw === 'object')
    s =
      raw.kind === 'date'
        ? (raw.ymd ?? String(raw.serial))
        : raw.kind === 'error'
          ? raw.code
          : `=${raw.formula}`;
  else s = String(raw);
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Cells that hold nothing, or only a dash or slash (how ledgers write "none" in number columns). */
const PLACEHOLDER = /^[-—–－/／\\、.。…]+$/;

/** A decimal number written as text: full-width digits, thousands separators, currency signs tolerated. */
type Decimal = { neg: boolean; int: string; frac: string };

export function parseDecimalText(input: string): Decimal | null {
  let s = nfkc(input)
    .replace(/[\s,，_']/g, '')
    .replace(/^[¥￥$]|^RMB|^CNY/i, '');
  let neg = false;
  if (/^[-−]/.test(s)) {
    neg = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  return { neg, int: (m[1] ?? '').replace(/^0+(?=\d)/, '') || '0', frac: m[2] ?? '' };
}

/** A finite JS number as a Decimal, exactly as its shortest decimal representation reads. */
export function decimalOfNumber(n: number): Decimal {
  const neg = n < 0 || Object.is(n, -0);
  const s = Math.abs(n).toString();
  const e = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!e) {
    const [i, f = ''] = s.split('.');
    return { neg, int: i ?? '0', frac: f };
  }
  const digits = (e[1] ?? '') + (e[2] ?? '');
  const point = (e[1] ?? '').length + Number(e[3]);
  if (point <= 0) return { neg, int: '0', frac: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { neg, int: digits + '0'.repeat(point - digits.length), frac: '' };
  return { neg, int: digits.slice(0, point), frac: digits.slice(point) };
}

/** d × 10^power rounded half away from zero to an integer; null when beyond Number.MAX_SAFE_INTEGER. */
export function scaleToInteger(d: Decimal, power: number): number | null {
  const frac = d.frac.padEnd(power, '0');
  const whole = BigInt(d.int + frac.slice(0, power));
  const rest = frac.slice(power);
  const rounded = rest && rest.charCodeAt(0) >= 53 /* '5' */ ? whole + 1n : whole;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const n = Number(rounded);
  return d.neg && n !== 0 ? -n : n;
}

export const decimalToNumber = (d: Decimal) =>
  Number(`${d.neg ? '-' : ''}${d.int}${d.frac ? '.' + d.frac : ''}`);

function scalarError(raw: CellValue): Bilingual | null {
  if (typeof raw !== 'object') return null;
  if (raw.kind === 'error') return bi('cellError', { value: raw.code });
  if (raw.kind === 'formula') return bi('formulaNoResult', { value: raw.formula.slice(0, 60) });
  return null;
}

/** 'text': trimmed; numbers without exponent where possible; dates as YYYY-MM-DD. */
export function toText(raw: CellValue): Converted {
  const err = scalarError(raw);
  if (err) return { error: err };
  if (typeof raw === 'object') return { value: raw.kind === 'date' && raw.ymd ? raw.ymd : display(raw) };
  if (typeof raw === 'number') {
    const d = decimalOfNumber(raw);
    return { value: `${d.neg ? '-' : ''}${d.int}${d.frac ? '.' + d.frac : ''}` };
  }
  if (typeof raw === 'boolean') return { value: raw ? 'TRUE' : 'FALSE' };
  const s = halfWidthAlnum(raw.replace(/\r\n?/g, '\n')).trim();
  return { value: s === '' ? null : s };
}

function numberish(
  raw: CellValue,
): { decimal: Decimal; percent: boolean } | { error: Bilingual } | { empty: true } | null {
  const err = scalarError(raw);
  if (err) return { error: err };
  if (typeof raw === 'number') return { decimal: decimalOfNumber(raw), percent: false };
  if (typeof raw === 'boolean' || typeof raw === 'object') return null;
  const t = nfkc(raw);
  if (t === '' || PLACEHOLDER.test(t)) return { empty: true };
  const percent = t.endsWith('%');
  const d = parseDecimalText(percent ? t.slice(0, -1) : t);
  return d ? { decimal: d, percent } : null;
}

export function toInteger(raw: CellValue): Converted {
  const n = numberish(raw);
  if (n && 'error' in n) return n;
  if (n && 'empty' in n) return { value: null };
  if (!n || n.percent) return { error: bi('notInteger', { value: display(raw) }) };
  if (/[1-9]/.test(n.decimal.frac)) return { error: bi('notInteger', { value: display(raw) }) };
  const v = scaleToInteger(n.decimal, 0);
  return v === null ? { error: bi('tooBig', { value: display(raw) }) } : { value: v };
}

export function toDecimal(raw: CellValue): Converted {
  const n = numberish(raw);
  if (n && 'error' in n) return n;
  if (n && 'empty' in n) return { value: null };
  if (!n) return { error: bi('notNumber', { value: display(raw) }) };
  const v = decimalToNumber(n.decimal);
  if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)
    return { error: bi('tooBig', { value: display(raw) }) };
  return { value: n.percent ? v / 100 : v };
}

const MONEY_SUFFIX = /(亿元|万元|元|亿|万)(人民币)?$/;

/** Money → integer 元. The unit written in the cell wins over `unit` (from the header or the column). */
export function toMoney(raw: CellValue, unit: MoneyUnit): Converted {
  const err = scalarError(raw);
  if (err) return { error: err };
  if (typeof raw === 'number') {
    const v = scaleToInteger(decimalOfNumber(raw), MONEY_POWER[unit]);
    return v === null ? { error: bi('tooBig', { value: display(raw) }) } : { value: v };
  }
  if (typeof raw !== 'string') return { error: bi('notMoney', { value: display(raw) }) };
  let t = nfkc(raw).replace(/\s+/g, '');
  if (t === '' || PLACEHOLDER.test(t)) return { value: null };
  if (/美元|美金|usd|us\$|欧元|eur|港币|港元|hkd|日元/i.test(t))
    return { error: bi('foreignMoney', { value: display(raw) }) };
  let u = unit;
  t = t.replace(/^(人民币|rmb|cny)/i, '');
  const m = MONEY_SUFFIX.exec(t);
  if (m) {
    u = m[1]!.startsWith('亿') ? '亿元' : m[1]!.startsWith('万') ? '万元' : '元';
    t = t.slice(0, m.index);
  }
  const d = parseDecimalText(t);
  if (!d) return { error: bi('notMoney', { value: display(raw) }) };
  const v = scaleToInteger(d, MONEY_POWER[u]);
  return v === null ? { error: bi('tooBig', { value: display(raw) }) } : { value: v };
}

/** Integer 元 → the amount in `unit`, exactly (as a number whose shortest representation is the decimal). */
export function moneyInUnit(yuan: number, unit: MoneyUnit): number {
  const p = MONEY_POWER[unit];
  const whole = Math.round(yuan);
  if (p === 0) return whole;
  const d = decimalOfNumber(whole);
  const digits = d.int.padStart(p + 1, '0');
  const int = digits.slice(0, digits.length - p);
  const frac = digits.slice(digits.length - p).replace(/0+$/, '');
  return Number(`${d.neg ? '-' : ''}${int}${frac ? '.' + frac : ''}`);
}

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Serial numbers accepted in date columns: 1910-01-01 … 2099-12-31 (so a bare year like 2024 is not a date). */
const SERIAL_MIN = 3654;
const SERIAL_MAX = 73050;

type DateParts = { y: number; m: number; d: number | null } | null;

const FULL =
  /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTH = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?(?:份)?$/;

function dateParts(text: string): DateParts {
  const t = nfkc(text);
  let m = FULL.exec(t);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  m = MONTH.exec(t);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: null };
  m = /^(\d{4})(\d{2})$/.exec(t);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: null };
  return null;
}

/** 'date' → 'YYYY-MM-DD'; 'month' → 'YYYY-MM'. */
export function toDateOrMonth(raw: CellValue, kind: 'date' | 'month', date1904 = false): Converted {
  const err = scalarError(raw);
  if (err) return { error: err };
  const bad = () => ({ error: bi(kind === 'date' ? 'notDate' : 'notMonth', { value: display(raw) }) });
  let ymd: string | null = null;
  let parts: DateParts = null;
  if (typeof raw === 'object') {
    if (raw.kind !== 'date' || !raw.ymd) return bad();
    ymd = raw.ymd;
  } else if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 19000101 && raw <= 22001231) parts = dateParts(String(raw));
    else if (Number.isInteger(raw) && raw >= 190001 && raw <= 220012) parts = dateParts(String(raw));
    else if (raw >= SERIAL_MIN && raw <= SERIAL_MAX) ymd = serialToYmd(raw, date1904);
    else if (kind === 'month' && raw >= 1900 && raw < 2201 && !Number.isInteger(raw))
      return { error: bi('ambiguousMonth', { value: display(raw) }) };
    else return bad();
  } else if (typeof raw === 'string') {
    const t = nfkc(raw);
    if (t === '' || PLACEHOLDER.test(t)) return { value: null };
    if (/^\d{4,5}(\.\d+)?$/.test(t) && Number(t) >= SERIAL_MIN && Number(t) <= SERIAL_MAX)
      ymd = serialToYmd(Number(t), date1904);
    else parts = dateParts(t);
  } else return bad();
  if (ymd) {
    const [y, m, d] = ymd.split('-').map(Number);
    parts = { y: y!, m: m!, d: d! };
  }
  if (!parts) return bad();
  if (parts.d === null) {
    if (kind === 'date')
      return validYmd(parts.y, parts.m, 1) ? { error: bi('monthOnly', { value: display(raw) }) } : bad();
    return validYmd(parts.y, parts.m, 1) ? { value: `${parts.y}-${pad(parts.m)}` } : bad();
  }
  if (!validYmd(parts.y, parts.m, parts.d)) return bad();
  return {
    value: kind === 'date' ? `${parts.y}-${pad(parts.m)}-${pad(parts.d)}` : `${parts.y}-${pad(parts.m)}`,
  };
}

/** Option lookup key: NFKC, no spaces, lower case. */
export const optionKey = (s: string) => nfkc(s).replace(/\s+/g, '').toLowerCase();

export function optionIndex(options: EnumOption[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const o of options)
    for (const label of [o.value, o.zh, o.en, ...(o.aliases ?? [])]) {
      const k = optionKey(label);
      if (k && !index.has(k)) index.set(k, o.value);
    }
  return index;
}

export function toEnum(raw: CellValue, options: EnumOption[], index: Map<string, string>): Converted {
  const err = scalarError(raw);
  if (err) return { error: err };
  const t = typeof raw === 'object' ? display(raw) : String(raw);
  if (nfkc(t) === '') return { value: null };
  const v = index.get(optionKey(t));
  if (v !== undefined) return { value: v };
  const list = (labels: string[], sep: string) =>
    labels.length > 20 ? `${labels.slice(0, 20).join(sep)}…` : labels.join(sep);
  const zh = bi('notOption', {
    value: display(raw),
    options: list(
      options.map((o) => o.zh),
      '、',
    ),
  });
  const en = bi('notOption', {
    value: display(raw),
    options: list(
      options.map((o) => o.en),
      ', ',
    ),
  });
  return { error: { zh: zh.zh, en: en.en } };
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对', '有']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘', '无', '不是']);

export function toBoolean(raw: CellValue): Converted {
  const err = scalarError(raw);
  if (err) return { error: err };
  if (typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'number')
    return raw === 1
      ? { value: true }
      : raw === 0
        ? { value: false }
        : { error: bi('notBoolean', { value: display(raw) }) };
  if (typeof raw === 'object') return { error: bi('notBoolean', { value: display(raw) }) };
  const k = optionKey(raw);
  if (k === '') return { value: null };
  if (TRUE_WORDS.has(k)) return { value: true };
  if (FALSE_WORDS.has(k)) return { value: false };
  return { error: bi('notBoolean', { value: display(raw) }) };
}

export const MAX_CELL_CHARS = 32_767;

/** Converts one raw cell for a column (kind only; the column's `parse` hook runs afterwards). */
export function convertCell<R>(
  col: ColumnDef<R>,
  raw: CellValue | undefined,
  ctx: { unit: MoneyUnit; date1904: boolean; options?: Map<string, string> },
): Converted {
  if (raw === undefined) return { value: null };
  if (typeof raw === 'string' && raw.length > MAX_CELL_CHARS)
    return { error: bi('tooLong', { length: raw.length }) };
  switch (col.kind) {
    case 'text':
      return toText(raw);
    case 'integer':
      return toInteger(raw);
    case 'decimal':
      return toDecimal(raw);
    case 'money':
      return toMoney(raw, ctx.unit);
    case 'date':
    case 'month':
      return toDateOrMonth(raw, col.kind, ctx.date1904);
    case 'enum':
      return toEnum(raw, col.options ?? [], ctx.options ?? optionIndex(col.options ?? []));
    case 'boolean':
      return toBoolean(raw);
  }
}

/** Whether a raw cell holds anything (whitespace-only text does not count). */
export function isPresent(raw: CellValue | undefined): boolean {
  if (raw === undefined) return false;
  if (typeof raw === 'string') return raw.trim() !== '';
  return true;
}
