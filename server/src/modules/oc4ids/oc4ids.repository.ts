import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';
import { PROJECT_COLS, inPrefix } from '../indicators/indicators.scope';

/** Read-only queries of the OC4IDS export over the project ledger, in the project ledger's own data scope. */
export type Oc4idsFilter = {
  prefix: string | null;
  stageFrom: number;
  category?: string;
  signedFrom?: string;
  signedTo?: string;
  updatedSince?: string;
  limit: number;
};

export async function projects(db: Executor, actor: Actor, f: Oc4idsFilter) {
  let q = db
    .selectFrom('projects')
    .leftJoin('regions', 'regions.code', 'projects.region_code')
    .leftJoin('industry_codes', 'industry_codes.code', 'projects.industry_code')
    .leftJoin('units as ru', 'ru.id', 'projects.responsible_unit_id')
    .leftJoin('units as zu', 'zu.id', 'projects.zone_unit_id')
    .selectAll('projects')
    .select([
      'regions.name as region_name',
      'industry_codes.section as industry_section',
      'industry_codes.name as industry_name',
      'ru.name as responsible_unit_name',
      'zu.name as zone_unit_name',
    ])
    .where('projects.stage', '>=', f.stageFrom)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => scopeFilter(actor, 'project', PROJECT_COLS));
  if (f.category) q = q.where('projects.category', '=', f.category);
  if (f.signedFrom) q = q.where('projects.actual_signed_on', '>=', f.signedFrom);
  if (f.signedTo) q = q.where('projects.actual_signed_on', '<=', f.signedTo);
  if (f.updatedSince) q = q.where('projects.updated_at', '>=', f.updatedSince);
  return q.orderBy('projects.internal_id').limit(f.limit).execute();
}

export async function plans(db: Executor, ids: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('project_annual_plans')
        .select(['project_id', 'year', 'plan_investment', 'curve'])
        .where('project_id', 'in', ids.slice(i, i + 500))
        .orderBy('year')
        .execute()),
    );
  return out;
}

export async function monthly(db: Executor, ids: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('project_monthly')
        .select(['project_id', 'month', 'ytd_investment', 'cumulative_investment', 'physical_progress_pct'])
        .where('project_id', 'in', ids.slice(i, i + 500))
        .orderBy('month')
        .execute()),
    );
  return out;
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
