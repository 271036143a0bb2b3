import { sql } from 'kysely';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { inPrefix, problemVisible, projectVisible } from '../indicators/indicators.scope';

/**
 * The dashboard's own queries (read-only over the projects, monthly reports and problems ledgers), scoped like
 * every figure of the results capability (indicators.scope.ts). Headline cards come from the indicator service.
 */
export type Filter = { actor: Actor; prefix: string | null };

/**
 * The year of the latest monthly progress report in the region (null when none): the dashboard opens on it. Only a
 * year is disclosed, so the index on (month, region_code, …) answers it without the per-project scope join.
 */
export async function latestReportYear(db: Executor, f: Filter): Promise<number | null> {
  const r = await db
    .selectFrom('project_monthly')
    .select((eb) => eb.fn.max('project_monthly.month').as('m'))
    .where(() => inPrefix('project_monthly.region_code', f.prefix))
    .executeTakeFirst();
  return r?.m ? Number(String(r.m).slice(0, 4)) : null;
}

/** Projects not terminated, by current stage. */
export async function stageCounts(db: Executor, f: Filter): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('projects')
    .select(['projects.stage', sql<number>`count(*)`.as('n')])
    .where('projects.terminated', '=', 0)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .groupBy('projects.stage')
    .execute();
  return new Map(rows.map((r) => [Number(r.stage), Number(r.n)]));
}

/** Signed projects (stage ≥ 3) not terminated, by current light ('none' when not assessed). */
export async function lightCounts(db: Executor, f: Filter): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('projects')
    .select(['projects.light', sql<number>`count(*)`.as('n')])
    .where('projects.terminated', '=', 0)
    .where('projects.stage', '>=', 3)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .groupBy('projects.light')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.light ?? 'none', (out.get(r.light ?? 'none') ?? 0) + Number(r.n));
  return out;
}

export async function plans(db: Executor, f: Filter, year: number) {
  return db
    .selectFrom('project_annual_plans')
    .innerJoin('projects', 'projects.id', 'project_annual_plans.project_id')
    .select([
      'projects.id',
      'projects.region_code',
      'project_annual_plans.plan_investment',
      'project_annual_plans.curve',
    ])
    .where('project_annual_plans.year', '=', year)
    .where('project_annual_plans.plan_investment', '>', 0)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .execute();
}

export async function reports(db: Executor, f: Filter, year: number, upto: string) {
  return db
    .selectFrom('project_monthly')
    .innerJoin('projects', 'projects.id', 'project_monthly.project_id')
    .select(['project_monthly.project_id', 'project_monthly.month', 'project_monthly.ytd_investment'])
    .where('project_monthly.month', '>=', `${year}-01`)
    .where('project_monthly.month', '<=', upto)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .execute();
}

/** Open problems past their deadline (assigned or in progress — the problem list's "overdue"), most overdue first. */
export async function overdueProblems(db: Executor, f: Filter, today: string, statuses: readonly string[]) {
  return db
    .selectFrom('problems')
    .leftJoin('units', 'units.id', 'problems.owner_unit_id')
    .select([
      'problems.id',
      'problems.title',
      'problems.region_code',
      'problems.due_on',
      'problems.escalation_level',
      sql<string | null>`coalesce(units.short_name, units.name)`.as('owner_unit_name'),
    ])
    .where('problems.due_on', '<', today)
    .where(sql.ref('problems.status'), 'in', [...statuses])
    .where(() => inPrefix('problems.region_code', f.prefix))
    .where(() => problemVisible(f.actor))
    .orderBy('problems.due_on')
    .orderBy('problems.id')
    .execute();
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const list = [...new Set(codes.filter(Boolean))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
