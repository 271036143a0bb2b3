import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { regionPrefix, scopesFor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';
import { containsInsensitive } from '../../db/dialect-helpers';
import type {
  EligibilityRuleSetTable,
  EnterpriseCandidateTable,
  EnterpriseEligibilityTable,
  EnterpriseIndicatorTable,
  EnterpriseNameTable,
  EnterpriseQualificationTable,
  EnterpriseTable,
} from './enterprises.table';

/**
 * How enterprises relate to the access model (the data scope of resource `enterprise`). When the district
 * scope is the actor's only one, the same condition is repeated as an index-friendly comparison, so a district
 * user's queries read their district instead of the whole registry (scopeFilter's LIKE cannot use an index).
 */
export const enterpriseScope = (actor: Actor) => {
  const filter = scopeFilter(actor, 'enterprise', {
    region: 'enterprises.region_code',
    unit: 'enterprises.owner_unit_id',
    createdBy: 'enterprises.created_by',
  });
  const effective = [...scopesFor(actor, 'enterprise')].filter((s) => s !== 'task_force');
  if (effective.length === 1 && effective[0] === 'district' && actor.regionCode)
    return sql<SqlBool>`(${filter} and ${regionRange('enterprises.region_code', actor.regionCode)})`;
  return filter;
};

/** Projects are reached with the project scope, whatever the enterprise scope. */
const projectScope = (actor: Actor) =>
  scopeFilter(actor, 'project', {
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
  });

/**
 * A region and everything under it as an index-friendly range: 321100 → ['3211', '3212'), 321102 → ['321102', '321103').
 * Codes are digits, so incrementing the last character of the prefix gives the upper bound.
 */
export function regionRange(column: Expression<string> | string, code: string) {
  const prefix = regionPrefix(code);
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  // a county-level code stands only for itself (records carry 6-digit codes): equality keeps the index order
  if (prefix.length === 6) return sql<SqlBool>`${ref} = ${prefix}`;
  return sql<SqlBool>`(${ref} >= ${prefix} and ${ref} < ${nextPrefix(prefix)})`;
}
const nextPrefix = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);

/** Qualification rows in force on `today`: active, or entered as active and not yet past valid_to. */
export const inForce = (alias: string, today: string) =>
  sql<SqlBool>`(${sql.ref(`${alias}.status`)} = 'active' and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} >= ${today}) and (${sql.ref(`${alias}.valid_from`)} is null or ${sql.ref(`${alias}.valid_from`)} <= ${today}))`;

/** The latest stored year of a tier for the enterprise `enterprises.id` (correlated). */
/**
 * Enterprises whose current (latest stored year) result of a tier passes. The literal `is_latest = 1 and pass = 1`
 * matches the partial index enterprise_eligibility_current_pass_idx on both engines.
 */
const currentlyEligible = (tier: string) =>
  sql<SqlBool>`exists (select 1 from enterprise_eligibility cp where cp.enterprise_id = enterprises.id and cp.tier = ${tier} and cp.is_latest = 1 and cp.pass = 1)`;

// ── enterprises ─────────────────────────────────────────────────────────────────────────────────

const withJoins = (db: Executor) =>
  db
    .selectFrom('enterprises')
    .leftJoin('regions', 'regions.code', 'enterprises.region_code')
    .leftJoin('units as owner', 'owner.id', 'enterprises.owner_unit_id')
    .leftJoin('industry_codes', 'industry_codes.code', 'enterprises.industry_code');

const joinedColumns = [
  'regions.name as region_name',
  'owner.name as owner_unit_name',
  'industry_codes.name as industry_name',
] as const;

export type EnterpriseFilter = {
  q?: string;
  regionCode?: string;
  industryCode?: string;
  size?: string;
  ownership?: string;
  soe?: 'true' | 'false';
  listed?: 'true' | 'false';
  ownerUnitId?: string;
  orgUnitId?: string;
  qualification?: string;
  minLevels?: string[];
  eligibleFor?: string;
  foundedFrom?: string;
  foundedTo?: string;
};

export type EnterpriseSortColumn = 'name' | 'credit_code' | 'founded_on' | 'updated_at' | 'created_at';

export async function listEnterprises(
  db: Executor,
  actor: Actor,
  f: EnterpriseFilter,
  today: string,
  page: { limit: number; offset: number; sort: { column: EnterpriseSortColumn; desc: boolean } },
) {
  let q = db.selectFrom('enterprises').where(() => enterpriseScope(actor));
  if (f.q) {
    // enterprise_names holds every name, the current one included: one pass over it finds current and former names
    const needle = f.q.trim();
    const initials = needle.toLowerCase();
    q = q.where((eb) =>
      eb.or([
        eb(
          'enterprises.id',
          'in',
          eb
            .selectFrom('enterprise_names as en')
            .select('en.enterprise_id')
            .where(containsInsensitive(db, sql.ref('en.name'), needle)),
        ),
        eb('enterprises.credit_code', '=', needle.toUpperCase()),
        ...(/^[a-z]+$/.test(initials)
          ? [
              eb.and([
                eb('enterprises.name_initials', '>=', initials),
                eb('enterprises.name_initials', '<', nextPrefix(initials)),
              ]),
            ]
          : []),
      ]),
    );
  }
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  if (f.industryCode) {
    const code = f.industryCode;
    if (/^[A-Z]$/.test(code))
      q = q.where('enterprises.industry_code', 'in', (eb) =>
        eb
          .selectFrom('industry_codes')
          .select('industry_codes.code')
          .where('industry_codes.section', '=', code),
      );
    else q = q.where('enterprises.industry_code', 'like', `${code.replace(/^[A-Z]/, '')}%`);
  }
  if (f.size) q = q.where('enterprises.size', '=', f.size);
  if (f.ownership) q = q.where('enterprises.ownership', '=', f.ownership);
  if (f.soe) q = q.where('enterprises.soe', '=', f.soe === 'true' ? 1 : 0);
  if (f.listed) q = q.where('enterprises.listed', '=', f.listed === 'true' ? 1 : 0);
  if (f.ownerUnitId) q = q.where('enterprises.owner_unit_id', '=', f.ownerUnitId);
  if (f.orgUnitId) q = q.where('enterprises.org_unit_id', '=', f.orgUnitId);
  if (f.foundedFrom) q = q.where('enterprises.founded_on', '>=', f.foundedFrom);
  if (f.foundedTo) q = q.where('enterprises.founded_on', '<=', f.foundedTo);
  if (f.qualification) {
    const type = f.qualification;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enterprise_qualifications as fq')
          .select('fq.id')
          .whereRef('fq.enterprise_id', '=', 'enterprises.id')
          .where('fq.type', '=', type)
          .where(inForce('fq', today))
          .$if(!!f.minLevels, (s) => s.where('fq.level', 'in', f.minLevels!)),
      ),
    );
  }
  if (f.eligibleFor) {
    q = q.where(currentlyEligible(f.eligibleFor));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('enterprises.id')
    .orderBy(`enterprises.${page.sort.column}`, page.sort.desc ? 'desc' : 'asc')
    .orderBy('enterprises.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const rows = ids.length
    ? await withJoins(db)
        .selectAll('enterprises')
        .select(joinedColumns)
        .where(
          'enterprises.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(total.n) };
}

export function findEnterpriseScoped(db: Executor, actor: Actor, id: string) {
  return withJoins(db)
    .selectAll('enterprises')
    .select(joinedColumns)
    .where('enterprises.id', '=', id)
    .where(() => enterpriseScope(actor))
    .executeTakeFirst();
}

export function findEnterpriseById(db: Executor, id: string) {
  return withJoins(db)
    .selectAll('enterprises')
    .select(joinedColumns)
    .where('enterprises.id', '=', id)
    .executeTakeFirst();
}

export function findEnterpriseByCreditCode(db: Executor, creditCode: string) {
  return db.selectFrom('enterprises').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
}

/** Enterprises whose current or a former name is exactly `name` (unscoped: the caller checks the scope). */
export function findEnterprisesByExactName(db: Executor, name: string) {
  return db
    .selectFrom('enterprises')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('enterprises.name', '=', name),
        eb.exists(
          eb
            .selectFrom('enterprise_names as en')
            .select('en.id')
            .whereRef('en.enterprise_id', '=', 'enterprises.id')
            .where('en.name', '=', name),
        ),
      ]),
    )
    .execute();
}

export async function isInScope(db: Executor, actor: Actor, id: string) {
  return !!(await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', id)
    .where(() => enterpriseScope(actor))
    .executeTakeFirst());
}

export async function insertEnterprise(db: Executor, row: EnterpriseTable) {
  await db.insertInto('enterprises').values(row).execute();
}

export async function insertEnterpriseRows(db: Executor, rows: EnterpriseTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('enterprises')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function updateEnterprise(
  db: Executor,
  id: string,
  version: number,
  set: Partial<EnterpriseTable>,
) {
  const r = await db
    .updateTable('enterprises')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Child rows repeat the enterprise's region (ledger convention): keep them in step after a move. */
export async function propagateRegion(db: Executor, id: string, regionCode: string) {
  await db
    .updateTable('enterprise_indicators')
    .set({ region_code: regionCode })
    .where('enterprise_id', '=', id)
    .execute();
  await db
    .updateTable('enterprise_qualifications')
    .set({ region_code: regionCode })
    .where('enterprise_id', '=', id)
    .execute();
  await db
    .updateTable('enterprise_candidates')
    .set({ region_code: regionCode })
    .where('enterprise_id', '=', id)
    .execute();
}

export async function deleteEnterprise(db: Executor, id: string) {
  await db.deleteFrom('enterprise_eligibility').where('enterprise_id', '=', id).execute();
  await db.deleteFrom('enterprise_candidates').where('enterprise_id', '=', id).execute();
  await db.deleteFrom('enterprise_indicators').where('enterprise_id', '=', id).execute();
  await db.deleteFrom('enterprise_names').where('enterprise_id', '=', id).execute();
  await db.deleteFrom('enterprises').where('id', '=', id).execute();
}

export async function countQualificationsOf(db: Executor, id: string) {
  const r = await db
    .selectFrom('enterprise_qualifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterprise_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ── names ───────────────────────────────────────────────────────────────────────────────────────

export function listNames(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('enterprise_names')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy(sql`case when valid_to is null then 0 else 1 end`)
    .orderBy('valid_to', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertNames(db: Executor, rows: EnterpriseNameTable[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('enterprise_names')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function closeCurrentName(db: Executor, enterpriseId: string, validTo: string) {
  await db
    .updateTable('enterprise_names')
    .set({ valid_to: validTo })
    .where('enterprise_id', '=', enterpriseId)
    .where('valid_to', 'is', null)
    .execute();
}

// ── reference data ──────────────────────────────────────────────────────────────────────────────

export function findUnit(db: Executor, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'path', 'region_code', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The regions of the organisation's root units: "the city" of this deployment (321100 for the demo). */
export async function rootRegionCodes(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('units')
    .select('region_code')
    .where('parent_id', 'is', null)
    .distinct()
    .execute();
  return rows.map((r) => r.region_code);
}

export function findRegionsByName(db: Executor, names: string[]) {
  return db.selectFrom('regions').select(['code', 'name']).where('name', 'in', names).execute();
}

export async function industryCodeStatus(
  db: Executor,
  code: string,
): Promise<'ok' | 'unknown' | 'no_reference'> {
  const hit = await db
    .selectFrom('industry_codes')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (hit) return 'ok';
  const any = await db.selectFrom('industry_codes').select('code').limit(1).executeTakeFirst();
  return any ? 'unknown' : 'no_reference';
}

// ── indicators ──────────────────────────────────────────────────────────────────────────────────

export function listIndicators(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('enterprise_indicators')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('year', 'desc')
    .execute();
}

export function findIndicator(db: Executor, enterpriseId: string, year: number) {
  return db
    .selectFrom('enterprise_indicators')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertIndicators(db: Executor, rows: EnterpriseIndicatorTable[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('enterprise_indicators')
      .values(rows.slice(i, i + 400))
      .execute();
}

export async function updateIndicator(
  db: Executor,
  enterpriseId: string,
  year: number,
  version: number,
  set: Partial<EnterpriseIndicatorTable>,
) {
  const r = await db
    .updateTable('enterprise_indicators')
    .set({ ...set, version: version + 1 })
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteIndicator(db: Executor, enterpriseId: string, year: number) {
  await db
    .deleteFrom('enterprise_indicators')
    .where('enterprise_id', '=', enterpriseId)
    .where('year', '=', year)
    .execute();
}

// ── qualifications ──────────────────────────────────────────────────────────────────────────────

const qualificationsJoined = (db: Executor) =>
  db
    .selectFrom('enterprise_qualifications as q')
    .innerJoin('enterprises', 'enterprises.id', 'q.enterprise_id')
    .selectAll('q')
    .select(['enterprises.name as enterprise_name', 'enterprises.credit_code'])
    .select((eb) =>
      eb
        .selectFrom('attachments')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .where('attachments.entity', '=', 'enterprise_qualification')
        .whereRef('attachments.entity_id', '=', 'q.id')
        .as('evidence_count'),
    );

export type QualificationFilter = {
  enterpriseId?: string;
  type?: string;
  level?: string;
  levels?: string[];
  status?: string;
  grantedYear?: number;
  isNew?: 'true' | 'false';
  regionCode?: string;
  validToFrom?: string;
  validToTo?: string;
  q?: string;
};

/** The status as of `today`: an active record past its valid_to reads expired. */
export const effectiveStatusSql = (today: string) =>
  sql<string>`case when q.status = 'active' and q.valid_to is not null and q.valid_to < ${today} then 'expired' else q.status end`;

export async function listQualifications(
  db: Executor,
  actor: Actor,
  f: QualificationFilter,
  today: string,
  page: { limit: number; offset: number; sort: { column: string; desc: boolean } },
) {
  let q = db
    .selectFrom('enterprise_qualifications as q')
    .innerJoin('enterprises', 'enterprises.id', 'q.enterprise_id')
    .where(() => enterpriseScope(actor));
  if (f.enterpriseId) q = q.where('q.enterprise_id', '=', f.enterpriseId);
  if (f.type) q = q.where('q.type', '=', f.type);
  if (f.level) q = q.where('q.level', '=', f.level);
  if (f.levels) q = q.where('q.level', 'in', f.levels);
  if (f.status) q = q.where(sql<SqlBool>`${effectiveStatusSql(today)} = ${f.status}`);
  if (f.grantedYear)
    q = q
      .where('q.granted_on', '>=', `${f.grantedYear}-01-01`)
      .where('q.granted_on', '<=', `${f.grantedYear}-12-31`);
  if (f.isNew) q = q.where('q.is_new', '=', f.isNew === 'true' ? 1 : 0);
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  if (f.validToFrom) q = q.where('q.valid_to', '>=', f.validToFrom);
  if (f.validToTo) q = q.where('q.valid_to', '<=', f.validToTo);
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('enterprises.name'), f.q!),
        eb('q.cert_no', '=', f.q!),
        eb('enterprises.credit_code', '=', f.q!.toUpperCase()),
      ]),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('q.id')
    .orderBy(sql.ref(page.sort.column), page.sort.desc ? 'desc' : 'asc')
    .orderBy('q.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const rows = ids.length
    ? await qualificationsJoined(db)
        .where(
          'q.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(total.n) };
}

export function findQualificationScoped(db: Executor, actor: Actor, id: string) {
  return qualificationsJoined(db)
    .where('q.id', '=', id)
    .where(() => enterpriseScope(actor))
    .executeTakeFirst();
}

export function findQualificationByCert(db: Executor, type: string, certNo: string) {
  return db
    .selectFrom('enterprise_qualifications')
    .selectAll()
    .where('type', '=', type)
    .where('cert_no', '=', certNo)
    .executeTakeFirst();
}

export function qualificationsOf(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('enterprise_qualifications')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .execute();
}

export async function insertQualifications(db: Executor, rows: EnterpriseQualificationTable[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('enterprise_qualifications')
      .values(rows.slice(i, i + 400))
      .execute();
}

export async function updateQualification(
  db: Executor,
  id: string,
  version: number,
  set: Partial<EnterpriseQualificationTable>,
) {
  const r = await db
    .updateTable('enterprise_qualifications')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setIsNew(db: Executor, ids: string[], value: 0 | 1) {
  if (ids.length)
    await db.updateTable('enterprise_qualifications').set({ is_new: value }).where('id', 'in', ids).execute();
}

export async function deleteQualification(db: Executor, id: string) {
  await db.deleteFrom('enterprise_qualifications').where('id', '=', id).execute();
}

/** Qualifications in force today of many enterprises (list badges). */
export function qualificationsInForce(db: Executor, enterpriseIds: string[], today: string) {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('enterprise_qualifications as q')
    .select(['q.id', 'q.enterprise_id', 'q.type', 'q.level', 'q.valid_to'])
    .where('q.enterprise_id', 'in', enterpriseIds)
    .where(inForce('q', today))
    .orderBy('q.type')
    .execute();
}

// ── rule sets and stored eligibility ────────────────────────────────────────────────────────────

export function listRuleSets(db: Executor, f: { tier?: string; status?: string } = {}) {
  let q = db.selectFrom('eligibility_rule_sets').selectAll();
  if (f.tier) q = q.where('tier', '=', f.tier);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('tier').orderBy('effective_from', 'desc').execute();
}

export function findRuleSet(db: Executor, id: string) {
  return db.selectFrom('eligibility_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRuleSet(db: Executor, row: EligibilityRuleSetTable) {
  await db.insertInto('eligibility_rule_sets').values(row).execute();
}

export async function updateRuleSet(
  db: Executor,
  id: string,
  version: number,
  set: Partial<EligibilityRuleSetTable>,
) {
  const r = await db
    .updateTable('eligibility_rule_sets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countResultsOfRuleSet(db: Executor, id: string) {
  const r = await db
    .selectFrom('enterprise_eligibility')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('rule_set_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Insert-or-replace stored results (one statement per batch; portable ON CONFLICT). */
export async function upsertResults(db: Executor, rows: EnterpriseEligibilityTable[], batch = 500) {
  for (let i = 0; i < rows.length; i += batch)
    await db
      .insertInto('enterprise_eligibility')
      .values(rows.slice(i, i + batch))
      .onConflict((oc) =>
        oc.columns(['enterprise_id', 'tier', 'year']).doUpdateSet((eb) => ({
          rule_set_id: eb.ref('excluded.rule_set_id'),
          pass: eb.ref('excluded.pass'),
          is_latest: eb.ref('excluded.is_latest'),
          details: eb.ref('excluded.details'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
}

/**
 * Keeps is_latest right for a range of enterprises (keyset chunk) or one enterprise: 1 on the latest stored
 * year of each tier, 0 on older ones; rows already right are not written.
 */
export async function refreshLatest(db: Executor, range: { first: string; last: string }) {
  const latest = sql<number>`case when enterprise_eligibility.year = (select max(x.year) from enterprise_eligibility x where x.enterprise_id = enterprise_eligibility.enterprise_id and x.tier = enterprise_eligibility.tier) then 1 else 0 end`;
  await db
    .updateTable('enterprise_eligibility')
    .set({ is_latest: latest })
    .where('enterprise_id', '>=', range.first)
    .where('enterprise_id', '<=', range.last)
    .where(sql<SqlBool>`is_latest <> ${latest}`)
    .execute();
}

export async function deleteResults(db: Executor, enterpriseId: string, keepYears: number[]) {
  let q = db.deleteFrom('enterprise_eligibility').where('enterprise_id', '=', enterpriseId);
  if (keepYears.length) q = q.where('year', 'not in', keepYears);
  await q.execute();
}

export async function deleteResultsOfTiers(
  db: Executor,
  enterpriseId: string,
  year: number,
  tiers: string[],
) {
  if (tiers.length)
    await db
      .deleteFrom('enterprise_eligibility')
      .where('enterprise_id', '=', enterpriseId)
      .where('year', '=', year)
      .where('tier', 'in', tiers)
      .execute();
}

export function resultsOf(db: Executor, enterpriseId: string) {
  return db
    .selectFrom('enterprise_eligibility')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('tier')
    .orderBy('year', 'desc')
    .execute();
}

/** The latest stored result per enterprise of one tier. */
export function latestResults(db: Executor, enterpriseIds: string[], tier: string) {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('enterprise_eligibility as el')
    .selectAll('el')
    .where('el.enterprise_id', 'in', enterpriseIds)
    .where('el.tier', '=', tier)
    .where('el.is_latest', '=', 1)
    .execute();
}

// ── bulk evaluation inputs (keyset chunks by id) ────────────────────────────────────────────────

export function enterpriseChunk(
  db: Executor,
  after: string | null,
  limit: number,
  f: { regionCode?: string; ids?: string[]; actor?: Actor },
) {
  let q = db.selectFrom('enterprises').select(['id', 'founded_on', 'listed']).orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  if (f.actor) {
    const actor = f.actor;
    q = q.where(() => enterpriseScope(actor));
  }
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  if (f.ids) q = q.where('id', 'in', f.ids);
  return q.execute();
}

export const EVAL_INDICATOR_COLUMNS = [
  'enterprise_id',
  'year',
  'revenue',
  'rd_expense',
  'rd_expense_domestic',
  'hitech_revenue',
  'staff',
  'st_staff',
  'ip_class1',
  'ip_class2',
  'valuation_usd',
  'latest_round',
  'total_assets',
  'liabilities',
  'profit',
] as const;

export function indicatorsInRange(
  db: Executor,
  firstId: string,
  lastId: string,
  years?: { from: number; to: number },
) {
  let q = db
    .selectFrom('enterprise_indicators')
    .select(EVAL_INDICATOR_COLUMNS)
    .where('enterprise_id', '>=', firstId)
    .where('enterprise_id', '<=', lastId);
  if (years) q = q.where('year', '>=', years.from).where('year', '<=', years.to);
  return q.execute();
}

export function qualificationsInRange(db: Executor, firstId: string, lastId: string) {
  return db
    .selectFrom('enterprise_qualifications')
    .select(['enterprise_id', 'type', 'level', 'status', 'valid_from', 'valid_to'])
    .where('enterprise_id', '>=', firstId)
    .where('enterprise_id', '<=', lastId)
    .execute();
}

// ── views ───────────────────────────────────────────────────────────────────────────────────────

const refColumns = [
  'enterprises.id',
  'enterprises.credit_code',
  'enterprises.name',
  'enterprises.region_code',
  'regions.name as region_name',
] as const;

/** Meets the stored 高企 criteria (latest year) but holds no 高企 in force and has none under review. */
export async function hitechCandidates(
  db: Executor,
  actor: Actor,
  f: { regionCode?: string },
  today: string,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('enterprises')
    .innerJoin('enterprise_eligibility as el', (j) =>
      j.onRef('el.enterprise_id', '=', 'enterprises.id').on('el.tier', '=', 'hitech'),
    )
    .where(sql<SqlBool>`el.is_latest = 1 and el.pass = 1`)
    .where(() => enterpriseScope(actor))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('enterprise_qualifications as hq')
            .select('hq.id')
            .whereRef('hq.enterprise_id', '=', 'enterprises.id')
            .where('hq.type', '=', 'hitech')
            .where((e2) => e2.or([e2('hq.status', '=', 'under_review'), inForce('hq', today)])),
        ),
      ),
    );
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('regions', 'regions.code', 'enterprises.region_code')
    .select(refColumns)
    .select(['el.year', 'el.rule_set_id', 'el.pass', 'el.details', 'el.computed_at', 'el.tier'])
    .orderBy('enterprises.name')
    .orderBy('enterprises.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** The latest 高企 record of each enterprise (for the candidates view). */
export function lastHitechOf(db: Executor, enterpriseIds: string[]) {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('enterprise_qualifications as q')
    .select(['q.id', 'q.enterprise_id', 'q.valid_to', 'q.status', 'q.granted_on'])
    .where('q.type', '=', 'hitech')
    .where('q.enterprise_id', 'in', enterpriseIds)
    .orderBy('q.granted_on', 'desc')
    .execute();
}

/** 高企 in force whose validity ends within the window and that no later record has renewed (复审). */
export async function hitechExpiring(
  db: Executor,
  actor: Actor,
  f: { regionCode?: string; until: string },
  today: string,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('enterprise_qualifications as q')
    .innerJoin('enterprises', 'enterprises.id', 'q.enterprise_id')
    .where('q.type', '=', 'hitech')
    .where('q.status', '=', 'active')
    .where('q.valid_to', '>=', today)
    .where('q.valid_to', '<=', f.until)
    .where(() => enterpriseScope(actor))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('enterprise_qualifications as r')
            .select('r.id')
            .whereRef('r.enterprise_id', '=', 'q.enterprise_id')
            .where('r.type', '=', 'hitech')
            .whereRef('r.id', '<>', 'q.id')
            .where('r.status', 'in', ['active', 'under_review'])
            .where(sql<SqlBool>`coalesce(r.valid_to, '9999-12-31') > q.valid_to`),
        ),
      ),
    );
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('regions', 'regions.code', 'enterprises.region_code')
    .select(refColumns)
    .select(['q.id as qualification_id', 'q.cert_no', 'q.granted_on', 'q.valid_to'])
    .orderBy('q.valid_to')
    .orderBy('q.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

// ── candidate pool ──────────────────────────────────────────────────────────────────────────────

const candidatesJoined = (db: Executor) =>
  db
    .selectFrom('enterprise_candidates as c')
    .innerJoin('enterprises', 'enterprises.id', 'c.enterprise_id')
    .leftJoin('regions', 'regions.code', 'enterprises.region_code')
    .leftJoin('units as mentor', 'mentor.id', 'c.mentor_unit_id')
    .selectAll('c')
    .select([
      'enterprises.credit_code',
      'enterprises.name as enterprise_name',
      'enterprises.region_code as enterprise_region_code',
      'regions.name as region_name',
      'mentor.name as mentor_unit_name',
    ]);

export async function listCandidates(
  db: Executor,
  actor: Actor,
  f: {
    targetTier?: string;
    mentorUnitId?: string;
    regionCode?: string;
    eligible?: 'true' | 'false';
    q?: string;
  },
  page: { limit: number; offset: number; sort: { column: string; desc: boolean } },
) {
  let q = db
    .selectFrom('enterprise_candidates as c')
    .innerJoin('enterprises', 'enterprises.id', 'c.enterprise_id')
    .where(() => enterpriseScope(actor));
  if (f.targetTier) q = q.where('c.target_tier', '=', f.targetTier);
  if (f.mentorUnitId) q = q.where('c.mentor_unit_id', '=', f.mentorUnitId);
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(db, eb.ref('enterprises.name'), f.q!),
        eb('enterprises.credit_code', '=', f.q!.toUpperCase()),
      ]),
    );
  if (f.eligible) {
    const passed = sql<SqlBool>`exists (select 1 from enterprise_eligibility ce where ce.enterprise_id = c.enterprise_id and ce.tier = c.target_tier and ce.is_latest = 1 and ce.pass = 1)`;
    q = q.where(f.eligible === 'true' ? passed : sql<SqlBool>`not ${passed}`);
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('c.id')
    .orderBy(sql.ref(page.sort.column), page.sort.desc ? 'desc' : 'asc')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const rows = ids.length
    ? await candidatesJoined(db)
        .where(
          'c.id',
          'in',
          ids.map((r) => r.id),
        )
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!), total: Number(total.n) };
}

export function findCandidateScoped(db: Executor, actor: Actor, id: string) {
  return candidatesJoined(db)
    .where('c.id', '=', id)
    .where(() => enterpriseScope(actor))
    .executeTakeFirst();
}

export function findCandidateByTarget(db: Executor, enterpriseId: string, targetTier: string) {
  return db
    .selectFrom('enterprise_candidates')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('target_tier', '=', targetTier)
    .executeTakeFirst();
}

export async function insertCandidates(db: Executor, rows: EnterpriseCandidateTable[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('enterprise_candidates')
      .values(rows.slice(i, i + 400))
      .execute();
}

export async function updateCandidate(
  db: Executor,
  id: string,
  version: number,
  set: Partial<EnterpriseCandidateTable>,
) {
  const r = await db
    .updateTable('enterprise_candidates')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteCandidate(db: Executor, id: string) {
  await db.deleteFrom('enterprise_candidates').where('id', '=', id).execute();
}

/** Which of these (enterprise, type) pairs hold the type in force today. */
export function heldTypes(db: Executor, enterpriseIds: string[], today: string) {
  if (!enterpriseIds.length) return Promise.resolve([]);
  return db
    .selectFrom('enterprise_qualifications as q')
    .select(['q.enterprise_id', 'q.type'])
    .where('q.enterprise_id', 'in', enterpriseIds)
    .where(inForce('q', today))
    .execute();
}

// ── counts ──────────────────────────────────────────────────────────────────────────────────────

export type NewRecognitionFilter = {
  year: number;
  types: string[];
  levels?: string[];
  regionCode?: string;
  actor?: Actor;
};

/** Recognitions that count as new in a year (see countNewQualifications for the rule). */
function newRecognitions(db: Executor, f: NewRecognitionFilter) {
  let q = db
    .selectFrom('enterprise_qualifications as q')
    .innerJoin('enterprises', 'enterprises.id', 'q.enterprise_id')
    .where('q.is_new', '=', 1)
    .where('q.status', 'not in', ['revoked', 'under_review'])
    .where(sql<SqlBool>`coalesce(q.granted_on, q.valid_from) >= ${`${f.year}-01-01`}`)
    .where(sql<SqlBool>`coalesce(q.granted_on, q.valid_from) <= ${`${f.year}-12-31`}`);
  if (f.types.length) q = q.where('q.type', 'in', f.types);
  if (f.levels) q = q.where('q.level', 'in', f.levels);
  if (f.regionCode) q = q.where(regionRange('enterprises.region_code', f.regionCode));
  if (f.actor) {
    const actor = f.actor;
    q = q.where(() => enterpriseScope(actor));
  }
  return q;
}

export async function countNewRecognitions(db: Executor, f: NewRecognitionFilter): Promise<number> {
  const r = await newRecognitions(db, f)
    .select(sql<number>`count(distinct q.enterprise_id)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function newRecognitionsByTierLevel(db: Executor, f: NewRecognitionFilter) {
  return newRecognitions(db, f)
    .select(['q.type', 'q.level', sql<number>`count(distinct q.enterprise_id)`.as('n')])
    .groupBy(['q.type', 'q.level'])
    .execute();
}

export function newRecognitionsByRegion(db: Executor, f: NewRecognitionFilter) {
  return newRecognitions(db, f)
    .leftJoin('regions', 'regions.code', 'enterprises.region_code')
    .select([
      'enterprises.region_code',
      'regions.name as region_name',
      'q.type',
      'q.level',
      sql<number>`count(distinct q.enterprise_id)`.as('n'),
    ])
    .groupBy(['enterprises.region_code', 'regions.name', 'q.type', 'q.level'])
    .orderBy('enterprises.region_code')
    .execute();
}

// ── links to projects ───────────────────────────────────────────────────────────────────────────

export async function projectsOfEnterprise(
  db: Executor,
  actor: Actor,
  creditCode: string,
  page: { limit: number; offset: number },
) {
  const q = db
    .selectFrom('projects')
    .where((eb) =>
      eb.or([
        eb('projects.investor_credit_code', '=', creditCode),
        eb('projects.company_credit_code', '=', creditCode),
      ]),
    )
    .where(() => projectScope(actor));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'projects.id',
      'projects.name',
      'projects.project_code',
      'projects.region_code',
      'projects.stage',
      'projects.investor_credit_code',
      'projects.company_credit_code',
      'projects.agreed_investment',
      'projects.actual_signed_on',
      'projects.light',
    ])
    .orderBy('projects.actual_signed_on', 'desc')
    .orderBy('projects.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}
