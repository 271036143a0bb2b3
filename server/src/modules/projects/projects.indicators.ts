import type { Executor } from '../../db/database';
import * as repo from './projects.repository';

/**
 * 新签约亿元以上项目 (domain.md §1.1, §1.8): industrial projects of at least 1亿元 domestic or 1000万美元 foreign
 * investment (FX at signing), each credited once, to its first signing (不重复统计): an upgrade (升格) or capital
 * increase (增资) counts only its increment over the earlier signing, a repeated signing (补充协议) counts nothing, a
 * change of investor counts as a new signing. The thresholds are a default rule; the results module versions them.
 */
export type SignedMajorRule = {
  domesticMinYuan: number;
  foreignMinUsd: number;
  categories: readonly string[];
};
export const SIGNED_MAJOR_RULE: SignedMajorRule = {
  domesticMinYuan: 100_000_000,
  foreignMinUsd: 10_000_000,
  categories: ['industrial'],
};

export type SigningFacts = {
  category: string;
  foreign_invested: number;
  agreed_investment: number | null;
  foreign_amount_usd: number | null;
  signing_kind: string;
  pre_agreed_investment?: number | null;
  pre_foreign_amount_usd?: number | null;
};

export type SigningCredit = {
  qualifies: boolean;
  credited: number;
  reason: 'qualifies' | 'category' | 'repeat_signing' | 'below_threshold';
};

/** How much of one signing counts toward the indicator, and why (pure). */
export function signingCredit(p: SigningFacts, rule: SignedMajorRule = SIGNED_MAJOR_RULE): SigningCredit {
  if (!rule.categories.includes(p.category)) return { qualifies: false, credited: 0, reason: 'category' };
  if (p.signing_kind === 're_sign') return { qualifies: false, credited: 0, reason: 'repeat_signing' };
  const incremental = p.signing_kind === 'upgrade' || p.signing_kind === 'capital_increase';
  const cny = Math.max(
    0,
    Number(p.agreed_investment ?? 0) - (incremental ? Number(p.pre_agreed_investment ?? 0) : 0),
  );
  const usd = Math.max(
    0,
    Number(p.foreign_amount_usd ?? 0) - (incremental ? Number(p.pre_foreign_amount_usd ?? 0) : 0),
  );
  const qualifies = p.foreign_invested === 1 ? usd >= rule.foreignMinUsd : cny >= rule.domesticMinYuan;
  return qualifies
    ? { qualifies, credited: cny, reason: 'qualifies' }
    : { qualifies, credited: 0, reason: 'below_threshold' };
}

/** The qualifying signings of a calendar year from the ledger, with the credited amounts (元) and their total. */
export async function signedMajorProjects(
  db: Executor,
  year: number,
  rule: SignedMajorRule = SIGNED_MAJOR_RULE,
) {
  const rows = await repo.signingsBetween(db, `${year}-01-01`, `${year}-12-31`);
  const projects = rows
    .map((r) => ({ ...r, credit: signingCredit(r, rule) }))
    .filter((r) => r.credit.qualifies)
    .map((r) => ({
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      signedOn: r.actual_signed_on!,
      signingKind: r.signing_kind,
      credited: r.credit.credited,
    }));
  return { year, count: projects.length, total: projects.reduce((s, p) => s + p.credited, 0), projects };
}
