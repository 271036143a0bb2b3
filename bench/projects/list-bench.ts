/**
 * p50/p95 of the project endpoints beside the same queries run directly on the database (the floor), in one run.
 *
 *   npx tsx bench/projects/generate.ts --db /tmp/gj-bench.sqlite        # once
 *   npx tsx bench/projects/list-bench.ts --db /tmp/gj-bench.sqlite [--n 300]
 *
 * Endpoints go through the whole stack (app.inject with a real session cookie: auth, validation, scope, serialisation);
 * the floor runs the repository queries the endpoint runs, with the same actor. One more row runs the detail's
 * handler on a bare Fastify instance: the framework's own cost, for reading the detail's ratio. Targets (SQLite, 2 cores): list p95
 * < 50 ms, aggregate p95 < 150 ms, endpoint p50 within 1.5× of the floor.
 */
import Fastify from 'fastify';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { ProjectListQuery } from '../../contracts/schemas/projects';
import { buildActor } from '../../server/src/modules/auth/auth.service';
import * as repo from '../../server/src/modules/projects/projects.repository';
import { loadDetail, sortOf } from '../../server/src/modules/projects/projects.service';
import { BENCH_PASSWORD, arg, openBenchDatabase } from './common';

const target = arg('db', '/tmp/gj-bench.sqlite')!;
const N = Number(arg('n', '300'));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (t: bigint) => Number(t) / 1e6;

async function main() {
  const handle = openBenchDatabase(target);
  const config = loadConfig({
    DATA_DIR: '/tmp/gongjian-bench',
    LOG_LEVEL: 'silent',
    GONGJIAN_JOBS: 'off',
    GONGJIAN_DEMO: 'off',
    LOGIN_RATE_PER_MINUTE: '100000',
    ...(handle.engine === 'postgres' ? { DATABASE_URL: target } : {}),
  });
  const app = await buildApp({ config, database: handle, logger: false, serveWeb: false });
  await app.ready();
  const db = handle.db;

  const session = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: BENCH_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'gj_session')!;
    const userId = (
      await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    ).id;
    return {
      cookie: `gj_session=${cookie.value}`,
      actor: (await buildActor(db, userId, { ip: null, userAgent: null }))!,
    };
  };
  const drc = await session('drc');
  const danyang = await session('danyang');
  const total = Number(
    (
      await db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const monthly = Number(
    (
      await db
        .selectFrom('project_monthly')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const ids = (
    await db
      .selectFrom('projects')
      .select('id')
      .where('actual_started_on', 'is not', null)
      .orderBy('id')
      .limit(2000)
      .execute()
  ).map((r) => r.id);
  let k = 0;
  const nextId = () => ids[(k = (k * 7919 + 13) % ids.length)]!;

  const listCase = (label: string, s: typeof drc, qs: Record<string, string>) => {
    const url = `/api/v1/projects?${new URLSearchParams(qs)}`;
    const q = ProjectListQuery.parse(qs);
    return {
      label,
      endpoint: () => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } }),
      floor: async () => {
        const n = await repo.countProjects(db, s.actor, q);
        if (n)
          await repo.listProjectPage(db, s.actor, q, {
            limit: q.pageSize,
            offset: (q.page - 1) * q.pageSize,
            sort: sortOf(q.sort),
          });
      },
    };
  };
  // The framework's own share: the same detail handler on a bare Fastify instance (no plugins, hooks, schemas or
  // session), driven through inject like the endpoints. Its ratio is the least any route on Fastify can show here.
  const bare = Fastify({ logger: false });
  bare.get<{ Params: { id: string } }>('/detail/:id', async (req) => {
    const row = await repo.findProjectScoped(db, drc.actor, req.params.id);
    return { data: row ? await loadDetail(db, drc.actor, row) : null };
  });
  await bare.ready();

  const cases = [
    listCase('list: 丹阳, stage ≥ 开工, by agreed ↓ (city user)', drc, {
      regionCode: '321181',
      stageFrom: '8',
      sort: '-agreedInvestment',
      pageSize: '20',
    }),
    listCase('list: default sort, page 3 (city user)', drc, { page: '3', pageSize: '20' }),
    listCase('list: in construction, by signing (district user)', danyang, {
      stage: '10',
      sort: '-signedOn',
      pageSize: '20',
    }),
    listCase('list: keyword (pinyin initials)', drc, { q: 'hrzn', pageSize: '20' }),
    {
      label: 'detail',
      endpoint: () =>
        app.inject({ method: 'GET', url: `/api/v1/projects/${nextId()}`, headers: { cookie: drc.cookie } }),
      floor: async () => {
        const row = await repo.findProjectScoped(db, drc.actor, nextId());
        if (row) await loadDetail(db, drc.actor, row);
      },
    },
    {
      label: 'detail on a bare Fastify (framework reference)',
      endpoint: () => bare.inject({ method: 'GET', url: `/detail/${nextId()}` }),
      floor: async () => {
        const row = await repo.findProjectScoped(db, drc.actor, nextId());
        if (row) await loadDetail(db, drc.actor, row);
      },
    },
    {
      label: 'aggregate by district (2025)',
      endpoint: () =>
        app.inject({
          method: 'GET',
          url: '/api/v1/projects/stats/by-district?year=2025',
          headers: { cookie: drc.cookie },
        }),
      floor: async () => {
        await repo.projectTotalsByRegion(db, drc.actor, 2025);
        const m = await repo.latestReportedMonth(db, drc.actor, 2025);
        if (m) await repo.ytdByRegion(db, drc.actor, m);
      },
    },
    {
      label: 'aggregate by district (2025, district user)',
      endpoint: () =>
        app.inject({
          method: 'GET',
          url: '/api/v1/projects/stats/by-district?year=2025',
          headers: { cookie: danyang.cookie },
        }),
      floor: async () => {
        await repo.projectTotalsByRegion(db, danyang.actor, 2025);
        const m = await repo.latestReportedMonth(db, danyang.actor, 2025);
        if (m) await repo.ytdByRegion(db, danyang.actor, m);
      },
    },
  ];

  console.log(
    `engine ${handle.engine} · ${total.toLocaleString()} projects · ${monthly.toLocaleString()} monthly rows · ${N} runs each`,
  );
  console.log('| case | endpoint p50 | endpoint p95 | floor p50 | floor p95 | p50 ratio |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const results: Record<string, { p50: number; p95: number; f50: number; f95: number }> = {};
  for (const c of cases) {
    // warm up to a steady state (the JIT has compiled both paths): at least 15 rounds and 2 seconds
    const warmUntil = Date.now() + 2000;
    for (let i = 0; i < 15 || Date.now() < warmUntil; i++) {
      const res = await c.endpoint();
      if (res.statusCode !== 200) throw new Error(`${c.label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      await c.floor();
    }
    const e: number[] = [];
    const f: number[] = [];
    for (let i = 0; i < N; i++) {
      // interleaved, so both see the same cache and load
      let t = process.hrtime.bigint();
      await c.endpoint();
      e.push(ms(process.hrtime.bigint() - t));
      t = process.hrtime.bigint();
      await c.floor();
      f.push(ms(process.hrtime.bigint() - t));
    }
    const r = { p50: pct(e, 50), p95: pct(e, 95), f50: pct(f, 50), f95: pct(f, 95) };
    results[c.label] = r;
    console.log(
      `| ${c.label} | ${r.p50.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ${r.f50.toFixed(2)} ms | ${r.f95.toFixed(2)} ms | ${(r.p50 / r.f50).toFixed(2)}× |`,
    );
  }
  await bare.close();
  await app.close();
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
