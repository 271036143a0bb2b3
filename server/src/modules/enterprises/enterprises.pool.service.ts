import type { z } from 'zod';
import type {
  Candidate,
  CandidateCreate,
  CandidateListQuery,
  CandidateUpdate,
  EligibilityTier,
  HitechCandidate,
  HitechExpiring,
  QualificationStatus,
  RecomputeBody,
  RecomputeResult,
  RuleSet,
  RuleSetCreate,
  RuleSetListQuery,
  RuleSetUpdate,
  ViewQuery,
} from '../../../../contracts/schemas/enterprises';
import { ELIGIBILITY_TIERS, RULE_PARAM_SCHEMAS } from '../../../../contracts/schemas/enterprises';
import type { Actor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { EXPIRING_WITHIN_MONTHS } from './enterprises.config';
import { loadRuleSets, recomputeBulk, summarise, type RuleSetCache } from './enterprises.eligibility.service';
import { presentCandidate, presentRuleSet } from './enterprises.presenter';
import * as repo from './enterprises.repository';
import { addMonths } from './enterprises.rules';
import type { EnterpriseCandidateTable, EligibilityRuleSetTable } from './enterprises.table';

type Deps = { db: Db };

// ── rule sets ───────────────────────────────────────────────────────────────────────────────────

export async function listRuleSets(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof RuleSetListQuery>,
): Promise<RuleSet[]> {
  return (await repo.listRuleSets(deps.db, q)).map((r) => presentRuleSet(actor, r));
}

function validateParams(tier: EligibilityTier, params: unknown) {
  const parsed = RULE_PARAM_SCHEMAS[tier].safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `params.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError(
      'VALIDATION_FAILED',
      { detail },
      parsed.error.issues.map((i) => ({ path: `params.${i.path.join('.')}`, message: i.message })),
    );
  }
  return parsed.data;
}

/** A new version of a tier's criteria. Results computed before keep naming the rule set they used. */
export async function createRuleSet(deps: Deps, actor: Actor, input: RuleSetCreate): Promise<RuleSet> {
  const params = validateParams(input.tier, input.params);
  return deps.db.transaction().execute(async (trx) => {
    const id = input.id ?? newId();
    if (await repo.findRuleSet(trx, id))
      throw new AppError('DUPLICATE', { detail: { zh: '规则集编号', en: 'rule set id' } });
    if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
      throw ruleViolation('失效日期不能早于生效日期', 'effectiveTo cannot precede effectiveFrom', {
        field: 'effectiveTo',
      });
    const at = nowIso();
    const row: EligibilityRuleSetTable = {
      id,
      tier: input.tier,
      name: input.name,
      issuer: input.issuer ?? null,
      doc_no: input.docNo ?? null,
      effective_from: input.effectiveFrom,
      effective_to: input.effectiveTo ?? null,
      params: JSON.stringify(params),
      status: input.status ?? 'draft',
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertRuleSet(trx, row);
    await recordAudit(trx, actor, {
      entity: 'eligibility_rule_set',
      entityId: id,
      action: 'create',
      after: row,
    });
    return presentRuleSet(actor, row);
  });
}

/** Params change only while a draft; status and effective dates may change any time (then recompute). */
export async function updateRuleSet(
  deps: Deps,
  actor: Actor,
  id: string,
  input: RuleSetUpdate,
): Promise<RuleSet> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRuleSet(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentRuleSet(actor, before) },
      );
    const set: Partial<EligibilityRuleSetTable> = { updated_at: nowIso() };
    if (input.params !== undefined) {
      if (before.status !== 'draft' && (await repo.countResultsOfRuleSet(trx, id)) > 0)
        throw ruleViolation(
          '已启用并产生结果的规则集不能修改参数，请新建一个版本',
          'A rule set that has produced results cannot change its parameters: create a new version',
          { field: 'params' },
        );
      set.params = JSON.stringify(validateParams(before.tier as EligibilityTier, input.params));
    }
    if (input.name !== undefined) set.name = input.name;
    if (input.issuer !== undefined) set.issuer = input.issuer;
    if (input.docNo !== undefined) set.doc_no = input.docNo;
    if (input.effectiveFrom !== undefined) set.effective_from = input.effectiveFrom;
    if (input.effectiveTo !== undefined) set.effective_to = input.effectiveTo;
    if (input.status !== undefined) set.status = input.status;
    const from = set.effective_from ?? before.effective_from;
    const to = set.effective_to !== undefined ? set.effective_to : before.effective_to;
    if (to && to < from)
      throw ruleViolation('失效日期不能早于生效日期', 'effectiveTo cannot precede effectiveFrom', {
        field: 'effectiveTo',
      });
    if (!(await repo.updateRuleSet(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    const after = (await repo.findRuleSet(trx, id))!;
    await recordAudit(trx, actor, {
      entity: 'eligibility_rule_set',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return presentRuleSet(actor, after);
  });
}

export async function recompute(deps: Deps, actor: Actor, body: RecomputeBody): Promise<RecomputeResult> {
  return recomputeBulk(deps.db, actor, { ...body, scope: actor });
}

// ── views ───────────────────────────────────────────────────────────────────────────────────────

const ref = (r: {
  id: string;
  credit_code: string;
  name: string;
  region_code: string;
  region_name: string | null;
}) => ({
  id: r.id,
  creditCode: r.credit_code,
  name: r.name,
  regionCode: r.region_code,
  regionName: r.region_name,
});

/** 符合高企条件但未申报: the latest stored 高企 result passes, and no 高企 is in force or under review. */
export async function hitechCandidates(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof ViewQuery>,
): Promise<Page<z.infer<typeof HitechCandidate>>> {
  const today = todayCst();
  const { rows, total } = await repo.hitechCandidates(deps.db, actor, q, today, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  const cache = await loadRuleSets(deps.db);
  const last = await repo.lastHitechOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    data: rows.map((r) => {
      const l = last.find((x) => x.enterprise_id === r.id);
      return {
        enterprise: ref(r),
        eligibility: summarise(cache, r),
        lastHitech: l
          ? {
              id: l.id,
              validTo: l.valid_to,
              status: (l.status === 'active' && l.valid_to && l.valid_to < today
                ? 'expired'
                : l.status) as QualificationStatus,
            }
          : null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** 高企到期需复审: in force, validity ending within the window (12 months by default), not yet renewed. */
export async function hitechExpiring(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof ViewQuery>,
): Promise<Page<z.infer<typeof HitechExpiring>>> {
  const today = todayCst();
  const until = addMonths(today, q.withinMonths ?? EXPIRING_WITHIN_MONTHS);
  const { rows, total } = await repo.hitechExpiring(
    deps.db,
    actor,
    { regionCode: q.regionCode, until },
    today,
    { limit: q.pageSize, offset: offsetOf(q.page, q.pageSize) },
  );
  const cache = await loadRuleSets(deps.db);
  const results = await repo.latestResults(
    deps.db,
    rows.map((r) => r.id),
    'hitech',
  );
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  return {
    data: rows.map((r) => {
      const res = results.find((x) => x.enterprise_id === r.id);
      return {
        enterprise: ref(r),
        qualification: {
          id: r.qualification_id,
          certNo: r.cert_no,
          grantedOn: r.granted_on,
          validTo: r.valid_to!,
        },
        daysLeft: Math.round(day(r.valid_to!) - day(today)),
        eligibility: res ? summarise(cache, res) : null,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ── candidate pool (后备库) ─────────────────────────────────────────────────────────────────────

const CANDIDATE_SORTS = {
  since: 'c.since',
  enterpriseName: 'enterprises.name',
  targetTier: 'c.target_tier',
  updatedAt: 'c.updated_at',
} as const;

async function decorate(
  db: Executor,
  actor: Actor,
  rows: Array<Parameters<typeof presentCandidate>[1]>,
  cache?: RuleSetCache,
): Promise<Candidate[]> {
  if (!rows.length) return [];
  const rs = cache ?? (await loadRuleSets(db));
  const ids = [...new Set(rows.map((r) => r.enterprise_id))];
  const tiers = [...new Set(rows.map((r) => r.target_tier))].filter((t): t is EligibilityTier =>
    (ELIGIBILITY_TIERS as readonly string[]).includes(t),
  );
  const results = (await Promise.all(tiers.map((t) => repo.latestResults(db, ids, t)))).flat();
  const held = await repo.heldTypes(db, ids, todayCst());
  return rows.map((c) => {
    const res = results.find((r) => r.enterprise_id === c.enterprise_id && r.tier === c.target_tier);
    return presentCandidate(actor, c, {
      eligibility: res ? summarise(rs, res) : null,
      achieved: held.some((h) => h.enterprise_id === c.enterprise_id && h.type === c.target_tier),
    });
  });
}

export async function listCandidates(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof CandidateListQuery>,
): Promise<Page<Candidate>> {
  const sort = parseSort(q.sort, CANDIDATE_SORTS, { column: 'c.since', desc: true });
  const { rows, total } = await repo.listCandidates(deps.db, actor, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  return { data: await decorate(deps.db, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

async function loadCandidate(db: Executor, actor: Actor, id: string) {
  const c = await repo.findCandidateScoped(db, actor, id);
  if (!c) throw notFound();
  return (await decorate(db, actor, [c]))[0]!;
}

export const getCandidate = (deps: Deps, actor: Actor, id: string) => loadCandidate(deps.db, actor, id);

async function requireMentor(db: Executor, id: string | null | undefined) {
  if (id && !(await repo.findUnit(db, id)))
    throw ruleViolation('帮扶单位不存在', 'The mentor unit does not exist', { field: 'mentorUnitId' });
}

export async function createCandidate(deps: Deps, actor: Actor, input: CandidateCreate): Promise<Candidate> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.findEnterpriseScoped(trx, actor, input.enterpriseId);
    if (!e) throw notFound();
    if (await repo.findCandidateByTarget(trx, e.id, input.targetTier))
      throw new AppError('DUPLICATE', {
        detail: {
          zh: '后备库记录（同一企业、同一培育目标）',
          en: 'candidate (same enterprise and target tier)',
        },
      });
    await requireMentor(trx, input.mentorUnitId);
    const at = nowIso();
    const row: EnterpriseCandidateTable = {
      id: newId(),
      enterprise_id: e.id,
      region_code: e.region_code,
      target_tier: input.targetTier,
      mentor_unit_id: input.mentorUnitId ?? null,
      since: input.since ?? todayCst(),
      note: input.note ?? null,
      created_by: actor.userId,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertCandidates(trx, [row]);
    await recordAudit(trx, actor, {
      entity: 'enterprise_candidate',
      entityId: row.id,
      action: 'create',
      regionCode: e.region_code,
      after: row,
    });
    return loadCandidate(trx, actor, row.id);
  });
}

export async function updateCandidate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CandidateUpdate,
): Promise<Candidate> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findCandidateScoped(trx, actor, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: (await decorate(trx, actor, [before]))[0] },
      );
    const set: Partial<EnterpriseCandidateTable> = { updated_at: nowIso() };
    if (input.targetTier !== undefined && input.targetTier !== before.target_tier) {
      if (await repo.findCandidateByTarget(trx, before.enterprise_id, input.targetTier))
        throw new AppError('DUPLICATE', {
          detail: {
            zh: '后备库记录（同一企业、同一培育目标）',
            en: 'candidate (same enterprise and target tier)',
          },
        });
      set.target_tier = input.targetTier;
    }
    if (input.mentorUnitId !== undefined) {
      await requireMentor(trx, input.mentorUnitId);
      set.mentor_unit_id = input.mentorUnitId;
    }
    if (input.since !== undefined) set.since = input.since;
    if (input.note !== undefined) set.note = input.note;
    if (!(await repo.updateCandidate(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    const {
      credit_code: _c,
      enterprise_name: _n,
      enterprise_region_code: _r,
      region_name: _rn,
      mentor_unit_name: _m,
      ...row
    } = before;
    await recordAudit(trx, actor, {
      entity: 'enterprise_candidate',
      entityId: id,
      action: 'update',
      regionCode: before.region_code,
      before: row,
      after: { ...row, ...set },
    });
    return loadCandidate(trx, actor, id);
  });
}

export async function deleteCandidate(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findCandidateScoped(trx, actor, id);
    if (!before) throw notFound();
    await repo.deleteCandidate(trx, id);
    const {
      credit_code: _c,
      enterprise_name: _n,
      enterprise_region_code: _r,
      region_name: _rn,
      mentor_unit_name: _m,
      ...row
    } = before;
    await recordAudit(trx, actor, {
      entity: 'enterprise_candidate',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before: row,
    });
  });
}
