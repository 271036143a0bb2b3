import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as m0001 from './migrations/2026_11_29_0001_foundation';
import * as m0002 from './migrations/2026_11_29_0002_attachments';
import * as m0003 from './migrations/2026_11_29_0003_projects';
import * as m0004 from './migrations/2026_11_29_0004_coordination';
import * as m0005 from './migrations/2026_11_29_0005_import_runs';
import * as m0006 from './migrations/2026_11_29_0006_enterprises';
import * as m0007 from './migrations/2026_11_29_0007_notifications_jobs';
import * as m0008 from './migrations/2026_11_29_0008_reform';
import * as m0009 from './migrations/2026_11_29_0009_results';

/** Migrations in name order; a merged migration is never edited — add a new one. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_29_0001_foundation': m0001,
  '2026_11_29_0002_attachments': m0002,
  '2026_11_29_0003_projects': m0003,
  '2026_11_29_0004_coordination': m0004,
  '2026_11_29_0005_import_runs': m0005,
  '2026_11_29_0006_enterprises': m0006,
  '2026_11_29_0007_notifications_jobs': m0007,
  '2026_11_29_0008_reform': m0008,
  '2026_11_29_0009_results': m0009,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
