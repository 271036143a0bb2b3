import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type OrderByItemBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { ProjectFilterQuery } from '../../../../contracts/schemas/projects';
import { regionPrefix, scopesFor, type Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import type { DB } from '../../db/schema';
import type { MilestoneConfirmationTable, ProjectMonthlyTable, ProjectTable } from './projects.table';

/**
 * Every query of the projects module. Reads, lists, searches, exports and aggregates of projects go through
 * `projectScope(actor)` — the data scope of the `project` resource (owner unit, co-units, district, creator, task force).
 */
const PROJECT_SCOPE_COLUMNS = {
  region: 'projects.region_code',
  unit: 'projects.responsible_unit_id',
  coUnits: {
    table: 'project_units',
    recordColumn: 'project_id',
    unitColumn: 'unit_id',
    recordId: 'projects.id',
  },
  createdBy: 'projects.created_by',
  taskForce: 'projects.task_force_id',
};
export const projectScope = (actor: Actor) => scopeFilter(actor, 'project', PROJECT_SCOPE_COLUMNS);
const seesAll = (actor: Actor) => scopesFor(actor, 'project').has('all');

/**
 * When the actor's only project scope is its district, the scope filter (region LIKE 'prefix%') is equivalent to a
 * range on region_code; adding the range lets both engines use the region indexes. A pure optimisation: the scope
 * filter itself is always applied as well.
 */
function districtRange(actor: Actor): [string, string] | null {
  const scopes = scopesFor(actor, 'project');
  if (scopes.size !== 1 || !scopes.has('district') || !actor.regionCode) return null;
  return regionRange(actor.regionCode);
}

export type ProjectFilter = ProjectFilterQuery;

/** A region code as a prefix range (index-friendly on both engines): 321100 → ['3211', '3211~']. */
function regionRange(code: string): [string, string] {
  const p = regionPrefix(code);
  return [p, `${p}~`];
}

function filterConditions(
  db: Executor,
  eb: ExpressionBuilder<DB, 'projects'>,
  f: ProjectFilter,
): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.regionCode) {
    const [lo, hi] = regionRange(f.regionCode);
    c.push(eb('projects.region_code', '>=', lo), eb('projects.region_code', '<', hi));
  }
  if (f.zoneUnitId) c.push(eb('projects.zone_unit_id', '=', f.zoneUnitId));
  if (f.responsibleUnitId) c.push(eb('projects.responsible_unit_id', '=', f.responsibleUnitId));
  if (f.taskForceId) c.push(eb('projects.task_force_id', '=', f.taskForceId));
  if (f.stage?.length) c.push(eb('projects.stage', 'in', f.stage));
  if (f.stageFrom !== undefined) c.push(eb('projects.stage', '>=', f.stageFrom));
  if (f.stageTo !== undefined) c.push(eb('projects.stage', '<=', f.stageTo));
  if (f.chainCode) c.push(eb('projects.chain_code', '=', f.chainCode));
  if (f.industryCode) {
    const code = f.industryCode.replace(/^[A-Ta-t]/, '');
    if (/^[A-Ta-t]$/.test(f.industryCode)) {
      c.push(
        eb.exists(
          eb
            .selectFrom('industry_codes')
            .select('industry_codes.code')
            .whereRef('industry_codes.code', '=', 'projects.industry_code')
            .where('industry_codes.section', '=', f.industryCode.toUpperCase()),
        ),
      );
    } else c.push(eb('projects.industry_code', '>=', code), eb('projects.industry_code', '<', `${code}~`));
  }
  if (f.light?.length) c.push(eb('projects.light', 'in', f.light));
  if (f.linkedLeader) c.push(containsInsensitive(db, eb.ref('projects.linked_leader'), f.linkedLeader));
  if (f.level?.length) c.push(eb('projects.level', 'in', f.level));
  if (f.category?.length) c.push(eb('projects.category', 'in', f.category));
  if (f.foreignInvested) c.push(eb('projects.foreign_invested', '=', f.foreignInvested === 'true' ? 1 : 0));
  if (f.agreedFrom !== undefined) c.push(eb('projects.agreed_investment', '>=', f.agreedFrom));
  if (f.agreedTo !== undefined) c.push(eb('projects.agreed_investment', '<=', f.agreedTo));
  if (f.signedFrom) c.push(eb('projects.actual_signed_on', '>=', f.signedFrom));
  if (f.signedTo) c.push(eb('projects.actual_signed_on', '<=', f.signedTo));
  if (f.startedFrom) c.push(eb('projects.actual_started_on', '>=', f.startedFrom));
  if (f.startedTo) c.push(eb('projects.actual_started_on', '<=', f.startedTo));
  if (f.terminated) c.push(eb('projects.terminated', '=', f.terminated === 'true' ? 1 : 0));
  if (f.suspended) c.push(eb('projects.suspended', '=', f.suspended === 'true' ? 1 : 0));
  if (f.q) {
    // one LIKE over the lower-case haystack (name, codes, internal id, pinyin initials)
    const needle = f.q
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[\\%_]/g, (ch) => '\\' + ch);
    c.push(sql<SqlBool>`${sql.ref('projects.search_text')} like ${`%${needle}%`} escape '\\'`);
  }
  return c;
}

/** The scoped, filtered base query on `projects` (no joins). */
export function filteredProjects(db: Executor, actor: Actor, f: ProjectFilter) {
  const hint = districtRange(actor);
  let q = db.selectFrom('projects').where(() => projectScope(actor));
  if (hint) q = q.where('projects.region_code', '>=', hint[0]).where('projects.region_code', '<', hint[1]);
  return q.where((eb) => eb.and(filterConditions(db, eb, f)));
}

/** Columns that are never null sort without NULLS LAST, so PostgreSQL can walk their index backwards. */
const NOT_NULL_SORTS = new Set(['name', 'updated_at', 'stage']);
const orderOf =
  (column: string, desc: boolean) =>
  (ob: OrderByItemBuilder): OrderByItemBuilder => {
    const o = desc ? ob.desc() : ob.asc();
    return NOT_NULL_SORTS.has(column) ? o : o.nullsLast();
  };

export type ProjectSortColumn =
  'name' | 'agreed_investment' | 'actual_signed_on' | 'actual_started_on' | 'updated_at' | 'stage';
export type ListPage = { limit: number; offset: number; sort: { column: ProjectSortColumn; desc: boolean } };

const LIST_COLUMNS = [
  'projects.id',
  'projects.name',
  'projects.project_code',
  'projects.legacy_project_code',
  'projects.internal_id',
  'projects.region_code',
  'projects.responsible_unit_id',
  'projects.zone_unit_id',
  'projects.level',
  'projects.category',
  'projects.stage',
  'projects.light',
  'projects.agreed_investment',
  'projects.actual_signed_on',
  'projects.actual_started_on',
  'projects.terminated',
  'projects.suspended',
  'projects.created_by',
  'projects.task_force_id',
  'projects.updated_at',
  'projects.version',
] as const;

export async function countProjects(db: Executor, actor: Actor, f: ProjectFilter): Promise<number> {
  const r = await filteredProjects(db, actor, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * One page of compact rows, in two steps inside one query: the page's ids are cut on `projects` alone (filters and
 * sort served by the indexes, LIMIT/OFFSET), then only those rows are read in full and joined to their names.
 */
export async function listProjectPage(db: Executor, actor: Actor, f: ProjectFilter, page: ListPage) {
  const { column, desc } = page.sort;
  const ids = filteredProjects(db, actor, f)
    .select('projects.id')
    .orderBy(`projects.${column}`, orderOf(column, desc))
    .orderBy('projects.id', desc ? 'desc' : 'asc')
    .limit(page.limit)
    .offset(page.offset);
  return db
    .selectFrom('projects')
    .leftJoin('regions', 'regions.code', 'projects.region_code')
    .leftJoin('units as ru', 'ru.id', 'projects.responsible_unit_id')
    .leftJoin('units as zu', 'zu.id', 'projects.zone_unit_id')
    .select(LIST_COLUMNS)
    .select(['regions.name as region_name', 'ru.name as responsible_unit_name', 'zu.name as zone_unit_name'])
    .where('projects.id', 'in', ids)
    .orderBy(`projects.${column}`, orderOf(column, desc))
    .orderBy('projects.id', desc ? 'desc' : 'asc')
    .execute();
}
export type ProjectListRow = Awaited<ReturnType<typeof listProjectPage>>[number];

/** Export rows in pages (keyset on id would reorder; the list's sort is kept with offset paging). */
export async function exportPage(db: Executor, actor: Actor, f: ProjectFilter, page: ListPage) {
  const { column, desc } = page.sort;
  const inner = filteredProjects(db, actor, f)
    .selectAll('projects')
    .orderBy(`projects.${column}`, orderOf(column, desc))
    .orderBy('projects.id', desc ? 'desc' : 'asc')
    .limit(page.limit)
    .offset(page.offset);
  return db
    .selectFrom(inner.as('p'))
    .leftJoin('regions', 'regions.code', 'p.region_code')
    .leftJoin('units as ru', 'ru.id', 'p.responsible_unit_id')
    .selectAll('p')
    .select(['regions.name as region_name', 'ru.name as responsible_unit_name'])
    .orderBy(`p.${column}`, orderOf(column, desc))
    .orderBy('p.id', desc ? 'desc' : 'asc')
    .execute();
}

/** The project if the actor may see it (else undefined: "not found or no access"). */
export function findProjectScoped(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('projects.id', '=', id)
    .where(() => projectScope(actor))
    .executeTakeFirst();
}

/** Unscoped: for integrity checks only (duplicate codes, predecessor links, import business keys). */
export function findProject(db: Executor, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProjectByCode(db: Executor, code: string) {
  return db
    .selectFrom('projects')
    .selectAll()
    .where((eb) => eb.or([eb('project_code', '=', code), eb('legacy_project_code', '=', code)]))
    .executeTakeFirst();
}

export function findProjectByNameRegion(db: Executor, name: string, regionCode: string) {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('name', '=', name)
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}

export function findProjectByInternalId(db: Executor, internalId: string) {
  return db.selectFrom('projects').select(['id']).where('internal_id', '=', internalId).executeTakeFirst();
}

export async function insertProject(db: Executor, row: ProjectTable) {
  await db.insertInto('projects').values(row).execute();
}

/** Optimistic update: false when the version no longer matches. */
export async function updateProject(db: Executor, id: string, version: number, set: Partial<ProjectTable>) {
  const r = await db
    .updateTable('projects')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The project's latest 形象进度, derived from its latest monthly report (not an edit of the project: no version bump). */
export async function setProgressSnapshot(db: Executor, id: string, pct: number | null, text: string | null) {
  await db
    .updateTable('projects')
    .set({ physical_progress_pct: pct, physical_progress_text: text })
    .where('id', '=', id)
    .execute();
}

/**
 * Records other people entered about a project that deleting it would orphan: problems (the coordination list),
 * dispatch-meeting agenda items, and attachments (evidence). Milestones, monthly reports and lights cascade.
 */
export async function countProjectReferences(db: Executor, id: string) {
  const count = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0);
  const [problems, meetingItems, attachments] = await Promise.all([
    count(
      db
        .selectFrom('problems')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('entity', '=', 'project')
        .where('entity_id', '=', id)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('meeting_items')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('item_type', '=', 'project')
        .where('ref_id', '=', id)
        .executeTakeFirst(),
    ),
    count(
      db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('entity', '=', 'project')
        .where('entity_id', '=', id)
        .executeTakeFirst(),
    ),
  ]);
  return { problems, meetingItems, attachments };
}

export async function deleteProject(db: Executor, id: string) {
  await db.deleteFrom('projects').where('id', '=', id).execute();
}

export async function setMonthlyRegion(db: Executor, projectId: string, regionCode: string) {
  await db
    .updateTable('project_monthly')
    .set({ region_code: regionCode })
    .where('project_id', '=', projectId)
    .execute();
}

export function coUnitsOf(db: Executor, projectId: string) {
  return db
    .selectFrom('project_units')
    .innerJoin('units', 'units.id', 'project_units.unit_id')
    .select(['units.id', 'units.name'])
    .where('project_units.project_id', '=', projectId)
    .orderBy('units.sort')
    .execute();
}

export async function replaceCoUnits(db: Executor, projectId: string, unitIds: string[]) {
  await db.deleteFrom('project_units').where('project_id', '=', projectId).execute();
  if (unitIds.length)
    await db
      .insertInto('project_units')
      .values(unitIds.map((unit_id) => ({ project_id: projectId, unit_id, role: 'co' })))
      .execute();
}

/** Units by id (existence checks and names). */
export function unitsByIds(db: Executor, ids: string[]) {
  if (!ids.length)
    return Promise.resolve(
      [] as Array<{ id: string; name: string; kind: string; code: string | null; short_name: string | null }>,
    );
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'code', 'short_name'])
    .where('id', 'in', ids)
    .execute();
}

export function allUnits(db: Executor) {
  return db.selectFrom('units').select(['id', 'name', 'short_name', 'code', 'kind', 'region_code']).execute();
}

/** Region codes of the deployment's root units: projects must lie inside them. */
export async function deploymentRegions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('units').select('region_code').where('parent_id', 'is', null).execute();
  return [...new Set(rows.map((r) => r.region_code))];
}

export function regionsByCodes(db: Executor, codes: string[]) {
  if (!codes.length) return Promise.resolve([] as Array<{ code: string; name: string }>);
  return db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
}

/** Regions a deployment covers (for import: match by name or code). */
export function regionsUnder(db: Executor, prefixes: string[]) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'kind'])
    .where((eb) => eb.or(prefixes.map((p) => eb('code', 'like', `${p}%`))))
    .execute();
}

export function industriesByCodes(db: Executor, codes: string[]) {
  if (!codes.length)
    return Promise.resolve([] as Array<{ code: string; name: string; section: string; level: number }>);
  return db.selectFrom('industry_codes').selectAll().where('code', 'in', codes).execute();
}

export function listIndustries(
  db: Executor,
  f: { q?: string; section?: string; level?: number; parent?: string },
) {
  let q = db.selectFrom('industry_codes').selectAll();
  if (f.section) q = q.where('section', '=', f.section);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.parent) {
    if (/^[A-T]$/.test(f.parent)) q = q.where('section', '=', f.parent).where('level', '=', 2);
    else q = q.where('code', 'like', `${f.parent}%`).where('level', '=', f.parent.length);
  }
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('name'), f.q!),
        eb('code', 'like', `${f.q!.replace(/^[A-Ta-t](?=\d)/, '')}%`),
      ]),
    );
  return q.orderBy('section').orderBy('code').limit(500).execute();
}

export function chainByCode(db: Executor, code: string) {
  return db.selectFrom('chains').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listChains(db: Executor, activeOnly = false) {
  let q = db.selectFrom('chains').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('code').execute();
}

export async function upsertChain(
  db: Executor,
  row: { code: string; name: string; sort: number; active: number },
) {
  const r = await db
    .updateTable('chains')
    .set({ name: row.name, sort: row.sort, active: row.active })
    .where('code', '=', row.code)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('chains').values(row).execute();
}

export async function deactivateChainsExcept(db: Executor, codes: string[]) {
  let q = db.updateTable('chains').set({ active: 0 });
  if (codes.length) q = q.where('code', 'not in', codes);
  await q.execute();
}

export function listEvidenceRules(db: Executor) {
  return db.selectFrom('evidence_rules').selectAll().execute();
}

export async function upsertEvidenceRule(
  db: Executor,
  row: {
    id: string;
    milestone: string;
    requirements: string;
    confirm_permission: string;
    active: number;
    updated_at: string;
  },
) {
  const r = await db
    .updateTable('evidence_rules')
    .set((eb) => ({
      requirements: row.requirements,
      confirm_permission: row.confirm_permission,
      active: row.active,
      updated_at: row.updated_at,
      version: eb('version', '+', 1),
    }))
    .where('milestone', '=', row.milestone)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await db
      .insertInto('evidence_rules')
      .values({ ...row, version: 1 })
      .execute();
}

export function attachmentsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'entity', 'entity_id', 'doc_type'])
    .where('id', 'in', ids)
    .execute();
}

export function confirmationsOf(db: Executor, projectId: string) {
  return db
    .selectFrom('milestone_confirmations')
    .leftJoin('users', 'users.id', 'milestone_confirmations.confirmed_by')
    .selectAll('milestone_confirmations')
    .select('users.display_name as confirmed_by_name')
    .where('milestone_confirmations.project_id', '=', projectId)
    .orderBy('milestone_confirmations.confirmed_at', 'desc')
    .execute();
}

export async function insertConfirmation(db: Executor, row: Insertable<MilestoneConfirmationTable>) {
  await db.insertInto('milestone_confirmations').values(row).execute();
}

export async function revokeConfirmations(
  db: Executor,
  projectId: string,
  milestone: string,
  by: string,
  at: string,
  reason: string,
) {
  await db
    .updateTable('milestone_confirmations')
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where('project_id', '=', projectId)
    .where('milestone', '=', milestone)
    .where('revoked_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------- monthly progress and annual plans

export function monthlyOf(db: Executor, projectId: string) {
  return db
    .selectFrom('project_monthly')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('month')
    .execute();
}

export function latestMonthlyOf(db: Executor, projectId: string) {
  return db
    .selectFrom('project_monthly')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertMonthly(db: Executor, row: Insertable<ProjectMonthlyTable>) {
  await db.insertInto('project_monthly').values(row).execute();
}

export async function updateMonthly(
  db: Executor,
  id: string,
  set: {
    month_investment: number;
    ytd_investment: number;
    cumulative_investment: number;
    [k: string]: unknown;
  },
  bumpVersion: boolean,
) {
  await db
    .updateTable('project_monthly')
    .set((eb) => ({ ...set, ...(bumpVersion ? { version: eb('version', '+', 1) } : {}) }))
    .where('id', '=', id)
    .execute();
}

export function plansOf(db: Executor, projectId: string) {
  return db
    .selectFrom('project_annual_plans')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('year')
    .execute();
}

export function planOf(db: Executor, projectId: string, year: number) {
  return db
    .selectFrom('project_annual_plans')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Each project's latest annual plan. */
export async function latestPlansOf(db: Executor, projectIds: string[]) {
  const out = new Map<string, { project_id: string; year: number; plan_investment: number }>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const ids = projectIds.slice(i, i + 500);
    if (!ids.length) continue;
    const rows = await db
      .selectFrom('project_annual_plans')
      .select(['project_id', 'year', 'plan_investment'])
      .where('project_id', 'in', ids)
      .execute();
    for (const r of rows) if ((out.get(r.project_id)?.year ?? 0) < r.year) out.set(r.project_id, r);
  }
  return [...out.values()];
}

export async function upsertPlan(
  db: Executor,
  row: {
    project_id: string;
    year: number;
    plan_investment: number;
    curve: string | null;
    updated_at: string;
  },
) {
  const r = await db
    .updateTable('project_annual_plans')
    .set((eb) => ({
      plan_investment: row.plan_investment,
      curve: row.curve,
      updated_at: row.updated_at,
      version: eb('version', '+', 1),
    }))
    .where('project_id', '=', row.project_id)
    .where('year', '=', row.year)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await db
      .insertInto('project_annual_plans')
      .values({ ...row, version: 1 })
      .execute();
}

// ---------------------------------------------------------------- history, saved views, aggregates

export async function historyOf(db: Executor, projectId: string, page: { limit: number; offset: number }) {
  const q = db.selectFrom('audit_log').where('entity', '=', 'project').where('entity_id', '=', projectId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}

export function savedViewsOf(db: Executor, userId: string, ledger: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('user_id', '=', userId)
    .where('ledger', '=', ledger)
    .orderBy('created_at')
    .execute();
}

export async function insertSavedView(
  db: Executor,
  row: { id: string; user_id: string; ledger: string; name: string; query: string; created_at: string },
) {
  await db.insertInto('saved_views').values(row).execute();
}

export function savedViewOf(db: Executor, userId: string, id: string) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteSavedView(db: Executor, id: string) {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}

/** Per region: projects (not terminated), Σ agreed, started in the year, started by its end. */
export function projectTotalsByRegion(db: Executor, actor: Actor, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const hint = districtRange(actor);
  let q = db.selectFrom('projects').where(() => projectScope(actor));
  if (hint) q = q.where('projects.region_code', '>=', hint[0]).where('projects.region_code', '<', hint[1]);
  return q
    .where('projects.terminated', '=', 0)
    .select([
      'projects.region_code',
      (eb) => eb.fn.countAll<number>().as('projects'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('projects.agreed_investment'), sql<number>`0`).as('agreed'),
      sql<number>`sum(case when projects.actual_started_on >= ${from} and projects.actual_started_on <= ${to} then 1 else 0 end)`.as(
        'started_in_year',
      ),
      sql<number>`sum(case when projects.actual_started_on <= ${to} then 1 else 0 end)`.as('started_to_date'),
    ])
    .groupBy('projects.region_code')
    .execute();
}

/**
 * Monthly rows of visible projects only: joined to their project for the scope (monthly rows carry their project's
 * region, so a district actor's range narrows the monthly index scan first).
 */
function scopeMonthly<Q extends SelectQueryBuilder<DB, 'project_monthly', any>>(q: Q, actor: Actor): Q {
  if (seesAll(actor)) return q;
  const hint = districtRange(actor);
  let out = (q as SelectQueryBuilder<DB, 'project_monthly', any>)
    .innerJoin('projects', 'projects.id', 'project_monthly.project_id')
    .where(() => projectScope(actor));
  if (hint)
    out = out
      .where('project_monthly.region_code', '>=', hint[0])
      .where('project_monthly.region_code', '<', hint[1]);
  return out as unknown as Q;
}

/** The latest month of a year with any (visible) monthly report (walks the month index backwards, stops at one). */
export async function latestReportedMonth(db: Executor, actor: Actor, year: number): Promise<string | null> {
  const q = db
    .selectFrom('project_monthly')
    .select('project_monthly.month')
    .where('project_monthly.month', '>=', `${year}-01`)
    .where('project_monthly.month', '<=', `${year}-12`)
    .orderBy('project_monthly.month', 'desc')
    .limit(1);
  const r = await scopeMonthly(q, actor).executeTakeFirst();
  return r?.month ?? null;
}

/** Σ year-to-date investment per region for one month (visible projects). */
export function ytdByRegion(db: Executor, actor: Actor, month: string) {
  const q = db
    .selectFrom('project_monthly')
    .where('project_monthly.month', '=', month)
    .select([
      'project_monthly.region_code',
      (eb) => eb.fn.sum<number>('project_monthly.ytd_investment').as('ytd'),
    ])
    .groupBy('project_monthly.region_code');
  return scopeMonthly(q, actor).execute();
}

/** Industrial signings of a period with their predecessors' amounts (for the 新签约亿元以上 credit). */
export function signingsBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('projects')
    .leftJoin('projects as pre', 'pre.id', 'projects.predecessor_project_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'projects.category',
      'projects.foreign_invested',
      'projects.agreed_investment',
      'projects.foreign_amount_usd',
      'projects.signing_kind',
      'projects.actual_signed_on',
      'pre.agreed_investment as pre_agreed_investment',
      'pre.foreign_amount_usd as pre_foreign_amount_usd',
    ])
    .where('projects.actual_signed_on', '>=', from)
    .where('projects.actual_signed_on', '<=', to)
    .execute();
}
