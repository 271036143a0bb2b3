/**
 * Load and soak: a realistic mix against a real server process — 80% reads (project detail, dashboard-ish
 * reads), 15% filtered lists, 5% writes (monthly progress updates) — with autocannon, while the server's memory
 * is sampled. Prints requests/s, p50/p99 latency, errors and the memory curve, and writes
 * bench/results/load-<engine>-<date>.json.
 *
 *   npx tsx bench/projects/generate.ts --db /tmp/gj-load/gongjian.sqlite     # 200,000 projects (once)
 *   npx tsx bench/load/load.ts --data-dir /tmp/gj-load --seconds 600          # SQLite, 10-minute soak
 *   npx tsx bench/load/load.ts --database-url postgres://…/gj_bench --seconds 600
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { BENCH_PASSWORD, arg } from '../projects/common';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seconds = Number(arg('seconds', '60'));
const connections = Number(arg('connections', '20'));
const dataDir = arg('data-dir');
const databaseUrl = arg('database-url');
if (!dataDir && !databaseUrl) {
  console.error(
    'usage: tsx bench/load/load.ts (--data-dir DIR | --database-url URL) [--seconds 600] [--connections 20]',
  );
  process.exit(2);
}
const engine = databaseUrl ? 'postgres' : 'sqlite';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  GONGJIAN_DEMO: 'off',
  GONGJIAN_JOBS: 'off',
  LOGIN_RATE_PER_MINUTE: '1000',
  DATA_DIR: dataDir ?? path.join(ROOT, 'bench/.data/load'),
};
if (databaseUrl) env.DATABASE_URL = databaseUrl;
else delete env.DATABASE_URL;
const server = spawn(process.execPath, [path.join(ROOT, 'bin/gongjian.mjs'), 'serve'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/api/health`)).ok) break;
  } catch {
    /* starting */
  }
  if (i > 600) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 250));
}

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'drc', password: BENCH_PASSWORD }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const csrf = (await login.json()).data.csrfToken as string;
const headers: Record<string, string> = { cookie, 'x-csrf-token': csrf };
const jsonHeaders = { ...headers, 'content-type': 'application/json' };

// A pool of real project ids to read and write.
const page = await (
  await fetch(`${base}/api/v1/projects?pageSize=200&stageFrom=8&sort=-updatedAt`, { headers })
).json();
const ids: string[] = page.data.map((p: { id: string }) => p.id);
if (ids.length === 0) throw new Error('no projects: run bench/projects/generate.ts first');
const districts = ['321102', '321111', '321112', '321181', '321182', '321183', '321171'];

let n = 0;
const pick = <T>(xs: T[]) => xs[n++ % xs.length]!;
const memory: Array<{ t: number; rssMb: number }> = [];
const pid = server.pid!;
const readRss = () => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
};
const started = Date.now();
const sampler = setInterval(
  () => memory.push({ t: Math.round((Date.now() - started) / 1000), rssMb: readRss() }),
  5000,
);

const result = await autocannon({
  url: base,
  connections,
  duration: seconds,
  headers,
  requests: [
    {
      setupRequest: (req: Record<string, unknown>) => {
        const r = n % 100;
        const id = pick(ids);
        if (r < 80)
          return {
            ...req,
            method: 'GET',
            headers,
            body: undefined,
            path: r % 2 ? `/api/v1/projects/${id}` : `/api/v1/projects/${id}/monthly`,
          };
        if (r < 95)
          return {
            ...req,
            method: 'GET',
            headers,
            body: undefined,
            path: `/api/v1/projects?regionCode=${pick(districts)}&stageFrom=8&sort=-agreedInvestment&page=${1 + (n % 5)}`,
          };
        return {
          ...req,
          method: 'PUT',
          headers: jsonHeaders,
          path: `/api/v1/projects/${id}/monthly/2026-10`,
          body: JSON.stringify({ monthInvestment: 1_000_000 + (n % 1000), physicalProgressPct: n % 100 }),
        };
      },
    },
  ],
});
clearInterval(sampler);
stop();

const non2xx = result.non2xx;
const summary = {
  engine,
  date: new Date().toISOString(),
  seconds,
  connections,
  requests: result.requests.total,
  rps: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx,
  statusCodes: result.statusCodeStats,
  memory,
  rssStartMb: memory[0]?.rssMb ?? null,
  rssEndMb: memory.at(-1)?.rssMb ?? null,
};
const out = path.join(ROOT, 'bench/results', `load-${engine}-${summary.date.slice(0, 10)}-${seconds}s.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(summary, null, 2));
console.log(
  `${engine}: ${summary.rps} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, ` +
    `errors ${summary.errors}, non-2xx ${non2xx}, RSS ${summary.rssStartMb} → ${summary.rssEndMb} MB (written to ${out})`,
);
process.exit(summary.errors + non2xx > 0 ? 1 : 0);
