// `npm test`: runs every suite. PostgreSQL suites run when a server answers (GONGJIAN_TEST_PG_URL, else the local
// default); browser suites when Chromium is installed. Missing ones are skipped and named — unless
// GONGJIAN_TEST_PG=required / GONGJIAN_TEST_BROWSER=required, which turn a missing one into a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const notes = [];
let fatal = false;

async function probePostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err.message;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUrl = env.GONGJIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const pgError = await probePostgres(pgUrl);
if (pgError) {
  delete env.GONGJIAN_TEST_PG_URL;
  const msg = `PostgreSQL at ${pgUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable (${pgError})`;
  if (env.GONGJIAN_TEST_PG === 'required') {
    notes.push(`FAIL: ${msg}, and GONGJIAN_TEST_PG=required`);
    fatal = true;
  } else notes.push(`SKIPPED: PostgreSQL suites — ${msg}. Every database test ran on SQLite only.`);
} else {
  env.GONGJIAN_TEST_PG_URL = pgUrl;
  notes.push(`PostgreSQL: every database test also ran on ${pgUrl.replace(/:[^:@/]*@/, ':***@')}`);
}

const chromium = env.GONGJIAN_CHROMIUM || '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  env.GONGJIAN_CHROMIUM = chromium;
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    notes.push('FAIL: the web UI did not build');
    fatal = true;
  }
  notes.push(`Browser: browser suites ran in ${chromium}`);
} else {
  delete env.GONGJIAN_CHROMIUM;
  if (env.GONGJIAN_TEST_BROWSER === 'required') {
    notes.push(`FAIL: Chromium not found at ${chromium}, and GONGJIAN_TEST_BROWSER=required`);
    fatal = true;
  } else notes.push(`SKIPPED: browser suites — Chromium not found at ${chromium} (apt-get install chromium)`);
}

if (fatal) {
  for (const n of notes) console.error(n);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A full run goes in two phases: the server and contract suites first (both cores busy with SQLite and PostgreSQL),
// then the browser suites on their own, so a loaded machine cannot starve a browser's navigation. Arguments (file
// filters, -t …) make it one run of just those.
const extra = process.argv.slice(2);
const phases = extra.length
  ? [{ name: 'selected', filters: extra }]
  : [
      { name: 'server', filters: ['server/', 'contracts/'] },
      { name: 'browser', filters: ['e2e/'] },
    ];
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
for (const phase of phases) {
  const resultsFile = path.join(root, `.vitest-results${phases.length > 1 ? `-${phase.name}` : ''}.json`);
  fs.rmSync(resultsFile, { force: true });
  const args = [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...phase.filters,
  ];
  const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) status = run.status ?? 1;
  if (fs.existsSync(resultsFile)) {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    passed += r.numPassedTests;
    // A suite that fails to load has no failed tests of its own: count it as one failure.
    const brokenSuites = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length;
    failed += r.numFailedTests + brokenSuites;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (run.status !== 0) failed += 1;
}
console.log('');
for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
