import type { z } from 'zod';
import type {
  Bulletin,
  BulletinRow,
  Meeting,
  MeetingCreate,
  MeetingDecisionCreate,
  MeetingItem,
  MeetingItemAdd,
  MeetingListQuery,
  MeetingSummary,
  MeetingUpdate,
  ProjectSnapshot,
} from '../../../../contracts/schemas/meetings';
import { BULLETIN_GROUPS } from '../../../../contracts/schemas/meetings';
import {
  PROBLEM_STATUS_LABELS,
  type Problem,
  type ProblemStatus,
} from '../../../../contracts/schemas/problems';
import { can, regionPrefix, scopesFor, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { daysBetween } from '../lights/lights.engine';
import { groupBy } from '../lights/lights.facts';
import { formatDateZh } from '../lights/lights.format';
import { evaluateProjectsAsOf } from '../lights/lights.service';
import { registerProblemParent } from '../problems/problems.parents';
import {
  createProblemTx,
  findProblemsFor,
  findProblemsUnscoped,
  getProblem,
} from '../problems/problems.service';
import { MILESTONES } from '../projects/projects.milestones';
import { bulletinDocx, bulletinGroup, bulletinXlsx } from './meetings.bulletin';
import { meetingAbilities } from './meetings.policy';
import * as repo from './meetings.repository';
import type { MeetingItemTable, MeetingTable } from './meetings.table';

type Deps = { db: Db };

// A decision that is not about one project belongs to the meeting itself (and sits where its owner unit is).
registerProblemParent('meeting', {
  label: { zh: '调度会', en: 'Dispatch meeting' },
  visible: (actor) => repo.meetingVisibleSql(actor),
  find: async (db, actor, id) => {
    const m = await repo.findMeetingScoped(db, actor, id);
    return m ? { regionCode: m.region_code, name: m.title } : null;
  },
  names: (db, ids) => repo.meetingTitles(db, ids),
  regionFollowsOwner: true,
});

const stageLabel = (stage: number) => MILESTONES.find((m) => m.stage === stage)?.zh ?? '—';
const round1 = (n: number) => Math.round(n * 10) / 10;
const cstDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

// ------------------------------------------------------------------------------------- snapshots

/**
 * The figures of projects as of a date: the year's plan, the latest monthly report of that year up to the
 * month, physical progress, and what the light rules say. `evaluated`: take the light from the rules as of
 * the date (a meeting dated in the past) instead of the stored light.
 */
async function projectSnapshots(
  db: Executor,
  ids: string[],
  asOf: string,
  evaluated: boolean,
): Promise<
  Map<string, z.infer<typeof ProjectSnapshot> & { regionName: string | null; nextSteps: string | null }>
> {
  const out = new Map<
    string,
    z.infer<typeof ProjectSnapshot> & { regionName: string | null; nextSteps: string | null }
  >();
  if (!ids.length) return out;
  const [projects, evals] = await Promise.all([
    repo.projectsByIds(db, ids),
    evaluateProjectsAsOf(db, ids, asOf),
  ]);
  const year = Number(asOf.slice(0, 4));
  const monthly = await repo.monthlyBetween(db, ids, `${year - 1}-01`, asOf.slice(0, 7));
  const plans = await repo.plansFor(db, ids, [year - 1, year]);
  const plan = new Map(plans.map((p) => [`${p.project_id}:${p.year}`, Number(p.plan_investment)]));
  const byProject = groupBy(monthly);
  for (const p of projects) {
    const ev = evals.get(p.id);
    // the figures of the month the lights were evaluated on; without an evaluation, the latest complete month
    const mine = byProject.get(p.id) ?? [];
    const figureMonth = ev?.asOfMonth ?? mine.filter((m) => m.month < asOf.slice(0, 7)).at(-1)?.month ?? null;
    const planYear = figureMonth ? Number(figureMonth.slice(0, 4)) : year;
    const pl = plan.get(`${p.id}:${planYear}`) ?? null;
    const m = figureMonth
      ? mine.filter((x) => x.month.startsWith(`${planYear}-`) && x.month <= figureMonth).at(-1)
      : undefined;
    const ytd = m ? Number(m.ytd_investment) : pl !== null ? 0 : null;
    out.set(p.id, {
      name: p.name,
      regionCode: p.region_code,
      regionName: p.region_name ?? null,
      nextSteps: p.next_steps,
      light: evaluated
        ? (ev?.color ?? null)
        : p.light === 'green' || p.light === 'yellow' || p.light === 'red'
          ? p.light
          : null,
      lightSince: evaluated ? null : p.light_since,
      stage: p.stage,
      stageLabel: stageLabel(p.stage),
      planYear: pl !== null ? planYear : null,
      planInvestment: pl,
      month: m?.month ?? null,
      ytdInvestment: ytd,
      completionPct: pl && ytd !== null ? round1((ytd / pl) * 100) : null,
      physicalProgressPct: m?.physical_progress_pct ?? null,
      physicalProgressText: m?.physical_progress_text ?? null,
      fired: (ev?.fired ?? []).map((f) => ({ ruleId: f.ruleId, color: f.color, message: f.message })),
    });
  }
  return out;
}

const problemSnapshot = (p: Problem) => ({
  title: p.title,
  status: p.status,
  escalationLevel: p.escalationLevel,
  dueOn: p.dueOn,
  overdue: p.overdue,
  ownerUnitName: p.ownerUnitName,
  entity: p.entity,
  entityId: p.entityId,
  entityName: p.entityName,
});

// ------------------------------------------------------------------------------------ presenting

function presentItem(i: MeetingItemTable): MeetingItem {
  return {
    id: i.id,
    type: i.item_type,
    refId: i.ref_id,
    sort: i.sort,
    source: i.source,
    reason: i.reason,
    note: i.note,
    snapshot: JSON.parse(i.snapshot) as MeetingItem['snapshot'],
    addedAt: i.added_at,
  };
}

function presentBase(actor: Actor, m: repo.MeetingWithOrganizer) {
  return {
    id: m.id,
    kind: m.kind,
    title: m.title,
    heldOn: m.held_on,
    chair: m.chair,
    attendees: m.attendees,
    regionCode: m.region_code,
    organizerUnitId: m.organizer_unit_id,
    status: m.status,
    minutes: m.minutes,
    docNo: m.doc_no,
    createdBy: m.created_by,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    heldAt: m.held_at,
    publishedBy: m.published_by,
    publishedAt: m.published_at,
    version: m.version,
    abilities: meetingAbilities(actor, m),
  };
}

async function loadPresented(db: Executor, actor: Actor, id: string): Promise<Meeting> {
  const m = await repo.findMeetingScoped(db, actor, id);
  if (!m) throw notFound();
  const items = (await repo.itemsOf(db, id)).map(presentItem);
  const decisions = can(actor, 'problem:read')
    ? await findProblemsFor(db, actor, { raisedInMeetingId: id })
    : [];
  decisions.sort((a, b) =>
    a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : 1,
  );
  return { ...presentBase(actor, m), items, decisions };
}

// ------------------------------------------------------------------------------------------- read

const SORTS = { heldOn: 'held_on', createdAt: 'created_at', title: 'title' } as const;

export async function listMeetings(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof MeetingListQuery>,
): Promise<Page<z.infer<typeof MeetingSummary>>> {
  requirePermission(actor, 'meeting:read');
  const sort = parseSort(q.sort, SORTS, { column: 'held_on', desc: true });
  const { rows, total } = await repo.listMeetings(
    deps.db,
    actor,
    {
      kind: q.kind,
      status: q.status,
      regionPrefix: q.regionCode ? regionPrefix(q.regionCode) : undefined,
      heldFrom: q.heldFrom,
      heldTo: q.heldTo,
      q: q.q,
    },
    { limit: q.pageSize, offset: offsetOf(q.page, q.pageSize), sort },
  );
  const ids = rows.map((r) => r.id);
  const [items, decisions] = await Promise.all([
    repo.countItems(deps.db, ids),
    repo.countDecisions(deps.db, ids),
  ]);
  return {
    data: rows.map((m) => ({
      ...presentBase(actor, m),
      itemCount: items.get(m.id) ?? 0,
      decisionCount: decisions.get(m.id) ?? 0,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getMeeting(deps: Deps, actor: Actor, id: string): Promise<Meeting> {
  requirePermission(actor, 'meeting:read');
  return loadPresented(deps.db, actor, id);
}

// ------------------------------------------------------------------------------------------ write

/** The actor may hold a meeting for this region: city-wide scope, their own district, or their own unit's region. */
function checkRegionReach(actor: Actor, region: string) {
  const scopes = scopesFor(actor, 'meeting');
  if (scopes.has('all')) return;
  if (scopes.has('district') && actor.regionCode && region.startsWith(regionPrefix(actor.regionCode))) return;
  if ((scopes.has('unit') || scopes.has('unit_tree')) && region === actor.regionCode) return;
  throw new AppError('FORBIDDEN', {}, { field: 'regionCode' });
}

function requireStatus(m: { status: string }, allowed: string[], zh: string, en: string) {
  if (!allowed.includes(m.status)) throw ruleViolation(zh, en, { status: m.status });
}

/**
 * The agenda: red then yellow projects, then problems escalated beyond the owner unit (level ≥ 2) or overdue —
 * all within the meeting's region and the organiser's scope, each with its figures at this moment. `asOf`
 * (a meeting recorded after the fact) evaluates the lights as of that date instead of taking the stored ones.
 */
async function buildAgenda(
  trx: Executor,
  actor: Actor,
  meeting: MeetingTable,
  asOf: string | null,
  at: string,
): Promise<number> {
  const prefix = regionPrefix(meeting.region_code);
  const day = asOf ?? todayCst();
  let projectIds: string[];
  let evaluated = false;
  if (asOf) {
    const ids = (await repo.projectIdsInRegion(trx, actor, prefix)).map((r) => r.id);
    const evals = await evaluateProjectsAsOf(trx, ids, asOf);
    projectIds = ids.filter((id) => ['red', 'yellow'].includes(evals.get(id)?.color ?? ''));
    evaluated = true;
  } else {
    projectIds = (await repo.warningProjects(trx, actor, prefix)).map((p) => p.id);
  }
  const snaps = await projectSnapshots(trx, projectIds, day, evaluated);
  const ordered = [...snaps.entries()].sort(([, a], [, b]) =>
    a.light !== b.light
      ? a.light === 'red'
        ? -1
        : 1
      : a.regionCode !== b.regionCode
        ? a.regionCode.localeCompare(b.regionCode)
        : a.name.localeCompare(b.name, 'zh'),
  );
  const problems = new Map<string, Problem>();
  if (can(actor, 'problem:read')) {
    const when = asOf ? { raisedBefore: `${asOf}T23:59:59.999Z` } : {};
    const opts = { today: day };
    for (const p of await findProblemsFor(
      trx,
      actor,
      { open: true, escalationLevelMin: 2, regionPrefix: prefix, ...when },
      opts,
    ))
      problems.set(p.id, p);
    for (const p of await findProblemsFor(trx, actor, { overdue: true, regionPrefix: prefix, ...when }, opts))
      problems.set(p.id, p);
  }
  const problemList = [...problems.values()]
    .filter((p) => p.status !== 'closed' && p.status !== 'resolved')
    .sort(
      (a, b) =>
        b.escalationLevel - a.escalationLevel ||
        b.daysOverdue - a.daysOverdue ||
        a.title.localeCompare(b.title, 'zh'),
    );
  let sort = 0;
  const rows: MeetingItemTable[] = [];
  for (const [id, s] of ordered) {
    const { regionName: _r, nextSteps: _n, ...snapshot } = s;
    rows.push({
      id: newId(),
      meeting_id: meeting.id,
      item_type: 'project',
      ref_id: id,
      sort: (sort += 10),
      source: 'auto',
      reason: s.light ?? 'manual',
      note: null,
      snapshot: JSON.stringify(snapshot),
      added_by: actor.userId,
      added_at: at,
    });
  }
  for (const p of problemList)
    rows.push({
      id: newId(),
      meeting_id: meeting.id,
      item_type: 'problem',
      ref_id: p.id,
      sort: (sort += 10),
      source: 'auto',
      reason: p.escalationLevel >= 2 ? 'escalated' : 'overdue',
      note: null,
      snapshot: JSON.stringify(problemSnapshot(p)),
      added_by: actor.userId,
      added_at: at,
    });
  await repo.insertItems(trx, rows);
  return rows.length;
}

export type MeetingOptions = {
  /** Timestamp of the creation (demo history); defaults to now. */
  at?: string;
  /** Build the agenda from the lights as of this date rather than the stored ones (a meeting recorded afterwards). */
  asOf?: string;
};

export async function createMeeting(
  deps: Deps,
  actor: Actor,
  input: MeetingCreate,
  opts: MeetingOptions = {},
): Promise<Meeting> {
  requirePermission(actor, 'meeting:manage');
  const region = input.regionCode ?? actor.regionCode;
  if (!region)
    throw ruleViolation('请指定调度会所属行政区划', 'Give the region the meeting is held for', {
      field: 'regionCode',
    });
  checkRegionReach(actor, region);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.regionName(trx, region)))
      throw ruleViolation(`行政区划代码 ${region} 不存在`, `Region code ${region} does not exist`, {
        field: 'regionCode',
      });
    const at = opts.at ?? nowIso();
    const row: MeetingTable = {
      id: newId(),
      kind: input.kind,
      title: input.title,
      held_on: input.heldOn,
      chair: input.chair ?? null,
      attendees: input.attendees ?? null,
      region_code: region,
      organizer_unit_id: actor.unitId,
      status: 'draft',
      minutes: null,
      doc_no: input.docNo ?? null,
      bulletin: null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      held_at: null,
      published_by: null,
      published_at: null,
      version: 1,
    };
    await repo.insertMeeting(trx, row);
    const items = input.autoAgenda ? await buildAgenda(trx, actor, row, opts.asOf ?? null, at) : 0;
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: row.id,
      action: 'create',
      regionCode: region,
      after: row,
      payload: { agendaItems: items },
    });
    return loadPresented(trx, actor, row.id);
  });
}

async function loadForWrite(trx: Executor, actor: Actor, id: string) {
  requirePermission(actor, 'meeting:manage');
  const m = await repo.findMeetingScoped(trx, actor, id);
  if (!m) throw notFound();
  return m;
}

export async function updateMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  input: MeetingUpdate,
): Promise<Meeting> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadForWrite(trx, actor, id);
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: await loadPresented(trx, actor, id) },
      );
    requireStatus(
      before,
      ['draft', 'held'],
      '已印发通报的调度会不能修改',
      'A meeting whose bulletin has been published cannot be edited',
    );
    const set: Partial<MeetingTable> = { updated_at: nowIso() };
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.title !== undefined) set.title = input.title;
    if (input.heldOn !== undefined) set.held_on = input.heldOn;
    if (input.chair !== undefined) set.chair = input.chair;
    if (input.attendees !== undefined) set.attendees = input.attendees;
    if (input.docNo !== undefined) set.doc_no = input.docNo;
    if (input.minutes !== undefined) set.minutes = input.minutes;
    if (!(await repo.updateMeeting(trx, id, input.version, set)))
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version + 1 },
        { current: await loadPresented(trx, actor, id) },
      );
    const after = (await repo.findMeeting(trx, id))!;
    const { organizer_name: _a, bulletin: _b, ...b } = before;
    const { organizer_name: _c, bulletin: _d, ...a } = after;
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before: b,
      after: a,
    });
    return loadPresented(trx, actor, id);
  });
}

export async function addItem(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof MeetingItemAdd>,
  opts: MeetingOptions = {},
): Promise<Meeting> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, actor, id);
    requireStatus(
      m,
      ['draft'],
      '调度会召开后议程不能再调整',
      'The agenda is fixed once the meeting has been held',
    );
    if (await repo.findItem(trx, id, input.type, input.refId))
      throw new AppError('DUPLICATE', { detail: { zh: '议程事项', en: 'agenda item' } });
    const at = opts.at ?? nowIso();
    let snapshot: unknown;
    if (input.type === 'project') {
      const p = await repo.findProjectScoped(trx, actor, input.refId);
      if (!p)
        throw ruleViolation('项目不存在或无权访问', 'The project does not exist or is out of reach', {
          field: 'refId',
        });
      const {
        regionName: _r,
        nextSteps: _n,
        ...s
      } = (await projectSnapshots(trx, [p.id], opts.asOf ?? todayCst(), !!opts.asOf)).get(p.id)!;
      snapshot = s;
    } else {
      requirePermission(actor, 'problem:read');
      const p = await getProblem({ db: trx }, actor, input.refId).catch(() => null);
      if (!p)
        throw ruleViolation('问题不存在或无权访问', 'The problem does not exist or is out of reach', {
          field: 'refId',
        });
      snapshot = problemSnapshot(p);
    }
    await repo.insertItems(trx, [
      {
        id: newId(),
        meeting_id: id,
        item_type: input.type,
        ref_id: input.refId,
        sort: (await repo.maxSort(trx, id)) + 10,
        source: 'manual',
        reason: 'manual',
        note: input.note ?? null,
        snapshot: JSON.stringify(snapshot),
        added_by: actor.userId,
        added_at: at,
      },
    ]);
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      payload: { addItem: input },
    });
    return loadPresented(trx, actor, id);
  });
}

export async function removeItem(deps: Deps, actor: Actor, id: string, itemId: string): Promise<Meeting> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, actor, id);
    requireStatus(
      m,
      ['draft'],
      '调度会召开后议程不能再调整',
      'The agenda is fixed once the meeting has been held',
    );
    if (!(await repo.deleteItem(trx, id, itemId))) throw notFound();
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      payload: { removeItem: itemId },
    });
    return loadPresented(trx, actor, id);
  });
}

export async function holdMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
  opts: MeetingOptions = {},
): Promise<Meeting> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, actor, id);
    if (m.version !== version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: m.version },
        { current: await loadPresented(trx, actor, id) },
      );
    requireStatus(m, ['draft'], '调度会已召开', 'The meeting has already been held');
    const at = opts.at ?? nowIso();
    if (m.held_on > cstDate(at))
      throw ruleViolation(
        `调度会定于${formatDateZh(m.held_on)}召开`,
        `The meeting is scheduled for ${m.held_on}`,
        { field: 'heldOn' },
      );
    await repo.updateMeeting(trx, id, version, { status: 'held', held_at: at, updated_at: at });
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      before: { status: 'draft' },
      after: { status: 'held' },
    });
    return loadPresented(trx, actor, id);
  });
}

/** 议定事项: becomes a problem (owner unit, deadline, raised in this meeting) in the same transaction. */
export async function addDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  input: MeetingDecisionCreate,
  opts: MeetingOptions = {},
): Promise<Problem> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, actor, id);
    requireStatus(
      m,
      ['draft', 'held'],
      '通报已印发，不能再增加议定事项',
      'The bulletin has been published: no more decisions',
    );
    const problemId = await createProblemTx(
      trx,
      actor,
      {
        entity: input.projectId ? 'project' : 'meeting',
        entityId: input.projectId ?? id,
        category: input.category ?? 'other',
        title: input.title,
        description: input.description ?? null,
        ownerUnitId: input.ownerUnitId,
        dueOn: input.dueOn,
        coUnitIds: input.coUnitIds,
        leadLeader: input.leadLeader ?? m.chair,
        escalationLevel: undefined,
      },
      { raisedInMeetingId: id, at: opts.at },
    );
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      payload: { decision: problemId },
    });
    const decided = await findProblemsFor(trx, actor, { raisedInMeetingId: id });
    const p = decided.find((x) => x.id === problemId);
    if (!p) throw notFound();
    return p;
  });
}

// ---------------------------------------------------------------------------------------- bulletin

async function buildBulletin(db: Executor, m: repo.MeetingWithOrganizer): Promise<Bulletin> {
  const items = await repo.itemsOf(db, m.id);
  const agendaProblemIds = items.filter((i) => i.item_type === 'problem').map((i) => i.ref_id);
  // the bulletin describes the state on the meeting's day (overdue days counted to it)
  const today = m.held_on < todayCst() ? m.held_on : todayCst();
  const agendaProblems = agendaProblemIds.length
    ? await findProblemsUnscoped(db, { ids: agendaProblemIds }, { today })
    : [];
  const decisions = await findProblemsUnscoped(db, { raisedInMeetingId: m.id }, { today });
  const order: string[] = [];
  const add = (id: string) => !order.includes(id) && order.push(id);
  for (const i of items) if (i.item_type === 'project') add(i.ref_id);
  for (const p of agendaProblems) if (p.entity === 'project') add(p.entity_id);
  for (const d of decisions) if (d.entity === 'project') add(d.entity_id);

  const snaps = await projectSnapshots(db, order, m.held_on, m.held_on < todayCst());
  const agendaLight = new Map<string, string | null>();
  for (const i of items)
    if (i.item_type === 'project')
      agendaLight.set(i.ref_id, (JSON.parse(i.snapshot) as { light: string | null }).light);
  const open = order.length
    ? await findProblemsUnscoped(db, { entity: 'project', entityIds: order, open: true }, { today })
    : [];
  const rows: BulletinRow[] = [];
  for (const id of order) {
    const s = snaps.get(id);
    if (!s) continue;
    const light = agendaLight.has(id) ? (agendaLight.get(id) ?? null) : s.light;
    const mine = open.filter((p) => p.entity_id === id && p.raised_in_meeting_id !== m.id);
    const myDecisions = decisions.filter((d) => d.entity === 'project' && d.entity_id === id);
    const needsCoordination =
      myDecisions.length > 0 ||
      agendaProblems.some((p) => p.entity === 'project' && p.entity_id === id) ||
      mine.some((p) => p.escalation_level >= 2);
    const problems = mine.map((p) => {
      const overdue =
        (p.status === 'assigned' || p.status === 'in_progress') && p.due_on && p.due_on < today
          ? `，超期${daysBetween(p.due_on, today)}天`
          : '';
      return `${p.title}（${p.owner_unit_name ?? '待交办'}，${PROBLEM_STATUS_LABELS[p.status as ProblemStatus].zh}${overdue}）`;
    });
    const nextSteps = [
      ...(s.nextSteps ? [s.nextSteps] : []),
      ...myDecisions.map(
        (d) =>
          `${d.title}（${d.owner_unit_name ?? '待定'}，${d.due_on ? `${formatDateZh(d.due_on)}前` : '时限待定'}）`,
      ),
    ];
    rows.push({
      projectId: id,
      name: s.name,
      regionCode: s.regionCode,
      regionName: s.regionName,
      light: light === 'red' || light === 'yellow' || light === 'green' ? light : null,
      planInvestment: s.planInvestment,
      ytdInvestment: s.ytdInvestment,
      month: s.month,
      completionPct: s.completionPct,
      physicalProgressPct: s.physicalProgressPct,
      physicalProgressText: s.physicalProgressText,
      stageLabel: s.stageLabel,
      problems,
      nextSteps,
      group: bulletinGroup({ light, needsCoordination }),
    });
  }
  const names = new Map(rows.map((r) => [r.projectId, r.name]));
  return {
    meetingId: m.id,
    title: '重大项目建设调度通报',
    meetingTitle: m.title,
    docNo: m.doc_no,
    issuer: m.organizer_name ?? null,
    heldOn: m.held_on,
    chair: m.chair,
    frozen: false,
    groups: BULLETIN_GROUPS.map((key) => ({ key, rows: rows.filter((r) => r.group === key) })),
    decisions: decisions.map((d) => ({
      title: d.title,
      ownerUnitName: d.owner_unit_name ?? null,
      dueOn: d.due_on,
      projectName: d.entity === 'project' ? (names.get(d.entity_id) ?? null) : null,
    })),
    totals: {
      projects: rows.length,
      planInvestment: rows.reduce((s, r) => s + (r.planInvestment ?? 0), 0),
      ytdInvestment: rows.reduce((s, r) => s + (r.ytdInvestment ?? 0), 0),
    },
  };
}

/** Publishes the 调度通报: the bulletin is frozen as issued (later data changes do not rewrite it). */
export async function publishMeeting(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
  opts: MeetingOptions = {},
): Promise<Meeting> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, actor, id);
    if (m.version !== version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: m.version },
        { current: await loadPresented(trx, actor, id) },
      );
    requireStatus(m, ['draft', 'held'], '通报已印发', 'The bulletin has already been published');
    const at = opts.at ?? nowIso();
    if (m.held_on > cstDate(at))
      throw ruleViolation(
        `调度会定于${formatDateZh(m.held_on)}召开，尚未召开`,
        `The meeting is scheduled for ${m.held_on}`,
        { field: 'heldOn' },
      );
    const bulletin = { ...(await buildBulletin(trx, m)), frozen: true };
    await repo.updateMeeting(trx, id, version, {
      status: 'published',
      bulletin: JSON.stringify(bulletin),
      held_at: m.held_at ?? at,
      published_by: actor.userId,
      published_at: at,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'issue',
      regionCode: m.region_code,
      before: { status: m.status },
      after: { status: 'published' },
      payload: { projects: bulletin.totals.projects, decisions: bulletin.decisions.length, docNo: m.doc_no },
    });
    return loadPresented(trx, actor, id);
  });
}

export async function getBulletin(deps: Deps, actor: Actor, id: string): Promise<Bulletin> {
  requirePermission(actor, 'meeting:read');
  const m = await repo.findMeetingScoped(deps.db, actor, id);
  if (!m) throw notFound();
  if (m.bulletin) return JSON.parse(m.bulletin) as Bulletin;
  return buildBulletin(deps.db, m);
}

const fileName = (b: Bulletin, ext: string) =>
  `${b.meetingTitle.replace(/[\\/:*?"<>|]/g, '_')}-调度通报.${ext}`;

export async function bulletinFile(
  deps: Deps,
  actor: Actor,
  id: string,
  format: 'docx' | 'xlsx',
): Promise<{ body: Buffer; fileName: string }> {
  const b = await getBulletin(deps, actor, id);
  const body = format === 'docx' ? await bulletinDocx(b) : await bulletinXlsx(b);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      entity: 'meeting',
      entityId: id,
      action: 'export',
      payload: { format, frozen: b.frozen },
    }),
  );
  return { body, fileName: fileName(b, format) };
}
