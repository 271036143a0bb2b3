import type { RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase, type Db } from '../../src/db/database';
import { DEMO_USERS } from '../../src/modules/demo/demo.seed';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

/**
 * The access matrix, generated from the route table (not a hand-kept list of endpoints):
 * 1. every list endpoint × every demo role: never a 5xx, never "signed out"; and a district user's lists hold
 *    only records located in its district;
 * 2. every endpoint that takes a record id, with a record OUTSIDE a district user's scope (another district):
 *    reads answer 404/403 and writes never succeed; with a record INSIDE its scope, reads succeed.
 * A new endpoint with an id must be matched by a record source below or listed in NOT_SCOPED with a reason,
 * otherwise this test fails.
 */
type Route = { method: string; url: string };

const OUTSIDE = '321181'; // 丹阳市
const INSIDE = '321102'; // 京口区, the district of the demo user `jingkou`

/** Where to find a record inside/outside the district for the routes under each prefix (most specific first). */
const SOURCES: Array<{ match: RegExp; pick(db: Db, region: string): Promise<string | undefined> }> = [
  { match: /^\/api\/v1\/projects\/:id/, pick: (db, r) => first(db, 'projects', r) },
  {
    match: /^\/api\/v1\/enterprises\/qualifications\/:id/,
    pick: (db, r) => first(db, 'enterprise_qualifications', r),
  },
  {
    match: /^\/api\/v1\/enterprises\/candidates\/:id/,
    pick: (db, r) => first(db, 'enterprise_candidates', r),
  },
  { match: /^\/api\/v1\/enterprises\/:id/, pick: (db, r) => first(db, 'enterprises', r) },
  { match: /^\/api\/v1\/reform\/tasks\/:id/, pick: (db, r) => first(db, 'reform_tasks', r) },
  { match: /^\/api\/v1\/reform\/milestones\/:id/, pick: (db, r) => first(db, 'reform_milestones', r) },
  {
    match: /^\/api\/v1\/reform\/reports\/:id/,
    pick: async (db, r) =>
      (
        await sql<{
          id: string;
        }>`select rr.id from reform_reports rr join reform_tasks t on t.id = rr.task_id where t.region_code like ${r + '%'} order by rr.id limit 1`.execute(
          db,
        )
      ).rows[0]?.id,
  },
  { match: /^\/api\/v1\/problems\/:id/, pick: (db, r) => first(db, 'problems', r) },
  { match: /^\/api\/v1\/meetings\/:id/, pick: (db, r) => first(db, 'meetings', r) },
  { match: /^\/api\/v1\/attachments\/:id/, pick: (db, r) => first(db, 'attachments', r) },
];

/** Routes with an id that are not region-scoped records, and why. */
const NOT_SCOPED: Array<{ match: RegExp; why: string }> = [
  {
    match: /^\/api\/v1\/(units|roles)\//,
    why: 'organisation reference data; management is checked by unit scope in its own tests',
  },
  { match: /^\/api\/v1\/users\//, why: 'covered path by path in access.api.test.ts' },
  { match: /^\/api\/v1\/auth\//, why: 'the caller’s own sessions and tokens only' },
  {
    match: /^\/api\/v1\/imports\//,
    why: 'an import run is visible to the user who started it (imports tests)',
  },
  {
    match: /rule-sets\/:id|ranking-methods\/:id|\/settings|problem-settings/,
    why: 'city-wide configuration, write-protected by permission',
  },
  {
    match: /^\/api\/v1\/reform\/(areas|items|findings|extensions)\/:id/,
    why: 'reform-office records, write-protected by reform:verify/manage (reform tests)',
  },
  {
    match: /^\/api\/v1\/(indicators|indicator-targets|periods)\//,
    why: 'indicator codes and periods, computed within the caller’s scope (results tests)',
  },
  {
    match: /^\/api\/v1\/briefings\/:id/,
    why: 'issued documents addressed by the reform office (results tests)',
  },
  { match: /^\/api\/v1\/light-overrides\/:id/, why: 'approvals by light:override holders (lights tests)' },
  { match: /^\/api\/v1\/saved-views\/:id/, why: 'the caller’s own saved views' },
  {
    match: /^\/api\/v1\/reform\/periods\/:period/,
    why: 'a reporting month, not a record; locking needs reform:verify (reform tests)',
  },
  { match: /^\/api\/v1\/imports\/:ledger/, why: 'ledger ids, not records' },
];

async function first(db: Db, table: string, region: string): Promise<string | undefined> {
  const r = await sql<{
    id: string;
  }>`select id from ${sql.table(table)} where region_code like ${region + '%'} order by id limit 1`.execute(
    db,
  );
  return r.rows[0]?.id;
}

const SAMPLE_PARAMS: Record<string, string> = {
  milestone: 'signed',
  month: '2025-06',
  year: '2024',
  period: '2025-06',
  itemId: 'x',
  code: 'signed_major_investment',
  ledger: 'projects',
};

/** Reference data every signed-in user may list (organisation tree, code tables). */
const REFERENCE_LISTS = new Set([
  '/api/v1/units',
  '/api/v1/units/tree',
  '/api/v1/regions',
  '/api/v1/roles',
  '/api/v1/chains',
  '/api/v1/industries',
  '/api/v1/reform/areas',
]);

/** Query parameters some list endpoints require. */
const QUERY: Record<string, string> = {
  '/api/v1/attachments': 'entity=project&entityId=x',
  '/api/v1/indicators/values': 'period=2024',
  '/api/v1/dashboard': 'year=2024',
  '/api/v1/rankings': 'period=2024',
  '/api/v1/reform/scores': 'period=2025-06',
  '/api/v1/reform/changes': 'from=2025-05&to=2025-06',
  '/api/v1/enterprises/counts': 'year=2024',
};

async function routeTable(): Promise<Route[]> {
  const routes: Route[] = [];
  const handle = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database: handle,
    logger: false,
    serveWeb: false,
    onRoute: (r: RouteOptions) => {
      for (const m of [r.method].flat())
        if (m !== 'HEAD' && r.url.startsWith('/api/v1/')) routes.push({ method: m, url: r.url });
    },
  });
  await app.close();
  await handle.close();
  return routes;
}

/** Query parameters some record endpoints require. */
const RECORD_QUERY: Record<string, string> = { '/api/v1/enterprises/:id/soe-kpis': 'year=2024' };

const fill = (url: string, id: string) =>
  url.replace(':id', id).replace(/:(\w+)/g, (_, k: string) => SAMPLE_PARAMS[k] ?? 'x') +
  (RECORD_QUERY[url] ? `?${RECORD_QUERY[url]}` : '');

for (const engine of ENGINES) {
  describe(`${engine}: access matrix`, () => {
    let t: TestApp;
    let routes: Route[];
    const sessions = new Map<string, Session>();
    beforeAll(async () => {
      routes = await routeTable();
      t = await createTestApp(engine);
      for (const u of DEMO_USERS) sessions.set(u.username, await t.login(u.username));
    });
    afterAll(async () => t?.close());

    it('classifies every endpoint that takes an id', () => {
      const unclassified = routes
        .filter((r) => r.url.includes('/:'))
        .filter(
          (r) => !SOURCES.some((s) => s.match.test(r.url)) && !NOT_SCOPED.some((n) => n.match.test(r.url)),
        )
        .map((r) => `${r.method} ${r.url}`);
      expect(unclassified).toEqual([]);
    });

    it('every list endpoint × every demo role: a clean answer, and district lists stay in the district', async () => {
      const problems: string[] = [];
      const lists = routes.filter(
        (r) => r.method === 'GET' && !r.url.includes('/:') && !/\.(xlsx|docx|json)$/.test(r.url),
      );
      for (const [username, s] of sessions) {
        for (const r of lists) {
          const url = QUERY[r.url] ? `${r.url}?${QUERY[r.url]}` : r.url;
          const res = await t.call(s, 'GET', url);
          if (res.statusCode >= 500 || res.statusCode === 401)
            problems.push(`${username} GET ${url} → ${res.statusCode}`);
          if (username === 'jingkou' && res.statusCode === 200 && !REFERENCE_LISTS.has(r.url)) {
            const data = res.json().data;
            if (Array.isArray(data))
              for (const item of data)
                if (
                  item &&
                  typeof item === 'object' &&
                  typeof item.regionCode === 'string' &&
                  !item.regionCode.startsWith(INSIDE)
                )
                  problems.push(`jingkou GET ${url} returned a record in ${item.regionCode}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('records outside the district: reads answer not-found, writes never succeed; inside: reads succeed', async () => {
      const jingkou = sessions.get('jingkou')!;
      const problems: string[] = [];
      let checkedOutside = 0;
      let checkedInside = 0;
      for (const r of routes.filter((x) => x.url.includes(':id'))) {
        const source = SOURCES.find((s) => s.match.test(r.url));
        if (!source) continue;
        const outside = await source.pick(t.database.db, OUTSIDE);
        if (outside) {
          checkedOutside++;
          const res = await t.call(
            jingkou,
            r.method as 'GET',
            fill(r.url, outside),
            r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
          );
          const ok =
            r.method === 'GET'
              ? [403, 404].includes(res.statusCode)
              : res.statusCode >= 400 && res.statusCode < 500;
          if (!ok)
            problems.push(`outside: ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        if (r.method === 'GET' && /\/:id$/.test(r.url)) {
          const inside = await source.pick(t.database.db, INSIDE);
          if (inside) {
            checkedInside++;
            const res = await t.call(jingkou, 'GET', fill(r.url, inside));
            if (![200, 403].includes(res.statusCode))
              problems.push(`inside: GET ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(checkedOutside).toBeGreaterThan(20);
      expect(checkedInside).toBeGreaterThan(3);
    });
  });
}
