import type {
  Breakdown,
  BreakdownRow,
  ChangedRecord,
  Drill,
  IndicatorChange,
  IndicatorDefinition,
  IndicatorRecord,
  IndicatorRecordsQuery,
  IndicatorTarget,
  IndicatorTargetCreate,
  IndicatorTargetUpdate,
  IndicatorValue,
  IndicatorValueRow,
  PeriodChanges,
  PeriodLock,
} from '../../../../contracts/schemas/results';
import { REFORM_STATUSES, REFORM_STATUS_LABELS } from '../../../../contracts/schemas/reform';
import { can, regionPrefix, scopesFor, systemActor, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db, Executor } from '../../db/database';
import type { IndicatorSnapshotTable } from '../results/results.table';
import {
  aggregate,
  benchmarkOf,
  change,
  diffRecords,
  filterByKeys,
  groupBy,
  inRegion,
  rawValue,
  sums,
  toDisplay,
  yoy,
  type Contribution,
} from './indicators.aggregate';
import {
  asOfDate,
  parsePeriod,
  periodsClosedBy,
  precedingPeriod,
  previousYear,
  type Period,
} from './indicators.periods';
import { INDICATORS, indicatorDef, type IndicatorDef } from './indicators.registry';
import { registerIndicatorSource } from '../reform/reform.indicators';
import * as repo from './indicators.repository';

/**
 * Indicator values, records, targets, the period lock and "what changed". Figures are computed from the ledgers
 * on every read, except for a locked period: its records were frozen into indicator_snapshots and are
 * re-aggregated (by region, breakdown and the reader's scope) from the snapshot, so later edits leave it alone.
 */

type Deps = { db: Db };
const RECORDS_ENDPOINT = (code: string) => `/api/v1/indicators/${code}/records`;

export function presentDefinition(d: IndicatorDef): IndicatorDefinition {
  return {
    code: d.code,
    name: d.label.zh,
    label: d.label,
    unit: d.unit.zh,
    unitLabel: d.unit,
    kind: d.kind,
    direction: d.direction,
    periods: [...d.periods],
    breakdowns: [...d.breakdowns],
    source: d.source,
    definition: d.definition,
  };
}

export function listDefinitions(actor: Actor): IndicatorDefinition[] {
  requirePermission(actor, 'indicator:read');
  return INDICATORS.map(presentDefinition);
}

export function requireDef(code: string): IndicatorDef {
  const d = indicatorDef(code);
  if (!d) throw notFound();
  return d;
}

export function requirePeriod(key: string, def?: IndicatorDef): Period {
  const p = parsePeriod(key);
  if (!p) throw new AppError('VALIDATION_FAILED', { detail: `period ${key}` });
  if (def && !def.periods.includes(p.kind))
    throw ruleViolation(
      `指标 ${def.code} 不支持该统计期类型`,
      `indicator ${def.code} does not support ${p.kind} periods`,
      { field: 'period' },
    );
  return p;
}

const truncate = (p: Period, end: string): Period => (end < p.end ? { ...p, end } : p);
const minusYear = (date: string) => {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
};

// ── figures ─────────────────────────────────────────────────────────────────────────────────────

export type Figure = {
  def: IndicatorDef;
  period: Period;
  previousPeriod: Period;
  asOf: string;
  current: Contribution[];
  previous: Contribution[];
  locked: boolean;
  lockedAt: string | null;
};

const RESOURCE_OF: Record<IndicatorDef['source'], string> = {
  project: 'project',
  problem: 'problem',
  reform_task: 'reform',
  reform_milestone: 'reform',
  enterprise: 'enterprise',
};

const seesAll = (actor: Actor, def: IndicatorDef) =>
  scopesFor(actor, 'indicator').has('all') && scopesFor(actor, RESOURCE_OF[def.source]).has('all');

/**
 * The records behind an indicator for a period (and the same period last year), within a region prefix and the
 * actor's scope: from the snapshot when the period is locked, else from the ledgers. While a period runs, both
 * it and last year's period are cut at the same day (today / a year ago), so 同比 compares like with like.
 */
export async function figure(
  db: Executor,
  actor: Actor,
  def: IndicatorDef,
  period: Period,
  prefix: string | null,
  today = todayCst(),
): Promise<Figure> {
  const prevPeriod = previousYear(period);
  const snap = await repo.findSnapshot(db, def.code, period.key);
  if (snap) {
    let current = inRegion(JSON.parse(snap.records) as Contribution[], prefix);
    let previous = inRegion(JSON.parse(snap.previous_records) as Contribution[], prefix);
    if (!seesAll(actor, def)) {
      const entities = new Map<string, string[]>();
      for (const c of [...current, ...previous])
        (entities.get(c.entity) ?? entities.set(c.entity, []).get(c.entity)!).push(c.id);
      const visible = new Set<string>();
      for (const [entity, ids] of entities)
        for (const id of await repo.visibleIds(db, actor, entity, [...new Set(ids)]))
          visible.add(`${entity}:${id}`);
      current = current.filter((c) => visible.has(`${c.entity}:${c.id}`));
      previous = previous.filter((c) => visible.has(`${c.entity}:${c.id}`));
    }
    return {
      def,
      period,
      previousPeriod: prevPeriod,
      asOf: snap.as_of,
      current,
      previous,
      locked: true,
      lockedAt: snap.locked_at,
    };
  }
  const asOf = asOfDate(period, today);
  const running = asOf < period.end;
  const cur = truncate(period, asOf);
  const prevAsOf = running ? minusYear(asOf) : prevPeriod.end;
  const prev = truncate(prevPeriod, prevAsOf);
  const [current, previous] =
    period.start > today
      ? [[], []]
      : await Promise.all([
          def.collect({ db, period: cur, asOf, prefix, actor }),
          def.collect({ db, period: prev, asOf: prevAsOf, prefix, actor }),
        ]);
  return { def, period, previousPeriod: prevPeriod, asOf, current, previous, locked: false, lockedAt: null };
}

export type Evaluated = {
  value: number | null;
  previous: number | null;
  yoy: number | null;
  change: number | null;
  amountYuan: number | null;
  previousAmountYuan: number | null;
  benchmark: number | null;
};

export function evaluateFigure(f: Figure): Evaluated {
  const kind = f.def.kind;
  const rc = rawValue(kind, sums(f.current));
  const rp = rawValue(kind, sums(f.previous));
  const value = toDisplay(kind, rc);
  const previous = toDisplay(kind, rp);
  return {
    value,
    previous,
    yoy: yoy(rc, rp),
    change: change(kind, value, previous),
    amountYuan: kind === 'amount' ? rc : null,
    previousAmountYuan: kind === 'amount' ? rp : null,
    benchmark: f.def.benchmark ? benchmarkOf(f.current) : null,
  };
}

/** The organisation's home region (the root unit's, e.g. 321100). */
export const organisationRegion = (db: Executor) => repo.rootRegion(db);

export const regionNames = (db: Executor, codes: string[]) => repo.regionNames(db, codes);

/** The region a figure is about when none is asked for: a district reader's own region, else the organisation's. */
export async function homeRegion(db: Executor, actor: Actor): Promise<string | null> {
  if (!scopesFor(actor, 'indicator').has('all') && actor.regionCode) return actor.regionCode;
  return repo.rootRegion(db);
}

export function drillOf(
  code: string,
  period: string,
  region: string | null,
  extra: Record<string, string> = {},
): Drill {
  const query: Record<string, string> = { period };
  if (region) query.region = region;
  return { endpoint: RECORDS_ENDPOINT(code), query: { ...query, ...extra } };
}

async function breakdownRows(
  db: Executor,
  def: IndicatorDef,
  f: Figure,
  by: Breakdown,
  region: string | null,
  homeName: string | null,
): Promise<BreakdownRow[]> {
  const groups = groupBy(f.current, by);
  const keys = [...groups.keys()];
  let names = new Map<string, string>();
  if (by === 'region') names = await repo.regionNames(db, keys);
  else if (by === 'chain') names = await repo.chainNames(db);
  else names = await repo.unitNames(db, keys);
  const rows: BreakdownRow[] = [...groups.entries()].map(([key, list]) => {
    const extra: Record<string, string> = {};
    let drillRegion = region;
    if (by === 'region') drillRegion = key;
    else if (key) extra[by] = key;
    const name =
      key === ''
        ? '未标注'
        : by === 'region' && region && key === region && homeName
          ? `${homeName}（本级）`
          : (names.get(key) ?? key);
    return {
      key,
      name,
      value: aggregate(def.kind, list),
      records: list.length,
      drill: drillOf(def.code, f.period.key, drillRegion, extra),
    };
  });
  return rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
}

export async function targetOf(
  db: Executor,
  def: IndicatorDef,
  year: number,
  region: string | null,
  value: number | null,
) {
  if (!region) return null;
  const t = await repo.findTargetFor(db, def.code, year, region);
  if (!t) return null;
  let progress: number | null = null;
  let met: boolean | null = null;
  if (value !== null) {
    if (def.direction === 'higher') {
      progress = t.target > 0 ? Math.round((value / t.target) * 1000) / 10 : null;
      met = value >= t.target;
    } else {
      progress = value > 0 ? Math.round((t.target / value) * 1000) / 10 : null;
      met = value <= t.target;
    }
  }
  return { id: t.id, value: t.target, progress, met };
}

export async function getIndicator(
  deps: Deps,
  actor: Actor,
  code: string,
  q: { period: string; region?: string; breakdown?: Breakdown },
): Promise<IndicatorValue> {
  requirePermission(actor, 'indicator:read');
  const def = requireDef(code);
  const period = requirePeriod(q.period, def);
  if (q.breakdown && !def.breakdowns.includes(q.breakdown))
    throw ruleViolation(
      `指标 ${def.code} 不支持该分组`,
      `indicator ${def.code} has no ${q.breakdown} breakdown`,
      { field: 'breakdown' },
    );
  const prefix = q.region ? regionPrefix(q.region) : null;
  const region = q.region ?? (await homeRegion(deps.db, actor));
  const f = await figure(deps.db, actor, def, period, prefix);
  const e = evaluateFigure(f);
  const regionName = region ? ((await repo.regionNames(deps.db, [region])).get(region) ?? null) : null;
  const out: IndicatorValue = {
    code: def.code,
    name: def.label.zh,
    label: def.label,
    unit: def.unit.zh,
    period: period.key,
    periodLabel: period.label.zh,
    previousPeriod: f.previousPeriod.key,
    regionCode: region,
    regionName,
    value: e.value,
    previous: e.previous,
    yoy: e.yoy,
    change: e.change,
    records: f.current.length,
    asOf: f.asOf,
    locked: f.locked,
    lockedAt: f.lockedAt,
    target: await targetOf(deps.db, def, period.year, region, e.value),
    drill: drillOf(def.code, period.key, q.region ?? null),
  };
  if (def.kind === 'amount') {
    out.amountYuan = e.amountYuan;
    out.previousAmountYuan = e.previousAmountYuan;
  }
  if (def.benchmark) out.benchmark = { label: def.benchmark, value: e.benchmark };
  if (q.breakdown)
    out.breakdown = await breakdownRows(deps.db, def, f, q.breakdown, q.region ?? null, regionName);
  return out;
}

/** Every indicator supporting the period, as the CLI prints them: `{ code, name, value, unit, previous, yoy }`. */
export async function listIndicatorValues(
  db: Db,
  args: { period: string; regionCode?: string; actor?: Actor },
): Promise<IndicatorValueRow[]> {
  const actor = args.actor ?? systemActor('indicators');
  const period = requirePeriod(args.period);
  const prefix = args.regionCode ? regionPrefix(args.regionCode) : null;
  const out: IndicatorValueRow[] = [];
  for (const def of INDICATORS) {
    if (!def.periods.includes(period.kind)) continue;
    const f = await figure(db, actor, def, period, prefix);
    const e = evaluateFigure(f);
    out.push({
      code: def.code,
      name: def.label.zh,
      value: e.value,
      unit: def.unit.zh,
      previous: e.previous,
      yoy: e.yoy,
      ...(def.listsRecords
        ? {
            records: f.current
              .map((c) => ({ id: c.id, name: c.name, value: c.den ? c.num / c.den : c.num }))
              .sort((a, b) => a.value - b.value || a.name.localeCompare(b.name, 'zh-CN')),
          }
        : {}),
    });
  }
  return out;
}

// ── records ─────────────────────────────────────────────────────────────────────────────────────

export async function presentRecords(
  db: Executor,
  def: IndicatorDef,
  list: Contribution[],
): Promise<IndicatorRecord[]> {
  const [regions, units] = await Promise.all([
    repo.regionNames(
      db,
      list.map((c) => c.regionCode),
    ),
    repo.unitNames(
      db,
      list.map((c) => c.unitId ?? ''),
    ),
  ]);
  return list.map((c) => ({
    id: c.id,
    entity: c.entity,
    name: c.name,
    regionCode: c.regionCode,
    regionName: regions.get(c.regionCode) ?? null,
    unitId: c.unitId,
    unitName: c.unitId ? (units.get(c.unitId) ?? null) : null,
    zoneId: c.zoneId,
    chainCode: c.chainCode,
    date: c.date,
    num: c.num,
    den: c.den,
    detail: c.detail,
    link: def.link(c),
  }));
}

function sortRecords(def: IndicatorDef, list: Contribution[]) {
  const byNum = def.kind === 'amount' || def.kind === 'mean';
  return [...list].sort((a, b) =>
    byNum
      ? b.num - a.num || a.id.localeCompare(b.id)
      : (a.date ?? '').localeCompare(b.date ?? '') ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
  );
}

export async function listRecords(deps: Deps, actor: Actor, code: string, q: IndicatorRecordsQuery) {
  requirePermission(actor, 'indicator:read');
  const def = requireDef(code);
  const period = requirePeriod(q.period, def);
  const f = await figure(deps.db, actor, def, period, q.region ? regionPrefix(q.region) : null);
  const all = filterByKeys(q.which === 'previous' ? f.previous : f.current, {
    zone: q.zone,
    unit: q.unit,
    chain: q.chain,
  });
  let list = sortRecords(def, all);
  if (q.q) {
    const needle = q.q.toLowerCase();
    list = list.filter((c) => c.name.toLowerCase().includes(needle) || c.id === q.q);
  }
  const start = (q.page - 1) * q.pageSize;
  return {
    data: await presentRecords(deps.db, def, list.slice(start, start + q.pageSize)),
    total: list.length,
    page: q.page,
    pageSize: q.pageSize,
    code: def.code,
    period: period.key,
    value: aggregate(def.kind, all),
    locked: f.locked,
  };
}

// ── targets ─────────────────────────────────────────────────────────────────────────────────────

const presentTarget = (actor: Actor, t: repo.TargetRow): IndicatorTarget => ({
  id: t.id,
  code: t.code,
  year: t.year,
  regionCode: t.region_code,
  target: t.target,
  note: t.note,
  enteredBy: t.entered_by,
  enteredByName: t.entered_by_name,
  updatedAt: t.updated_at,
  version: t.version,
  abilities: { update: can(actor, 'reform:manage'), delete: can(actor, 'reform:manage') },
});

export async function listTargets(
  deps: Deps,
  actor: Actor,
  q: { year?: number; code?: string; region?: string },
): Promise<IndicatorTarget[]> {
  requirePermission(actor, 'indicator:read');
  const rows = await repo.listTargets(deps.db, {
    year: q.year,
    code: q.code,
    prefix: q.region ? regionPrefix(q.region) : null,
  });
  return rows.map((t) => presentTarget(actor, t));
}

export async function createTarget(
  deps: Deps,
  actor: Actor,
  input: IndicatorTargetCreate,
): Promise<IndicatorTarget> {
  requirePermission(actor, 'reform:manage');
  requireDefForInput(input.code);
  return deps.db.transaction().execute(async (trx) => {
    if (
      !(await trx
        .selectFrom('regions')
        .select('code')
        .where('code', '=', input.regionCode)
        .executeTakeFirst())
    )
      throw ruleViolation(
        `行政区划代码 ${input.regionCode} 不存在`,
        `Region code ${input.regionCode} does not exist`,
        { field: 'regionCode' },
      );
    if (await repo.findTargetFor(trx, input.code, input.year, input.regionCode))
      throw new AppError('DUPLICATE', {
        detail: { zh: '指标目标（指标、年度、地区）', en: 'target (indicator, year, region)' },
      });
    const at = nowIso();
    const row = {
      id: newId(),
      code: input.code,
      year: input.year,
      region_code: input.regionCode,
      target: input.target,
      note: input.note ?? null,
      entered_by: actor.userId,
      entered_by_name: actor.displayName,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertTarget(trx, row);
    await recordAudit(trx, actor, {
      entity: 'indicator_target',
      entityId: row.id,
      action: 'create',
      regionCode: row.region_code,
      after: row,
    });
    return presentTarget(actor, row);
  });
}

function requireDefForInput(code: string) {
  if (!indicatorDef(code))
    throw ruleViolation(`指标 ${code} 不存在`, `No indicator ${code}`, { field: 'code' });
}

export async function updateTarget(
  deps: Deps,
  actor: Actor,
  id: string,
  input: IndicatorTargetUpdate,
): Promise<IndicatorTarget> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findTarget(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentTarget(actor, before) },
      );
    const set = {
      updated_at: nowIso(),
      entered_by: actor.userId,
      entered_by_name: actor.displayName,
      ...(input.target !== undefined ? { target: input.target } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    if (!(await repo.updateTarget(trx, id, input.version, set))) {
      const current = await repo.findTarget(trx, id);
      throw new AppError(
        'VERSION_CONFLICT',
        { version: current?.version },
        { current: current && presentTarget(actor, current) },
      );
    }
    const after = (await repo.findTarget(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'indicator_target',
      entityId: id,
      action: 'update',
      regionCode: after.region_code,
      before,
      after,
    });
    return presentTarget(actor, after);
  });
}

export async function deleteTarget(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reform:manage');
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findTarget(trx, id);
    if (!before) throw notFound();
    await repo.deleteTarget(trx, id);
    await recordAudit(trx, actor, {
      entity: 'indicator_target',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before,
    });
  });
}

// ── period lock ─────────────────────────────────────────────────────────────────────────────────

const presentLock = (l: repo.LockRow): PeriodLock => ({
  period: l.period,
  regionCode: l.region_code,
  lockedAt: l.locked_at,
  lockedBy: l.locked_by,
  lockedByName: l.locked_by_name,
  note: l.note,
  periods: JSON.parse(l.periods) as string[],
  snapshots: l.snapshots,
});

export async function listLocks(deps: Deps, actor: Actor): Promise<PeriodLock[]> {
  requirePermission(actor, 'indicator:read');
  return (await repo.listLocks(deps.db)).map(presentLock);
}

export async function getLock(deps: Deps, actor: Actor, month: string): Promise<PeriodLock> {
  requirePermission(actor, 'indicator:read');
  const l = await repo.findLock(deps.db, month);
  if (!l) throw notFound();
  return presentLock(l);
}

/**
 * Freezes a month: every indicator's records for the month, for 1–N月, and for the quarter / year the month
 * closes, with last year's records beside them, computed over the whole organisation (a reader later sees the
 * frozen records within their own region and scope). A lock is permanent; a second lock of the month is refused.
 */
export async function lockPeriod(
  deps: Deps,
  actor: Actor,
  month: string,
  note: string | null | undefined,
  today = todayCst(),
): Promise<PeriodLock> {
  if (!can(actor, 'reform:verify') && !can(actor, 'briefing:issue')) throw new AppError('FORBIDDEN');
  const p = requirePeriod(month);
  if (p.kind !== 'month')
    throw ruleViolation('只能按月锁定', 'a lock names a month (YYYY-MM)', { field: 'period' });
  if (p.end >= today)
    throw ruleViolation(
      `${p.label.zh}尚未结束，不能锁定`,
      `${p.label.en} has not ended yet and cannot be locked`,
      { field: 'period' },
    );
  if (await repo.findLock(deps.db, month))
    throw new AppError('DUPLICATE', { detail: { zh: `${p.label.zh}的锁定`, en: `lock of ${month}` } });
  const system = systemActor('period-lock');
  const lockedAt = nowIso();
  const region = (await repo.rootRegion(deps.db)) ?? '';
  const periods = periodsClosedBy(month);
  const rows: IndicatorSnapshotTable[] = [];
  for (const key of periods) {
    const period = requirePeriod(key);
    for (const def of INDICATORS) {
      if (!def.periods.includes(period.kind)) continue;
      const f = await figure(deps.db, system, def, period, null, today);
      const e = evaluateFigure(f);
      rows.push({
        id: newId(),
        code: def.code,
        period: period.key,
        region_code: region,
        lock_period: month,
        value: e.value,
        previous: e.previous,
        unit: def.unit.zh,
        records: JSON.stringify(f.current),
        previous_records: JSON.stringify(f.previous),
        as_of: f.asOf,
        locked_at: lockedAt,
      });
    }
  }
  const lock = {
    period: month,
    region_code: region,
    periods: JSON.stringify(periods),
    snapshots: rows.length,
    note: note ?? null,
    locked_by: actor.userId,
    locked_by_name: actor.displayName,
    locked_at: lockedAt,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (await repo.findLock(trx, month))
        throw new AppError('DUPLICATE', { detail: { zh: `${p.label.zh}的锁定`, en: `lock of ${month}` } });
      await repo.insertLock(trx, lock);
      await repo.insertSnapshots(trx, rows);
      await recordAudit(trx, actor, {
        entity: 'period_lock',
        entityId: month,
        action: 'lock',
        regionCode: region || null,
        payload: {
          periods,
          snapshots: rows.length,
          values: Object.fromEntries(rows.map((r) => [`${r.code}@${r.period}`, r.value])),
        },
      });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (await repo.findLock(deps.db, month))
      throw new AppError('DUPLICATE', { detail: { zh: `${p.label.zh}的锁定`, en: `lock of ${month}` } });
    throw err;
  }
  return presentLock(lock);
}

// ── what changed ────────────────────────────────────────────────────────────────────────────────

const changed = (
  list: Contribution[],
  then: Map<string, Contribution>,
  now: Map<string, Contribution>,
): ChangedRecord[] =>
  list.map((c) => ({
    id: c.id,
    name: c.name,
    regionCode: c.regionCode,
    then: then.get(c.id)?.num ?? null,
    now: now.get(c.id)?.num ?? null,
  }));

export async function changeOf(
  db: Executor,
  actor: Actor,
  def: IndicatorDef,
  period: Period,
  against: Period | null,
  prefix: string | null,
): Promise<IndicatorChange> {
  const now = await figure(db, actor, def, period, prefix);
  const then = against ? await figure(db, actor, def, against, prefix) : null;
  const d = diffRecords(then?.current ?? [], now.current);
  const vNow = aggregate(def.kind, now.current);
  const vThen = then ? aggregate(def.kind, then.current) : null;
  return {
    code: def.code,
    name: def.label.zh,
    unit: def.unit.zh,
    then: vThen,
    now: vNow,
    delta: vNow !== null && vThen !== null ? change(def.kind, vNow, vThen) : null,
    thenLocked: then?.locked ?? false,
    nowLocked: now.locked,
    entered: changed(d.entered, d.before, d.after),
    left: changed(d.left, d.before, d.after),
    changed: changed(d.changed, d.before, d.after),
  };
}

export async function periodChanges(
  deps: Deps,
  actor: Actor,
  periodKey: string,
  q: { against: string; region?: string },
): Promise<PeriodChanges> {
  requirePermission(actor, 'indicator:read');
  const period = requirePeriod(periodKey);
  const against = q.against === 'previous' ? precedingPeriod(period) : requirePeriod(q.against);
  const prefix = q.region ? regionPrefix(q.region) : null;
  const indicators: IndicatorChange[] = [];
  for (const def of INDICATORS) {
    if (!def.periods.includes(period.kind) || (against && !def.periods.includes(against.kind))) continue;
    indicators.push(await changeOf(deps.db, actor, def, period, against, prefix));
  }
  return { period: period.key, against: against?.key ?? null, regionCode: q.region ?? null, indicators };
}

// ── reform tasks by status (dashboard) ──────────────────────────────────────────────────────────

/**
 * Reform tasks active in [period start, as-of] by status, with 滞后 (delayed) computed the way the reform ledger
 * does (reform.presenter effectiveStatus): a task not started, in progress or adjusted whose deadline or a pending
 * milestone's deadline has passed. Statuses are the ledger's current ones, evaluated at `asOf`.
 */
export async function reformStatusCounts(
  db: Executor,
  actor: Actor,
  prefix: string | null,
  period: { start: string },
  asOf: string,
): Promise<{ order: Array<{ key: string; zh: string }>; counts: Map<string, number> }> {
  const { tasks, milestones } = await repo.reformTasksActive(db, { actor, prefix }, period.start, asOf);
  const byTask = new Map<string, Array<{ status: string; due_on: string }>>();
  for (const m of milestones) (byTask.get(m.task_id) ?? byTask.set(m.task_id, []).get(m.task_id)!).push(m);
  const counts = new Map<string, number>();
  for (const t of tasks) {
    let status: string = t.status;
    if (
      (status === 'not_started' || status === 'in_progress' || status === 'adjusted') &&
      (t.due_on < asOf || (byTask.get(t.id) ?? []).some((m) => m.status === 'pending' && m.due_on < asOf))
    )
      status = 'delayed';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return { order: REFORM_STATUSES.map((s) => ({ key: s, zh: REFORM_STATUS_LABELS[s].zh })), counts };
}

// ── the reform ledger's measured targets ────────────────────────────────────────────────────────

/**
 * Lets a reform task's target be bound to an indicator (reform.indicators.ts measureTarget): the indicator's
 * value, in its display unit, for the period and region, over the whole organisation. Called once at start-up.
 */
export function connectReformTargets(): void {
  registerIndicatorSource(async (db, code, periodKey, regionCode) => {
    const def = indicatorDef(code);
    const period = parsePeriod(periodKey);
    if (!def || !period || !def.periods.includes(period.kind)) return null;
    return evaluateFigure(
      await figure(db, systemActor('reform-target'), def, period, regionPrefix(regionCode)),
    ).value;
  });
}
