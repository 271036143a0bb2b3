import type { Kysely } from 'kysely';
import { MILESTONE_KEYS } from '../../modules/projects/projects.milestones';
import { ensureProjectReference } from '../../modules/projects/projects.reference';

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('projects')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('internal_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'varchar(200)', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('project_code', 'varchar(32)', (c) => c.unique())
    .addColumn('legacy_project_code', 'varchar(32)')
    .addColumn('level', 'varchar(20)', (c) => c.notNull())
    .addColumn('category', 'varchar(24)', (c) => c.notNull())
    .addColumn('construction_nature', 'varchar(20)')
    .addColumn('foreign_invested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('investor_name', 'text')
    .addColumn('investor_credit_code', 'varchar(18)')
    .addColumn('company_name', 'text')
    .addColumn('company_credit_code', 'varchar(18)')
    .addColumn('attracted_by_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('first_contact_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('responsible_unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('zone_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('park_name', 'text')
    .addColumn('linked_leader', 'varchar(50)')
    .addColumn('task_force_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('industry_code', 'varchar(8)')
    .addColumn('chain_code', 'varchar(32)')
    .addColumn('agreed_investment', 'bigint')
    .addColumn('filed_investment', 'bigint')
    .addColumn('fixed_asset_investment', 'bigint')
    .addColumn('foreign_amount_usd', 'bigint')
    .addColumn('fx_rate', 'double precision')
    .addColumn('registered_capital', 'bigint')
    .addColumn('land_area_mu', 'double precision')
    .addColumn('floor_area_m2', 'double precision')
    .addColumn('expected_output', 'bigint')
    .addColumn('expected_tax', 'bigint')
    .addColumn('expected_jobs', 'integer')
    .addColumn('leased_plant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signing_kind', 'varchar(20)', (c) => c.notNull().defaultTo('new'))
    .addColumn('predecessor_project_id', 'varchar(36)');
  for (const m of MILESTONE_KEYS) {
    t = t.addColumn(`planned_${m}_on`, 'varchar(10)').addColumn(`actual_${m}_on`, 'varchar(10)');
  }
  await t
    .addColumn('stage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('terminated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('terminated_reason', 'text')
    .addColumn('terminated_by', 'varchar(36)')
    .addColumn('terminated_approver', 'text')
    .addColumn('terminated_on', 'varchar(10)')
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_reason', 'text')
    .addColumn('suspended_by', 'varchar(36)')
    .addColumn('suspended_approver', 'text')
    .addColumn('suspended_on', 'varchar(10)')
    .addColumn('light', 'varchar(8)')
    .addColumn('light_since', 'varchar(10)')
    .addColumn('physical_progress_pct', 'double precision')
    .addColumn('physical_progress_text', 'text')
    .addColumn('description', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // Indexes measured with bench/projects (see bench/README.md). The region index covers counts, region- and
  // stage-filtered pages sorted by amount or date (id included, so a page is cut without reading rows) and the
  // by-district aggregate; the scope index makes scope checks on joined rows index-only.
  await db.schema
    .createIndex('projects_region_idx')
    .on('projects')
    .columns([
      'region_code',
      'stage',
      'terminated',
      'agreed_investment',
      'actual_started_on',
      'actual_signed_on',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('projects_scope_idx')
    .on('projects')
    .columns(['id', 'region_code', 'responsible_unit_id', 'task_force_id', 'created_by'])
    .execute();
  await db.schema.createIndex('projects_started_idx').on('projects').column('actual_started_on').execute();
  await db.schema.createIndex('projects_agreed_idx').on('projects').column('agreed_investment').execute();
  await db.schema.createIndex('projects_name_idx').on('projects').column('name').execute();
  await db.schema.createIndex('projects_unit_idx').on('projects').column('responsible_unit_id').execute();
  await db.schema.createIndex('projects_light_idx').on('projects').column('light').execute();
  await db.schema.createIndex('projects_signed_idx').on('projects').column('actual_signed_on').execute();
  await db.schema.createIndex('projects_taskforce_idx').on('projects').column('task_force_id').execute();
  // the default order (latest changes first); search_text and id make keyword counts and pages index-only
  await db.schema
    .createIndex('projects_updated_idx')
    .on('projects')
    .columns(['updated_at', 'search_text', 'id'])
    .execute();

  await db.schema
    .createTable('project_units')
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('co'))
    .addPrimaryKeyConstraint('project_units_pk', ['project_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('project_units_unit_idx').on('project_units').column('unit_id').execute();

  await db.schema
    .createTable('project_monthly')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('month_investment', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ytd_investment', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cumulative_investment', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('physical_progress_pct', 'double precision')
    .addColumn('physical_progress_text', 'text')
    .addColumn('combined_with_previous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(36)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('project_monthly_project_month_uq', ['project_id', 'month'])
    .execute();
  // covers the monthly aggregates (Σ ytd by region for a month), and the scope join through project_id
  await db.schema
    .createIndex('project_monthly_month_ytd_idx')
    .on('project_monthly')
    .columns(['month', 'region_code', 'ytd_investment', 'project_id'])
    .execute();

  await db.schema
    .createTable('project_annual_plans')
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('plan_investment', 'bigint', (c) => c.notNull())
    .addColumn('curve', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_annual_plans_pk', ['project_id', 'year'])
    .execute();

  await db.schema
    .createTable('evidence_rules')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('milestone', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('confirm_permission', 'varchar(48)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('milestone_confirmations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('milestone', 'varchar(32)', (c) => c.notNull())
    .addColumn('actual_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'varchar(16)', (c) => c.notNull().defaultTo('evidence'))
    .addColumn('confirmed_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('revoked_by', 'varchar(36)')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema
    .createIndex('milestone_confirmations_project_idx')
    .on('milestone_confirmations')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('industry_codes')
    .addColumn('code', 'varchar(8)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('section', 'varchar(1)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chains')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ledger', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_views_user_idx')
    .on('saved_views')
    .columns(['user_id', 'ledger'])
    .execute();

  // Reference data (GB/T 4754-2017, default chains, default evidence rules), so a database without the demo has it.
  await ensureProjectReference(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'saved_views',
    'chains',
    'industry_codes',
    'milestone_confirmations',
    'evidence_rules',
    'project_annual_plans',
    'project_monthly',
    'project_units',
    'projects',
  ])
    await db.schema.dropTable(t).execute();
}
