import type { Region } from '../../../../contracts/schemas/org';
import type { Db, Executor } from '../../db/database';
import { loadRegionRows } from './regions.data';
import * as repo from './regions.repository';
import type { RegionRow } from './regions.table';

export const presentRegion = (r: RegionRow): Region => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  parentCode: r.parent_code,
});

export async function listRegions(db: Db, filter: { parentCode?: string; q?: string }): Promise<Region[]> {
  return (await repo.listRegions(db, filter)).map(presentRegion);
}

/** Loads the GB/T 2260 table once, when it is empty (part of migrate). */
export async function ensureRegions(db: Db): Promise<number> {
  if ((await repo.countRegions(db)) > 0) return 0;
  const rows = loadRegionRows();
  await db.transaction().execute((trx) => repo.insertRegions(trx, rows));
  return rows.length;
}

export const findRegion = (db: Executor, code: string) => repo.findRegion(db, code);
