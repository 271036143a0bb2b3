import {
  OUTCOME_FORMS,
  OUTCOME_FORM_LABELS,
  REFORM_STATUSES,
  REFORM_STATUS_LABELS,
  type TargetInput,
  type TaskCreate,
  type TaskUpdate,
} from '../../../../contracts/schemas/reform';
import { renderErrorMessage } from '../../../../contracts/errors';
import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';
import { AppError } from '../../core/errors';
import type { LedgerImporter } from '../../core/excel/ledger';
import {
  CellError,
  type ColumnDef,
  type ImportError,
  type LedgerMap,
  type ParsedRow,
} from '../../core/excel/types';
import { nowIso } from '../../core/clock';
import { newId } from '../../core/ids';
import type { Db, Executor } from '../../db/database';
import { lastDayOfMonth } from './reform.cadence';
import { isReformOffice } from './reform.policy';
import { effectiveStatus, unitName } from './reform.presenter';
import * as repo from './reform.repository';
import { createTaskTx, loadTask, recordEvent, today, updateTaskTx } from './reform.service';
import type { ReformMilestoneTable, ReformTargetTable } from './reform.table';

/**
 * The reform ledger in the usual 台账 column layout (序号, 改革领域, 重点改革事项, 具体任务, 改革举措, 牵头市领导, 牵头单位,
 * 配合单位, 时间节点, 完成时限, 成果形式, 目标值, 进展情况, 存在问题, 下步打算, 状态, then 任务编号) and its upsert:
 * idempotent by business key (任务编号, else 改革领域 + 重点改革事项 + 具体任务), scope-checked per row.
 *
 * Import rules: 时间节点 adds milestones and updates pending ones matched by title (never deletes; moving a date is
 * the reform office's); 目标值 replaces the typed targets (bindings to computed indicators are kept by metric); an
 * empty 目标值 or 时间节点 cell leaves them as they are; 进展情况 / 存在问题 / 下步打算 become the task's latest notes
 * (存在问题 stays text: blockers are raised as problems from a report or the task page); 状态 may only move between
 * 未启动 and 推进中 (closure, 待核验 and 调整 come from verification and approvals; 滞后 is computed).
 */
export type ReformLedgerRow = {
  seq: number | null;
  area: string;
  item: string | null;
  title: string;
  measures: string | null;
  leadLeader: string | null;
  leadUnit: string;
  coUnits: string | null;
  milestones: string | null;
  dueOn: string;
  outcomeForm: string | null;
  targets: string | null;
  progress: string | null;
  problems: string | null;
  nextSteps: string | null;
  status: string | null;
  code: string | null;
};

// ── cell formats (pure) ─────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const SPLIT = /[；;\n\r]+/;

/** One 时间节点 entry's date: 2025-03-31, 2025.3.31, 2025/3/31, 2025年3月31日, 2025年3月底/末/前, 3月底前 (year of the deadline). */
export function parseNodeDate(text: string, defaultYear: number): { date: string; rest: string } | null {
  const t = text.trim();
  let m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), t.slice(m[0].length));
  m = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:份|底|末|中旬|上旬|下旬)?/.exec(t);
  if (m) {
    const y = m[1] ? Number(m[1]) : defaultYear;
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    const token = m[0];
    const day = /上旬/.test(token) ? 10 : /中旬/.test(token) ? 20 : lastDayOfMonth(y, mo);
    return ymd(y, mo, day, t.slice(m[0].length));
  }
  m = /^(\d{4})\s*年\s*(?:底|末)/.exec(t);
  if (m) return ymd(Number(m[1]), 12, 31, t.slice(m[0].length));
  return null;
}

function ymd(y: number, mo: number, d: number, rest: string) {
  if (mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) return null;
  return {
    date: `${y}-${pad(mo)}-${pad(d)}`,
    rest: rest.replace(/^\s*(?:前|之前|以前)?\s*[：:，,、\s]*/, '').trim(),
  };
}

export function parseMilestoneCell(
  text: string,
  defaultYear: number,
): Array<{ dueOn: string; title: string }> {
  const out: Array<{ dueOn: string; title: string }> = [];
  for (const part of text
    .split(SPLIT)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const d = parseNodeDate(part, defaultYear);
    if (!d)
      throw new CellError({
        zh: `时间节点“${part}”缺少可识别的日期（如 2025-03-31 完成方案）`,
        en: `milestone “${part}” has no recognisable date (e.g. 2025-03-31 draft the plan)`,
      });
    if (!d.rest)
      throw new CellError({ zh: `时间节点“${part}”缺少内容`, en: `milestone “${part}” has no description` });
    out.push({ dueOn: d.date, title: d.rest.slice(0, 200) });
  }
  return out;
}

export const formatMilestones = (ms: Array<{ due_on: string; title: string }>) =>
  ms.map((m) => `${m.due_on} ${m.title}`).join('；\n');

const NUM = '-?\\d+(?:\\.\\d+)?';
const TARGET_RE = new RegExp(
  `^(.+?)[：:]\\s*(?:(${NUM})\\s*(?:→|->|—>|至)\\s*)?(≤|<=|≥|>=)?\\s*(${NUM})\\s*([^（(]*?)\\s*(?:[（(]\\s*(?:实际|现值)\\s*(${NUM})\\s*[^）)]*[）)])?$`,
);

/** 目标值: "指标：目标值单位", "指标：基线→目标值单位", "指标：≤目标值单位（实际 x）"; ≤ means lower is better. */
export function parseTargetCell(text: string): TargetInput[] {
  const out: TargetInput[] = [];
  for (const part of text
    .split(SPLIT)
    .map((s) =>
      s
        .trim()
        .replace(/，/g, ',')
        .replace(/,(?=\d{3})/g, ''),
    )
    .filter(Boolean)) {
    const m = TARGET_RE.exec(part);
    if (!m)
      throw new CellError({
        zh: `目标值“${part}”格式应为“指标：目标值单位”或“指标：基线→目标值单位”`,
        en: `target “${part}” should read "metric: target unit" or "metric: baseline→target unit"`,
      });
    out.push({
      metric: m[1]!.trim().slice(0, 100),
      baseline: m[2] !== undefined ? Number(m[2]) : null,
      target: Number(m[4]),
      unit: (m[5] ?? '').trim().slice(0, 20),
      direction: m[3] === '≤' || m[3] === '<=' ? 'decrease' : 'increase',
      actual: m[6] !== undefined ? Number(m[6]) : null,
    });
  }
  return out;
}

export function formatTargets(ts: ReformTargetTable[]) {
  return ts
    .map(
      (t) =>
        `${t.metric}：${t.baseline !== null ? `${t.baseline}→` : ''}${t.direction === 'decrease' ? '≤' : ''}${t.target}${t.unit}${t.actual !== null ? `（实际 ${t.actual}）` : ''}`,
    )
    .join('；\n');
}

// ── the column map ──────────────────────────────────────────────────────────────────────────────

const text = (
  key: keyof ReformLedgerRow & string,
  zh: string,
  en: string,
  extra: Partial<ColumnDef<ReformLedgerRow>> = {},
): ColumnDef<ReformLedgerRow> => ({ key, header: { zh, en }, kind: 'text', ...extra });

export const REFORM_COLUMNS: ColumnDef<ReformLedgerRow>[] = [
  { key: 'seq', header: { zh: '序号', en: 'No.' }, aliases: ['编号序号'], kind: 'integer', width: 6 },
  text('area', '改革领域', 'Reform area', {
    aliases: ['领域', '专项小组', '改革专项'],
    required: true,
    width: 14,
  }),
  text('item', '重点改革事项', 'Key reform item', {
    aliases: ['改革事项', '重点事项', '改革项目'],
    width: 24,
  }),
  text('title', '具体任务', 'Task', {
    aliases: ['任务名称', '改革任务', '具体改革任务', '工作任务'],
    required: true,
    width: 36,
  }),
  text('measures', '改革举措', 'Measures', { aliases: ['主要举措', '工作举措', '具体举措'], width: 36 }),
  text('leadLeader', '牵头市领导', 'Lead city leader', { aliases: ['牵头领导', '责任市领导', '分管市领导'] }),
  text('leadUnit', '牵头单位', 'Lead unit', {
    aliases: ['责任单位', '牵头部门'],
    required: true,
    note: { zh: '单位全称、简称或编码', en: 'unit name, short name or code' },
  }),
  text('coUnits', '配合单位', 'Co-units', {
    aliases: ['协同单位', '参与单位', '配合部门'],
    note: { zh: '多个单位以“、”分隔', en: 'several units separated by 、' },
  }),
  text('milestones', '时间节点', 'Milestones', {
    aliases: ['阶段目标', '节点安排', '时间节点安排'],
    width: 40,
    note: {
      zh: '每行一个节点：日期 + 内容，如“2025-03-31 出台实施方案”',
      en: 'one per line: date + what, e.g. "2025-03-31 issue the plan"',
    },
    // checked here so the preview shows it; read for real (with the deadline's year) by the upsert
    parse: (v) => {
      if (v !== null && v !== undefined && v !== '') parseMilestoneCell(String(v), 2000);
      return v;
    },
  }),
  {
    key: 'dueOn',
    header: { zh: '完成时限', en: 'Deadline' },
    aliases: ['完成时间', '完成期限', '时限要求'],
    kind: 'date',
    required: true,
  },
  {
    key: 'outcomeForm',
    header: { zh: '成果形式', en: 'Outcome form' },
    aliases: ['成果', '预期成果'],
    kind: 'enum',
    options: OUTCOME_FORMS.map((v) => ({
      value: v,
      ...OUTCOME_FORM_LABELS[v],
      aliases: v === 'policy_document' ? ['文件', '政策'] : v === 'institution' ? ['制度', '机制'] : [],
    })),
  },
  text('targets', '目标值', 'Targets', {
    aliases: ['成效指标', '目标任务', '量化指标'],
    width: 30,
    note: {
      zh: '“指标：目标值单位”，多个以分号分隔；越低越好写“≤”',
      en: '"metric: target unit", several separated by ;, "≤" when lower is better',
    },
    parse: (v) => {
      if (v !== null && v !== undefined && v !== '') parseTargetCell(String(v));
      return v;
    },
  }),
  text('progress', '进展情况', 'Progress', { aliases: ['工作进展', '推进情况', '完成情况'], width: 40 }),
  text('problems', '存在问题', 'Problems', { aliases: ['问题困难', '困难问题', '堵点难点'], width: 30 }),
  text('nextSteps', '下步打算', 'Next steps', {
    aliases: ['下一步计划', '下步计划', '下一步打算'],
    width: 30,
  }),
  {
    key: 'status',
    header: { zh: '状态', en: 'Status' },
    aliases: ['任务状态', '推进状态', '完成状态'],
    kind: 'enum',
    options: REFORM_STATUSES.map((v) => ({
      value: v,
      ...REFORM_STATUS_LABELS[v],
      aliases:
        v === 'done_pending_verification'
          ? ['已完成', '待核验', '已完成(待核验)', '完成待核验']
          : v === 'closed'
            ? ['销号', '已完成销号']
            : v === 'in_progress'
              ? ['推进', '进行中', '正在推进']
              : v === 'not_started'
                ? ['未开始']
                : [],
    })),
  },
  text('code', '任务编号', 'Task code', {
    aliases: ['编码', '任务代码'],
    note: {
      zh: '导入时按任务编号更新；没有编号时按“领域+事项+任务”匹配',
      en: 'rows update the task with this code; without one, area + item + task match',
    },
    parse: (v) => {
      if (v === null || v === undefined || v === '') return null;
      const s = String(v).trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(s))
        throw new CellError({
          zh: `任务编号“${s}”只能含字母、数字、. _ -`,
          en: `task code “${s}” may contain letters, digits, . _ - only`,
        });
      return s;
    },
  }),
];

export const REFORM_LEDGER_MAP: LedgerMap<ReformLedgerRow> = {
  id: 'reform-tasks',
  title: { zh: '改革攻坚任务台账', en: 'Reform task ledger' },
  sheetName: { zh: '改革任务台账', en: 'Reform tasks' },
  columns: REFORM_COLUMNS,
  businessKey: (r) =>
    r.code ? `code:${r.code}` : r.area && r.title ? `title:${r.area}|${r.item ?? ''}|${r.title}` : null,
};

// ── upsert ──────────────────────────────────────────────────────────────────────────────────────

type Unit = {
  id: string;
  name: string;
  short_name: string | null;
  code: string | null;
  region_code: string;
  path: string;
  kind: string;
  active: number;
};

function matchUnit(units: Unit[], raw: string): Unit | undefined {
  const t = raw.trim();
  const hits = units.filter((u) => u.name === t || u.short_name === t || u.code === t);
  return hits.length === 1 ? hits[0] : undefined;
}

function describe(err: unknown, locale: Actor['locale']): string {
  if (err instanceof CellError) return locale === 'en' ? err.msg.en : err.msg.zh;
  if (err instanceof AppError) {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(err.params))
      params[k] =
        v && typeof v === 'object' && 'zh' in v
          ? (v as unknown as Record<'zh' | 'en', string>)[locale === 'en' ? 'en' : 'zh']
          : v;
    return renderErrorMessage(err.code, locale, params);
  }
  throw err;
}

const FIELD_COLUMN: Record<string, keyof ReformLedgerRow> = {
  leadUnitId: 'leadUnit',
  coUnitIds: 'coUnits',
  areaId: 'area',
  itemId: 'item',
  dueOn: 'dueOn',
  startOn: 'dueOn',
  milestones: 'milestones',
  code: 'code',
  status: 'status',
  targets: 'targets',
};

async function resolveArea(trx: Executor, actor: Actor, name: string, itemTitle: string | null) {
  let area = await repo.findAreaByName(trx, name);
  const office = isReformOffice(actor) && can(actor, 'reform:manage');
  const at = nowIso();
  if (!area) {
    if (!office)
      throw new CellError({
        zh: `改革领域“${name}”不存在（新增领域请联系改革办）`,
        en: `unknown reform area “${name}” (the reform office adds areas)`,
      });
    area = {
      id: newId(),
      code: null,
      name,
      sort: 0,
      region_code: actor.regionCode ?? '000000',
      version: 1,
      created_at: at,
      updated_at: at,
    };
    if (!(await repo.regionExists(trx, area.region_code)))
      area.region_code = (
        await trx.selectFrom('regions').select('code').orderBy('code').executeTakeFirstOrThrow()
      ).code;
    await repo.insertAreas(trx, [area]);
  }
  if (!itemTitle) return { areaId: area.id, itemId: null };
  let item = await repo.findItemByTitle(trx, area.id, itemTitle);
  if (!item) {
    if (!office)
      throw new CellError({
        zh: `重点改革事项“${itemTitle}”不存在（新增事项请联系改革办）`,
        en: `unknown key reform item “${itemTitle}” (the reform office adds items)`,
      });
    item = {
      id: newId(),
      area_id: area.id,
      code: null,
      title: itemTitle,
      sort: 0,
      region_code: area.region_code,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertItems(trx, [item]);
  }
  return { areaId: area.id, itemId: item.id };
}

/** Upserts parsed ledger rows inside the import runner's transaction; row problems come back as errors. */
export async function upsertReformRows(
  trx: Db,
  actor: Actor,
  rows: ParsedRow<ReformLedgerRow>[],
): Promise<{ created: number; updated: number; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  let created = 0;
  let updated = 0;
  const units = (await repo.allUnits(trx)) as Unit[];
  const seen = new Map<string, number>();
  const t0 = today();
  const col = (key: keyof ReformLedgerRow) =>
    REFORM_COLUMNS.find((c) => c.key === key)!.header[actor.locale === 'en' ? 'en' : 'zh'];
  if (!can(actor, 'reform:manage')) {
    return {
      created,
      updated,
      errors: [{ row: 0, column: '', message: renderErrorMessage('FORBIDDEN', actor.locale) }],
    };
  }

  for (const { row, values: v } of rows) {
    const fail = (column: keyof ReformLedgerRow | '', message: string) =>
      errors.push({ row, column: column ? col(column) : '', message });
    try {
      const key = REFORM_LEDGER_MAP.businessKey(v);
      if (!key) {
        fail(
          'title',
          describe(new CellError({ zh: '缺少具体任务或改革领域', en: 'task or area missing' }), actor.locale),
        );
        continue;
      }
      if (seen.has(key)) {
        fail(
          v.code ? 'code' : 'title',
          actor.locale === 'en' ? `duplicate of row ${seen.get(key)}` : `与第 ${seen.get(key)} 行重复`,
        );
        continue;
      }
      seen.set(key, row);

      const { areaId, itemId } = await resolveArea(trx, actor, v.area!, v.item ?? null);
      const existing = v.code
        ? await repo.findTaskByCode(trx, v.code)
        : await repo.findTaskByTitle(trx, areaId, itemId, v.title!);
      const lead = v.leadUnit !== undefined ? matchUnit(units, v.leadUnit!) : undefined;
      if (v.leadUnit !== undefined && !lead) {
        fail(
          'leadUnit',
          actor.locale === 'en'
            ? `unknown or ambiguous unit “${v.leadUnit}”`
            : `单位“${v.leadUnit}”不存在或不唯一`,
        );
        continue;
      }
      let coUnitIds: string[] | undefined;
      if (v.coUnits !== undefined) {
        coUnitIds = [];
        let bad = false;
        for (const name of (v.coUnits ?? '').split(/[、,，;；/\s]+/).filter(Boolean)) {
          const u = matchUnit(units, name);
          if (!u) {
            fail(
              'coUnits',
              actor.locale === 'en'
                ? `unknown or ambiguous unit “${name}”`
                : `配合单位“${name}”不存在或不唯一`,
            );
            bad = true;
          } else coUnitIds.push(u.id);
        }
        if (bad) continue;
      }
      const dueYear = Number((v.dueOn ?? existing?.due_on ?? t0).slice(0, 4));
      const milestones = v.milestones ? parseMilestoneCell(v.milestones, dueYear) : undefined;
      const targets = v.targets ? parseTargetCell(v.targets) : undefined;
      const wantStatus = v.status ?? undefined;

      if (!existing) {
        if (wantStatus && wantStatus !== 'not_started' && wantStatus !== 'in_progress') {
          fail(
            'status',
            actor.locale === 'en'
              ? 'a new task starts as not started or in progress'
              : '新任务的状态只能是“未启动”或“推进中”',
          );
          continue;
        }
        const input: TaskCreate = {
          code: v.code ?? null,
          areaId,
          itemId,
          title: v.title!,
          measures: v.measures ?? null,
          leadLeader: v.leadLeader ?? null,
          leadUnitId: lead!.id,
          coUnitIds: coUnitIds ?? [],
          outcomeForm: (v.outcomeForm as TaskCreate['outcomeForm']) ?? null,
          dueOn: v.dueOn!,
          targets: targets ?? [],
          milestones: milestones ?? [],
        };
        const t = await createTaskTx(trx, actor, input, { audit: false });
        const notes = {
          progress_note: v.progress ?? null,
          problems_note: v.problems ?? null,
          next_steps_note: v.nextSteps ?? null,
        };
        if (
          wantStatus === 'in_progress' ||
          notes.progress_note ||
          notes.problems_note ||
          notes.next_steps_note
        ) {
          await repo.updateTask(trx, t.id, 1, {
            ...notes,
            ...(wantStatus === 'in_progress' ? { status: 'in_progress' } : {}),
            updated_at: nowIso(),
          });
          if (wantStatus === 'in_progress')
            await recordEvent(trx, actor, {
              taskId: t.id,
              entity: 'task',
              entityId: t.id,
              kind: 'status',
              from: 'not_started',
              to: 'in_progress',
              comment: 'import',
            });
        }
        created++;
        continue;
      }

      // update: the task must be in the actor's scope
      let loaded;
      try {
        loaded = await loadTask(trx, actor, existing.id);
      } catch {
        fail(
          v.code ? 'code' : 'title',
          actor.locale === 'en'
            ? 'this task exists but is outside your data scope'
            : '该任务已存在，但不在您的数据范围内',
        );
        continue;
      }
      if (loaded.status === 'closed') {
        // a closed (verified) task is read-only: its row is skipped
        continue;
      }
      const ms = (await repo.milestonesOf(trx, [existing.id])).get(existing.id) ?? [];
      const curStatus = effectiveStatus(loaded.status, loaded.due_on, ms, t0);
      const input: TaskUpdate = { version: loaded.version };
      if (v.area !== undefined) input.areaId = areaId;
      if (v.item !== undefined) input.itemId = itemId;
      if (v.code !== undefined && v.code !== null) input.code = v.code;
      if (v.title !== undefined) input.title = v.title!;
      if (v.measures !== undefined) input.measures = v.measures;
      if (v.leadLeader !== undefined) input.leadLeader = v.leadLeader;
      if (lead) input.leadUnitId = lead.id;
      if (coUnitIds) input.coUnitIds = coUnitIds;
      if (v.outcomeForm !== undefined) input.outcomeForm = v.outcomeForm as TaskUpdate['outcomeForm'];
      if (v.dueOn !== undefined) input.dueOn = v.dueOn!;
      if (wantStatus && wantStatus !== curStatus) {
        if (
          (wantStatus === 'not_started' || wantStatus === 'in_progress') &&
          (loaded.status === 'not_started' || loaded.status === 'in_progress')
        )
          input.status = wantStatus;
        else {
          fail(
            'status',
            actor.locale === 'en'
              ? 'this status changes only through reports, verification or approvals'
              : '该状态只能通过报送、核验或审批改变',
          );
          continue;
        }
      }
      if (targets) {
        const old = (await repo.targetsOf(trx, [existing.id])).get(existing.id) ?? [];
        input.targets = targets.map((t) => {
          const o = old.find((x) => x.metric === t.metric);
          return o
            ? {
                ...t,
                id: o.id,
                indicatorCode: o.indicator_code,
                indicatorParams: o.indicator_params ? JSON.parse(o.indicator_params) : null,
                soeKpi: (o.soe_kpi as TargetInput['soeKpi']) ?? null,
              }
            : t;
        });
      }
      const res = await updateTaskTx(trx, actor, existing.id, input, { audit: false });
      let changed = res.changed;

      if (milestones) {
        const office = isReformOffice(actor);
        const fresh = (await repo.milestonesOf(trx, [existing.id])).get(existing.id) ?? [];
        const add: ReformMilestoneTable[] = [];
        let seq = fresh.reduce((s, m) => Math.max(s, m.seq), 0);
        for (const m of milestones) {
          const cur = fresh.find((x) => x.title === m.title);
          if (cur) {
            if (cur.due_on !== m.dueOn) {
              if (cur.status !== 'pending' || !office)
                throw new CellError({
                  zh: `节点“${m.title}”的时间只能通过延期申请调整`,
                  en: `milestone “${m.title}” moves only through an extension request`,
                });
              await repo.updateMilestone(trx, cur.id, cur.version, {
                due_on: m.dueOn,
                original_due_on: cur.original_due_on ?? cur.due_on,
                updated_at: nowIso(),
              });
              changed = true;
            }
          } else {
            const at = nowIso();
            add.push({
              id: newId(),
              task_id: existing.id,
              seq: ++seq,
              title: m.title,
              deliverable: null,
              due_on: m.dueOn,
              original_due_on: null,
              status: 'pending',
              done_on: null,
              done_note: null,
              evidence_report_id: null,
              closed_at: null,
              closed_by: null,
              region_code: res.after.region_code,
              version: 1,
              created_at: at,
              updated_at: at,
            });
          }
        }
        if (add.length) {
          await repo.insertMilestones(trx, add);
          changed = true;
        }
      }
      const notes: Record<string, string | null> = {};
      if (v.progress !== undefined && v.progress !== res.after.progress_note)
        notes.progress_note = v.progress;
      if (v.problems !== undefined && v.problems !== res.after.problems_note)
        notes.problems_note = v.problems;
      if (v.nextSteps !== undefined && v.nextSteps !== res.after.next_steps_note)
        notes.next_steps_note = v.nextSteps;
      if (Object.keys(notes).length) {
        await repo.updateTask(trx, existing.id, res.after.version, { ...notes, updated_at: nowIso() });
        changed = true;
      }
      if (changed) updated++;
    } catch (err) {
      const field =
        err instanceof AppError ? ((err.details as { field?: string } | undefined)?.field ?? '') : '';
      const column = FIELD_COLUMN[field.split('.')[0] ?? ''] ?? '';
      errors.push({ row, column: column ? col(column) : '', message: describe(err, actor.locale) });
    }
  }
  return { created, updated, errors };
}

/** Ledger rows of tasks, in the export layout (the import reads them back unchanged). */
export async function ledgerRowsOf(db: Executor, tasks: repo.TaskJoined[]): Promise<ReformLedgerRow[]> {
  const ids = tasks.map((t) => t.id);
  const [co, ms, tg] = await Promise.all([
    repo.coUnitsOf(db, ids),
    repo.milestonesOf(db, ids),
    repo.targetsOf(db, ids),
  ]);
  const t0 = today();
  return tasks.map((t, i) => ({
    seq: i + 1,
    area: t.area_name ?? '',
    item: t.item_title,
    title: t.title,
    measures: t.measures,
    leadLeader: t.lead_leader,
    leadUnit: unitName(t.lead_unit_full_name, t.lead_unit_short_name),
    coUnits: (co.get(t.id) ?? []).map((u) => u.name).join('、') || null,
    milestones: formatMilestones(ms.get(t.id) ?? []) || null,
    dueOn: t.due_on,
    outcomeForm: t.outcome_form,
    targets: formatTargets(tg.get(t.id) ?? []) || null,
    progress: t.progress_note,
    problems: t.problems_note,
    nextSteps: t.next_steps_note,
    status: effectiveStatus(t.status, t.due_on, ms.get(t.id) ?? [], t0),
    code: t.code,
  }));
}

export const ledger: LedgerImporter<ReformLedgerRow> = {
  map: REFORM_LEDGER_MAP,
  importPermission: 'reform:manage',
  exportPermission: 'reform:read',
  upsert: upsertReformRows,
};
