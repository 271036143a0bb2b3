import {
  CONSTRUCTION_NATURES,
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  type MilestoneKey,
} from '../../../../contracts/schemas/projects';
import { checkCreditCode } from '../../../../contracts/validators/credit-code';
import { checkProjectCode } from '../../../../contracts/validators/project-code';
import { can, type Actor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { newId } from '../../core/ids';
import type { LedgerImporter } from '../../core/excel/ledger';
import {
  CellError,
  type ColumnDef,
  type EnumOption,
  type ImportError,
  type LedgerMap,
  type ParsedRow,
} from '../../core/excel/types';
import type { Db, Executor } from '../../db/database';
import { actualColumn, plannedColumn } from './projects.milestones';
import * as repo from './projects.repository';
import { loadRules, newProjectRow, prepareWrite, type WriteInput } from './projects.service';
import type { ProjectRow, ProjectTable } from './projects.table';
import { parseIndustryCode } from './projects.validate';

/**
 * The project ledger's Excel column map (Chinese headers with the aliases people use) and its upsert: idempotent by
 * business key (投资项目代码, else 项目名称 + 所在县区), scope-checked per row, stage rules and evidence gates applied.
 *
 * Evidence gates on import: an import never sets the actual date of an evidence-gated milestone (签约, 备案, 供地,
 * 开工, 竣工, 投产 by default) that the project does not already have — the row is reported with a message to
 * confirm the milestone with its evidence — unless the importing user holds `ruleset:manage`: then the date is taken as
 * historic (e.g. migrating last year's sheet) and recorded as a milestone confirmation with source `import`. An empty
 * cell never clears a confirmed milestone.
 */
export type ProjectImportRow = {
  name: string;
  projectCode: string | null;
  internalId: string | null;
  region: string;
  responsibleUnit: string;
  zoneUnit: string | null;
  parkName: string | null;
  level: string;
  category: string;
  constructionNature: string | null;
  investorName: string | null;
  investorCreditCode: string | null;
  companyName: string | null;
  companyCreditCode: string | null;
  industryCode: string | null;
  chain: string | null;
  linkedLeader: string | null;
  foreignInvested: boolean | null;
  foreignAmountUsd: number | null;
  fxRate: number | null;
  agreedInvestment: number | null;
  filedInvestment: number | null;
  fixedAssetInvestment: number | null;
  landAreaMu: number | null;
  leasedPlant: boolean | null;
  expectedOutput: number | null;
  expectedTax: number | null;
  expectedJobs: number | null;
  plannedSignedOn: string | null;
  actualSignedOn: string | null;
  plannedFiledOn: string | null;
  actualFiledOn: string | null;
  plannedLandSuppliedOn: string | null;
  actualLandSuppliedOn: string | null;
  plannedPermittedOn: string | null;
  actualPermittedOn: string | null;
  plannedStartedOn: string | null;
  actualStartedOn: string | null;
  plannedCompletedOn: string | null;
  actualCompletedOn: string | null;
  plannedInOperationOn: string | null;
  actualInOperationOn: string | null;
  planYear: number | null;
  annualPlanInvestment: number | null;
  physicalProgressText: string | null;
  nextSteps: string | null;
};

const options = (
  list: ReadonlyArray<{ value: string; zh: string; en: string }>,
  aliases: Record<string, string[]> = {},
): EnumOption[] => list.map((o) => ({ value: o.value, zh: o.zh, en: o.en, aliases: aliases[o.value] }));

const text = (
  key: keyof ProjectImportRow & string,
  zh: string,
  en: string,
  extra: Partial<ColumnDef<ProjectImportRow>> = {},
): ColumnDef<ProjectImportRow> => ({
  key,
  header: { zh, en },
  kind: 'text',
  ...extra,
});

/** The milestones the ledger sheet carries, as (column key prefix, milestone, zh label). */
const SHEET_MILESTONES: Array<{ suffix: string; milestone: MilestoneKey; zh: string; en: string }> = [
  { suffix: 'SignedOn', milestone: 'signed', zh: '签约', en: 'signing' },
  { suffix: 'FiledOn', milestone: 'filed', zh: '备案', en: 'filing' },
  { suffix: 'LandSuppliedOn', milestone: 'land_supplied', zh: '供地', en: 'land supply' },
  { suffix: 'PermittedOn', milestone: 'permitted', zh: '施工许可', en: 'construction permit' },
  { suffix: 'StartedOn', milestone: 'started', zh: '开工', en: 'groundbreaking' },
  { suffix: 'CompletedOn', milestone: 'completed', zh: '竣工', en: 'completion' },
  { suffix: 'InOperationOn', milestone: 'in_operation', zh: '投产', en: 'production start' },
];

function dateColumns(): ColumnDef<ProjectImportRow>[] {
  return SHEET_MILESTONES.flatMap((m) => [
    {
      key: `planned${m.suffix}` as keyof ProjectImportRow & string,
      header: { zh: `计划${m.zh}日期`, en: `Planned ${m.en} date` },
      aliases: [`计划${m.zh}时间`, `${m.zh}计划日期`, `${m.zh}计划时间`],
      kind: 'date' as const,
    },
    {
      key: `actual${m.suffix}` as keyof ProjectImportRow & string,
      header: { zh: `实际${m.zh}日期`, en: `Actual ${m.en} date` },
      aliases: [`实际${m.zh}时间`, `${m.zh}日期`, `${m.zh}时间`],
      kind: 'date' as const,
    },
  ]);
}

export const PROJECT_COLUMNS: ColumnDef<ProjectImportRow>[] = [
  text('name', '项目名称', 'Project name', {
    aliases: ['项目名', '项目名称（全称）', '项目全称'],
    required: true,
    width: 36,
  }),
  text('projectCode', '投资项目代码', 'Investment project code', {
    aliases: ['项目代码', '赋码', '备案代码', '统一项目代码'],
    width: 28,
    note: {
      zh: '2020 版 24 位（如 2306-320924-89-02-799920）或 2016 版代码',
      en: '2020 format (24 characters) or the 2016 format',
    },
    parse: (v) => {
      if (v === null || v === undefined || v === '') return null;
      const c = checkProjectCode(String(v));
      if (!c.valid)
        throw new CellError({
          zh: `投资项目代码“${v}”格式无效`,
          en: `invalid investment project code “${v}”`,
        });
      return c.normalised;
    },
  }),
  text('internalId', '内部编号', 'Internal id', { aliases: ['台账编号', '序号编码', '项目编号'] }),
  text('region', '所在县区', 'District', {
    aliases: ['所在地区', '县区', '板块', '属地', '所在板块', '县（市、区）', '行政区划代码'],
    required: true,
    note: { zh: '县区名称或行政区划代码（如 丹阳市 或 321181）', en: 'district name or GB/T 2260 code' },
  }),
  text('responsibleUnit', '责任单位', 'Responsible unit', {
    aliases: ['牵头单位', '责任主体', '主体责任单位'],
    required: true,
    note: { zh: '单位全称、简称或编码', en: 'unit name, short name or code' },
  }),
  text('zoneUnit', '所在园区', 'Development zone', { aliases: ['所在开发区', '园区', '开发区'] }),
  text('parkName', '功能园区', 'Park', { aliases: ['园中园', '所在功能园区'] }),
  {
    key: 'level',
    header: { zh: '项目级别', en: 'Level' },
    aliases: ['级别', '项目层级'],
    kind: 'enum',
    required: true,
    options: options(PROJECT_LEVELS, {
      provincial: ['省级重大', '省重大项目', '省级'],
      municipal: ['市级重大', '市重大项目', '市级'],
      county: ['县区重点', '区级重点', '县级'],
      park: ['园区级'],
    }),
  },
  {
    key: 'category',
    header: { zh: '项目类别', en: 'Category' },
    aliases: ['类别', '项目类型'],
    kind: 'enum',
    required: true,
    options: options(PROJECT_CATEGORIES, {
      industrial: ['产业', '产业项目', '工业', '工业项目', '制造业'],
      infrastructure: ['基础设施类'],
      livelihood: ['民生', '社会事业'],
      innovation: ['科创平台', '科技平台'],
      service: ['服务业'],
    }),
  },
  {
    key: 'constructionNature',
    header: { zh: '建设性质', en: 'Construction nature' },
    kind: 'enum',
    options: options(CONSTRUCTION_NATURES, { tech_upgrade: ['技改'], new: ['新建项目'] }),
  },
  text('investorName', '投资方', 'Investor', { aliases: ['投资主体', '投资单位', '母公司'] }),
  text('investorCreditCode', '投资方统一社会信用代码', 'Investor credit code', {
    aliases: ['投资方信用代码', '投资主体统一社会信用代码'],
    parse: creditParse('投资方统一社会信用代码', 'investor credit code'),
  }),
  text('companyName', '项目公司', 'Project company', { aliases: ['建设单位', '项目单位', '项目法人'] }),
  text('companyCreditCode', '项目公司统一社会信用代码', 'Company credit code', {
    aliases: ['建设单位统一社会信用代码', '项目单位统一社会信用代码', '统一社会信用代码'],
    parse: creditParse('项目公司统一社会信用代码', 'company credit code'),
  }),
  text('industryCode', '国民经济行业代码', 'Industry code (GB/T 4754)', {
    aliases: ['行业代码', '国民经济行业分类代码', '所属行业代码'],
    note: { zh: 'GB/T 4754-2017 小类，如 C2761 或 2761', en: 'GB/T 4754-2017 class, e.g. C2761 or 2761' },
    parse: (v) => {
      if (v === null || v === undefined || v === '') return null;
      if (!parseIndustryCode(String(v)))
        throw new CellError({
          zh: `行业代码“${v}”应为 4 位小类代码（如 C2761）`,
          en: `industry code “${v}” must be a 4-digit class (e.g. C2761)`,
        });
      return String(v).trim().toUpperCase();
    },
  }),
  text('chain', '产业链', 'Industrial chain', { aliases: ['所属产业链', '产业集群'] }),
  text('linkedLeader', '挂钩市领导', 'Linked city leader', {
    aliases: ['挂钩领导', '包联市领导', '联系市领导'],
  }),
  {
    key: 'foreignInvested',
    header: { zh: '是否外资', en: 'Foreign-invested' },
    aliases: ['外资项目'],
    kind: 'boolean',
  },
  {
    key: 'foreignAmountUsd',
    header: { zh: '外资金额（万美元）', en: 'Foreign amount (10k USD)' },
    aliases: ['协议外资（万美元）', '外资（万美元）'],
    kind: 'decimal',
    parse: (v) => (v === null || v === undefined ? null : Math.round(Number(v) * 10000)),
    format: (r) => (r.foreignAmountUsd === null ? null : r.foreignAmountUsd / 10000),
  },
  { key: 'fxRate', header: { zh: '签约汇率', en: 'FX rate at signing' }, aliases: ['汇率'], kind: 'decimal' },
  {
    key: 'agreedInvestment',
    header: { zh: '协议投资额（万元）', en: 'Agreed investment (10k CNY)' },
    aliases: ['协议投资额', '总投资', '计划总投资', '签约投资额', '协议总投资'],
    kind: 'money',
    moneyUnit: '万元',
  },
  {
    key: 'filedInvestment',
    header: { zh: '备案总投资（万元）', en: 'Filed investment (10k CNY)' },
    aliases: ['备案投资额', '备案总投资'],
    kind: 'money',
    moneyUnit: '万元',
  },
  {
    key: 'fixedAssetInvestment',
    header: { zh: '固定资产投资（万元）', en: 'Fixed-asset investment (10k CNY)' },
    aliases: ['固定资产投资'],
    kind: 'money',
    moneyUnit: '万元',
  },
  {
    key: 'landAreaMu',
    header: { zh: '用地面积（亩）', en: 'Land area (mu)' },
    aliases: ['用地（亩）', '占地面积（亩）', '用地面积'],
    kind: 'decimal',
  },
  {
    key: 'leasedPlant',
    header: { zh: '是否租赁厂房', en: 'Leased plant' },
    aliases: ['租赁厂房'],
    kind: 'boolean',
  },
  {
    key: 'expectedOutput',
    header: { zh: '预计达产产值（万元）', en: 'Expected output (10k CNY)' },
    aliases: ['达产产值', '预计产值'],
    kind: 'money',
    moneyUnit: '万元',
  },
  {
    key: 'expectedTax',
    header: { zh: '预计达产税收（万元）', en: 'Expected tax (10k CNY)' },
    aliases: ['达产税收', '预计税收'],
    kind: 'money',
    moneyUnit: '万元',
  },
  {
    key: 'expectedJobs',
    header: { zh: '预计就业人数', en: 'Expected jobs' },
    aliases: ['就业人数', '新增就业'],
    kind: 'integer',
  },
  ...dateColumns(),
  { key: 'planYear', header: { zh: '计划年度', en: 'Plan year' }, aliases: ['年度'], kind: 'integer' },
  {
    key: 'annualPlanInvestment',
    header: { zh: '年度计划投资（万元）', en: 'Annual plan investment (10k CNY)' },
    aliases: ['年度计划投资', '年度计划', '本年计划投资'],
    kind: 'money',
    moneyUnit: '万元',
  },
  text('physicalProgressText', '形象进度', 'Physical progress', {
    aliases: ['工程形象进度', '项目进展', '进展情况'],
    width: 40,
  }),
  text('nextSteps', '下一步计划', 'Next steps', { aliases: ['下步计划', '下一步工作'], width: 30 }),
];

function creditParse(zh: string, en: string) {
  return (v: unknown) => {
    if (v === null || v === undefined || v === '') return null;
    const c = checkCreditCode(String(v));
    if (!c.valid)
      throw new CellError({
        zh: `${zh}“${v}”无效（${c.reason === 'check' ? '校验位不符' : '格式不符'}）`,
        en: `invalid ${en} “${v}”`,
      });
    return String(v).trim().toUpperCase();
  };
}

const normKey = (s: string) => s.replace(/\s+/g, '');

export const projectLedgerMap: LedgerMap<ProjectImportRow> = {
  id: 'projects',
  title: { zh: '重大项目台账', en: 'Major project ledger' },
  sheetName: { zh: '重大项目', en: 'Projects' },
  columns: PROJECT_COLUMNS,
  businessKey: (row) => {
    if (row.projectCode) return `code:${row.projectCode}`;
    if (row.name && row.region) return `name:${normKey(row.name)}|${normKey(row.region)}`;
    return null;
  },
};

// ---------------------------------------------------------------- upsert

/** Which column an API field's problem belongs to. */
const FIELD_TO_COLUMN: Record<string, keyof ProjectImportRow> = {
  name: 'name',
  projectCode: 'projectCode',
  legacyProjectCode: 'projectCode',
  internalId: 'internalId',
  regionCode: 'region',
  responsibleUnitId: 'responsibleUnit',
  zoneUnitId: 'zoneUnit',
  investorCreditCode: 'investorCreditCode',
  companyCreditCode: 'companyCreditCode',
  industryCode: 'industryCode',
  chainCode: 'chain',
  foreignAmountUsd: 'foreignAmountUsd',
  fxRate: 'fxRate',
  ...Object.fromEntries(
    SHEET_MILESTONES.flatMap((m) => [
      [`milestones.${m.milestone}.actualOn`, `actual${m.suffix}`],
      [`milestones.${m.milestone}.plannedOn`, `planned${m.suffix}`],
    ]),
  ),
};

const headerOf = (key: string, locale: Actor['locale']) => {
  const col = PROJECT_COLUMNS.find((c) => c.key === key);
  return col ? (locale === 'en' ? col.header.en : col.header.zh) : key;
};

type Lookup = {
  regions: Array<{ code: string; name: string }>;
  units: Array<{ id: string; name: string; short_name: string | null; code: string | null; kind: string }>;
  chains: Array<{ code: string; name: string }>;
};

function matchRegion(l: Lookup, raw: string) {
  const t = normKey(raw);
  const exact = l.regions.find((r) => r.code === t || r.name === t);
  if (exact) return exact;
  const partial = l.regions.filter((r) => r.name.startsWith(t) || t.startsWith(r.name));
  return partial.length === 1 ? partial[0] : undefined;
}

function matchUnit(l: Lookup, raw: string) {
  const t = normKey(raw);
  const hits = l.units.filter((u) => u.name === t || u.short_name === t || u.code === t);
  return hits.length === 1 ? hits[0] : undefined;
}

const matchChain = (l: Lookup, raw: string) => {
  const t = normKey(raw);
  return l.chains.find((c) => c.code === t || c.name === t);
};

function toWriteInput(
  v: Partial<ProjectImportRow>,
  ids: {
    regionCode?: string;
    responsibleUnitId?: string;
    zoneUnitId?: string | null;
    chainCode?: string | null;
  },
  existing: ProjectRow | null,
  gated: Set<string>,
): WriteInput {
  const input: WriteInput = {};
  const put = <K extends keyof WriteInput>(k: K, val: WriteInput[K] | undefined) => {
    if (val !== undefined) input[k] = val;
  };
  put('name', v.name);
  if (v.projectCode !== undefined) input.projectCode = v.projectCode;
  if (v.internalId) input.internalId = v.internalId;
  put('regionCode', ids.regionCode);
  put('responsibleUnitId', ids.responsibleUnitId);
  if (ids.zoneUnitId !== undefined) input.zoneUnitId = ids.zoneUnitId;
  if (ids.chainCode !== undefined) input.chainCode = ids.chainCode;
  put('parkName', v.parkName);
  put('level', v.level as WriteInput['level']);
  put('category', v.category as WriteInput['category']);
  put('constructionNature', v.constructionNature as WriteInput['constructionNature']);
  put('investorName', v.investorName);
  put('investorCreditCode', v.investorCreditCode);
  put('companyName', v.companyName);
  put('companyCreditCode', v.companyCreditCode);
  put('industryCode', v.industryCode);
  put('linkedLeader', v.linkedLeader);
  if (v.foreignInvested !== undefined && v.foreignInvested !== null)
    input.foreignInvested = v.foreignInvested;
  put('foreignAmountUsd', v.foreignAmountUsd);
  put('fxRate', v.fxRate);
  put('agreedInvestment', v.agreedInvestment);
  put('filedInvestment', v.filedInvestment);
  put('fixedAssetInvestment', v.fixedAssetInvestment);
  put('landAreaMu', v.landAreaMu);
  if (v.leasedPlant !== undefined && v.leasedPlant !== null) input.leasedPlant = v.leasedPlant;
  put('expectedOutput', v.expectedOutput);
  put('expectedTax', v.expectedTax);
  put('expectedJobs', v.expectedJobs);
  put('nextSteps', v.nextSteps);
  const milestones: NonNullable<WriteInput['milestones']> = {};
  for (const m of SHEET_MILESTONES) {
    const planned = v[`planned${m.suffix}` as keyof ProjectImportRow] as string | null | undefined;
    let actual = v[`actual${m.suffix}` as keyof ProjectImportRow] as string | null | undefined;
    // an empty cell never clears a confirmed (evidence-gated) milestone
    if (!actual && gated.has(m.milestone) && existing?.[actualColumn(m.milestone)]) actual = undefined;
    if (planned !== undefined || actual !== undefined)
      milestones[m.milestone] = {
        ...(planned !== undefined ? { plannedOn: planned } : {}),
        ...(actual !== undefined ? { actualOn: actual } : {}),
      };
  }
  if (Object.keys(milestones).length) input.milestones = milestones;
  return input;
}

const changedKeys = (before: ProjectRow, set: Partial<ProjectTable>) =>
  Object.entries(set).filter(
    ([k, v]) =>
      k !== 'stage' &&
      JSON.stringify((before as Record<string, unknown>)[k] ?? null) !== JSON.stringify(v ?? null),
  );

export async function upsertProjects(trx: Db, actor: Actor, rows: ParsedRow<ProjectImportRow>[]) {
  const errors: ImportError[] = [];
  let created = 0;
  let updated = 0;
  const deployment = await repo.deploymentRegions(trx);
  const lookup: Lookup = {
    regions: deployment.length ? await repo.regionsUnder(trx, deployment.map(prefixOf)) : [],
    units: await repo.allUnits(trx),
    chains: await repo.listChains(trx),
  };
  const rules = await loadRules(trx);
  const gated = new Set([...rules.values()].filter((r) => r.active).map((r) => r.milestone as string));
  const historic = can(actor, 'ruleset:manage');
  const say = (zh: string, en: string) => (actor.locale === 'en' ? en : zh);
  const at = nowIso();

  for (const { row, values: v } of rows) {
    const rowErrors: ImportError[] = [];
    const err = (column: keyof ProjectImportRow, zh: string, en: string) =>
      rowErrors.push({ row, column: headerOf(column, actor.locale), message: say(zh, en) });

    const region = v.region ? matchRegion(lookup, v.region) : undefined;
    if (v.region && !region)
      err(
        'region',
        `找不到县区“${v.region}”（请填写本市县区名称或行政区划代码）`,
        `unknown district “${v.region}”`,
      );
    const unit = v.responsibleUnit ? matchUnit(lookup, v.responsibleUnit) : undefined;
    if (v.responsibleUnit && !unit)
      err('responsibleUnit', `找不到责任单位“${v.responsibleUnit}”`, `unknown unit “${v.responsibleUnit}”`);
    let zoneUnitId: string | null | undefined;
    if (v.zoneUnit !== undefined) {
      const z = v.zoneUnit ? matchUnit(lookup, v.zoneUnit) : null;
      if (v.zoneUnit && !z) err('zoneUnit', `找不到园区“${v.zoneUnit}”`, `unknown zone “${v.zoneUnit}”`);
      zoneUnitId = z ? z.id : null;
    }
    let chainCode: string | null | undefined;
    if (v.chain !== undefined) {
      const c = v.chain ? matchChain(lookup, v.chain) : null;
      if (v.chain && !c) err('chain', `找不到产业链“${v.chain}”`, `unknown industrial chain “${v.chain}”`);
      chainCode = c ? c.code : null;
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }

    // business key: project code, else name + district
    let existing: ProjectRow | null = null;
    if (v.projectCode) existing = (await repo.findProjectByCode(trx, v.projectCode)) ?? null;
    if (!existing && v.name && region)
      existing = (await repo.findProjectByNameRegion(trx, v.name.trim(), region.code)) ?? null;
    if (existing && !(await repo.findProjectScoped(trx, actor, existing.id))) {
      err(
        'name',
        '该项目不在您的数据范围内，不能通过导入修改',
        'this project is outside your data scope and cannot be changed by import',
      );
      errors.push(...rowErrors);
      continue;
    }
    if (!existing && !can(actor, 'project:create')) {
      err('name', '您没有新建项目的权限', 'you are not allowed to create projects');
      errors.push(...rowErrors);
      continue;
    }
    if (existing && !can(actor, 'project:update')) {
      err('name', '您没有修改项目的权限', 'you are not allowed to update projects');
      errors.push(...rowErrors);
      continue;
    }

    const input = toWriteInput(
      v,
      { regionCode: region?.code, responsibleUnitId: unit?.id, zoneUnitId, chainCode },
      existing,
      gated,
    );
    const r = await prepareWrite(trx, actor, input, existing, {
      historicActuals: historic,
      rules,
      deployment,
    });
    if (!r.ok) {
      if (r.duplicate)
        err(
          'projectCode',
          `已存在相同的${r.duplicate.zh}`,
          `a project with the same ${r.duplicate.en} exists`,
        );
      for (const p of r.problems)
        rowErrors.push({
          row,
          column: headerOf(FIELD_TO_COLUMN[p.field] ?? 'name', actor.locale),
          message: say(p.zh, p.en),
        });
      errors.push(...rowErrors);
      continue;
    }
    const set = r.prepared.set;
    if (v.physicalProgressText !== undefined) set.physical_progress_text = v.physicalProgressText;
    let id: string;
    let changed = true;
    if (existing) {
      id = existing.id;
      changed = changedKeys(existing, set).length > 0;
      if (changed) await repo.updateProject(trx, id, existing.version, { ...set, updated_at: at });
    } else {
      id = newId();
      await repo.insertProject(trx, newProjectRow(id, at, set, actor.userId));
    }
    if (!(await repo.findProjectScoped(trx, actor, id))) {
      err(
        'region',
        '所在县区或责任单位超出您的数据范围',
        'the district or responsible unit is outside your data scope',
      );
      errors.push(...rowErrors);
      continue;
    }
    for (const m of r.prepared.historicActuals) {
      await repo.insertConfirmation(trx, {
        id: newId(),
        project_id: id,
        milestone: m,
        actual_on: (set as Record<string, string>)[actualColumn(m)]!,
        attachment_ids: '[]',
        note: 'Excel 导入的历史日期（未附佐证）',
        source: 'import',
        confirmed_by: actor.userId ?? actor.username,
        confirmed_at: at,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      });
    }
    let planChanged = false;
    if (v.planYear && v.annualPlanInvestment !== undefined && v.annualPlanInvestment !== null) {
      const plan = await repo.planOf(trx, id, v.planYear);
      if (!plan || Number(plan.plan_investment) !== v.annualPlanInvestment) {
        await repo.upsertPlan(trx, {
          project_id: id,
          year: v.planYear,
          plan_investment: v.annualPlanInvestment,
          curve: plan?.curve ?? null,
          updated_at: at,
        });
        planChanged = true;
      }
    }
    if (!existing) created++;
    else if (changed || planChanged) updated++;
    if (!existing || changed || planChanged) {
      const after = (await repo.findProject(trx, id))!;
      await recordAudit(trx, actor, {
        entity: 'project',
        entityId: id,
        action: 'import',
        regionCode: after.region_code,
        before: existing,
        after,
        payload: {
          row,
          ...(planChanged ? { planYear: v.planYear, planInvestment: v.annualPlanInvestment } : {}),
        },
      });
    }
  }
  return { created, updated, errors };
}

const prefixOf = (code: string) =>
  code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;

export const ledger: LedgerImporter<ProjectImportRow> = {
  map: projectLedgerMap,
  importPermission: 'project:import',
  exportPermission: 'project:export',
  upsert: upsertProjects,
};

// ---------------------------------------------------------------- export rows (the same layout, so the file imports back)

export async function exportRecordsOf(
  db: Executor,
  rows: Array<ProjectRow & { region_name: string | null; responsible_unit_name: string | null }>,
): Promise<ProjectImportRow[]> {
  const units = new Map(
    (
      await repo.unitsByIds(db, [
        ...new Set(rows.map((r) => r.zone_unit_id).filter((x): x is string => Boolean(x))),
      ])
    ).map((u) => [u.id, u.name]),
  );
  const chains = new Map((await repo.listChains(db)).map((c) => [c.code, c.name]));
  const plans = new Map<string, { year: number; plan_investment: number }>();
  for (const p of await repo.latestPlansOf(
    db,
    rows.map((r) => r.id),
  ))
    plans.set(p.project_id, p);
  return rows.map((r) => {
    const d = r as unknown as Record<string, string | null>;
    const dates = Object.fromEntries(
      SHEET_MILESTONES.flatMap((m) => [
        [`planned${m.suffix}`, d[plannedColumn(m.milestone)] ?? null],
        [`actual${m.suffix}`, d[actualColumn(m.milestone)] ?? null],
      ]),
    ) as Pick<ProjectImportRow, `planned${string}` & keyof ProjectImportRow>;
    const plan = plans.get(r.id);
    return {
      name: r.name,
      projectCode: r.project_code ?? r.legacy_project_code,
      internalId: r.internal_id,
      region: r.region_name ?? r.region_code,
      responsibleUnit: r.responsible_unit_name ?? r.responsible_unit_id,
      zoneUnit: r.zone_unit_id ? (units.get(r.zone_unit_id) ?? null) : null,
      parkName: r.park_name,
      level: r.level,
      category: r.category,
      constructionNature: r.construction_nature,
      investorName: r.investor_name,
      investorCreditCode: r.investor_credit_code,
      companyName: r.company_name,
      companyCreditCode: r.company_credit_code,
      industryCode: r.industry_code,
      chain: r.chain_code ? (chains.get(r.chain_code) ?? r.chain_code) : null,
      linkedLeader: r.linked_leader,
      foreignInvested: r.foreign_invested === 1,
      foreignAmountUsd: r.foreign_amount_usd === null ? null : Number(r.foreign_amount_usd),
      fxRate: r.fx_rate,
      agreedInvestment: r.agreed_investment === null ? null : Number(r.agreed_investment),
      filedInvestment: r.filed_investment === null ? null : Number(r.filed_investment),
      fixedAssetInvestment: r.fixed_asset_investment === null ? null : Number(r.fixed_asset_investment),
      landAreaMu: r.land_area_mu,
      leasedPlant: r.leased_plant === 1,
      expectedOutput: r.expected_output === null ? null : Number(r.expected_output),
      expectedTax: r.expected_tax === null ? null : Number(r.expected_tax),
      expectedJobs: r.expected_jobs,
      ...(dates as object),
      planYear: plan?.year ?? null,
      annualPlanInvestment: plan ? Number(plan.plan_investment) : null,
      physicalProgressText: r.physical_progress_text,
      nextSteps: r.next_steps,
    } as ProjectImportRow;
  });
}
