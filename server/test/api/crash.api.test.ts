import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
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

/** Signals the server and waits for it to exit (an exit that already happened counts; SIGTERM falls back to SIGKILL). */
async function stopChild(c: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill(signal);
  const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
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
      const statuses: string[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await fetch(`${base}/api/v1/units`, {
              signal: AbortSignal.timeout(15_000),
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
            else statuses.push(`${r.status} ${(await r.text()).slice(0, 120)}`);
          } catch {
            return; // the server died mid-request: that write was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 6 }, (_, w) => writer(w));
      const deadline = Date.now() + 90_000;
      while (acknowledged.length < 60) {
        expect(Date.now() < deadline, `writes not acknowledged: ${statuses.slice(0, 5).join(' | ')}`).toBe(
          true,
        );
        await new Promise((r) => setTimeout(r, 10));
      }
      const killed = stopChild(child, 'SIGKILL');
      stop = true;
      await Promise.all(writers);
      await killed;

      // restart and check
      child = startServer(dataDir, port);
      await waitHealthy(base);
      await stopChild(child, 'SIGTERM');
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

/** A large, valid project ledger (every row new), to be interrupted while it is being written. */
async function bigLedger(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重大项目台账');
  ws.addRow(['项目名称', '所在县区', '责任单位', '项目级别', '项目类别', '协议投资额（万元）']);
  for (let i = 1; i <= rows; i++)
    ws.addRow([`崩溃测试项目${i}`, '丹阳市', '丹阳市人民政府', '市重大', '产业类', 10000 + i]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('sqlite: crash safety during an import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-crash-import-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no trace of an import killed while it was being written', { timeout: 300_000 }, async () => {
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
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await bigLedger(20_000))]), '台账.xlsx');
    const started = await fetch(`${base}/api/v1/imports/projects?dryRun=false&wait=false`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
      body: form,
    });
    expect([200, 202]).toContain(started.status);
    const runId = (await started.json()).data.id as string;
    // Wait until parsing is nearly done (the write transaction follows at once and blocks the event loop, so
    // it cannot be observed over HTTP), then kill.
    const seen: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const run = (await (await fetch(`${base}/api/v1/imports/${runId}`, { headers: { cookie } })).json())
        .data;
      seen.push(run.progress);
      expect(run.status, `progress seen: ${seen.join(',')}`).toBe('running');
      if (run.progress >= 40) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await stopChild(child, 'SIGKILL');
    child = startServer(dataDir, port);
    await waitHealthy(base);
    await stopChild(child, 'SIGTERM');
    child = null;

    const handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'gongjian.sqlite') });
    try {
      expect(handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
      const imported = await handle.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'like', '崩溃测试项目%')
        .executeTakeFirstOrThrow();
      // all-or-nothing: the killed import left nothing behind, and its run never claims success
      expect(Number(imported.n)).toBe(0);
      const run = await handle.db
        .selectFrom('import_runs')
        .select('status')
        .where('id', '=', runId)
        .executeTakeFirstOrThrow();
      expect(run.status).not.toBe('succeeded');
      expect((await verifyAuditChain(handle.db)).problems).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
