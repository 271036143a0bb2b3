import type { Kysely } from 'kysely';
import { DEFAULT_METHODS } from '../../modules/rankings/rankings.defaults';

/** Results (C10): indicator targets, the indicator period lock and its snapshots, ranking methods, briefings. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_targets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'varchar(36)')
    .addColumn('entered_by_name', 'varchar(100)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('indicator_targets_key_uq', ['code', 'year', 'region_code'])
    .execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('period', 'varchar(7)', (c) => c.primaryKey())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('periods', 'text', (c) => c.notNull())
    .addColumn('snapshots', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('locked_by', 'varchar(36)')
    .addColumn('locked_by_name', 'varchar(100)')
    .addColumn('locked_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_snapshots')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('period', 'varchar(16)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('lock_period', 'varchar(7)', (c) => c.notNull().references('period_locks.period'))
    .addColumn('value', 'double precision')
    .addColumn('previous', 'double precision')
    .addColumn('unit', 'varchar(16)', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('previous_records', 'text', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('locked_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('indicator_snapshots_key_uq', ['code', 'period'])
    .execute();

  await db.schema
    .createTable('ranking_methods')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('subject', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('normalisation', 'varchar(16)', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issuer', 'text')
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('effective_from', 'varchar(10)')
    .addColumn('effective_to', 'varchar(10)')
    .addColumn('description', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('activated_by', 'varchar(36)')
    .addColumn('activated_at', 'varchar(30)')
    .execute();
  await db.schema
    .createIndex('ranking_methods_status_idx')
    .on('ranking_methods')
    .columns(['subject', 'status'])
    .execute();
  const at = new Date().toISOString();
  for (const m of DEFAULT_METHODS) {
    await db
      .insertInto('ranking_methods')
      .values({
        id: m.id,
        name: m.name,
        name_en: m.nameEn,
        subject: m.subject,
        period_kind: m.periodKind,
        normalisation: m.normalisation,
        indicators: JSON.stringify(m.indicators),
        status: 'active',
        is_default: 1,
        issuer: m.issuer,
        doc_no: null,
        effective_from: null,
        effective_to: null,
        description: m.description,
        version: 1,
        created_by: null,
        created_at: at,
        updated_at: at,
        activated_by: null,
        activated_at: at,
      })
      .execute();
  }

  await db.schema
    .createTable('briefings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('red_header', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('docx_sha256', 'varchar(64)')
    .addColumn('docx_size', 'integer')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_by_name', 'varchar(100)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(36)')
    .addColumn('issued_by_name', 'varchar(100)')
    .addColumn('issued_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('briefings_period_idx').on('briefings').columns(['kind', 'period']).execute();
  await db.schema.createIndex('briefings_region_idx').on('briefings').column('region_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'briefings',
    'ranking_methods',
    'indicator_snapshots',
    'period_locks',
    'indicator_targets',
  ])
    await db.schema.dropTable(t).execute();
}
