import type {
  Direction,
  RankingIndicator,
  RankingMethod,
  RankingMethodCreate,
  RankingMethodUpdate,
  RankingTable,
} from '../../../../contracts/schemas/results';
import { can, regionPrefix, systemActor, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Db } from '../../db/database';
import { aggregate, groupBy } from '../indicators/indicators.aggregate';
import { parsePeriod } from '../indicators/indicators.periods';
import { indicatorDef } from '../indicators/indicators.registry';
import { drillOf, figure, organisationRegion } from '../indicators/indicators.service';
import type { RankingMethodRow, RankingMethodTable } from '../results/results.table';
import { formulaText, score } from './rankings.math';
import * as repo from './rankings.repository';

/**
 * 比学赶超: versioned ranking methods (an active method is never edited — a change is a new draft, activated in
 * turn) and the ranking table of a period, with the method published beside it and each cell drilling down to the
 * indicator's records for that district / zone.
 *
 * Decision: a ranking is a published comparison (it goes into the 通报 sent to every district), so its figures are
 * computed over the whole organisation for every reader with indicator:read; the drill-down to records stays
 * scoped (a district clerk opens only its own district's records).
 */
type Deps = { db: Db };

const parseIndicators = (m: RankingMethodRow) => JSON.parse(m.indicators) as RankingIndicator[];

function resolved(m: RankingMethodRow) {
  return parseIndicators(m).map((i) => {
    const def = indicatorDef(i.code);
    const direction: Direction = i.direction ?? def?.direction ?? 'higher';
    return {
      code: i.code,
      weight: i.weight,
      direction,
      name: def?.label.zh ?? i.code,
      unit: def?.unit.zh ?? '',
    };
  });
}

export function presentMethod(actor: Actor, m: RankingMethodRow): RankingMethod {
  const indicators = resolved(m);
  const manage = can(actor, 'reform:manage');
  return {
    id: m.id,
    name: m.name,
    nameEn: m.name_en,
    subject: m.subject,
    periodKind: m.period_kind,
    normalisation: m.normalisation,
    indicators,
    status: m.status,
    isDefault: m.is_default === 1,
    issuer: m.issuer,
    docNo: m.doc_no,
    effectiveFrom: m.effective_from,
    effectiveTo: m.effective_to,
    description: m.description,
    formula: formulaText(m.normalisation, indicators),
    version: m.version,
    createdAt: m.created_at,
    activatedAt: m.activated_at,
    abilities: {
      update: manage && m.status === 'draft',
      activate: manage && m.status === 'draft',
      retire: manage && m.status === 'active',
      copy: manage,
    },
  };
}

function validate(input: {
  subject: RankingMethodTable['subject'];
  periodKind: RankingMethodTable['period_kind'];
  indicators: RankingIndicator[];
}) {
  const seen = new Set<string>();
  for (const i of input.indicators) {
    const def = indicatorDef(i.code);
    if (!def) throw ruleViolation(`指标 ${i.code} 不存在`, `No indicator ${i.code}`, { field: 'indicators' });
    if (seen.has(i.code))
      throw ruleViolation(`指标 ${i.code} 重复`, `Indicator ${i.code} appears twice`, {
        field: 'indicators',
      });
    seen.add(i.code);
    if (!def.breakdowns.includes(input.subject))
      throw ruleViolation(
        `指标“${def.label.zh}”不能按${input.subject === 'zone' ? '园区' : '地区'}归集，不能用于该排名`,
        `indicator ${i.code} has no ${input.subject} breakdown`,
        { field: 'indicators' },
      );
    if (!def.periods.includes(input.periodKind))
      throw ruleViolation(
        `指标“${def.label.zh}”不支持该统计期类型`,
        `indicator ${i.code} does not support ${input.periodKind} periods`,
        { field: 'periodKind' },
      );
  }
}

export async function listMethods(
  deps: Deps,
  actor: Actor,
  q: { status?: string; subject?: string },
): Promise<RankingMethod[]> {
  requirePermission(actor, 'indicator:read');
  return (await repo.listMethods(deps.db, q)).map((m) => presentMethod(actor, m));
}

export async function getMethod(deps: Deps, actor: Actor, id: string): Promise<RankingMethod> {
  requirePermission(actor, 'indicator:read');
  const m = await repo.findMethod(deps.db, id);
  if (!m) throw notFound();
  return presentMethod(actor, m);
}

export async function createMethod(
  deps: Deps,
  actor: Actor,
  input: RankingMethodCreate,
): Promise<RankingMethod> {
  requirePermission(actor, 'reform:manage');
  validate(input);
  const at = nowIso();
  const row: RankingMethodTable = {
    id: newId(),
    name: input.name,
    name_en: input.nameEn ?? null,
    subject: input.subject,
    period_kind: input.periodKind,
    normalisation: input.normalisation,
    indicators: JSON.stringify(input.indicators),
    status: 'draft',
    is_default: 0,
    issuer: input.issuer ?? null,
    doc_no: input.docNo ?? null,
    effective_from: input.effectiveFrom ?? null,
    effective_to: input.effectiveTo ?? null,
    description: input.description ?? null,
    version: 1,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    activated_by: null,
    activated_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertMethod(trx, row);
    await recordAudit(trx, actor, {
      entity: 'ranking_method',
      entityId: row.id,
      action: 'create',
      after: row,
    });
  });
  return presentMethod(actor, row);
}

export async function updateMethod(
  deps: Deps,
  actor: Actor,
  id: string,
  input: RankingMethodUpdate,
): Promise<RankingMethod> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findMethod(trx, id);
    if (!before) throw notFound();
    if (before.status !== 'draft')
      throw ruleViolation(
        '已启用或已停用的排名方法不能修改，请复制为新草稿后修改',
        'an active or retired method is never edited: copy it into a new draft',
        { status: before.status },
      );
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentMethod(actor, before) },
      );
    const next = {
      subject: input.subject ?? before.subject,
      periodKind: input.periodKind ?? before.period_kind,
      indicators: input.indicators ?? parseIndicators(before),
    };
    validate(next);
    const set: Partial<RankingMethodTable> = {
      updated_at: nowIso(),
      subject: next.subject,
      period_kind: next.periodKind,
      indicators: JSON.stringify(next.indicators),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.normalisation !== undefined ? { normalisation: input.normalisation } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
      ...(input.docNo !== undefined ? { doc_no: input.docNo } : {}),
      ...(input.effectiveFrom !== undefined ? { effective_from: input.effectiveFrom } : {}),
      ...(input.effectiveTo !== undefined ? { effective_to: input.effectiveTo } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    if (!(await repo.updateMethod(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version });
    const after = (await repo.findMethod(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'ranking_method',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return presentMethod(actor, after);
  });
}

/** Activates a draft; the previously active method of the same subject and period kind is retired. */
export async function activateMethod(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
): Promise<RankingMethod> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findMethod(trx, id);
    if (!before) throw notFound();
    if (before.status !== 'draft')
      throw ruleViolation('只有草稿可以启用', 'only a draft can be activated', { status: before.status });
    if (before.version !== version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentMethod(actor, before) },
      );
    const at = nowIso();
    await repo.retireOthers(trx, before, at);
    await repo.updateMethod(trx, id, version, {
      status: 'active',
      activated_by: actor.userId,
      activated_at: at,
      updated_at: at,
    });
    const after = (await repo.findMethod(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'ranking_method',
      entityId: id,
      action: 'approve',
      before: { status: before.status },
      after: { status: after.status },
    });
    return presentMethod(actor, after);
  });
}

export async function retireMethod(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number,
): Promise<RankingMethod> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findMethod(trx, id);
    if (!before) throw notFound();
    if (before.status !== 'active')
      throw ruleViolation('只有启用中的方法可以停用', 'only an active method can be retired', {
        status: before.status,
      });
    if (before.version !== version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentMethod(actor, before) },
      );
    await repo.updateMethod(trx, id, version, { status: 'retired', updated_at: nowIso() });
    const after = (await repo.findMethod(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'ranking_method',
      entityId: id,
      action: 'update',
      before: { status: before.status },
      after: { status: after.status },
    });
    return presentMethod(actor, after);
  });
}

/** The ranking table of a period under a method (the given one, else the active method of the subject for the period's kind). */
export async function getRanking(
  deps: Deps,
  actor: Actor,
  q: { method?: string; subject?: 'region' | 'zone'; period: string },
  today = todayCst(),
): Promise<RankingTable> {
  requirePermission(actor, 'indicator:read');
  const period = parsePeriod(q.period);
  if (!period) throw new AppError('VALIDATION_FAILED', { detail: `period ${q.period}` });
  let m: RankingMethodRow | undefined;
  if (q.method) {
    m = await repo.findMethod(deps.db, q.method);
    if (!m) throw notFound();
  } else {
    // the active method for the period's kind whose effective dates (when given) cover the period
    m = (await repo.activeMethods(deps.db, q.subject ?? 'region')).find(
      (x) =>
        x.period_kind === period.kind &&
        (!x.effective_from || x.effective_from <= period.end) &&
        (!x.effective_to || x.effective_to >= period.start),
    );
    if (!m)
      throw ruleViolation(
        '没有适用于该统计期的启用中排名方法',
        `no active ranking method for ${period.kind} periods`,
        { field: 'period' },
      );
  }
  if (m.period_kind !== period.kind)
    throw ruleViolation(
      '统计期类型与排名方法不符',
      `the method ranks ${m.period_kind} periods, not ${period.kind}`,
      { field: 'period' },
    );
  const root = await organisationRegion(deps.db);
  const prefix = root ? regionPrefix(root) : null;
  const subjects =
    m.subject === 'region' ? await repo.regionSubjects(deps.db, root) : await repo.zoneSubjects(deps.db);
  const system = systemActor('ranking');
  const indicators = resolved(m);
  let locked = false;
  const inputs = [];
  for (const ind of indicators) {
    const def = indicatorDef(ind.code);
    if (!def) throw ruleViolation(`指标 ${ind.code} 不存在`, `No indicator ${ind.code}`);
    const f = await figure(deps.db, system, def, period, prefix, today);
    locked = locked || f.locked;
    const groups =
      m.subject === 'zone'
        ? groupBy(f.current, 'zone')
        : new Map(
            subjects.map((s) => [
              s.key,
              f.current.filter((c) => c.regionCode.startsWith(regionPrefix(s.key))),
            ]),
          );
    inputs.push({
      ...ind,
      values: subjects.map((s) =>
        groups.get(s.key)?.length
          ? aggregate(def.kind, groups.get(s.key)!)
          : def.kind === 'count' || def.kind === 'amount'
            ? 0
            : null,
      ),
    });
  }
  const rows = score({ subjects, indicators: inputs, normalisation: m.normalisation });
  return {
    period: period.key,
    periodLabel: period.label.zh,
    method: presentMethod(actor, m),
    locked,
    rows: rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => ({
        ...c,
        drill:
          m!.subject === 'zone'
            ? drillOf(c.code, period.key, root, { zone: r.key })
            : drillOf(c.code, period.key, r.key),
      })),
    })),
  };
}

/** The districts (county-level regions) or zones ranked, for other capabilities (the briefing's region table). */
export async function rankingSubjects(
  db: Db,
  subject: 'region' | 'zone',
): Promise<Array<{ key: string; name: string }>> {
  return subject === 'region' ? repo.regionSubjects(db, await organisationRegion(db)) : repo.zoneSubjects(db);
}
