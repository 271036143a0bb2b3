/**
 * Generates a large project ledger for the benchmark: the demo organisation, then N projects (default 200,000) and
 * M monthly reports (default 2,000,000), streamed in batches, deterministic (seeded PRNG).
 *
 *   npx tsx bench/projects/generate.ts --db /tmp/gj-bench.sqlite [--projects 200000] [--monthly 2000000]
 *   npx tsx bench/projects/generate.ts --db postgres://postgres@127.0.0.1:5432/gj_bench
 *
 * The target must be empty (a new SQLite file, or an empty PostgreSQL database).
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest } from '../../server/src/db/migrate';
import { seedDemo } from '../../server/src/modules/demo/demo.seed';
import {
  MILESTONE_KEYS,
  MILESTONES,
  actualColumn,
  plannedColumn,
} from '../../server/src/modules/projects/projects.milestones';
import { nameInitials, searchTextOf } from '../../server/src/modules/projects/projects.validate';
import { ensureRegions } from '../../server/src/modules/regions/regions.service';
import { BENCH_PASSWORD, arg, openBenchDatabase } from './common';

const target = arg('db', '/tmp/gj-bench.sqlite')!;
const PROJECTS = Number(arg('projects', '200000'));
const MONTHLY = Number(arg('monthly', '2000000'));

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
const rnd = mulberry32(4754);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthAdd = (ym: string, n: number) => {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7)) - 1 + n;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};
const id = (kind: number, n: number) => `01950000-0000-7000-8${kind}00-${n.toString(16).padStart(12, '0')}`;

const WORDS = [
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
  '永联',
  '华澄',
  '长丰',
  '泰和',
  '启明',
  '沃德',
  '万润',
  '森特',
];
const PRODUCTS = [
  '智能装备',
  '新能源电池',
  '高端轴承',
  '铝合金构件',
  '集成电路封测',
  '生物医药',
  '医疗器械',
  '光伏组件',
  '汽车零部件',
  '电子材料',
  '工业机器人',
  '航空零部件',
  '碳纤维材料',
  '储能系统',
  '精密模具',
];
const CHAINS = [
  'high_end_equipment',
  'new_materials',
  'new_energy',
  'digital_economy',
  'life_health',
  'aerospace',
  'nev_parts',
  'photovoltaic',
];
const INDUSTRIES = [
  '3421',
  '3491',
  '3252',
  '2651',
  '3841',
  '3973',
  '2761',
  '3581',
  '3825',
  '3670',
  '3985',
  '3744',
];
const LEADERS = ['李市长', '王副市长', '张副市长', '刘副市长', '陈副市长'];
const PLACES = [
  ['zj-etdz', '321171'],
  ['danyang', '321181'],
  ['jurong', '321183'],
  ['yangzhong', '321182'],
  ['dantu', '321112'],
  ['zj-hitech', '321111'],
  ['jingkou', '321102'],
  ['runzhou', '321111'],
] as const;
const ORDER = [
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
] as const;

async function main() {
  if (!/^postgres/.test(target) && fs.existsSync(target))
    throw new Error(`${target} exists; give a new file`);
  const handle = openBenchDatabase(target);
  const t0 = Date.now();
  await migrateToLatest(handle.db);
  await ensureRegions(handle.db);
  await seedDemo(handle.db, { password: BENCH_PASSWORD });
  const units = new Map(
    (await handle.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const drc = (
    await handle.db.selectFrom('users').select('id').where('username', '=', 'drc').executeTakeFirstOrThrow()
  ).id;
  const tf = units.get('tf-chain')!;
  console.log(`organisation ready in ${Date.now() - t0} ms`);

  const projectCols = [
    'id',
    'region_code',
    'internal_id',
    'name',
    'name_initials',
    'search_text',
    'project_code',
    'level',
    'category',
    'foreign_invested',
    'responsible_unit_id',
    'zone_unit_id',
    'linked_leader',
    'task_force_id',
    'industry_code',
    'chain_code',
    'agreed_investment',
    'fixed_asset_investment',
    'stage',
    'terminated',
    'suspended',
    'light',
    'created_by',
    'version',
    'created_at',
    'updated_at',
    'leased_plant',
    'signing_kind',
    ...MILESTONE_KEYS.flatMap((m) => [plannedColumn(m), actualColumn(m)]),
  ];
  const monthlyCols = [
    'id',
    'project_id',
    'region_code',
    'month',
    'month_investment',
    'ytd_investment',
    'cumulative_investment',
    'physical_progress_pct',
    'combined_with_previous',
    'version',
    'created_at',
    'updated_at',
  ];

  // Each started project reports monthly from its start through 2025-12; spread the budget of reports over them.
  const started: Array<{ id: string; region: string; start: string; fixed: number }> = [];
  const sqlite = handle.sqlite;
  const pool = sqlite ? null : new pg.Pool({ connectionString: target, max: 1 });
  const insertMany = async (table: string, cols: string[], rows: unknown[][]) => {
    if (!rows.length) return;
    if (sqlite) {
      const stmt = sqlite.prepare(
        `insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`,
      );
      sqlite.transaction((rs: unknown[][]) => {
        for (const r of rs) stmt.run(...r);
      })(rows);
    } else {
      const per = Math.floor(60000 / cols.length);
      for (let i = 0; i < rows.length; i += per) {
        const params: unknown[] = [];
        const values = rows
          .slice(i, i + per)
          .map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(',')})`)
          .join(',');
        await pool!.query(`insert into ${table} (${cols.join(',')}) values ${values}`, params);
      }
    }
  };

  const at = '2025-12-31T08:00:00.000Z';
  let batch: unknown[][] = [];
  const t1 = Date.now();
  for (let n = 1; n <= PROJECTS; n++) {
    const [unitCode, region] = pick(PLACES);
    const name = `${pick(WORDS)}${pick(WORDS)}${pick(PRODUCTS)}项目${n}`;
    const signed = rnd() < 0.9 ? addDays(`${pick([2021, 2022, 2023, 2024, 2025])}-01-01`, int(0, 360)) : null;
    const dates: Record<string, string | null> = {};
    for (const m of MILESTONE_KEYS) {
      dates[plannedColumn(m)] = null;
      dates[actualColumn(m)] = null;
    }
    let stage = signed ? 3 : int(0, 2);
    if (signed) {
      const reach = int(0, ORDER.length - 1);
      let d = signed;
      for (let i = 0; i < ORDER.length; i++) {
        if (i > 0) d = addDays(d, int(5, 90));
        dates[plannedColumn(ORDER[i]!)] = addDays(d, int(-30, 30));
        if (i <= reach && d <= '2025-12-31') {
          dates[actualColumn(ORDER[i]!)] = d;
          stage = MILESTONES.find((x) => x.key === ORDER[i])!.stage;
        }
      }
    } else dates[actualColumn('lead_registered')] = addDays('2025-01-01', int(0, 300));
    const agreed = int(5, 3000) * 1_000_000;
    const fixed = Math.round(agreed * 0.7);
    const pid = id(1, n);
    if (dates.actual_started_on) started.push({ id: pid, region, start: dates.actual_started_on, fixed });
    const row: Record<string, unknown> = {
      id: pid,
      region_code: region,
      internal_id: `B-${n}`,
      name,
      name_initials: nameInitials(name),
      project_code: dates.actual_filed_on
        ? `${dates.actual_filed_on.slice(2, 4)}${dates.actual_filed_on.slice(5, 7)}-${region}-89-02-${String(500_000 + n)}` // serials the demo never uses (its own are 100000–109999)
        : null,
      level: pick(['provincial', 'municipal', 'municipal', 'county', 'county', 'county']),
      category: rnd() < 0.8 ? 'industrial' : pick(['infrastructure', 'livelihood', 'service']),
      foreign_invested: rnd() < 0.05 ? 1 : 0,
      responsible_unit_id: units.get(unitCode)!,
      zone_unit_id: unitCode === 'zj-etdz' || unitCode === 'zj-hitech' ? units.get(unitCode)! : null,
      linked_leader: rnd() < 0.2 ? pick(LEADERS) : null,
      task_force_id: rnd() < 0.03 ? tf : null,
      industry_code: pick(INDUSTRIES),
      chain_code: pick(CHAINS),
      agreed_investment: agreed,
      fixed_asset_investment: fixed,
      stage,
      search_text: '',
      terminated: rnd() < 0.03 ? 1 : 0,
      suspended: rnd() < 0.03 ? 1 : 0,
      light: pick(['green', 'green', 'green', 'yellow', 'red', null]),
      created_by: drc,
      version: 1,
      created_at: at,
      updated_at: addDays('2025-01-01', int(0, 364)) + 'T08:00:00.000Z',
      leased_plant: 0,
      signing_kind: 'new',
      ...dates,
    };
    row.search_text = searchTextOf(row as never);
    batch.push(projectCols.map((c) => row[c] ?? null));
    if (batch.length === 5000) {
      await insertMany('projects', projectCols, batch);
      batch = [];
    }
  }
  await insertMany('projects', projectCols, batch);
  batch = [];
  console.log(`${PROJECTS} projects in ${Date.now() - t1} ms (${started.length} started)`);

  const t2 = Date.now();
  const perProject = Math.max(1, Math.ceil(MONTHLY / Math.max(1, started.length)));
  let written = 0;
  let mid = 0;
  for (const p of started) {
    if (written >= MONTHLY) break;
    // the last `perProject` months up to 2025-12 (not before the start)
    let first = monthAdd('2025-12', 1 - perProject);
    if (first < p.start.slice(0, 7)) first = p.start.slice(0, 7);
    let ytd = 0;
    let cum = 0;
    for (let ym = first; ym <= '2025-12' && written < MONTHLY; ym = monthAdd(ym, 1)) {
      if (ym.endsWith('-01')) ytd = 0;
      const month = Math.round((p.fixed / 24) * (0.5 + rnd()));
      ytd += month;
      cum += month;
      batch.push([
        id(3, ++mid),
        p.id,
        p.region,
        ym,
        month,
        ytd,
        cum,
        Math.min(100, Math.round((cum / p.fixed) * 100)),
        0,
        1,
        at,
        at,
      ]);
      written++;
    }
    if (batch.length >= 20000) {
      await insertMany('project_monthly', monthlyCols, batch);
      batch = [];
    }
  }
  await insertMany('project_monthly', monthlyCols, batch);
  console.log(`${written} monthly reports in ${Date.now() - t2} ms`);
  await pool?.end();
  // PostgreSQL: VACUUM sets the visibility map, without which index-only scans read the heap anyway
  await (sqlite ? sql`analyze` : sql`vacuum analyze`).execute(handle.db);
  await handle.close();
  console.log(`done in ${Math.round((Date.now() - t0) / 1000)} s: ${target}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
