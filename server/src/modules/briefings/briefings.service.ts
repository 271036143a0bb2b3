import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  Briefing,
  BriefingContent,
  BriefingCreate,
  BriefingDetail,
  BriefingUpdate,
} from '../../../../contracts/schemas/results';
import { can, regionPrefix, scopesFor, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { blobPath } from '../../core/attachments/attachments';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Page } from '../../core/listing';
import type { Db } from '../../db/database';
import { aggregate, inRegion, type Contribution } from '../indicators/indicators.aggregate';
import {
  asOfDate,
  isoWeekRange,
  parsePeriod,
  precedingPeriod,
  type Period,
} from '../indicators/indicators.periods';
import { INDICATORS, indicatorDef, type IndicatorDef } from '../indicators/indicators.registry';
import {
  changeOf,
  evaluateFigure,
  figure,
  homeRegion,
  regionNames,
  type Figure,
} from '../indicators/indicators.service';
import { stageLabel } from '../projects/projects.milestones';
import { rankingSubjects } from '../rankings/rankings.service';
import type { BriefingRow, BriefingTable } from '../results/results.table';
import { composeDispatch, composeMonthly, type FigureInput, type OverdueItem } from './briefings.compose';
import { renderDocx } from './briefings.docx';
import { dateZh } from './briefings.numbers';
import { renderXlsx } from './briefings.xlsx';
import * as repo from './briefings.repository';

/**
 * Briefings (通报): a monthly 通报 and the weekly 调度通报, generated from the ledgers into a content snapshot (every
 * figure with its records), rendered as .docx (公文 layout) and .xlsx. A draft can be refreshed and edited; issuing
 * freezes it: the content and the stored .docx (content-addressed under DATA_DIR, sha256 kept) never change again.
 */
type Deps = { db: Db; config: { dataDir: string } };

export const DEFAULT_ADDRESSEE = '各县（市、区）人民政府，各开发园区管委会，市各有关部门：';

const presentBriefing = (actor: Actor, b: BriefingRow): Briefing => ({
  id: b.id,
  kind: b.kind,
  period: b.period,
  regionCode: b.region_code,
  title: b.title,
  docNo: b.doc_no,
  redHeader: b.red_header === 1,
  issuerName: b.issuer_name,
  status: b.status,
  createdBy: b.created_by,
  createdByName: b.created_by_name,
  createdAt: b.created_at,
  updatedAt: b.updated_at,
  issuedBy: b.issued_by,
  issuedByName: b.issued_by_name,
  issuedAt: b.issued_at,
  docxSha256: b.docx_sha256,
  version: b.version,
  abilities: {
    update: b.status === 'draft' && can(actor, 'briefing:issue'),
    issue: b.status === 'draft' && can(actor, 'briefing:issue'),
    delete: b.status === 'draft' && can(actor, 'briefing:issue'),
    download: true,
  },
});

/**
 * Who reads a briefing: briefing:read, and — unless the reader's briefing scope is 'all' — only briefings about
 * their own region, a region within it, or a region above it (a city-wide 通报 is addressed to every district).
 * Drafts are seen only by those who may issue.
 */
function readable(actor: Actor, b: BriefingRow): boolean {
  if (b.status === 'draft' && !can(actor, 'briefing:issue')) return false;
  if (scopesFor(actor, 'briefing').has('all')) return true;
  if (!actor.regionCode) return false;
  return (
    b.region_code.startsWith(regionPrefix(actor.regionCode)) ||
    actor.regionCode.startsWith(regionPrefix(b.region_code))
  );
}

async function readableBriefing(deps: Deps, actor: Actor, id: string): Promise<BriefingRow> {
  requirePermission(actor, 'briefing:read');
  const b = await repo.findBriefing(deps.db, id);
  if (!b || !readable(actor, b)) throw notFound();
  return b;
}

// ── gathering the figures ───────────────────────────────────────────────────────────────────────

const recordsOf = (list: Contribution[]) => list.map((c) => ({ id: c.id, name: c.name }));

function figureInput(f: Figure, regionCode: string, regionName: string): FigureInput {
  const e = evaluateFigure(f);
  return {
    code: f.def.code,
    name: f.def.label.zh,
    kind: f.def.kind,
    unit: f.def.unit.zh,
    period: f.period.key,
    periodLabel: f.period.label.zh,
    regionCode,
    regionName,
    value: e.value,
    previous: e.previous,
    yoy: e.yoy,
    change: e.change,
    benchmark: e.benchmark,
    records: recordsOf(f.current),
  };
}

function overdueItems(rows: Awaited<ReturnType<typeof repo.overdueAsOf>>, asOf: string): OverdueItem[] {
  const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  return rows
    .filter((r) => {
      const doneAt = r.status === 'resolved' || r.status === 'closed' ? (r.resolved_at ?? r.closed_at) : null;
      return !(doneAt && cst(doneAt) <= asOf);
    })
    .map((r) => ({
      id: r.id,
      title: r.title,
      unitName: r.unit_name,
      dueOn: r.due_on!,
      days: Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${r.due_on}T00:00:00Z`)) / 86_400_000),
    }));
}

type Meta = { regionCode: string; regionName: string; issuerName: string; addressee: string; today: string };

async function monthlyContent(
  deps: Deps,
  actor: Actor,
  periodKey: string,
  m: Meta,
): Promise<BriefingContent> {
  const month = parsePeriod(periodKey);
  if (!month || month.kind !== 'month')
    throw ruleViolation('月度通报的统计期应为月份（YYYY-MM）', 'a monthly briefing names a month (YYYY-MM)', {
      field: 'period',
    });
  if (month.start > m.today)
    throw ruleViolation(`${month.label.zh}尚未开始`, `${month.label.en} has not started`, {
      field: 'period',
    });
  const ytd = parsePeriod(`${month.year}-01..${periodKey.slice(5, 7)}`)!;
  const prefix = regionPrefix(m.regionCode);
  const asOf = asOfDate(month, m.today);
  const ytdFigures: Record<string, FigureInput> = {};
  const monthFigures: Record<string, FigureInput> = {};
  const ytdRecords: Record<string, Contribution[]> = {};
  const locked = new Set<string>();
  for (const def of INDICATORS) {
    if (!def.periods.includes('cumulative')) continue;
    const f = await figure(deps.db, actor, def, ytd, prefix, m.today);
    if (f.locked) locked.add(ytd.key);
    ytdFigures[def.code] = figureInput(f, m.regionCode, m.regionName);
    ytdRecords[def.code] = f.current;
    if (def.code === 'signed_major_count' || def.code === 'signed_major_investment') {
      const mf = await figure(deps.db, actor, def, month, prefix, m.today);
      if (mf.locked) locked.add(month.key);
      monthFigures[def.code] = figureInput(mf, m.regionCode, m.regionName);
    }
  }
  const subjects = (await rankingSubjects(deps.db, 'region')).filter(
    (s) => s.key !== m.regionCode && s.key.startsWith(prefix),
  );
  const regionRows = subjects.map((s) => {
    const cells: Record<string, { value: number | null; kind: IndicatorDef['kind']; records: string[] }> = {};
    for (const [code, list] of Object.entries(ytdRecords)) {
      const def = indicatorDef(code)!;
      const mine = inRegion(list, regionPrefix(s.key));
      cells[code] = { value: aggregate(def.kind, mine), kind: def.kind, records: mine.map((c) => c.id) };
    }
    return { regionCode: s.key, name: s.name, cells };
  });
  const f = { actor, prefix };
  const lights = (await repo.lightsAsOf(deps.db, f, asOf))
    .filter((l) => l.color === 'red' || l.color === 'yellow')
    .map((l) => ({
      id: l.id,
      name: l.name,
      regionName: l.region_name,
      unitName: l.unit_name,
      color: l.color!,
      since: l.since,
      reason: l.reason,
      stage: stageLabel(l.stage).zh,
    }));
  const overdue = overdueItems(await repo.overdueAsOf(deps.db, f, asOf), asOf);
  const against = precedingPeriod(ytd);
  const changes = [];
  for (const def of INDICATORS)
    if (def.periods.includes('cumulative'))
      changes.push(await changeOf(deps.db, actor, def, ytd, against, prefix));
  return composeMonthly({
    meta: {
      regionCode: m.regionCode,
      regionName: m.regionName,
      asOf,
      generatedAt: nowIso(),
      addressee: m.addressee,
      issuerName: m.issuerName,
      dateText: dateZh(m.today),
      lockedPeriods: [...locked],
    },
    month: { key: month.key, label: month.label.zh },
    ytd: { key: ytd.key, label: ytd.label.zh },
    ytdFigures,
    monthFigures,
    regionRows,
    lights,
    overdue,
    changes,
    changesAgainst: against?.key ?? null,
  });
}

async function dispatchContent(
  deps: Deps,
  actor: Actor,
  periodKey: string,
  m: Meta,
): Promise<BriefingContent> {
  const week = isoWeekRange(periodKey);
  if (!week)
    throw ruleViolation(
      '调度通报的统计期应为 ISO 周（YYYY-Www）',
      'a dispatch briefing names an ISO week (YYYY-Www)',
      { field: 'period' },
    );
  if (week.start > m.today)
    throw ruleViolation('该周尚未开始', 'that week has not started', { field: 'period' });
  const asOf = week.end < m.today ? week.end : m.today;
  const year = Number(asOf.slice(0, 4));
  const mm = asOf.slice(5, 7);
  const ytd = parsePeriod(`${year}-01..${mm}`)!;
  const prefix = regionPrefix(m.regionCode);
  const label = `${week.year}年第${week.week}周`;
  const weekPeriod: Period = {
    key: periodKey,
    kind: 'month',
    year,
    fromMonth: Number(week.start.slice(5, 7)),
    toMonth: Number(mm),
    start: week.start,
    end: asOf,
    label: { zh: label, en: periodKey },
  };
  const weekly = async (code: string): Promise<FigureInput | null> => {
    const def = indicatorDef(code);
    if (!def) return null;
    const list = await def.collect({ db: deps.db, period: weekPeriod, asOf, prefix, actor });
    return {
      code,
      name: def.label.zh,
      kind: def.kind,
      unit: def.unit.zh,
      period: periodKey,
      periodLabel: label,
      regionCode: m.regionCode,
      regionName: m.regionName,
      value: aggregate(def.kind, list),
      previous: null,
      yoy: null,
      change: null,
      records: recordsOf(list),
    };
  };
  const completionDef = indicatorDef('investment_completion_rate')!;
  const completion = figureInput(
    await figure(deps.db, actor, completionDef, ytd, prefix, m.today),
    m.regionCode,
    m.regionName,
  );
  const f = { actor, prefix };
  const planned = await repo.plannedProjects(deps.db, f, year);
  const ids = planned.map((p) => p.id);
  const reports = await repo.latestReports(deps.db, ids, year, asOf.slice(0, 7));
  const latest = new Map<string, (typeof reports)[number]>();
  for (const r of reports) latest.set(r.project_id, r);
  const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
  const problems = (await repo.openProblemsOf(deps.db, actor, ids)).filter((p) => {
    if (cst(p.raised_at) > asOf) return false;
    const doneAt = p.status === 'resolved' || p.status === 'closed' ? (p.resolved_at ?? p.closed_at) : null;
    return !(doneAt && cst(doneAt) <= asOf);
  });
  const lights = new Map((await repo.lightsAsOf(deps.db, f, asOf)).map((l) => [l.id, l.color]));
  const projects = planned.map((p) => {
    const r = latest.get(p.id);
    const pct = r?.physical_progress_pct;
    return {
      id: p.id,
      name: p.name,
      regionName: null,
      unitName: p.unit_name,
      planYuan: p.plan_investment,
      ytdYuan: r?.ytd_investment ?? 0,
      physical:
        pct !== null && pct !== undefined ? `${Math.round(pct)}%` : (r?.physical_progress_text ?? null),
      stage: stageLabel(p.stage).zh,
      problems: problems
        .filter((x) => x.entity_id === p.id)
        .map((x) => ({ id: x.id, title: x.title, dueOn: x.due_on })),
      nextSteps: p.next_steps,
      color: lights.get(p.id) ?? null,
    };
  });
  const overdue = overdueItems(await repo.overdueAsOf(deps.db, f, asOf), asOf);
  return composeDispatch({
    meta: {
      regionCode: m.regionCode,
      regionName: m.regionName,
      asOf,
      generatedAt: nowIso(),
      addressee: m.addressee,
      issuerName: m.issuerName,
      dateText: dateZh(m.today),
      lockedPeriods: [],
    },
    week: { key: periodKey, label, start: week.start, end: week.end },
    ytd: { key: ytd.key, label: ytd.label.zh },
    weekSigned: await weekly('signed_major_count'),
    weekSignedAmount: await weekly('signed_major_investment'),
    weekStarted: await weekly('projects_started'),
    completion,
    projects,
    overdue,
  });
}

async function buildContent(deps: Deps, actor: Actor, kind: BriefingRow['kind'], period: string, m: Meta) {
  return kind === 'monthly'
    ? monthlyContent(deps, actor, period, m)
    : dispatchContent(deps, actor, period, m);
}

function defaultTitle(kind: BriefingRow['kind'], period: string, regionName: string): string {
  if (kind === 'monthly') {
    const p = parsePeriod(period);
    return `关于${p?.label.zh ?? period}${regionName}重点工作推进情况的通报`;
  }
  const w = isoWeekRange(period);
  return `${regionName}重大项目调度通报（${w ? `${w.year}年第${w.week}周` : period}）`;
}

// ── endpoints ───────────────────────────────────────────────────────────────────────────────────

export async function createBriefing(
  deps: Deps,
  actor: Actor,
  input: BriefingCreate,
  today = todayCst(),
): Promise<BriefingDetail> {
  requirePermission(actor, 'briefing:issue');
  const region = input.region ?? (await homeRegion(deps.db, actor));
  if (!region) throw ruleViolation('请指定地区', 'give a region', { field: 'region' });
  const regionName = (await regionNames(deps.db, [region])).get(region);
  if (!regionName)
    throw ruleViolation(`行政区划代码 ${region} 不存在`, `Region code ${region} does not exist`, {
      field: 'region',
    });
  const issuerName =
    input.issuerName ??
    (await repo.unitName(deps.db, actor.unitId)) ??
    (await repo.rootUnitName(deps.db)) ??
    regionName;
  const addressee = input.addressee ?? DEFAULT_ADDRESSEE;
  const content = await buildContent(deps, actor, input.kind, input.period, {
    regionCode: region,
    regionName,
    issuerName,
    addressee,
    today,
  });
  const at = nowIso();
  const row: BriefingTable = {
    id: newId(),
    kind: input.kind,
    period: input.period,
    region_code: region,
    title: input.title ?? defaultTitle(input.kind, input.period, regionName),
    doc_no: input.docNo ?? null,
    red_header: input.redHeader ? 1 : 0,
    issuer_name: issuerName,
    addressee,
    status: 'draft',
    content: JSON.stringify(content),
    docx_sha256: null,
    docx_size: null,
    created_by: actor.userId,
    created_by_name: actor.displayName,
    created_at: at,
    updated_at: at,
    issued_by: null,
    issued_by_name: null,
    issued_at: null,
    version: 1,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertBriefing(trx, row);
    await recordAudit(trx, actor, {
      entity: 'briefing',
      entityId: row.id,
      action: 'create',
      regionCode: region,
      after: { kind: row.kind, period: row.period, title: row.title, figures: content.figures.length },
    });
  });
  return { ...presentBriefing(actor, row), content };
}

export async function listBriefings(
  deps: Deps,
  actor: Actor,
  q: { page: number; pageSize: number; kind?: string; status?: string; period?: string; q?: string },
): Promise<Page<Briefing>> {
  requirePermission(actor, 'briefing:read');
  let rows = (await repo.listBriefings(deps.db, q)).filter((b) => readable(actor, b));
  if (q.q) rows = rows.filter((b) => b.title.includes(q.q!) || (b.doc_no ?? '').includes(q.q!));
  const start = (q.page - 1) * q.pageSize;
  return {
    data: rows.slice(start, start + q.pageSize).map((b) => presentBriefing(actor, b)),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getBriefing(deps: Deps, actor: Actor, id: string): Promise<BriefingDetail> {
  const b = await readableBriefing(deps, actor, id);
  return { ...presentBriefing(actor, b), content: JSON.parse(b.content) as BriefingContent };
}

const issuedError = () =>
  new AppError(
    'RULE_VIOLATION',
    {
      detail: {
        zh: '通报已签发，不能再修改或删除',
        en: 'the briefing is issued and can no longer be changed or deleted',
      },
    },
    { status: 'issued' },
  );

export async function updateBriefing(
  deps: Deps,
  actor: Actor,
  id: string,
  input: BriefingUpdate,
  today = todayCst(),
): Promise<BriefingDetail> {
  requirePermission(actor, 'briefing:issue');
  const before = await readableBriefing(deps, actor, id);
  if (before.status !== 'draft') throw issuedError();
  if (before.version !== input.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: before.version },
      { current: presentBriefing(actor, before) },
    );
  const issuerName = input.issuerName ?? before.issuer_name;
  const addressee = input.addressee ?? before.addressee;
  let content = JSON.parse(before.content) as BriefingContent;
  if (input.refresh) {
    const regionName =
      (await regionNames(deps.db, [before.region_code])).get(before.region_code) ?? before.region_code;
    content = await buildContent(deps, actor, before.kind, before.period, {
      regionCode: before.region_code,
      regionName,
      issuerName,
      addressee,
      today,
    });
  } else content = { ...content, issuerName, addressee };
  const set: Partial<BriefingTable> = {
    updated_at: nowIso(),
    issuer_name: issuerName,
    addressee,
    content: JSON.stringify(content),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.docNo !== undefined ? { doc_no: input.docNo } : {}),
    ...(input.redHeader !== undefined ? { red_header: input.redHeader ? 1 : 0 } : {}),
  };
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateDraft(trx, id, input.version, set))) {
      const current = await repo.findBriefing(trx, id);
      if (current?.status === 'issued') throw issuedError();
      throw new AppError(
        'VERSION_CONFLICT',
        { version: current?.version },
        { current: current && presentBriefing(actor, current) },
      );
    }
    await recordAudit(trx, actor, {
      entity: 'briefing',
      entityId: id,
      action: 'update',
      regionCode: before.region_code,
      before: { title: before.title, doc_no: before.doc_no, red_header: before.red_header },
      after: {
        title: set.title ?? before.title,
        doc_no: set.doc_no ?? before.doc_no,
        red_header: set.red_header ?? before.red_header,
        refreshed: Boolean(input.refresh),
      },
    });
  });
  return getBriefing(deps, actor, id);
}

export async function deleteBriefing(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'briefing:issue');
  const before = await readableBriefing(deps, actor, id);
  if (before.status !== 'draft') throw issuedError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteDraft(trx, id);
    await recordAudit(trx, actor, {
      entity: 'briefing',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before: { title: before.title, period: before.period },
    });
  });
}

/** Writes a buffer to its content address under DATA_DIR (the attachments store); returns its sha256. */
function storeBuffer(dataDir: string, buf: Buffer): string {
  const sha = createHash('sha256').update(buf).digest('hex');
  const dest = blobPath(dataDir, sha);
  if (!fs.existsSync(dest)) {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, buf, { mode: 0o600 });
    fs.renameSync(tmp, dest);
  }
  return sha;
}

/**
 * Issues a draft: the date is fixed (成文日期 = today), the .docx is rendered once and stored content-addressed,
 * and from then on the record and the file never change (updates answer 422, a stale version 409).
 */
export async function issueBriefing(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { docNo?: string; version: number },
  today = todayCst(),
): Promise<BriefingDetail> {
  requirePermission(actor, 'briefing:issue');
  const before = await readableBriefing(deps, actor, id);
  if (before.status !== 'draft') throw issuedError();
  if (before.version !== input.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: before.version },
      { current: presentBriefing(actor, before) },
    );
  const docNo = input.docNo ?? before.doc_no;
  if (!docNo)
    throw ruleViolation('签发前请填写发文字号', 'a document number (发文字号) is required to issue', {
      field: 'docNo',
    });
  const content = { ...(JSON.parse(before.content) as BriefingContent), dateText: dateZh(today) };
  const docx = await renderDocx(content, {
    title: before.title,
    docNo,
    redHeader: before.red_header === 1,
    issuerName: before.issuer_name,
  });
  const sha = storeBuffer(deps.config.dataDir, docx);
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('briefings')
      .set({
        status: 'issued',
        doc_no: docNo,
        content: JSON.stringify(content),
        docx_sha256: sha,
        docx_size: docx.length,
        issued_by: actor.userId,
        issued_by_name: actor.displayName,
        issued_at: at,
        updated_at: at,
        version: input.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      const current = await repo.findBriefing(trx, id);
      if (current?.status === 'issued') throw issuedError();
      throw new AppError('VERSION_CONFLICT', { version: current?.version });
    }
    await recordAudit(trx, actor, {
      entity: 'briefing',
      entityId: id,
      action: 'issue',
      regionCode: before.region_code,
      payload: {
        docNo,
        sha256: sha,
        size: docx.length,
        figures: content.figures.map((f) => [f.ref, f.code, f.text]),
      },
    });
  });
  return getBriefing(deps, actor, id);
}

export async function briefingDocx(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ buffer: Buffer; fileName: string }> {
  const b = await readableBriefing(deps, actor, id);
  const fileName = `${b.title}${b.status === 'draft' ? '（草稿）' : ''}.docx`;
  if (b.status === 'issued' && b.docx_sha256) {
    const file = blobPath(deps.config.dataDir, b.docx_sha256);
    if (!fs.existsSync(file))
      throw new AppError('INTERNAL', { requestId: `briefing ${id}: stored document missing` });
    const buffer = fs.readFileSync(file);
    if (createHash('sha256').update(buffer).digest('hex') !== b.docx_sha256)
      throw new AppError('INTERNAL', {
        requestId: `briefing ${id}: stored document does not match its sha256`,
      });
    return { buffer, fileName };
  }
  const content = JSON.parse(b.content) as BriefingContent;
  return {
    buffer: await renderDocx(content, {
      title: b.title,
      docNo: b.doc_no,
      redHeader: b.red_header === 1,
      issuerName: b.issuer_name,
    }),
    fileName,
  };
}

export async function briefingXlsx(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ buffer: Buffer; fileName: string }> {
  const b = await readableBriefing(deps, actor, id);
  const content = JSON.parse(b.content) as BriefingContent;
  return {
    buffer: await renderXlsx(content, { title: b.title, docNo: b.doc_no }),
    fileName: `${b.title}${b.status === 'draft' ? '（草稿）' : ''}.xlsx`,
  };
}
