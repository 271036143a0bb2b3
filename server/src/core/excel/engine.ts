import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../../../contracts/errors';
import { AppError } from '../errors';
import {
  detectHeader,
  HEADER_SCAN_ROWS,
  headerLookup,
  isTotalsText,
  sheetUnit,
  templateHeader,
  type ColumnMatch,
} from './header';
import { bi, msg, pick, type ExcelMessageKey } from './messages';
import {
  CellError,
  type Bilingual,
  type ColumnDef,
  type ImportError,
  type LedgerMap,
  type ParsedRow,
  type ParseResult,
} from './types';
import { convertCell, display, isPresent, moneyInUnit, optionIndex, type MoneyUnit } from './values';
import {
  colLetters,
  openXlsx,
  readSheet,
  XlsxError,
  type CellValue,
  type SheetRow,
  type XlsxBook,
  type XlsxSheet,
} from './xlsx-reader';
import { DEFAULT_ZIP_LIMITS, entryChunks, readZipDirectory, ZipError } from './zip';

/** Columns beyond this are ignored (a hostile file may declare thousands). */
export const MAX_COLUMNS = 200;
export const DEFAULT_MAX_ROWS = 100_000;
/** Errors kept in a ParseResult; `errorCount` has the full number. */
export const MAX_ERRORS = 10_000;
/** Sheets the engine writes itself and never imports. */
export const LISTS_SHEET = '_lists';
export const ERRORS_SHEET: Record<Locale, string> = { 'zh-CN': '导入错误', en: 'Import errors' };
const RESERVED_SHEETS = new Set([LISTS_SHEET, ERRORS_SHEET['zh-CN'], ERRORS_SHEET.en]);
/** Rows of the template/export that get the drop-downs. */
const TEMPLATE_ROWS = 5000;

const RED_FILL = 'FFFFC7CE';
const NOTE_MARK: Record<Locale, string> = { 'zh-CN': '【导入错误】', en: '[Import error] ' };

// ---------------------------------------------------------------------------------------------
// Template and export: one layout
// ---------------------------------------------------------------------------------------------

const KIND_NOTES: Record<ColumnDef<unknown>['kind'], (c: ColumnDef<unknown>, unit: MoneyUnit) => Bilingual> =
  {
    text: () => ({ zh: '文本。', en: 'Text.' }),
    integer: () => ({ zh: '整数，例如 120。', en: 'A whole number, e.g. 120.' }),
    decimal: () => ({
      zh: '数字，例如 12.5；百分数可写 12.5%。',
      en: 'A number, e.g. 12.5; percentages as 12.5%.',
    }),
    money: (_c, unit) => ({
      zh: `金额，默认单位${unit}；也可在数字后写明单位，如“3.5亿”“1,200万元”“800元”。示例：1200`,
      en: `Amount in ${unit} unless the cell names a unit, e.g. “3.5亿”, “1,200万元”, “800元”. Example: 1200`,
    }),
    date: () => ({
      zh: '日期，如 2024-03-05、2024.3.5、2024/3/5、2024年3月5日。',
      en: 'A date: 2024-03-05, 2024.3.5, 2024/3/5 or 2024年3月5日.',
    }),
    month: () => ({
      zh: '年月，如 2024-03、2024.3、2024年3月。',
      en: 'A month: 2024-03, 2024.3 or 2024年3月.',
    }),
    enum: (c) => ({
      zh: `从下拉列表中选择：${(c.options ?? [])
        .slice(0, 30)
        .map((o) => o.zh)
        .join('、')}${(c.options ?? []).length > 30 ? '…' : ''}`,
      en: `Pick from the list: ${(c.options ?? [])
        .slice(0, 30)
        .map((o) => o.en)
        .join(', ')}${(c.options ?? []).length > 30 ? '…' : ''}`,
    }),
    boolean: () => ({ zh: '填“是”或“否”。', en: 'Yes or No.' }),
  };

function headerNote<R>(col: ColumnDef<R>, locale: Locale): string {
  const unit = col.moneyUnit ?? '万元';
  const body = col.note ?? KIND_NOTES[col.kind](col as ColumnDef<unknown>, unit);
  const req = col.required ? { zh: '【必填】', en: '[Required] ' } : { zh: '【选填】', en: '[Optional] ' };
  return `${pick(req, locale)}${pick(body, locale)}`;
}

function optionLabels<R>(col: ColumnDef<R>, locale: Locale): string[] {
  if (col.kind === 'boolean') return locale === 'en' ? ['Yes', 'No'] : ['是', '否'];
  return (col.options ?? []).map((o) => (locale === 'en' ? o.en : o.zh));
}

/** Excel refuses sheet names over 31 characters or with \ / ? * [ ] : */
const safeSheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Sheet1';

async function collect(stream: PassThrough, work: Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await work;
  await ended;
  return Buffer.concat(chunks);
}

type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/**
 * Writes the template layout (title row, header row with notes, drop-downs, widths, frozen header) and
 * then `rows`, each an array of cell values in column order.
 */
async function writeLedgerSheet<R>(
  wb: Writer,
  map: LedgerMap<R>,
  locale: Locale,
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  const cols = map.columns;
  const ws = wb.addWorksheet(safeSheetName(pick(map.sheetName, locale)), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
  });
  ws.columns = cols.map((c) => ({
    width:
      c.width ??
      Math.min(40, Math.max(12, templateHeader(c, locale).length * (locale === 'en' ? 1.1 : 2.2) + 4)),
    style:
      c.kind === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : c.kind === 'text' || c.kind === 'month'
          ? { numFmt: '@' }
          : {},
  }));
  const title = ws.getRow(1);
  title.height = 28;
  const tc = title.getCell(1);
  tc.value = pick(map.title, locale);
  tc.font = { bold: true, size: 14 };
  tc.alignment = { horizontal: 'center', vertical: 'middle' };
  if (cols.length > 1) ws.mergeCells(1, 1, 1, cols.length);
  title.commit();

  const header = ws.getRow(2);
  header.height = 22;
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = templateHeader(c, locale);
    cell.note = headerNote(c, locale);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();

  let r = 3;
  for await (const values of rows) {
    const row = ws.getRow(r++);
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(i + 1);
      cell.value = v as ExcelJS.CellValue;
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    row.commit();
  }

  // Drop-downs: short lists inline, long ones (or labels with commas) from the hidden '_lists' sheet.
  const listColumns: Array<{ labels: string[]; listCol: number }> = [];
  const lastRow = Math.max(r - 1, 2) + TEMPLATE_ROWS;
  cols.forEach((c, i) => {
    if (c.kind !== 'enum' && c.kind !== 'boolean') return;
    const labels = optionLabels(c, locale);
    if (labels.length === 0) return;
    const inline = labels.join(',');
    let formula: string;
    if (inline.length <= 250 && !labels.some((l) => /[,"]/.test(l))) formula = `"${inline}"`;
    else {
      const listCol = listColumns.length + 1;
      listColumns.push({ labels, listCol });
      formula = `'${LISTS_SHEET}'!$${colLetters(listCol)}$1:$${colLetters(listCol)}$${labels.length}`;
    }
    const letter = colLetters(i + 1);
    // exceljs has data validations on worksheets but leaves them out of its type declarations
    (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}3:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: locale === 'en' ? 'Not in the list' : '不在列表中',
      error: locale === 'en' ? 'Pick a value from the drop-down list.' : '请从下拉列表中选择。',
    });
  });
  ws.commit();

  if (listColumns.length) {
    const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    const height = Math.max(...listColumns.map((l) => l.labels.length));
    for (let i = 0; i < height; i++) {
      const row = lists.getRow(i + 1);
      for (const l of listColumns) if (l.labels[i] !== undefined) row.getCell(l.listCol).value = l.labels[i]!;
      row.commit();
    }
    lists.commit();
  }
}

/** A template generated from the map: Chinese (or English) headers, drop-downs for enum columns, a note on each header. */
export async function generateTemplate<R>(map: LedgerMap<R>, locale: Locale): Promise<Buffer> {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  return collect(
    stream,
    (async () => {
      await writeLedgerSheet(wb, map, locale, []);
      await wb.commit();
    })(),
  );
}

/** The cell value a record's field is exported as: the inverse of what parseWorkbook reads. */
export function exportCell<R>(col: ColumnDef<R>, record: R, locale: Locale): unknown {
  const v = col.format ? col.format(record) : (record as Record<string, unknown>)[col.key];
  if (v === null || v === undefined || v === '') return null;
  switch (col.kind) {
    case 'money':
      return typeof v === 'number' ? moneyInUnit(v, col.moneyUnit ?? '万元') : v;
    case 'enum': {
      const o = (col.options ?? []).find((x) => x.value === v);
      return o ? (locale === 'en' ? o.en : o.zh) : String(v);
    }
    case 'boolean':
      return v === true || v === 1
        ? locale === 'en'
          ? 'Yes'
          : '是'
        : v === false || v === 0
          ? locale === 'en'
            ? 'No'
            : '否'
          : v;
    case 'date': {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
    }
    default:
      return v;
  }
}

/** Exports records in the template's layout so the file imports back unchanged (streaming writer). */
export async function exportWorkbook<R>(
  map: LedgerMap<R>,
  records: Iterable<R> | AsyncIterable<R>,
  locale: Locale,
): Promise<Buffer> {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  async function* rows() {
    for await (const rec of records) yield map.columns.map((c) => exportCell(c, rec, locale));
  }
  return collect(
    stream,
    (async () => {
      await writeLedgerSheet(wb, map, locale, rows());
      await wb.commit();
    })(),
  );
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

export type ParseOptions = { onProgress?: (done: number, total: number) => void; maxRows?: number };

const ZIP_MESSAGES: Record<ZipError['problem'], ExcelMessageKey> = {
  not_zip: 'notZip',
  old_xls: 'oldXls',
  truncated: 'truncated',
  zip64: 'zip64',
  encrypted: 'encrypted',
  too_many_entries: 'zipEntries',
  too_large: 'zipTooLarge',
  ratio: 'zipRatio',
  corrupt: 'corrupt',
  unsupported_method: 'unsupportedMethod',
};

/** The bilingual message for a file-level failure (bad container, no sheet, internal). */
export function fileProblem(err: unknown): Bilingual {
  if (err instanceof ZipError) return bi(ZIP_MESSAGES[err.problem], err.detail);
  if (err instanceof XlsxError) return bi(err.problem === 'no_sheet' ? 'noSheet' : 'notZip');
  return bi('corrupt');
}

function emptyResult<R>(errors: ImportError[], sheet = '', headerRow = 0): ParseResult<R> {
  return { rows: [], errors, errorCount: errors.length, skipped: 0, sheet, headerRow, columns: [] };
}

function cellText(v: CellValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return v.kind === 'date' ? (v.ymd ?? undefined) : undefined;
  return String(v);
}

/** Rows sorted by number, duplicates (two <row r="5">) merged. */
function normaliseRows(rows: SheetRow[]): SheetRow[] {
  let sorted = true;
  for (let i = 1; i < rows.length; i++) if (rows[i]!.r <= rows[i - 1]!.r) sorted = false;
  if (sorted) return rows;
  const byR = new Map<number, SheetRow>();
  for (const row of rows) {
    const prev = byR.get(row.r);
    if (!prev) byR.set(row.r, { r: row.r, cells: [...row.cells] });
    else row.cells.forEach((v, i) => v !== undefined && (prev.cells[i] = v));
  }
  return [...byR.values()].sort((a, b) => a.r - b.r);
}

/** The header area's texts with merged cells filled in (merges limited to the area). */
function headerArea(rows: SheetRow[], merges: Array<{ r1: number; c1: number; r2: number; c2: number }>) {
  const area = rows
    .slice(0, HEADER_SCAN_ROWS + 1)
    .map((row) => ({ r: row.r, texts: row.cells.map(cellText) }));
  if (area.length === 0) return area;
  const byR = new Map(area.map((a) => [a.r, a]));
  const last = area[area.length - 1]!.r;
  for (const m of merges) {
    if (m.r1 > last) continue;
    const origin = byR.get(m.r1)?.texts[m.c1 - 1];
    if (origin === undefined) continue;
    for (let r = m.r1; r <= Math.min(m.r2, last); r++) {
      const row = byR.get(r);
      if (!row) continue;
      for (let c = m.c1; c <= Math.min(m.c2, MAX_COLUMNS); c++)
        if (row.texts[c - 1] === undefined) row.texts[c - 1] = origin;
    }
  }
  return area;
}

function rowIndexAtOrAfter(rows: SheetRow[], r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.r < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values that merged ranges give to the data rows' mapped cells (the top-left value fills its range). */
function mergedFills(
  rows: SheetRow[],
  merges: Array<{ r1: number; c1: number; r2: number; c2: number }>,
  headerRow: number,
  mappedCols: Set<number>,
): Map<number, Map<number, CellValue>> {
  const fills = new Map<number, Map<number, CellValue>>();
  let budget = 5_000_000;
  for (const m of merges) {
    if (m.r1 <= headerRow) continue;
    const i0 = rowIndexAtOrAfter(rows, m.r1);
    const originRow = rows[i0];
    if (!originRow || originRow.r !== m.r1) continue;
    const origin = originRow.cells[m.c1 - 1];
    if (origin === undefined) continue;
    for (let i = i0; i < rows.length && rows[i]!.r <= m.r2; i++) {
      const row = rows[i]!;
      for (let c = m.c1; c <= Math.min(m.c2, MAX_COLUMNS); c++) {
        if ((row.r === m.r1 && c === m.c1) || !mappedCols.has(c) || row.cells[c - 1] !== undefined) continue;
        if (--budget < 0) return fills;
        let f = fills.get(row.r);
        if (!f) fills.set(row.r, (f = new Map()));
        f.set(c, origin);
      }
    }
  }
  return fills;
}

const UNIT_ROW = /^[(（]?(单位[:：])?(亿元|万元|元|亩|平方米|㎡|m2|个|人|%|年|月|日|天|家|项)[)）]?$/;

/** A row right under the header that only states units ('万元', '亩') or numbers the columns (1, 2, 3 …). */
function isUnitOrNumberingRow(row: SheetRow, matches: ColumnMatch[]): boolean {
  const present = matches.map((m) => row.cells[m.col - 1]).filter(isPresent);
  if (present.length === 0) return false;
  if (present.every((v) => typeof v === 'string' && UNIT_ROW.test(v.normalize('NFKC').replace(/\s+/g, ''))))
    return true;
  const all = row.cells.filter(isPresent);
  return all.length >= 3 && all.every((v, i) => v === i + 1 || v === String(i + 1));
}

async function chooseSheet<R>(
  book: XlsxBook,
  map: LedgerMap<R>,
  lookup: ReturnType<typeof headerLookup>,
): Promise<XlsxSheet | null> {
  let candidates = book.sheets.filter((s) => !s.hidden && !RESERVED_SHEETS.has(s.name));
  if (candidates.length === 0) candidates = book.sheets.filter((s) => !RESERVED_SHEETS.has(s.name));
  if (candidates.length <= 1) return candidates[0] ?? null;
  let best: { sheet: XlsxSheet; score: number } | null = null;
  const preferred = new Set([map.sheetName.zh, map.sheetName.en]);
  for (const sheet of candidates.slice(0, 20)) {
    const peek = await readSheet(book, sheet, { maxCols: MAX_COLUMNS, stopAfterRows: HEADER_SCAN_ROWS + 1 });
    const h = detectHeader(lookup, headerArea(normaliseRows(peek.rows), []));
    const score = (h?.matches.length ?? 0) * 2 + (preferred.has(sheet.name) ? 1 : 0);
    if (!best || score > best.score) best = { sheet, score };
  }
  return best?.sheet ?? null;
}

/** Parses a real-world ledger workbook (title rows, merged cells, totals rows, mixed units and date formats). Never throws. */
export async function parseWorkbook<R>(
  map: LedgerMap<R>,
  data: Buffer,
  locale: Locale,
  opts: ParseOptions = {},
): Promise<ParseResult<R>> {
  const fileError = (b: Bilingual, sheet = '', headerRow = 0) =>
    emptyResult<R>([{ row: 0, column: '', message: pick(b, locale) }], sheet, headerRow);
  let book: XlsxBook;
  try {
    book = await openXlsx(data);
  } catch (err) {
    return fileError(fileProblem(err));
  }
  try {
    return await parseBook(map, book, locale, opts);
  } catch (err) {
    if (err instanceof ZipError || err instanceof XlsxError) return fileError(fileProblem(err));
    return fileError(bi('internal', { value: err instanceof Error ? err.message : String(err) }));
  }
}

async function parseBook<R>(
  map: LedgerMap<R>,
  book: XlsxBook,
  locale: Locale,
  opts: ParseOptions,
): Promise<ParseResult<R>> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const lookup = headerLookup(map);
  const sheet = await chooseSheet(book, map, lookup);
  if (!sheet) return emptyResult([{ row: 0, column: '', message: msg(locale, 'noSheet') }]);

  let lastReport = 0;
  const data = await readSheet(book, sheet, {
    maxCols: MAX_COLUMNS,
    maxRows: maxRows + HEADER_SCAN_ROWS + 2,
    onRow: (done, total) => {
      if (opts.onProgress && done - lastReport >= 500) {
        lastReport = done;
        opts.onProgress(done, total);
      }
    },
  });
  if (data.truncated)
    return emptyResult(
      [{ row: 0, column: '', message: msg(locale, 'tooManyRows', { max: maxRows }) }],
      sheet.name,
    );
  const rows = normaliseRows(data.rows);

  const area = headerArea(rows, data.merges);
  const header = detectHeader(lookup, area);
  if (!header) {
    const expected = map.columns
      .slice(0, 6)
      .map((c) => pick(c.header, locale))
      .join(locale === 'en' ? ', ' : '、');
    return emptyResult(
      [{ row: 0, column: '', message: msg(locale, 'noHeader', { columns: expected }) }],
      sheet.name,
    );
  }
  const { headerRow, matches } = header;
  const errors: ImportError[] = [];
  let errorCount = 0;
  const addError = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };

  const aboveTexts = area
    .filter((a) => a.r < (header.topRow ?? headerRow))
    .flatMap((a) => a.texts.filter((t): t is string => !!t));
  const defaultUnit = sheetUnit(aboveTexts);
  const byIndex = new Map(matches.map((m) => [m.index, m]));
  // A required column missing from the header is one error on the header row, and makes every row
  // invalid: the ledger's upsert only ever sees rows whose required values are all there.
  let missingRequired = false;
  map.columns.forEach((col, i) => {
    if (!col.required || byIndex.has(i)) return;
    missingRequired = true;
    addError({
      row: headerRow,
      column: pick(col.header, locale),
      message: msg(locale, 'missingColumn', { column: pick(col.header, locale) }),
    });
  });

  type Plan = { col: ColumnDef<R>; match: ColumnMatch; unit: MoneyUnit; options?: Map<string, string> };
  const plan: Plan[] = matches
    .slice()
    .sort((a, b) => a.col - b.col)
    .map((m) => {
      const col = map.columns[m.index]!;
      return {
        col,
        match: m,
        unit: m.unit ?? defaultUnit ?? col.moneyUnit ?? '万元',
        options: col.kind === 'enum' ? optionIndex(col.options ?? []) : undefined,
      };
    });
  const mappedCols = new Set(matches.map((m) => m.col));
  const fills = mergedFills(rows, data.merges, headerRow, mappedCols);

  const parsed: ParsedRow<R>[] = [];
  const seenKeys = new Map<string, number>();
  let skipped = 0;
  let first = true;
  const start = rowIndexAtOrAfter(rows, headerRow + 1);
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    const isFirst = first;
    first = false;
    if (!plan.some((p) => isPresent(row.cells[p.match.col - 1]))) {
      skipped++;
      continue;
    }
    const firstText = row.cells.find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (
      (firstText !== undefined && isTotalsText(firstText)) ||
      (isFirst && isUnitOrNumberingRow(row, matches))
    ) {
      skipped++;
      continue;
    }
    if (parsed.length >= maxRows)
      return {
        ...emptyResult<R>(
          [{ row: 0, column: '', message: msg(locale, 'tooManyRows', { max: maxRows }) }],
          sheet.name,
          headerRow,
        ),
      };

    const values: Record<string, unknown> = {};
    let invalid = false;
    const fail = (p: Plan | null, b: Bilingual) => {
      invalid = true;
      addError({
        row: row.r,
        column: p ? p.match.header : '',
        message: pick(b, locale),
        ...(p ? { col: p.match.col } : {}),
      });
    };
    for (const p of plan) {
      const raw = row.cells[p.match.col - 1] ?? fills.get(row.r)?.get(p.match.col);
      const out = convertCell(p.col, raw, { unit: p.unit, date1904: book.date1904, options: p.options });
      if ('error' in out) {
        fail(p, out.error);
        continue;
      }
      values[p.col.key] = out.value;
      if (out.value === null && p.col.required) fail(p, bi('required'));
    }
    for (const p of plan) {
      const v = values[p.col.key];
      if (!p.col.parse || v === null || v === undefined) continue;
      try {
        values[p.col.key] = p.col.parse(v, values as Partial<R>);
      } catch (err) {
        fail(
          p,
          err instanceof CellError
            ? err.msg
            : bi('invalidValue', { value: err instanceof Error ? err.message : display(String(v)) }),
        );
      }
    }
    if (!invalid) {
      let key: string | null = null;
      try {
        key = map.businessKey(values as Partial<R>);
      } catch {
        key = null;
      }
      if (key !== null) {
        const prev = seenKeys.get(key);
        if (prev !== undefined) fail(null, bi('duplicateKey', { row: prev }));
        else seenKeys.set(key, row.r);
      }
    }
    parsed.push({
      row: row.r,
      values: values as Partial<R>,
      ...(invalid || missingRequired ? { invalid: true } : {}),
    });
  }
  opts.onProgress?.(rows.length, rows.length);
  return {
    rows: parsed,
    errors,
    errorCount,
    skipped,
    sheet: sheet.name,
    headerRow,
    columns: plan.map((p) => ({
      key: p.col.key,
      header: p.match.header,
      col: p.match.col,
      ...(p.col.kind === 'money' ? { unit: p.unit } : {}),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Annotation
// ---------------------------------------------------------------------------------------------

/** Beyond these, exceljs would need too much memory to load the workbook; the annotation is rebuilt instead. */
const ANNOTATE_MAX_XML = 40 * 1024 * 1024;
const ANNOTATE_MAX_AREA = 1_000_000;
const MAX_NOTES = 5000;

export type AnnotateOptions = {
  /** The sheet the errors refer to (ParseResult.sheet); default: the first visible sheet. */
  sheet?: string;
  /** The header row (ParseResult.headerRow): errors naming a column are placed by its header text. */
  headerRow?: number;
  /**
   * 'auto' (default): annotate the workbook itself when exceljs can load it in bounded memory, else
   * 'rebuild': a new workbook with the sheet's values, the same notes and the errors sheet.
   */
  mode?: 'auto' | 'rebuild';
};

function areaOf(ref: string): number {
  let total = 0;
  for (const part of ref.split(/\s+/)) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(part);
    if (!m) continue;
    const c1 = colNum(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNum(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}
function colNum(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Whether exceljs can load this workbook in bounded memory: size, merged areas and validation ranges. */
async function safeForExcelJs(data: Buffer): Promise<boolean> {
  const entries = readZipDirectory(data);
  let xml = 0;
  for (const e of entries.values()) xml += e.uncompressedSize;
  if (xml > ANNOTATE_MAX_XML) return false;
  let area = 0;
  const re = /<(?:\w+:)?(?:mergeCell|dataValidation|conditionalFormatting)\b[^>]*?\s(?:ref|sqref)="([^"]*)"/g;
  for (const e of entries.values()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    let tail = '';
    for await (const chunk of entryChunks(data, e)) {
      const text = tail + chunk.toString('latin1');
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let lastEnd = 0;
      while ((m = re.exec(text))) {
        area += areaOf(m[1]!);
        lastEnd = re.lastIndex;
        if (area > ANNOTATE_MAX_AREA) return false;
      }
      tail = text.slice(Math.max(lastEnd, text.length - 4096));
    }
  }
  return true;
}

type CellNotes = Map<string, { row: number; col: number; messages: string[] }>;

function placeErrors(errors: ImportError[], colOf: (e: ImportError) => number | null): CellNotes {
  const notes: CellNotes = new Map();
  for (const e of errors) {
    if (!(e.row >= 1) || notes.size >= MAX_NOTES) continue;
    const col = colOf(e) ?? 1;
    const k = `${e.row}:${col}`;
    const n = notes.get(k) ?? { row: e.row, col, messages: [] };
    n.messages.push(e.message);
    notes.set(k, n);
  }
  return notes;
}

function errorSheetRows(
  errors: ImportError[],
  locale: Locale,
  sheet: string | undefined,
  colOf: (e: ImportError) => number | null,
) {
  return errors.map((e) => {
    const col = colOf(e);
    const where =
      e.row >= 1 && sheet ? `#'${sheet.replace(/'/g, "''")}'!${colLetters(col ?? 1)}${e.row}` : null;
    return {
      row: where
        ? { text: String(e.row), hyperlink: where }
        : e.row >= 1
          ? e.row
          : locale === 'en'
            ? '(file)'
            : '（整个文件）',
      column: e.column,
      message: e.message,
    };
  });
}

const ERRORS_SHEET_VIEWS: Array<Partial<ExcelJS.WorksheetView>> = [{ state: 'frozen', ySplit: 1 }];

function styleErrorsSheet(ws: ExcelJS.Worksheet, locale: Locale) {
  ws.columns = [
    { header: locale === 'en' ? 'Row' : '行号', key: 'row', width: 10 },
    { header: locale === 'en' ? 'Column' : '列', key: 'column', width: 24 },
    { header: locale === 'en' ? 'Problem' : '问题', key: 'message', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
}

/** The uploaded workbook with each error as a cell comment and a highlight (the user's own file, annotated). */
export async function annotateWorkbook(
  data: Buffer,
  errors: ImportError[],
  locale: Locale,
  opts: AnnotateOptions = {},
): Promise<Buffer> {
  try {
    readZipDirectory(data, DEFAULT_ZIP_LIMITS);
  } catch (err) {
    throw new AppError('BAD_REQUEST', { detail: fileProblem(err) });
  }
  if (opts.mode !== 'rebuild' && (await safeForExcelJs(data))) {
    try {
      return await annotateInPlace(data, errors, locale, opts);
    } catch {
      // exceljs could not load it (unusual producer): fall back to a rebuilt copy of the values
    }
  }
  return annotateRebuilt(data, errors, locale, opts);
}

function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

async function annotateInPlace(
  data: Buffer,
  errors: ImportError[],
  locale: Locale,
  opts: AnnotateOptions,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  for (const name of RESERVED_SHEETS)
    if (name !== LISTS_SHEET && wb.getWorksheet(name)) wb.removeWorksheet(wb.getWorksheet(name)!.id);
  const ws =
    (opts.sheet ? wb.getWorksheet(opts.sheet) : undefined) ??
    wb.worksheets.find((w) => w.state === 'visible' && !RESERVED_SHEETS.has(w.name)) ??
    wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const headerCols = new Map<string, number>();
  if (opts.headerRow) {
    ws.getRow(opts.headerRow).eachCell((cell, c) => {
      const t = cell.text.replace(/\s+/g, ' ').trim();
      if (t && !headerCols.has(t)) headerCols.set(t, c);
    });
  }
  const colOf = (e: ImportError) => e.col ?? headerCols.get(e.column) ?? null;
  const mark = NOTE_MARK[locale];
  for (const n of placeErrors(errors, colOf).values()) {
    const cell = ws.getCell(n.row, n.col);
    const previous = noteText(cell.note)
      .split('\n')
      .filter((l) => l && !l.startsWith(NOTE_MARK['zh-CN']) && !l.startsWith(NOTE_MARK.en));
    cell.note = [...previous, ...n.messages.map((m) => `${mark}${m}`)].join('\n');
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: RED_FILL } } };
  }
  const es = wb.addWorksheet(ERRORS_SHEET[locale], { views: ERRORS_SHEET_VIEWS });
  styleErrorsSheet(es, locale);
  for (const r of errorSheetRows(errors, locale, ws.name, colOf)) es.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** For workbooks too large (or too unusual) for exceljs: the sheet's values rewritten, with the same notes and the errors sheet. */
async function annotateRebuilt(
  data: Buffer,
  errors: ImportError[],
  locale: Locale,
  opts: AnnotateOptions,
): Promise<Buffer> {
  let rows: SheetRow[] = [];
  let sheetName = opts.sheet ?? 'Sheet1';
  try {
    const book = await openXlsx(data);
    const sheet =
      book.sheets.find((s) => s.name === opts.sheet) ?? book.sheets.find((s) => !s.hidden) ?? book.sheets[0]!;
    sheetName = sheet.name;
    rows = normaliseRows((await readSheet(book, sheet, { maxCols: MAX_COLUMNS })).rows);
  } catch {
    rows = [];
  }
  const headerCols = new Map<string, number>();
  const headerCells = rows.find((r) => r.r === opts.headerRow)?.cells ?? [];
  headerCells.forEach((v, i) => {
    const t = (cellText(v) ?? '').replace(/\s+/g, ' ').trim();
    if (t && !headerCols.has(t)) headerCols.set(t, i + 1);
  });
  const colOf = (e: ImportError) => e.col ?? headerCols.get(e.column) ?? null;
  const notes = placeErrors(errors, colOf);
  const notesByRow = new Map<number, Array<{ col: number; messages: string[] }>>();
  for (const n of notes.values()) notesByRow.set(n.row, [...(notesByRow.get(n.row) ?? []), n]);

  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  return collect(
    stream,
    (async () => {
      const ws = wb.addWorksheet(safeSheetName(sheetName));
      const rowNos = [...new Set([...rows.map((r) => r.r), ...notesByRow.keys()])].sort((a, b) => a - b);
      const byR = new Map(rows.map((r) => [r.r, r]));
      for (const r of rowNos) {
        const row = ws.getRow(r);
        byR.get(r)?.cells.forEach((v, i) => {
          if (v === undefined) return;
          const cell = row.getCell(i + 1);
          if (typeof v !== 'object') cell.value = v;
          else if (v.kind === 'date' && v.ymd) {
            cell.value = new Date(`${v.ymd}T00:00:00Z`);
            cell.numFmt = 'yyyy-mm-dd';
          } else cell.value = display(v);
        });
        for (const n of notesByRow.get(r) ?? []) {
          const cell = row.getCell(n.col);
          cell.note = n.messages.map((m) => `${NOTE_MARK[locale]}${m}`).join('\n');
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RED_FILL } };
        }
        row.commit();
      }
      ws.commit();
      const es = wb.addWorksheet(ERRORS_SHEET[locale], { views: ERRORS_SHEET_VIEWS });
      styleErrorsSheet(es as unknown as ExcelJS.Worksheet, locale);
      for (const r of errorSheetRows(errors, locale, sheetName, colOf)) es.addRow(r).commit();
      es.commit();
      await wb.commit();
    })(),
  );
}
