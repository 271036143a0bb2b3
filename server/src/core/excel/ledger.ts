import type { Permission } from '../../../../contracts/abilities';
import type { Actor } from '../access/actor';
import type { Db } from '../../db/database';
import type { ImportError, LedgerMap, ParsedRow } from './types';

/**
 * What a ledger module gives the import runner: its column map, the permission an import needs, and an
 * upsert that writes parsed rows inside the runner's transaction (idempotent by business key). The
 * upsert may report semantic errors (unknown unit, bad code); any error rolls the whole import back.
 */
export type LedgerImporter<R> = {
  map: LedgerMap<R>;
  importPermission: Permission;
  exportPermission: Permission;
  upsert(trx: Db, actor: Actor, rows: ParsedRow<R>[]): Promise<{ created: number; updated: number; errors: ImportError[] }>;
};
