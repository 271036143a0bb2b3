import { sql, type Kysely } from 'kysely';
import { DEFAULT_RULE_SETS } from '../../modules/enterprises/enterprises.config';

// The enterprise registry: enterprises keyed by 统一社会信用代码, name history, yearly indicators,
// qualifications, versioned eligibility rule sets, stored eligibility results and the candidate pool.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprises')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('credit_code', 'varchar(18)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull().references('regions.code'))
    .addColumn('industry_code', 'varchar(8)')
    .addColumn('size', 'varchar(8)')
    .addColumn('ownership', 'varchar(8)')
    .addColumn('soe', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('founded_on', 'varchar(10)')
    .addColumn('owner_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('org_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('created_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enterprises_region_name_idx')
    .on('enterprises')
    .columns(['region_code', 'name'])
    .execute();
  await db.schema.createIndex('enterprises_name_idx').on('enterprises').column('name').execute();
  // counts of filtered lists read this index alone (region + the enum filters + id for the EXISTS/IN filters)
  await db.schema
    .createIndex('enterprises_filters_idx')
    .on('enterprises')
    .columns(['region_code', 'size', 'ownership', 'soe', 'listed', 'industry_code', 'id'])
    .execute();
  await db.schema.createIndex('enterprises_initials_idx').on('enterprises').column('name_initials').execute();
  await db.schema.createIndex('enterprises_owner_idx').on('enterprises').column('owner_unit_id').execute();
  await db.schema.createIndex('enterprises_industry_idx').on('enterprises').column('industry_code').execute();
  await db.schema.createIndex('enterprises_updated_idx').on('enterprises').column('updated_at').execute();

  await db.schema
    .createTable('enterprise_names')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'varchar(10)')
    .addColumn('valid_to', 'varchar(10)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enterprise_names_enterprise_idx')
    .on('enterprise_names')
    .column('enterprise_id')
    .execute();
  await db.schema.createIndex('enterprise_names_name_idx').on('enterprise_names').column('name').execute();

  await db.schema
    .createTable('enterprise_indicators')
    .addColumn('enterprise_id', 'varchar(36)', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('revenue', 'bigint')
    .addColumn('rd_expense', 'bigint')
    .addColumn('rd_expense_domestic', 'bigint')
    .addColumn('hitech_revenue', 'bigint')
    .addColumn('staff', 'integer')
    .addColumn('st_staff', 'integer')
    .addColumn('ip_class1', 'integer')
    .addColumn('ip_class2', 'integer')
    .addColumn('tax', 'bigint')
    .addColumn('output', 'bigint')
    .addColumn('land_mu', 'double precision')
    .addColumn('energy_tce', 'double precision')
    .addColumn('valuation_usd', 'bigint')
    .addColumn('latest_round', 'varchar(32)')
    .addColumn('total_assets', 'bigint')
    .addColumn('liabilities', 'bigint')
    .addColumn('profit', 'bigint')
    .addColumn('net_profit', 'bigint')
    .addColumn('value_added', 'bigint')
    .addColumn('net_assets', 'bigint')
    .addColumn('operating_cash_flow', 'bigint')
    .addColumn('updated_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_indicators_pk', ['enterprise_id', 'year'])
    .execute();
  await db.schema
    .createIndex('enterprise_indicators_year_region_idx')
    .on('enterprise_indicators')
    .columns(['year', 'region_code'])
    .execute();

  await db.schema
    .createTable('enterprise_qualifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) => c.notNull().references('enterprises.id'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('type', 'varchar(24)', (c) => c.notNull())
    .addColumn('level', 'varchar(12)', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('batch', 'varchar(64)')
    .addColumn('cert_no', 'varchar(64)')
    .addColumn('granted_on', 'varchar(10)')
    .addColumn('valid_from', 'varchar(10)')
    .addColumn('valid_to', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('is_new', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_new_manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('enterprise_qualifications_cert_uq', ['type', 'cert_no'])
    .execute();
  await db.schema
    .createIndex('enterprise_qualifications_enterprise_idx')
    .on('enterprise_qualifications')
    .columns(['enterprise_id', 'type'])
    .execute();
  await db.schema
    .createIndex('enterprise_qualifications_granted_idx')
    .on('enterprise_qualifications')
    .columns(['type', 'granted_on'])
    .execute();
  await db.schema
    .createIndex('enterprise_qualifications_valid_to_idx')
    .on('enterprise_qualifications')
    .columns(['type', 'valid_to'])
    .execute();

  await db.schema
    .createTable('eligibility_rule_sets')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('tier', 'varchar(24)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('effective_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('effective_to', 'varchar(10)')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enterprise_eligibility')
    .addColumn('enterprise_id', 'varchar(36)', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('tier', 'varchar(24)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('rule_set_id', 'varchar(64)', (c) => c.notNull().references('eligibility_rule_sets.id'))
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('is_latest', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_eligibility_pk', ['enterprise_id', 'tier', 'year'])
    .execute();
  // partial: only current passing results (the views and the "eligible for" filter), so writes stay cheap
  await db.schema
    .createIndex('enterprise_eligibility_current_pass_idx')
    .on('enterprise_eligibility')
    .columns(['tier', 'enterprise_id'])
    .where(sql.ref('is_latest'), '=', 1)
    .where(sql.ref('pass'), '=', 1)
    .execute();

  await db.schema
    .createTable('enterprise_candidates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'varchar(36)', (c) =>
      c.notNull().references('enterprises.id').onDelete('cascade'),
    )
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('target_tier', 'varchar(24)', (c) => c.notNull())
    .addColumn('mentor_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('since', 'varchar(10)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('enterprise_candidates_uq', ['enterprise_id', 'target_tier'])
    .execute();
  await db.schema
    .createIndex('enterprise_candidates_mentor_idx')
    .on('enterprise_candidates')
    .column('mentor_unit_id')
    .execute();

  const at = new Date().toISOString();
  await db
    .insertInto('eligibility_rule_sets')
    .values(
      DEFAULT_RULE_SETS.map((r) => ({
        id: r.id,
        tier: r.tier,
        name: r.name,
        issuer: r.issuer,
        doc_no: r.docNo,
        effective_from: r.effectiveFrom,
        effective_to: null,
        params: JSON.stringify(r.params),
        status: 'active',
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'enterprise_candidates',
    'enterprise_eligibility',
    'eligibility_rule_sets',
    'enterprise_qualifications',
    'enterprise_indicators',
    'enterprise_names',
    'enterprises',
  ])
    await db.schema.dropTable(t).execute();
}
