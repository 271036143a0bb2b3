import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import type { RegionTable } from './regions.table';

export async function countRegions(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertRegions(db: Executor, rows: RegionTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 500))
      .execute();
}

export function listRegions(db: Executor, filter: { parentCode?: string; q?: string }) {
  let q = db.selectFrom('regions').selectAll();
  if (filter.parentCode) q = q.where('parent_code', '=', filter.parentCode);
  else if (!filter.q) q = q.where('parent_code', 'is', null);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([containsInsensitive(db, eb.ref('name'), filter.q!), eb('code', '=', filter.q!)]),
    );
  return q.orderBy('code').limit(500).execute();
}

export function findRegion(db: Executor, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}
