import type { Permission } from '../../../../contracts/abilities';
import { PERMISSIONS } from '../../../../contracts/abilities';
import type { Page } from '../../core/listing';
import {
  PROJECT_DOC_TYPES,
  type ConfirmMilestoneInput,
  type ProjectCreate,
  type ProjectDetail,
  type ProjectFlagInput,
  type ProjectListItem,
  type ProjectListQuery,
  type ProjectUpdate,
} from '../../../../contracts/schemas/projects';
import type { AuditEntry } from '../../../../contracts/schemas/audit';
import { can, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
// Lights follow every change of the figures they are computed from (dates, amounts, flags, progress).
import { recomputeProjectLight } from '../lights/lights.service';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { findRegion } from '../regions/regions.service';
import {
  MILESTONE_KEYS,
  actualColumn,
  milestoneLabel,
  plannedColumn,
  type MilestoneKey,
} from './projects.milestones';
import { yearOf } from './projects.progress';
import { presentDetail, presentListItem, type DetailBundle } from './projects.presenter';
import * as repo from './projects.repository';
import { computeStage, satisfiedGroup, violationsOfChange, type StageFacts } from './projects.rules';
import type { ProjectRow, ProjectTable } from './projects.table';
import {
  nameInitials,
  normaliseCreditField,
  normaliseProjectCodes,
  notFoundProblem,
  parseIndustryCode,
  problem,
  searchTextOf,
  type FieldProblem,
} from './projects.validate';

export type Deps = { db: Db };

// ---------------------------------------------------------------- evidence rules

export type ActiveRule = {
  milestone: MilestoneKey;
  requirements: string[][];
  confirmPermission: string;
  active: boolean;
};

export async function loadRules(db: Executor): Promise<Map<string, ActiveRule>> {
  const rows = await repo.listEvidenceRules(db);
  return new Map(
    rows.map((r) => [
      r.milestone,
      {
        milestone: r.milestone as MilestoneKey,
        requirements: JSON.parse(r.requirements) as string[][],
        confirmPermission: r.confirm_permission,
        active: r.active === 1,
      },
    ]),
  );
}

/** "投资协议" / "施工许可证，或 开工报告 + 现场照片" */
export function requirementsText(requirements: string[][]): { zh: string; en: string } {
  const lab = (t: string) =>
    (PROJECT_DOC_TYPES as Record<string, { zh: string; en: string }>)[t] ?? { zh: t, en: t };
  return {
    zh: requirements.map((g) => g.map((t) => lab(t).zh).join(' + ')).join('，或 '),
    en: requirements.map((g) => g.map((t) => lab(t).en).join(' + ')).join(', or '),
  };
}

function gatedProblem(m: MilestoneKey, requirements: string[][], clearing: boolean): FieldProblem {
  const need = requirementsText(requirements);
  const l = milestoneLabel(m);
  if (clearing)
    return {
      field: `milestones.${m}.actualOn`,
      zh: `「${l.zh}」已凭佐证确认，不能直接清除实际日期：请使用“撤销确认”并说明原因`,
      en: `“${l.en}” was confirmed with evidence; its actual date is not cleared by editing: withdraw the confirmation with a reason`,
    };
  return {
    field: `milestones.${m}.actualOn`,
    zh: `「${l.zh}」的实际日期需凭佐证材料确认（需要：${need.zh}）：请上传材料后使用“确认节点”提交，不能直接填写`,
    en: `the actual date of “${l.en}” is set by confirming it with evidence (${need.en}): upload the documents and confirm the milestone instead of typing the date`,
  };
}

// ---------------------------------------------------------------- turning input into columns

export type WriteInput = Partial<Omit<ProjectCreate, 'milestones'>> & {
  milestones?: Partial<Record<MilestoneKey, { plannedOn?: string | null; actualOn?: string | null }>>;
};

export type Prepared = {
  set: Partial<ProjectTable>;
  coUnitIds?: string[];
  /** Gated milestones whose actual date this write sets without evidence (historic import by a rule-set manager). */
  historicActuals: MilestoneKey[];
};

const FIELD_COLUMNS = {
  name: 'name',
  internalId: 'internal_id',
  level: 'level',
  category: 'category',
  constructionNature: 'construction_nature',
  investorName: 'investor_name',
  companyName: 'company_name',
  attractedByUnitId: 'attracted_by_unit_id',
  firstContactUnitId: 'first_contact_unit_id',
  responsibleUnitId: 'responsible_unit_id',
  regionCode: 'region_code',
  zoneUnitId: 'zone_unit_id',
  parkName: 'park_name',
  linkedLeader: 'linked_leader',
  taskForceId: 'task_force_id',
  chainCode: 'chain_code',
  agreedInvestment: 'agreed_investment',
  filedInvestment: 'filed_investment',
  fixedAssetInvestment: 'fixed_asset_investment',
  foreignAmountUsd: 'foreign_amount_usd',
  fxRate: 'fx_rate',
  registeredCapital: 'registered_capital',
  landAreaMu: 'land_area_mu',
  floorAreaM2: 'floor_area_m2',
  expectedOutput: 'expected_output',
  expectedTax: 'expected_tax',
  expectedJobs: 'expected_jobs',
  signingKind: 'signing_kind',
  predecessorProjectId: 'predecessor_project_id',
  description: 'description',
  nextSteps: 'next_steps',
} as const satisfies Partial<Record<keyof WriteInput, keyof ProjectTable>>;

export const factsOf = (row: Partial<ProjectTable>): StageFacts => {
  const dates = row as Record<string, unknown>;
  const actual: Partial<Record<MilestoneKey, string | null>> = {};
  for (const m of MILESTONE_KEYS) actual[m] = (dates[actualColumn(m)] as string | null | undefined) ?? null;
  return {
    actual,
    hasLegalEntity: Boolean(row.company_credit_code || row.investor_credit_code),
    leasedPlant: row.leased_plant === 1,
  };
};

/**
 * Validates an API or import write and maps it to columns. Collects every problem (each naming its field) rather
 * than stopping at the first, so the import can report them all.
 */
export async function prepareWrite(
  db: Executor,
  actor: Actor,
  input: WriteInput,
  before: ProjectRow | null,
  opts: { historicActuals?: boolean; rules?: Map<string, ActiveRule>; deployment?: string[] } = {},
): Promise<
  | { ok: true; prepared: Prepared }
  | { ok: false; problems: FieldProblem[]; duplicate?: { zh: string; en: string } }
> {
  const problems: FieldProblem[] = [];
  let duplicate: { zh: string; en: string } | undefined;
  const set: Partial<ProjectTable> = {};
  const s = set as Record<string, unknown>;
  for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
    const v = (input as Record<string, unknown>)[field];
    if (v !== undefined) s[column] = typeof v === 'string' ? v.trim() || null : v;
  }
  if (input.name !== undefined) {
    set.name = input.name.trim();
    set.name_initials = nameInitials(set.name);
  }
  if (input.foreignInvested !== undefined) set.foreign_invested = input.foreignInvested ? 1 : 0;
  if (input.leasedPlant !== undefined) set.leased_plant = input.leasedPlant ? 1 : 0;
  if (input.signingKind !== undefined) set.signing_kind = input.signingKind;

  // 投资项目代码 (2020 / 2016 by format)
  const codes = normaliseProjectCodes(input.projectCode, input.legacyProjectCode);
  if (!codes.ok) problems.push(codes.problem);
  else {
    if (codes.project_code !== undefined) set.project_code = codes.project_code;
    if (codes.legacy_project_code !== undefined) set.legacy_project_code = codes.legacy_project_code;
    if (set.project_code) {
      const other = await repo.findProjectByCode(db, set.project_code);
      if (other && other.id !== before?.id)
        duplicate = { zh: `投资项目代码（${set.project_code}）`, en: `project code (${set.project_code})` };
    }
  }
  if (set.internal_id) {
    const other = await repo.findProjectByInternalId(db, set.internal_id);
    if (other && other.id !== before?.id)
      duplicate = { zh: `内部编号（${set.internal_id}）`, en: `internal id (${set.internal_id})` };
  }

  // 统一社会信用代码
  for (const field of ['investorCreditCode', 'companyCreditCode'] as const) {
    const c = normaliseCreditField(field, input[field]);
    if (!c.ok) problems.push(c.problem);
    else if (c.value !== undefined)
      set[field === 'investorCreditCode' ? 'investor_credit_code' : 'company_credit_code'] = c.value;
  }

  // location: an existing GB/T 2260 code inside the deployment's city
  if (input.regionCode !== undefined) {
    const region = await findRegion(db, input.regionCode);
    const deployment = opts.deployment ?? (await repo.deploymentRegions(db));
    if (!region) problems.push(notFoundProblem('regionCode', input.regionCode));
    else if (deployment.length && !deployment.some((d) => input.regionCode!.startsWith(regionPrefixOf(d))))
      problems.push(
        problem(
          'regionCode',
          `所在地区“${region.name}（${input.regionCode}）”不在本市（${deployment.join('、')}）范围内`,
          `the location ${region.name} (${input.regionCode}) is outside this deployment's area (${deployment.join(', ')})`,
        ),
      );
  }

  // units
  const unitFields = [
    'responsibleUnitId',
    'attractedByUnitId',
    'firstContactUnitId',
    'zoneUnitId',
    'taskForceId',
  ] as const;
  const wanted = new Set<string>();
  for (const f of unitFields) if (input[f]) wanted.add(input[f]!);
  const coUnitIds = input.coUnitIds ? [...new Set(input.coUnitIds)] : undefined;
  for (const id of coUnitIds ?? []) wanted.add(id);
  if (wanted.size) {
    const found = new Map((await repo.unitsByIds(db, [...wanted])).map((u) => [u.id, u]));
    for (const f of unitFields) {
      const id = input[f];
      if (!id) continue;
      const u = found.get(id);
      if (!u) problems.push(notFoundProblem(f, id));
      else if (f === 'taskForceId' && u.kind !== 'task_force')
        problems.push(problem(f, `“${u.name}”不是专班`, `“${u.name}” is not a task force`));
    }
    for (const id of coUnitIds ?? []) if (!found.has(id)) problems.push(notFoundProblem('coUnitIds', id));
  }

  // GB/T 4754 小类
  if (input.industryCode !== undefined) {
    if (!input.industryCode) set.industry_code = null;
    else {
      const parsed = parseIndustryCode(input.industryCode);
      const row = parsed ? (await repo.industriesByCodes(db, [parsed.code]))[0] : undefined;
      if (!parsed || !row || row.level !== 4)
        problems.push(
          problem(
            'industryCode',
            `国民经济行业“${input.industryCode}”不是 GB/T 4754-2017 的小类代码（4 位数字，如 2761 或 C2761）`,
            `industry “${input.industryCode}” is not a GB/T 4754-2017 class (4 digits, e.g. 2761 or C2761)`,
          ),
        );
      else if (parsed.section && parsed.section !== row.section)
        problems.push(
          problem(
            'industryCode',
            `行业代码 ${input.industryCode} 的门类应为 ${row.section}`,
            `industry code ${input.industryCode} belongs to section ${row.section}`,
          ),
        );
      else set.industry_code = row.code;
    }
  }

  // 产业链
  if (input.chainCode) {
    const chain = await repo.chainByCode(db, input.chainCode);
    if (!chain || (!chain.active && before?.chain_code !== input.chainCode))
      problems.push(notFoundProblem('chainCode', input.chainCode));
  }

  // earlier signing
  if (input.predecessorProjectId) {
    if (input.predecessorProjectId === before?.id)
      problems.push(
        problem('predecessorProjectId', '项目不能关联到它自己', 'a project cannot refer to itself'),
      );
    else if (!(await repo.findProjectScoped(db, actor, input.predecessorProjectId)))
      problems.push(notFoundProblem('predecessorProjectId', input.predecessorProjectId));
  }

  // foreign amounts: the agreed amount in 元 follows the USD amount at the rate used, unless given
  const after = { ...(before ?? {}), ...set } as Partial<ProjectTable>;
  const usd = after.foreign_amount_usd ?? null;
  const fx = after.fx_rate ?? null;
  if (after.foreign_invested === 1 && usd !== null && fx !== null && input.agreedInvestment === undefined) {
    if (
      set.foreign_amount_usd !== undefined ||
      set.fx_rate !== undefined ||
      (after.agreed_investment ?? null) === null
    ) {
      set.agreed_investment = Math.round(Number(usd) * fx);
      after.agreed_investment = set.agreed_investment;
    }
  }
  if (after.foreign_invested === 1 && usd !== null && fx === null)
    problems.push(
      problem(
        'fxRate',
        '填写了外资金额（美元）时需要同时填写签约时的汇率',
        'a foreign amount in USD needs the exchange rate used at signing',
      ),
    );

  // milestones: planned freely; actual only where no evidence rule applies
  const historicActuals: MilestoneKey[] = [];
  if (input.milestones) {
    const rules = opts.rules ?? (await loadRules(db));
    for (const [key, d] of Object.entries(input.milestones) as Array<
      [MilestoneKey, { plannedOn?: string | null; actualOn?: string | null }]
    >) {
      if (!d) continue;
      if (d.plannedOn !== undefined) (set as Record<string, unknown>)[plannedColumn(key)] = d.plannedOn;
      if (d.actualOn !== undefined) {
        const previous = (before as Record<string, unknown> | null)?.[actualColumn(key)] ?? null;
        if (d.actualOn === previous) continue;
        const rule = rules.get(key);
        if (rule?.active && !opts.historicActuals) {
          problems.push(gatedProblem(key, rule.requirements, d.actualOn === null));
          continue;
        }
        if (rule?.active && d.actualOn) historicActuals.push(key);
        (set as Record<string, unknown>)[actualColumn(key)] = d.actualOn;
      }
    }
  }

  // stage rules on the resulting state
  const merged = { ...(before ?? {}), ...set } as Partial<ProjectTable>;
  for (const v of violationsOfChange(before ? factsOf(before) : null, factsOf(merged), todayCst()))
    problems.push({ field: `milestones.${v.milestone}.actualOn`, zh: v.zh, en: v.en });
  set.stage = computeStage(factsOf(merged).actual);
  if (before && ['name', 'project_code', 'legacy_project_code', 'internal_id'].some((k) => k in set))
    set.search_text = searchTextOf(merged as ProjectTable);

  if (problems.length || duplicate) return { ok: false, problems, duplicate };
  return { ok: true, prepared: { set, coUnitIds, historicActuals } };
}

const regionPrefixOf = (code: string) =>
  code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;

function failWrite(r: { problems: FieldProblem[]; duplicate?: { zh: string; en: string } }): never {
  if (r.duplicate) throw new AppError('DUPLICATE', { detail: r.duplicate }, { problems: r.problems });
  const zh = r.problems.map((p) => p.zh).join('；');
  const en = r.problems.map((p) => p.en).join('; ');
  throw ruleViolation(zh, en, { field: r.problems[0]?.field, problems: r.problems });
}

export function emptyProject(id: string, at: string): ProjectTable {
  const row: Record<string, unknown> = {
    id,
    region_code: '',
    internal_id: '',
    name: '',
    name_initials: '',
    search_text: '',
    project_code: null,
    legacy_project_code: null,
    level: 'municipal',
    category: 'industrial',
    construction_nature: null,
    foreign_invested: 0,
    investor_name: null,
    investor_credit_code: null,
    company_name: null,
    company_credit_code: null,
    attracted_by_unit_id: null,
    first_contact_unit_id: null,
    responsible_unit_id: '',
    zone_unit_id: null,
    park_name: null,
    linked_leader: null,
    task_force_id: null,
    industry_code: null,
    chain_code: null,
    agreed_investment: null,
    filed_investment: null,
    fixed_asset_investment: null,
    foreign_amount_usd: null,
    fx_rate: null,
    registered_capital: null,
    land_area_mu: null,
    floor_area_m2: null,
    expected_output: null,
    expected_tax: null,
    expected_jobs: null,
    leased_plant: 0,
    signing_kind: 'new',
    predecessor_project_id: null,
    stage: 0,
    terminated: 0,
    terminated_reason: null,
    terminated_by: null,
    terminated_approver: null,
    terminated_on: null,
    suspended: 0,
    suspended_reason: null,
    suspended_by: null,
    suspended_approver: null,
    suspended_on: null,
    light: null,
    light_since: null,
    physical_progress_pct: null,
    physical_progress_text: null,
    description: null,
    next_steps: null,
    created_by: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  for (const m of MILESTONE_KEYS) {
    row[plannedColumn(m)] = null;
    row[actualColumn(m)] = null;
  }
  return row as ProjectTable;
}

export const generateInternalId = (id: string, at: string) =>
  `XM-${at.slice(0, 4)}-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;

/** A new row from prepared columns: defaults, a generated internal id when none was given, the search text. */
export function newProjectRow(
  id: string,
  at: string,
  set: Partial<ProjectTable>,
  createdBy: string | null,
): ProjectTable {
  const row: ProjectTable = { ...emptyProject(id, at), ...set, created_by: createdBy };
  if (!row.internal_id) row.internal_id = generateInternalId(id, at);
  row.search_text = searchTextOf(row);
  return row;
}

// ---------------------------------------------------------------- reads

export async function loadDetail(db: Executor, actor: Actor, row: ProjectRow): Promise<ProjectDetail> {
  const unitIds = [
    row.attracted_by_unit_id,
    row.first_contact_unit_id,
    row.responsible_unit_id,
    row.zone_unit_id,
    row.task_force_id,
  ].filter((x): x is string => Boolean(x));
  const units = new Map((await repo.unitsByIds(db, [...new Set(unitIds)])).map((u) => [u.id, u.name]));
  const region = (await repo.regionsByCodes(db, [row.region_code]))[0];
  const chain = row.chain_code ? await repo.chainByCode(db, row.chain_code) : undefined;
  let industry: ProjectDetail['industry'] = null;
  if (row.industry_code) {
    const c = row.industry_code;
    const path = new Map(
      (await repo.industriesByCodes(db, [c, c.slice(0, 3), c.slice(0, 2)])).map((r) => [r.code, r]),
    );
    const leaf = path.get(c);
    if (leaf) {
      const section = (await repo.industriesByCodes(db, [leaf.section]))[0];
      const cn = (code: string) => (path.get(code) ? { code, name: path.get(code)!.name } : null);
      industry = {
        section: { code: leaf.section, name: section?.name ?? leaf.section },
        division: cn(c.slice(0, 2)),
        group: cn(c.slice(0, 3)),
        class: { code: c, name: leaf.name },
      };
    }
  }
  const rules = await loadRules(db);
  const latestMonthly = (await repo.latestMonthlyOf(db, row.id)) ?? null;
  const planYear = latestMonthly ? yearOf(latestMonthly.month) : Number(todayCst().slice(0, 4));
  const bundle: DetailBundle = {
    row,
    today: todayCst(),
    names: {
      region: region?.name ?? null,
      attractedBy: row.attracted_by_unit_id ? (units.get(row.attracted_by_unit_id) ?? null) : null,
      firstContact: row.first_contact_unit_id ? (units.get(row.first_contact_unit_id) ?? null) : null,
      responsible: units.get(row.responsible_unit_id) ?? null,
      zone: row.zone_unit_id ? (units.get(row.zone_unit_id) ?? null) : null,
      taskForce: row.task_force_id ? (units.get(row.task_force_id) ?? null) : null,
      chain: chain?.name ?? null,
    },
    coUnits: await repo.coUnitsOf(db, row.id),
    industry,
    rules: new Map([...rules].map(([k, r]) => [k, { requirements: r.requirements, active: r.active }])),
    confirmations: await repo.confirmationsOf(db, row.id),
    latestMonthly,
    plan: (await repo.planOf(db, row.id, planYear)) ?? null,
    planYear,
  };
  return presentDetail(actor, bundle);
}

/** The project, if the actor may read it; otherwise NOT_FOUND (the same answer as for a missing one). */
export async function readableProject(db: Executor, actor: Actor, id: string): Promise<ProjectRow> {
  requirePermission(actor, 'project:read');
  const row = await repo.findProjectScoped(db, actor, id);
  if (!row) throw notFound();
  return row;
}

export async function getProject(deps: Deps, actor: Actor, id: string): Promise<ProjectDetail> {
  return loadDetail(deps.db, actor, await readableProject(deps.db, actor, id));
}

const SORTS = {
  name: 'name',
  agreedInvestment: 'agreed_investment',
  signedOn: 'actual_signed_on',
  startedOn: 'actual_started_on',
  updatedAt: 'updated_at',
  stage: 'stage',
} as const;

export const sortOf = (sort: string | undefined) =>
  parseSort(sort, SORTS, { column: 'updated_at', desc: true });

export async function listProjects(
  deps: Deps,
  actor: Actor,
  q: ProjectListQuery,
): Promise<Page<ProjectListItem>> {
  requirePermission(actor, 'project:read');
  const total = await repo.countProjects(deps.db, actor, q);
  const rows =
    total === 0
      ? []
      : await repo.listProjectPage(deps.db, actor, q, {
          limit: q.pageSize,
          offset: offsetOf(q.page, q.pageSize),
          sort: sortOf(q.sort),
        });
  return { data: rows.map((r) => presentListItem(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function projectHistory(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { page: number; pageSize: number },
): Promise<Page<AuditEntry>> {
  await readableProject(deps.db, actor, id);
  const { rows, total } = await repo.historyOf(deps.db, id, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  return {
    data: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: null,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      regionCode: r.region_code,
      changes: JSON.parse(r.changes) as AuditEntry['changes'],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------- writes

/** Audit snapshot: the row plus its co-units. */
const snapshot = (row: Partial<ProjectTable>, coUnitIds?: string[]) => ({
  ...row,
  ...(coUnitIds ? { co_unit_ids: coUnitIds } : {}),
});

/** Refuses a write that would leave the record outside the actor's own data scope. */
async function assertStillVisible(trx: Executor, actor: Actor, id: string) {
  if (!(await repo.findProjectScoped(trx, actor, id))) throw new AppError('FORBIDDEN');
}

export async function createProject(deps: Deps, actor: Actor, input: ProjectCreate): Promise<ProjectDetail> {
  requirePermission(actor, 'project:create');
  return deps.db.transaction().execute(async (trx) => {
    const r = await prepareWrite(trx, actor, input, null);
    if (!r.ok) failWrite(r);
    const at = nowIso();
    const id = newId();
    const row = newProjectRow(id, at, r.prepared.set, actor.userId);
    await repo.insertProject(trx, row);
    if (r.prepared.coUnitIds?.length) await repo.replaceCoUnits(trx, id, r.prepared.coUnitIds);
    await assertStillVisible(trx, actor, id);
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: 'create',
      regionCode: row.region_code,
      after: snapshot(row, r.prepared.coUnitIds),
    });
    await recomputeProjectLight(trx, id, actor);
    return loadDetail(trx, actor, (await repo.findProject(trx, id))!);
  });
}

async function conflict(trx: Executor, actor: Actor, id: string): Promise<never> {
  const current = await repo.findProject(trx, id);
  throw new AppError(
    'VERSION_CONFLICT',
    { version: current?.version },
    { current: current ? await loadDetail(trx, actor, current) : null },
  );
}

export async function updateProject(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ProjectUpdate,
): Promise<ProjectDetail> {
  requirePermission(actor, 'project:update');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findProjectScoped(trx, actor, id);
    if (!before) throw notFound();
    if (before.version !== input.version) return conflict(trx, actor, id);
    const { version: _v, ...fields } = input;
    const r = await prepareWrite(trx, actor, fields, before);
    if (!r.ok) failWrite(r);
    const set = { ...r.prepared.set, updated_at: nowIso() };
    if (!(await repo.updateProject(trx, id, input.version, set))) return conflict(trx, actor, id);
    const coBefore = r.prepared.coUnitIds ? (await repo.coUnitsOf(trx, id)).map((u) => u.id) : undefined;
    if (r.prepared.coUnitIds) await repo.replaceCoUnits(trx, id, r.prepared.coUnitIds);
    if (set.region_code && set.region_code !== before.region_code)
      await repo.setMonthlyRegion(trx, id, set.region_code);
    await assertStillVisible(trx, actor, id);
    const after = (await repo.findProject(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: snapshot(before, coBefore),
      after: snapshot(after, r.prepared.coUnitIds),
    });
    await recomputeProjectLight(trx, id, actor);
    return loadDetail(trx, actor, (await repo.findProject(trx, id))!);
  });
}

function isForeignKeyError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === '23503' ||
    e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    /FOREIGN KEY constraint/i.test(e?.message ?? '')
  );
}

export async function deleteProject(deps: Deps, actor: Actor, id: string, version?: number): Promise<void> {
  requirePermission(actor, 'project:delete');
  try {
    await deps.db.transaction().execute(async (trx) => {
      const before = await repo.findProjectScoped(trx, actor, id);
      if (!before) throw notFound();
      if (version !== undefined && before.version !== version) await conflict(trx, actor, id);
      // A project others have worked on is ended (终止), not erased: its problems, meeting items and evidence stay.
      const refs = await repo.countProjectReferences(trx, id);
      if (refs.problems + refs.meetingItems + refs.attachments > 0)
        throw new AppError('IN_USE', {
          detail: {
            zh: `该项目已有 ${refs.problems} 个问题、${refs.meetingItems} 条调度会议题、${refs.attachments} 个附件，不能删除；如不再推进，请将项目标记为“终止”`,
            en: `the project has ${refs.problems} problem(s), ${refs.meetingItems} meeting item(s) and ${refs.attachments} attachment(s) and cannot be deleted; mark it terminated instead`,
          },
        });
      await repo.deleteProject(trx, id);
      await recordAudit(trx, actor, {
        entity: 'project',
        entityId: id,
        action: 'delete',
        regionCode: before.region_code,
        before: snapshot(before),
      });
    });
  } catch (err) {
    if (isForeignKeyError(err))
      throw new AppError('IN_USE', {
        detail: {
          zh: '该项目仍被其他记录（问题、调度会等）引用',
          en: 'other records (problems, meetings …) still refer to this project',
        },
      });
    throw err;
  }
}

/** 终止 / 暂缓 / 恢复: orthogonal flags with reason, approver and date. */
export async function setProjectFlag(
  deps: Deps,
  actor: Actor,
  id: string,
  op: 'terminate' | 'suspend' | 'resume',
  input: ProjectFlagInput,
): Promise<ProjectDetail> {
  requirePermission(actor, 'project:update');
  const today = todayCst();
  const on = input.on ?? today;
  if (on > today)
    throw ruleViolation(
      `日期（${on}）不能晚于今天（${today}）`,
      `the date (${on}) cannot be in the future (today is ${today})`,
      { field: 'on' },
    );
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findProjectScoped(trx, actor, id);
    if (!before) throw notFound();
    if (before.version !== input.version) return conflict(trx, actor, id);
    const approver = input.approver?.trim() || null;
    let set: Partial<ProjectTable>;
    if (op === 'terminate') {
      if (before.terminated) throw ruleViolation('项目已终止', 'the project is already terminated');
      set = {
        terminated: 1,
        terminated_reason: input.reason,
        terminated_approver: approver,
        terminated_by: actor.userId,
        terminated_on: on,
      };
    } else if (op === 'suspend') {
      if (before.terminated)
        throw ruleViolation('已终止的项目不能暂缓', 'a terminated project cannot be suspended');
      if (before.suspended) throw ruleViolation('项目已暂缓', 'the project is already suspended');
      set = {
        suspended: 1,
        suspended_reason: input.reason,
        suspended_approver: approver,
        suspended_by: actor.userId,
        suspended_on: on,
      };
    } else {
      if (!before.suspended && !before.terminated)
        throw ruleViolation('项目未终止或暂缓，无需恢复', 'the project is neither terminated nor suspended');
      set = {
        suspended: 0,
        suspended_reason: null,
        suspended_approver: null,
        suspended_by: null,
        suspended_on: null,
        terminated: 0,
        terminated_reason: null,
        terminated_approver: null,
        terminated_by: null,
        terminated_on: null,
      };
    }
    if (!(await repo.updateProject(trx, id, input.version, { ...set, updated_at: nowIso() })))
      return conflict(trx, actor, id);
    const after = (await repo.findProject(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: snapshot(before),
      after: snapshot(after),
      payload: { op, reason: input.reason, approver, on },
    });
    await recomputeProjectLight(trx, id, actor);
    return loadDetail(trx, actor, (await repo.findProject(trx, id))!);
  });
}

// ---------------------------------------------------------------- evidence-gated milestones

async function gatedRule(trx: Executor, milestone: MilestoneKey) {
  const rule = (await loadRules(trx)).get(milestone);
  if (!rule?.active) {
    const l = milestoneLabel(milestone);
    throw ruleViolation(
      `「${l.zh}」没有佐证规则，请直接编辑其实际日期`,
      `“${l.en}” has no evidence rule; edit its actual date directly`,
      { milestone },
    );
  }
  return rule;
}

function requireRulePermission(actor: Actor, permission: string) {
  if (!(PERMISSIONS as readonly string[]).includes(permission) || !can(actor, permission as Permission))
    throw new AppError('FORBIDDEN');
}

/**
 * Sets a gated milestone's actual date on evidence: the attachments must belong to this project and their document
 * types must satisfy one requirement group of the rule; records who confirmed it, when, and on which documents.
 */
export async function confirmMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  milestone: MilestoneKey,
  input: ConfirmMilestoneInput,
): Promise<ProjectDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findProjectScoped(trx, actor, id);
    if (!before) throw notFound();
    const rule = await gatedRule(trx, milestone);
    requireRulePermission(actor, rule.confirmPermission);
    if (input.version !== undefined && before.version !== input.version) return conflict(trx, actor, id);
    const l = milestoneLabel(milestone);
    const ids = [...new Set(input.attachmentIds)];
    const attachments = await repo.attachmentsByIds(trx, ids);
    const foreign = ids.filter(
      (aid) => !attachments.some((a) => a.id === aid && a.entity === 'project' && a.entity_id === id),
    );
    if (foreign.length)
      throw ruleViolation(
        `附件 ${foreign.join('、')} 不存在或不属于本项目`,
        `attachment(s) ${foreign.join(', ')} do not exist or do not belong to this project`,
        { field: 'attachmentIds', attachmentIds: foreign },
      );
    const types = new Set(attachments.map((a) => a.doc_type));
    const group = satisfiedGroup(rule.requirements, types);
    if (!group) {
      const need = requirementsText(rule.requirements);
      throw ruleViolation(
        `确认「${l.zh}」需要佐证材料：${need.zh}（已提供：${[...types].map((t) => (PROJECT_DOC_TYPES as Record<string, { zh: string }>)[t]?.zh ?? t).join('、') || '无'}）`,
        `confirming “${l.en}” needs evidence: ${need.en} (given: ${[...types].join(', ') || 'none'})`,
        { field: 'attachmentIds', requirements: rule.requirements },
      );
    }
    const set: Partial<ProjectTable> = { [actualColumn(milestone)]: input.actualOn } as Partial<ProjectTable>;
    const merged = { ...before, ...set };
    const violations = violationsOfChange(factsOf(before), factsOf(merged), todayCst());
    if (violations.length)
      throw ruleViolation(violations.map((v) => v.zh).join('；'), violations.map((v) => v.en).join('; '), {
        field: 'actualOn',
        violations,
      });
    set.stage = computeStage(factsOf(merged).actual);
    const at = nowIso();
    if (!(await repo.updateProject(trx, id, before.version, { ...set, updated_at: at })))
      return conflict(trx, actor, id);
    const confirmationId = newId();
    await repo.insertConfirmation(trx, {
      id: confirmationId,
      project_id: id,
      milestone,
      actual_on: input.actualOn,
      attachment_ids: JSON.stringify(ids),
      note: input.note ?? null,
      source: 'evidence',
      confirmed_by: actor.userId ?? actor.username,
      confirmed_at: at,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    const after = (await repo.findProject(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: 'confirm',
      regionCode: after.region_code,
      before: { [actualColumn(milestone)]: before[actualColumn(milestone)], stage: before.stage },
      after: { [actualColumn(milestone)]: input.actualOn, stage: after.stage },
      payload: {
        milestone,
        confirmation: confirmationId,
        attachmentIds: ids,
        docTypes: [...group],
        note: input.note ?? null,
      },
    });
    await recomputeProjectLight(trx, id, actor);
    return loadDetail(trx, actor, (await repo.findProject(trx, id))!);
  });
}

/** Withdraws a confirmed milestone (a wrong date or evidence): clears its actual date, keeps the confirmation as revoked. */
export async function revokeMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  milestone: MilestoneKey,
  input: { reason: string; version?: number },
): Promise<ProjectDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findProjectScoped(trx, actor, id);
    if (!before) throw notFound();
    const rule = await gatedRule(trx, milestone);
    requireRulePermission(actor, rule.confirmPermission);
    if (input.version !== undefined && before.version !== input.version) return conflict(trx, actor, id);
    const l = milestoneLabel(milestone);
    if (!before[actualColumn(milestone)])
      throw ruleViolation(`「${l.zh}」尚未确认`, `“${l.en}” is not confirmed`, { milestone });
    const set = { [actualColumn(milestone)]: null } as Partial<ProjectTable>;
    const merged = { ...before, ...set };
    const violations = violationsOfChange(factsOf(before), factsOf(merged), todayCst());
    if (violations.length)
      throw ruleViolation(violations.map((v) => v.zh).join('；'), violations.map((v) => v.en).join('; '), {
        violations,
      });
    set.stage = computeStage(factsOf(merged).actual);
    const at = nowIso();
    if (!(await repo.updateProject(trx, id, before.version, { ...set, updated_at: at })))
      return conflict(trx, actor, id);
    await repo.revokeConfirmations(trx, id, milestone, actor.userId ?? actor.username, at, input.reason);
    const after = (await repo.findProject(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: { [actualColumn(milestone)]: before[actualColumn(milestone)], stage: before.stage },
      after: { [actualColumn(milestone)]: null, stage: after.stage },
      payload: { op: 'revoke_milestone', milestone, reason: input.reason },
    });
    await recomputeProjectLight(trx, id, actor);
    return loadDetail(trx, actor, (await repo.findProject(trx, id))!);
  });
}
