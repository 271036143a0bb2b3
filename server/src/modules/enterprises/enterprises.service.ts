import type { z } from 'zod';
import type {
  CountTier,
  Counts,
  EligibilityQuery,
  EligibilityResult,
  EligibilityTier,
  Enterprise,
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterpriseUpdate,
  Indicators,
  IndicatorsUpsert,
  QualificationLevel,
  QualificationType,
  SoeKpi,
  Warning,
} from '../../../../contracts/schemas/enterprises';
import {
  ELIGIBILITY_TIERS,
  LEVEL_RANK,
  QUALIFICATION_LEVELS,
} from '../../../../contracts/schemas/enterprises';
import type { ListQuery } from '../../../../contracts/schemas/common';
import { checkCreditCode, normaliseCreditCode } from '../../../../contracts/validators/credit-code';
import type { Actor } from '../../core/access/actor';
import { regionPrefix } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { findRegion } from '../regions/regions.service';
import { COUNT_TIER_TYPES, HEADLINE_COUNTS } from './enterprises.config';
import {
  explainStored,
  loadRuleSets,
  recomputeEnterprise,
  toEvalIndicators,
  toEvalQualification,
} from './enterprises.eligibility.service';
import { nameInitials } from './enterprises.names';
import { placeableInScope } from './enterprises.policy';
import {
  INDICATOR_COLUMNS,
  creditCodeWarnings,
  presentEnterprise,
  presentIndicators,
  type IndicatorApiKey,
} from './enterprises.presenter';
import * as repo from './enterprises.repository';
import { evaluateEligibility } from './enterprises.rules';
import { computeSoeKpis, type SoeInputs } from './enterprises.soe';
import type { EnterpriseIndicatorTable, EnterpriseTable } from './enterprises.table';

type Deps = { db: Db };

// ── validation shared with the Excel ledgers ────────────────────────────────────────────────────

/** A valid, normalised credit code, or a 400 that says what is wrong (format or check character). */
export function requireCreditCode(raw: string): { code: string; warnings: Warning[] } {
  const code = normaliseCreditCode(raw);
  const check = checkCreditCode(code);
  if (!check.valid)
    throw new AppError('VALIDATION_FAILED', { detail: creditCodeProblem(check.reason!) }, [
      { path: 'creditCode', reason: check.reason },
    ]);
  return { code, warnings: creditCodeWarnings(code) };
}

export function creditCodeProblem(reason: 'format' | 'check') {
  return reason === 'format'
    ? {
        zh: 'creditCode: 统一社会信用代码格式不正确：应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3–8 位为登记机关行政区划码',
        en: 'creditCode: the unified social credit code is malformed: 18 characters, digits and capital letters except I, O, S, V, Z, with a region code in characters 3–8',
      }
    : {
        zh: 'creditCode: 统一社会信用代码第 18 位校验码不符（GB 32100），请核对是否录入有误',
        en: 'creditCode: the check character (18th) of the unified social credit code does not match (GB 32100); please check for a typo',
      };
}

/** The region: the one given (must exist), else the credit code's characters 3–8 when they name a region of this city. */
export async function resolveRegion(
  db: Executor,
  creditCode: string,
  given: string | null | undefined,
): Promise<string> {
  if (given) {
    if (!(await findRegion(db, given)))
      throw ruleViolation(`行政区划代码 ${given} 不存在`, `Region code ${given} does not exist`, {
        field: 'regionCode',
      });
    return given;
  }
  const fromCode = creditCode.slice(2, 8);
  const cities = await repo.rootRegionCodes(db);
  if (cities.some((c) => fromCode.startsWith(regionPrefix(c))) && (await findRegion(db, fromCode)))
    return fromCode;
  throw ruleViolation(
    `请填写所在县区：统一社会信用代码的登记机关区划码 ${fromCode} 不在本市范围内`,
    `Give the region: the credit code's registration region ${fromCode} is not within this city`,
    { field: 'regionCode' },
  );
}

/** GB/T 4754 小类: digits only; checked against industry_codes when that table holds data. */
export async function resolveIndustry(
  db: Executor,
  raw: string | null | undefined,
): Promise<string | null | undefined> {
  if (raw === undefined || raw === null) return raw;
  const code = raw
    .trim()
    .toUpperCase()
    .replace(/^[A-Z]/, '');
  if (!/^\d{4}$/.test(code))
    throw ruleViolation(`行业代码 ${raw} 应为 4 位小类代码`, `Industry code ${raw} must be a 4-digit class`, {
      field: 'industryCode',
    });
  if ((await repo.industryCodeStatus(db, code)) === 'unknown')
    throw ruleViolation(
      `行业代码 ${code} 不在 GB/T 4754-2017 小类表中`,
      `Industry code ${code} is not a GB/T 4754-2017 class`,
      { field: 'industryCode' },
    );
  return code;
}

export async function resolveOwnerUnit(db: Executor, actor: Actor, given: string | null | undefined) {
  const id = given === undefined ? actor.unitId : given;
  if (!id) return null;
  const unit = await repo.findUnit(db, id);
  if (!unit) throw ruleViolation('维护单位不存在', 'The owner unit does not exist', { field: 'ownerUnitId' });
  return unit;
}

const dayBefore = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

// ── registry ────────────────────────────────────────────────────────────────────────────────────

const SORTS = {
  name: 'name',
  creditCode: 'credit_code',
  foundedOn: 'founded_on',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
} as const;

export async function listEnterprises(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof EnterpriseListQuery>,
): Promise<Page<Enterprise>> {
  const sort = parseSort(q.sort, SORTS, { column: 'name', desc: false });
  const today = todayCst();
  const minLevels = q.minLevel
    ? QUALIFICATION_LEVELS.filter((l) => LEVEL_RANK[l] >= LEVEL_RANK[q.minLevel!])
    : undefined;
  const { rows, total } = await repo.listEnterprises(deps.db, actor, { ...q, minLevels }, today, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  const quals = await repo.qualificationsInForce(
    deps.db,
    rows.map((r) => r.id),
    today,
  );
  return {
    data: rows.map((r) =>
      presentEnterprise(actor, r, { qualifications: quals.filter((x) => x.enterprise_id === r.id) }),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadPresented(db: Executor, actor: Actor, id: string): Promise<Enterprise> {
  const e = await repo.findEnterpriseScoped(db, actor, id);
  if (!e) throw notFound();
  const [quals, names] = await Promise.all([
    repo.qualificationsInForce(db, [id], todayCst()),
    repo.listNames(db, id),
  ]);
  return presentEnterprise(actor, e, { qualifications: quals, names });
}

export const getEnterprise = (deps: Deps, actor: Actor, id: string) => loadPresented(deps.db, actor, id);

/** Creates one enterprise inside the caller's transaction (API and Excel import). */
export async function insertEnterpriseIn(
  trx: Executor,
  actor: Actor,
  input: EnterpriseCreate,
  opts: { audit?: Record<string, unknown> } = {},
): Promise<{ id: string; warnings: Warning[] }> {
  const { code, warnings } = requireCreditCode(input.creditCode);
  if (await repo.findEnterpriseByCreditCode(trx, code))
    throw new AppError('DUPLICATE', { detail: { zh: '统一社会信用代码', en: 'credit code' } });
  const regionCode = await resolveRegion(trx, code, input.regionCode);
  const industry = await resolveIndustry(trx, input.industryCode);
  const owner = await resolveOwnerUnit(trx, actor, input.ownerUnitId);
  if (input.orgUnitId && !(await repo.findUnit(trx, input.orgUnitId)))
    throw ruleViolation('对应单位不存在', 'The organisation unit does not exist', { field: 'orgUnitId' });
  if (!placeableInScope(actor, { regionCode, ownerUnit: owner })) throw new AppError('FORBIDDEN');
  const at = nowIso();
  const row: EnterpriseTable = {
    id: newId(),
    credit_code: code,
    name: input.name.trim(),
    name_initials: nameInitials(input.name),
    region_code: regionCode,
    industry_code: industry ?? null,
    size: input.size ?? null,
    ownership: input.ownership ?? null,
    soe: input.soe ? 1 : 0,
    listed: input.listed ? 1 : 0,
    founded_on: input.foundedOn ?? null,
    owner_unit_id: owner?.id ?? null,
    org_unit_id: input.orgUnitId ?? null,
    created_by: actor.userId,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  await repo.insertEnterprise(trx, row);
  await repo.insertNames(trx, [
    {
      id: newId(),
      enterprise_id: row.id,
      name: row.name,
      valid_from: row.founded_on,
      valid_to: null,
      created_at: at,
    },
  ]);
  await recordAudit(trx, actor, {
    entity: 'enterprise',
    entityId: row.id,
    action: 'create',
    regionCode,
    after: row,
    ...(opts.audit ? { payload: opts.audit } : {}),
  });
  return { id: row.id, warnings };
}

export async function createEnterprise(
  deps: Deps,
  actor: Actor,
  input: EnterpriseCreate,
): Promise<{ data: Enterprise; warnings: Warning[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const { id, warnings } = await insertEnterpriseIn(trx, actor, input);
    return { data: await loadPresented(trx, actor, id), warnings };
  });
}

/** Applies an update inside the caller's transaction; a new name closes the old one in the history. */
export async function updateEnterpriseIn(
  trx: Executor,
  actor: Actor,
  id: string,
  input: EnterpriseUpdate,
  opts: { audit?: Record<string, unknown> } = {},
): Promise<{ changed: boolean; warnings: Warning[] }> {
  const before = await repo.findEnterpriseScoped(trx, actor, id);
  if (!before) throw notFound();
  if (before.version !== input.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: before.version },
      { current: await loadPresented(trx, actor, id) },
    );
  const set: Partial<EnterpriseTable> = {};
  let warnings: Warning[] = creditCodeWarnings(before.credit_code);
  if (input.creditCode !== undefined) {
    const checked = requireCreditCode(input.creditCode);
    warnings = checked.warnings;
    if (checked.code !== before.credit_code) {
      if (await repo.findEnterpriseByCreditCode(trx, checked.code))
        throw new AppError('DUPLICATE', { detail: { zh: '统一社会信用代码', en: 'credit code' } });
      set.credit_code = checked.code;
    }
  }
  if (input.regionCode !== undefined && input.regionCode !== before.region_code)
    set.region_code = await resolveRegion(trx, set.credit_code ?? before.credit_code, input.regionCode);
  if (input.industryCode !== undefined) {
    const industry = await resolveIndustry(trx, input.industryCode);
    if (industry !== before.industry_code) set.industry_code = industry ?? null;
  }
  let owner = before.owner_unit_id ? ((await repo.findUnit(trx, before.owner_unit_id)) ?? null) : null;
  if (input.ownerUnitId !== undefined && input.ownerUnitId !== before.owner_unit_id) {
    owner = await resolveOwnerUnit(trx, actor, input.ownerUnitId);
    set.owner_unit_id = owner?.id ?? null;
  }
  if (input.orgUnitId !== undefined && input.orgUnitId !== before.org_unit_id) {
    if (input.orgUnitId && !(await repo.findUnit(trx, input.orgUnitId)))
      throw ruleViolation('对应单位不存在', 'The organisation unit does not exist', { field: 'orgUnitId' });
    set.org_unit_id = input.orgUnitId;
  }
  if (input.size !== undefined && input.size !== before.size) set.size = input.size;
  if (input.ownership !== undefined && input.ownership !== before.ownership) set.ownership = input.ownership;
  if (input.soe !== undefined && (input.soe ? 1 : 0) !== before.soe) set.soe = input.soe ? 1 : 0;
  if (input.listed !== undefined && (input.listed ? 1 : 0) !== before.listed)
    set.listed = input.listed ? 1 : 0;
  if (input.foundedOn !== undefined && input.foundedOn !== before.founded_on)
    set.founded_on = input.foundedOn;
  const newName = input.name?.trim();
  if (newName && newName !== before.name) {
    set.name = newName;
    set.name_initials = nameInitials(newName);
  }
  if (set.region_code || set.owner_unit_id !== undefined)
    if (!placeableInScope(actor, { regionCode: set.region_code ?? before.region_code, ownerUnit: owner }))
      throw new AppError('FORBIDDEN');
  if (Object.keys(set).length === 0) return { changed: false, warnings };
  set.updated_at = nowIso();
  if (!(await repo.updateEnterprise(trx, id, input.version, set))) {
    const current = await repo.findEnterpriseScoped(trx, actor, id);
    throw new AppError('VERSION_CONFLICT', { version: current?.version });
  }
  if (set.name) {
    const on = input.renamedOn ?? todayCst();
    await repo.closeCurrentName(trx, id, dayBefore(on));
    await repo.insertNames(trx, [
      {
        id: newId(),
        enterprise_id: id,
        name: set.name,
        valid_from: on,
        valid_to: null,
        created_at: set.updated_at,
      },
    ]);
  }
  if (set.region_code) await repo.propagateRegion(trx, id, set.region_code);
  if (set.founded_on !== undefined || set.listed !== undefined) await recomputeEnterprise(trx, id);
  const after = (await repo.findEnterpriseById(trx, id))!;
  const strip = ({ region_name: _r, owner_unit_name: _o, industry_name: _i, ...rest }: typeof after) => rest;
  await recordAudit(trx, actor, {
    entity: 'enterprise',
    entityId: id,
    action: 'update',
    regionCode: after.region_code,
    before: strip(before),
    after: strip(after),
    ...(opts.audit ? { payload: opts.audit } : {}),
  });
  return { changed: true, warnings };
}

export async function updateEnterprise(
  deps: Deps,
  actor: Actor,
  id: string,
  input: EnterpriseUpdate,
): Promise<{ data: Enterprise; warnings: Warning[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const { warnings } = await updateEnterpriseIn(trx, actor, id, input);
    return { data: await loadPresented(trx, actor, id), warnings };
  });
}

export async function deleteEnterprise(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findEnterpriseScoped(trx, actor, id);
    if (!before) throw notFound();
    const quals = await repo.countQualificationsOf(trx, id);
    if (quals)
      throw new AppError('IN_USE', {
        detail: {
          zh: `该企业还有 ${quals} 条资质记录，请先删除资质`,
          en: `the enterprise still has ${quals} qualification records`,
        },
      });
    await repo.deleteEnterprise(trx, id);
    const { region_name: _r, owner_unit_name: _o, industry_name: _i, ...row } = before;
    await recordAudit(trx, actor, {
      entity: 'enterprise',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before: row,
    });
  });
}

// ── yearly indicators ───────────────────────────────────────────────────────────────────────────

export async function listIndicators(deps: Deps, actor: Actor, id: string): Promise<Indicators[]> {
  if (!(await repo.isInScope(deps.db, actor, id))) throw notFound();
  return (await repo.listIndicators(deps.db, id)).map(presentIndicators);
}

/** Consistency rules a single year's figures must respect. */
function checkIndicatorRow(r: Partial<EnterpriseIndicatorTable>) {
  const pairs: Array<[keyof EnterpriseIndicatorTable, keyof EnterpriseIndicatorTable, string, string]> = [
    ['st_staff', 'staff', '科技人员数不能超过职工总数', 'S&T staff cannot exceed employees'],
    [
      'rd_expense_domestic',
      'rd_expense',
      '境内研发费用不能超过研发费用总额',
      'R&D in China cannot exceed total R&D',
    ],
    [
      'hitech_revenue',
      'revenue',
      '高新技术产品收入不能超过营业收入',
      'High-tech revenue cannot exceed revenue',
    ],
  ];
  for (const [part, whole, zh, en] of pairs) {
    const a = r[part];
    const b = r[whole];
    if (a !== null && a !== undefined && b !== null && b !== undefined && Number(a) > Number(b))
      throw ruleViolation(zh, en, { field: part });
  }
  for (const k of [
    'revenue',
    'rd_expense',
    'rd_expense_domestic',
    'hitech_revenue',
    'tax',
    'output',
    'valuation_usd',
    'total_assets',
    'liabilities',
  ] as const)
    if (r[k] !== null && r[k] !== undefined && Number(r[k]) < 0)
      throw ruleViolation(`${k} 不能为负数`, `${k} cannot be negative`, { field: k });
}

/** Writes one year's indicators inside the caller's transaction (API and Excel import); no recompute. */
export async function writeIndicatorsIn(
  trx: Executor,
  actor: Actor,
  e: { id: string; region_code: string },
  year: number,
  input: Partial<Record<IndicatorApiKey, number | string | null>> & { version?: number },
  opts: { requireVersion: boolean; audit?: Record<string, unknown> },
): Promise<'created' | 'updated' | 'unchanged'> {
  if (year > Number(todayCst().slice(0, 4)))
    throw ruleViolation(`年度 ${year} 尚未开始`, `The year ${year} has not started`, { field: 'year' });
  const existing = await repo.findIndicator(trx, e.id, year);
  const set: Partial<EnterpriseIndicatorTable> = {};
  for (const [k, col] of Object.entries(INDICATOR_COLUMNS) as Array<
    [IndicatorApiKey, keyof EnterpriseIndicatorTable]
  >) {
    if (input[k] === undefined) continue;
    if (
      existing &&
      (existing[col] === null || existing[col] === undefined
        ? null
        : k === 'latestRound'
          ? String(existing[col])
          : Number(existing[col])) === input[k]
    )
      continue;
    (set as Record<string, unknown>)[col] = input[k];
  }
  const at = nowIso();
  if (existing) {
    if (opts.requireVersion && input.version !== existing.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: existing.version },
        { current: presentIndicators(existing) },
      );
    if (Object.keys(set).length === 0) return 'unchanged';
    checkIndicatorRow({ ...existing, ...set });
    if (
      !(await repo.updateIndicator(trx, e.id, year, existing.version, {
        ...set,
        updated_at: at,
        updated_by: actor.userId,
      }))
    )
      throw new AppError('VERSION_CONFLICT', { version: existing.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'enterprise_indicators',
      entityId: `${e.id}/${year}`,
      action: 'update',
      regionCode: e.region_code,
      before: Object.fromEntries(Object.keys(set).map((k) => [k, existing[k as keyof typeof existing]])),
      after: set,
      ...(opts.audit ? { payload: opts.audit } : {}),
    });
    return 'updated';
  }
  const row: EnterpriseIndicatorTable = {
    enterprise_id: e.id,
    year,
    region_code: e.region_code,
    revenue: null,
    rd_expense: null,
    rd_expense_domestic: null,
    hitech_revenue: null,
    staff: null,
    st_staff: null,
    ip_class1: null,
    ip_class2: null,
    tax: null,
    output: null,
    land_mu: null,
    energy_tce: null,
    valuation_usd: null,
    latest_round: null,
    total_assets: null,
    liabilities: null,
    profit: null,
    net_profit: null,
    value_added: null,
    net_assets: null,
    operating_cash_flow: null,
    ...set,
    updated_by: actor.userId,
    version: 1,
    updated_at: at,
  };
  checkIndicatorRow(row);
  await repo.insertIndicators(trx, [row]);
  await recordAudit(trx, actor, {
    entity: 'enterprise_indicators',
    entityId: `${e.id}/${year}`,
    action: 'create',
    regionCode: e.region_code,
    after: set,
    ...(opts.audit ? { payload: opts.audit } : {}),
  });
  return 'created';
}

/** PUT one year: creates it, or updates it when `version` matches; eligibility is recomputed in the same transaction. */
export async function upsertIndicators(
  deps: Deps,
  actor: Actor,
  id: string,
  year: number,
  input: IndicatorsUpsert,
): Promise<Indicators> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.findEnterpriseScoped(trx, actor, id);
    if (!e) throw notFound();
    await writeIndicatorsIn(trx, actor, e, year, input, { requireVersion: true });
    await recomputeEnterprise(trx, id);
    return presentIndicators((await repo.findIndicator(trx, id, year))!);
  });
}

export async function deleteIndicators(deps: Deps, actor: Actor, id: string, year: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const e = await repo.findEnterpriseScoped(trx, actor, id);
    if (!e) throw notFound();
    const existing = await repo.findIndicator(trx, id, year);
    if (!existing) throw notFound();
    await repo.deleteIndicator(trx, id, year);
    await recomputeEnterprise(trx, id);
    await recordAudit(trx, actor, {
      entity: 'enterprise_indicators',
      entityId: `${id}/${year}`,
      action: 'delete',
      regionCode: e.region_code,
      before: existing,
    });
  });
}

// ── eligibility of one enterprise ───────────────────────────────────────────────────────────────

/**
 * The stored results (latest year per tier, or `year`), explained; where nothing is stored for a tier the
 * rule set is applied live to the ledger (computedAt null).
 */
export async function getEligibility(
  deps: Deps,
  actor: Actor,
  id: string,
  q: z.infer<typeof EligibilityQuery>,
): Promise<EligibilityResult[]> {
  const e = await repo.findEnterpriseScoped(deps.db, actor, id);
  if (!e) throw notFound();
  const cache = await loadRuleSets(deps.db);
  const stored = await repo.resultsOf(deps.db, id);
  const indicatorRows = await repo.listIndicators(deps.db, id);
  const byYear = new Map(indicatorRows.map((r) => [r.year, toEvalIndicators(r)]));
  const latestIndicatorYear = indicatorRows.length ? Math.max(...indicatorRows.map((r) => r.year)) : null;
  const quals = (await repo.qualificationsOf(deps.db, id)).map(toEvalQualification);
  const out: EligibilityResult[] = [];
  for (const tier of ELIGIBILITY_TIERS) {
    if (q.tier && q.tier !== tier) continue;
    const rows = stored
      .filter((r) => r.tier === tier && (q.year ? r.year === q.year : true))
      .sort((a, b) => b.year - a.year);
    const explained = rows[0] ? explainStored(cache, rows[0]) : null;
    if (explained) {
      out.push(explained);
      continue;
    }
    const year = q.year ?? latestIndicatorYear;
    if (year === null || year === undefined) continue;
    const rs = cache.forYear(tier, year);
    if (!rs) continue;
    const r = evaluateEligibility(
      { id: rs.id, tier, name: rs.name, params: rs.parsed },
      { foundedOn: e.founded_on, listed: Boolean(e.listed), qualifications: quals },
      byYear,
      year,
    );
    out.push({
      tier,
      ruleSetId: rs.id,
      ruleSetName: rs.name,
      docNo: rs.doc_no,
      year,
      pass: r.pass,
      criteria: r.criteria,
      manualChecks: r.manualChecks,
      computedAt: null,
      stale: false,
    });
  }
  return out;
}

// ── links, SOE ──────────────────────────────────────────────────────────────────────────────────

export async function listProjects(deps: Deps, actor: Actor, id: string, q: ListQuery) {
  const e = await repo.findEnterpriseScoped(deps.db, actor, id);
  if (!e) throw notFound();
  const { rows, total } = await repo.projectsOfEnterprise(deps.db, actor, e.credit_code, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  return {
    data: rows.map((p) => ({
      id: p.id,
      name: p.name,
      projectCode: p.project_code,
      regionCode: p.region_code,
      stage: Number(p.stage),
      roles: [
        ...(p.investor_credit_code === e.credit_code ? ['investor' as const] : []),
        ...(p.company_credit_code === e.credit_code ? ['company' as const] : []),
      ],
      agreedInvestment:
        p.agreed_investment === null || p.agreed_investment === undefined
          ? null
          : Number(p.agreed_investment),
      signedOn: p.actual_signed_on,
      light: p.light,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** 一利五率 of one year beside the previous one (for SOE targets in the reform ledger). */
export async function getSoeKpis(
  deps: Deps,
  actor: Actor,
  id: string,
  year: number,
): Promise<{ enterpriseId: string; year: number; soe: boolean; kpis: SoeKpi[] }> {
  const e = await repo.findEnterpriseScoped(deps.db, actor, id);
  if (!e) throw notFound();
  const rows = await repo.listIndicators(deps.db, id);
  const byYear = new Map<number, SoeInputs>(
    rows.map((r) => [
      r.year,
      {
        revenue: r.revenue,
        rdExpense: r.rd_expense,
        staff: r.staff,
        output: r.output,
        totalAssets: r.total_assets,
        liabilities: r.liabilities,
        profit: r.profit,
        netProfit: r.net_profit,
        valueAdded: r.value_added,
        netAssets: r.net_assets,
        operatingCashFlow: r.operating_cash_flow,
      },
    ]),
  );
  return { enterpriseId: id, year, soe: Boolean(e.soe), kpis: computeSoeKpis(byYear, year) };
}

// ── counts ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Enterprises newly recognised in a year — the figure behind "新认定国家高新技术企业 N 家". The rule:
 * - a qualification record counts in the year of its granted_on (valid_from when no grant date is known);
 * - only first recognitions count (is_new: no earlier record of the same type and level for the enterprise —
 *   a 高企 复审/重新认定 or a re-listed gazelle is not new; see QUALIFICATION is_new in the contract);
 * - revoked records and applications under review never count;
 * - `tier` is a type, or `specialized` (专精特新中小企业 + “小巨人”); `minLevel` keeps that level and above,
 *   `level` exactly one level;
 * - each enterprise counts once, even with several qualifying records (e.g. both 专精特新 and 小巨人 in the year);
 * - `regionCode` keeps enterprises located in that region or below it; `actor` applies the data scope
 *   (absent: the whole database, for the results layer).
 */
export async function countNewQualifications(
  db: Executor,
  args: {
    year: number;
    regionCode?: string;
    tier: CountTier;
    minLevel?: QualificationLevel | null;
    level?: QualificationLevel;
    actor?: Actor;
  },
): Promise<number> {
  const levels = args.level
    ? [args.level]
    : args.minLevel
      ? QUALIFICATION_LEVELS.filter((l) => LEVEL_RANK[l] >= LEVEL_RANK[args.minLevel!])
      : undefined;
  return repo.countNewRecognitions(db, {
    year: args.year,
    types: COUNT_TIER_TYPES[args.tier],
    levels,
    regionCode: args.regionCode,
    actor: args.actor,
  });
}

export async function getCounts(
  deps: Deps,
  actor: Actor,
  q: { year: number; regionCode?: string },
): Promise<Counts> {
  const f = { year: q.year, types: [] as string[], regionCode: q.regionCode, actor };
  const [byTier, byRegion] = await Promise.all([
    repo.newRecognitionsByTierLevel(deps.db, f),
    repo.newRecognitionsByRegion(deps.db, f),
  ]);
  const headline = [];
  for (const h of HEADLINE_COUNTS)
    headline.push({
      ...h,
      count: await countNewQualifications(deps.db, {
        year: q.year,
        regionCode: q.regionCode,
        tier: h.tier,
        minLevel: h.minLevel,
        actor,
      }),
    });
  const rank = (t: string, l: string) => `${t}:${3 - LEVEL_RANK[l as QualificationLevel]}`;
  return {
    year: q.year,
    regionCode: q.regionCode ?? null,
    byTierLevel: byTier
      .map((r) => ({
        tier: r.type as QualificationType,
        level: r.level as QualificationLevel,
        count: Number(r.n),
      }))
      .sort((a, b) => (rank(a.tier, a.level) < rank(b.tier, b.level) ? -1 : 1)),
    byRegion: byRegion.map((r) => ({
      regionCode: r.region_code,
      regionName: r.region_name,
      tier: r.type as QualificationType,
      level: r.level as QualificationLevel,
      count: Number(r.n),
    })),
    headline,
  };
}

export type { CountTier, EligibilityTier };
