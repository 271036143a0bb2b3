/**
 * Enterprise registry at province scale: N enterprises (default 500,000) × 5 years of indicators, then
 *  1. the bulk eligibility recomputation (all 7 tiers, each enterprise's latest year) through the API
 *     (POST /api/v1/enterprises/eligibility/recompute via app.inject), first run (inserts) and re-run (upserts),
 *     beside a direct-SQL floor: one INSERT … SELECT per tier computing the same verdicts' core in SQL;
 *  2. the filtered list's p50/p95 through app.inject (session cookie: auth, validation, scope, serialisation),
 *     beside the floor: the very SQL statements the endpoint runs, captured once and replayed on the raw driver.
 *
 *   npx tsx bench/enterprises/bench.ts [--n 500000] [--db /tmp/gj-bench-enterprises.sqlite] [--runs 200]
 *   npx tsx bench/enterprises/bench.ts --db postgres://postgres@127.0.0.1:5432/postgres   # a fresh database is created
 *   add --readme to write the figures into bench/README.md under '## Enterprises'; --keep keeps the SQLite file
 *
 * Deterministic data (seeded PRNG); the SQLite file is recreated on every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type DatabaseHandle } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { DB } from '../../server/src/db/schema';
import { buildActor } from '../../server/src/modules/auth/auth.service';
import { seedDemo } from '../../server/src/modules/demo/demo.seed';
import * as repo from '../../server/src/modules/enterprises/enterprises.repository';
import { ensureRegions } from '../../server/src/modules/regions/regions.service';
import { creditCodeCheckChar, CREDIT_CODE_CHARSET } from '../../contracts/validators/credit-code';
import { EnterpriseListQuery } from '../../contracts/schemas/enterprises';
import { todayCst } from '../../server/src/core/clock';
import { newId } from '../../server/src/core/ids';
import { pinyin } from 'pinyin-pro';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith('--')) return process.argv[i + 1];
  return process.argv.includes(`--${name}`) ? 'true' : fallback;
};
const N = Number(arg('n', '500000'));
const RUNS = Number(arg('runs', '200'));
const target = arg('db', '/tmp/gj-bench-enterprises.sqlite')!;
const PASSWORD = 'Bench-Passw0rd!';

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
const rnd = mulberry32(321100);
const range = (a: number, b: number) => a + rnd() * (b - a);
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const wan = (v: number) => Math.round(v / 1e4) * 1e4;
const ms = (t: bigint) => Number(t) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const PLACES = [
  { unit: 'danyang', region: '321181', weight: 21 },
  { unit: 'zj-etdz', region: '321171', weight: 17 },
  { unit: 'jurong', region: '321183', weight: 12 },
  { unit: 'yangzhong', region: '321182', weight: 12 },
  { unit: 'dantu', region: '321112', weight: 10 },
  { unit: 'jingkou', region: '321102', weight: 10 },
  { unit: 'runzhou', region: '321111', weight: 8 },
  { unit: 'zj-hitech', region: '321111', weight: 10 },
];
const PREFIX = ['镇江', '江苏', '丹阳', '句容', '扬中'];
const FIRST = '华恒宏天金大正鼎瑞汇联新通科圣远凯明东润亚永海博中迈星卓宝康盛泰银长京鑫鸿辰蓝嘉'.split('');
const SECOND = '东顺达工鹰全昌胜川成宇科航迪珠方港华太盛鸿奥恒驰辰越泰和源运龙海孚鼎信诚锐德丰明'.split('');
const TRADES = [
  ['精密机械', '3489'],
  ['电气', '3823'],
  ['新材料', '3985'],
  ['光电', '3976'],
  ['生物医药', '2761'],
  ['智能装备', '3491'],
  ['电子科技', '3982'],
  ['汽车零部件', '3670'],
  ['软件', '6513'],
  ['新能源', '3825'],
  ['医疗器械', '3581'],
  ['食品', '1469'],
] as const;
const SUFFIX = ['有限公司', '股份有限公司', '科技有限公司'];
const initials = new Map<string, string>();
const ini = (s: string) => {
  let v = initials.get(s);
  if (v === undefined)
    initials.set(
      s,
      (v = pinyin(s, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase()),
    );
  return v;
};

function creditCode(region: string, n: number): string {
  let body = '';
  for (let x = n, i = 0; i < 8; i++, x = Math.floor(x / 31)) body = CREDIT_CODE_CHARSET[x % 31] + body;
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce(
    (s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * w[i]!,
    0,
  );
  const c = 11 - (sum % 11);
  const first17 = `91${region}${body}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  return first17 + creditCodeCheckChar(first17);
}

// ── database ────────────────────────────────────────────────────────────────────────────────────

async function openTarget(): Promise<{ handle: DatabaseHandle; url?: string; drop(): Promise<void> }> {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const name = `gj_bench_ent_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: target });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(target);
    url.pathname = `/${name}`;
    const handle = openDatabase({ kind: 'postgres', url: url.toString(), max: 4 });
    return {
      handle,
      url: url.toString(),
      drop: async () => {
        await handle.close();
        const a = new pg.Client({ connectionString: target });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  const handle = openDatabase({ kind: 'sqlite', file: path.resolve(target) });
  return { handle, drop: () => handle.close() };
}

/** Batched inserts: prepared multi-row statements on SQLite, Kysely batches on PostgreSQL. */
function inserter(handle: DatabaseHandle, table: keyof DB, columns: string[]) {
  if (handle.engine === 'sqlite') {
    const per = Math.floor(30000 / columns.length);
    const row = `(${columns.map(() => '?').join(',')})`;
    const full = handle.sqlite!.prepare(
      `insert into ${table} (${columns.join(',')}) values ${Array(per).fill(row).join(',')}`,
    );
    return async (rows: Array<Record<string, unknown>>) => {
      let i = 0;
      for (; i + per <= rows.length; i += per)
        full.run(rows.slice(i, i + per).flatMap((r) => columns.map((c) => r[c] ?? null)));
      const rest = rows.slice(i);
      if (rest.length)
        handle
          .sqlite!.prepare(
            `insert into ${table} (${columns.join(',')}) values ${Array(rest.length).fill(row).join(',')}`,
          )
          .run(rest.flatMap((r) => columns.map((c) => r[c] ?? null)));
    };
  }
  const per = Math.floor(60000 / columns.length);
  return async (rows: Array<Record<string, unknown>>) => {
    for (let i = 0; i < rows.length; i += per)
      await handle.db
        .insertInto(table)
        .values(rows.slice(i, i + per) as never)
        .execute();
  };
}

async function generate(handle: DatabaseHandle) {
  const db = handle.db;
  const units = new Map(
    (await db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code!, u.id]),
  );
  const at = new Date().toISOString();
  const E = [
    'id',
    'credit_code',
    'name',
    'name_initials',
    'region_code',
    'industry_code',
    'size',
    'ownership',
    'soe',
    'listed',
    'founded_on',
    'owner_unit_id',
    'org_unit_id',
    'created_by',
    'version',
    'created_at',
    'updated_at',
  ];
  const NAMES = ['id', 'enterprise_id', 'name', 'valid_from', 'valid_to', 'created_at'];
  const I = [
    'enterprise_id',
    'year',
    'region_code',
    'revenue',
    'rd_expense',
    'rd_expense_domestic',
    'hitech_revenue',
    'staff',
    'st_staff',
    'ip_class1',
    'ip_class2',
    'tax',
    'output',
    'land_mu',
    'energy_tce',
    'valuation_usd',
    'latest_round',
    'total_assets',
    'liabilities',
    'profit',
    'net_profit',
    'value_added',
    'net_assets',
    'operating_cash_flow',
    'updated_by',
    'version',
    'updated_at',
  ];
  const Q = [
    'id',
    'enterprise_id',
    'region_code',
    'type',
    'level',
    'issuer',
    'batch',
    'cert_no',
    'granted_on',
    'valid_from',
    'valid_to',
    'status',
    'is_new',
    'is_new_manual',
    'note',
    'created_by',
    'version',
    'created_at',
    'updated_at',
  ];
  const insE = inserter(handle, 'enterprises', E);
  const insN = inserter(handle, 'enterprise_names', NAMES);
  const insI = inserter(handle, 'enterprise_indicators', I);
  const insQ = inserter(handle, 'enterprise_qualifications', Q);
  const total = PLACES.reduce((s, p) => s + p.weight, 0);
  const BATCH = 5000;
  for (let start = 0; start < N; start += BATCH) {
    const es: Array<Record<string, unknown>> = [];
    const ns: Array<Record<string, unknown>> = [];
    const is: Array<Record<string, unknown>> = [];
    const qs: Array<Record<string, unknown>> = [];
    for (let k = start; k < Math.min(N, start + BATCH); k++) {
      let x = rnd() * total;
      const place = PLACES.find((p) => (x -= p.weight) < 0) ?? PLACES[0]!;
      const [trade, industry] = pick(TRADES);
      const parts = [pick(PREFIX), pick(FIRST), pick(SECOND), trade, pick(SUFFIX)];
      const name = parts.join('');
      const id = newId();
      const founded = int(1995, 2022);
      const roll = rnd();
      let rev =
        roll < 0.2
          ? range(3e6, 1e7)
          : roll < 0.6
            ? range(1e7, 5e7)
            : roll < 0.92
              ? range(5e7, 4e8)
              : range(4e8, 3e9);
      const meets = rnd() < 0.35;
      const gazelle = rnd() < 0.03;
      const unicorn = rnd() < 0.001;
      const growth = gazelle ? range(0.22, 0.45) : range(-0.05, 0.15);
      es.push({
        id,
        credit_code: creditCode(place.region, k),
        name,
        name_initials: parts.map(ini).join(''),
        region_code: place.region,
        industry_code: industry,
        size: rev >= 4e8 ? 'large' : rev >= 2e7 ? 'medium' : rev >= 3e6 ? 'small' : 'micro',
        ownership: rnd() < 0.9 ? 'private' : 'foreign',
        soe: 0,
        listed: rnd() < 0.01 ? 1 : 0,
        founded_on: `${founded}-0${int(1, 9)}-1${int(0, 9)}`,
        owner_unit_id: units.get(place.unit) ?? null,
        org_unit_id: null,
        created_by: null,
        version: 1,
        created_at: at,
        updated_at: at,
      });
      ns.push({ id: newId(), enterprise_id: id, name, valid_from: null, valid_to: null, created_at: at });
      const st = meets ? range(0.12, 0.35) : range(0.02, 0.15);
      const ht = meets ? range(0.62, 0.9) : range(0.05, 0.65);
      const rdr = meets ? range(0.052, 0.09) : range(0.005, 0.05);
      for (let year = 2020; year <= 2024; year++) {
        if (year > 2020) rev *= 1 + growth + range(-0.05, 0.05);
        const revenue = wan(rev);
        const rd = wan(revenue * rdr);
        const staff = Math.max(8, Math.round(revenue / range(6e5, 1.4e6)));
        const assets = wan(revenue * range(0.7, 1.4));
        const liabilities = wan(assets * range(0.3, 0.65));
        const profit = wan(revenue * range(0.02, 0.12));
        is.push({
          enterprise_id: id,
          year,
          region_code: place.region,
          revenue,
          rd_expense: rd,
          rd_expense_domestic: wan(rd * range(0.7, 1)),
          hitech_revenue: wan(revenue * ht),
          staff,
          st_staff: Math.round(staff * st),
          ip_class1: meets ? int(0, 20) : int(0, 1),
          ip_class2: int(0, 12),
          tax: wan(revenue * 0.04),
          output: wan(revenue * 1.02),
          land_mu: Math.round(range(5, 300) * 10) / 10,
          energy_tce: Math.round(revenue / 1e6),
          valuation_usd: unicorn ? int(8, 30) * 1e8 : null,
          latest_round: unicorn ? 'C轮' : null,
          total_assets: assets,
          liabilities,
          profit,
          net_profit: wan(profit * 0.85),
          value_added: wan(revenue * 0.25),
          net_assets: assets - liabilities,
          operating_cash_flow: wan(profit * 1.1),
          updated_by: null,
          version: 1,
          updated_at: at,
        });
      }
      if (meets && rnd() < 0.7) {
        const y = int(2021, 2024);
        qs.push({
          id: newId(),
          enterprise_id: id,
          region_code: place.region,
          type: 'hitech',
          level: 'national',
          issuer: null,
          batch: `${y}年`,
          cert_no: `GR${y}32B${k}`,
          granted_on: `${y}-11-20`,
          valid_from: `${y}-11-20`,
          valid_to: `${y + 3}-11-19`,
          status: 'active',
          is_new: 1,
          is_new_manual: 0,
          note: null,
          created_by: null,
          version: 1,
          created_at: at,
          updated_at: at,
        });
      }
    }
    const write = async () => {
      await insE(es);
      await insN(ns);
      await insI(is);
      await insQ(qs);
    };
    if (handle.engine === 'sqlite') {
      handle.sqlite!.exec('begin');
      await write();
      handle.sqlite!.exec('commit');
    } else await write();
    if ((start / BATCH) % 20 === 0)
      process.stdout.write(
        `\r  generated ${Math.min(N, start + BATCH).toLocaleString()} / ${N.toLocaleString()}`,
      );
  }
  process.stdout.write('\n');
  await sql`analyze`.execute(db);
}

// ── the direct-SQL floor of the recomputation ───────────────────────────────────────────────────

/**
 * Per tier, one INSERT … SELECT computing the verdict's core from the latest year's figures in SQL (sums over
 * the window, ratios, thresholds of the default rule sets) and writing a row per enterprise with a small
 * figures document — the work a database alone does for the same rows. It explains nothing and ignores the
 * refinements the application applies (bands by revenue for 科技型中小企业 scores, missing-data reporting, …).
 */
async function recomputeFloor(handle: DatabaseHandle): Promise<number> {
  const db = handle.db;
  await sql`drop table if exists bench_floor`.execute(db);
  await sql`create table bench_floor (enterprise_id varchar(36) not null, tier varchar(24) not null, year integer not null, pass integer not null, details text not null, primary key (enterprise_id, tier, year))`.execute(
    db,
  );
  const concat = (...parts: ReturnType<typeof sql>[]) => sql.join(parts, sql` || `);
  const t0 = process.hrtime.bigint();
  const statements = [
    // 高企: 3-year R&D ratio by the latest revenue band, S&T staff, high-tech revenue, IP
    sql`insert into bench_floor select w.enterprise_id, 'hitech', 2024,
        case when w.rev3 > 0 and 1.0 * w.rd3 / w.rev3 >= (case when l.revenue <= 50000000 then 0.05 when l.revenue <= 200000000 then 0.04 else 0.03 end)
          and w.rd3 > 0 and 1.0 * w.dom3 / w.rd3 >= 0.6 and l.staff > 0 and 1.0 * l.st_staff / l.staff >= 0.1
          and l.revenue > 0 and 1.0 * l.hitech_revenue / l.revenue >= 0.6 and (l.ip_class1 >= 1 or l.ip_class2 >= 6) then 1 else 0 end,
        ${concat(sql`'{"rd3":'`, sql`cast(w.rd3 as varchar(30))`, sql`',"rev3":'`, sql`cast(w.rev3 as varchar(30))`, sql`'}'`)}
      from (select enterprise_id, sum(rd_expense) rd3, sum(revenue) rev3, sum(rd_expense_domestic) dom3 from enterprise_indicators where year between 2022 and 2024 group by enterprise_id) w
      join enterprise_indicators l on l.enterprise_id = w.enterprise_id and l.year = 2024`,
    // 科技型中小企业: size limits and the score route (R&D/revenue bands only)
    sql`insert into bench_floor select l.enterprise_id, 'tech_sme', 2024,
        case when l.staff <= 500 and l.revenue <= 200000000 and l.total_assets <= 200000000 and 1.0 * l.st_staff / l.staff >= 0.1
          and (case when 1.0 * l.st_staff / l.staff >= 0.3 then 20 when 1.0 * l.st_staff / l.staff >= 0.1 then 4 else 0 end)
            + (case when l.revenue > 0 and 1.0 * l.rd_expense / l.revenue >= 0.06 then 50 when l.revenue > 0 and 1.0 * l.rd_expense / l.revenue >= 0.02 then 10 else 0 end)
            + (case when l.ip_class1 >= 1 then 30 else 6 * l.ip_class2 end) >= 60 then 1 else 0 end,
        ${concat(sql`'{"staff":'`, sql`cast(l.staff as varchar(30))`, sql`'}'`)}
      from enterprise_indicators l where l.year = 2024`,
    // 专精特新
    sql`insert into bench_floor select l.enterprise_id, 'specialized_sme', 2024,
        case when l.rd_expense >= 1000000 and l.revenue >= 10000000 and 1.0 * l.rd_expense / l.revenue >= 0.03 and e.founded_on <= '2022-12-31' then 1 else 0 end,
        ${concat(sql`'{"rd":'`, sql`cast(l.rd_expense as varchar(30))`, sql`'}'`)}
      from enterprise_indicators l join enterprises e on e.id = l.enterprise_id where l.year = 2024`,
    // 小巨人: two-year growth, debt ratio, class I IP, R&D over two years
    sql`insert into bench_floor select l.enterprise_id, 'little_giant', 2024,
        case when p.revenue > 0 and q.revenue > 0 and (1.0 * l.revenue / p.revenue + 1.0 * p.revenue / q.revenue - 2) / 2 >= 0.05
          and l.liabilities <= 0.7 * l.total_assets and l.ip_class1 >= 2 and 1.0 * (l.rd_expense + p.rd_expense) / (l.revenue + p.revenue) >= 0.03 then 1 else 0 end,
        ${concat(sql`'{"rev":'`, sql`cast(l.revenue as varchar(30))`, sql`'}'`)}
      from enterprise_indicators l join enterprise_indicators p on p.enterprise_id = l.enterprise_id and p.year = 2023
      join enterprise_indicators q on q.enterprise_id = l.enterprise_id and q.year = 2022 where l.year = 2024`,
    // 瞪羚: base revenue and four-year growth (CAGR > 20% ⇔ ratio > 1.2^4) and last-year growth
    sql`insert into bench_floor select l.enterprise_id, 'gazelle', 2024,
        case when b.revenue >= 10000000 and l.revenue > 2.0736 * b.revenue and l.revenue > p.revenue then 1 else 0 end,
        ${concat(sql`'{"base":'`, sql`cast(b.revenue as varchar(30))`, sql`'}'`)}
      from enterprise_indicators l join enterprise_indicators b on b.enterprise_id = l.enterprise_id and b.year = 2020
      join enterprise_indicators p on p.enterprise_id = l.enterprise_id and p.year = 2023 where l.year = 2024`,
    sql`insert into bench_floor select l.enterprise_id, 'unicorn', 2024,
        case when e.listed = 0 and l.valuation_usd > 1000000000 and e.founded_on >= '2014-12-31' then 1 else 0 end, '{}'
      from enterprise_indicators l join enterprises e on e.id = l.enterprise_id where l.year = 2024`,
    sql`insert into bench_floor select l.enterprise_id, 'potential_unicorn', 2024,
        case when e.listed = 0 and l.valuation_usd <= 1000000000 and ((e.founded_on >= '2019-12-31' and l.valuation_usd >= 100000000) or (e.founded_on >= '2015-12-31' and l.valuation_usd >= 500000000)) then 1 else 0 end, '{}'
      from enterprise_indicators l join enterprises e on e.id = l.enterprise_id where l.year = 2024`,
  ];
  await db.transaction().execute(async (trx) => {
    for (const s of statements) await s.execute(trx);
  });
  return ms(process.hrtime.bigint() - t0);
}

// ── captured SQL, replayed on the raw driver ────────────────────────────────────────────────────

async function captureAndReplay(
  handle: DatabaseHandle,
  url: string | undefined,
  run: (db: Kysely<DB>) => Promise<unknown>,
) {
  const captured: CompiledQuery[] = [];
  const logged = new Kysely<DB>({
    dialect:
      handle.engine === 'sqlite'
        ? new SqliteDialect({ database: handle.sqlite! })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  await run(logged);
  if (handle.engine === 'sqlite') {
    const stmts = captured.map((q) => ({
      st: handle.sqlite!.prepare(q.sql),
      params: q.parameters as unknown[],
    }));
    // (destroying `logged` would close the shared better-sqlite3 handle)
    return {
      replay: async () => stmts.forEach((s) => s.st.all(...s.params)),
      close: async () => undefined,
      statements: captured.length,
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    replay: async () => {
      for (const q of captured) await pool.query(q.sql, q.parameters as unknown[]);
    },
    close: async () => {
      await pool.end();
      await logged.destroy();
    },
    statements: captured.length,
  };
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const { handle, url, drop } = await openTarget();
  const db = handle.db;
  console.log(`engine ${handle.engine} · ${N.toLocaleString()} enterprises × 5 years`);
  await migrateToLatest(db);
  await ensureRegions(db);
  await seedDemo(db, { password: PASSWORD });
  const t = process.hrtime.bigint();
  await generate(handle);
  const genMs = ms(process.hrtime.bigint() - t);
  const count = async (
    table: 'enterprises' | 'enterprise_indicators' | 'enterprise_qualifications' | 'enterprise_eligibility',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const enterprises = await count('enterprises');
  const indicators = await count('enterprise_indicators');
  console.log(
    `  generated in ${(genMs / 1000).toFixed(1)} s: ${enterprises.toLocaleString()} enterprises, ${indicators.toLocaleString()} indicator rows, ${(await count('enterprise_qualifications')).toLocaleString()} qualifications`,
  );

  const config = loadConfig({
    DATA_DIR: '/tmp/gongjian-bench',
    LOG_LEVEL: 'silent',
    GONGJIAN_JOBS: 'off',
    GONGJIAN_DEMO: 'off',
    LOGIN_RATE_PER_MINUTE: '100000',
    ...(url ? { DATABASE_URL: url } : {}),
  });
  const app = await buildApp({ config, database: handle, logger: false, serveWeb: false });
  await app.ready();
  const session = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'gj_session')!;
    const userId = (
      await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    ).id;
    return {
      cookie: `gj_session=${c.value}`,
      csrf: res.json().data.csrfToken as string,
      actor: (await buildActor(db, userId, { ip: null, userAgent: null }))!,
    };
  };
  const sci = await session('sci');
  const jingkou = await session('jingkou');

  // 1. recomputation
  const recompute = async () => {
    const t0 = process.hrtime.bigint();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/eligibility/recompute',
      headers: { cookie: sci.cookie, 'x-csrf-token': sci.csrf, 'content-type': 'application/json' },
      payload: '{}',
    });
    if (res.statusCode !== 200) throw new Error(`recompute: ${res.statusCode} ${res.body}`);
    return {
      ms: ms(process.hrtime.bigint() - t0),
      data: res.json().data as { enterprises: number; results: number; passed: Record<string, number> },
    };
  };
  await db.deleteFrom('enterprise_eligibility').execute();
  const first = await recompute();
  const second = await recompute();
  const floorMs = await recomputeFloor(handle);
  console.log(
    `  recompute: ${first.data.enterprises.toLocaleString()} enterprises → ${first.data.results.toLocaleString()} results; passed ${JSON.stringify(first.data.passed)}`,
  );

  // 2. filtered lists
  const today = todayCst();
  const cases = [
    {
      label: 'city manager: 丹阳, medium, by name, pages 1–10',
      s: sci,
      qs: (i: number) => ({
        regionCode: '321181',
        size: 'medium',
        page: String((i % 10) + 1),
        pageSize: '20',
      }),
    },
    {
      label: 'district user (京口, own district by scope): holds 高企, page 1–5',
      s: jingkou,
      qs: (i: number) => ({ qualification: 'hitech', page: String((i % 5) + 1), pageSize: '20' }),
    },
    {
      label: 'city manager: eligible for 高企 in 京口, newest first',
      s: sci,
      qs: () => ({ eligibleFor: 'hitech', regionCode: '321102', sort: '-updatedAt', pageSize: '20' }),
    },
    {
      label: 'city manager: keyword (name or pinyin initials)',
      s: sci,
      qs: () => ({ q: 'zjhd', pageSize: '20' }),
    },
  ];
  const rows: string[] = [];
  for (const c of cases) {
    const variants = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const qs = c.qs(i);
        const q = EnterpriseListQuery.parse(qs);
        const replay = await captureAndReplay(handle, url, async (logged) => {
          const { rows: r } = await repo.listEnterprises(logged, c.s.actor, q, today, {
            limit: q.pageSize,
            offset: (q.page - 1) * q.pageSize,
            sort: { column: q.sort === '-updatedAt' ? 'updated_at' : 'name', desc: q.sort === '-updatedAt' },
          });
          await repo.qualificationsInForce(
            logged,
            r.map((x) => x.id),
            today,
          );
        });
        return { url: `/api/v1/enterprises?${new URLSearchParams(qs)}`, replay };
      }),
    );
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'GET',
        url: variants[i % 10]!.url,
        headers: { cookie: c.s.cookie },
      });
      if (res.statusCode !== 200) throw new Error(`${c.label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      await variants[i % 10]!.replay.replay();
    }
    const e: number[] = [];
    const f: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const v = variants[i % 10]!;
      let t0 = process.hrtime.bigint();
      await app.inject({ method: 'GET', url: v.url, headers: { cookie: c.s.cookie } });
      e.push(ms(process.hrtime.bigint() - t0));
      t0 = process.hrtime.bigint();
      await v.replay.replay();
      f.push(ms(process.hrtime.bigint() - t0));
    }
    for (const v of variants) await v.replay.close();
    rows.push(
      `| ${c.label} | ${pct(e, 50).toFixed(1)} ms | ${pct(e, 95).toFixed(1)} ms | ${pct(f, 50).toFixed(1)} ms | ${pct(f, 95).toFixed(1)} ms | ${(pct(e, 95) / pct(f, 95)).toFixed(2)}× |`,
    );
    console.log(rows[rows.length - 1]);
  }

  const cpu = (await import('node:os')).cpus();
  const report = [
    `### ${handle.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} · ${enterprises.toLocaleString()} enterprises · ${indicators.toLocaleString()} indicator rows (${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'})`,
    '',
    `Generated in ${(genMs / 1000).toFixed(0)} s. Recomputation of all 7 tiers on each enterprise's latest year (${first.data.results.toLocaleString()} stored results):`,
    '',
    '| measure | through the API | direct-SQL floor | ratio |',
    '|---|---:|---:|---:|',
    `| recompute, first run (inserts) | ${(first.ms / 1000).toFixed(1)} s | ${(floorMs / 1000).toFixed(1)} s | ${(first.ms / floorMs).toFixed(1)}× |`,
    `| recompute, re-run (upserts over stored results) | ${(second.ms / 1000).toFixed(1)} s | ${(floorMs / 1000).toFixed(1)} s | ${(second.ms / floorMs).toFixed(1)}× |`,
    '',
    `Filtered list, ${RUNS} requests per case through app.inject (session cookie, validation, scope, serialisation), interleaved with the floor: the same SQL statements replayed on the raw driver.`,
    '',
    '| case | p50 | p95 | floor p50 | floor p95 | p95 ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  if (arg('readme')) writeReadme(report, handle.engine);
  await app.close();
  if (arg('keep') && handle.engine === 'sqlite') await handle.close();
  else await drop();
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Appends or replaces this engine's block under '## Enterprises' in bench/README.md, leaving other sections alone. */
function writeReadme(block: string, engine: string) {
  const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../README.md');
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const head = '## Enterprises';
  const intro = [
    head,
    '',
    'Run: `npx tsx bench/enterprises/bench.ts [--n 500000] [--db FILE | --db postgres://…] [--runs 200] [--readme]`.',
    'It generates the registry (deterministic), recomputes eligibility through POST /api/v1/enterprises/eligibility/recompute',
    'and times the filtered list through app.inject, each beside a direct-SQL floor measured in the same run. The',
    'recomputation floor is one INSERT … SELECT per tier computing the verdicts’ core in SQL (no explanation, no',
    'missing-data handling); the list floor replays the exact statements the endpoint runs on the raw driver.',
    '',
  ].join('\n');
  const begin = `<!-- enterprises:${engine}:begin -->`;
  const end = `<!-- enterprises:${engine}:end -->`;
  const marked = `${begin}\n${block}\n${end}`;
  if (!text.includes(head)) text = `${text.trimEnd()}\n\n${intro}\n${marked}\n`;
  else if (text.includes(begin))
    text = text.slice(0, text.indexOf(begin)) + marked + text.slice(text.indexOf(end) + end.length);
  else {
    const at = text.indexOf(head);
    const next = text.indexOf('\n## ', at + head.length);
    const sectionEnd = next < 0 ? text.length : next;
    text = `${text.slice(0, sectionEnd).trimEnd()}\n\n${marked}\n${text.slice(sectionEnd)}`;
  }
  fs.writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
