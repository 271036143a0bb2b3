import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Engine } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { ensureRegions } from '../src/modules/regions/regions.service';

/**
 * Every database test runs once per engine: SQLite always, PostgreSQL when GONGJIAN_TEST_PG_URL is set
 * (scripts/test.mjs sets it when a server answers). Each PostgreSQL test database is created fresh and
 * dropped afterwards, so runs never share state.
 */
export const PG_ADMIN_URL = process.env.GONGJIAN_TEST_PG_URL;
export const ENGINES: Engine[] = PG_ADMIN_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = DatabaseHandle & { url?: string; drop(): Promise<void> };

export async function createTestDatabase(
  engine: Engine,
  opts: { file?: string } = {},
): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const handle = openDatabase({ kind: 'sqlite', file: opts.file ?? ':memory:' });
    await migrateToLatest(handle.db);
    await ensureRegions(handle.db);
    return { ...handle, drop: () => handle.close() };
  }
  if (!PG_ADMIN_URL) throw new Error('GONGJIAN_TEST_PG_URL is not set');
  const name = `gj_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: 'postgres', url: url.toString(), max: 5 });
  await migrateToLatest(handle.db);
  await ensureRegions(handle.db);
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
