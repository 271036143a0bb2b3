import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

/**
 * Property-based bad input over every route that exists (the route table, not a hand-kept list): random
 * bodies, query strings and path parameters must always get a clean 4xx in the user's language — never a 500.
 */
type Route = { method: string; url: string };
// Ending the fuzzing session itself is not an input-parsing risk; everything else is fuzzed.
const SKIP = new Set(['POST /api/v1/auth/logout']);

async function routeTable(): Promise<Route[]> {
  const routes: Route[] = [];
  const { openDatabase } = await import('../../src/db/database');
  const handle = openDatabase({ kind: 'sqlite', file: ':memory:' });
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database: handle,
    logger: false,
    serveWeb: false,
    onRoute: (r: RouteOptions) => {
      for (const m of [r.method].flat())
        if (m !== 'HEAD' && r.url.startsWith('/api/v1/') && !SKIP.has(`${m} ${r.url}`))
          routes.push({ method: m, url: r.url });
    },
  });
  await app.close();
  await handle.close();
  return routes;
}

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '../../etc/passwd',
    '%00',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '９９９',
    '-1',
    '1e309',
    '',
    ' ',
    'null',
    '2024-13-45',
    '\u202e',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

for (const engine of ENGINES) {
  describe(`${engine}: fuzzing every request schema`, () => {
    let t: TestApp;
    let admin: Session;
    let routes: Route[];
    beforeAll(async () => {
      routes = await routeTable();
      t = await createTestApp(engine, { ledgers: false });
      admin = await t.login('admin');
    });
    afterAll(async () => t?.close());

    it('finds the routes', () => {
      expect(routes.length).toBeGreaterThan(15);
    });

    it('never answers 500 to random input, and errors keep their shape', { timeout: 300_000 }, async () => {
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(
            fc.dictionary(fc.string({ maxLength: 12 }), hostileString, { maxKeys: 4 }),
            jsonValue,
            hostileString,
            async (query, body, param) => {
              const url =
                route.url.replace(/:(\w+)/g, () => encodeURIComponent(param) || 'x') +
                '?' +
                new URLSearchParams(query as Record<string, string>).toString();
              const res = await t.call(
                admin,
                route.method as 'GET',
                url,
                ['GET', 'DELETE'].includes(route.method) ? undefined : body,
                {
                  'accept-language': 'en',
                },
              );
              statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
              if (res.statusCode >= 500)
                failures.push(`${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
              if (res.statusCode >= 400) {
                const e = res.json().error;
                if (!e?.code || typeof e.message !== 'string')
                  failures.push(`${route.method} ${url}: bad error shape ${res.body.slice(0, 200)}`);
              }
              return true;
            },
          ),
          { numRuns: 12, seed: 42 },
        );
      }
      expect(failures).toEqual([]);
      // the session survived the fuzzing, so the handlers (not just the sign-in check) were exercised
      expect(statuses.get(401) ?? 0).toBe(0);
    });
  });
}
