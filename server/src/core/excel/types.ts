/**
 * The reusable Excel engine's contract. A ledger (projects, reform tasks, enterprises …) describes its
 * columns once as a `LedgerMap`; the engine generates the template, parses real-world workbooks, writes
 * errors back into the uploaded file, and exports lists that import back unchanged.
 */

export type Bilingual = { zh: string; en: string };

export type ColumnKind =
  /** Free text (trimmed; full-width ASCII normalised). */
  | 'text'
  /** Whole number (full-width digits and thousands separators accepted). */
  | 'integer'
  /** Decimal number (stored as number; e.g. land in 亩, percentages). */
  | 'decimal'
  /**
   * Money, stored as integer 元. The unit comes from the cell text ("3.5亿元", "1200万"), else from the
   * header ("总投资（亿元）"), else `moneyUnit` (default 万元).
   */
  | 'money'
  /** Calendar date 'YYYY-MM-DD': accepts 2024-03-05, 2024.3.5, 2024/3/5, 2024年3月5日, Excel serials, date cells. */
  | 'date'
  /** Month 'YYYY-MM': accepts 2024-03, 2024.3, 2024年3月, dates (day dropped). */
  | 'month'
  /** One of `options` (matched by label in either language, or by value). */
  | 'enum'
  /** 是/否, Y/N, true/false, 1/0, √. */
  | 'boolean';

export type EnumOption = { value: string; zh: string; en: string; aliases?: string[] };

export type ColumnDef<R> = {
  key: keyof R & string;
  header: Bilingual;
  /** Other header texts people use for this column ("项目名", "项目名称（全称）"). Matching ignores spaces and brackets' contents' units. */
  aliases?: string[];
  kind: ColumnKind;
  required?: boolean;
  options?: EnumOption[];
  /** Default unit for 'money' when neither cell nor header names one. */
  moneyUnit?: '元' | '万元' | '亿元';
  /** Note shown on the template's header cell (what to enter, format, example). */
  note?: Bilingual;
  width?: number;
  /**
   * Extra validation/normalisation after type conversion: return the (possibly normalised) value, or throw
   * `CellError` with a bilingual message.
   */
  parse?: (value: unknown, row: Partial<R>) => unknown;
  /** Value to write on export (defaults to record[key]); money is exported in `moneyUnit`. */
  format?: (record: R) => unknown;
};

export class CellError extends Error {
  constructor(readonly msg: Bilingual) {
    super(msg.en);
  }
}

export type LedgerMap<R> = {
  /** Stable id, e.g. 'projects'. */
  id: string;
  title: Bilingual;
  sheetName: Bilingual;
  columns: ColumnDef<R>[];
  /** The business key used for idempotent upsert, from a parsed row (e.g. project code, else name + district). */
  businessKey(row: Partial<R>): string | null;
};

/**
 * One problem, addressed the way Excel shows it: row number as in Excel's margin, column by its header.
 * `row` 0 means the whole file (not an xlsx, no header found, too many rows). `column` is the header text
 * as written in the file ('' for a whole-row or whole-file problem); `col`, when known, is the column's
 * number in the sheet (1 = A). A ledger's upsert may give `column` as the column key or the map header:
 * the import runner rewrites it to the file's header text.
 */
export type ImportError = { row: number; column: string; message: string; col?: number };

/**
 * One data row. `values` holds every column present in the file: null for an empty cell, the converted
 * value otherwise; columns absent from the file are absent (undefined), so an upsert can tell "leave as
 * is" from "clear". `invalid` rows had errors (their bad cells are missing from `values`); the import
 * runner never passes them to the ledger's upsert.
 */
export type ParsedRow<R> = { row: number; values: Partial<R>; invalid?: boolean };

/** Where a map column was found in the file. */
export type ParsedColumn = { key: string; header: string; col: number; unit?: '元' | '万元' | '亿元' };

export type ParseResult<R> = {
  rows: ParsedRow<R>[];
  errors: ImportError[];
  /** Rows skipped as totals (合计/小计) or blank. */
  skipped: number;
  /** The sheet and header row the engine chose. */
  sheet: string;
  headerRow: number;
  /** How many errors there were in all (`errors` keeps the first 10,000). */
  errorCount?: number;
  /** The map columns found in the header, with their position and (money) unit. */
  columns?: ParsedColumn[];
};

export type ImportSummary = {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: ImportError[];
};
