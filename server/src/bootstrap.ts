import { sql } from 'kysely';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrate';
import { isEmpty, resolveDemoPassword, seedDemo } from './modules/demo/demo.seed';
import { ensureRegions } from './modules/regions/regions.service';

export const openFromConfig = (config: Config): DatabaseHandle =>
  config.database.kind === 'sqlite'
    ? openDatabase({ kind: 'sqlite', file: config.database.file })
    : openDatabase({ kind: 'postgres', url: config.database.url });

const BOOT_LOCK = 7_001_000;

/**
 * Migrates, loads the region table, and loads the demo city into an empty database. On PostgreSQL a
 * session advisory lock makes concurrent starts of several instances do this once.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  config: Config,
  log: (msg: string) => void = console.log,
): Promise<void> {
  const work = async () => {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
    const regions = await ensureRegions(handle.db);
    if (regions) log(`regions loaded: ${regions}`);
    if (config.demo.enabled && (await isEmpty(handle.db))) {
      const pw = resolveDemoPassword(config.dataDir, config.demo.password);
      const r = await seedDemo(handle.db, { password: pw.password, ledgers: config.demo.ledgers !== false });
      log(`demo city loaded: ${r.units} units, ${r.users} users`);
      if (pw.generated) {
        log(`demo password (shown once, also in ${pw.file}): ${pw.password}`);
      }
    }
  };
  if (handle.engine === 'postgres') {
    await handle.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${BOOT_LOCK})`.execute(conn);
      try {
        await work();
      } finally {
        await sql`select pg_advisory_unlock(${BOOT_LOCK})`.execute(conn);
      }
    });
  } else {
    await work();
  }
}
