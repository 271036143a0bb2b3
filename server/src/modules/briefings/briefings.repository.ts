import { sql } from 'kysely';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { inPrefix, problemVisible, projectVisible } from '../indicators/indicators.scope';
import type { BriefingRow, BriefingTable } from '../results/results.table';

/** Briefings (this capability's table) and the lists a briefing prints (read-only over projects, lights, problems). */

export type Filter = { actor: Actor; prefix: string | null };

export const findBriefing = (db: Executor, id: string) =>
  db.selectFrom('briefings').selectAll().where('id', '=', id).executeTakeFirst();

export function listBriefings(
  db: Executor,
  f: { kind?: string; status?: string; period?: string },
): Promise<BriefingRow[]> {
  let q = db.selectFrom('briefings').selectAll();
  if (f.kind) q = q.where('kind', '=', f.kind as BriefingTable['kind']);
  if (f.status) q = q.where('status', '=', f.status as BriefingTable['status']);
  if (f.period) q = q.where('period', '=', f.period);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export const insertBriefing = (db: Executor, row: BriefingTable) =>
  db.insertInto('briefings').values(row).execute();

/** Updates a draft only: an issued briefing never changes (the WHERE clause holds even against a racing issue). */
export async function updateDraft(
  db: Executor,
  id: string,
  version: number,
  set: Partial<BriefingTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('briefings')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const deleteDraft = (db: Executor, id: string) =>
  db.deleteFrom('briefings').where('id', '=', id).where('status', '=', 'draft').execute();

export async function unitName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const r = await db.selectFrom('units').select(['name']).where('id', '=', id).executeTakeFirst();
  return r?.name ?? null;
}

export async function rootUnitName(db: Executor): Promise<string | null> {
  const r = await db
    .selectFrom('units')
    .select('name')
    .where('parent_id', 'is', null)
    .orderBy('sort')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return r?.name ?? null;
}

/** Signed projects (stage ≥ 3, not terminated) with their light as of a date: the latest light history entry on or before it, else the current light. */
export async function lightsAsOf(db: Executor, f: Filter, asOf: string) {
  const rows = await db
    .selectFrom('projects')
    .leftJoin('units', 'units.id', 'projects.responsible_unit_id')
    .leftJoin('regions', 'regions.code', 'projects.region_code')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'regions.name as region_name',
      sql<string | null>`coalesce(units.short_name, units.name)`.as('unit_name'),
      'projects.stage',
      'projects.light',
      'projects.light_since',
      'projects.next_steps',
    ])
    .where('projects.terminated', '=', 0)
    .where('projects.stage', '>=', 3)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('projects.id')
    .execute();
  if (!rows.length) return [];
  const history = await db
    .selectFrom('light_history')
    .select(['project_id', 'color', 'as_of', 'fired', 'computed_at', 'id'])
    .where(
      'project_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('as_of', '<=', asOf)
    .orderBy('project_id')
    .orderBy('as_of')
    .orderBy('id')
    .execute();
  const latest = new Map<string, (typeof history)[number]>();
  const since = new Map<string, string>();
  for (const h of history) {
    const prev = latest.get(h.project_id);
    if (!prev || prev.color !== h.color) since.set(h.project_id, h.as_of);
    latest.set(h.project_id, h);
  }
  return rows.map((r) => {
    const h = latest.get(r.id);
    let reason: string | null = null;
    if (h) {
      try {
        const fired = JSON.parse(h.fired) as Array<{ message?: { zh?: string } }>;
        reason =
          fired
            .map((x) => x.message?.zh)
            .filter(Boolean)
            .join('；') || null;
      } catch {
        reason = null;
      }
    }
    return {
      ...r,
      color: h ? h.color : r.light,
      since: h ? (since.get(r.id) ?? h.as_of) : r.light_since,
      reason,
    };
  });
}

/** Problems past their deadline and not done by `asOf`, most overdue first. */
export async function overdueAsOf(db: Executor, f: Filter, asOf: string) {
  const rows = await db
    .selectFrom('problems')
    .leftJoin('units', 'units.id', 'problems.owner_unit_id')
    .select([
      'problems.id',
      'problems.title',
      'problems.region_code',
      'problems.entity',
      'problems.entity_id',
      'problems.status',
      'problems.due_on',
      'problems.resolved_at',
      'problems.closed_at',
      'problems.escalation_level',
      sql<string | null>`coalesce(units.short_name, units.name)`.as('unit_name'),
    ])
    .where('problems.due_on', '<', asOf)
    .where('problems.status', '!=', 'on_hold')
    .where(() => inPrefix('problems.region_code', f.prefix))
    .where(() => problemVisible(f.actor))
    .orderBy('problems.due_on')
    .orderBy('problems.id')
    .execute();
  return rows;
}

/** Projects with an annual plan for the year: the rows of the 调度通报. */
export async function plannedProjects(db: Executor, f: Filter, year: number) {
  return db
    .selectFrom('project_annual_plans')
    .innerJoin('projects', 'projects.id', 'project_annual_plans.project_id')
    .leftJoin('units', 'units.id', 'projects.responsible_unit_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'projects.stage',
      'projects.next_steps',
      'projects.terminated',
      sql<string | null>`coalesce(units.short_name, units.name)`.as('unit_name'),
      'project_annual_plans.plan_investment',
    ])
    .where('project_annual_plans.year', '=', year)
    .where('project_annual_plans.plan_investment', '>', 0)
    .where('projects.terminated', '=', 0)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('projects.region_code')
    .orderBy('projects.name')
    .execute();
}

export async function latestReports(db: Executor, ids: string[], year: number, upto: string) {
  if (!ids.length) return [];
  return db
    .selectFrom('project_monthly')
    .select(['project_id', 'month', 'ytd_investment', 'physical_progress_pct', 'physical_progress_text'])
    .where('project_id', 'in', ids)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', upto)
    .orderBy('project_id')
    .orderBy('month')
    .execute();
}

/** Problems of these projects (the service keeps those open as of a date: raised by then, not done by then). */
export async function openProblemsOf(db: Executor, actor: Actor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('problems')
    .select([
      'problems.id',
      'problems.entity_id',
      'problems.title',
      'problems.due_on',
      'problems.status',
      'problems.resolved_at',
      'problems.closed_at',
      'problems.raised_at',
    ])
    .where('problems.entity', '=', 'project')
    .where('problems.entity_id', 'in', ids)
    .where(() => problemVisible(actor))
    .orderBy('problems.due_on')
    .execute();
}
