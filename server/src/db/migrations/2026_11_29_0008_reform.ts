import type { Kysely } from 'kysely';

/**
 * The reform task ledger (改革攻坚台账): areas → items → tasks → milestones, targets, co-units, reports and
 * co-unit contributions, extensions, 督察 findings, scoring rule sets, period locks with snapshots, events,
 * settings. Portable types only; JSON kept as text.
 */
const SETTINGS: Array<[string, string]> = [
  ['monthlyDueDay', '25'],
  ['quarterlyDueDay', '25'],
  ['weeklyDueWeekday', '5'],
  ['remindDaysBefore', '3'],
  ['todoWindowDays', '14'],
  ['lookbackDays', '62'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const at = new Date().toISOString();
  const stamps = (t: any) =>
    t
      .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'varchar(30)', (c: any) => c.notNull())
      .addColumn('updated_at', 'varchar(30)', (c: any) => c.notNull());

  await stamps(
    db.schema
      .createTable('reform_areas')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('code', 'varchar(40)', (c) => c.unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull()),
  ).execute();

  await stamps(
    db.schema
      .createTable('reform_items')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('area_id', 'varchar(36)', (c) => c.notNull().references('reform_areas.id'))
      .addColumn('code', 'varchar(40)', (c) => c.unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('reform_items_area_idx').on('reform_items').column('area_id').execute();

  await stamps(
    db.schema
      .createTable('reform_tasks')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('code', 'varchar(40)', (c) => c.unique())
      .addColumn('area_id', 'varchar(36)', (c) => c.notNull().references('reform_areas.id'))
      .addColumn('item_id', 'varchar(36)', (c) => c.references('reform_items.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('measures', 'text')
      .addColumn('source_doc', 'text')
      .addColumn('source_meeting', 'text')
      .addColumn('lead_leader', 'varchar(50)')
      .addColumn('lead_unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
      .addColumn('contacts', 'text', (c) => c.notNull())
      .addColumn('outcome_form', 'varchar(24)')
      .addColumn('outcome_note', 'text')
      .addColumn('start_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('original_due_on', 'varchar(10)')
      .addColumn('cadence', 'varchar(12)', (c) => c.notNull())
      .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_replicated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('progress_pct', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress_note', 'text')
      .addColumn('problems_note', 'text')
      .addColumn('next_steps_note', 'text')
      .addColumn('last_report_period', 'varchar(10)')
      .addColumn('soe_credit_code', 'varchar(18)')
      .addColumn('linked_project_ids', 'text', (c) => c.notNull())
      .addColumn('linked_enterprise_codes', 'text', (c) => c.notNull())
      .addColumn('done_on', 'varchar(10)')
      .addColumn('completion_report_id', 'varchar(36)')
      .addColumn('closed_at', 'varchar(30)')
      .addColumn('closed_by', 'varchar(36)')
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
      .addColumn('created_by', 'varchar(36)'),
  ).execute();
  await db.schema.createIndex('reform_tasks_lead_idx').on('reform_tasks').column('lead_unit_id').execute();
  await db.schema.createIndex('reform_tasks_region_idx').on('reform_tasks').column('region_code').execute();
  await db.schema
    .createIndex('reform_tasks_area_idx')
    .on('reform_tasks')
    .columns(['area_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('reform_tasks_status_idx')
    .on('reform_tasks')
    .columns(['status', 'due_on'])
    .execute();
  await db.schema.createIndex('reform_tasks_soe_idx').on('reform_tasks').column('soe_credit_code').execute();

  await db.schema
    .createTable('reform_task_units')
    .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('reform_tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('reform_task_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('reform_task_units_unit_idx')
    .on('reform_task_units')
    .column('unit_id')
    .execute();

  await stamps(
    db.schema
      .createTable('reform_milestones')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('task_id', 'varchar(36)', (c) =>
        c.notNull().references('reform_tasks.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('deliverable', 'text')
      .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('original_due_on', 'varchar(10)')
      .addColumn('status', 'varchar(32)', (c) => c.notNull())
      .addColumn('done_on', 'varchar(10)')
      .addColumn('done_note', 'text')
      .addColumn('evidence_report_id', 'varchar(36)')
      .addColumn('closed_at', 'varchar(30)')
      .addColumn('closed_by', 'varchar(36)')
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('reform_milestones_task_idx')
    .on('reform_milestones')
    .columns(['task_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('reform_milestones_due_idx')
    .on('reform_milestones')
    .columns(['status', 'due_on'])
    .execute();

  await db.schema
    .createTable('reform_targets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('reform_tasks.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)', (c) => c.notNull())
    .addColumn('direction', 'varchar(10)', (c) => c.notNull())
    .addColumn('actual', 'double precision')
    .addColumn('indicator_code', 'varchar(64)')
    .addColumn('indicator_params', 'text')
    .addColumn('soe_kpi', 'varchar(32)')
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reform_targets_task_idx').on('reform_targets').column('task_id').execute();

  await stamps(
    db.schema
      .createTable('reform_reports')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('task_id', 'varchar(36)', (c) =>
        c.notNull().references('reform_tasks.id').onDelete('cascade'),
      )
      .addColumn('period', 'varchar(10)', (c) => c.notNull())
      .addColumn('period_kind', 'varchar(12)', (c) => c.notNull())
      .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('progress_pct', 'integer')
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('outcomes', 'text')
      .addColumn('problems', 'text')
      .addColumn('next_steps', 'text')
      .addColumn('draft_blockers', 'text', (c) => c.notNull())
      .addColumn('blocker_ids', 'text', (c) => c.notNull())
      .addColumn('completed_milestone_ids', 'text', (c) => c.notNull())
      .addColumn('task_completed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_submitted_at', 'varchar(30)')
      .addColumn('submitted_at', 'varchar(30)')
      .addColumn('submitted_by', 'varchar(36)')
      .addColumn('submit_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('returned_at', 'varchar(30)')
      .addColumn('returned_by', 'varchar(36)')
      .addColumn('return_comment', 'text')
      .addColumn('accepted_at', 'varchar(30)')
      .addColumn('accepted_by', 'varchar(36)')
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
      .addColumn('created_by', 'varchar(36)')
      .addUniqueConstraint('reform_reports_task_period_uq', ['task_id', 'period']),
  ).execute();
  await db.schema
    .createIndex('reform_reports_due_idx')
    .on('reform_reports')
    .columns(['due_on', 'status'])
    .execute();

  await stamps(
    db.schema
      .createTable('reform_contributions')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('task_id', 'varchar(36)', (c) =>
        c.notNull().references('reform_tasks.id').onDelete('cascade'),
      )
      .addColumn('period', 'varchar(10)', (c) => c.notNull())
      .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('outcomes', 'text')
      .addColumn('submitted_at', 'varchar(30)')
      .addColumn('submitted_by', 'varchar(36)')
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
      .addUniqueConstraint('reform_contributions_uq', ['task_id', 'period', 'unit_id']),
  ).execute();

  await stamps(
    db.schema
      .createTable('reform_extensions')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('task_id', 'varchar(36)', (c) =>
        c.notNull().references('reform_tasks.id').onDelete('cascade'),
      )
      .addColumn('milestone_id', 'varchar(36)', (c) =>
        c.references('reform_milestones.id').onDelete('cascade'),
      )
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('change_note', 'text')
      .addColumn('current_due_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('requested_due_on', 'varchar(10)')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('requested_by', 'varchar(36)')
      .addColumn('requested_by_name', 'varchar(100)')
      .addColumn('requested_at', 'varchar(30)', (c) => c.notNull())
      .addColumn('decided_by', 'varchar(36)')
      .addColumn('decided_at', 'varchar(30)')
      .addColumn('decision_comment', 'text')
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('reform_extensions_task_idx')
    .on('reform_extensions')
    .columns(['task_id', 'status'])
    .execute();

  await stamps(
    db.schema
      .createTable('reform_findings')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('task_id', 'varchar(36)', (c) => c.references('reform_tasks.id').onDelete('set null'))
      .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
      .addColumn('found_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('points', 'double precision', (c) => c.notNull())
      .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
      .addColumn('created_by', 'varchar(36)'),
  ).execute();
  await db.schema
    .createIndex('reform_findings_unit_idx')
    .on('reform_findings')
    .columns(['unit_id', 'found_on'])
    .execute();

  await stamps(
    db.schema
      .createTable('reform_rule_sets')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text')
      .addColumn('doc_no', 'text')
      .addColumn('effective_from', 'varchar(10)', (c) => c.notNull())
      .addColumn('effective_to', 'varchar(10)')
      .addColumn('status', 'varchar(12)', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull()),
  ).execute();

  await stamps(
    db.schema
      .createTable('reform_period_locks')
      .addColumn('period', 'varchar(7)', (c) => c.primaryKey())
      .addColumn('status', 'varchar(10)', (c) => c.notNull())
      .addColumn('locked_at', 'varchar(30)', (c) => c.notNull())
      .addColumn('locked_by', 'varchar(36)')
      .addColumn('locked_by_name', 'varchar(100)')
      .addColumn('note', 'text')
      .addColumn('unlocked_at', 'varchar(30)')
      .addColumn('unlocked_by', 'varchar(36)')
      .addColumn('unlock_reason', 'text')
      .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
      /** JSON: { board, reports, scores, tasks } as they stood when the month was locked. */
      .addColumn('snapshot', 'text', (c) => c.notNull()),
  ).execute();

  await db.schema
    .createTable('reform_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('task_id', 'varchar(36)', (c) => c.notNull().references('reform_tasks.id').onDelete('cascade'))
    .addColumn('entity', 'varchar(24)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(32)')
    .addColumn('to_status', 'varchar(32)')
    .addColumn('comment', 'text')
    .addColumn('payload', 'text')
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reform_events_task_idx')
    .on('reform_events')
    .columns(['task_id', 'at'])
    .execute();

  await db.schema
    .createTable('reform_settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('reform_settings')
    .values(SETTINGS.map(([key, value]) => ({ key, value, updated_at: at })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'reform_settings',
    'reform_events',
    'reform_period_locks',
    'reform_rule_sets',
    'reform_findings',
    'reform_extensions',
    'reform_contributions',
    'reform_reports',
    'reform_targets',
    'reform_milestones',
    'reform_task_units',
    'reform_tasks',
    'reform_items',
    'reform_areas',
  ])
    await db.schema.dropTable(t).execute();
}
