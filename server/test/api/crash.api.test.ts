import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/audit';
import { openDatabase } from '../../src/db/database';

/**
 * Crash safety: the real server process is killed with SIGKILL in the middle of a burst of writes; after a
 * restart the database passes its integrity check, every acknowledged write is present and the audit chain
 * verifies. (The import half of this check lives with the import tests.)
 */
const ROOT = path.resolve(__dirname, '../../..');
const PASSWORD = 'Demo-Passw0rd!';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startServer(dataDir: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    GONGJIAN_DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'silent',
    GONGJIAN_JOBS: 'off',
  };
  delete env.DATABASE_URL;
  return spawn(process.execPath, [path.join(ROOT, 'bin/gongjian.mjs'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
}

async function waitHealthy(base: string) {
  for (let i = 0; i < 480; i++) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not start');
}

describe('sqlite: crash safety', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-crash-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps every acknowledged write and a verifiable audit chain after SIGKILL mid-burst',
    { timeout: 180_000 },
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      child = startServer(dataDir, port);
      await waitHealthy(base);
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = (await login.json()).data.csrfToken as string;
      const tree = (await (await fetch(`${base}/api/v1/units/tree`, { headers: { cookie } })).json())
        .data as Array<{ id: string; code: string }>;
      const parentId = tree.find((u) => u.code === 'zj')!.id;

      const acknowledged: string[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await fetch(`${base}/api/v1/units`, {
              method: 'POST',
              headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
              body: JSON.stringify({
                name: `压力测试单位 ${w}-${i}`,
                kind: 'department',
                parentId,
                regionCode: '321100',
              }),
            });
            if (r.status === 201) acknowledged.push((await r.json()).data.id);
          } catch {
            return; // the server died mid-request: that write was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 6 }, (_, w) => writer(w));
      while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await new Promise((r) => child!.once('exit', r));

      // restart and check
      child = startServer(dataDir, port);
      await waitHealthy(base);
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
      child = null;

      const handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'gongjian.sqlite') });
      try {
        expect(handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
        const present = await handle.db
          .selectFrom('units')
          .select('id')
          .where('id', 'in', acknowledged)
          .execute();
        expect(present.length).toBe(acknowledged.length);
        const verified = await verifyAuditChain(handle.db);
        expect(verified.problems).toEqual([]);
        // each created unit has its audit entry: the change and its record committed together
        const audited = await handle.db
          .selectFrom('audit_log')
          .select('entity_id')
          .where('entity', '=', 'unit')
          .where('action', '=', 'create')
          .where('entity_id', 'in', acknowledged)
          .execute();
        expect(audited.length).toBe(acknowledged.length);
      } finally {
        await handle.close();
      }
    },
  );
});
