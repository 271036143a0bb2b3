import { StringDecoder } from 'node:string_decoder';
import { decodeOoxmlEscapes, XmlScanner } from './xml';
import {
  DEFAULT_ZIP_LIMITS,
  entryChunks,
  readZipDirectory,
  ZipError,
  type ZipEntry,
  type ZipLimits,
} from './zip';

/**
 * A streaming reader of the cell values of an .xlsx workbook, built on the defensive zip reader. It reads
 * what an import needs and nothing else: sheet names and visibility, shared strings (rich text flattened,
 * phonetic runs dropped), which styles are dates, cell values (formula cells by their cached result),
 * merged ranges and the sheet's declared dimension. Memory is bounded by the zip limits and by keeping
 * only the first `maxCols` columns.
 */

/** A date-formatted number: the Excel serial and its calendar date (null for a time of day only). */
export type DateCell = { kind: 'date'; serial: number; ymd: string | null };
/** An error value such as #N/A or #DIV/0!. */
export type ErrorCell = { kind: 'error'; code: string };
/** A formula without a cached result (the file was written by a program that does not calculate). */
export type FormulaCell = { kind: 'formula'; formula: string };
export type CellValue = string | number | boolean | DateCell | ErrorCell | FormulaCell;

/** One row: `cells[0]` is column A. Only rows holding at least one value are kept. */
export type SheetRow = { r: number; cells: Array<CellValue | undefined> };
export type MergeRange = { r1: number; c1: number; r2: number; c2: number };

export type XlsxSheet = { name: string; path: string; hidden: boolean };

export type XlsxBook = {
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  sheets: XlsxSheet[];
  date1904: boolean;
  sharedStrings: string[];
  /** dateStyles[s] is true when cell style index s formats numbers as a date/time. */
  dateStyles: boolean[];
};

export class XlsxError extends Error {
  constructor(readonly problem: 'no_workbook' | 'no_sheet') {
    super(`xlsx: ${problem}`);
    this.name = 'XlsxError';
  }
}

const MAX_MERGES = 200_000;

function entryOf(
  book: { entries: Map<string, ZipEntry>; lower: Map<string, ZipEntry> },
  path: string,
): ZipEntry | undefined {
  return book.entries.get(path) ?? book.lower.get(path.toLowerCase());
}

/** Resolves a relationship target against the directory of the part that declares it. */
function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (baseDir ? baseDir.split('/') : []).concat(target.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

async function scanEntry(
  buf: Buffer,
  entry: ZipEntry,
  scanner: XmlScanner,
  shouldStop?: () => boolean,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of entryChunks(buf, entry)) {
    let text = decoder.write(chunk);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    scanner.write(text);
    if (shouldStop?.()) return;
  }
  scanner.write(decoder.end());
  scanner.end();
}

async function parseRels(
  buf: Buffer,
  entry: ZipEntry | undefined,
): Promise<Array<{ id: string; type: string; target: string }>> {
  if (!entry) return [];
  const rels: Array<{ id: string; type: string; target: string }> = [];
  await scanEntry(
    buf,
    entry,
    new XmlScanner({
      open(name, a) {
        if (name === 'Relationship' && a.Target)
          rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target });
      },
      close() {},
      text() {},
    }),
  );
  return rels;
}

/** Excel's built-in number formats that show dates or times (including the zh-CN ones, 27–36 and 50–58). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

export function isDateFormatCode(code: string): boolean {
  const first = code.split(';')[0] ?? '';
  const stripped = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/general/i.test(stripped)) return false;
  return /[ymdhs]/i.test(stripped) || /[年月日]/.test(first);
}

async function parseStyles(buf: Buffer, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanEntry(
    buf,
    entry,
    new XmlScanner({
      open(name, a) {
        if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    }),
  );
  return xfFormats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

async function parseSharedStrings(buf: Buffer, entry: ZipEntry | undefined): Promise<string[]> {
  if (!entry) return [];
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let inRPh = 0;
  let current: string[] = [];
  await scanEntry(
    buf,
    entry,
    new XmlScanner({
      open(name, _a, selfClosing) {
        if (name === 'si') {
          inSi = true;
          current = [];
        } else if (name === 'rPh') inRPh++;
        else if (name === 't' && inSi && !inRPh && !selfClosing) inT = true;
      },
      close(name) {
        if (name === 'si') {
          out.push(decodeOoxmlEscapes(current.join('')));
          inSi = false;
        } else if (name === 'rPh') inRPh = Math.max(0, inRPh - 1);
        else if (name === 't') inT = false;
      },
      text(t) {
        if (inT) current.push(t);
      },
    }),
  );
  return out;
}

/** Opens the container and reads the workbook-level parts. Throws ZipError or XlsxError. */
export async function openXlsx(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<XlsxBook> {
  const entries = readZipDirectory(buf, limits);
  const lower = new Map<string, ZipEntry>();
  for (const [k, v] of entries) lower.set(k.toLowerCase(), v);
  const ix = { entries, lower };

  const rootRels = await parseRels(buf, entryOf(ix, '_rels/.rels'));
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookEntry = entryOf(ix, workbookPath) ?? entryOf(ix, 'xl/workbook.xml');
  if (!workbookEntry) throw new XlsxError('no_workbook');
  const wbDir = workbookEntry.name.includes('/')
    ? workbookEntry.name.slice(0, workbookEntry.name.lastIndexOf('/'))
    : '';
  const wbBase = workbookEntry.name.slice(wbDir ? wbDir.length + 1 : 0);
  const rels = await parseRels(buf, entryOf(ix, `${wbDir ? wbDir + '/' : ''}_rels/${wbBase}.rels`));
  const relById = new Map(rels.map((r) => [r.id, r]));

  const declared: Array<{ name: string; rid: string; state: string }> = [];
  let date1904 = false;
  await scanEntry(
    buf,
    workbookEntry,
    new XmlScanner({
      open(name, a) {
        if (name === 'sheet')
          declared.push({ name: a.name ?? '', rid: a.id ?? '', state: a.state ?? 'visible' });
        else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
      close() {},
      text() {},
    }),
  );
  const sheets: XlsxSheet[] = [];
  for (const s of declared) {
    const rel = relById.get(s.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    const path = resolveTarget(wbDir, rel.target);
    const entry = entryOf(ix, path);
    if (!entry) continue;
    sheets.push({ name: s.name, path: entry.name, hidden: s.state !== 'visible' });
  }
  if (sheets.length === 0) throw new XlsxError('no_sheet');

  const ssRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const stRel = rels.find((r) => r.type.endsWith('/styles'));
  const sharedStrings = await parseSharedStrings(
    buf,
    ssRel ? entryOf(ix, resolveTarget(wbDir, ssRel.target)) : entryOf(ix, 'xl/sharedStrings.xml'),
  );
  const dateStyles = await parseStyles(
    buf,
    stRel ? entryOf(ix, resolveTarget(wbDir, stRel.target)) : entryOf(ix, 'xl/styles.xml'),
  );
  return { buf, entries, sheets, date1904, sharedStrings, dateStyles };
}

/** Converts a column reference ('A', 'AB') to its number (1-based); 0 when invalid. */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else return 0;
    if (n > 16384) return 0;
  }
  return n;
}

export function colLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'B12' → { row: 12, col: 2 }; null when malformed. */
export function decodeAddress(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const col = colNumber(m[1]!);
  const row = Number(m[2]);
  return col && row ? { row, col } : null;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1900_EARLY = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel serial as a calendar date, honouring the 1900 leap-year bug and the 1904 date system. */
export function serialToYmd(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const day = Math.floor(serial + 1e-9);
  const base = date1904 ? EPOCH_1904 : day < 61 ? EPOCH_1900_EARLY : EPOCH_1900;
  return new Date(base + day * DAY_MS).toISOString().slice(0, 10);
}

export function ymdToSerial(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  return Math.round((Date.UTC(y!, m! - 1, d!) - EPOCH_1900) / DAY_MS);
}

export type ReadSheetOptions = {
  /** Columns beyond this are not kept (hostile files with thousands of columns). */
  maxCols: number;
  /** Stop after this many non-empty rows (to peek at the header area). */
  stopAfterRows?: number;
  /** Stop, with `truncated`, when more than this many non-empty rows are present. */
  maxRows?: number;
  onRow?: (rowsRead: number, estimatedTotal: number) => void;
};

export type SheetData = {
  rows: SheetRow[];
  merges: MergeRange[];
  /** Rows declared by <dimension>, when present (an estimate for progress). */
  dimensionRows: number | null;
  truncated: boolean;
  columnsDropped: boolean;
};

/** Streams one worksheet's cells. */
export async function readSheet(
  book: XlsxBook,
  sheet: XlsxSheet,
  opts: ReadSheetOptions,
): Promise<SheetData> {
  const entry = book.entries.get(sheet.path);
  if (!entry) throw new ZipError('corrupt');
  const { sharedStrings, dateStyles, date1904 } = book;
  const rows: SheetRow[] = [];
  const merges: MergeRange[] = [];
  let dimensionRows: number | null = null;
  let truncated = false;
  let columnsDropped = false;
  let stop = false;

  let rowNo = 0;
  let cells: Array<CellValue | undefined> | null = null;
  let hasValue = false;
  let colCursor = 0;
  // current cell
  let cCol = 0;
  let cStyle = 0;
  let cType = '';
  let hasF = false;
  let hasV = false;
  let inF = false;
  let inV = false;
  let inIs = false;
  let inT = false;
  let inRPh = 0;
  let fText: string[] = [];
  let vText: string[] = [];
  let isText: string[] = [];

  const finishCell = () => {
    let value: CellValue | undefined;
    if (cType === 'inlineStr') {
      const s = decodeOoxmlEscapes(isText.join(''));
      value = s === '' ? undefined : s;
    } else if (hasV) {
      const v = vText.join('');
      switch (cType) {
        case 's': {
          const s = sharedStrings[parseInt(v, 10)];
          value = s === undefined || s === '' ? undefined : s;
          break;
        }
        case 'str': {
          const s = decodeOoxmlEscapes(v);
          value = s === '' ? undefined : s;
          break;
        }
        case 'b':
          value = v.trim() === '1' || v.trim().toLowerCase() === 'true';
          break;
        case 'e':
          value = { kind: 'error', code: v.trim() };
          break;
        case 'd': {
          const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
          value = m ? { kind: 'date', serial: ymdToSerial(m[0]), ymd: m[0] } : v.trim() || undefined;
          break;
        }
        default: {
          const t = v.trim();
          if (t === '') value = undefined;
          else {
            const n = Number(t);
            if (!Number.isFinite(n)) value = t;
            else if (dateStyles[cStyle]) value = { kind: 'date', serial: n, ymd: serialToYmd(n, date1904) };
            else value = n;
          }
        }
      }
    } else if (hasF) {
      value = { kind: 'formula', formula: fText.join('') };
    }
    if (value === undefined) return;
    if (cCol > opts.maxCols) {
      columnsDropped = true;
      return;
    }
    if (cells) {
      cells[cCol - 1] = value;
      hasValue = true;
    }
  };

  const scanner = new XmlScanner({
    open(name, a, selfClosing) {
      if (stop) return;
      switch (name) {
        case 'row': {
          const r = Number(a.r);
          rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
          cells = [];
          hasValue = false;
          colCursor = 0;
          break;
        }
        case 'c': {
          const addr = a.r ? decodeAddress(a.r) : null;
          cCol = addr ? addr.col : colCursor + 1;
          if (addr && !cells) {
            // a cell outside any <row> element: tolerate by opening its row
            rowNo = addr.row;
            cells = [];
            hasValue = false;
          }
          colCursor = cCol;
          cStyle = a.s ? Number(a.s) || 0 : 0;
          cType = a.t ?? 'n';
          hasF = hasV = inF = inV = inIs = inT = false;
          inRPh = 0;
          fText = [];
          vText = [];
          isText = [];
          break;
        }
        case 'f':
          hasF = true;
          inF = !selfClosing;
          break;
        case 'v':
          hasV = true;
          inV = !selfClosing;
          break;
        case 'is':
          inIs = true;
          break;
        case 'rPh':
          inRPh++;
          break;
        case 't':
          if (inIs && !inRPh && !selfClosing) inT = true;
          break;
        case 'dimension': {
          const ref = (a.ref ?? '').split(':');
          const end = decodeAddress(ref[ref.length - 1] ?? '');
          if (end) dimensionRows = end.row;
          break;
        }
        case 'mergeCell': {
          const [p, q] = (a.ref ?? '').split(':');
          const from = decodeAddress(p ?? '');
          const to = decodeAddress(q ?? p ?? '');
          if (from && to && merges.length < MAX_MERGES)
            merges.push({
              r1: Math.min(from.row, to.row),
              c1: Math.min(from.col, to.col),
              r2: Math.max(from.row, to.row),
              c2: Math.max(from.col, to.col),
            });
          break;
        }
      }
    },
    close(name) {
      if (stop) return;
      switch (name) {
        case 'c':
          finishCell();
          break;
        case 'f':
          inF = false;
          break;
        case 'v':
          inV = false;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          inRPh = Math.max(0, inRPh - 1);
          break;
        case 't':
          inT = false;
          break;
        case 'row':
          if (cells && hasValue) {
            rows.push({ r: rowNo, cells });
            opts.onRow?.(rows.length, Math.max(dimensionRows ?? 0, rows.length));
            if (opts.stopAfterRows !== undefined && rows.length >= opts.stopAfterRows) stop = true;
            if (opts.maxRows !== undefined && rows.length > opts.maxRows) {
              truncated = true;
              stop = true;
            }
          }
          cells = null;
          break;
      }
    },
    text(t) {
      if (stop) return;
      if (inV) vText.push(t);
      else if (inF) fText.push(t);
      else if (inT) isText.push(t);
    },
  });
  await scanEntry(book.buf, entry, scanner, () => stop);
  return { rows, merges, dimensionRows, truncated, columnsDropped };
}
