import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Engine } from '../src/db/database';
import { seedDemo } from '../src/modules/demo/demo.seed';
import { createTestDatabase, type TestDatabase } from './dialects';

export const TEST_PASSWORD = 'Demo-Passw0rd!';

export type Session = { cookie: string; csrf: string };

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  engine: Engine;
  login(username: string, password?: string): Promise<Session>;
  /** A request as a signed-in user (cookie + CSRF header) or anonymous (no session). */
  call(
    session: Session | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  unitId(code: string): Promise<string>;
  userId(username: string): Promise<string>;
  close(): Promise<void>;
};

/** An in-process app (Fastify inject, no port) on a fresh database with the demo city loaded. */
export async function createTestApp(
  engine: Engine,
  opts: {
    seed?: boolean;
    /** Load the ledgers' demo data too (default true); foundation tests only need the organisation. */
    ledgers?: boolean;
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  if (opts.seed !== false)
    await seedDemo(database.db, { password: TEST_PASSWORD, ledgers: opts.ledgers !== false });
  const config = loadConfig({
    DATA_DIR: '/tmp/gongjian-test',
    LOG_LEVEL: 'silent',
    GONGJIAN_JOBS: 'off',
    LOGIN_RATE_PER_MINUTE: '100000',
    ...opts.env,
  });
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.ready();
  const call: TestApp['call'] = (session, method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    app,
    database,
    engine,
    call,
    async login(username, password = TEST_PASSWORD) {
      const res = await call(null, 'POST', '/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === 'gj_session');
      return { cookie: `gj_session=${setCookie!.value}`, csrf: res.json().data.csrfToken as string };
    },
    async unitId(code) {
      const r = await database.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      return r.id;
    },
    async userId(username) {
      const r = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return r.id;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
