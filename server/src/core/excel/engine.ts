import type { Locale } from '../../../../contracts/errors';
import type { ImportError, LedgerMap, ParseResult } from './types';

// Contract of the Excel engine (being implemented): see types.ts for the column model.

/** A template generated from the map: Chinese (or English) headers, drop-downs for enum columns, a note on each header. */
export async function generateTemplate<R>(_map: LedgerMap<R>, _locale: Locale): Promise<Buffer> {
  throw new Error('not implemented yet');
}

/** Parses a real-world ledger workbook (title rows, merged cells, totals rows, mixed units and date formats). */
export async function parseWorkbook<R>(
  _map: LedgerMap<R>,
  _data: Buffer,
  _locale: Locale,
  _opts: { onProgress?: (done: number, total: number) => void; maxRows?: number } = {},
): Promise<ParseResult<R>> {
  throw new Error('not implemented yet');
}

/** The uploaded workbook with each error as a cell comment and a highlight (the user's own file, annotated). */
export async function annotateWorkbook(_data: Buffer, _errors: ImportError[], _locale: Locale): Promise<Buffer> {
  throw new Error('not implemented yet');
}

/** Exports records in the template's layout so the file imports back unchanged. */
export async function exportWorkbook<R>(_map: LedgerMap<R>, _records: Iterable<R> | AsyncIterable<R>, _locale: Locale): Promise<Buffer> {
  throw new Error('not implemented yet');
}
