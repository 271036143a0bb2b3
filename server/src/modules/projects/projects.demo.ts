import type { Insertable } from 'kysely';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../../contracts/validators/credit-code';
import { systemActor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { todayCst } from '../../core/clock';
import type { Db } from '../../db/database';
import type { DemoContext } from '../demo/demo.seed';
import { MILESTONE_KEYS, actualColumn, plannedColumn, type MilestoneKey } from './projects.milestones';
import { ensureProjectReference } from './projects.reference';
import { computeStage, daysBetween } from './projects.rules';
import { emptyProject } from './projects.service';
import type {
  MilestoneConfirmationTable,
  ProjectAnnualPlanTable,
  ProjectMonthlyTable,
  ProjectTable,
  ProjectUnitTable,
} from './projects.table';
import { nameInitials, searchTextOf } from './projects.validate';

/**
 * The demo city's major-project ledger (~400 projects signed 2023–2025), deterministic: a seeded PRNG, fixed dates
 * and fixed ids; the clock moves only plans that lie beyond the demo's last day (see seedDemo). It reproduces
 * PRODUCT.md's published figures:
 *
 * - 新签约亿元以上项目 (industrial, ≥ 1亿元 domestic or ≥ 1000万美元 foreign, credited once to the first signing):
 *   2024 total exactly 230,000,000,000 元 (2300亿元); 2023 total exactly 164,300,000,000 元 (1643亿元), so
 *   2024 is +39.99% over 2023 — shown as +40.0% (2300/1642.857… would be exactly 40%, which 元 cannot represent).
 *   Non-qualifying signings make the crediting rules matter: industrial ones below the threshold, non-industrial
 *   ones above it, foreign joint ventures under USD 10M, repeated signings (补充协议) of earlier projects, and an upgrade
 *   whose increment is below the threshold; capital increases and upgrades count only their increments.
 * - 哈电汽轮机重燃及核电装备基地 (镇江新区): signed 2024-05-27, construction permit and groundbreaking 2024-08-23 — 88 days.
 *   The real base got its permit on 2023-08-23 (domain.md §1.1); PRODUCT.md lists the 88 days among the city's 2024
 *   results, and the demo is that year's picture, so the demo places the same 88-day interval in 2024 (month and day kept).
 * - 亚豪轻量化铝构件项目: under construction. 奥地利科林尼 (Austrian, USD): started 2024-08-16, ahead of its plan 2024-09-30.
 * - Monthly reports for started projects through 2024–2025 (1–2月 reported together in February), annual plans,
 *   some projects behind schedule, some terminated or suspended.
 */
export const DEMO_SIGNED_MAJOR_TOTALS: Record<number, number> = {
  2023: 164_300_000_000,
  2024: 230_000_000_000,
};
/** The last day of demo data: nothing in the demo happens after it. */
export const DEMO_END = '2025-12-31';
const DEMO_AT = '2025-12-31T08:00:00.000Z';

// ---------------------------------------------------------------- deterministic helpers

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  int(lo: number, hi: number) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  weighted<T>(list: ReadonlyArray<readonly [T, number]>): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of list) if ((x -= w) < 0) return v;
    return list[list.length - 1]![0];
  }
  chance(p: number) {
    return this.next() < p;
  }
}

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dateIn = (r: Rand, year: number, fromMonth = 1, toMonth = 12) =>
  addDays(`${year}-${String(fromMonth).padStart(2, '0')}-01`, r.int(0, (toMonth - fromMonth + 1) * 30 - 2));
const monthAdd = (ym: string, n: number) => {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7)) - 1 + n;
  return `${y + Math.floor(m / 12)}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
};
const demoId = (kind: number, n: number) =>
  `01940000-0000-7000-8${kind}00-${n.toString(16).padStart(12, '0')}`;

function creditCode(r: Rand, region: string): string {
  let body = `91${region}MA`;
  while (body.length < 17) body += CREDIT_CODE_CHARSET[r.int(0, 30)];
  return body + creditCodeCheckChar(body);
}

// ---------------------------------------------------------------- the city's shape

type Place = { unit: string; region: string; weight: number };
const PLACES: Place[] = [
  { unit: 'zj-etdz', region: '321171', weight: 24 },
  { unit: 'danyang', region: '321181', weight: 17 },
  { unit: 'jurong', region: '321183', weight: 12 },
  { unit: 'yangzhong', region: '321182', weight: 10 },
  { unit: 'dantu', region: '321112', weight: 10 },
  { unit: 'zj-hitech', region: '321111', weight: 10 },
  { unit: 'jingkou', region: '321102', weight: 9 },
  { unit: 'runzhou', region: '321111', weight: 8 },
];

type ChainSpec = { code: string; industries: string[]; products: string[] };
const CHAINS: ChainSpec[] = [
  {
    code: 'high_end_equipment',
    industries: ['3421', '3491', '3453', '3734', '3511', '3463'],
    products: ['智能数控机床', '工业机器人', '精密减速器', '船用配套设备', '高端轴承', '智能成套装备'],
  },
  {
    code: 'new_materials',
    industries: ['3252', '2651', '3091', '2669', '3062'],
    products: ['高性能铝合金', '特种工程塑料', '碳纤维复合材料', '电子级化学品', '先进石墨材料'],
  },
  {
    code: 'new_energy',
    industries: ['3841', '3415', '3849', '3811'],
    products: ['储能电池', '风电装备', '氢能装备', '智能电网设备'],
  },
  {
    code: 'digital_economy',
    industries: ['3973', '3982', '3985', '3914'],
    products: ['集成电路封测', '高端印制电路板', '电子专用材料', '工业控制系统'],
  },
  {
    code: 'life_health',
    industries: ['2761', '2720', '3581', '3584'],
    products: ['生物医药产业化', '创新药制剂', '高端医疗影像设备', '医用耗材'],
  },
  {
    code: 'aerospace',
    industries: ['3741', '3744', '3749'],
    products: ['通航飞机总装', '航空零部件', '航空复合材料构件'],
  },
  {
    code: 'nev_parts',
    industries: ['3670', '3612', '3841'],
    products: ['新能源汽车零部件', '动力电池结构件', '汽车电子', '一体化压铸件'],
  },
  {
    code: 'photovoltaic',
    industries: ['3825', '3976'],
    products: ['高效光伏组件', 'N型电池片', '光伏逆变器'],
  },
];
const COMPANIES = [
  '华瑞',
  '中盛',
  '恒通',
  '金港',
  '新锐',
  '博远',
  '瑞丰',
  '宏达',
  '润泽',
  '江南',
  '天勤',
  '鼎盛',
  '远航',
  '凯茂',
  '东晟',
  '嘉禾',
  '中科',
  '永联',
  '华澄',
  '协鑫源',
  '长丰',
  '泰和',
  '启明',
  '沃德',
  '万润',
  '森特',
  '精工',
  '海天源',
  '同创',
  '安达',
];
const FOREIGN = [
  { investor: '德国', names: ['博锐', '克劳斯', '海德'] },
  { investor: '日本', names: ['东丽精工', '住野', '三和'] },
  { investor: '韩国', names: ['晓星', '大元'] },
  { investor: '新加坡', names: ['丰树', '盛裕'] },
  { investor: '美国', names: ['艾默', '康宁斯'] },
];
const LEADERS = ['李市长', '王副市长', '张副市长', '刘副市长', '陈副市长'];
const NON_INDUSTRIAL: Array<{ category: string; names: string[]; industries: string[] }> = [
  {
    category: 'infrastructure',
    names: ['快速路改造工程', '污水处理厂扩建工程', '综合管廊工程', '港区公用码头', '城市停车设施'],
    industries: ['4813', '4620', '4853', '5532', '7810'],
  },
  {
    category: 'livelihood',
    names: ['人民医院新院区', '职业教育园区', '养老服务中心', '保障性租赁住房'],
    industries: ['8411', '8336', '8514', '7010'],
  },
  {
    category: 'service',
    names: ['智慧物流园', '商业综合体', '文旅综合体', '冷链物流中心'],
    industries: ['5990', '7222', '9030', '5930'],
  },
  {
    category: 'innovation',
    names: ['产业技术研究院', '中试基地', '科创中心'],
    industries: ['7320', '7540', '7540'],
  },
];
const PROGRESS_TEXT = [
  '基础施工中',
  '主体结构施工中',
  '主体结构封顶',
  '设备安装调试中',
  '厂房装修及配套工程施工',
  '钢结构吊装中',
];

// ---------------------------------------------------------------- project specs

type Spec = {
  name: string;
  place: Place;
  category: string;
  chain: string | null;
  industry: string;
  signedOn: string | null;
  /** Agreed investment in 元. */
  agreed: number;
  foreign?: { usd: number; fx: number; investor: string };
  kind?: 'new' | 'upgrade' | 'capital_increase' | 're_sign';
  predecessor?: Spec;
  fixed?: Partial<Record<MilestoneKey, string>>;
  planned?: Partial<Record<MilestoneKey, string>>;
  /** How far the project gets by DEMO_END (last milestone reached), when not fixed. */
  reach?: MilestoneKey;
  leased?: boolean;
  behind?: boolean;
  terminated?: { on: string; reason: string };
  suspended?: { on: string; reason: string };
  lead?: boolean;
  taskForce?: boolean;
  id?: string;
  n?: number;
};

function distribute(r: Rand, count: number, total: number, min: number): number[] {
  const weights = Array.from(
    { length: count },
    () => Math.exp(r.float() * 2.6 - 1.0) * (r.chance(0.06) ? 4 : 1),
  );
  const sumW = weights.reduce((a, b) => a + b, 0);
  const pool = total - count * min;
  if (pool < 0) throw new Error('demo amounts: pool too small');
  const amounts = weights.map((w) => min + Math.floor((pool * w) / sumW / 1_000_000) * 1_000_000);
  const diff = total - amounts.reduce((a, b) => a + b, 0);
  let maxI = 0;
  amounts.forEach((a, i) => (a > amounts[maxI]! ? (maxI = i) : 0));
  amounts[maxI]! += diff;
  return amounts;
}

function industrialName(r: Rand, chain: ChainSpec, used: Set<string>, suffix = ''): string {
  for (;;) {
    const phase = r.chance(0.25) ? r.pick(['（一期）', '（二期）']) : '';
    const name = `${r.pick(COMPANIES)}${r.pick(chain.products)}项目${phase}${suffix}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function buildSpecs(r: Rand): Spec[] {
  const used = new Set<string>();
  const place = () => r.weighted(PLACES.map((p) => [p, p.weight] as const));
  const placeOf = (unit: string) => PLACES.find((p) => p.unit === unit)!;
  const chainOf = (code: string) => CHAINS.find((c) => c.code === code)!;
  const specs: Spec[] = [];
  const FX: Record<number, number> = { 2023: 7.05, 2024: 7.1, 2025: 7.18 };

  // the named projects of PRODUCT.md
  const haqi: Spec = {
    name: '哈电汽轮机重燃及核电装备基地项目',
    place: placeOf('zj-etdz'),
    category: 'industrial',
    chain: 'high_end_equipment',
    industry: '3413',
    signedOn: '2024-05-27',
    agreed: 3_000_000_000,
    taskForce: true,
    fixed: {
      negotiation: '2024-03-11',
      signed: '2024-05-27',
      registered: '2024-06-12',
      filed: '2024-07-05',
      land_supplied: '2024-08-16',
      permitted: '2024-08-23',
      started: '2024-08-23',
      stats_enrolled: '2024-09-20',
      under_construction: '2024-09-25',
    },
    planned: {
      signed: '2024-06-30',
      started: '2024-10-31',
      completed: '2026-06-30',
      in_operation: '2026-10-31',
    },
  };
  const yahao: Spec = {
    name: '亚豪轻量化铝构件项目',
    place: placeOf('dantu'),
    category: 'industrial',
    chain: 'nev_parts',
    industry: '3670',
    signedOn: '2024-01-16',
    agreed: 1_200_000_000,
    fixed: {
      signed: '2024-01-16',
      registered: '2024-02-05',
      filed: '2024-02-26',
      land_supplied: '2024-03-22',
      permitted: '2024-04-10',
      started: '2024-04-18',
      stats_enrolled: '2024-05-20',
      under_construction: '2024-05-25',
    },
    planned: {
      signed: '2024-01-31',
      started: '2024-04-30',
      completed: '2026-06-30',
      in_operation: '2026-09-30',
    },
  };
  const kolinni: Spec = {
    name: '奥地利科林尼精密表面处理项目',
    place: placeOf('zj-hitech'),
    category: 'industrial',
    chain: 'high_end_equipment',
    industry: '3360',
    signedOn: '2024-03-20',
    agreed: Math.round(30_000_000 * FX[2024]!),
    foreign: { usd: 30_000_000, fx: FX[2024]!, investor: '奥地利科林尼集团（Collini）' },
    fixed: {
      signed: '2024-03-20',
      registered: '2024-04-15',
      filed: '2024-05-08',
      land_supplied: '2024-06-20',
      permitted: '2024-08-12',
      started: '2024-08-16',
      stats_enrolled: '2024-09-18',
      under_construction: '2024-09-20',
    },
    planned: {
      signed: '2024-03-31',
      started: '2024-09-30',
      completed: '2026-03-31',
      in_operation: '2026-06-30',
    },
  };
  specs.push(haqi, yahao, kolinni);

  const industrial = (year: number, amount: number, extra: Partial<Spec> = {}): Spec => {
    const chain = r.pick(CHAINS);
    return {
      name: industrialName(r, chain, used),
      place: place(),
      category: 'industrial',
      chain: chain.code,
      industry: r.pick(chain.industries),
      signedOn: dateIn(r, year, 1, year === 2025 ? 11 : 12),
      agreed: amount,
      ...extra,
    };
  };
  const foreign = (year: number, usd: number): Spec => {
    const f = r.pick(FOREIGN);
    const brand = r.pick(f.names);
    const chain = r.pick(CHAINS);
    let name = '';
    do name = `${brand}${r.pick(chain.products)}项目${r.chance(0.3) ? '（二期）' : ''}`;
    while (used.has(name));
    used.add(name);
    return {
      name,
      place: place(),
      category: 'industrial',
      chain: chain.code,
      industry: r.pick(chain.industries),
      signedOn: dateIn(r, year, 1, year === 2025 ? 11 : 12),
      agreed: Math.round(usd * FX[year]!),
      foreign: { usd, fx: FX[year]!, investor: `${f.investor}${brand}集团` },
    };
  };

  // 2023 and 2024: qualifying signings that add up to the published totals
  const plan: Record<
    number,
    {
      generic: number;
      foreignUsd: number[];
      increments: Array<{ pre: number; now: number; kind: 'capital_increase' | 'upgrade' }>;
    }
  > = {
    2023: { generic: 118, foreignUsd: [18_000_000, 45_000_000, 12_500_000], increments: [] },
    2024: {
      generic: 136,
      foreignUsd: [12_000_000, 22_000_000, 60_000_000, 85_000_000],
      increments: [
        { pre: 500_000_000, now: 800_000_000, kind: 'capital_increase' },
        { pre: 1_200_000_000, now: 2_000_000_000, kind: 'capital_increase' },
        { pre: 60_000_000, now: 250_000_000, kind: 'upgrade' },
      ],
    },
  };
  const predecessors: Spec[] = [];
  for (const year of [2023, 2024] as const) {
    const p = plan[year]!;
    const fixedSpecs: Spec[] = [];
    if (year === 2024) fixedSpecs.push(haqi, yahao, kolinni);
    for (const usd of p.foreignUsd) fixedSpecs.push(foreign(year, usd));
    for (const inc of p.increments) {
      // the earlier signing (2023) and the new one (2024) that counts only its increment
      const pre = industrial(2023, inc.pre, { reach: 'started' });
      const chain = chainOf(pre.chain!);
      const now: Spec = {
        ...industrial(2024, inc.now),
        name: `${pre.name.replace(/项目.*$/, '')}${inc.kind === 'upgrade' ? '升级' : '扩能'}项目`,
        chain: chain.code,
        industry: pre.industry,
        place: pre.place,
        kind: inc.kind,
        predecessor: pre,
      };
      used.add(now.name);
      predecessors.push(pre);
      specs.push(pre, now);
      fixedSpecs.push(now);
    }
    const credited = (s: Spec) =>
      s.kind === 'upgrade' || s.kind === 'capital_increase' ? s.agreed - s.predecessor!.agreed : s.agreed;
    const remaining = DEMO_SIGNED_MAJOR_TOTALS[year]! - fixedSpecs.reduce((sum, x) => sum + credited(x), 0);
    const amounts = distribute(r, p.generic, remaining, 100_000_000);
    for (const a of amounts) specs.push(industrial(year, a));
    for (const f of fixedSpecs) if (!specs.includes(f)) specs.push(f);
  }
  // the earlier signings of 2024's increments were signed in 2023 and count there: take their amounts out of the
  // largest generic 2023 project, so 2023 stays exact
  const preIn2023 = predecessors.filter((x) => x.agreed >= 100_000_000).reduce((s, x) => s + x.agreed, 0);
  const big = specs
    .filter(
      (s) =>
        s.signedOn?.startsWith('2023') &&
        s.category === 'industrial' &&
        !s.foreign &&
        !s.kind &&
        !s.fixed &&
        !predecessors.includes(s),
    )
    .sort((a, b) => b.agreed - a.agreed)[0]!;
  big.agreed -= preIn2023;
  if (big.agreed < 100_000_000) throw new Error('demo amounts: 2023 cannot absorb the predecessors');

  // noise: signings that do not count
  for (const year of [2023, 2024, 2025] as const) {
    for (let i = 0; i < 6; i++) specs.push(industrial(year, r.int(20, 95) * 1_000_000)); // below 1亿
    for (let i = 0; i < 4; i++) {
      const n = r.pick(NON_INDUSTRIAL);
      const k = r.int(0, n.names.length - 1);
      const pl = place();
      const region = pl.unit === 'zj-etdz' ? '新区' : pl.unit === 'zj-hitech' ? '高新区' : '';
      const name = `${region}${n.names[k]}${r.chance(0.3) ? '（二期）' : ''}`;
      if (used.has(name)) continue;
      used.add(name);
      specs.push({
        name,
        place: pl,
        category: n.category,
        chain: null,
        industry: n.industries[k]!,
        signedOn: dateIn(r, year),
        agreed: r.int(12, 400) * 10_000_000,
        reach: r.pick(['filed', 'started', 'under_construction'] as const),
      });
    }
    // a joint venture whose foreign capital is under USD 10M (agreed above 1亿 in 元 — still not counted)
    const jv = foreign(year, 8_000_000);
    jv.agreed = 150_000_000;
    jv.name = jv.name.replace('项目', '合资项目');
    specs.push(jv);
  }
  // repeated signings (补充协议) in 2024 of projects first signed in 2023: credited to 2023 only
  const firsts2023 = specs
    .filter(
      (s) =>
        s.signedOn?.startsWith('2023') &&
        s.category === 'industrial' &&
        !s.kind &&
        !s.foreign &&
        s.agreed >= 100_000_000 &&
        s !== haqi &&
        !predecessors.includes(s),
    )
    .slice(0, 3);
  for (const f of firsts2023) {
    const s: Spec = {
      ...f,
      name: `${f.name.replace(/项目.*$/, '')}项目（补充协议）`,
      signedOn: dateIn(r, 2024),
      kind: 're_sign',
      predecessor: f,
      fixed: undefined,
      reach: 'signed',
    };
    used.add(s.name);
    specs.push(s);
  }
  // an upgrade whose increment stays under the threshold (0.8亿 → 1.5亿: +0.7亿, not counted)
  {
    const pre = industrial(2023, 80_000_000, { reach: 'filed' });
    const now: Spec = {
      ...industrial(2024, 150_000_000),
      name: `${pre.name.replace(/项目.*$/, '')}升格项目`,
      place: pre.place,
      chain: pre.chain,
      industry: pre.industry,
      kind: 'upgrade',
      predecessor: pre,
    };
    specs.push(pre, now);
  }

  // 2025 signings (not part of the acceptance figures)
  for (let i = 0; i < 45; i++)
    specs.push(
      industrial(2025, r.int(10, 300) * 10_000_000 + (r.chance(0.1) ? r.int(5, 30) * 100_000_000 : 0)),
    );
  specs.push(foreign(2025, 26_000_000));

  // leads and negotiations, not signed yet
  for (let i = 0; i < 30; i++) {
    const chain = r.pick(CHAINS);
    const reg = dateIn(r, r.pick([2024, 2025]));
    specs.push({
      name: industrialName(r, chain, used),
      place: place(),
      category: 'industrial',
      chain: chain.code,
      industry: r.pick(chain.industries),
      signedOn: null,
      agreed: r.int(5, 200) * 10_000_000,
      lead: true,
      fixed: {
        lead_registered: reg,
        ...(r.chance(0.7) ? { assessed: addDays(reg, r.int(5, 40)) } : {}),
        ...(r.chance(0.4) ? { negotiation: addDays(reg, r.int(45, 120)) } : {}),
      },
      planned: { signed: addDays(reg, r.int(120, 300)) },
    });
  }
  return specs;
}

// ---------------------------------------------------------------- dates, money, monthly series

const ORDER: MilestoneKey[] = [
  'signed',
  'registered',
  'filed',
  'land_supplied',
  'permitted',
  'started',
  'stats_enrolled',
  'under_construction',
  'completed',
  'in_operation',
  'full_capacity',
];

function milestoneDates(
  r: Rand,
  s: Spec,
): {
  actual: Partial<Record<MilestoneKey, string>>;
  planned: Partial<Record<MilestoneKey, string>>;
  /** Re-planned relative to the demo's last day: the plan moves with the loading date (see seedDemo). */
  replanned?: boolean;
} {
  if (s.fixed) {
    const planned: Partial<Record<MilestoneKey, string>> = { ...s.planned };
    for (const [k, v] of Object.entries(s.fixed) as Array<[MilestoneKey, string]>)
      planned[k] ??= addDays(v, r.int(-10, 20));
    return { actual: { ...s.fixed }, planned };
  }
  const actual: Partial<Record<MilestoneKey, string>> = {};
  const planned: Partial<Record<MilestoneKey, string>> = {};
  const signed = s.signedOn!;
  const steps: Record<MilestoneKey, [number, number]> = {
    lead_registered: [0, 0],
    assessed: [0, 0],
    negotiation: [0, 0],
    signed: [0, 0],
    registered: [10, 45],
    filed: [10, 60],
    land_supplied: [15, 100],
    permitted: [5, 60],
    started: [0, 35],
    stats_enrolled: [20, 45],
    under_construction: [5, 15],
    completed: [300, 620],
    in_operation: [20, 90],
    full_capacity: [180, 400],
    evaluated: [0, 0],
  };
  // how far the project gets: most move on, some stall (they are the ones behind plan)
  const reach: MilestoneKey =
    s.reach ??
    r.weighted([
      ['full_capacity', 6],
      ['in_operation', 10],
      ['completed', 14],
      ['under_construction', 40],
      ['permitted', 8],
      ['land_supplied', 8],
      ['filed', 8],
      ['signed', 6],
    ] as const);
  const stop = ORDER.indexOf(reach);
  actual.negotiation = addDays(signed, -r.int(30, 120));
  actual.lead_registered = addDays(actual.negotiation, -r.int(20, 90));
  let d = signed;
  let plannedD = addDays(signed, r.int(0, 25));
  planned.signed = plannedD;
  for (let i = 0; i < ORDER.length; i++) {
    const m = ORDER[i]!;
    if (m === 'land_supplied' && s.leased) continue;
    const [lo, hi] = steps[m];
    if (i > 0) {
      d = addDays(d, r.int(lo, hi));
      plannedD = addDays(plannedD, Math.round((lo + hi) / 2));
      planned[m] = plannedD;
    }
    if (m === 'stats_enrolled' && actual.started) {
      // statistics enrolment is bookkeeping that follows groundbreaking within weeks; only a behind-plan project
      // that broke ground in the demo's last four months may still be missing it (a stats light)
      if (!(s.behind && actual.started > addDays(DEMO_END, -120))) actual[m] = d <= DEMO_END ? d : DEMO_END;
    } else if (i <= stop && d <= DEMO_END) actual[m] = d;
  }
  // plans drift: behind-plan projects were planned earlier than they happen
  if (s.behind) {
    for (const k of Object.keys(planned) as MilestoneKey[])
      if (k !== 'signed') planned[k] = addDays(planned[k]!, -r.int(45, 120));
  }
  // a project that stopped short of groundbreaking without being behind was re-planned (as cities do at each 调度):
  // its new start date lies between 2½ months before and 7 months after the demo's last day, so a few are just
  // overdue (yellow) and most are ahead. Offset from the project's number, not the PRNG, so the rest of the demo
  // stays as it was.
  else if (!actual.started && planned.started && planned.started <= DEMO_END) {
    const shift = daysBetween(planned.started, addDays(DEMO_END, -75 + (((s.n ?? 0) * 37) % 285)));
    for (const k of ORDER.slice(ORDER.indexOf('started')))
      if (planned[k]) planned[k] = addDays(planned[k]!, shift);
    return { actual, planned, replanned: true };
  }
  return { actual, planned };
}

/** Cumulative 时序进度 fractions for a plan that runs from month `a` to month `b` of a year (linear within). */
function partYearCurve(a: number, b: number): number[] {
  return Array.from({ length: 12 }, (_, i) =>
    i + 1 < a ? 0 : Math.min(1, Math.round(((i + 2 - a) / (b - a + 1)) * 1000) / 1000),
  );
}

type MonthlyOut = Insertable<ProjectMonthlyTable>;
type PlanOut = Insertable<ProjectAnnualPlanTable>;

/** Monthly reports 2024–2025 of a started project: 1–2月 together in February; behind-plan projects lag their plan. */
function monthlySeries(
  r: Rand,
  id: string,
  region: string,
  fixedAsset: number,
  startedOn: string,
  endOn: string | null,
  behind: boolean,
  createdBy: string,
) {
  const rows: MonthlyOut[] = [];
  const plans: PlanOut[] = [];
  const startMonth = startedOn.slice(0, 7);
  const endMonth = (endOn && endOn < DEMO_END ? endOn : DEMO_END).slice(0, 7);
  const months = Math.max(
    1,
    (Number(endMonth.slice(0, 4)) - Number(startMonth.slice(0, 4))) * 12 +
      Number(endMonth.slice(5, 7)) -
      Number(startMonth.slice(5, 7)) +
      1,
  );
  const perMonth = fixedAsset / Math.max(months, 18);
  // chosen from the id, not the PRNG, so the rest of the demo stays as it was
  const slipping = !behind && parseInt(id.slice(-3), 16) % 6 === 0;
  // investment before 2024 (projects started in 2023)
  let cumulative =
    startMonth < '2024-01'
      ? Math.round(
          perMonth *
            ((2023 - Number(startMonth.slice(0, 4))) * 12 + 13 - Number(startMonth.slice(5, 7))) *
            0.9,
        )
      : 0;
  const curve = r.chance(0.3) ? [0.03, 0.08, 0.15, 0.23, 0.31, 0.4, 0.49, 0.58, 0.68, 0.78, 0.89, 1] : null;
  for (const year of [2024, 2025]) {
    const first = startMonth > `${year}-01` ? startMonth : `${year}-01`;
    const last = endMonth < `${year}-12` ? endMonth : `${year}-12`;
    if (first > last) continue;
    const activeMonths = Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
    const planInvestment = Math.round((perMonth * activeMonths) / 1_000_000) * 1_000_000;
    plans.push({
      project_id: id,
      year,
      plan_investment: planInvestment,
      // a full year follows the default linear 时序进度 (or a front-loaded curve); a project that starts or ends
      // inside the year plans its months only, so it is not judged against months it was not meant to work
      curve:
        first === `${year}-01` && last === `${year}-12`
          ? curve && JSON.stringify(curve)
          : JSON.stringify(partYearCurve(Number(first.slice(5, 7)), Number(last.slice(5, 7)))),
      version: 1,
      updated_at: DEMO_AT,
    });
    // behind-plan projects run at 50–90% of plan: the slower ones red (< 60%, or > 30 points behind), most yellow
    const pace = behind ? 0.5 + r.float() * 0.4 : 0.92 + r.float() * 0.2;
    let ytd = 0;
    for (let ym = first; ym <= last; ym = monthAdd(ym, 1)) {
      // a few on-plan projects slipped in the demo's last quarter (a recent lag: yellow, not yet red)
      const slip = slipping && ym >= '2025-10' ? 0.2 : 1;
      const monthInvestment =
        Math.round((perMonth * pace * slip * (0.8 + r.float() * 0.4)) / 10_000) * 10_000;
      ytd += monthInvestment;
      cumulative += monthInvestment;
      const combine = ym === `${year}-01` && last >= `${year}-02`;
      if (combine) continue; // January is reported together with February
      const combined = ym === `${year}-02` && first === `${year}-01`;
      const prevYtd =
        rows.length && rows[rows.length - 1]!.month.startsWith(String(year))
          ? Number(rows[rows.length - 1]!.ytd_investment)
          : 0;
      const pct = Math.min(100, Math.round(((cumulative / fixedAsset) * 100) / (behind ? 1.3 : 1)));
      rows.push({
        id: `${id.slice(0, 24)}${(rows.length + 1).toString(16).padStart(4, '0')}${id.slice(28)}`,
        project_id: id,
        region_code: region,
        month: ym,
        month_investment: ytd - prevYtd,
        ytd_investment: ytd,
        cumulative_investment: cumulative,
        physical_progress_pct: pct,
        physical_progress_text: `${r.pick(PROGRESS_TEXT)}，累计完成投资 ${(cumulative / 100_000_000).toFixed(2)} 亿元`,
        combined_with_previous: combined ? 1 : 0,
        created_by: createdBy,
        version: 1,
        created_at: DEMO_AT,
        updated_at: DEMO_AT,
      });
    }
  }
  return { rows, plans };
}

// ---------------------------------------------------------------- loader

async function insertChunks(
  trx: Db,
  table:
    'projects' | 'project_units' | 'project_monthly' | 'project_annual_plans' | 'milestone_confirmations',
  rows: unknown[],
  size: number,
) {
  for (let i = 0; i < rows.length; i += size)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
}

/** Demo data of this capability, loaded after the organisation. */
export async function seedDemo(ctx: DemoContext): Promise<void> {
  await ensureProjectReference(ctx.db);
  // Plans beyond the demo's last day move forward by the time since that day, so a demo loaded in a later year shows
  // the same picture instead of every plan having lapsed while nobody reported (actual dates never move).
  const lag = Math.max(0, daysBetween(DEMO_END, todayCst()));
  const keepAhead = (d: string, replanned = false) =>
    (d > DEMO_END || replanned) && lag > 0 ? addDays(d, lag) : d;
  const r = new Rand(20241231);
  const unit = (code: string) => {
    const id = ctx.unitIds.get(code);
    if (!id) throw new Error(`demo unit ${code} missing`);
    return id;
  };
  const drc = ctx.userIds.get('drc') ?? null;
  const specs = buildSpecs(r);
  specs.forEach((s, i) => {
    s.n = i + 1;
    s.id = demoId(1, i + 1);
  });
  const projects: ProjectTable[] = [];
  const units: ProjectUnitTable[] = [];
  const monthly: MonthlyOut[] = [];
  const plans: PlanOut[] = [];
  const confirmations: Array<Insertable<MilestoneConfirmationTable>> = [];
  let codeSeq = 10000;

  for (const s of specs) {
    const id = s.id!;
    s.behind ??= r.chance(0.2);
    s.leased ??= !s.fixed && r.chance(0.12);
    if (!s.terminated && !s.fixed && !s.lead && r.chance(0.025))
      s.terminated = {
        on: dateIn(r, 2025, 1, 10),
        reason: r.pick(['投资方资金链断裂，项目无法推进', '企业战略调整，终止投资', '环评未通过，项目取消']),
      };
    else if (!s.suspended && !s.fixed && !s.lead && r.chance(0.03))
      s.suspended = {
        on: dateIn(r, 2025, 3, 11),
        reason: r.pick(['等待能评指标', '市场变化，企业暂缓建设', '用地规划调整中']),
      };
    const { actual, planned, replanned } = s.lead
      ? { actual: { ...s.fixed }, planned: { ...s.planned }, replanned: false }
      : milestoneDates(r, s);
    if (s.terminated || s.suspended)
      for (const k of Object.keys(actual) as MilestoneKey[])
        if (actual[k]! > (s.terminated?.on ?? s.suspended!.on)) delete actual[k];
    const row = emptyProject(id, DEMO_AT);
    const filedOn = actual.filed;
    const region = s.place.region;
    const fixedAsset = Math.round((s.agreed * (0.55 + r.float() * 0.3)) / 1_000_000) * 1_000_000;
    Object.assign(row, {
      region_code: region,
      internal_id: `ZJ-${(s.signedOn ?? actual.lead_registered ?? '2025').slice(0, 4)}-${String(s.n).padStart(4, '0')}`,
      name: s.name,
      name_initials: nameInitials(s.name),
      project_code: filedOn
        ? `${filedOn.slice(2, 4)}${filedOn.slice(5, 7)}-${region}-89-0${s.category === 'industrial' ? r.pick([1, 2]) : 1}-${String(codeSeq++).padStart(5, '0')}${r.int(0, 9)}`
        : null,
      level: s.agreed >= 2_000_000_000 ? 'provincial' : s.agreed >= 500_000_000 ? 'municipal' : 'county',
      category: s.category,
      construction_nature:
        s.kind === 'upgrade' || s.kind === 'capital_increase' ? 'expansion' : s.leased ? 'renovation' : 'new',
      foreign_invested: s.foreign ? 1 : 0,
      investor_name: s.foreign?.investor ?? `${s.name.slice(0, 2)}控股集团有限公司`,
      investor_credit_code: s.foreign ? null : creditCode(r, '320000'),
      company_name: actual.registered
        ? `镇江${s.name.slice(0, 2)}${s.category === 'industrial' ? '科技' : '发展'}有限公司`
        : null,
      company_credit_code:
        actual.registered || filedOn ? creditCode(r, region === '321171' ? '321191' : region) : null,
      attracted_by_unit_id: unit(s.place.unit),
      first_contact_unit_id: s.taskForce ? unit('zj-commerce') : unit(s.place.unit),
      responsible_unit_id: unit(s.place.unit),
      zone_unit_id: s.place.unit === 'zj-etdz' || s.place.unit === 'zj-hitech' ? unit(s.place.unit) : null,
      park_name: null,
      linked_leader: s.agreed >= 1_000_000_000 || s.fixed ? r.pick(LEADERS) : null,
      task_force_id: null as string | null,
      industry_code: s.industry,
      chain_code: s.chain,
      agreed_investment: s.agreed,
      filed_investment: filedOn ? s.agreed : null,
      fixed_asset_investment: fixedAsset,
      foreign_amount_usd: s.foreign?.usd ?? null,
      fx_rate: s.foreign?.fx ?? null,
      registered_capital: actual.registered ? Math.round(s.agreed / 5 / 1_000_000) * 1_000_000 : null,
      land_area_mu: s.leased ? null : Math.round((s.agreed / 3_000_000) * 10) / 10,
      expected_output:
        s.category === 'industrial'
          ? Math.round((s.agreed * (1.2 + r.float())) / 1_000_000) * 1_000_000
          : null,
      expected_tax:
        s.category === 'industrial'
          ? Math.round((s.agreed * (0.05 + r.float() * 0.05)) / 100_000) * 100_000
          : null,
      expected_jobs: s.category === 'industrial' ? Math.round(s.agreed / 5_000_000) : null,
      leased_plant: s.leased ? 1 : 0,
      signing_kind: s.kind ?? 'new',
      predecessor_project_id: s.predecessor?.id ?? null,
      terminated: s.terminated ? 1 : 0,
      terminated_reason: s.terminated?.reason ?? null,
      terminated_by: s.terminated ? drc : null,
      terminated_approver: s.terminated ? '市重大项目推进办公室' : null,
      terminated_on: s.terminated?.on ?? null,
      suspended: s.suspended ? 1 : 0,
      suspended_reason: s.suspended?.reason ?? null,
      suspended_by: s.suspended ? drc : null,
      suspended_approver: s.suspended ? '市发改委' : null,
      suspended_on: s.suspended?.on ?? null,
      description:
        s.category === 'industrial'
          ? `${s.name.replace(/项目.*$/, '')}，主要建设生产厂房及配套设施，购置先进生产设备。`
          : null,
      next_steps:
        actual.started && !actual.completed
          ? '加快主体工程建设，确保按序时推进'
          : !actual.started && s.signedOn
            ? '加快办理前期手续，力争早日开工'
            : null,
      created_by: drc,
    });
    if (
      s.taskForce ||
      (s.chain && ['high_end_equipment', 'new_materials'].includes(s.chain) && s.n! % 6 === 0)
    ) {
      row.task_force_id = unit('tf-chain');
      units.push({ project_id: id, unit_id: unit('zj-commerce'), role: 'co' });
    }
    if (s.category === 'industrial' && s.n! % 9 === 0)
      units.push({ project_id: id, unit_id: unit('zj-miit'), role: 'co' });
    const dates = row as unknown as Record<string, string | null>;
    for (const m of MILESTONE_KEYS) {
      dates[plannedColumn(m)] = planned[m]
        ? keepAhead(planned[m]!, replanned && ORDER.indexOf(m) >= ORDER.indexOf('started'))
        : null;
      dates[actualColumn(m)] = actual[m] ?? null;
    }
    row.stage = computeStage(actual);
    row.search_text = searchTextOf(row);
    for (const m of ['signed', 'started'] as const) {
      if (actual[m])
        confirmations.push({
          id: demoId(2, s.n! * 2 + (m === 'started' ? 1 : 0)),
          project_id: id,
          milestone: m,
          actual_on: actual[m]!,
          attachment_ids: '[]',
          note: 'demo',
          source: 'demo',
          confirmed_by: drc ?? 'demo-seed',
          confirmed_at: `${actual[m]}T09:00:00.000Z`,
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
        });
    }
    let lastReportAt: string | null = null;
    if (actual.started) {
      const series = monthlySeries(
        r,
        id,
        region,
        fixedAsset,
        actual.started,
        actual.completed ?? s.terminated?.on ?? s.suspended?.on ?? null,
        Boolean(s.behind),
        drc ?? 'demo-seed',
      );
      monthly.push(...series.rows);
      plans.push(...series.plans);
      const last = series.rows[series.rows.length - 1];
      if (last) {
        row.physical_progress_pct = last.physical_progress_pct ?? null;
        row.physical_progress_text = last.physical_progress_text ?? null;
        lastReportAt = `${monthAdd(last.month, 1)}-08T02:00:00.000Z`; // reported by the 10th of the next month
      }
    }
    // "recently updated" (the ledger's default order) follows each project's last activity: its latest milestone,
    // flag or monthly report — not the moment the demo was loaded
    const activity = [
      ...Object.values(actual).map((d) => `${d}T01:00:00.000Z`),
      ...(s.terminated ? [`${s.terminated.on}T01:00:00.000Z`] : []),
      ...(s.suspended ? [`${s.suspended.on}T01:00:00.000Z`] : []),
      ...(lastReportAt ? [lastReportAt] : []),
    ].sort();
    const lastActivity = activity[activity.length - 1];
    if (lastActivity) {
      row.updated_at = lastActivity < DEMO_AT ? lastActivity : DEMO_AT;
      row.created_at = activity[0]! < row.updated_at ? activity[0]! : row.updated_at; // entered when first heard of
    }
    projects.push(row);
  }

  const actor = systemActor('demo-seed');
  await ctx.db.transaction().execute(async (trx) => {
    await insertChunks(trx, 'projects', projects, 100);
    await insertChunks(trx, 'project_units', units, 500);
    await insertChunks(trx, 'milestone_confirmations', confirmations, 500);
    await insertChunks(trx, 'project_annual_plans', plans, 500);
    await insertChunks(trx, 'project_monthly', monthly, 400);
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: 'demo-seed',
      action: 'import',
      payload: {
        what: 'demo seed',
        projects: projects.length,
        monthly: monthly.length,
        plans: plans.length,
        confirmations: confirmations.length,
      },
    });
  });
}
