import type { Permission } from '../../../../contracts/abilities';
import type { Actor } from '../access/actor';
import type { Db } from '../../db/database';
import type { ImportError, LedgerMap, ParsedRow } from './types';

/**
 * What a ledger module gives the import runner: its column map, the permission an import needs, and an
 * upsert that writes parsed rows inside the runner's transaction (idempotent by business key). The
 * upsert may report semantic errors (unknown unit, bad code); any error rolls the whole import back.
 *
 * The contract the upsert can rely on (core/excel/import-runner.ts):
 * - It runs inside one transaction: use only `trx`. It is called for real runs AND for dry runs (the dry
 *   run's transaction is always rolled back), so it must not have effects outside the database (no files,
 *   no webhooks) — or must defer them until after commit.
 * - It only receives rows without cell errors, and never any row when a required column is missing from
 *   the file: every `required` column is non-null in every row it gets.
 * - `values` has a key for each column present in the file (null = the cell was empty) and no key for a
 *   column absent from the file: treat absent as "leave unchanged", null as "clear".
 * - Money arrives as integer 元, dates as 'YYYY-MM-DD', months as 'YYYY-MM', enums as their `value`,
 *   booleans as true/false, text trimmed (full-width letters/digits turned into ASCII).
 * - Report problems as `{ row: parsedRow.row, column: '<column key>', message }` (message in the import's
 *   language; the actor's `locale` or zh-CN): the runner rewrites `column` to the file's header text and
 *   adds its position, so the annotated workbook marks the right cell. Use `column: ''` for a whole-row
 *   problem. Throwing is also safe (the run fails, nothing is written) but gives the user a vaguer message.
 * - Return counts of created and updated records; on a dry run they are shown as "would create/update".
 */
export type LedgerImporter<R> = {
  map: LedgerMap<R>;
  importPermission: Permission;
  exportPermission: Permission;
  upsert(
    trx: Db,
    actor: Actor,
    rows: ParsedRow<R>[],
  ): Promise<{ created: number; updated: number; errors: ImportError[] }>;
};
