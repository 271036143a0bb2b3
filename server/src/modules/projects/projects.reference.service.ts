import type { z } from 'zod';
import {
  MILESTONES,
  PROJECT_DOC_TYPES,
  type ChainsUpdate,
  type EvidenceRulesResponse,
  type EvidenceRulesUpdate,
  type IndustryQuery,
  type SavedView,
  type SavedViewCreate,
  type StatsByDistrictResponse,
} from '../../../../contracts/schemas/projects';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import * as repo from './projects.repository';
import { DEFAULT_CONFIRM_PERMISSION } from './projects.reference';
import type { Deps } from './projects.service';

/** Reference lists (chains, GB/T 4754, evidence rules), saved views and the district aggregate. */

export async function listChains(deps: Deps, activeOnly: boolean) {
  return (await repo.listChains(deps.db, activeOnly)).map((c) => ({
    code: c.code,
    name: c.name,
    sort: c.sort,
    active: c.active === 1,
  }));
}

/** Replaces the configured chains: listed ones are created or updated, unlisted ones deactivated (never deleted). */
export async function replaceChains(deps: Deps, actor: Actor, input: z.infer<typeof ChainsUpdate>) {
  requirePermission(actor, 'ruleset:manage');
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.listChains(trx);
    for (const [i, c] of input.chains.entries())
      await repo.upsertChain(trx, {
        code: c.code,
        name: c.name,
        sort: c.sort ?? i + 1,
        active: c.active === false ? 0 : 1,
      });
    await repo.deactivateChainsExcept(
      trx,
      input.chains.map((c) => c.code),
    );
    const after = await repo.listChains(trx);
    await recordAudit(trx, actor, {
      entity: 'chain',
      entityId: 'chains',
      action: 'update',
      before: { chains: before },
      after: { chains: after },
    });
  });
  return listChains(deps, false);
}

export async function listIndustries(deps: Deps, q: z.infer<typeof IndustryQuery>) {
  return repo.listIndustries(deps.db, q);
}

export async function listEvidenceRules(
  deps: Deps,
  actor: Actor,
): Promise<z.infer<typeof EvidenceRulesResponse>> {
  requirePermission(actor, 'project:read');
  const rows = await repo.listEvidenceRules(deps.db);
  const order = new Map(MILESTONES.map((m, i) => [m.key as string, i]));
  return {
    data: rows
      .sort((a, b) => (order.get(a.milestone) ?? 99) - (order.get(b.milestone) ?? 99))
      .map((r) => {
        const m = MILESTONES.find((x) => x.key === r.milestone)!;
        return {
          milestone: m.key,
          label: { zh: m.zh, en: m.en },
          requirements: JSON.parse(r.requirements),
          confirmPermission: r.confirm_permission as never,
          active: r.active === 1,
          version: r.version,
          updatedAt: r.updated_at,
        };
      }),
    docTypes: PROJECT_DOC_TYPES,
  };
}

/** Creates or updates the listed rules (a rule can be switched off with active: false; unlisted rules stay as they are). */
export async function updateEvidenceRules(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof EvidenceRulesUpdate>,
) {
  requirePermission(actor, 'ruleset:manage');
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.listEvidenceRules(trx);
    const at = nowIso();
    for (const r of input.rules) {
      const old = before.find((b) => b.milestone === r.milestone);
      await repo.upsertEvidenceRule(trx, {
        id: old?.id ?? newId(),
        milestone: r.milestone,
        requirements: JSON.stringify(r.requirements),
        confirm_permission: r.confirmPermission ?? old?.confirm_permission ?? DEFAULT_CONFIRM_PERMISSION,
        active: r.active === false ? 0 : 1,
        updated_at: at,
      });
    }
    const after = await repo.listEvidenceRules(trx);
    const slim = (rows: typeof after) =>
      Object.fromEntries(
        rows.map((x) => [
          x.milestone,
          { requirements: x.requirements, permission: x.confirm_permission, active: x.active },
        ]),
      );
    await recordAudit(trx, actor, {
      entity: 'evidence_rule',
      entityId: 'projects',
      action: 'update',
      before: slim(before),
      after: slim(after),
    });
  });
  return listEvidenceRules(deps, actor);
}

// ---------------------------------------------------------------- saved views (per user)

const presentView = (v: {
  id: string;
  ledger: string;
  name: string;
  query: string;
  created_at: string;
}): z.infer<typeof SavedView> => ({
  id: v.id,
  ledger: v.ledger,
  name: v.name,
  query: JSON.parse(v.query),
  createdAt: v.created_at,
});

const ownUser = (actor: Actor) => {
  if (!actor.userId) throw new AppError('FORBIDDEN');
  return actor.userId;
};

export async function listSavedViews(deps: Deps, actor: Actor, ledger: string) {
  return (await repo.savedViewsOf(deps.db, ownUser(actor), ledger)).map(presentView);
}

export async function createSavedView(deps: Deps, actor: Actor, input: z.infer<typeof SavedViewCreate>) {
  const row = {
    id: newId(),
    user_id: ownUser(actor),
    ledger: input.ledger,
    name: input.name,
    query: JSON.stringify(input.query),
    created_at: nowIso(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSavedView(trx, row);
    await recordAudit(trx, actor, { entity: 'saved_view', entityId: row.id, action: 'create', after: row });
  });
  return presentView(row);
}

export async function deleteSavedView(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    const v = await repo.savedViewOf(trx, ownUser(actor), id);
    if (!v) throw notFound();
    await repo.deleteSavedView(trx, id);
    await recordAudit(trx, actor, { entity: 'saved_view', entityId: id, action: 'delete', before: v });
  });
}

// ---------------------------------------------------------------- aggregate by district

export async function statsByDistrict(
  deps: Deps,
  actor: Actor,
  year: number,
): Promise<z.infer<typeof StatsByDistrictResponse>> {
  requirePermission(actor, 'project:read');
  const totals = await repo.projectTotalsByRegion(deps.db, actor, year);
  const month = await repo.latestReportedMonth(deps.db, actor, year);
  const ytd = new Map(
    month
      ? (await repo.ytdByRegion(deps.db, actor, month)).map((r) => [r.region_code, Number(r.ytd ?? 0)])
      : [],
  );
  const codes = [...new Set([...totals.map((t) => t.region_code), ...ytd.keys()])].sort();
  const names = new Map((await repo.regionsByCodes(deps.db, codes)).map((r) => [r.code, r.name]));
  const byCode = new Map(totals.map((t) => [t.region_code, t]));
  return {
    year,
    month,
    data: codes.map((code) => {
      const t = byCode.get(code);
      return {
        regionCode: code,
        regionName: names.get(code) ?? null,
        projects: Number(t?.projects ?? 0),
        agreedInvestment: Number(t?.agreed ?? 0),
        startedInYear: Number(t?.started_in_year ?? 0),
        startedToDate: Number(t?.started_to_date ?? 0),
        ytdInvestment: ytd.get(code) ?? 0,
      };
    }),
  };
}
