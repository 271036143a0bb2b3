import type { QualificationLevel, QualificationType } from '../../../../contracts/schemas/enterprises';
import { ELIGIBILITY_TIERS } from '../../../../contracts/schemas/enterprises';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../../contracts/validators/credit-code';
import { systemActor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { newId } from '../../core/ids';
import type { DemoContext } from '../demo/demo.seed';
import { evaluateRows, loadRuleSets, toEvalQualification } from './enterprises.eligibility.service';
import { QUALIFICATION_VALIDITY_YEARS } from './enterprises.config';
import { nameInitials } from './enterprises.names';
import * as repo from './enterprises.repository';
import { addYears, type EvalIndicators } from './enterprises.rules';
import type {
  EnterpriseCandidateTable,
  EnterpriseIndicatorTable,
  EnterpriseNameTable,
  EnterpriseQualificationTable,
  EnterpriseTable,
} from './enterprises.table';

/**
 * The demo city's enterprise registry: about 4,800 enterprises in Zhenjiang's districts and zones with 2020–2024
 * indicators, six years of qualifications and a candidate pool. Deterministic (seeded PRNG, fixed business dates).
 *
 * Computed from the qualification records (countNewQualifications), 2024's newly recognised are exactly the
 * city's published figures — 560 national 高新技术企业, 2 独角兽, 28 provincial 瞪羚, 197 provincial-or-higher
 * 专精特新 — because the records are built cohort by cohort:
 * - 高企 first recognitions 2019–2024 (250/300/380/420/480/560) and 复审 records three years later for most
 *   (2022, 2023, 2024, 2025), which are not new;
 * - 专精特新 (provincial) 180 new in 2024 plus 80 re-examinations, 小巨人 (national) 20 new in 2024 of which 3
 *   got the provincial title the same year: 180 + 20 − 3 = 197; 60 municipal ones do not count;
 * - 瞪羚: 28 provincial first listings in 2024, 10 re-listed from 2023, 40 municipal;
 * - 独角兽: 2 new in 2024, 1 re-listed from 2023.
 * Indicators follow the records (recognised 高企 meet the criteria; gazelles grow > 20% a year …), with a few
 * enterprises that meet the 高企 criteria unrecognised, lapsed 高企, renamed enterprises, three credit codes
 * whose organisation-code check fails (a warning), and the organisation's SOE groups (soe-urban, soe-transport).
 */

// ── deterministic randomness ────────────────────────────────────────────────────────────────────

type Rand = {
  next(): number;
  int(a: number, b: number): number;
  pick<T>(xs: readonly T[]): T;
  range(a: number, b: number): number;
  chance(p: number): boolean;
};
function rng(seed: number): Rand {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    range: (a, b) => a + next() * (b - a),
    chance: (p) => next() < p,
  };
}
function shuffled<T>(r: Rand, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

// ── the city ────────────────────────────────────────────────────────────────────────────────────

export const DEMO_ENTERPRISE_COUNT = 4800;
const YEARS = [2020, 2021, 2022, 2023, 2024] as const;

const PLACES = [
  { unit: 'danyang', region: '321181', prefix: ['丹阳', '江苏'], weight: 21 },
  { unit: 'zj-etdz', region: '321171', prefix: ['镇江', '江苏'], weight: 17 },
  { unit: 'jurong', region: '321183', prefix: ['句容', '江苏'], weight: 12 },
  { unit: 'yangzhong', region: '321182', prefix: ['扬中', '江苏'], weight: 12 },
  { unit: 'dantu', region: '321112', prefix: ['镇江', '江苏'], weight: 10 },
  { unit: 'jingkou', region: '321102', prefix: ['镇江', '江苏'], weight: 10 },
  { unit: 'runzhou', region: '321111', prefix: ['镇江', '江苏'], weight: 8 },
  { unit: 'zj-hitech', region: '321111', prefix: ['镇江', '江苏'], weight: 10 },
] as const;

const FIRST = '华恒宏天金大正鼎瑞汇联新通科圣远凯明东润亚永海博中迈星卓宝康盛泰银长京鑫鸿辰蓝嘉'.split('');
const SECOND = '东顺达工鹰全昌胜川成宇科航迪珠方港华太盛鸿奥恒驰辰越泰和源运龙海孚鼎信诚锐德丰明'.split('');
const TRADES: Array<{ word: string; industry: string }> = [
  { word: '精密机械', industry: '3489' },
  { word: '电气', industry: '3823' },
  { word: '新材料', industry: '3985' },
  { word: '碳材料', industry: '3091' },
  { word: '光电', industry: '3976' },
  { word: '生物医药', industry: '2761' },
  { word: '智能装备', industry: '3491' },
  { word: '电子科技', industry: '3982' },
  { word: '化工', industry: '2614' },
  { word: '汽车零部件', industry: '3670' },
  { word: '船舶配套', industry: '3734' },
  { word: '光学眼镜', industry: '3587' },
  { word: '工具', industry: '3321' },
  { word: '航空科技', industry: '3744' },
  { word: '软件', industry: '6513' },
  { word: '信息技术', industry: '6531' },
  { word: '环保科技', industry: '3591' },
  { word: '新能源', industry: '3825' },
  { word: '医疗器械', industry: '3581' },
  { word: '食品', industry: '1469' },
  { word: '高分子材料', industry: '2651' },
  { word: '纺织印染', industry: '1713' },
];
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '科技有限公司'];

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function orgCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i]!;
    sum += (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
/** A valid 统一社会信用代码 for a company registered in `region`; `badOrgCheck` breaks the 17th character only. */
function creditCode(r: Rand, region: string, young: boolean, badOrgCheck = false): string {
  let body = young ? 'MA' : '';
  while (body.length < 8) body += young ? CREDIT_CODE_CHARSET[r.int(0, 30)] : String(r.int(0, 9));
  let check = orgCheck(body);
  if (badOrgCheck) check = check === '1' ? '2' : '1';
  const first17 = `91${region}${body}${check}`;
  return first17 + creditCodeCheckChar(first17);
}

// ── the enterprise plan ─────────────────────────────────────────────────────────────────────────

type Q = {
  type: QualificationType;
  level: QualificationLevel;
  granted: string;
  batch: string;
  certNo?: string;
  issuer: string;
};
type Plan = {
  i: number;
  place: (typeof PLACES)[number];
  trade: (typeof TRADES)[number];
  name: string;
  code: string;
  foundedYear: number;
  /** revenue in 2020 (元) and yearly growth */
  base: number;
  growth: number;
  meetsHitech: boolean;
  gazelle: 'provincial' | 'municipal' | null;
  smallLimits: boolean;
  specialized: boolean;
  valuation: { usd: number; round: string } | null;
  quals: Q[];
  formerName?: { name: string; until: string };
};

const HITECH_BATCHES: Record<number, string[]> = {
  2019: ['2019-11-22', '2019-12-05'],
  2020: ['2020-12-02', '2020-12-16'],
  2021: ['2021-11-30', '2021-12-15'],
  2022: ['2022-11-18', '2022-12-12'],
  2023: ['2023-11-06', '2023-12-08'],
  2024: ['2024-11-19', '2024-12-16'],
  2025: ['2025-11-20', '2025-12-11'],
};
/** First recognitions per year (2024 is the published figure). */
export const HITECH_NEW: Record<number, number> = {
  2019: 250,
  2020: 300,
  2021: 380,
  2022: 420,
  2023: 480,
  2024: 560,
};
/** How many of each cohort passed 复审 three years later. */
const HITECH_RENEWED: Record<number, number> = { 2019: 200, 2020: 240, 2021: 300, 2022: 350 };
const SPEC_NEW: Record<number, number> = { 2021: 100, 2022: 130, 2023: 150, 2024: 180 };
const LG_NEW: Record<number, number> = { 2021: 8, 2022: 10, 2023: 12 };

export const DEMO_2024_FIGURES = {
  newHitechNational: 560,
  newUnicorns: 2,
  newGazellesProvincial: 28,
  newSpecializedProvincialPlus: 197,
};

const ISSUER = {
  hitech: '江苏省高新技术企业认定管理工作协调小组',
  specialized: '江苏省工业和信息化厅',
  littleGiant: '工业和信息化部',
  innovative: '江苏省工业和信息化厅',
  gazelleP: '江苏省生产力促进中心',
  gazelleM: '镇江市科学技术局',
  unicorn: '长城战略咨询 / 科技部火炬中心（中国独角兽企业榜单）',
  techSme: '江苏省科学技术厅',
};

function plan(): Plan[] {
  const r = rng(20241231);
  const total = PLACES.reduce((s, p) => s + p.weight, 0);
  const names = new Set<string>();
  const codes = new Set<string>();
  const plans: Plan[] = [];
  for (let i = 0; i < DEMO_ENTERPRISE_COUNT; i++) {
    let x = r.next() * total;
    const place = PLACES.find((p) => (x -= p.weight) < 0) ?? PLACES[0];
    let name = '';
    let trade = TRADES[0]!;
    for (let tries = 0; !name || names.has(name); tries++) {
      trade = r.pick(TRADES);
      name = `${r.pick(place.prefix)}${r.pick(FIRST)}${r.pick(SECOND)}${trade.word}${r.pick(SUFFIXES)}`;
      if (tries > 20)
        name = `${place.prefix[0]}${r.pick(FIRST)}${r.pick(SECOND)}${r.pick(SECOND)}${trade.word}有限公司`;
    }
    names.add(name);
    const classRoll = r.next();
    const base =
      classRoll < 0.15
        ? r.range(3e6, 1e7)
        : classRoll < 0.55
          ? r.range(1e7, 5e7)
          : classRoll < 0.9
            ? r.range(5e7, 4e8)
            : r.range(4e8, 4e9);
    plans.push({
      i,
      place,
      trade,
      name,
      code: '',
      foundedYear: r.int(1998, 2019),
      base,
      growth: r.range(-0.04, 0.16),
      meetsHitech: false,
      gazelle: null,
      smallLimits: false,
      specialized: false,
      valuation: null,
      quals: [],
    });
  }

  // Cohorts are drawn from one shuffled order, so every role is deterministic and disjoint where it must be.
  const order = shuffled(
    r,
    plans.map((p) => p.i),
  );
  let cursor = 0;
  const take = (n: number) => order.slice(cursor, (cursor += n)).map((i) => plans[i]!);

  const certSeq: Record<number, number> = {};
  const hitech = (p: Plan, year: number) => {
    const batch = r.int(0, 1);
    certSeq[year] = (certSeq[year] ?? 0) + 1;
    p.quals.push({
      type: 'hitech',
      level: 'national',
      granted: HITECH_BATCHES[year]![batch]!,
      batch: `${year}年第${batch ? '二' : '一'}批`,
      certNo: `GR${year}32${String(certSeq[year]! + 1000).padStart(6, '0')}`,
      issuer: ISSUER.hitech,
    });
  };
  const hitechCohorts: Record<number, Plan[]> = {};
  for (const year of [2019, 2020, 2021, 2022, 2023, 2024]) {
    const cohort = take(HITECH_NEW[year]!);
    hitechCohorts[year] = cohort;
    for (const p of cohort) {
      p.foundedYear = Math.min(p.foundedYear, year - 2);
      p.meetsHitech = true;
      hitech(p, year);
    }
    const renewed = HITECH_RENEWED[year];
    if (renewed) for (const p of cohort.slice(0, renewed)) hitech(p, year + 3);
    // lapsed ones stopped meeting the criteria, except half of 2022's (their figures still pass: candidates again)
    for (const [k, p] of cohort.slice(renewed ?? cohort.length).entries())
      if (year !== 2022 || k % 2 === 0) p.meetsHitech = false;
  }
  // Meets the 高企 criteria, never recognised: the "符合条件未申报" view.
  for (const p of take(60)) p.meetsHitech = true;

  // 专精特新 (provincial) and 小巨人 (national). Candidates are drawn from 高企 and others alike.
  const specPool = shuffled(r, [
    ...hitechCohorts[2019]!.slice(0, 150),
    ...hitechCohorts[2020]!.slice(0, 150),
    ...hitechCohorts[2021]!.slice(0, 150),
    ...take(400),
  ]);
  let sp = 0;
  const specCohorts: Record<number, Plan[]> = {};
  const spec = (p: Plan, year: number, month: string) => {
    p.specialized = true;
    p.foundedYear = Math.min(p.foundedYear, year - 3);
    p.quals.push({
      type: 'specialized_sme',
      level: 'provincial',
      granted: `${year}-${month}`,
      batch: `${year}年度`,
      issuer: ISSUER.specialized,
    });
  };
  for (const year of [2021, 2022, 2023, 2024]) {
    specCohorts[year] = specPool.slice(sp, (sp += SPEC_NEW[year]!));
    for (const p of specCohorts[year]!) spec(p, year, '10-28');
  }
  for (const p of specCohorts[2021]!.slice(0, 80)) spec(p, 2024, '10-28'); // 复核 after three years: not new
  const lg = (p: Plan, year: number) => {
    p.specialized = true;
    p.quals.push({
      type: 'little_giant',
      level: 'national',
      granted: `${year}-07-${year === 2024 ? '26' : '15'}`,
      batch: `第${['三', '四', '五', '六'][year - 2021]}批`,
      issuer: ISSUER.littleGiant,
    });
  };
  const lgEarlier = [...specCohorts[2021]!.slice(80), ...specCohorts[2022]!, ...specCohorts[2023]!];
  let lgc = 0;
  for (const year of [2021, 2022, 2023])
    for (const p of lgEarlier.slice(lgc, (lgc += LG_NEW[year]!))) lg(p, year);
  for (const p of lgEarlier.slice(lgc, (lgc += 17))) lg(p, 2024);
  for (const p of specCohorts[2024]!.slice(0, 3)) lg(p, 2024); // the same year as their provincial title: counted once
  // municipal 专精特新: not counted in "provincial or higher"
  for (const p of take(60)) {
    p.specialized = true;
    p.quals.push({
      type: 'specialized_sme',
      level: 'municipal',
      granted: '2024-09-20',
      batch: '2024年度',
      issuer: '镇江市工业和信息化局',
    });
  }

  // 创新型中小企业 (provincial), 2023 and 2024; a 2024 record of a 2023 enterprise is not new.
  const innovative = shuffled(r, plans).slice(0, 420);
  innovative.slice(0, 200).forEach((p) =>
    p.quals.push({
      type: 'innovative_sme',
      level: 'provincial',
      granted: '2023-08-18',
      batch: '2023年度',
      issuer: ISSUER.innovative,
    }),
  );
  innovative.slice(150, 420).forEach((p) =>
    p.quals.push({
      type: 'innovative_sme',
      level: 'provincial',
      granted: '2024-08-16',
      batch: '2024年度',
      issuer: ISSUER.innovative,
    }),
  );

  // 瞪羚: provincial 2023 (22), 2024 new (28) and re-listed (10); municipal 2024 (40).
  const g2023 = take(22);
  const g2024 = take(28);
  const gMunicipal = take(40);
  for (const p of [...g2023, ...g2024]) p.gazelle = 'provincial';
  for (const p of gMunicipal) p.gazelle = 'municipal';
  for (const p of [...g2023, ...g2024, ...gMunicipal]) p.foundedYear = Math.min(p.foundedYear, 2017);
  g2023.forEach((p) =>
    p.quals.push({
      type: 'gazelle',
      level: 'provincial',
      granted: '2023-10-25',
      batch: '2023年度',
      issuer: ISSUER.gazelleP,
    }),
  );
  g2023.slice(0, 10).forEach((p) =>
    p.quals.push({
      type: 'gazelle',
      level: 'provincial',
      granted: '2024-10-30',
      batch: '2024年度',
      issuer: ISSUER.gazelleP,
    }),
  );
  g2024.forEach((p) =>
    p.quals.push({
      type: 'gazelle',
      level: 'provincial',
      granted: '2024-10-30',
      batch: '2024年度',
      issuer: ISSUER.gazelleP,
    }),
  );
  gMunicipal.forEach((p) =>
    p.quals.push({
      type: 'gazelle',
      level: 'municipal',
      granted: '2024-11-08',
      batch: '2024年度',
      issuer: ISSUER.gazelleM,
    }),
  );

  // 独角兽 / 潜在独角兽
  const unicorns = take(3);
  unicorns.forEach((p, k) => {
    p.foundedYear = [2016, 2018, 2019][k]!;
    p.valuation = {
      usd: [2_300_000_000, 1_500_000_000, 1_200_000_000][k]!,
      round: ['Pre-IPO', 'D轮', 'C+轮'][k]!,
    };
    p.base = r.range(3e8, 8e8);
    p.growth = r.range(0.3, 0.5);
  });
  unicorns[0]!.quals.push({
    type: 'unicorn',
    level: 'national',
    granted: '2023-06-20',
    batch: '2023中国独角兽企业',
    issuer: ISSUER.unicorn,
  });
  unicorns.forEach((p) =>
    p.quals.push({
      type: 'unicorn',
      level: 'national',
      granted: '2024-06-18',
      batch: '2024中国独角兽企业',
      issuer: ISSUER.unicorn,
    }),
  );
  const potential = take(10);
  potential.forEach((p, k) => {
    const young = k < 6;
    p.foundedYear = young ? 2020 + (k % 3) : 2016 + (k % 3);
    p.valuation = {
      usd: young ? r.int(120, 450) * 1e6 : r.int(520, 950) * 1e6,
      round: young ? 'B轮' : 'C轮',
    };
    p.base = r.range(5e7, 2e8);
    p.growth = r.range(0.3, 0.6);
    p.quals.push({
      type: 'potential_unicorn',
      level: 'provincial',
      granted: k < 4 ? '2023-10-25' : '2024-10-30',
      batch: k < 4 ? '2023年度' : '2024年度',
      issuer: ISSUER.gazelleP,
    });
    if (k < 2)
      p.quals.push({
        type: 'potential_unicorn',
        level: 'provincial',
        granted: '2024-10-30',
        batch: '2024年度',
        issuer: ISSUER.gazelleP,
      });
  });

  // 科技型中小企业 (provincial 入库), 2023 and 2024: small enough for the size limits.
  const smes = shuffled(
    r,
    plans.filter((p) => !p.valuation && !p.gazelle),
  ).slice(0, 1300);
  smes.forEach((p) => {
    p.smallLimits = true;
  });
  smes.slice(0, 800).forEach((p) =>
    p.quals.push({
      type: 'tech_sme',
      level: 'provincial',
      granted: '2023-05-31',
      batch: '2023年第三批',
      issuer: ISSUER.techSme,
    }),
  );
  smes.slice(400, 1300).forEach((p) =>
    p.quals.push({
      type: 'tech_sme',
      level: 'provincial',
      granted: '2024-05-30',
      batch: '2024年第三批',
      issuer: ISSUER.techSme,
    }),
  );

  // Credit codes (after founding years are final): young companies get the MA-style body.
  const bad = new Set([order[order.length - 1], order[order.length - 2], order[order.length - 3]]);
  for (const p of plans) {
    let code = '';
    while (!code || codes.has(code))
      code = creditCode(r, p.place.region, p.foundedYear >= 2015, bad.has(p.i));
    codes.add(code);
    p.code = code;
  }
  // A few renamed enterprises: the former name is kept in the history.
  for (const p of take(30)) {
    const old = `${p.place.prefix[0]}市${r.pick(FIRST)}${r.pick(SECOND)}${p.trade.word.slice(0, 2)}厂`;
    if (!names.has(old)) p.formerName = { name: old, until: `${r.int(2016, 2022)}-0${r.int(1, 9)}-15` };
  }
  return plans;
}

// ── indicators ──────────────────────────────────────────────────────────────────────────────────

const wan = (v: number) => Math.round(v / 1e4) * 1e4;

function indicatorsOf(
  r: Rand,
  p: Plan,
): Map<
  number,
  Omit<EnterpriseIndicatorTable, 'enterprise_id' | 'region_code' | 'updated_by' | 'version' | 'updated_at'>
> {
  const out = new Map<
    number,
    Omit<EnterpriseIndicatorTable, 'enterprise_id' | 'region_code' | 'updated_by' | 'version' | 'updated_at'>
  >();
  let growth = p.growth;
  if (p.gazelle === 'provincial') growth = r.range(0.26, 0.45);
  else if (p.gazelle === 'municipal') growth = r.range(0.12, 0.3);
  let base = p.base;
  if (p.gazelle) base = Math.max(base, r.range(1.2e7, 6e7));
  if (p.specialized) base = Math.max(base, r.range(2.5e7, 1.5e8));
  if (p.smallLimits) base = Math.min(base, r.range(8e6, 6e7));
  const productivity = r.range(6e5, 1.4e6);
  const rdBonus = r.range(0.004, 0.03);
  const stRatio = p.meetsHitech
    ? r.range(0.12, 0.38)
    : p.smallLimits
      ? r.range(0.1, 0.3)
      : r.range(0.03, 0.14);
  const htShare = p.meetsHitech ? r.range(0.63, 0.92) : r.range(0.05, 0.55);
  let ip1 = p.meetsHitech ? (r.chance(0.75) ? r.int(1, 25) : 0) : r.chance(0.3) ? r.int(0, 1) : 0;
  let ip2 = p.meetsHitech && ip1 === 0 ? r.int(6, 30) : r.int(0, 8);
  let revenue = base;
  for (const year of YEARS) {
    if (year < p.foundedYear + 1) continue;
    const g = p.gazelle ? growth + r.range(-0.03, 0.03) : growth + r.range(-0.06, 0.06);
    if (year > YEARS[0]) revenue = Math.max(revenue * (1 + g), 2e6);
    if (p.smallLimits) revenue = Math.min(revenue, 1.8e8);
    const rev = wan(revenue);
    // R&D: above the 高企 band of any year for those who meet it (5% satisfies every band), well below otherwise.
    const band = base <= 4e8 ? 0.05 : 0.035;
    const rdRatio = p.meetsHitech ? band + rdBonus : p.specialized ? 0.032 + rdBonus : r.range(0.004, 0.025);
    const rd = Math.max(wan(rev * rdRatio), p.specialized ? 1_050_000 : 0);
    const staff = Math.max(8, Math.min(p.smallLimits ? 480 : 8000, Math.round(rev / productivity)));
    const assets = wan(rev * r.range(0.7, 1.4));
    const liabilities = wan(assets * r.range(0.28, 0.62));
    const profit = wan(rev * r.range(0.02, 0.12));
    ip1 += r.chance(0.3) ? 1 : 0;
    ip2 += r.chance(0.4) ? 1 : 0;
    out.set(year, {
      year,
      revenue: rev,
      rd_expense: rd,
      rd_expense_domestic: wan(rd * (p.meetsHitech ? r.range(0.82, 1) : r.range(0.5, 1))),
      hitech_revenue: wan(rev * htShare),
      staff,
      st_staff: Math.max(1, Math.round(staff * stRatio)),
      ip_class1: ip1,
      ip_class2: ip2,
      tax: wan(rev * r.range(0.025, 0.06)),
      output: wan(rev * r.range(0.92, 1.08)),
      land_mu: Math.round(Math.max(5, rev / r.range(1.5e6, 5e6)) * 10) / 10,
      energy_tce: Math.round((rev / 1e4) * r.range(0.01, 0.08)),
      valuation_usd: p.valuation
        ? Math.round((p.valuation.usd * (0.6 + 0.1 * (year - 2020))) / 1e6) * 1e6
        : null,
      latest_round: p.valuation ? (year === 2024 ? p.valuation.round : 'B轮') : null,
      total_assets: assets,
      liabilities,
      profit,
      net_profit: wan(profit * 0.85),
      value_added: wan(rev * r.range(0.2, 0.32)),
      net_assets: assets - liabilities,
      operating_cash_flow: wan(profit * r.range(0.7, 1.4)),
    });
  }
  return out;
}

// SOE groups: the organisation's SOE units are these enterprises (org_unit_id), maintained by 国资委.
const SOES = [
  {
    name: '镇江城市建设产业集团有限公司',
    unit: 'soe-urban',
    industry: '4790',
    founded: '2003-06-18',
    revenue: 8.6e9,
    assets: 1.02e11,
    staff: 4200,
  },
  {
    name: '镇江交通产业集团有限公司',
    unit: 'soe-transport',
    industry: '4812',
    founded: '2004-12-28',
    revenue: 5.2e9,
    assets: 6.8e10,
    staff: 3600,
  },
  {
    name: '镇江水务集团有限公司',
    unit: null,
    industry: '4620',
    founded: '2002-09-10',
    revenue: 1.4e9,
    assets: 1.6e10,
    staff: 1800,
  },
  {
    name: '镇江文化旅游产业集团有限公司',
    unit: null,
    industry: '8890',
    founded: '2017-03-22',
    revenue: 9.0e8,
    assets: 2.1e10,
    staff: 1200,
  },
];

// ── loading ─────────────────────────────────────────────────────────────────────────────────────

/** Demo data of this capability, loaded after the organisation: batch inserts in one transaction, one audit entry per table. */
export async function seedDemo(ctx: DemoContext): Promise<void> {
  const plans = plan();
  const r = rng(7011);
  const at = nowIso();
  const unit = (code: string | null) => (code ? (ctx.unitIds.get(code) ?? null) : null);

  const enterprises: EnterpriseTable[] = [];
  const names: EnterpriseNameTable[] = [];
  const indicators: EnterpriseIndicatorTable[] = [];
  const quals: EnterpriseQualificationTable[] = [];
  const initials = nameInitials;

  const sizeOf = (rev: number) =>
    rev >= 4e8 ? 'large' : rev >= 2e7 ? 'medium' : rev >= 3e6 ? 'small' : 'micro';
  const ids: string[] = [];
  for (const p of plans) {
    const id = newId();
    ids.push(id);
    const ind = indicatorsOf(r, p);
    const last = ind.get(2024);
    const founded = `${p.foundedYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    enterprises.push({
      id,
      credit_code: p.code,
      name: p.name,
      name_initials: initials(p.name),
      region_code: p.place.region,
      industry_code: p.trade.industry,
      size: last ? sizeOf(Number(last.revenue)) : 'micro',
      ownership: r.chance(0.08) ? 'foreign' : r.chance(0.03) ? 'hmt' : 'private',
      soe: 0,
      listed: p.valuation ? 0 : r.chance(0.02) ? 1 : 0,
      founded_on: founded,
      owner_unit_id: unit(p.place.unit),
      org_unit_id: null,
      created_by: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    if (p.formerName) {
      names.push({
        id: newId(),
        enterprise_id: id,
        name: p.formerName.name,
        valid_from: founded,
        valid_to: p.formerName.until,
        created_at: at,
      });
      const next = new Date(Date.parse(`${p.formerName.until}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      names.push({
        id: newId(),
        enterprise_id: id,
        name: p.name,
        valid_from: next,
        valid_to: null,
        created_at: at,
      });
    } else
      names.push({
        id: newId(),
        enterprise_id: id,
        name: p.name,
        valid_from: founded,
        valid_to: null,
        created_at: at,
      });
    for (const row of ind.values())
      indicators.push({
        ...row,
        enterprise_id: id,
        region_code: p.place.region,
        updated_by: null,
        version: 1,
        updated_at: at,
      });
    // is_new: the earliest record of each type and level is the first recognition (the rule deriveIsNew applies).
    const seen = new Set<string>();
    for (const q of [...p.quals].sort((a, b) => (a.granted < b.granted ? -1 : 1))) {
      const key = `${q.type}:${q.level}`;
      const validTo = new Date(
        Date.parse(`${addYears(q.granted, QUALIFICATION_VALIDITY_YEARS[q.type])}T00:00:00Z`) - 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
      quals.push({
        id: newId(),
        enterprise_id: id,
        region_code: p.place.region,
        type: q.type,
        level: q.level,
        issuer: q.issuer,
        batch: q.batch,
        cert_no: q.certNo ?? null,
        granted_on: q.granted,
        valid_from: q.granted,
        valid_to: validTo,
        status: 'active',
        is_new: seen.has(key) ? 0 : 1,
        is_new_manual: 0,
        note: null,
        created_by: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      seen.add(key);
    }
  }

  // SOE groups, registered with the city's market regulator (321100).
  const sasac = unit('zj-sasac');
  for (const s of SOES) {
    const id = newId();
    let code = '';
    while (!code || enterprises.some((e) => e.credit_code === code)) code = creditCode(r, '321100', false);
    enterprises.push({
      id,
      credit_code: code,
      name: s.name,
      name_initials: initials(s.name),
      region_code: '321100',
      industry_code: s.industry,
      size: 'large',
      ownership: 'state',
      soe: 1,
      listed: 0,
      founded_on: s.founded,
      owner_unit_id: sasac,
      org_unit_id: unit(s.unit),
      created_by: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    names.push({
      id: newId(),
      enterprise_id: id,
      name: s.name,
      valid_from: s.founded,
      valid_to: null,
      created_at: at,
    });
    let revenue = s.revenue * 0.78;
    let assets = s.assets * 0.84;
    let staff = Math.round(s.staff * 0.9);
    for (const year of YEARS) {
      revenue *= 1 + r.range(0.02, 0.09);
      assets *= 1 + r.range(0.03, 0.06);
      staff = Math.round(staff * (1 + r.range(0, 0.03)));
      const liabilities = wan(assets * r.range(0.6, 0.68));
      const profit = wan(revenue * r.range(0.03, 0.07));
      indicators.push({
        enterprise_id: id,
        year,
        region_code: '321100',
        revenue: wan(revenue),
        rd_expense: wan(revenue * r.range(0.004, 0.012)),
        rd_expense_domestic: null,
        hitech_revenue: null,
        staff,
        st_staff: Math.round(staff * r.range(0.04, 0.09)),
        ip_class1: r.int(2, 12),
        ip_class2: r.int(10, 40),
        tax: wan(revenue * r.range(0.03, 0.05)),
        output: wan(revenue * r.range(0.9, 1.05)),
        land_mu: null,
        energy_tce: Math.round((revenue / 1e4) * 0.02),
        valuation_usd: null,
        latest_round: null,
        total_assets: wan(assets),
        liabilities,
        profit,
        net_profit: wan(profit * 0.78),
        value_added: wan(revenue * r.range(0.22, 0.3)),
        net_assets: wan(assets) - liabilities,
        operating_cash_flow: wan(revenue * r.range(0.04, 0.12)),
        updated_by: null,
        version: 1,
        updated_at: at,
      });
    }
  }

  // The candidate pool: 高企 candidates (science bureau / districts), gazelle and specialised targets (industry bureau).
  const candidates: EnterpriseCandidateTable[] = [];
  const byIndex = (p: Plan) => enterprises[p.i]!;
  const holds = (p: Plan, t: QualificationType) => p.quals.some((q) => q.type === t);
  const addCandidate = (
    p: Plan,
    target: QualificationType,
    mentor: string | null,
    since: string,
    note: string,
  ) =>
    candidates.push({
      id: newId(),
      enterprise_id: byIndex(p).id,
      region_code: p.place.region,
      target_tier: target,
      mentor_unit_id: unit(mentor),
      since,
      note,
      created_by: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
  plans
    .filter((p) => p.meetsHitech && !holds(p, 'hitech'))
    .slice(0, 30)
    .forEach((p, k) =>
      addCandidate(
        p,
        'hitech',
        k % 3 === 0 ? 'zj-sci' : p.place.unit,
        '2024-03-15',
        '研发投入、知识产权已达标，辅导申报',
      ),
    );
  plans
    .filter((p) => !p.meetsHitech && !holds(p, 'hitech') && p.smallLimits)
    .slice(0, 15)
    .forEach((p) => addCandidate(p, 'hitech', 'zj-sci', '2024-06-01', '研发投入占比待提升'));
  plans
    .filter((p) => p.gazelle === 'municipal')
    .slice(0, 12)
    .forEach((p) => addCandidate(p, 'gazelle', 'zj-sci', '2024-04-20', '市级瞪羚，冲刺省级'));
  plans
    .filter((p) => !p.specialized && !holds(p, 'specialized_sme') && p.base > 2e7)
    .slice(0, 15)
    .forEach((p) =>
      addCandidate(p, 'specialized_sme', 'zj-miit', '2024-02-28', '细分领域龙头，培育专精特新'),
    );
  plans
    .filter((p) => holds(p, 'specialized_sme') && !holds(p, 'little_giant'))
    .slice(0, 8)
    .forEach((p) =>
      addCandidate(p, 'little_giant', 'zj-miit', '2024-05-10', '省级专精特新，冲刺国家级“小巨人”'),
    );
  plans
    .filter((p) => holds(p, 'potential_unicorn'))
    .slice(0, 2)
    .forEach((p) => addCandidate(p, 'unicorn', 'zj-sci', '2024-09-01', '潜在独角兽，跟踪新一轮融资'));

  // Stored eligibility on the latest year (2024), evaluated exactly as the recompute does.
  const cache = await loadRuleSets(ctx.db);
  const evalIndicators = new Map<string, Map<number, EvalIndicators>>();
  for (const row of indicators) {
    let m = evalIndicators.get(row.enterprise_id);
    if (!m) evalIndicators.set(row.enterprise_id, (m = new Map()));
    m.set(row.year, {
      revenue: row.revenue,
      rdExpense: row.rd_expense,
      rdExpenseDomestic: row.rd_expense_domestic,
      hitechRevenue: row.hitech_revenue,
      staff: row.staff,
      stStaff: row.st_staff,
      ipClass1: row.ip_class1,
      ipClass2: row.ip_class2,
      valuationUsd: row.valuation_usd,
      latestRound: row.latest_round,
      totalAssets: row.total_assets,
      liabilities: row.liabilities,
      profit: row.profit,
    });
  }
  const qualsBy = new Map<string, EnterpriseQualificationTable[]>();
  for (const q of quals)
    (qualsBy.get(q.enterprise_id) ?? qualsBy.set(q.enterprise_id, []).get(q.enterprise_id)!).push(q);
  const results = enterprises.flatMap((e) => {
    const by = evalIndicators.get(e.id);
    if (!by) return [];
    return evaluateRows(
      cache,
      e,
      by,
      (qualsBy.get(e.id) ?? []).map(toEvalQualification),
      [Math.max(...by.keys())],
      ELIGIBILITY_TIERS,
      at,
    );
  });

  const actor = systemActor('demo-seed');
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < enterprises.length; i += 500)
      await repo.insertEnterpriseRows(trx, enterprises.slice(i, i + 500));
    await repo.insertNames(trx, names);
    await repo.insertIndicators(trx, indicators);
    await repo.insertQualifications(trx, quals);
    await repo.insertCandidates(trx, candidates);
    await repo.upsertResults(trx, results);
    const batches: Array<[string, number]> = [
      ['enterprise', enterprises.length],
      ['enterprise_indicators', indicators.length],
      ['enterprise_qualification', quals.length],
      ['enterprise_candidate', candidates.length],
      ['enterprise_eligibility', results.length],
    ];
    for (const [entity, rows] of batches)
      await recordAudit(trx, actor, {
        entity,
        entityId: 'demo',
        action: 'import',
        payload: { source: 'demo', rows },
      });
  });
}
