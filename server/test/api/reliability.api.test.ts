import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { runJobOnce } from '../../src/core/jobs/scheduler';
import { verifyAuditChain } from '../../src/core/audit/audit';
import { main as cli } from '../../src/cli';
import { ENGINES, PG_ADMIN_URL } from '../dialects';
import { createTestApp, type TestApp } from '../test-app';

for (const engine of ENGINES) {
  describe(`${engine}: concurrency`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { ledgers: false });
    });
    afterAll(async () => t?.close());

    it('exactly one of many concurrent edits of one version succeeds; the rest get 409', async () => {
      const admin = await t.login('admin');
      const id = await t.unitId('dantu');
      const { version } = (await t.call(admin, 'GET', `/api/v1/units/${id}`)).json().data;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.call(admin, 'PATCH', `/api/v1/units/${id}`, { sort: 100 + i, version }),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(19);
    });

    it('loses no update when clients retry on 409 (checked by counting)', async () => {
      const admin = await t.login('admin');
      const id = await t.unitId('jurong');
      const start = (await t.call(admin, 'GET', `/api/v1/units/${id}`)).json().data.sort as number;
      const clients = 8;
      const each = 5;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let done = 0; done < each;) {
            const u = (await t.call(admin, 'GET', `/api/v1/units/${id}`)).json().data;
            const r = await t.call(admin, 'PATCH', `/api/v1/units/${id}`, {
              sort: u.sort + 1,
              version: u.version,
            });
            if (r.statusCode === 200) done++;
            else expect(r.statusCode).toBe(409);
          }
        }),
      );
      const end = (await t.call(admin, 'GET', `/api/v1/units/${id}`)).json().data;
      expect(end.sort).toBe(start + clients * each);
      expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    });

    it('sends the security headers and safe cookie flags', async () => {
      const res = await t.call(null, 'POST', '/api/v1/auth/login', {
        username: 'admin',
        password: 'Demo-Passw0rd!',
      });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      const h = (await t.call(null, 'GET', '/api/health')).headers;
      expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(h['content-security-policy']).toContain("default-src 'self'");
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(h['cache-control']).toBe('no-store');
    });
  });
}

describe.runIf(Boolean(PG_ADMIN_URL))('postgres: two instances, one database', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof buildApp>>;
  let bHandle: ReturnType<typeof openDatabase>;
  beforeAll(async () => {
    a = await createTestApp('postgres', { ledgers: false });
    bHandle = openDatabase({ kind: 'postgres', url: a.database.url!, max: 3 });
    b = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000' }),
      database: bHandle,
      logger: false,
      serveWeb: false,
    });
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    await bHandle?.close();
    await a?.close();
  });

  it('a session made on one instance works on the other, and changes are seen through both', async () => {
    const s = await a.login('admin');
    const me = await b.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    const id = await a.unitId('runzhou');
    const unit = (await a.call(s, 'GET', `/api/v1/units/${id}`)).json().data;
    const upd = await b.inject({
      method: 'PATCH',
      url: `/api/v1/units/${id}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ shortName: '润州（B）', version: unit.version }),
    });
    expect(upd.statusCode).toBe(200);
    expect((await a.call(s, 'GET', `/api/v1/units/${id}`)).json().data.shortName).toBe('润州（B）');
  });

  it('a scheduled job runs exactly once per slot across instances', async () => {
    let runs = 0;
    const job = { name: 'test-once', everyMinutes: 60, run: async () => void runs++ };
    const claimed = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => runJobOnce(a.database.db, job, `a-${i}`)),
      ...Array.from({ length: 5 }, (_, i) => runJobOnce(bHandle.db, job, `b-${i}`)),
    ]);
    expect(claimed.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
  });
});

describe('sqlite: backup and restore', () => {
  it('reproduces every record and attachment in a fresh DATA_DIR', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-backup-'));
    const src = path.join(dir, 'src');
    const dst = path.join(dir, 'dst');
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { DATA_DIR: src, GONGJIAN_DEMO_PASSWORD: 'Demo-Passw0rd!' });
      delete process.env.DATABASE_URL;
      expect(await cli(['seed-demo'])).toBe(0);
      // an attachment blob in the store
      fs.mkdirSync(path.join(src, 'attachments', 'ab', 'cd'), { recursive: true });
      fs.writeFileSync(path.join(src, 'attachments', 'ab', 'cd', 'abcd-test'), 'evidence');
      const out = path.join(dir, 'backup.sqlite');
      expect(await cli(['backup', '--out', out])).toBe(0);
      process.env.DATA_DIR = dst;
      expect(await cli(['restore', '--from', out])).toBe(0);
      const checksum = async (file: string) => {
        const h = openDatabase({ kind: 'sqlite', file });
        const digest = createHash('sha256');
        const counts: Record<string, number> = {};
        for (const table of ['regions', 'units', 'users', 'roles', 'user_roles', 'audit_log']) {
          const order =
            table === 'regions'
              ? 'code'
              : table === 'audit_log'
                ? 'seq'
                : table === 'user_roles'
                  ? ['user_id', 'role_id']
                  : 'id';
          const rows = await (h.db as any).selectFrom(table).selectAll().orderBy(order).execute();
          counts[table] = rows.length;
          digest.update(JSON.stringify(rows));
        }
        await h.close();
        return { counts, sha: digest.digest('hex') };
      };
      const a = await checksum(path.join(src, 'gongjian.sqlite'));
      const b = await checksum(path.join(dst, 'gongjian.sqlite'));
      expect(b).toEqual(a);
      expect(a.counts.users).toBeGreaterThan(10);
      expect(fs.readFileSync(path.join(dst, 'attachments', 'ab', 'cd', 'abcd-test'), 'utf8')).toBe(
        'evidence',
      );
      expect(await cli(['audit', 'verify'])).toBe(0);
    } finally {
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
