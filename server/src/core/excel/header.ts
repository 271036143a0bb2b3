import type { MoneyUnit } from './values';
import type { ColumnDef, LedgerMap } from './types';

/**
 * Finding the header row of a real-world ledger and matching its texts to a ledger map's columns.
 * Matching ignores spaces, line breaks, full-width forms, '*' marks, trailing colons and bracketed
 * additions ('总投资（亿元）' matches '总投资'); a money unit in brackets becomes the column's unit.
 */

/** The header rows are looked for among the first this-many non-empty rows. */
export const HEADER_SCAN_ROWS = 15;

export function normHeader(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*※★]/g, '')
    .replace(/[:：]+$/, '');
}

const BRACKETS = /[([【〔{<《][^)\]】〕}>》]*[)\]】〕}>》]/g;
const SLASH_UNIT = /\/(亿元|万元|元|亩|万|亿|个|人|%)$/;

/** The texts a header cell may stand for: as written, without bracketed additions, without a "/unit" suffix. */
export function headerVariants(s: string): string[] {
  const n = normHeader(s);
  if (!n) return [];
  const out = new Set([n]);
  const noBrackets = n.replace(BRACKETS, '');
  if (noBrackets) out.add(noBrackets);
  const noSlash = noBrackets.replace(SLASH_UNIT, '');
  if (noSlash) out.add(noSlash);
  return [...out];
}

/** A unit for money named in a header: '（万元）', '(单位：亿元)', '/万元', '(CNY 10k)'. */
export function unitIn(text: string): MoneyUnit | null {
  const n = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const parts = [...n.matchAll(/[([【〔{]([^)\]】〕}]*)[)\]】〕}]/g)].map((m) => m[1] ?? '');
  const slash = /\/\s*([^/]+)$/.exec(n);
  if (slash) parts.push(slash[1] ?? '');
  for (const p of parts) {
    if (/美元|usd|us\$|欧元|港/.test(p)) continue;
    if (/亿|100m|100 million|hundred million/.test(p)) return '亿元';
    if (/万|10k|10,000|ten thousand/.test(p)) return '万元';
    if (/元|cny|rmb|yuan/.test(p)) return '元';
  }
  return null;
}

/** The header text as a template shows it in `locale`: a '*' on required columns, the unit for money. */
export function templateHeader<R>(col: ColumnDef<R>, locale: 'zh-CN' | 'en'): string {
  const label = locale === 'en' ? col.header.en : col.header.zh;
  const mark = col.required ? '*' : '';
  // a label that already names its unit ('备案总投资（万元）', 'Filed investment (10k CNY)') is used as is
  if (col.kind !== 'money' || unitIn(label)) return `${mark}${label}`;
  const unit = col.moneyUnit ?? '万元';
  if (locale === 'en')
    return `${mark}${label} (${unit === '元' ? 'CNY' : unit === '万元' ? 'CNY 10k' : 'CNY 100m'})`;
  return `${mark}${label}（${unit}）`;
}

export type HeaderLookup = Map<string, number>;

/** Every text a map's columns answer to (headers in both languages, aliases, the key), by variant. */
export function headerLookup<R>(map: LedgerMap<R>): HeaderLookup {
  const lookup: HeaderLookup = new Map();
  map.columns.forEach((col, i) => {
    for (const text of [col.header.zh, col.header.en, ...(col.aliases ?? []), col.key])
      for (const v of headerVariants(text)) if (!lookup.has(v)) lookup.set(v, i);
  });
  return lookup;
}

export type ColumnMatch = {
  /** Index in map.columns. */
  index: number;
  /** Column number in the sheet (1-based). */
  col: number;
  /** The header as written in the file (for messages). */
  header: string;
  unit: MoneyUnit | null;
};

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Matches one header row (`bottom`), or two rows of a two-level header (`top` above `bottom`, parent and
 * child texts combined), to the map's columns. Each map column and each sheet column is used once.
 */
export function matchHeader(
  lookup: HeaderLookup,
  top: Array<string | undefined> | null,
  bottom: Array<string | undefined>,
): ColumnMatch[] {
  const used = new Set<number>();
  const out: ColumnMatch[] = [];
  const width = Math.max(bottom.length, top?.length ?? 0);
  for (let c = 0; c < width; c++) {
    const child = clean(bottom[c]);
    const parent = clean(top?.[c]);
    const candidates: string[] = [];
    if (child) candidates.push(child);
    if (parent && parent !== child) {
      candidates.push(parent);
      if (child) candidates.push(`${parent}${child}`);
    }
    for (const text of candidates) {
      const hit = headerVariants(text)
        .map((v) => lookup.get(v))
        .find((i) => i !== undefined && !used.has(i));
      if (hit === undefined) continue;
      used.add(hit);
      out.push({
        index: hit,
        col: c + 1,
        header: text === `${parent}${child}` && parent ? `${parent} ${child}` : text,
        unit: unitIn(child) ?? (parent ? unitIn(parent) : null),
      });
      break;
    }
  }
  return out;
}

export type HeaderChoice = { headerRow: number; topRow: number | null; matches: ColumnMatch[] };

/**
 * Picks the header among the first rows: the row (or pair of adjacent rows) matching the most columns.
 * `rows` are the non-empty rows in order, as text (merged cells already filled in).
 */
export function detectHeader(
  lookup: HeaderLookup,
  rows: Array<{ r: number; texts: Array<string | undefined> }>,
): HeaderChoice | null {
  let best: HeaderChoice | null = null;
  const n = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const single = matchHeader(lookup, null, row.texts);
    if (!best || single.length > best.matches.length)
      best = { headerRow: row.r, topRow: null, matches: single };
    const next = rows[i + 1];
    if (next && next.r === row.r + 1) {
      const double = matchHeader(lookup, row.texts, next.texts);
      const alone = matchHeader(lookup, null, next.texts);
      if (double.length > best.matches.length && double.length > alone.length)
        best = { headerRow: next.r, topRow: row.r, matches: double };
    }
  }
  return best && best.matches.length > 0 ? best : null;
}

/** A sheet-wide unit stated above the table: '单位：万元', '金额单位：亿元'. */
export function sheetUnit(texts: string[]): MoneyUnit | null {
  for (const t of texts) {
    const m = /单位[:：]\s*(亿元|万元|元)/.exec(t.normalize('NFKC').replace(/\s+/g, ''));
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

/** Totals rows: '合计', '小计：', '总计(12个)', '京口区小计', '全市合计' (but not '总计算中心'). */
export function isTotalsText(s: string): boolean {
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  return /^(合计|小计|总计|总合计)(?![\u4e00-\u9fff])/.test(t) || /(合计|小计|总计)$/.test(t);
}
