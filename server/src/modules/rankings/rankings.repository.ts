import type { Executor } from '../../db/database';
import type { RankingMethodRow, RankingMethodTable } from '../results/results.table';

/** Ranking methods (this capability's table) and the subjects ranked (units and regions, read-only). */

export const findMethod = (db: Executor, id: string) =>
  db.selectFrom('ranking_methods').selectAll().where('id', '=', id).executeTakeFirst();

export function listMethods(
  db: Executor,
  f: { status?: string; subject?: string },
): Promise<RankingMethodRow[]> {
  let q = db.selectFrom('ranking_methods').selectAll();
  if (f.status) q = q.where('status', '=', f.status as RankingMethodTable['status']);
  if (f.subject) q = q.where('subject', '=', f.subject as RankingMethodTable['subject']);
  return q.orderBy('status').orderBy('created_at', 'desc').execute();
}

export const activeMethods = (db: Executor, subject: RankingMethodTable['subject']) =>
  db
    .selectFrom('ranking_methods')
    .selectAll()
    .where('subject', '=', subject)
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .execute();

export const insertMethod = (db: Executor, row: RankingMethodTable) =>
  db.insertInto('ranking_methods').values(row).execute();

export async function updateMethod(
  db: Executor,
  id: string,
  version: number,
  set: Partial<RankingMethodTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('ranking_methods')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function retireOthers(db: Executor, m: RankingMethodRow, at: string) {
  await db
    .updateTable('ranking_methods')
    .set({ status: 'retired', updated_at: at })
    .where('subject', '=', m.subject)
    .where('period_kind', '=', m.period_kind)
    .where('status', '=', 'active')
    .where('id', '!=', m.id)
    .execute();
}

/** County-level regions with a district government or a zone committee (the districts ranked), excluding the root region. */
export async function regionSubjects(
  db: Executor,
  root: string | null,
): Promise<Array<{ key: string; name: string }>> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .select([
      'units.region_code',
      'units.kind',
      'units.short_name',
      'units.name',
      'units.sort',
      'regions.name as region_name',
    ])
    .where('units.kind', 'in', ['district_gov', 'zone_committee'])
    .where('units.active', '=', 1)
    .orderBy('units.sort')
    .orderBy('units.region_code')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) {
    if (root && r.region_code === root) continue;
    const name = r.short_name ?? r.name;
    if (!out.has(r.region_code) || r.kind === 'district_gov')
      out.set(r.region_code, r.kind === 'district_gov' ? name : (out.get(r.region_code) ?? name));
  }
  return [...out.entries()].map(([key, name]) => ({ key, name }));
}

/** Zone committees (the development zones ranked). */
export async function zoneSubjects(
  db: Executor,
): Promise<Array<{ key: string; name: string; regionCode: string }>> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'short_name', 'name', 'region_code'])
    .where('kind', '=', 'zone_committee')
    .where('active', '=', 1)
    .orderBy('sort')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ key: r.id, name: r.short_name ?? r.name, regionCode: r.region_code }));
}
