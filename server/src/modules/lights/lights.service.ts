import type {
  LightColor,
  LightEvaluation,
  LightHistoryReason,
  LightOverride,
  LightOverrideCreate,
  LightRuleSet,
  LightRuleSetActivate,
  LightRuleSetCreate,
  LightRuleSetUpdate,
  LightSummary,
  ProjectLights,
  RuleSetParams,
} from '../../../../contracts/schemas/lights';
import { regionPrefix, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db, Executor } from '../../db/database';
import { addDays, evaluateLights, firedKey } from './lights.engine';
import { factsOf, groupBy } from './lights.facts';
import { mayDecideOverride, projectLightAbilities } from './lights.policy';
import { parseParams, presentHistory, presentOverride, presentRuleSet } from './lights.presenter';
import * as repo from './lights.repository';
import type { LightOverrideRow, LightRuleSetRow, LightRuleSetTable } from './lights.table';

type Deps = { db: Db };

/** The rule set the engine runs with: the active one, parsed (defaults applied). */
type ActiveRuleSet = {
  id: string;
  version: number;
  name: string;
  issuer: string | null;
  docNo: string | null;
  params: RuleSetParams;
};

async function activeRuleSet(db: Executor): Promise<ActiveRuleSet | null> {
  const r = await repo.findActiveRuleSet(db);
  if (!r) return null;
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    issuer: r.issuer,
    docNo: r.doc_no,
    params: parseParams(r.params),
  };
}

/** Months of data the engine may look back over (consecutive-months rules reach back up to 24 months). */
const lookbackFrom = (asOf: string) => {
  const y = Number(asOf.slice(0, 4)) - 2;
  return { month: `${y}-01`, year: y };
};

const asColor = (c: string | null): LightColor | null =>
  c === 'green' || c === 'yellow' || c === 'red' ? c : null;

/** The approved override in force on `asOf` (an expired one is not). */
function overrideInForce(
  list: LightOverrideRow[],
  asOf: string,
): { inForce: LightOverrideRow | null; expired: LightOverrideRow[] } {
  let inForce: LightOverrideRow | null = null;
  const expired: LightOverrideRow[] = [];
  for (const o of list) {
    if (o.until && o.until < asOf) expired.push(o);
    else if (!inForce) inForce = o;
  }
  return { inForce, expired };
}

type Batch = {
  projects: repo.ProjectFactRow[];
  monthly: Map<string, Awaited<ReturnType<typeof repo.monthlyOf>>>;
  plans: Map<string, Awaited<ReturnType<typeof repo.plansOf>>>;
  overrides: Map<string, LightOverrideRow[]>;
  latest: Map<string, { color: string | null; fired_key: string }>;
};

async function loadBatch(db: Executor, projects: repo.ProjectFactRow[], asOf: string): Promise<Batch> {
  const ids = projects.map((p) => p.id);
  const from = lookbackFrom(asOf);
  const [monthly, plans, overrides, latest] = await Promise.all([
    repo.monthlyOf(db, ids, from.month),
    repo.plansOf(db, ids, from.year),
    repo.approvedOverridesOf(db, ids),
    repo.latestHistoryOf(db, ids),
  ]);
  return {
    projects,
    monthly: groupBy(monthly),
    plans: groupBy(plans),
    overrides: groupBy(overrides),
    latest: new Map(latest.map((l) => [l.project_id, l])),
  };
}

type Outcome = { changed: boolean; historyWritten: boolean; light: LightColor | null };

/**
 * Evaluates one project of a loaded batch and stores the result: projects.light / light_since when the
 * colour changes (since = the day it changed), and a history row only when the colour or the set of rules
 * that fired changes — an hourly recompute that finds the same picture writes nothing.
 */
async function applyOne(
  trx: Executor,
  b: Batch,
  p: repo.ProjectFactRow,
  rs: ActiveRuleSet,
  asOf: string,
  reason: LightHistoryReason,
  actor: Actor | null,
): Promise<Outcome> {
  const facts = factsOf(p, b.monthly.get(p.id) ?? [], b.plans.get(p.id) ?? []);
  const ev = evaluateLights(rs, facts, asOf);
  const { inForce, expired } = overrideInForce(b.overrides.get(p.id) ?? [], asOf);
  const at = nowIso();
  for (const o of expired) await repo.expireOverride(trx, o.id, at);
  const finalColor = inForce ? (asColor(inForce.color) ?? ev.color) : ev.color;
  const previous = asColor(p.light);
  const key = firedKey(rs.id, rs.version, ev, inForce?.id ?? null);
  const last = b.latest.get(p.id);
  const colorChanged = finalColor !== previous;
  let needHistory = colorChanged || (last ? last.fired_key !== key : finalColor !== null);
  if (!last && finalColor === null && previous === null) needHistory = false;
  if (colorChanged) await repo.setProjectLight(trx, p.id, finalColor, finalColor === null ? null : asOf);
  if (needHistory) {
    await repo.insertHistory(trx, {
      id: newId(),
      project_id: p.id,
      region_code: p.region_code,
      color: finalColor,
      previous_color: previous,
      computed_color: ev.color,
      rule_set_id: rs.id,
      rule_set_version: rs.version,
      fired: JSON.stringify(ev.fired),
      fired_key: key,
      computed_at: at,
      as_of: asOf,
      as_of_month: ev.asOfMonth,
      reason: expired.length ? 'override' : reason,
      override_id: inForce?.id ?? null,
      actor_id: actor?.userId ?? null,
    });
  }
  return { changed: colorChanged, historyWritten: needHistory, light: finalColor };
}

/**
 * Recomputes one project's light inside the caller's transaction. The projects module calls this after
 * every change that can move a light (milestone dates, monthly progress, annual plan, terminate/suspend).
 * Without an active rule set it does nothing and answers the stored light.
 */
export async function recomputeProjectLight(
  trx: Executor,
  projectId: string,
  actor: Actor | null = null,
  reason: LightHistoryReason = 'change',
): Promise<{ light: LightColor | null; changed: boolean }> {
  const p = await repo.findProject(trx, projectId);
  if (!p) throw notFound();
  const rs = await activeRuleSet(trx);
  if (!rs) return { light: asColor(p.light), changed: false };
  const asOf = todayCst();
  const batch = await loadBatch(trx, [p], asOf);
  const r = await applyOne(trx, batch, p, rs, asOf, reason, actor);
  return { light: r.light, changed: r.changed };
}

/**
 * Recomputes every project, in chunks each in its own transaction (the hourly job, a rule-set change, the
 * button). `asOf` replays a past date (the demo's month-end history); by default today.
 */
export async function recomputeAllLights(
  deps: Deps,
  reason: LightHistoryReason,
  actor: Actor | null = null,
  opts: { chunk?: number; asOf?: string } = {},
): Promise<{ projects: number; changed: number; historyWritten: number }> {
  const chunk = opts.chunk ?? 250;
  const out = { projects: 0, changed: 0, historyWritten: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await repo.projectsAfter(deps.db, after, chunk);
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    await deps.db.transaction().execute(async (trx) => {
      const rs = await activeRuleSet(trx);
      if (!rs) return;
      const asOf = opts.asOf ?? todayCst();
      const ids = page.map((p) => p.id);
      // re-read inside the transaction so a concurrent edit is not overwritten with stale facts
      const fresh = await repo.projectsByIds(trx, ids);
      const batch = await loadBatch(trx, fresh, asOf);
      for (const p of fresh) {
        const r = await applyOne(trx, batch, p, rs, asOf, reason, actor);
        out.projects++;
        if (r.changed) out.changed++;
        if (r.historyWritten) out.historyWritten++;
      }
    });
    if (page.length < chunk) break;
  }
  return out;
}

/** POST /api/v1/lights/recompute: every project, now, with one audit entry for the run. */
export async function recomputeAllByHand(deps: Deps, actor: Actor) {
  requirePermission(actor, 'ruleset:manage');
  const r = await recomputeAllLights(deps, 'manual', actor);
  await deps.db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, actor, { entity: 'lights', entityId: 'all', action: 'recompute', payload: r }),
    );
  return r;
}

// ------------------------------------------------------------------------------------ rule sets

export async function listRuleSets(deps: Deps, actor: Actor): Promise<LightRuleSet[]> {
  requirePermission(actor, 'project:read');
  return (await repo.listRuleSets(deps.db)).map((r) => presentRuleSet(actor, r));
}

export async function getRuleSet(deps: Deps, actor: Actor, id: string): Promise<LightRuleSet> {
  requirePermission(actor, 'project:read');
  const r = await repo.findRuleSet(deps.db, id);
  if (!r) throw notFound();
  return presentRuleSet(actor, r);
}

function checkDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to < from)
    throw ruleViolation('失效日期不能早于生效日期', 'effectiveTo cannot be before effectiveFrom', {
      field: 'effectiveTo',
    });
}

const auditable = (r: LightRuleSetRow | LightRuleSetTable) => ({
  ...r,
  params: JSON.parse(r.params) as unknown,
});

export async function createRuleSet(
  deps: Deps,
  actor: Actor,
  input: LightRuleSetCreate,
): Promise<LightRuleSet> {
  requirePermission(actor, 'ruleset:manage');
  checkDates(input.effectiveFrom, input.effectiveTo);
  return deps.db.transaction().execute(async (trx) => {
    let params = input.params;
    let source: LightRuleSetRow | undefined;
    if (input.copyFromId) {
      source = await repo.findRuleSet(trx, input.copyFromId);
      if (!source)
        throw ruleViolation('要复制的规则集不存在', 'The rule set to copy does not exist', {
          field: 'copyFromId',
        });
      params ??= parseParams(source.params);
    }
    const at = nowIso();
    const row: LightRuleSetTable = {
      id: newId(),
      name: input.name,
      issuer: input.issuer ?? source?.issuer ?? null,
      doc_no: input.docNo ?? null,
      effective_from: input.effectiveFrom ?? null,
      effective_to: input.effectiveTo ?? null,
      params: JSON.stringify(params),
      status: 'draft',
      is_default: 0,
      notes: input.notes ?? source?.notes ?? null,
      version: 1,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      activated_by: null,
      activated_at: null,
    };
    await repo.insertRuleSet(trx, row);
    await recordAudit(trx, actor, {
      entity: 'light_rule_set',
      entityId: row.id,
      action: 'create',
      after: auditable(row),
      payload: source ? { copiedFrom: source.id, copiedVersion: source.version } : undefined,
    });
    return presentRuleSet(actor, row);
  });
}

export async function updateRuleSet(
  deps: Deps,
  actor: Actor,
  id: string,
  input: LightRuleSetUpdate,
): Promise<LightRuleSet> {
  requirePermission(actor, 'ruleset:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRuleSet(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentRuleSet(actor, before) },
      );
    if (before.status !== 'draft')
      throw ruleViolation(
        '已启用或已停用的规则集不能修改：请复制为新的草稿，修改后再启用',
        'An active or retired rule set cannot be edited: copy it to a new draft, edit that and activate it',
      );
    const set: Partial<LightRuleSetTable> = { updated_at: nowIso() };
    if (input.name !== undefined) set.name = input.name;
    if (input.issuer !== undefined) set.issuer = input.issuer;
    if (input.docNo !== undefined) set.doc_no = input.docNo;
    if (input.effectiveFrom !== undefined) set.effective_from = input.effectiveFrom;
    if (input.effectiveTo !== undefined) set.effective_to = input.effectiveTo;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.params !== undefined) set.params = JSON.stringify(input.params);
    checkDates(set.effective_from ?? before.effective_from, set.effective_to ?? before.effective_to);
    if (!(await repo.updateRuleSet(trx, id, input.version, set))) {
      const current = await repo.findRuleSet(trx, id);
      throw new AppError(
        'VERSION_CONFLICT',
        { version: current?.version },
        { current: current && presentRuleSet(actor, current) },
      );
    }
    const after = (await repo.findRuleSet(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'light_rule_set',
      entityId: id,
      action: 'update',
      before: auditable(before),
      after: auditable(after),
    });
    return presentRuleSet(actor, after);
  });
}

/**
 * Activates a rule set: one is active at a time, so the one in force is retired with its effective end the
 * day before. Then every light is recomputed with the new rules (reason 'rule_set'). Activating the set
 * already active only recomputes.
 */
export async function activateRuleSet(
  deps: Deps,
  actor: Actor,
  id: string,
  input: LightRuleSetActivate,
  opts: { recompute?: boolean } = {},
): Promise<{ data: LightRuleSet; recompute: { projects: number; changed: number; historyWritten: number } }> {
  requirePermission(actor, 'ruleset:manage');
  const today = todayCst();
  const activated = await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRuleSet(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentRuleSet(actor, before) },
      );
    if (before.status === 'active') return before;
    const from =
      input.effectiveFrom ??
      (before.effective_from && before.effective_from <= today ? before.effective_from : today);
    if (from > today)
      throw ruleViolation(
        `生效日期 ${from} 晚于今天：请在生效之日启用`,
        `The effective date ${from} is in the future: activate the set on that day`,
        { field: 'effectiveFrom' },
      );
    checkDates(from, before.effective_to);
    if (before.effective_to && before.effective_to < today)
      throw ruleViolation('该规则集已过失效日期', 'This rule set has already expired', {
        field: 'effectiveTo',
      });
    const at = nowIso();
    for (const old of await repo.listActiveRuleSets(trx)) {
      const end = addDays(from, -1);
      await repo.updateRuleSet(trx, old.id, old.version, {
        status: 'retired',
        effective_to: old.effective_from && end < old.effective_from ? old.effective_from : end,
        updated_at: at,
      });
      await recordAudit(trx, actor, {
        entity: 'light_rule_set',
        entityId: old.id,
        action: 'update',
        before: { status: 'active' },
        after: { status: 'retired' },
        payload: { supersededBy: id },
      });
    }
    await repo.updateRuleSet(trx, id, before.version, {
      status: 'active',
      effective_from: from,
      activated_by: actor.userId,
      activated_at: at,
      updated_at: at,
    });
    const after = (await repo.findRuleSet(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'light_rule_set',
      entityId: id,
      action: 'approve',
      before: auditable(before),
      after: auditable(after),
      payload: { activated: true },
    });
    return after;
  });
  const recompute =
    opts.recompute === false
      ? { projects: 0, changed: 0, historyWritten: 0 }
      : await recomputeAllLights(deps, 'rule_set', actor);
  return { data: presentRuleSet(actor, activated), recompute };
}

// ------------------------------------------------------------------------------- project lights

const NO_RULE_SET: Omit<LightEvaluation, 'asOf'> = {
  color: null,
  assessed: false,
  notAssessedReason: 'no_rule_set',
  asOfMonth: null,
  fired: [],
};

/** GET /api/v1/projects/:id/lights — the light, why (which rule on which figures), since when, and its history. */
export async function getProjectLights(deps: Deps, actor: Actor, projectId: string): Promise<ProjectLights> {
  requirePermission(actor, 'project:read');
  const p = await repo.findProjectScoped(deps.db, actor, projectId);
  if (!p) throw notFound();
  const asOf = todayCst();
  const rs = await activeRuleSet(deps.db);
  const batch = await loadBatch(deps.db, [p], asOf);
  const current: LightEvaluation = rs
    ? evaluateLights(rs, factsOf(p, batch.monthly.get(p.id) ?? [], batch.plans.get(p.id) ?? []), asOf)
    : { ...NO_RULE_SET, asOf };
  const { inForce } = overrideInForce(batch.overrides.get(p.id) ?? [], asOf);
  const overrides = await repo.overridesOf(deps.db, p.id);
  const presented = overrides.map((o) => presentOverride(actor, o));
  const history = (await repo.historyOf(deps.db, p.id, 200)).map(presentHistory);
  const expected = rs ? (inForce ? asColor(inForce.color) : current.color) : asColor(p.light);
  return {
    projectId: p.id,
    projectName: p.name,
    regionCode: p.region_code,
    light: asColor(p.light),
    lightSince: p.light_since,
    current,
    override: inForce ? (presented.find((o) => o.id === inForce.id) ?? null) : null,
    stale: expected !== asColor(p.light),
    ruleSet: rs
      ? { id: rs.id, name: rs.name, version: rs.version, issuer: rs.issuer, docNo: rs.docNo }
      : null,
    history,
    overrides: presented,
    abilities: projectLightAbilities(actor),
  };
}

/** Current evaluation of several projects as of a date (agenda snapshots; no writes). */
export async function evaluateProjectsAsOf(
  db: Executor,
  projectIds: string[],
  asOf: string,
): Promise<Map<string, LightEvaluation>> {
  const out = new Map<string, LightEvaluation>();
  const rs = await activeRuleSet(db);
  if (!rs || !projectIds.length) return out;
  for (let i = 0; i < projectIds.length; i += 250) {
    const projects = await repo.projectsByIds(db, projectIds.slice(i, i + 250));
    const b = await loadBatch(db, projects, asOf);
    for (const p of projects)
      out.set(p.id, evaluateLights(rs, factsOf(p, b.monthly.get(p.id) ?? [], b.plans.get(p.id) ?? []), asOf));
  }
  return out;
}

export async function lightSummary(
  deps: Deps,
  actor: Actor,
  regionCode: string | undefined,
): Promise<LightSummary> {
  requirePermission(actor, 'project:read');
  const rows = await repo.lightCounts(deps.db, actor, regionCode ? regionPrefix(regionCode) : null);
  const zero = () => ({ green: 0, yellow: 0, red: 0, none: 0, total: 0 });
  const total = zero();
  const byRegion = new Map<
    string,
    { regionCode: string; regionName: string | null } & ReturnType<typeof zero>
  >();
  for (const r of rows) {
    const n = Number(r.n);
    const key = (asColor(r.light) ?? 'none') as 'green' | 'yellow' | 'red' | 'none';
    const reg = byRegion.get(r.region_code) ?? {
      regionCode: r.region_code,
      regionName: r.region_name ?? null,
      ...zero(),
    };
    reg[key] += n;
    reg.total += n;
    total[key] += n;
    total.total += n;
    byRegion.set(r.region_code, reg);
  }
  return {
    regionCode: regionCode ?? null,
    ...total,
    byRegion: [...byRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
  };
}

// ------------------------------------------------------------------------------------ overrides

async function loadOverride(db: Executor, actor: Actor, id: string) {
  const o = await repo.findOverrideScoped(db, actor, id);
  if (!o) throw notFound();
  return o;
}

/** POST /api/v1/projects/:id/light-override: a pending 正当理由 request, with evidence uploaded to the project. */
export async function requestOverride(
  deps: Deps,
  actor: Actor,
  projectId: string,
  input: LightOverrideCreate,
): Promise<LightOverride> {
  requirePermission(actor, 'project:update');
  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.findProjectScoped(trx, actor, projectId);
    if (!p) throw notFound();
    if (input.until && input.until < todayCst())
      throw ruleViolation('有效期不能早于今天', 'until cannot be in the past', { field: 'until' });
    if (!(await repo.attachmentsBelongTo(trx, input.attachmentIds, 'project', projectId)))
      throw ruleViolation('佐证材料须先上传到本项目', 'Evidence must be uploaded to this project first', {
        field: 'attachmentIds',
      });
    if (await repo.pendingOverrideOf(trx, projectId))
      throw ruleViolation(
        '该项目已有待审批的正当理由申请',
        'This project already has a pending override request',
      );
    const at = nowIso();
    const id = newId();
    await repo.insertOverride(trx, {
      id,
      project_id: projectId,
      region_code: p.region_code,
      color: input.color,
      reason: input.reason,
      until: input.until ?? null,
      attachment_ids: JSON.stringify(input.attachmentIds),
      status: 'pending',
      requested_by: actor.userId,
      requested_at: at,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      version: 1,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      entity: 'light_override',
      entityId: id,
      action: 'create',
      regionCode: p.region_code,
      after: {
        projectId,
        color: input.color,
        reason: input.reason,
        until: input.until ?? null,
        attachmentIds: input.attachmentIds,
      },
    });
    return presentOverride(actor, (await repo.findOverrideScoped(trx, actor, id))!);
  });
}

export async function decideOverride(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  note: string | undefined,
): Promise<LightOverride> {
  requirePermission(actor, 'light:override');
  return deps.db.transaction().execute(async (trx) => {
    const o = await loadOverride(trx, actor, id);
    if (o.status !== 'pending')
      throw ruleViolation('该申请已处理', 'This request has already been decided', { status: o.status });
    if (!mayDecideOverride(actor, o))
      throw new AppError(
        'FORBIDDEN',
        {},
        { reason: { zh: '申请人不能审批自己的申请', en: 'the requester cannot decide their own request' } },
      );
    if (decision === 'approve' && o.until && o.until < todayCst())
      throw ruleViolation('申请的有效期已过', 'The requested period has already ended', { field: 'until' });
    const at = nowIso();
    const ok = await repo.updateOverride(trx, id, o.version, {
      status: decision === 'approve' ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_at: at,
      decision_note: note ?? null,
      updated_at: at,
    });
    if (!ok) throw new AppError('VERSION_CONFLICT', { version: o.version + 1 });
    if (decision === 'approve') {
      await repo.supersedeOverrides(trx, o.project_id, id, at);
      await recomputeProjectLight(trx, o.project_id, actor, 'override');
    }
    await recordAudit(trx, actor, {
      entity: 'light_override',
      entityId: id,
      action: decision,
      regionCode: o.region_code,
      before: { status: 'pending' },
      after: { status: decision === 'approve' ? 'approved' : 'rejected', note: note ?? null },
      payload: { projectId: o.project_id, color: o.color },
    });
    return presentOverride(actor, (await repo.findOverrideScoped(trx, actor, id))!);
  });
}

/** Withdraws a pending request or ends an approved override (the requester, or anyone with light:override). */
export async function revokeOverride(
  deps: Deps,
  actor: Actor,
  id: string,
  note: string | undefined,
): Promise<LightOverride> {
  return deps.db.transaction().execute(async (trx) => {
    const o = await loadOverride(trx, actor, id);
    const mine = !!actor.userId && o.requested_by === actor.userId;
    if (!mine) requirePermission(actor, 'light:override');
    if (o.status !== 'pending' && o.status !== 'approved')
      throw ruleViolation('该申请已结束', 'This override is no longer open', { status: o.status });
    const at = nowIso();
    if (
      !(await repo.updateOverride(trx, id, o.version, {
        status: 'revoked',
        decision_note: note ?? o.decision_note,
        updated_at: at,
      }))
    )
      throw new AppError('VERSION_CONFLICT', { version: o.version + 1 });
    if (o.status === 'approved') await recomputeProjectLight(trx, o.project_id, actor, 'override');
    await recordAudit(trx, actor, {
      entity: 'light_override',
      entityId: id,
      action: 'update',
      regionCode: o.region_code,
      before: { status: o.status },
      after: { status: 'revoked' },
      payload: { projectId: o.project_id, note: note ?? null },
    });
    return presentOverride(actor, (await repo.findOverrideScoped(trx, actor, id))!);
  });
}

export async function listOverrides(
  deps: Deps,
  actor: Actor,
  q: { status?: string; projectId?: string },
): Promise<LightOverride[]> {
  requirePermission(actor, 'project:read');
  return (await repo.listOverridesScoped(deps.db, actor, q)).map((o) => presentOverride(actor, o));
}
