import { PROJECT_CATEGORIES } from '../../../../contracts/schemas/projects';
import type { Oc4idsQuery } from '../../../../contracts/schemas/results';
import { regionPrefix, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { nowIso } from '../../core/clock';
import { ruleViolation } from '../../core/errors';
import type { Db } from '../../db/database';
import { timeSequencedTarget } from '../projects/projects.progress';
import { toOc4idsProject, toPackage, type ProjectFacts } from './oc4ids.mapping';
import * as repo from './oc4ids.repository';

/**
 * GET /api/v1/oc4ids/project-package.json: the project pipeline as an OC4IDS project package, in the caller's
 * project data scope. Leads (stages before 签约) are confidential 招商信息 and stay out unless asked for with
 * stageFrom (and then only within scope). An empty selection is refused (422): the package schema requires at
 * least one project.
 */
type Deps = { db: Db };

const LABEL = new Map<string, string>(PROJECT_CATEGORIES.map((c) => [c.value, c.zh]));

function curveOf(s: string | null): number[] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) && v.length === 12 && v.every((x) => typeof x === 'number')
      ? (v as number[])
      : null;
  } catch {
    return null;
  }
}

export async function projectPackage(deps: Deps, actor: Actor, q: Oc4idsQuery, uri: string) {
  requirePermission(actor, 'project:read');
  const rows = await repo.projects(deps.db, actor, {
    prefix: q.region ? regionPrefix(q.region) : null,
    stageFrom: q.stageFrom ?? 3,
    category: q.category,
    signedFrom: q.signedFrom,
    signedTo: q.signedTo,
    updatedSince: q.updatedSince,
    limit: q.limit ?? 1000,
  });
  if (!rows.length)
    throw ruleViolation(
      '没有符合条件的项目（OC4IDS 项目包至少包含一个项目）',
      'no project matches (an OC4IDS project package holds at least one project)',
    );
  const ids = rows.map((r) => r.id);
  const [plans, monthly] = await Promise.all([repo.plans(deps.db, ids), repo.monthly(deps.db, ids)]);
  const projects = rows.map((r) => {
    const facts: ProjectFacts = {
      id: r.id,
      internalId: r.internal_id,
      projectCode: r.project_code,
      name: r.name,
      description: r.description,
      category: r.category,
      categoryLabel: LABEL.get(r.category) ?? r.category,
      constructionNature: r.construction_nature,
      stage: r.stage,
      terminated: r.terminated === 1,
      regionCode: r.region_code,
      regionName: r.region_name,
      parkName: r.park_name,
      industryCode: r.industry_code,
      industrySection: r.industry_section,
      industryName: r.industry_name,
      investor: r.investor_name ? { name: r.investor_name, creditCode: r.investor_credit_code } : null,
      company: r.company_name ? { name: r.company_name, creditCode: r.company_credit_code } : null,
      responsibleUnit: r.responsible_unit_name
        ? { id: r.responsible_unit_id, name: r.responsible_unit_name }
        : null,
      zoneUnit: r.zone_unit_id && r.zone_unit_name ? { id: r.zone_unit_id, name: r.zone_unit_name } : null,
      agreedYuan: r.agreed_investment,
      filedYuan: r.filed_investment,
      usd: r.foreign_amount_usd,
      fxRate: r.fx_rate,
      filedOn: r.actual_filed_on,
      plannedStartOn: r.planned_started_on,
      startedOn: r.actual_started_on,
      plannedCompletedOn: r.planned_completed_on,
      completedOn: r.actual_completed_on,
      updatedAt: r.updated_at,
      plans: plans
        .filter((p) => p.project_id === r.id)
        .map((p) => {
          const curve = curveOf(p.curve);
          return {
            year: p.year,
            planYuan: p.plan_investment,
            target: (m: number) => timeSequencedTarget(p.plan_investment, curve, m),
          };
        }),
      monthly: monthly
        .filter((m) => m.project_id === r.id)
        .map((m) => ({
          month: m.month,
          ytdYuan: m.ytd_investment,
          cumulativeYuan: m.cumulative_investment,
          physicalPct: m.physical_progress_pct,
        })),
    };
    return toOc4idsProject(facts);
  });
  const publishedDate =
    rows.reduce((max, r) => (r.updated_at > max ? r.updated_at : max), rows[0]!.updated_at) || nowIso();
  return toPackage(projects, {
    uri,
    publisher: (await repo.rootUnitName(deps.db)) ?? 'Gongjian',
    publishedDate,
  });
}
