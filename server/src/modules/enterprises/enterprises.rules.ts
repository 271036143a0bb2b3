import type {
  EligibilityCriterion,
  EligibilityTier,
  GazelleParams,
  HitechParams,
  LittleGiantParams,
  PotentialUnicornParams,
  QualificationLevel,
  QualificationStatus,
  QualificationType,
  SpecializedSmeParams,
  TechSmeParams,
  UnicornParams,
} from '../../../../contracts/schemas/enterprises';
import { QUALIFICATION_TYPE_LABELS } from '../../../../contracts/schemas/enterprises';

/**
 * Recognition criteria as versioned rule sets, evaluated by pure functions (domain.md §7).
 *
 * Evaluation is split in two so a stored result can be explained later exactly as it was computed:
 * - `computeFigures(tier, params, enterprise, indicatorsByYear, year)` reads the ledger figures a tier needs
 *   (sums over windows, ratios rounded to 6 decimals) into a flat record — this is what is stored;
 * - `judge(tier, params, figures)` applies the thresholds and writes the explanation.
 * `evaluateEligibility` is the two in sequence. A rule set's params are frozen once it is active, so the
 * stored figures plus the rule set id reproduce the explanation.
 *
 * Dates: the reference date of fiscal year Y is Y-12-31 (ages, "registered ≥ 1 year", qualifications held).
 * Ratios are compared after rounding to 6 decimal places (0.0001 percentage points) so that a figure exactly on
 * a threshold behaves as the rule's text says (≥ passes, > fails) instead of depending on binary floating
 * point; a figure within that tolerance of a threshold counts as on it, and the stored, displayed figure is
 * the rounded one.
 */

export type Figures = Record<string, number | string | boolean | null>;
/** Figures as read from a record under noUncheckedIndexedAccess: undefined is stored as null. */
type FigIn = Record<string, number | string | boolean | null | undefined>;
const clean = (f: FigIn): Figures =>
  Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v === undefined ? null : v]));

/** The indicators the evaluator reads (camelCase, money in 元, valuation in USD). */
export type EvalIndicators = {
  revenue?: number | null;
  rdExpense?: number | null;
  rdExpenseDomestic?: number | null;
  hitechRevenue?: number | null;
  staff?: number | null;
  stStaff?: number | null;
  ipClass1?: number | null;
  ipClass2?: number | null;
  valuationUsd?: number | null;
  latestRound?: string | null;
  totalAssets?: number | null;
  liabilities?: number | null;
  profit?: number | null;
};

export type EvalQualification = {
  type: QualificationType;
  level: QualificationLevel;
  status: QualificationStatus;
  validFrom: string | null;
  validTo: string | null;
};

export type EvalEnterprise = {
  foundedOn: string | null;
  listed: boolean;
  qualifications: EvalQualification[];
};

export type IndicatorsByYear = ReadonlyMap<number, EvalIndicators> | Readonly<Record<number, EvalIndicators>>;

export type RuleSetLike = {
  id: string;
  tier: EligibilityTier;
  name: string;
  docNo?: string | null;
  params: unknown;
};

export type Judgement = {
  pass: boolean;
  criteria: EligibilityCriterion[];
  manualChecks: Array<{ zh: string; en: string }>;
};

export type Evaluation = Judgement & {
  tier: EligibilityTier;
  ruleSetId: string;
  year: number;
  figures: Figures;
};

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

export const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const ratioOf = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : r6(a / b);

export const refDateOf = (year: number) => `${year}-12-31`;

/** Adds whole months to a 'YYYY-MM-DD' date, clamping the day (2020-02-29 + 12 months = 2021-02-28). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
export const addYears = (date: string, years: number) => addMonths(date, Math.round(years * 12));

/** Age in years between two dates, 2 decimals (display only; comparisons use addYears). */
export function ageYears(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round((ms / 86_400_000 / 365.2425) * 100) / 100;
}

function get(by: IndicatorsByYear, year: number): EvalIndicators | undefined {
  return by instanceof Map ? by.get(year) : (by as Record<number, EvalIndicators>)[year];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Money for messages: 亿元 above 1亿, else 万元. */
export function fmtYuan(v: number | null): { zh: string; en: string } {
  if (v === null || v === undefined) return { zh: '—', en: '—' };
  if (Math.abs(v) >= 1e8) return { zh: `${trim(v / 1e8, 2)}亿元`, en: `CNY ${trim(v / 1e6, 1)}m` };
  return { zh: `${trim(v / 1e4, 2)}万元`, en: `CNY ${trim(v / 1e6, 2)}m` };
}
function fmtUsd(v: number | null): { zh: string; en: string } {
  if (v === null || v === undefined) return { zh: '—', en: '—' };
  return { zh: `${trim(v / 1e8, 2)}亿美元`, en: `USD ${trim(v / 1e6, 1)}m` };
}
const trim = (v: number, dp: number) => {
  const s = v.toFixed(dp);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};
export const pct = (v: number | null) => (v === null || v === undefined ? '—' : `${trim(v * 100, 2)}%`);

type Msg = { zh: string; en: string };
/** Off while a bulk recomputation only needs the verdicts: criteria then carry no figures and no message. */
let explaining = true;
const NONE: Figures = Object.freeze({}) as Figures;
const SILENT: Msg = Object.freeze({ zh: '', en: '' });
function criterion(
  id: string,
  label: Msg,
  pass: boolean,
  figures: FigIn,
  thresholds: FigIn,
  message: Msg | (() => Msg),
  opts: { missing?: boolean; role?: 'required' | 'alternative' } = {},
): EligibilityCriterion {
  if (!explaining)
    return {
      id,
      label,
      role: opts.role ?? 'required',
      pass,
      missing: opts.missing ?? false,
      figures: NONE,
      thresholds: NONE,
      message: SILENT,
    };
  return {
    id,
    label,
    role: opts.role ?? 'required',
    pass,
    missing: opts.missing ?? false,
    figures: clean(figures),
    thresholds: clean(thresholds),
    message: typeof message === 'function' ? message() : message,
  };
}
function missingCriterion(
  id: string,
  label: Msg,
  what: Msg,
  figures: FigIn,
  thresholds: FigIn,
  role: 'required' | 'alternative' = 'required',
) {
  return criterion(
    id,
    label,
    false,
    figures,
    thresholds,
    () => ({ zh: `缺少数据：${what.zh}`, en: `Missing data: ${what.en}` }),
    { missing: true, role },
  );
}

function overall(criteria: EligibilityCriterion[]): boolean {
  const required = criteria.filter((c) => c.role === 'required');
  const alternatives = criteria.filter((c) => c.role === 'alternative');
  return required.every((c) => c.pass) && (alternatives.length === 0 || alternatives.some((c) => c.pass));
}

/** Qualifications held (in force, not revoked or pending) on a date. */
export function qualificationsHeldOn(quals: readonly EvalQualification[], date: string): EvalQualification[] {
  return quals.filter(
    (q) =>
      (q.status === 'active' || q.status === 'expired') &&
      (q.validFrom === null || q.validFrom === undefined || q.validFrom <= date) &&
      (q.validTo === null || q.validTo === undefined || q.validTo >= date),
  );
}

/** Years in business by the reference date: founded on or before ref − n years. */
function yearsInBusiness(
  id: string,
  label: Msg,
  foundedOn: string | null,
  refDate: string,
  minYears: number,
): EligibilityCriterion {
  const thresholds = { minYears };
  if (!foundedOn)
    return missingCriterion(
      id,
      label,
      { zh: '成立日期', en: 'founding date' },
      { foundedOn, refDate },
      thresholds,
    );
  const pass = addYears(foundedOn, minYears) <= refDate;
  const age = explaining ? ageYears(foundedOn, refDate) : null;
  return criterion(id, label, pass, { foundedOn, refDate, ageYears: age }, thresholds, () => ({
    zh: `成立于 ${foundedOn}，截至 ${refDate} 约 ${age} 年，${pass ? '满' : '不满'} ${minYears} 年`,
    en: `Founded ${foundedOn}: about ${age} years by ${refDate}, ${pass ? 'at least' : 'less than'} ${minYears}`,
  }));
}

function ratioCriterion(
  id: string,
  label: Msg,
  value: number | null,
  op: '>=' | '>' | '<=',
  threshold: number,
  figures: FigIn,
  describeIt: Msg | (() => Msg),
  missingWhat: Msg | null,
): EligibilityCriterion {
  const thresholds = { [op === '<=' ? 'max' : 'min']: threshold, op };
  if ((value === null || value === undefined) && missingWhat)
    return missingCriterion(id, label, missingWhat, figures, thresholds);
  const pass =
    value !== null &&
    value !== undefined &&
    (op === '>=' ? value >= threshold : op === '>' ? value > threshold : value <= threshold);
  const opZh = op === '>=' ? '不低于' : op === '>' ? '高于' : '不高于';
  const opEn = op === '>=' ? 'at least' : op === '>' ? 'above' : 'at most';
  const describe = () => (typeof describeIt === 'function' ? describeIt() : describeIt);
  return criterion(id, label, pass, figures, thresholds, () => ({
    zh: `${describe().zh} ${pct(value)}，要求${opZh} ${pct(threshold)}：${pass ? '符合' : '不符合'}`,
    en: `${describe().en} ${pct(value)}; required ${opEn} ${pct(threshold)}: ${pass ? 'met' : 'not met'}`,
  }));
}

function minCriterion(
  id: string,
  label: Msg,
  value: number | null,
  min: number,
  figures: FigIn,
  what: Msg,
  fmt: (v: number | null) => Msg,
  strict = false,
) {
  const thresholds = { min, op: strict ? '>' : '>=' };
  if (value === null || value === undefined) return missingCriterion(id, label, what, figures, thresholds);
  const pass = strict ? value > min : value >= min;
  return criterion(id, label, pass, figures, thresholds, () => ({
    zh: `${what.zh} ${fmt(value).zh}，要求${strict ? '高于' : '不低于'} ${fmt(min).zh}：${pass ? '符合' : '不符合'}`,
    en: `${what.en} ${fmt(value).en}; required ${strict ? 'above' : 'at least'} ${fmt(min).en}: ${pass ? 'met' : 'not met'}`,
  }));
}
function maxCriterion(
  id: string,
  label: Msg,
  value: number | null,
  max: number,
  figures: FigIn,
  what: Msg,
  fmt: (v: number | null) => Msg,
) {
  const thresholds = { max, op: '<=' };
  if (value === null || value === undefined) return missingCriterion(id, label, what, figures, thresholds);
  const pass = value <= max;
  return criterion(id, label, pass, figures, thresholds, () => ({
    zh: `${what.zh} ${fmt(value).zh}，上限 ${fmt(max).zh}：${pass ? '符合' : '超出'}`,
    en: `${what.en} ${fmt(value).en}; limit ${fmt(max).en}: ${pass ? 'met' : 'exceeded'}`,
  }));
}
const persons = (v: number | null): Msg => ({
  zh: v === null || v === undefined ? '—' : `${v}人`,
  en: v === null || v === undefined ? '—' : `${v} persons`,
});
const items = (v: number | null): Msg => ({
  zh: v === null || v === undefined ? '—' : `${v}项`,
  en: v === null || v === undefined ? '—' : `${v}`,
});

// ── 高新技术企业 ─────────────────────────────────────────────────────────────────────────────────

function hitechFigures(p: HitechParams, e: EvalEnterprise, by: IndicatorsByYear, year: number): Figures {
  const foundedYear = e.foundedOn ? Number(e.foundedOn.slice(0, 4)) : null;
  const from = Math.max(year - p.rdWindowYears + 1, foundedYear ?? -Infinity);
  const missing: number[] = [];
  let rd = 0;
  let rev = 0;
  let dom = 0;
  let domMissing = false;
  for (let y = from; y <= year; y++) {
    const i = get(by, y);
    if (
      !i ||
      i.revenue === null ||
      i.revenue === undefined ||
      i.rdExpense === null ||
      i.rdExpense === undefined
    ) {
      missing.push(y);
      continue;
    }
    rd += i.rdExpense;
    rev += i.revenue;
    if (i.rdExpenseDomestic === null || i.rdExpenseDomestic === undefined) domMissing = true;
    else dom += i.rdExpenseDomestic;
  }
  const last = get(by, year) ?? {};
  const ok = missing.length === 0;
  return {
    foundedOn: e.foundedOn,
    refDate: refDateOf(year),
    windowFrom: from,
    windowTo: year,
    missingYears: missing.length ? missing.join(',') : null,
    revenueLatest: num(last.revenue),
    rdTotal: ok ? rd : null,
    revenueTotal: ok ? rev : null,
    rdRatio: ok ? ratioOf(rd, rev) : null,
    rdDomesticTotal: ok && !domMissing ? dom : null,
    domesticShare: ok && !domMissing ? ratioOf(dom, rd) : null,
    staff: num(last.staff),
    stStaff: num(last.stStaff),
    stStaffRatio: ratioOf(last.stStaff, last.staff),
    hitechRevenue: num(last.hitechRevenue),
    hitechShare: ratioOf(last.hitechRevenue, last.revenue),
    ipClass1: num(last.ipClass1),
    ipClass2: num(last.ipClass2),
  };
}

function hitechJudge(p: HitechParams, f: Figures): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  out.push(
    yearsInBusiness(
      'registered',
      { zh: '注册成立满一年', en: 'Registered at least one year' },
      str(f.foundedOn),
      String(f.refDate),
      p.minYearsRegistered,
    ),
  );

  const rdLabel = { zh: '近三年研发费用占销售收入比例', en: 'R&D expense / revenue, last three years' };
  const revLatest = num(f.revenueLatest);
  const windowText = `${f.windowFrom}–${f.windowTo}`;
  const rdFigures = {
    windowFrom: f.windowFrom,
    windowTo: f.windowTo,
    rdTotal: f.rdTotal,
    revenueTotal: f.revenueTotal,
    rdRatio: f.rdRatio,
    revenueLatest: revLatest,
  };
  if (revLatest === null || revLatest === undefined || f.rdRatio === null || f.rdRatio === undefined) {
    const years = str(f.missingYears);
    out.push(
      missingCriterion(
        'rd_ratio',
        rdLabel,
        years
          ? { zh: `${years} 年的营业收入或研发费用`, en: `revenue or R&D expense of ${years}` }
          : { zh: '营业收入或研发费用（或收入为零）', en: 'revenue or R&D expense (or zero revenue)' },
        rdFigures,
        {},
      ),
    );
  } else {
    const bands = [...p.rdBands].sort((a, b) => (a.maxRevenue ?? Infinity) - (b.maxRevenue ?? Infinity));
    const band =
      bands.find((b) => b.maxRevenue === null || b.maxRevenue === undefined || revLatest <= b.maxRevenue) ??
      bands[bands.length - 1]!;
    const idx = bands.indexOf(band);
    const lower = idx > 0 ? bands[idx - 1]!.maxRevenue : null;
    const bandText = (): Msg => ({
      zh: `最近一年销售收入 ${fmtYuan(revLatest).zh}（${lower !== null && lower !== undefined ? `${fmtYuan(lower).zh}以上` : ''}${lower !== null && lower !== undefined && band.maxRevenue !== null && band.maxRevenue !== undefined ? '、' : ''}${band.maxRevenue !== null && band.maxRevenue !== undefined ? `${fmtYuan(band.maxRevenue).zh}及以下` : ''}档）`,
      en: `latest revenue ${fmtYuan(revLatest).en} (band ${lower !== null && lower !== undefined ? `above ${fmtYuan(lower).en}` : ''}${lower !== null && lower !== undefined && band.maxRevenue !== null && band.maxRevenue !== undefined ? ', ' : ''}${band.maxRevenue !== null && band.maxRevenue !== undefined ? `up to ${fmtYuan(band.maxRevenue).en}` : ''})`,
    });
    const ratio = num(f.rdRatio)!;
    const pass = ratio >= band.minRatio;
    out.push(
      criterion(
        'rd_ratio',
        rdLabel,
        pass,
        rdFigures,
        { minRatio: band.minRatio, bandMaxRevenue: band.maxRevenue, bandMinRevenueExclusive: lower },
        () => ({
          zh: `${windowText} 年研发费用 ${fmtYuan(num(f.rdTotal)).zh} / 销售收入 ${fmtYuan(num(f.revenueTotal)).zh} = ${pct(ratio)}；${bandText().zh}要求不低于 ${pct(band.minRatio)}：${pass ? '符合' : '不符合'}`,
          en: `${windowText}: R&D ${fmtYuan(num(f.rdTotal)).en} / revenue ${fmtYuan(num(f.revenueTotal)).en} = ${pct(ratio)}; ${bandText().en} requires at least ${pct(band.minRatio)}: ${pass ? 'met' : 'not met'}`,
        }),
      ),
    );
  }

  const domLabel = { zh: '境内研发费用占比', en: 'Share of R&D spent in China' };
  if (f.rdTotal === 0) {
    out.push(
      criterion(
        'rd_domestic',
        domLabel,
        false,
        { rdTotal: 0 },
        { min: p.minDomesticRdShare, op: '>=' },
        { zh: '无研发费用', en: 'No R&D expense' },
      ),
    );
  } else {
    out.push(
      ratioCriterion(
        'rd_domestic',
        domLabel,
        num(f.domesticShare),
        '>=',
        p.minDomesticRdShare,
        { rdDomesticTotal: f.rdDomesticTotal, rdTotal: f.rdTotal, domesticShare: f.domesticShare },
        { zh: `${windowText} 年境内研发费用占全部研发费用`, en: `${windowText}: R&D in China / all R&D` },
        { zh: '境内研发费用', en: 'R&D expense in China' },
      ),
    );
  }
  out.push(
    ratioCriterion(
      'st_staff',
      { zh: '科技人员占职工总数比例', en: 'S&T staff / employees' },
      num(f.stStaffRatio),
      '>=',
      p.minStStaffRatio,
      { stStaff: f.stStaff, staff: f.staff, stStaffRatio: f.stStaffRatio },
      () => ({
        zh: `科技人员 ${f.stStaff ?? '—'} / 职工 ${f.staff ?? '—'}`,
        en: `S&T staff ${f.stStaff ?? '—'} / employees ${f.staff ?? '—'}`,
      }),
      { zh: '科技人员数或职工总数', en: 'S&T staff or employees' },
    ),
  );
  out.push(
    ratioCriterion(
      'hitech_revenue',
      { zh: '高新技术产品（服务）收入占比', en: 'High-tech product revenue share' },
      num(f.hitechShare),
      '>=',
      p.minHitechRevenueShare,
      { hitechRevenue: f.hitechRevenue, revenue: revLatest, hitechShare: f.hitechShare },
      () => ({
        zh: `高新技术产品收入 ${fmtYuan(num(f.hitechRevenue)).zh} / 总收入 ${fmtYuan(revLatest).zh}`,
        en: `high-tech revenue ${fmtYuan(num(f.hitechRevenue)).en} / revenue ${fmtYuan(revLatest).en}`,
      }),
      { zh: '高新技术产品收入或营业收入', en: 'high-tech or total revenue' },
    ),
  );

  const ipLabel = { zh: '核心自主知识产权', en: 'Core intellectual property' };
  const c1 = num(f.ipClass1);
  const c2 = num(f.ipClass2);
  const ipThresholds = { minClass1: p.ipMinClass1, minClass2: p.ipMinClass2 };
  if ((c1 === null || c1 === undefined) && (c2 === null || c2 === undefined))
    out.push(
      missingCriterion(
        'ip',
        ipLabel,
        { zh: '知识产权数量', en: 'IP counts' },
        { ipClass1: null, ipClass2: null },
        ipThresholds,
      ),
    );
  else {
    const by1 = p.ipMinClass1 > 0 && (c1 ?? 0) >= p.ipMinClass1;
    const by2 = p.ipMinClass2 !== null && p.ipMinClass2 !== undefined && (c2 ?? 0) >= p.ipMinClass2;
    const pass = by1 || by2;
    out.push(
      criterion('ip', ipLabel, pass, { ipClass1: c1, ipClass2: c2 }, ipThresholds, {
        zh: `Ⅰ类 ${c1 ?? 0} 项、Ⅱ类 ${c2 ?? 0} 项；要求Ⅰ类不少于 ${p.ipMinClass1} 项${p.ipMinClass2 !== null && p.ipMinClass2 !== undefined ? `或Ⅱ类不少于 ${p.ipMinClass2} 项` : ''}：${pass ? '符合' : '不符合'}`,
        en: `class I: ${c1 ?? 0}, class II: ${c2 ?? 0}; required at least ${p.ipMinClass1} class I${p.ipMinClass2 !== null && p.ipMinClass2 !== undefined ? ` or ${p.ipMinClass2} class II` : ''}: ${pass ? 'met' : 'not met'}`,
      }),
    );
  }
  return out;
}

// ── 科技型中小企业 ───────────────────────────────────────────────────────────────────────────────

function techSmeFigures(p: TechSmeParams, e: EvalEnterprise, by: IndicatorsByYear, year: number): Figures {
  const i = get(by, year) ?? {};
  const ref = refDateOf(year);
  const held = qualificationsHeldOn(e.qualifications, ref)
    .map((q) => q.type)
    .filter((t) => p.directQualifications.includes(t));
  const revenue = num(i.revenue);
  const profit = num(i.profit);
  const totalCost =
    revenue !== null &&
    revenue !== undefined &&
    profit !== null &&
    profit !== undefined &&
    revenue - profit > 0
      ? revenue - profit
      : null;
  return {
    refDate: ref,
    staff: num(i.staff),
    revenue,
    totalAssets: num(i.totalAssets),
    stStaff: num(i.stStaff),
    stStaffRatio: ratioOf(i.stStaff, i.staff),
    rdExpense: num(i.rdExpense),
    rdRevenueRatio: ratioOf(i.rdExpense, revenue),
    totalCost,
    rdCostRatio: ratioOf(i.rdExpense, totalCost),
    ipClass1: num(i.ipClass1),
    ipClass2: num(i.ipClass2),
    directHeld: [...new Set(held)].sort().join(',') || null,
  };
}

const bandScore = (bands: Array<{ min: number; score: number }>, v: number | null) =>
  v === null || v === undefined
    ? 0
    : ([...bands].sort((a, b) => b.min - a.min).find((b) => v >= b.min)?.score ?? 0);

export function techSmeScores(p: TechSmeParams, f: Figures) {
  const stScore = bandScore(p.stStaffBands, num(f.stStaffRatio));
  const rdByRevenue = bandScore(p.rdRevenueBands, num(f.rdRevenueRatio));
  const rdByCost = p.rdCostBands ? bandScore(p.rdCostBands, num(f.rdCostRatio)) : 0;
  const rdScore = Math.max(rdByRevenue, rdByCost);
  const c1 = num(f.ipClass1) ?? 0;
  const c2 = num(f.ipClass2) ?? 0;
  const ipScore =
    c1 >= 1
      ? p.ipClass1Score
      : bandScore(
          p.ipClass2Bands.map((b) => ({ min: b.min, score: b.score })),
          c2,
        );
  return { stScore, rdByRevenue, rdByCost, rdScore, ipScore, score: stScore + rdScore + ipScore };
}

function techSmeJudge(p: TechSmeParams, f: Figures): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  out.push(
    maxCriterion(
      'staff_limit',
      { zh: '职工总数', en: 'Employees' },
      num(f.staff),
      p.maxStaff,
      { staff: f.staff },
      { zh: '职工总数', en: 'employees' },
      persons,
    ),
  );
  out.push(
    maxCriterion(
      'revenue_limit',
      { zh: '年销售收入', en: 'Annual revenue' },
      num(f.revenue),
      p.maxRevenue,
      { revenue: f.revenue },
      { zh: '年销售收入', en: 'revenue' },
      fmtYuan,
    ),
  );
  out.push(
    maxCriterion(
      'assets_limit',
      { zh: '资产总额', en: 'Total assets' },
      num(f.totalAssets),
      p.maxTotalAssets,
      { totalAssets: f.totalAssets },
      { zh: '资产总额', en: 'total assets' },
      fmtYuan,
    ),
  );

  const s = techSmeScores(p, f);
  const scoreLabel = { zh: '评价得分（科技人员 + 研发投入 + 科技成果）', en: 'Score (S&T staff + R&D + IP)' };
  const scoreFigures: FigIn = {
    stStaffRatio: f.stStaffRatio,
    rdRevenueRatio: f.rdRevenueRatio,
    rdCostRatio: f.rdCostRatio,
    ipClass1: f.ipClass1,
    ipClass2: f.ipClass2,
    stScore: s.stScore,
    rdScore: s.rdScore,
    ipScore: s.ipScore,
    score: s.score,
  };
  const noData = f.staff === null || f.staff === undefined || f.revenue === null || f.revenue === undefined;
  if (noData)
    out.push(
      missingCriterion(
        'score',
        scoreLabel,
        { zh: '职工或销售收入', en: 'employees or revenue' },
        scoreFigures,
        { minScore: p.minScore },
        'alternative',
      ),
    );
  else {
    const pass = s.score >= p.minScore && s.stScore > 0;
    out.push(
      criterion(
        'score',
        scoreLabel,
        pass,
        scoreFigures,
        { minScore: p.minScore, minStScore: 0 },
        {
          zh: `科技人员占比 ${pct(num(f.stStaffRatio))} 得 ${s.stScore} 分，研发投入（销售收入比 ${pct(num(f.rdRevenueRatio))}${p.rdCostBands ? `、成本费用比 ${pct(num(f.rdCostRatio))}` : ''}）得 ${s.rdScore} 分，科技成果得 ${s.ipScore} 分，合计 ${s.score} 分；要求不低于 ${p.minScore} 分且科技人员指标得分大于 0：${pass ? '符合' : '不符合'}`,
          en: `S&T staff ${pct(num(f.stStaffRatio))} scores ${s.stScore}, R&D (of revenue ${pct(num(f.rdRevenueRatio))}${p.rdCostBands ? `, of cost ${pct(num(f.rdCostRatio))}` : ''}) ${s.rdScore}, IP ${s.ipScore}: total ${s.score}; required at least ${p.minScore} with an S&T staff score above 0: ${pass ? 'met' : 'not met'}`,
        },
        { role: 'alternative' },
      ),
    );
  }
  const held = str(f.directHeld);
  const names = (list: string) =>
    list.split(',').map((t) => QUALIFICATION_TYPE_LABELS[t as QualificationType]);
  out.push(
    criterion(
      'direct',
      { zh: '直接确认条件（直通车）', en: 'Direct route' },
      held !== null && held !== undefined,
      { directHeld: held },
      { qualifications: p.directQualifications.join(',') },
      held
        ? () => ({
            zh: `持有有效期内的${names(held)
              .map((n) => n.zh)
              .join('、')}资格，可直接确认`,
            en: `Holds a valid ${names(held)
              .map((n) => n.en)
              .join(', ')} qualification: direct confirmation`,
          })
        : {
            zh: `未持有有效期内的${p.directQualifications.map((t) => QUALIFICATION_TYPE_LABELS[t].zh).join('、')}资格`,
            en: `Holds no valid ${p.directQualifications.map((t) => QUALIFICATION_TYPE_LABELS[t].en).join(', ')} qualification`,
          },
      { role: 'alternative' },
    ),
  );
  return out;
}

// ── 专精特新中小企业 (provincial baseline) ───────────────────────────────────────────────────────

function specializedFigures(
  _p: SpecializedSmeParams,
  e: EvalEnterprise,
  by: IndicatorsByYear,
  year: number,
): Figures {
  const i = get(by, year) ?? {};
  return {
    foundedOn: e.foundedOn,
    refDate: refDateOf(year),
    revenue: num(i.revenue),
    rdExpense: num(i.rdExpense),
    rdRatio: ratioOf(i.rdExpense, i.revenue),
  };
}

function specializedJudge(p: SpecializedSmeParams, f: Figures): EligibilityCriterion[] {
  return [
    yearsInBusiness(
      'years_in_business',
      { zh: '从事特定细分市场年限', en: 'Years in its niche market' },
      str(f.foundedOn),
      String(f.refDate),
      p.minYearsInBusiness,
    ),
    minCriterion(
      'rd_expense',
      { zh: '上年度研发费用总额', en: 'R&D expense last year' },
      num(f.rdExpense),
      p.minRdExpense,
      { rdExpense: f.rdExpense },
      { zh: '研发费用', en: 'R&D expense' },
      fmtYuan,
    ),
    ratioCriterion(
      'rd_ratio',
      { zh: '研发费用占营业收入比重', en: 'R&D expense / revenue' },
      num(f.rdRatio),
      '>=',
      p.minRdRatio,
      { rdExpense: f.rdExpense, revenue: f.revenue, rdRatio: f.rdRatio },
      { zh: '研发费用占营业收入', en: 'R&D / revenue' },
      { zh: '研发费用或营业收入', en: 'R&D expense or revenue' },
    ),
    minCriterion(
      'revenue',
      { zh: '上年度营业收入', en: 'Revenue last year' },
      num(f.revenue),
      p.minRevenue,
      { revenue: f.revenue },
      { zh: '营业收入', en: 'revenue' },
      fmtYuan,
    ),
  ];
}

// ── 专精特新“小巨人” ────────────────────────────────────────────────────────────────────────────

function littleGiantFigures(
  _p: LittleGiantParams,
  e: EvalEnterprise,
  by: IndicatorsByYear,
  year: number,
): Figures {
  const i = get(by, year) ?? {};
  const p1 = get(by, year - 1) ?? {};
  const p2 = get(by, year - 2) ?? {};
  const g1 = ratioOf(i.revenue, p1.revenue);
  const g2 = ratioOf(p1.revenue, p2.revenue);
  const rd2y =
    i.rdExpense !== null && i.rdExpense !== undefined && p1.rdExpense !== null && p1.rdExpense !== undefined
      ? i.rdExpense + p1.rdExpense
      : null;
  const rev2y =
    i.revenue !== null && i.revenue !== undefined && p1.revenue !== null && p1.revenue !== undefined
      ? i.revenue + p1.revenue
      : null;
  return {
    foundedOn: e.foundedOn,
    refDate: refDateOf(year),
    revenue: num(i.revenue),
    revenuePrev: num(p1.revenue),
    revenuePrev2: num(p2.revenue),
    avgGrowth2y:
      g1 !== null && g1 !== undefined && g2 !== null && g2 !== undefined ? r6((g1 - 1 + (g2 - 1)) / 2) : null,
    totalAssets: num(i.totalAssets),
    liabilities: num(i.liabilities),
    debtRatio: ratioOf(i.liabilities, i.totalAssets),
    rdExpense2y: rd2y,
    revenue2y: rev2y,
    rdRatio2y: ratioOf(rd2y, rev2y),
    stStaffRatio: ratioOf(i.stStaff, i.staff),
    ipClass1: num(i.ipClass1),
  };
}

function littleGiantJudge(p: LittleGiantParams, f: Figures): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [
    yearsInBusiness(
      'years_in_business',
      { zh: '从事特定细分市场年限', en: 'Years in its niche market' },
      str(f.foundedOn),
      String(f.refDate),
      p.minYearsInBusiness,
    ),
    ratioCriterion(
      'growth',
      { zh: '近两年主营业务收入平均增长率', en: 'Average revenue growth, last two years' },
      num(f.avgGrowth2y),
      '>=',
      p.minAvgGrowth2y,
      {
        revenue: f.revenue,
        revenuePrev: f.revenuePrev,
        revenuePrev2: f.revenuePrev2,
        avgGrowth2y: f.avgGrowth2y,
      },
      { zh: '近两年营业收入平均增长率', en: 'average growth' },
      { zh: '近三年营业收入', en: 'revenue of the last three years' },
    ),
    ratioCriterion(
      'debt_ratio',
      { zh: '资产负债率', en: 'Debt-to-asset ratio' },
      num(f.debtRatio),
      '<=',
      p.maxDebtRatio,
      { liabilities: f.liabilities, totalAssets: f.totalAssets, debtRatio: f.debtRatio },
      { zh: '资产负债率', en: 'debt ratio' },
      { zh: '资产或负债总额', en: 'assets or liabilities' },
    ),
  ];
  const rdLabel = { zh: '研发投入（按营业收入分档）', en: 'R&D by revenue band' };
  const rev = num(f.revenue);
  const rdFig = {
    revenue: rev,
    rdExpense2y: f.rdExpense2y,
    revenue2y: f.revenue2y,
    rdRatio2y: f.rdRatio2y,
    stStaffRatio: f.stStaffRatio,
  };
  if (rev === null || rev === undefined || f.rdExpense2y === null || f.rdExpense2y === undefined)
    out.push(
      missingCriterion(
        'rd',
        rdLabel,
        { zh: '近两年营业收入或研发费用', en: 'revenue or R&D of the last two years' },
        rdFig,
        {},
      ),
    );
  else {
    const bands = [...p.rdBands].sort((a, b) => b.minRevenue - a.minRevenue);
    const band = bands.find((b) => rev >= b.minRevenue) ?? bands[bands.length - 1]!;
    const checks: Array<{ ok: boolean; zh: string; en: string }> = [];
    if (band.minRdRatio2y !== null && band.minRdRatio2y !== undefined)
      checks.push({
        ok: (num(f.rdRatio2y) ?? -1) >= band.minRdRatio2y,
        zh: `近两年研发费用占营业收入 ${pct(num(f.rdRatio2y))}（要求≥${pct(band.minRdRatio2y)}）`,
        en: `2-year R&D ratio ${pct(num(f.rdRatio2y))} (≥ ${pct(band.minRdRatio2y)})`,
      });
    if (band.minRdExpense2y !== null && band.minRdExpense2y !== undefined)
      checks.push({
        ok: num(f.rdExpense2y)! >= band.minRdExpense2y,
        zh: `近两年研发费用 ${fmtYuan(num(f.rdExpense2y)).zh}（要求≥${fmtYuan(band.minRdExpense2y).zh}）`,
        en: `2-year R&D ${fmtYuan(num(f.rdExpense2y)).en} (≥ ${fmtYuan(band.minRdExpense2y).en})`,
      });
    if (band.minStStaffRatio !== null && band.minStStaffRatio !== undefined)
      checks.push({
        ok: (num(f.stStaffRatio) ?? -1) >= band.minStStaffRatio,
        zh: `研发人员占比 ${pct(num(f.stStaffRatio))}（要求≥${pct(band.minStStaffRatio)}）`,
        en: `R&D staff ${pct(num(f.stStaffRatio))} (≥ ${pct(band.minStStaffRatio)})`,
      });
    const pass = checks.every((c) => c.ok);
    out.push(
      criterion(
        'rd',
        rdLabel,
        pass,
        rdFig,
        {
          bandMinRevenue: band.minRevenue,
          minRdRatio2y: band.minRdRatio2y,
          minRdExpense2y: band.minRdExpense2y,
          minStStaffRatio: band.minStStaffRatio,
        },
        () => ({
          zh: `上年度营业收入 ${fmtYuan(rev).zh}（${fmtYuan(band.minRevenue).zh}及以上档）：${checks.map((c) => c.zh).join('，')}：${pass ? '符合' : '不符合'}`,
          en: `revenue ${fmtYuan(rev).en} (band from ${fmtYuan(band.minRevenue).en}): ${checks.map((c) => c.en).join(', ')}: ${pass ? 'met' : 'not met'}`,
        }),
      ),
    );
  }
  out.push(
    minCriterion(
      'ip',
      { zh: 'Ⅰ类知识产权', en: 'Class I IP' },
      num(f.ipClass1),
      p.minClass1Ip,
      { ipClass1: f.ipClass1 },
      { zh: 'Ⅰ类知识产权', en: 'class I IP' },
      items,
    ),
  );
  return out;
}

// ── 瞪羚 ────────────────────────────────────────────────────────────────────────────────────────

function gazelleFigures(p: GazelleParams, _e: EvalEnterprise, by: IndicatorsByYear, year: number): Figures {
  const base = num(get(by, year - p.years)?.revenue);
  const rev = num(get(by, year)?.revenue);
  const prev = num(get(by, year - 1)?.revenue);
  return {
    baseYear: year - p.years,
    baseRevenue: base,
    revenue: rev,
    prevRevenue: prev,
    cagr:
      base !== null && base !== undefined && rev !== null && rev !== undefined && base > 0 && rev >= 0
        ? r6(Math.pow(rev / base, 1 / p.years) - 1)
        : null,
    lastYearGrowth: ratioOf(
      rev !== null && rev !== undefined && prev !== null && prev !== undefined ? rev - prev : null,
      prev,
    ),
  };
}

function gazelleJudge(p: GazelleParams, f: Figures): EligibilityCriterion[] {
  const out = [
    minCriterion(
      'base_revenue',
      { zh: `${f.baseYear} 年营业收入（基期）`, en: `Revenue in ${f.baseYear} (base year)` },
      num(f.baseRevenue),
      p.minBaseRevenue,
      { baseYear: f.baseYear, baseRevenue: f.baseRevenue },
      { zh: `${f.baseYear} 年营业收入`, en: `revenue in ${f.baseYear}` },
      fmtYuan,
    ),
    ratioCriterion(
      'cagr',
      { zh: `近 ${p.years} 年营业收入年均复合增长率`, en: `${p.years}-year revenue CAGR` },
      num(f.cagr),
      '>',
      p.minCagr,
      { baseRevenue: f.baseRevenue, revenue: f.revenue, cagr: f.cagr },
      () => ({
        zh: `营业收入由 ${fmtYuan(num(f.baseRevenue)).zh} 增至 ${fmtYuan(num(f.revenue)).zh}，年均复合增长率`,
        en: `revenue from ${fmtYuan(num(f.baseRevenue)).en} to ${fmtYuan(num(f.revenue)).en}, CAGR`,
      }),
      { zh: '基期或当年营业收入', en: 'base-year or latest revenue' },
    ),
  ];
  if (p.requireLastYearGrowth)
    out.push(
      ratioCriterion(
        'last_year_growth',
        { zh: '上年度营业收入正增长', en: 'Revenue growth last year' },
        num(f.lastYearGrowth),
        '>',
        0,
        { prevRevenue: f.prevRevenue, revenue: f.revenue, lastYearGrowth: f.lastYearGrowth },
        { zh: '上年度营业收入增长率', en: 'last-year growth' },
        { zh: '上两年营业收入', en: 'revenue of the last two years' },
      ),
    );
  return out;
}

// ── 独角兽 / 潜在独角兽 ─────────────────────────────────────────────────────────────────────────

function unicornFigures(_p: unknown, e: EvalEnterprise, by: IndicatorsByYear, year: number): Figures {
  const i = get(by, year) ?? {};
  return {
    foundedOn: e.foundedOn,
    refDate: refDateOf(year),
    ageYears: e.foundedOn ? ageYears(e.foundedOn, refDateOf(year)) : null,
    listed: e.listed,
    valuationUsd: num(i.valuationUsd),
    latestRound: str(i.latestRound),
  };
}

function unlistedCriterion(f: Figures) {
  const listed = f.listed === true;
  return criterion(
    'unlisted',
    { zh: '未上市', en: 'Not listed' },
    !listed,
    { listed },
    { listed: false },
    listed
      ? { zh: '企业已上市', en: 'The enterprise is listed' }
      : { zh: '企业未上市', en: 'The enterprise is not listed' },
  );
}

function unicornJudge(p: UnicornParams, f: Figures): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  const ageLabel = { zh: `成立 ${p.maxAgeYears} 年以内`, en: `Founded within ${p.maxAgeYears} years` };
  const founded = str(f.foundedOn);
  if (!founded)
    out.push(
      missingCriterion(
        'age',
        ageLabel,
        { zh: '成立日期', en: 'founding date' },
        { foundedOn: null },
        { maxAgeYears: p.maxAgeYears },
      ),
    );
  else {
    const pass = addYears(founded, p.maxAgeYears) >= String(f.refDate);
    out.push(
      criterion(
        'age',
        ageLabel,
        pass,
        { foundedOn: founded, refDate: f.refDate, ageYears: f.ageYears },
        { maxAgeYears: p.maxAgeYears },
        () => ({
          zh: `成立于 ${founded}，截至 ${f.refDate} 约 ${f.ageYears} 年：${pass ? '符合' : '超过'} ${p.maxAgeYears} 年`,
          en: `Founded ${founded}: about ${f.ageYears} years by ${f.refDate}: ${pass ? 'within' : 'over'} ${p.maxAgeYears}`,
        }),
      ),
    );
  }
  if (p.requireUnlisted) out.push(unlistedCriterion(f));
  out.push(
    minCriterion(
      'valuation',
      { zh: '最近一轮估值', en: 'Latest valuation' },
      num(f.valuationUsd),
      p.minValuationUsd,
      { valuationUsd: f.valuationUsd, latestRound: f.latestRound },
      { zh: '最近一轮估值', en: 'latest valuation' },
      fmtUsd,
      true,
    ),
  );
  return out;
}

function potentialUnicornJudge(p: PotentialUnicornParams, f: Figures): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  if (p.requireUnlisted) out.push(unlistedCriterion(f));
  const label = { zh: '成立年限与估值', en: 'Age and valuation' };
  const founded = str(f.foundedOn);
  const v = num(f.valuationUsd);
  const fig = { foundedOn: founded, refDate: f.refDate, ageYears: f.ageYears, valuationUsd: v };
  if (!founded || v === null || v === undefined)
    out.push(
      missingCriterion(
        'age_valuation',
        label,
        { zh: founded ? '估值' : '成立日期', en: founded ? 'valuation' : 'founding date' },
        fig,
        {},
      ),
    );
  else {
    const bands = [...p.bands].sort((a, b) => a.maxAgeYears - b.maxAgeYears);
    const band = bands.find((b) => addYears(founded, b.maxAgeYears) >= String(f.refDate));
    if (!band)
      out.push(
        criterion(
          'age_valuation',
          label,
          false,
          fig,
          { maxAgeYears: bands[bands.length - 1]!.maxAgeYears },
          () => ({
            zh: `成立约 ${f.ageYears} 年，超过 ${bands[bands.length - 1]!.maxAgeYears} 年`,
            en: `About ${f.ageYears} years old, over ${bands[bands.length - 1]!.maxAgeYears}`,
          }),
        ),
      );
    else {
      const pass = v >= band.minValuationUsd;
      out.push(
        criterion(
          'age_valuation',
          label,
          pass,
          fig,
          { maxAgeYears: band.maxAgeYears, minValuationUsd: band.minValuationUsd },
          () => ({
            zh: `成立约 ${f.ageYears} 年（${band.maxAgeYears} 年以内档），估值 ${fmtUsd(v).zh}，要求不低于 ${fmtUsd(band.minValuationUsd).zh}：${pass ? '符合' : '不符合'}`,
            en: `About ${f.ageYears} years old (band up to ${band.maxAgeYears}), valuation ${fmtUsd(v).en}; required at least ${fmtUsd(band.minValuationUsd).en}: ${pass ? 'met' : 'not met'}`,
          }),
        ),
      );
    }
  }
  if (p.maxValuationUsd !== null && p.maxValuationUsd !== undefined)
    out.push(
      maxCriterion(
        'valuation_cap',
        { zh: '估值未达独角兽标准', en: 'Valuation below unicorn level' },
        v,
        p.maxValuationUsd,
        { valuationUsd: v },
        { zh: '估值', en: 'valuation' },
        fmtUsd,
      ),
    );
  return out;
}

// ── dispatch ────────────────────────────────────────────────────────────────────────────────────

type TierImpl = {
  figures(params: any, e: EvalEnterprise, by: IndicatorsByYear, year: number): Figures;
  judge(params: any, f: Figures): EligibilityCriterion[];
};
const TIERS: Record<EligibilityTier, TierImpl> = {
  hitech: { figures: hitechFigures, judge: hitechJudge },
  tech_sme: { figures: techSmeFigures, judge: techSmeJudge },
  specialized_sme: { figures: specializedFigures, judge: specializedJudge },
  little_giant: { figures: littleGiantFigures, judge: littleGiantJudge },
  gazelle: { figures: gazelleFigures, judge: gazelleJudge },
  unicorn: { figures: unicornFigures, judge: unicornJudge },
  potential_unicorn: { figures: unicornFigures, judge: potentialUnicornJudge },
};

export function computeFigures(
  tier: EligibilityTier,
  params: unknown,
  e: EvalEnterprise,
  by: IndicatorsByYear,
  year: number,
): Figures {
  return TIERS[tier].figures(params, e, by, year);
}

export function judge(
  tier: EligibilityTier,
  params: unknown,
  figures: Figures,
  opts: { explain?: boolean } = {},
): Judgement {
  explaining = opts.explain !== false;
  let criteria: EligibilityCriterion[];
  try {
    criteria = TIERS[tier].judge(params, figures);
  } finally {
    explaining = true;
  }
  const manual = (params as { manualChecks?: Array<{ zh: string; en: string }> }).manualChecks ?? [];
  return { pass: overall(criteria), criteria, manualChecks: manual };
}

/**
 * Evaluates one enterprise against one rule set on the figures up to `asOfYear` (the latest fiscal year
 * used). Pure: same inputs, same answer — per criterion the figures and thresholds used, and the overall pass.
 */
export function evaluateEligibility(
  ruleSet: RuleSetLike,
  enterprise: EvalEnterprise,
  indicatorsByYear: IndicatorsByYear,
  asOfYear: number,
  opts: { explain?: boolean } = {},
): Evaluation {
  const figures = computeFigures(ruleSet.tier, ruleSet.params, enterprise, indicatorsByYear, asOfYear);
  return {
    tier: ruleSet.tier,
    ruleSetId: ruleSet.id,
    year: asOfYear,
    figures,
    ...judge(ruleSet.tier, ruleSet.params, figures, opts),
  };
}

/**
 * The figures each tier computes, in a fixed order: stored results keep only the values ([format, …values])
 * so half a million enterprises × 7 tiers stay small. A new figure is appended at the end of its list and
 * the format number raised; decodeFigures still reads every older format (and plain JSON objects).
 */
export const FIGURE_KEYS: Record<EligibilityTier, readonly string[]> = {
  hitech: [
    'foundedOn',
    'refDate',
    'windowFrom',
    'windowTo',
    'missingYears',
    'revenueLatest',
    'rdTotal',
    'revenueTotal',
    'rdRatio',
    'rdDomesticTotal',
    'domesticShare',
    'staff',
    'stStaff',
    'stStaffRatio',
    'hitechRevenue',
    'hitechShare',
    'ipClass1',
    'ipClass2',
  ],
  tech_sme: [
    'refDate',
    'staff',
    'revenue',
    'totalAssets',
    'stStaff',
    'stStaffRatio',
    'rdExpense',
    'rdRevenueRatio',
    'totalCost',
    'rdCostRatio',
    'ipClass1',
    'ipClass2',
    'directHeld',
  ],
  specialized_sme: ['foundedOn', 'refDate', 'revenue', 'rdExpense', 'rdRatio'],
  little_giant: [
    'foundedOn',
    'refDate',
    'revenue',
    'revenuePrev',
    'revenuePrev2',
    'avgGrowth2y',
    'totalAssets',
    'liabilities',
    'debtRatio',
    'rdExpense2y',
    'revenue2y',
    'rdRatio2y',
    'stStaffRatio',
    'ipClass1',
  ],
  gazelle: ['baseYear', 'baseRevenue', 'revenue', 'prevRevenue', 'cagr', 'lastYearGrowth'],
  unicorn: ['foundedOn', 'refDate', 'ageYears', 'listed', 'valuationUsd', 'latestRound'],
  potential_unicorn: ['foundedOn', 'refDate', 'ageYears', 'listed', 'valuationUsd', 'latestRound'],
};
const FIGURE_FORMAT = 1;

export function encodeFigures(tier: EligibilityTier, f: Figures): string {
  const keys = FIGURE_KEYS[tier];
  const out: Array<Figures[string]> = [FIGURE_FORMAT];
  for (const k of keys) out.push(f[k] ?? null);
  return JSON.stringify(out);
}

export function decodeFigures(tier: EligibilityTier, text: string): Figures {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) return v as Figures;
  const keys = FIGURE_KEYS[tier];
  const f: Figures = {};
  keys.forEach((k, i) => (f[k] = (v[i + 1] ?? null) as Figures[string]));
  return f;
}

/** The criteria that sink the result: failed required ones, or every alternative when none passed. */
export function failedCriteria(criteria: readonly EligibilityCriterion[]): string[] {
  const failedRequired = criteria.filter((c) => c.role === 'required' && !c.pass).map((c) => c.id);
  const alternatives = criteria.filter((c) => c.role === 'alternative');
  const altFailed =
    alternatives.length > 0 && !alternatives.some((c) => c.pass) ? alternatives.map((c) => c.id) : [];
  return [...failedRequired, ...altFailed];
}
