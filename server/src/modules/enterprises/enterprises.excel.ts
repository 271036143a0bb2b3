import type { z } from 'zod';
import { renderErrorMessage, type Locale } from '../../../../contracts/errors';
import {
  ENTERPRISE_SIZES,
  ENTERPRISE_SIZE_LABELS,
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  type EnterpriseListQuery,
  type EnterpriseUpdate,
} from '../../../../contracts/schemas/enterprises';
import { checkCreditCode, normaliseCreditCode } from '../../../../contracts/validators/credit-code';
import type { Actor } from '../../core/access/actor';
import { regionPrefix } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { todayCst } from '../../core/clock';
import { exportWorkbook } from '../../core/excel/engine';
import type { LedgerImporter } from '../../core/excel/ledger';
import {
  CellError,
  type ColumnDef,
  type ImportError,
  type LedgerMap,
  type ParsedRow,
} from '../../core/excel/types';
import { AppError } from '../../core/errors';
import type { Db, Executor } from '../../db/database';
import { loadRuleSets, recomputeEnterprise } from './enterprises.eligibility.service';
import { INDICATOR_COLUMNS, type IndicatorApiKey } from './enterprises.presenter';
import { insertQualificationIn, updateQualificationIn } from './enterprises.qualifications.service';
import * as repo from './enterprises.repository';
import {
  creditCodeProblem,
  insertEnterpriseIn,
  updateEnterpriseIn,
  writeIndicatorsIn,
} from './enterprises.service';

/**
 * Two Excel ledgers of the enterprise registry:
 * - `ledger` ('enterprises'): the registry with one year's indicators per row, upserted by 统一社会信用代码;
 * - `hitechListLedger` ('hitech-list'): a published 高企认定名单 (序号, 企业名称, 证书编号, 发证日期, 批次, and
 *   sometimes 统一社会信用代码), upserting the enterprise (by credit code, else by exact current or former name —
 *   an error if the name is ambiguous or unknown) and its 高企 qualification (by certificate number).
 * Both are idempotent (a second run changes nothing and counts nothing), check the data scope per row and
 * report semantic problems per row. An empty cell clears an optional field (the engine's null); a column
 * absent from the file leaves the field as it is.
 */

// ── registry ────────────────────────────────────────────────────────────────────────────────────

export type EnterpriseLedgerRow = {
  creditCode: string;
  name: string;
  region: string | null;
  industryCode: string | null;
  size: string | null;
  ownership: string | null;
  soe: boolean | null;
  listed: boolean | null;
  foundedOn: string | null;
  year: number | null;
  revenue: number | null;
  rdExpense: number | null;
  rdExpenseDomestic: number | null;
  hitechRevenue: number | null;
  staff: number | null;
  stStaff: number | null;
  ipClass1: number | null;
  ipClass2: number | null;
  tax: number | null;
  output: number | null;
  landMu: number | null;
  energyTce: number | null;
  valuationUsd: number | null;
  latestRound: string | null;
  totalAssets: number | null;
  liabilities: number | null;
  profit: number | null;
  netProfit: number | null;
  valueAdded: number | null;
  netAssets: number | null;
  operatingCashFlow: number | null;
};

const creditCodeColumn = <R extends { creditCode: string | null }>(required: boolean): ColumnDef<R> => ({
  key: 'creditCode' as keyof R & string,
  header: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  aliases: ['信用代码', '社会信用代码', '统一代码', '企业信用代码', '纳税人识别号'],
  kind: 'text',
  required,
  width: 22,
  note: { zh: '18 位，如 91321102MA1XXXXXXX', en: '18 characters' },
  parse: (v) => {
    if (v === null || v === undefined || v === '') return null;
    const code = normaliseCreditCode(String(v));
    const check = checkCreditCode(code);
    if (!check.valid) {
      const p = creditCodeProblem(check.reason!);
      throw new CellError({ zh: p.zh.replace(/^creditCode: /, ''), en: p.en.replace(/^creditCode: /, '') });
    }
    return code;
  },
});

const regionColumn = <R>(): ColumnDef<R> => ({
  key: 'region' as keyof R & string,
  header: { zh: '所在县区', en: 'District' },
  aliases: ['所在地区', '县区', '县（市、区）', '地区', '属地', '所在板块', '板块', '行政区划代码'],
  kind: 'text',
  note: {
    zh: '县区名称或行政区划代码（如 丹阳市 或 321181）；空则取信用代码第 3–8 位',
    en: 'district name or GB/T 2260 code; empty: taken from the credit code',
  },
});

const money = (
  key: IndicatorApiKey,
  zh: string,
  en: string,
  aliases: string[] = [],
): ColumnDef<EnterpriseLedgerRow> => ({
  key,
  header: { zh, en },
  aliases,
  kind: 'money',
  moneyUnit: '万元',
  note: { zh: '默认单位万元（可写“1.2亿元”“3500万”）', en: 'in 10k yuan unless the cell says otherwise' },
});
const integer = (
  key: IndicatorApiKey,
  zh: string,
  en: string,
  aliases: string[] = [],
): ColumnDef<EnterpriseLedgerRow> => ({ key, header: { zh, en }, aliases, kind: 'integer' });

const labels = <K extends string>(
  keys: readonly K[],
  l: Record<K, { zh: string; en: string }>,
  aliases: Partial<Record<K, string[]>>,
) => keys.map((k) => ({ value: k, zh: l[k].zh, en: l[k].en, aliases: aliases[k] }));

export const ENTERPRISE_COLUMNS: ColumnDef<EnterpriseLedgerRow>[] = [
  creditCodeColumn<EnterpriseLedgerRow>(true),
  {
    key: 'name',
    header: { zh: '企业名称', en: 'Enterprise name' },
    aliases: ['单位名称', '企业（单位）名称', '公司名称', '名称', '企业全称'],
    kind: 'text',
    required: true,
    width: 36,
  },
  regionColumn<EnterpriseLedgerRow>(),
  {
    key: 'industryCode',
    header: { zh: '行业代码', en: 'Industry code' },
    aliases: ['国民经济行业代码', '行业小类代码', '所属行业代码', '行业分类代码'],
    kind: 'text',
    note: {
      zh: 'GB/T 4754-2017 小类，4 位（可带门类字母，如 C2761）',
      en: 'GB/T 4754-2017 class, 4 digits (a section letter is accepted)',
    },
    parse: (v) => {
      if (v === null || v === undefined || v === '') return null;
      const code = String(v)
        .trim()
        .toUpperCase()
        .replace(/^[A-Z]/, '');
      if (!/^\d{4}$/.test(code))
        throw new CellError({
          zh: `行业代码“${v}”应为 4 位小类代码`,
          en: `industry code “${v}” must be a 4-digit class`,
        });
      return code;
    },
  },
  {
    key: 'size',
    header: { zh: '企业规模', en: 'Size' },
    aliases: ['规模', '企业规模类型', '企业类型（规模）'],
    kind: 'enum',
    options: labels(ENTERPRISE_SIZES, ENTERPRISE_SIZE_LABELS, {
      large: ['大', '大型企业'],
      medium: ['中', '中型企业'],
      small: ['小', '小型企业'],
      micro: ['微', '微型企业'],
    }),
  },
  {
    key: 'ownership',
    header: { zh: '企业性质', en: 'Ownership' },
    aliases: ['登记注册类型', '经济类型', '所有制', '企业类型'],
    kind: 'enum',
    options: labels(OWNERSHIPS, OWNERSHIP_LABELS, {
      state: ['国企', '国有企业', '国有控股', '国有独资'],
      private: ['民企', '私营', '民营企业', '私营企业'],
      foreign: ['外商投资', '外商独资', '中外合资', '外资企业'],
      hmt: ['港澳台资', '港澳台投资', '港澳台商投资'],
    }),
  },
  {
    key: 'soe',
    header: { zh: '是否国企', en: 'SOE' },
    aliases: ['国有企业', '是否国有企业'],
    kind: 'boolean',
  },
  {
    key: 'listed',
    header: { zh: '是否上市', en: 'Listed' },
    aliases: ['上市企业', '是否上市企业', '上市'],
    kind: 'boolean',
  },
  {
    key: 'foundedOn',
    header: { zh: '成立日期', en: 'Founded on' },
    aliases: ['注册日期', '成立时间', '注册时间', '登记日期'],
    kind: 'date',
  },
  {
    key: 'year',
    header: { zh: '指标年度', en: 'Indicator year' },
    aliases: ['年度', '统计年度', '数据年度', '年份'],
    kind: 'integer',
    note: {
      zh: '本行经营指标所属年度；空则只更新企业信息',
      en: 'the year of this row’s indicators; empty: registry only',
    },
    parse: (v) => {
      if (v === null || v === undefined) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1949 || n > 2100)
        throw new CellError({ zh: `年度“${v}”无效`, en: `invalid year “${v}”` });
      return n;
    },
  },
  money('revenue', '营业收入', 'Revenue', ['主营业务收入', '销售收入', '营收', '年销售收入']),
  money('rdExpense', '研发费用', 'R&D expense', ['研发投入', '研究开发费用', 'R&D经费支出', '研发经费']),
  money('rdExpenseDomestic', '境内研发费用', 'R&D expense in China', [
    '在中国境内发生的研发费用',
    '境内研发投入',
  ]),
  money('hitechRevenue', '高新技术产品收入', 'High-tech product revenue', [
    '高新技术产品（服务）收入',
    '高品收入',
  ]),
  integer('staff', '职工总数', 'Employees', ['从业人员', '从业人数', '员工人数', '职工人数', '年末从业人员']),
  integer('stStaff', '科技人员数', 'S&T staff', ['科技人员', '研发人员', '研发人员数']),
  integer('ipClass1', 'Ⅰ类知识产权', 'Class I IP', [
    'I类知识产权',
    '一类知识产权',
    '发明专利',
    'Ⅰ类知识产权数',
  ]),
  integer('ipClass2', 'Ⅱ类知识产权', 'Class II IP', ['II类知识产权', '二类知识产权', 'Ⅱ类知识产权数']),
  money('tax', '纳税总额', 'Tax paid', ['税收', '实缴税金', '纳税', '税收总额']),
  money('output', '工业总产值', 'Gross output', ['产值', '总产值']),
  {
    key: 'landMu',
    header: { zh: '用地面积（亩）', en: 'Land (mu)' },
    aliases: ['用地面积', '占地面积', '土地面积（亩）', '占地（亩）'],
    kind: 'decimal',
  },
  {
    key: 'energyTce',
    header: { zh: '综合能耗（吨标煤）', en: 'Energy use (tce)' },
    aliases: ['综合能耗', '能耗', '能源消费量'],
    kind: 'decimal',
  },
  {
    key: 'valuationUsd',
    header: { zh: '最新估值（亿美元）', en: 'Latest valuation (USD 100m)' },
    aliases: ['估值（亿美元）', '估值', '最新估值'],
    kind: 'decimal',
    note: { zh: '单位亿美元', en: 'in units of USD 100 million' },
    parse: (v) => (v === null || v === undefined ? null : Math.round(Number(v) * 1e8)),
    format: (r) => (r.valuationUsd === null || r.valuationUsd === undefined ? null : r.valuationUsd / 1e8),
  },
  {
    key: 'latestRound',
    header: { zh: '最新融资轮次', en: 'Latest round' },
    aliases: ['融资轮次', '轮次'],
    kind: 'text',
  },
  money('totalAssets', '资产总额', 'Total assets', ['总资产']),
  money('liabilities', '负债总额', 'Total liabilities', ['总负债', '负债合计']),
  money('profit', '利润总额', 'Total profit', ['利润']),
  money('netProfit', '净利润', 'Net profit'),
  money('valueAdded', '劳动生产总值', 'Value added', ['增加值', '工业增加值']),
  money('netAssets', '净资产', 'Net assets', ['所有者权益', '所有者权益合计']),
  money('operatingCashFlow', '经营活动现金流量净额', 'Operating cash flow', [
    '经营现金流',
    '经营活动产生的现金流量净额',
  ]),
];

export const enterpriseLedgerMap: LedgerMap<EnterpriseLedgerRow> = {
  id: 'enterprises',
  title: { zh: '企业库台账', en: 'Enterprise registry' },
  sheetName: { zh: '企业库', en: 'Enterprises' },
  columns: ENTERPRISE_COLUMNS,
  businessKey: (r) => (r.creditCode ? normaliseCreditCode(r.creditCode) : null),
};

function describe(err: unknown, locale: Locale): string {
  if (err instanceof AppError) {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(err.params))
      params[k] =
        v && typeof v === 'object' && 'zh' in v && 'en' in v
          ? locale === 'en'
            ? (v as { en: string }).en
            : (v as { zh: string }).zh
          : v;
    return renderErrorMessage(err.code, locale, params);
  }
  throw err;
}
const say = (actor: Actor, zh: string, en: string) => (actor.locale === 'en' ? en : zh);

/** Region text → code: a 6-digit code, or a region name (全称 or without 区/市/县) within this city. */
async function resolveRegionText(
  db: Executor,
  text: string | null | undefined,
): Promise<string | null | undefined> {
  if (text === undefined || text === null) return text;
  const t = text.trim();
  if (/^\d{6}$/.test(t)) return t;
  const cities = await repo.rootRegionCodes(db);
  const names = [t, `${t}区`, `${t}市`, `${t}县`];
  const hits = (await repo.findRegionsByName(db, names)).filter((r) =>
    cities.some((c) => r.code.startsWith(regionPrefix(c))),
  );
  if (hits.length === 1) return hits[0]!.code;
  throw new AppError(
    'RULE_VIOLATION',
    {
      detail: hits.length
        ? {
            zh: `县区“${t}”有多个匹配，请填写行政区划代码`,
            en: `district “${t}” is ambiguous: give the region code`,
          }
        : { zh: `本市没有名为“${t}”的县区`, en: `no district named “${t}” in this city` },
    },
    { field: 'region' },
  );
}

const INDICATOR_KEYS = Object.keys(INDICATOR_COLUMNS) as IndicatorApiKey[];

async function upsertRegistry(trx: Db, actor: Actor, rows: ParsedRow<EnterpriseLedgerRow>[]) {
  const errors: ImportError[] = [];
  let created = 0;
  let updated = 0;
  const touched = new Set<string>();
  const audit = { via: 'import', ledger: 'enterprises' };
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    if (!v.creditCode) {
      err('creditCode', say(actor, '缺少统一社会信用代码', 'missing credit code'));
      continue;
    }
    try {
      const code = normaliseCreditCode(v.creditCode);
      const existing = await repo.findEnterpriseByCreditCode(trx, code);
      const region = await resolveRegionText(trx, v.region);
      let id: string;
      let changed = false;
      const fields: Omit<EnterpriseUpdate, 'version'> = {};
      if (v.name) fields.name = v.name;
      if (region) fields.regionCode = region;
      if (v.industryCode !== undefined) fields.industryCode = v.industryCode;
      if (v.size !== undefined) fields.size = v.size as EnterpriseUpdate['size'];
      if (v.ownership !== undefined) fields.ownership = v.ownership as EnterpriseUpdate['ownership'];
      if (v.soe !== undefined) fields.soe = v.soe ?? false;
      if (v.listed !== undefined) fields.listed = v.listed ?? false;
      if (v.foundedOn !== undefined) fields.foundedOn = v.foundedOn;
      if (existing) {
        if (!(await repo.isInScope(trx, actor, existing.id))) {
          err(
            'creditCode',
            say(
              actor,
              `统一社会信用代码 ${code} 的企业不存在或无权访问`,
              `the enterprise ${code} was not found or is outside your scope`,
            ),
          );
          continue;
        }
        id = existing.id;
        changed = (
          await updateEnterpriseIn(trx, actor, id, { ...fields, version: existing.version }, { audit })
        ).changed;
      } else {
        if (!v.name) {
          err('name', say(actor, '新企业须填写企业名称', 'a new enterprise needs a name'));
          continue;
        }
        id = (
          await insertEnterpriseIn(
            trx,
            actor,
            { ...fields, name: v.name, creditCode: code, regionCode: region ?? undefined },
            { audit },
          )
        ).id;
        created++;
      }
      if (v.year !== null && v.year !== undefined) {
        const e = (await repo.findEnterpriseById(trx, id))!;
        const input: Partial<Record<IndicatorApiKey, number | string | null>> = {};
        for (const k of INDICATOR_KEYS) if (v[k] !== undefined) input[k] = v[k] as number | string | null;
        const r = await writeIndicatorsIn(trx, actor, e, v.year, input, { requireVersion: false, audit });
        if (r !== 'unchanged') changed = true;
      }
      if (existing && changed) updated++;
      if (changed || !existing) touched.add(id);
    } catch (e) {
      const field =
        e instanceof AppError && e.details && typeof e.details === 'object' && 'field' in e.details
          ? String((e.details as { field: string }).field)
          : '';
      err(field === 'regionCode' ? 'region' : field, describe(e, actor.locale));
    }
  }
  const cache = await loadRuleSets(trx);
  for (const id of touched) await recomputeEnterprise(trx, id, cache);
  return { created, updated, errors };
}

export const ledger: LedgerImporter<EnterpriseLedgerRow> = {
  map: enterpriseLedgerMap,
  importPermission: 'enterprise:manage',
  exportPermission: 'enterprise:read',
  upsert: upsertRegistry,
};

// ── export ──────────────────────────────────────────────────────────────────────────────────────

/** The filtered registry in the ledger layout, each enterprise with its latest year's indicators. */
export async function* exportRows(
  db: Db,
  actor: Actor,
  q: z.infer<typeof EnterpriseListQuery>,
): AsyncGenerator<EnterpriseLedgerRow> {
  const PAGE = 1000;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await repo.listEnterprises(db, actor, q, todayCst(), {
      limit: PAGE,
      offset,
      sort: { column: 'name', desc: false },
    });
    for (const e of rows) {
      const latest = (await repo.listIndicators(db, e.id))[0];
      const out: Record<string, unknown> = {
        creditCode: e.credit_code,
        name: e.name,
        region: e.region_code,
        industryCode: e.industry_code,
        size: e.size,
        ownership: e.ownership,
        soe: Boolean(e.soe),
        listed: Boolean(e.listed),
        foundedOn: e.founded_on,
        year: latest?.year ?? null,
      };
      for (const [k, col] of Object.entries(INDICATOR_COLUMNS)) {
        const val = latest?.[col];
        out[k] = val === null || val === undefined ? null : k === 'latestRound' ? String(val) : Number(val);
      }
      yield out as EnterpriseLedgerRow;
    }
    if (rows.length < PAGE) return;
  }
}

export async function exportEnterprises(
  deps: { db: Db },
  actor: Actor,
  q: z.infer<typeof EnterpriseListQuery>,
) {
  requirePermission(actor, ledger.exportPermission);
  let count = 0;
  const counted = async function* () {
    for await (const r of exportRows(deps.db, actor, q)) {
      count++;
      yield r;
    }
  };
  const data = await exportWorkbook(enterpriseLedgerMap, counted(), actor.locale);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      entity: 'enterprise',
      entityId: 'export',
      action: 'export',
      payload: { filter: q, rows: count },
    }),
  );
  return { name: `${actor.locale === 'en' ? 'enterprises' : '企业库'}-${todayCst()}.xlsx`, data };
}

// ── 高企认定名单 ────────────────────────────────────────────────────────────────────────────────

export type HitechListRow = {
  seq: number | null;
  name: string;
  certNo: string;
  grantedOn: string | null;
  batch: string | null;
  creditCode: string | null;
  region: string | null;
  issuer: string | null;
};

export const hitechListMap: LedgerMap<HitechListRow> = {
  id: 'hitech-list',
  title: { zh: '高新技术企业认定名单', en: 'High-tech enterprise recognition list' },
  sheetName: { zh: '高企名单', en: 'High-tech list' },
  columns: [
    { key: 'seq', header: { zh: '序号', en: 'No.' }, aliases: ['序'], kind: 'integer', width: 6 },
    {
      key: 'name',
      header: { zh: '企业名称', en: 'Enterprise name' },
      aliases: ['单位名称', '企业（单位）名称', '公司名称', '名称'],
      kind: 'text',
      required: true,
      width: 36,
    },
    {
      key: 'certNo',
      header: { zh: '证书编号', en: 'Certificate number' },
      aliases: ['高企证书编号', '证书号', '高新技术企业证书编号', '认定编号'],
      kind: 'text',
      required: true,
      width: 18,
      parse: (v) => (v === null || v === undefined ? v : String(v).replace(/\s+/g, '').toUpperCase()),
    },
    {
      key: 'grantedOn',
      header: { zh: '发证日期', en: 'Issued on' },
      aliases: ['发证时间', '认定日期', '发证日期/批次', '颁证日期', '认定时间'],
      kind: 'date',
    },
    {
      key: 'batch',
      header: { zh: '批次', en: 'Batch' },
      aliases: ['认定批次', '批次名称', '公示批次'],
      kind: 'text',
    },
    creditCodeColumn<HitechListRow>(false),
    regionColumn<HitechListRow>(),
    {
      key: 'issuer',
      header: { zh: '认定机构', en: 'Issuer' },
      aliases: ['发证机关', '认定机关'],
      kind: 'text',
    },
  ],
  businessKey: (r) => (r.certNo ? String(r.certNo).replace(/\s+/g, '').toUpperCase() : null),
};

/** Published lists write brackets either way: try the name as written and with （） ↔ () swapped. */
function nameVariants(name: string): string[] {
  const t = name.trim();
  const full = t.replace(/\(/g, '（').replace(/\)/g, '）');
  const half = t.replace(/（/g, '(').replace(/）/g, ')');
  return [...new Set([t, full, half])];
}

async function upsertHitechList(trx: Db, actor: Actor, rows: ParsedRow<HitechListRow>[]) {
  const errors: ImportError[] = [];
  let created = 0;
  let updated = 0;
  const touched = new Set<string>();
  const audit = { via: 'import', ledger: 'hitech-list' };
  for (const { row, values: v } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    if (!v.name || !v.certNo) continue; // required columns: the engine has reported them
    if (!v.grantedOn) {
      err(
        'grantedOn',
        say(actor, '缺少发证日期，无法确定认定年度', 'missing issue date: the recognition year is unknown'),
      );
      continue;
    }
    try {
      let enterpriseId: string;
      let enterpriseCreated = false;
      if (v.creditCode) {
        const existing = await repo.findEnterpriseByCreditCode(trx, v.creditCode);
        if (existing) {
          if (!(await repo.isInScope(trx, actor, existing.id))) {
            err(
              'creditCode',
              say(
                actor,
                `统一社会信用代码 ${v.creditCode} 的企业不存在或无权访问`,
                `the enterprise ${v.creditCode} was not found or is outside your scope`,
              ),
            );
            continue;
          }
          enterpriseId = existing.id;
        } else {
          const region = await resolveRegionText(trx, v.region);
          enterpriseId = (
            await insertEnterpriseIn(
              trx,
              actor,
              { creditCode: v.creditCode, name: v.name, regionCode: region ?? undefined },
              { audit },
            )
          ).id;
          enterpriseCreated = true;
        }
      } else {
        const matches = new Map<string, { id: string; credit_code: string }>();
        for (const n of nameVariants(v.name))
          for (const e of await repo.findEnterprisesByExactName(trx, n)) matches.set(e.id, e);
        if (matches.size > 1) {
          const codes = [...matches.values()].map((e) => e.credit_code).join('、');
          err(
            'name',
            say(
              actor,
              `名称“${v.name}”对应多家企业（${codes}），请补充统一社会信用代码`,
              `“${v.name}” matches several enterprises (${codes}): add the credit code`,
            ),
          );
          continue;
        }
        const only = [...matches.values()][0];
        if (!only || !(await repo.isInScope(trx, actor, only.id))) {
          err(
            'name',
            say(
              actor,
              `企业库中没有名为“${v.name}”的企业（或无权访问），请补充统一社会信用代码`,
              `no enterprise named “${v.name}” in your scope: add the credit code`,
            ),
          );
          continue;
        }
        enterpriseId = only.id;
      }
      const e = (await repo.findEnterpriseById(trx, enterpriseId))!;
      const q = await repo.findQualificationByCert(trx, 'hitech', v.certNo);
      if (q && q.enterprise_id !== enterpriseId) {
        const other = await repo.findEnterpriseById(trx, q.enterprise_id);
        err(
          'certNo',
          say(
            actor,
            `证书编号 ${v.certNo} 已登记在“${other?.name ?? ''}”名下`,
            `certificate ${v.certNo} is already recorded for “${other?.name ?? ''}”`,
          ),
        );
        continue;
      }
      if (q) {
        const patch: {
          version: number;
          grantedOn?: string;
          batch?: string | null;
          issuer?: string | null;
          level?: 'national';
        } = { version: q.version };
        if (v.grantedOn !== q.granted_on) patch.grantedOn = v.grantedOn;
        if (v.batch !== undefined && v.batch !== q.batch) patch.batch = v.batch;
        if (v.issuer !== undefined && v.issuer !== q.issuer) patch.issuer = v.issuer;
        const changed =
          Object.keys(patch).length > 1 && (await updateQualificationIn(trx, actor, q.id, patch, { audit }));
        if (changed) {
          updated++;
          touched.add(enterpriseId);
        }
      } else {
        await insertQualificationIn(
          trx,
          actor,
          e,
          {
            type: 'hitech',
            level: 'national',
            certNo: v.certNo,
            grantedOn: v.grantedOn,
            batch: v.batch ?? null,
            issuer: v.issuer ?? null,
          },
          { audit, recompute: false },
        );
        touched.add(enterpriseId);
        created++;
      }
      if (enterpriseCreated) touched.add(enterpriseId);
    } catch (e) {
      err('', describe(e, actor.locale));
    }
  }
  const cache = await loadRuleSets(trx);
  for (const id of touched) await recomputeEnterprise(trx, id, cache);
  return { created, updated, errors };
}

export const hitechListLedger: LedgerImporter<HitechListRow> = {
  map: hitechListMap,
  importPermission: 'enterprise:manage',
  exportPermission: 'enterprise:read',
  upsert: upsertHitechList,
};
