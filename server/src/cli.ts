import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from './core/access/actor';
import { verifyAuditChain } from './core/audit/audit';
import { openFromConfig, prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { migrateToLatest } from './db/migrate';
import { startImport } from './core/excel/import-runner';
import { buildActor, createApiToken } from './modules/auth/auth.service';
import { LEDGERS } from './modules/imports/ledgers';
import { listIndicatorValues } from './modules/indicators/indicators.service';
import { isEmpty, resolveDemoPassword, seedDemo } from './modules/demo/demo.seed';
import { ensureRegions } from './modules/regions/regions.service';
import { findRoleIdByCode } from './modules/roles/roles.service';
import { createUser, findUserIdByUsername, resetPassword } from './modules/users/users.service';
import type { DatabaseHandle } from './db/database';

const HELP = `gongjian — command line of Gongjian (攻坚)

Usage: gongjian <command> [options]

  serve                         migrate, load the demo city if the database is empty, serve HTTP
  migrate                       apply pending database migrations
  seed-demo                     load the demo city into an empty database
  user create --username U --name N --unit UNIT_CODE [--role CODE ...] [--password P]
                                create a user (prints a generated initial password; change forced at sign-in)
  user reset-password USERNAME  set a temporary password (printed), end the user's sessions
  token create --user USERNAME [--name N] [--days D]
                                create an API token for machine clients (printed once)
  backup [--out FILE]           online backup of the SQLite database (and attachments); for PostgreSQL prints what to run
  restore --from FILE [--force] restore a SQLite backup (and its attachments) into DATA_DIR
  audit verify                  check the audit log's hash chain; exits 1 if any row was edited or deleted
  indicators --period P [--region CODE]
                                indicator values computed from the ledgers (P = 2024, 2024-06, 2024-Q2, …) as JSON
  import LEDGER FILE [--dry-run] [--user USERNAME] [--lang zh-CN|en]
                                import an Excel ledger (projects, enterprises, reform-tasks, …) all-or-nothing;
                                prints { rows, created, updated, skipped, errors } and exits 1 when the file has errors

Configuration comes from the environment (see README.md): DATA_DIR, DATABASE_URL, …`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    console.log(HELP);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  if (cmd === 'serve') {
    const { serve } = await import('./main');
    await serve();
    return -1; // keep running
  }
  if (cmd === 'restore') return restore(config, [sub ?? '', ...rest].filter(Boolean));
  const handle = openFromConfig(config);
  try {
    return await run(handle, config, cmd, sub, rest);
  } finally {
    await handle.close();
  }
}

/** Puts a backup made by `backup` into DATA_DIR: the database file and its attachments folder. */
function restore(config: Config, args: string[]): number {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, force: { type: 'boolean' } } });
  if (config.database.kind !== 'sqlite') {
    console.error(
      'PostgreSQL: restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE.dump, then copy the attachments folder',
    );
    return 2;
  }
  if (!values.from || !fs.existsSync(values.from)) {
    console.error('usage: gongjian restore --from BACKUP.sqlite [--force]');
    return 2;
  }
  const target = config.database.file;
  if (fs.existsSync(target) && !values.force) {
    console.error(`${target} exists; pass --force to replace it`);
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
  fs.copyFileSync(values.from, target);
  const attachments = `${values.from.replace(/\.sqlite$/, '')}-attachments`;
  if (fs.existsSync(attachments))
    fs.cpSync(attachments, path.join(config.dataDir, 'attachments'), { recursive: true });
  console.log(`restored ${values.from} into ${config.dataDir}`);
  return 0;
}

async function run(
  handle: DatabaseHandle,
  config: Config,
  cmd: string,
  sub: string | undefined,
  rest: string[],
): Promise<number> {
  const db = handle.db;
  const actor = systemActor('cli');
  switch (cmd) {
    case 'migrate': {
      const applied = await migrateToLatest(db);
      await ensureRegions(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }
    case 'seed-demo': {
      await migrateToLatest(db);
      await ensureRegions(db);
      if (!(await isEmpty(db))) {
        console.error('the database already has users; the demo city is only loaded into an empty database');
        return 1;
      }
      const pw = resolveDemoPassword(config.dataDir, config.demo.password);
      const r = await seedDemo(db, { password: pw.password });
      console.log(`demo city loaded: ${r.units} units, ${r.users} users`);
      if (pw.generated) console.log(`demo password (also in ${pw.file}): ${pw.password}`);
      return 0;
    }
    case 'user': {
      await prepareDatabase(handle, { ...config, demo: { enabled: false } }, () => {});
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          username: { type: 'string' },
          name: { type: 'string' },
          unit: { type: 'string' },
          role: { type: 'string', multiple: true },
          password: { type: 'string' },
        },
      });
      if (sub === 'create') {
        if (!values.username || !values.unit) {
          console.error('user create needs --username and --unit (a unit code such as zj-drc)');
          return 2;
        }
        const unit = await db
          .selectFrom('units')
          .select('id')
          .where('code', '=', values.unit)
          .executeTakeFirst();
        if (!unit) {
          console.error(`no unit with code ${values.unit}`);
          return 1;
        }
        const roleIds: string[] = [];
        for (const code of (values.role ?? []).flatMap((r) => r.split(','))) {
          const id = await findRoleIdByCode(db, code.trim());
          if (!id) {
            console.error(`no role with code ${code}`);
            return 1;
          }
          roleIds.push(id);
        }
        const created = await createUser({ db }, actor, {
          username: values.username,
          displayName: values.name ?? values.username,
          unitId: unit.id,
          roleIds,
          password: values.password,
        });
        console.log(`created user ${created.data.username} (${created.data.id})`);
        if (created.initialPassword)
          console.log(`initial password (must be changed at first sign-in): ${created.initialPassword}`);
        return 0;
      }
      if (sub === 'reset-password') {
        const username = positionals[0] ?? values.username;
        const id = username ? await findUserIdByUsername(db, username) : undefined;
        if (!id) {
          console.error(`no user ${username ?? '(missing USERNAME)'}`);
          return 1;
        }
        const temp = await resetPassword({ db }, actor, id, values.password);
        console.log(`temporary password for ${username} (must be changed at next sign-in): ${temp}`);
        return 0;
      }
      console.error('usage: gongjian user create|reset-password …');
      return 2;
    }
    case 'token': {
      const { values } = parseArgs({
        args: rest,
        options: { user: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
      });
      if (sub !== 'create' || !values.user) {
        console.error('usage: gongjian token create --user USERNAME [--name N] [--days D]');
        return 2;
      }
      const id = await findUserIdByUsername(db, values.user);
      if (!id) {
        console.error(`no user ${values.user}`);
        return 1;
      }
      const created = await createApiToken(db, actor, id, {
        name: values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`,
        expiresInDays: values.days ? Number(values.days) : undefined,
      });
      console.log(created.token);
      return 0;
    }
    case 'backup': {
      const { values } = parseArgs({
        args: sub ? [sub, ...rest] : rest,
        options: { out: { type: 'string' } },
      });
      if (handle.engine === 'postgres') {
        console.log('PostgreSQL: back up with pg_dump, e.g.');
        console.log(`  pg_dump --format=custom --file=gongjian-$(date +%F).dump "$DATABASE_URL"`);
        console.log(`and copy the attachments folder ${path.join(config.dataDir, 'attachments')}.`);
        console.log('Restore with: pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE.dump');
        return 0;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const out = path.resolve(
        values.out ?? path.join(config.dataDir, 'backups', `gongjian-${stamp}.sqlite`),
      );
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await handle.sqlite!.backup(out);
      const attachments = path.join(config.dataDir, 'attachments');
      if (fs.existsSync(attachments)) {
        const target = `${out.replace(/\.sqlite$/, '')}-attachments`;
        fs.cpSync(attachments, target, { recursive: true });
        console.log(`attachments copied to ${target}`);
      }
      console.log(`backup written to ${out}`);
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') {
        console.error('usage: gongjian audit verify');
        return 2;
      }
      const r = await verifyAuditChain(db);
      if (r.ok) {
        console.log(`audit log verified: ${r.rows} rows, chain intact`);
        return 0;
      }
      console.error(`audit log FAILED verification: ${r.problems.length} problem(s) in ${r.rows} rows`);
      for (const p of r.problems.slice(0, 50)) console.error(`  seq ${p.seq}: ${p.problem}`);
      return 1;
    }
    case 'indicators': {
      const { values } = parseArgs({
        args: sub ? [sub, ...rest] : rest,
        options: { period: { type: 'string' }, region: { type: 'string' } },
      });
      if (!values.period) {
        console.error('usage: gongjian indicators --period 2024 [--region 321100]');
        return 2;
      }
      await prepareDatabase(handle, { ...config, demo: { enabled: false } }, () => {});
      const rows = await listIndicatorValues(db, { period: values.period, regionCode: values.region });
      console.log(
        JSON.stringify(
          rows.map((r) => ({
            code: r.code,
            name: r.name,
            value: r.value,
            unit: r.unit,
            previous: r.previous,
            yoy: r.yoy,
            ...(r.records ? { records: r.records.map((x) => ({ name: x.name, value: x.value })) } : {}),
          })),
        ),
      );
      return 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { 'dry-run': { type: 'boolean' }, user: { type: 'string' }, lang: { type: 'string' } },
      });
      const file = positionals[0];
      const load = sub ? LEDGERS[sub] : undefined;
      if (!load || !file) {
        console.error(
          `usage: gongjian import <${Object.keys(LEDGERS).join('|')}> FILE [--dry-run] [--user USERNAME]`,
        );
        return 2;
      }
      if (!fs.existsSync(file)) {
        console.error(`no such file: ${file}`);
        return 2;
      }
      await prepareDatabase(handle, { ...config, demo: { enabled: false } }, () => {});
      let importer = actor;
      if (values.user) {
        const id = await findUserIdByUsername(db, values.user);
        const built = id ? await buildActor(db, id, { ip: null, userAgent: 'gongjian-cli' }) : null;
        if (!built) {
          console.error(`no active user ${values.user}`);
          return 1;
        }
        importer = built;
      }
      const ledger = await load();
      const { done } = await startImport({
        db,
        actor: importer,
        ledgerId: sub!,
        ledger,
        data: fs.readFileSync(file),
        fileName: path.basename(file),
        dryRun: Boolean(values['dry-run']),
        locale: values.lang === 'en' ? 'en' : 'zh-CN',
        dataDir: config.dataDir,
      });
      const summary = await done;
      console.log(
        JSON.stringify({
          rows: summary.rows,
          created: summary.created,
          updated: summary.updated,
          skipped: summary.skipped,
          errors: summary.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
        }),
      );
      return summary.errors.length > 0 ? 1 : 0;
    }
    default:
      console.error(`unknown command: ${cmd}\n\n${HELP}`);
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
}
