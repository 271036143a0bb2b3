// `npm run bench`: the large-scale benchmarks and the soak, outside `npm test`. Each step prints its figures beside
// a floor measured in the same run. Environment: BENCH_SECONDS (soak length, default 600), BENCH_PG_URL (an admin
// URL; when set, the PostgreSQL variants run too, in databases created for the run).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.join(root, 'bench', '.data');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const seconds = process.env.BENCH_SECONDS ?? '600';
const run = (args) => {
  console.log(`\n$ tsx ${args.join(' ')}`);
  const r = spawnSync(tsx, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
};

fs.mkdirSync(path.join(data, 'sqlite'), { recursive: true });
const sqliteDb = path.join(data, 'sqlite', 'gongjian.sqlite');
if (!fs.existsSync(sqliteDb)) run(['bench/projects/generate.ts', '--db', sqliteDb]);
run(['bench/projects/list-bench.ts', '--db', sqliteDb]);
run(['bench/enterprises/bench.ts']);
run(['bench/load/load.ts', '--data-dir', path.join(data, 'sqlite'), '--seconds', seconds]);

if (process.env.BENCH_PG_URL) {
  const admin = process.env.BENCH_PG_URL;
  const url = new URL(admin);
  url.pathname = '/gj_bench_load';
  execFileSync('psql', [
    admin,
    '-c',
    'drop database if exists gj_bench_load with (force)',
    '-c',
    'create database gj_bench_load',
  ]);
  run(['bench/projects/generate.ts', '--db', url.toString()]);
  run(['bench/projects/list-bench.ts', '--db', url.toString()]);
  run(['bench/load/load.ts', '--database-url', url.toString(), '--seconds', seconds]);
}
