import type {
  EligibilityResult,
  EligibilityTier,
  QualificationLevel,
  QualificationStatus,
  QualificationType,
  RecomputeBody,
  RecomputeResult,
} from '../../../../contracts/schemas/enterprises';
import { ELIGIBILITY_TIERS } from '../../../../contracts/schemas/enterprises';
import type { Actor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import type { Db, Executor } from '../../db/database';
import * as repo from './enterprises.repository';
import {
  decodeFigures,
  encodeFigures,
  evaluateEligibility,
  failedCriteria,
  judge,
  refDateOf,
  type EvalIndicators,
  type EvalQualification,
} from './enterprises.rules';
import type { EnterpriseEligibilityTable, RuleSetRow } from './enterprises.table';

/**
 * Stored eligibility: evaluation of every enterprise against the rule set in force for each tier and fiscal
 * year, kept in enterprise_eligibility (figures + pass). Recomputed for one enterprise whenever its
 * indicators, qualifications or founding facts change, and in bulk by POST /enterprises/eligibility/recompute.
 */

export type RuleSetCache = {
  byId: Map<string, RuleSetRow & { parsed: unknown }>;
  /** The active rule set of a tier in force at the end of a fiscal year, if any. */
  forYear(tier: EligibilityTier, year: number): (RuleSetRow & { parsed: unknown }) | null;
};

export async function loadRuleSets(db: Executor): Promise<RuleSetCache> {
  const rows = (await repo.listRuleSets(db)).map((r) => ({ ...r, parsed: JSON.parse(r.params) as unknown }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memo = new Map<string, (RuleSetRow & { parsed: unknown }) | null>();
  return {
    byId,
    forYear(tier, year) {
      const key = `${tier}:${year}`;
      if (memo.has(key)) return memo.get(key)!;
      const ref = refDateOf(year);
      const hit =
        rows
          .filter(
            (r) =>
              r.tier === tier &&
              r.status === 'active' &&
              r.effective_from <= ref &&
              (r.effective_to === null || r.effective_to === undefined || r.effective_to >= ref),
          )
          .sort((a, b) =>
            a.effective_from < b.effective_from
              ? 1
              : a.effective_from > b.effective_from
                ? -1
                : a.id < b.id
                  ? 1
                  : -1,
          )[0] ?? null;
      memo.set(key, hit);
      return hit;
    },
  };
}

type IndicatorLike = {
  year: number;
  revenue: number | null;
  rd_expense: number | null;
  rd_expense_domestic: number | null;
  hitech_revenue: number | null;
  staff: number | null;
  st_staff: number | null;
  ip_class1: number | null;
  ip_class2: number | null;
  valuation_usd: number | null;
  latest_round: string | null;
  total_assets: number | null;
  liabilities: number | null;
  profit: number | null;
};

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export function toEvalIndicators(r: IndicatorLike): EvalIndicators {
  return {
    revenue: n(r.revenue),
    rdExpense: n(r.rd_expense),
    rdExpenseDomestic: n(r.rd_expense_domestic),
    hitechRevenue: n(r.hitech_revenue),
    staff: n(r.staff),
    stStaff: n(r.st_staff),
    ipClass1: n(r.ip_class1),
    ipClass2: n(r.ip_class2),
    valuationUsd: n(r.valuation_usd),
    latestRound: r.latest_round,
    totalAssets: n(r.total_assets),
    liabilities: n(r.liabilities),
    profit: n(r.profit),
  };
}

type QualLike = {
  type: string;
  level: string;
  status: string;
  valid_from: string | null;
  valid_to: string | null;
};
export const toEvalQualification = (q: QualLike): EvalQualification => ({
  type: q.type as QualificationType,
  level: q.level as QualificationLevel,
  status: q.status as QualificationStatus,
  validFrom: q.valid_from,
  validTo: q.valid_to,
});

/** Evaluates one enterprise for the given years and tiers; returns the rows to store. */
export function evaluateRows(
  cache: RuleSetCache,
  e: { id: string; founded_on: string | null; listed: number },
  indicators: Map<number, EvalIndicators>,
  quals: EvalQualification[],
  years: number[],
  tiers: readonly EligibilityTier[],
  at: string,
): EnterpriseEligibilityTable[] {
  const out: EnterpriseEligibilityTable[] = [];
  const ent = { foundedOn: e.founded_on, listed: Boolean(e.listed), qualifications: quals };
  for (const year of years)
    for (const tier of tiers) {
      const rs = cache.forYear(tier, year);
      if (!rs) continue;
      const r = evaluateEligibility(
        { id: rs.id, tier, name: rs.name, params: rs.parsed },
        ent,
        indicators,
        year,
        {
          explain: false,
        },
      );
      out.push({
        enterprise_id: e.id,
        tier,
        year,
        rule_set_id: rs.id,
        pass: r.pass ? 1 : 0,
        is_latest: 1,
        details: encodeFigures(tier, r.figures),
        computed_at: at,
      });
    }
  return out;
}

/**
 * Re-evaluates one enterprise for every year it has indicators (all tiers), inside the caller's transaction.
 * Results of years without indicators any more are removed.
 */
export async function recomputeEnterprise(
  trx: Executor,
  enterpriseId: string,
  cache?: RuleSetCache,
): Promise<void> {
  const e = await repo.findEnterpriseById(trx, enterpriseId);
  if (!e) return;
  const rs = cache ?? (await loadRuleSets(trx));
  const indicatorRows = await repo.listIndicators(trx, enterpriseId);
  const quals = (await repo.qualificationsOf(trx, enterpriseId)).map(toEvalQualification);
  const byYear = new Map(indicatorRows.map((r) => [r.year, toEvalIndicators(r)]));
  const years = [...byYear.keys()];
  const rows = evaluateRows(rs, e, byYear, quals, years, ELIGIBILITY_TIERS, nowIso());
  await repo.deleteResults(trx, enterpriseId, years);
  // A tier whose rule set no longer applies to a year leaves no stale row behind.
  for (const y of years) {
    const evaluated = new Set(rows.filter((r) => r.year === y).map((r) => r.tier));
    await repo.deleteResultsOfTiers(
      trx,
      enterpriseId,
      y,
      ELIGIBILITY_TIERS.filter((t) => !evaluated.has(t)),
    );
  }
  await repo.upsertResults(trx, rows);
  await repo.refreshLatest(trx, { first: enterpriseId, last: enterpriseId });
}

/**
 * Bulk recomputation in keyset chunks of enterprises, each chunk written in its own short transaction so a
 * long run never holds the database. Without `year`, each enterprise is evaluated on its latest indicator year.
 */
export async function recomputeBulk(
  db: Db,
  actor: Actor | null,
  body: RecomputeBody & { ids?: string[]; scope?: Actor },
  opts: { chunk?: number; inTransaction?: boolean; audit?: boolean } = {},
): Promise<RecomputeResult> {
  const started = performance.now();
  const tiers = body.tiers ?? ELIGIBILITY_TIERS;
  const cache = await loadRuleSets(db);
  const chunk = opts.chunk ?? 1000;
  const passed: Record<string, number> = Object.fromEntries(tiers.map((t) => [t, 0]));
  let enterprises = 0;
  let results = 0;
  let after: string | null = null;
  const at = nowIso();
  for (;;) {
    const list = await repo.enterpriseChunk(db, after, chunk, {
      regionCode: body.regionCode,
      ids: body.ids,
      actor: body.scope,
    });
    if (!list.length) break;
    after = list[list.length - 1]!.id;
    const first = list[0]!.id;
    const ids = new Set(list.map((e) => e.id));
    const indicators = await repo.indicatorsInRange(
      db,
      first,
      after,
      body.year ? { from: body.year - 5, to: body.year } : undefined,
    );
    const byEnterprise = new Map<string, Map<number, EvalIndicators>>();
    for (const r of indicators) {
      if (!ids.has(r.enterprise_id)) continue;
      let m = byEnterprise.get(r.enterprise_id);
      if (!m) byEnterprise.set(r.enterprise_id, (m = new Map()));
      m.set(Number(r.year), toEvalIndicators(r as IndicatorLike));
    }
    const quals = new Map<string, EvalQualification[]>();
    for (const q of await repo.qualificationsInRange(db, first, after)) {
      if (!ids.has(q.enterprise_id)) continue;
      let l = quals.get(q.enterprise_id);
      if (!l) quals.set(q.enterprise_id, (l = []));
      l.push(toEvalQualification(q));
    }
    const rows: EnterpriseEligibilityTable[] = [];
    for (const e of list) {
      const byYear = byEnterprise.get(e.id);
      if (!byYear) continue;
      const year = body.year ?? Math.max(...byYear.keys());
      if (!byYear.has(year) && body.year) continue;
      enterprises++;
      const r = evaluateRows(cache, e, byYear, quals.get(e.id) ?? [], [year], tiers, at);
      for (const x of r) if (x.pass) passed[x.tier] = (passed[x.tier] ?? 0) + 1;
      rows.push(...r);
    }
    results += rows.length;
    const write = async (trx: Db) => {
      await repo.upsertResults(trx, rows);
      // an explicit older year must not displace a later stored one as "current"
      await repo.refreshLatest(trx, { first, last: after! });
    };
    if (opts.inTransaction) await write(db);
    else await db.transaction().execute(write);
    if (list.length < chunk) break;
  }
  const out = { enterprises, results, passed, durationMs: Math.round(performance.now() - started) };
  if (opts.audit !== false) {
    const write = (trx: Db) =>
      recordAudit(trx, actor, {
        entity: 'enterprise_eligibility',
        entityId: 'bulk',
        action: 'recompute',
        payload: {
          year: body.year ?? null,
          tiers: body.tiers ?? null,
          regionCode: body.regionCode ?? null,
          ...out,
        },
      });
    if (opts.inTransaction) await write(db);
    else await db.transaction().execute(write);
  }
  return out;
}

/** A stored row explained again: the rule set's frozen params applied to the stored figures. */
export function explainStored(
  cache: RuleSetCache,
  row: { tier: string; year: number; rule_set_id: string; details: string; computed_at: string },
): EligibilityResult | null {
  const rs = cache.byId.get(row.rule_set_id);
  if (!rs) return null;
  const tier = row.tier as EligibilityTier;
  const figures = decodeFigures(tier, row.details);
  const j = judge(tier, rs.parsed, figures);
  const applicable = cache.forYear(tier, row.year);
  return {
    tier,
    ruleSetId: rs.id,
    ruleSetName: rs.name,
    docNo: rs.doc_no,
    year: row.year,
    pass: j.pass,
    criteria: j.criteria,
    manualChecks: j.manualChecks,
    computedAt: row.computed_at,
    stale: applicable?.id !== rs.id || rs.updated_at > row.computed_at,
  };
}

/** The short form used in lists: pass and the ids of the criteria that failed. */
export function summarise(
  cache: RuleSetCache,
  row: {
    tier: string;
    year: number;
    rule_set_id: string;
    pass: number;
    details: string;
    computed_at: string;
  },
) {
  const rs = cache.byId.get(row.rule_set_id);
  const failed = rs
    ? failedCriteria(
        judge(
          row.tier as EligibilityTier,
          rs.parsed,
          decodeFigures(row.tier as EligibilityTier, row.details),
          {
            explain: false,
          },
        ).criteria,
      )
    : [];
  return {
    tier: row.tier as EligibilityTier,
    year: row.year,
    pass: Boolean(row.pass),
    failed,
    computedAt: row.computed_at,
  };
}
