import type { Kysely } from 'kysely';
import {
  DEFAULT_RULE_SET_ID,
  DEFAULT_RULE_SET_META,
  DEFAULT_RULE_SET_PARAMS,
} from '../../modules/lights/lights.defaults';

/** Coordination (C2): traffic-light rule sets and history, overrides, problems, dispatch meetings. */

/** 问题类别 (domain.md §1.5), configurable afterwards through PUT /api/v1/problem-settings/categories. */
const CATEGORIES: Array<[string, string, string]> = [
  ['land', '用地', 'Land'],
  ['planning', '规划', 'Planning'],
  ['environment', '环评', 'Environmental assessment'],
  ['energy', '能评', 'Energy assessment'],
  ['demolition', '征拆', 'Expropriation and demolition'],
  ['funding', '资金', 'Funding'],
  ['approval', '审批手续', 'Approvals'],
  ['utilities', '水电气', 'Water, power and gas'],
  ['talent', '人才', 'Talent'],
  ['other', '其他', 'Other'],
];

/** Four-level ladder after Tonglu's 四级协调 (domain.md §1.5); auto-escalation after 7 days overdue. */
const LADDER: Array<[number, string, string, number | null]> = [
  [1, '责任单位协调', 'Responsible unit', 7],
  [2, '县区/部门分管领导协调', 'District or department leader in charge', 7],
  [3, '市领导专题协调', 'City leader special coordination', 7],
  [4, '市主要领导督办', 'Supervised by the principal city leaders', null],
];

export async function up(db: Kysely<any>): Promise<void> {
  const at = new Date().toISOString();

  await db.schema
    .createTable('light_rule_sets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text')
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('effective_from', 'varchar(10)')
    .addColumn('effective_to', 'varchar(10)')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('activated_by', 'varchar(36)')
    .addColumn('activated_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('light_rule_sets_status_idx').on('light_rule_sets').column('status').execute();
  await db
    .insertInto('light_rule_sets')
    .values({
      id: DEFAULT_RULE_SET_ID,
      name: DEFAULT_RULE_SET_META.name,
      issuer: DEFAULT_RULE_SET_META.issuer,
      doc_no: DEFAULT_RULE_SET_META.docNo,
      effective_from: null,
      effective_to: null,
      params: JSON.stringify(DEFAULT_RULE_SET_PARAMS),
      status: 'draft',
      is_default: 1,
      notes: DEFAULT_RULE_SET_META.notes,
      version: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
      activated_by: null,
      activated_at: null,
    })
    .execute();

  await db.schema
    .createTable('light_history')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('color', 'varchar(8)')
    .addColumn('previous_color', 'varchar(8)')
    .addColumn('computed_color', 'varchar(8)')
    .addColumn('rule_set_id', 'varchar(36)')
    .addColumn('rule_set_version', 'integer')
    .addColumn('fired', 'text', (c) => c.notNull())
    .addColumn('fired_key', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('as_of_month', 'varchar(7)')
    .addColumn('reason', 'varchar(10)', (c) => c.notNull())
    .addColumn('override_id', 'varchar(36)')
    .addColumn('actor_id', 'varchar(36)')
    .execute();
  await db.schema
    .createIndex('light_history_project_idx')
    .on('light_history')
    .columns(['project_id', 'id'])
    .execute();

  await db.schema
    .createTable('light_overrides')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('color', 'varchar(8)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'varchar(10)')
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(36)')
    .addColumn('requested_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('light_overrides_project_idx')
    .on('light_overrides')
    .columns(['project_id', 'status'])
    .execute();
  await db.schema.createIndex('light_overrides_status_idx').on('light_overrides').column('status').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('chair', 'varchar(50)')
    .addColumn('attendees', 'text')
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('organizer_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('doc_no', 'varchar(100)')
    .addColumn('bulletin', 'text')
    .addColumn('created_by', 'varchar(36)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('held_at', 'varchar(30)')
    .addColumn('published_by', 'varchar(36)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('meetings_region_held_idx')
    .on('meetings')
    .columns(['region_code', 'held_on'])
    .execute();

  await db.schema
    .createTable('meeting_items')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('meeting_id', 'varchar(36)', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('source', 'varchar(8)', (c) => c.notNull())
    .addColumn('reason', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('added_by', 'varchar(36)')
    .addColumn('added_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('meeting_items_ref_uq', ['meeting_id', 'item_type', 'ref_id'])
    .execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('entity', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('raised_by', 'varchar(36)')
    .addColumn('raised_by_unit_id', 'varchar(36)')
    .addColumn('raised_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('raised_in_meeting_id', 'varchar(36)', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('owner_unit_id', 'varchar(36)', (c) => c.references('units.id'))
    .addColumn('lead_leader', 'varchar(50)')
    .addColumn('due_on', 'varchar(10)')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('escalated_at', 'varchar(30)')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('held_from', 'varchar(12)')
    .addColumn('resolved_at', 'varchar(30)')
    .addColumn('closed_by', 'varchar(36)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problems_entity_idx')
    .on('problems')
    .columns(['entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('problems_owner_idx').on('problems').column('owner_unit_id').execute();
  await db.schema
    .createIndex('problems_region_status_idx')
    .on('problems')
    .columns(['region_code', 'status'])
    .execute();
  await db.schema
    .createIndex('problems_status_due_idx')
    .on('problems')
    .columns(['status', 'due_on'])
    .execute();
  await db.schema.createIndex('problems_meeting_idx').on('problems').column('raised_in_meeting_id').execute();

  await db.schema
    .createTable('problem_units')
    .addColumn('problem_id', 'varchar(36)', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('problem_units_pk', ['problem_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('problem_units_unit_idx').on('problem_units').column('unit_id').execute();

  await db.schema
    .createTable('problem_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('problem_id', 'varchar(36)', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(12)')
    .addColumn('to_status', 'varchar(12)')
    .addColumn('from_level', 'integer')
    .addColumn('to_level', 'integer')
    .addColumn('note', 'text')
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('unit_id', 'varchar(36)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('payload', 'text')
    .execute();
  await db.schema
    .createIndex('problem_events_problem_idx')
    .on('problem_events')
    .columns(['problem_id', 'at'])
    .execute();

  await db.schema
    .createTable('problem_categories')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(80)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .insertInto('problem_categories')
    .values(
      CATEGORIES.map(([code, zh, en], i) => ({
        code,
        name_zh: zh,
        name_en: en,
        sort: (i + 1) * 10,
        active: 1,
      })),
    )
    .execute();

  await db.schema
    .createTable('escalation_levels')
    .addColumn('level', 'integer', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(80)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(120)', (c) => c.notNull())
    .addColumn('auto_after_days', 'integer')
    .execute();
  await db
    .insertInto('escalation_levels')
    .values(
      LADDER.map(([level, zh, en, days]) => ({ level, name_zh: zh, name_en: en, auto_after_days: days })),
    )
    .execute();

  await db.schema
    .createTable('coordination_settings')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('coordination_settings')
    .values({ key: 'remind_days_before', value: '3', updated_at: at })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'coordination_settings',
    'escalation_levels',
    'problem_categories',
    'problem_events',
    'problem_units',
    'problems',
    'meeting_items',
    'meetings',
    'light_overrides',
    'light_history',
    'light_rule_sets',
  ])
    await db.schema.dropTable(t).execute();
}
