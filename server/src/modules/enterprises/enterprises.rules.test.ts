import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_PARAM_SCHEMAS, type EligibilityTier } from '../../../../contracts/schemas/enterprises';
import { DEFAULT_RULE_SETS } from './enterprises.config';
import {
  FIGURE_KEYS,
  addMonths,
  addYears,
  computeFigures,
  decodeFigures,
  encodeFigures,
  evaluateEligibility,
  failedCriteria,
  judge,
  type EvalEnterprise,
  type EvalIndicators,
  type EvalQualification,
} from './enterprises.rules';

const ruleSet = (tier: EligibilityTier) => {
  const r = DEFAULT_RULE_SETS.find((x) => x.tier === tier)!;
  return { id: r.id, tier: r.tier, name: r.name, params: r.params };
};
const ent = (over: Partial<EvalEnterprise> = {}): EvalEnterprise => ({
  foundedOn: '2015-03-01',
  listed: false,
  qualifications: [],
  ...over,
});
const years = (rows: Record<number, EvalIndicators>) =>
  new Map(Object.entries(rows).map(([y, v]) => [Number(y), v]));
const evalTier = (
  tier: EligibilityTier,
  e: EvalEnterprise,
  rows: Record<number, EvalIndicators>,
  year = 2024,
) => evaluateEligibility(ruleSet(tier), e, years(rows), year);
const crit = (r: ReturnType<typeof evalTier>, id: string) => {
  const c = r.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} in ${r.criteria.map((x) => x.id).join(',')}`);
  return c;
};

/** Three years of a 高企 that passes everything, with revenue `rev` each year and R&D at `ratio`. */
function hitechYears(rev: number, ratio: number, over: EvalIndicators = {}): Record<number, EvalIndicators> {
  const base = (): EvalIndicators => ({
    revenue: rev,
    rdExpense: Math.round(rev * ratio),
    rdExpenseDomestic: Math.round(rev * ratio),
    hitechRevenue: Math.round(rev * 0.7),
    staff: 100,
    stStaff: 20,
    ipClass1: 2,
    ipClass2: 3,
  });
  return { 2022: base(), 2023: base(), 2024: { ...base(), ...over } };
}

describe('date helpers', () => {
  it('adds months and years, clamping the day', () => {
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addYears('2014-12-31', 10)).toBe('2024-12-31');
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15');
  });
});

describe('default rule sets', () => {
  it('every default rule set satisfies its tier’s parameter schema', () => {
    for (const r of DEFAULT_RULE_SETS)
      expect(RULE_PARAM_SCHEMAS[r.tier].safeParse(r.params).success, r.id).toBe(true);
  });
});

describe('高新技术企业', () => {
  it('passes a typical enterprise and explains every criterion with figures and thresholds', () => {
    const r = evalTier('hitech', ent(), hitechYears(80_000_000, 0.045));
    expect(r.pass).toBe(true);
    expect(r.criteria.map((c) => c.id)).toEqual([
      'registered',
      'rd_ratio',
      'rd_domestic',
      'st_staff',
      'hitech_revenue',
      'ip',
    ]);
    const rd = crit(r, 'rd_ratio');
    expect(rd.figures).toMatchObject({
      windowFrom: 2022,
      windowTo: 2024,
      rdTotal: 10_800_000,
      revenueTotal: 240_000_000,
      rdRatio: 0.045,
    });
    expect(rd.thresholds).toMatchObject({
      minRatio: 0.04,
      bandMaxRevenue: 200_000_000,
      bandMinRevenueExclusive: 50_000_000,
    });
    expect(rd.message.zh).toContain('4.5%');
    expect(rd.message.zh).toContain('不低于 4%');
    expect(rd.message.en).toContain('met');
    expect(r.manualChecks.length).toBeGreaterThan(0);
  });

  it('applies the R&D band of the latest year’s revenue, inclusive at 5000万 and 2亿', () => {
    // ≤ 5000万 → 5%
    expect(crit(evalTier('hitech', ent(), hitechYears(50_000_000, 0.05)), 'rd_ratio').pass).toBe(true);
    expect(crit(evalTier('hitech', ent(), hitechYears(50_000_000, 0.0499)), 'rd_ratio').pass).toBe(false);
    // just above 5000万 → 4%
    const above = evalTier('hitech', ent(), hitechYears(50_000_001, 0.04));
    expect(crit(above, 'rd_ratio').thresholds.minRatio).toBe(0.04);
    expect(crit(above, 'rd_ratio').pass).toBe(true);
    // 2亿 is still the 4% band; above it 3%
    expect(crit(evalTier('hitech', ent(), hitechYears(200_000_000, 0.0399)), 'rd_ratio').pass).toBe(false);
    expect(crit(evalTier('hitech', ent(), hitechYears(200_000_000, 0.04)), 'rd_ratio').pass).toBe(true);
    const big = evalTier('hitech', ent(), hitechYears(200_000_001, 0.03));
    expect(crit(big, 'rd_ratio').thresholds.minRatio).toBe(0.03);
    expect(crit(big, 'rd_ratio').pass).toBe(true);
    expect(crit(evalTier('hitech', ent(), hitechYears(300_000_000, 0.0299)), 'rd_ratio').pass).toBe(false);
  });

  it('pools the three-year window: the band is the latest year’s, the ratio the window’s', () => {
    // revenue grew from 3000万 to 6000万: band 4% (latest > 5000万); pooled ratio (1.5+1.5+2.4)/(30+30+60)= 4.5%
    const rows = hitechYears(30_000_000, 0.05, {
      revenue: 60_000_000,
      rdExpense: 2_400_000,
      rdExpenseDomestic: 2_400_000,
      hitechRevenue: 40_000_000,
    });
    const c = crit(evalTier('hitech', ent(), rows), 'rd_ratio');
    expect(c.figures.rdRatio).toBe(0.045);
    expect(c.thresholds.minRatio).toBe(0.04);
    expect(c.pass).toBe(true);
  });

  it('counts only the years since founding when younger than three years', () => {
    const rows = hitechYears(20_000_000, 0.06);
    delete rows[2022];
    const r = evalTier('hitech', ent({ foundedOn: '2023-06-01' }), rows);
    expect(crit(r, 'rd_ratio').figures).toMatchObject({ windowFrom: 2023, windowTo: 2024 });
    expect(r.pass).toBe(true);
  });

  it('reports missing years instead of guessing', () => {
    const rows = hitechYears(20_000_000, 0.06);
    delete rows[2023];
    const c = crit(evalTier('hitech', ent(), rows), 'rd_ratio');
    expect(c.missing).toBe(true);
    expect(c.pass).toBe(false);
    expect(c.message.zh).toContain('2023');
  });

  it('registered at least one year by the end of the fiscal year', () => {
    const rows = hitechYears(20_000_000, 0.06);
    expect(crit(evalTier('hitech', ent({ foundedOn: '2023-12-31' }), rows), 'registered').pass).toBe(true);
    expect(crit(evalTier('hitech', ent({ foundedOn: '2024-01-01' }), rows), 'registered').pass).toBe(false);
    expect(crit(evalTier('hitech', ent({ foundedOn: null }), rows), 'registered').missing).toBe(true);
  });

  it('domestic R&D ≥ 60%, S&T staff ≥ 10%, high-tech revenue ≥ 60%, at the boundary', () => {
    const at = (over: EvalIndicators) =>
      evalTier('hitech', ent(), {
        ...hitechYears(40_000_000, 0.05),
        2024: { ...hitechYears(40_000_000, 0.05)[2024], ...over },
      });
    // 3 years × 200万 R&D = 600万; domestic 120+120+120 = 360万 → exactly 60%
    const dom = (d2024: number, d: number) =>
      evaluateEligibility(
        ruleSet('hitech'),
        ent(),
        years({
          2022: { ...hitechYears(40_000_000, 0.05)[2022], rdExpenseDomestic: d },
          2023: { ...hitechYears(40_000_000, 0.05)[2023], rdExpenseDomestic: d },
          2024: { ...hitechYears(40_000_000, 0.05)[2024], rdExpenseDomestic: d2024 },
        }),
        2024,
      );
    expect(crit(dom(1_200_000, 1_200_000), 'rd_domestic').pass).toBe(true);
    expect(crit(dom(1_199_000, 1_200_000), 'rd_domestic').pass).toBe(false);
    expect(crit(at({ staff: 100, stStaff: 10 }), 'st_staff').pass).toBe(true);
    expect(crit(at({ staff: 100, stStaff: 9 }), 'st_staff').pass).toBe(false);
    expect(crit(at({ staff: null }), 'st_staff').missing).toBe(true);
    expect(crit(at({ hitechRevenue: 24_000_000 }), 'hitech_revenue').pass).toBe(true);
    expect(crit(at({ hitechRevenue: 23_990_000 }), 'hitech_revenue').pass).toBe(false);
  });

  it('IP: one class I item, or six class II items', () => {
    const ip = (c1: number | null, c2: number | null) =>
      crit(evalTier('hitech', ent(), hitechYears(40_000_000, 0.05, { ipClass1: c1, ipClass2: c2 })), 'ip');
    expect(ip(1, 0).pass).toBe(true);
    expect(ip(0, 6).pass).toBe(true);
    expect(ip(0, 5).pass).toBe(false);
    expect(ip(null, null).missing).toBe(true);
    expect(ip(0, 5).thresholds).toEqual({ minClass1: 1, minClass2: 6 });
  });

  it('fails overall when any criterion fails, and names it', () => {
    const r = evalTier('hitech', ent(), hitechYears(40_000_000, 0.05, { stStaff: 5 }));
    expect(r.pass).toBe(false);
    expect(failedCriteria(r.criteria)).toEqual(['st_staff']);
  });

  it('re-judging the stored figures reproduces the explanation exactly', () => {
    const r = evalTier('hitech', ent(), hitechYears(40_000_000, 0.05, { ipClass1: 0 }));
    const stored = JSON.parse(JSON.stringify(r.figures));
    expect(judge('hitech', ruleSet('hitech').params, stored)).toEqual({
      pass: r.pass,
      criteria: r.criteria,
      manualChecks: r.manualChecks,
    });
  });
});

describe('科技型中小企业', () => {
  const base = (over: EvalIndicators = {}): Record<number, EvalIndicators> => ({
    2024: {
      staff: 100,
      stStaff: 10,
      revenue: 10_000_000,
      rdExpense: 600_000,
      totalAssets: 20_000_000,
      profit: null,
      ipClass1: 0,
      ipClass2: 1,
      ...over,
    },
  });
  const hitechHeld: EvalQualification = {
    type: 'hitech',
    level: 'national',
    status: 'active',
    validFrom: '2023-11-01',
    validTo: '2026-10-31',
  };

  it('scores the three indicators by band: 60 with an S&T score above zero passes', () => {
    // S&T 10% → 4, R&D 6% → 50, one class II → 6: total 60
    const r = evalTier('tech_sme', ent(), base());
    expect(crit(r, 'score').figures).toMatchObject({ stScore: 4, rdScore: 50, ipScore: 6, score: 60 });
    expect(r.pass).toBe(true);
  });

  it('fails at 56 points, and when the S&T staff score is zero whatever the total', () => {
    expect(evalTier('tech_sme', ent(), base({ rdExpense: 599_000 })).pass).toBe(false); // R&D 5.99% → 40: 50
    const noSt = evalTier('tech_sme', ent(), base({ stStaff: 9, ipClass1: 1 })); // 0 + 50 + 30 = 80 but S&T score 0
    expect(crit(noSt, 'score').figures.score).toBe(80);
    expect(noSt.pass).toBe(false);
  });

  it('each band edge belongs to the higher band', () => {
    const s = (over: EvalIndicators) => crit(evalTier('tech_sme', ent(), base(over)), 'score').figures;
    expect(s({ stStaff: 30 })).toMatchObject({ stScore: 20 });
    expect(s({ stStaff: 29 })).toMatchObject({ stScore: 16 });
    expect(s({ stStaff: 25 })).toMatchObject({ stScore: 16 });
    expect(s({ stStaff: 20 })).toMatchObject({ stScore: 12 });
    expect(s({ stStaff: 15 })).toMatchObject({ stScore: 8 });
    expect(s({ rdExpense: 500_000 })).toMatchObject({ rdScore: 40 });
    expect(s({ rdExpense: 200_000 })).toMatchObject({ rdScore: 10 });
    expect(s({ rdExpense: 199_000 })).toMatchObject({ rdScore: 0 });
    expect(s({ ipClass1: 1 })).toMatchObject({ ipScore: 30 });
    expect(s({ ipClass2: 4 })).toMatchObject({ ipScore: 24 });
    expect(s({ ipClass2: 3 })).toMatchObject({ ipScore: 18 });
    expect(s({ ipClass2: 0 })).toMatchObject({ ipScore: 0 });
  });

  it('takes the better of R&D/revenue and R&D/total cost (cost = revenue − profit)', () => {
    // 2% of revenue → 10; with profit 9,333,334 the cost is 666,666 and 200,000/666,666 = 30% → 50
    const f = crit(
      evalTier('tech_sme', ent(), base({ rdExpense: 200_000, profit: 9_333_334 })),
      'score',
    ).figures;
    expect(f).toMatchObject({ rdScore: 50 });
  });

  it('size limits are inclusive and required even on the direct route', () => {
    expect(crit(evalTier('tech_sme', ent(), base({ staff: 500, stStaff: 50 })), 'staff_limit').pass).toBe(
      true,
    );
    expect(crit(evalTier('tech_sme', ent(), base({ staff: 501, stStaff: 51 })), 'staff_limit').pass).toBe(
      false,
    );
    expect(
      crit(
        evalTier('tech_sme', ent(), base({ revenue: 200_000_000, rdExpense: 12_000_000 })),
        'revenue_limit',
      ).pass,
    ).toBe(true);
    expect(crit(evalTier('tech_sme', ent(), base({ revenue: 200_000_001 })), 'revenue_limit').pass).toBe(
      false,
    );
    expect(crit(evalTier('tech_sme', ent(), base({ totalAssets: 200_000_001 })), 'assets_limit').pass).toBe(
      false,
    );
    const big = evalTier(
      'tech_sme',
      ent({ qualifications: [hitechHeld] }),
      base({ staff: 501, stStaff: 51 }),
    );
    expect(crit(big, 'direct').pass).toBe(true);
    expect(big.pass).toBe(false);
  });

  it('a valid 高企 qualification is a direct route; a revoked or lapsed one is not', () => {
    const weak = base({ stStaff: 0, rdExpense: 0, ipClass2: 0 });
    expect(evalTier('tech_sme', ent({ qualifications: [hitechHeld] }), weak).pass).toBe(true);
    expect(
      evalTier('tech_sme', ent({ qualifications: [{ ...hitechHeld, status: 'revoked' }] }), weak).pass,
    ).toBe(false);
    expect(
      evalTier('tech_sme', ent({ qualifications: [{ ...hitechHeld, validTo: '2024-12-30' }] }), weak).pass,
    ).toBe(false);
    expect(failedCriteria(evalTier('tech_sme', ent(), weak).criteria)).toEqual(['score', 'direct']);
  });
});

describe('专精特新中小企业', () => {
  const row = (over: EvalIndicators = {}) => ({
    2024: { revenue: 20_000_000, rdExpense: 1_000_000, ...over },
  });
  it('two years in business, R&D ≥ 100万 and ≥ 3%, revenue ≥ 1000万 — all inclusive', () => {
    expect(evalTier('specialized_sme', ent({ foundedOn: '2022-12-31' }), row()).pass).toBe(true);
    expect(
      crit(evalTier('specialized_sme', ent({ foundedOn: '2023-01-01' }), row()), 'years_in_business').pass,
    ).toBe(false);
    expect(crit(evalTier('specialized_sme', ent(), row({ rdExpense: 999_999 })), 'rd_expense').pass).toBe(
      false,
    );
    expect(crit(evalTier('specialized_sme', ent(), row({ revenue: 33_340_000 })), 'rd_ratio').pass).toBe(
      false,
    ); // 2.9994%
    expect(crit(evalTier('specialized_sme', ent(), row({ revenue: 33_333_333 })), 'rd_ratio').pass).toBe(
      true,
    ); // 3.000000% after rounding
    expect(crit(evalTier('specialized_sme', ent(), row({ revenue: 10_000_000 })), 'revenue').pass).toBe(true);
    expect(crit(evalTier('specialized_sme', ent(), row({ revenue: 9_999_999 })), 'revenue').pass).toBe(false);
  });
});

describe('专精特新“小巨人”', () => {
  const rows = (rev: number, over: EvalIndicators = {}) => ({
    2022: { revenue: rev / 1.1025, rdExpense: 0 },
    2023: { revenue: rev / 1.05, rdExpense: Math.round(rev * 0.03) },
    2024: {
      revenue: rev,
      rdExpense: Math.round(rev * 0.03),
      totalAssets: 100,
      liabilities: 70,
      ipClass1: 2,
      staff: 100,
      stStaff: 50,
      ...over,
    },
  });
  it('growth 5%, debt ratio ≤ 70%, class I IP ≥ 2, R&D band by revenue', () => {
    const r = evalTier('little_giant', ent(), rows(100_000_000));
    expect(crit(r, 'growth').figures.avgGrowth2y).toBe(0.05);
    expect(crit(r, 'debt_ratio').pass).toBe(true);
    expect(
      crit(evalTier('little_giant', ent(), rows(100_000_000, { liabilities: 71 })), 'debt_ratio').pass,
    ).toBe(false);
    expect(crit(evalTier('little_giant', ent(), rows(100_000_000, { ipClass1: 1 })), 'ip').pass).toBe(false);
  });
  it('R&D: ≥ 1亿 needs 3% over two years, 5000万–1亿 needs 6%, below needs 3000万 and 50% R&D staff', () => {
    const rd = (rev: number, ratio: number, over: EvalIndicators = {}) =>
      crit(
        evaluateEligibility(
          ruleSet('little_giant'),
          ent(),
          years({
            2023: { revenue: rev, rdExpense: Math.round(rev * ratio) },
            2024: { revenue: rev, rdExpense: Math.round(rev * ratio), staff: 100, stStaff: 50, ...over },
          }),
          2024,
        ),
        'rd',
      );
    expect(rd(100_000_000, 0.03).pass).toBe(true);
    expect(rd(99_999_999, 0.03).thresholds.minRdRatio2y).toBe(0.06);
    expect(rd(99_999_999, 0.03).pass).toBe(false);
    expect(rd(50_000_000, 0.06).pass).toBe(true);
    expect(rd(40_000_000, 0.375).pass).toBe(true); // 1500万 × 2 = 3000万
    expect(rd(40_000_000, 0.375, { stStaff: 49 }).pass).toBe(false);
    expect(rd(40_000_000, 0.37).pass).toBe(false);
  });
});

describe('瞪羚', () => {
  const g = (base: number, last: number, prev?: number) =>
    evalTier('gazelle', ent(), {
      2020: { revenue: base },
      2023: { revenue: prev ?? last * 0.9 },
      2024: { revenue: last },
    });
  it('base-year revenue ≥ 1000万 (inclusive)', () => {
    expect(crit(g(10_000_000, 30_000_000), 'base_revenue').pass).toBe(true);
    expect(crit(g(9_999_999, 30_000_000), 'base_revenue').pass).toBe(false);
  });
  it('four-year CAGR strictly above 20%: exactly 20% fails', () => {
    const exact = g(10_000_000, 20_736_000);
    expect(crit(exact, 'cagr').figures.cagr).toBe(0.2);
    expect(crit(exact, 'cagr').pass).toBe(false);
    expect(crit(g(10_000_000, 20_737_000), 'cagr').pass).toBe(true);
    expect(g(10_000_000, 20_737_000).pass).toBe(true);
  });
  it('last-year growth must be positive; a missing base year is reported', () => {
    expect(crit(g(10_000_000, 30_000_000, 30_000_000), 'last_year_growth').pass).toBe(false);
    expect(crit(g(10_000_000, 30_000_000, 29_990_000), 'last_year_growth').pass).toBe(true);
    const none = evalTier('gazelle', ent(), { 2024: { revenue: 50_000_000 } });
    expect(crit(none, 'base_revenue').missing).toBe(true);
    expect(none.pass).toBe(false);
  });
});

describe('独角兽 and 潜在独角兽', () => {
  const v = (usd: number | null) => ({ 2024: { valuationUsd: usd } });
  it('unicorn: founded within 10 years by year end, unlisted, valuation strictly above 10亿美元', () => {
    expect(evalTier('unicorn', ent({ foundedOn: '2014-12-31' }), v(1_000_000_001)).pass).toBe(true);
    expect(crit(evalTier('unicorn', ent({ foundedOn: '2014-12-30' }), v(1_000_000_001)), 'age').pass).toBe(
      false,
    );
    expect(
      crit(evalTier('unicorn', ent({ foundedOn: '2018-01-01' }), v(1_000_000_000)), 'valuation').pass,
    ).toBe(false);
    expect(
      crit(evalTier('unicorn', ent({ foundedOn: '2018-01-01', listed: true }), v(5e9)), 'unlisted').pass,
    ).toBe(false);
    expect(crit(evalTier('unicorn', ent({ foundedOn: '2018-01-01' }), v(null)), 'valuation').missing).toBe(
      true,
    );
  });
  it('potential unicorn: ≤ 5 years with ≥ 1亿美元, or ≤ 9 years with ≥ 5亿美元, and not above 10亿美元', () => {
    const p = (founded: string, usd: number) =>
      evalTier('potential_unicorn', ent({ foundedOn: founded }), v(usd));
    expect(p('2019-12-31', 100_000_000).pass).toBe(true);
    expect(p('2019-12-31', 99_999_999).pass).toBe(false);
    expect(p('2019-12-30', 100_000_000).pass).toBe(false); // older than 5: the 9-year band needs 5亿
    expect(p('2019-12-30', 500_000_000).pass).toBe(true);
    expect(p('2015-12-31', 500_000_000).pass).toBe(true);
    expect(p('2015-12-30', 900_000_000).pass).toBe(false);
    expect(p('2020-01-01', 1_000_000_000).pass).toBe(true);
    expect(p('2020-01-01', 1_000_000_001).pass).toBe(false);
  });
});

describe('stored figures', () => {
  it('every tier computes exactly the figures of its FIGURE_KEYS, and the compact form decodes to them', () => {
    const rows = { ...hitechYears(80_000_000, 0.05), 2020: { revenue: 1 }, 2021: { revenue: 2 } };
    for (const r of DEFAULT_RULE_SETS) {
      const f = computeFigures(r.tier, r.params, ent({ qualifications: [] }), years(rows), 2024);
      expect(Object.keys(f).sort(), r.tier).toEqual([...FIGURE_KEYS[r.tier]].sort());
      expect(decodeFigures(r.tier, encodeFigures(r.tier, f))).toEqual(f);
      expect(decodeFigures(r.tier, JSON.stringify(f))).toEqual(f); // plain objects still read
    }
  });
});

describe('properties', () => {
  it('the overall pass is exactly “every required criterion and, if any, one alternative”', () => {
    const arb = fc.record({
      revenue: fc.integer({ min: 0, max: 5e8 }),
      rd: fc.integer({ min: 0, max: 5e7 }),
      staff: fc.integer({ min: 1, max: 2000 }),
      st: fc.integer({ min: 0, max: 2000 }),
      ip1: fc.integer({ min: 0, max: 5 }),
      ip2: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom<EligibilityTier>('hitech', 'tech_sme', 'specialized_sme', 'gazelle'),
        (x, tier) => {
          const row: EvalIndicators = {
            revenue: x.revenue,
            rdExpense: x.rd,
            rdExpenseDomestic: x.rd,
            hitechRevenue: x.revenue,
            staff: x.staff,
            stStaff: Math.min(x.st, x.staff),
            ipClass1: x.ip1,
            ipClass2: x.ip2,
            totalAssets: x.revenue,
          };
          const r = evalTier(tier, ent(), { 2020: row, 2021: row, 2022: row, 2023: row, 2024: row });
          const req = r.criteria.filter((c) => c.role === 'required');
          const alt = r.criteria.filter((c) => c.role === 'alternative');
          return (
            r.pass === (req.every((c) => c.pass) && (alt.length === 0 || alt.some((c) => c.pass))) &&
            (r.pass ? failedCriteria(r.criteria).length === 0 : failedCriteria(r.criteria).length > 0)
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
