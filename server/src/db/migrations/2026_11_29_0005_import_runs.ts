import type { Kysely } from 'kysely';

/** One row per Excel import attempt (dry run or real): its progress, outcome, counts and first errors. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('ledger', 'varchar(48)', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('region_code', 'varchar(12)')
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    /** running | succeeded | failed | dry_run */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    /** 0–100: parsing is 0–50, writing 50–100. */
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of the first 1,000 errors: [{ row, column, message, col? }]. */
    .addColumn('errors', 'text')
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('import_runs_actor_idx')
    .on('import_runs')
    .columns(['actor_id', 'started_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_runs').execute();
}
