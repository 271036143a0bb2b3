import type { LightFacts } from './lights.engine';

/** Rows as the repositories return them → the engine's facts. Pure. */
export type ProjectFactFields = {
  actual_signed_on: string | null;
  planned_started_on: string | null;
  actual_started_on: string | null;
  actual_stats_enrolled_on: string | null;
  actual_completed_on: string | null;
  terminated: number;
  suspended: number;
  filed_investment: number | null;
  agreed_investment: number | null;
};

/** A plan's curve: 12 cumulative fractions in JSON, anything else means linear. */
export function parseCurve(curve: string | null): number[] | null {
  if (!curve) return null;
  try {
    const v: unknown = JSON.parse(curve);
    if (Array.isArray(v) && v.length === 12 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      return v as number[];
  } catch {
    // not JSON: linear
  }
  return null;
}

export function factsOf(
  p: ProjectFactFields,
  monthly: Array<{ month: string; ytd_investment: number }>,
  plans: Array<{ year: number; plan_investment: number; curve: string | null }>,
): LightFacts {
  const total = p.filed_investment ?? p.agreed_investment;
  return {
    project: {
      signedOn: p.actual_signed_on,
      plannedStartOn: p.planned_started_on,
      startedOn: p.actual_started_on,
      statsEnrolledOn: p.actual_stats_enrolled_on,
      completedOn: p.actual_completed_on,
      terminated: Number(p.terminated) === 1,
      suspended: Number(p.suspended) === 1,
      totalInvestment: total === null || total === undefined ? null : Number(total),
    },
    monthly: monthly.map((m) => ({ month: m.month, ytd: Number(m.ytd_investment) })),
    plans: plans.map((pl) => ({
      year: Number(pl.year),
      planInvestment: Number(pl.plan_investment),
      curve: parseCurve(pl.curve),
    })),
  };
}

/** Groups rows by project id. */
export function groupBy<T extends { project_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.project_id);
    if (list) list.push(r);
    else m.set(r.project_id, [r]);
  }
  return m;
}
