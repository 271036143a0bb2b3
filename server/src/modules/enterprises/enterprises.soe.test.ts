import { describe, expect, it } from 'vitest';
import { computeSoeKpis, type SoeInputs } from './enterprises.soe';

const kpi = (list: ReturnType<typeof computeSoeKpis>, key: string) => list.find((k) => k.key === key)!;

describe('SOE 一利五率', () => {
  const y2023: SoeInputs = {
    revenue: 1_000_000_000,
    netAssets: 2_000_000_000,
    staff: 900,
    profit: 50_000_000,
    netProfit: 40_000_000,
    totalAssets: 5_000_000_000,
    liabilities: 3_000_000_000,
    rdExpense: 10_000_000,
    valueAdded: 270_000_000,
    operatingCashFlow: 80_000_000,
  };
  const y2024: SoeInputs = {
    revenue: 1_200_000_000,
    netAssets: 2_200_000_000,
    staff: 1100,
    profit: 66_000_000,
    netProfit: 52_500_000,
    totalAssets: 5_500_000_000,
    liabilities: 3_300_000_000,
    rdExpense: 24_000_000,
    valueAdded: 300_000_000,
    operatingCashFlow: 120_000_000,
  };
  const byYear = new Map([
    [2023, y2023],
    [2024, y2024],
  ]);

  it('computes the six KPIs with averages over opening and closing figures', () => {
    const k = computeSoeKpis(byYear, 2024);
    expect(k.map((x) => x.key)).toEqual([
      'profit',
      'debtRatio',
      'roe',
      'rdIntensity',
      'laborProductivity',
      'operatingCashRatio',
    ]);
    expect(kpi(k, 'profit').value).toBe(66_000_000);
    expect(kpi(k, 'debtRatio').value).toBe(0.6);
    expect(kpi(k, 'roe').value).toBe(0.025); // 5250万 / ((20亿 + 22亿) / 2)
    expect(kpi(k, 'roe').approximate).toBe(false);
    expect(kpi(k, 'rdIntensity').value).toBe(0.02);
    expect(kpi(k, 'laborProductivity').value).toBe(300_000); // 3亿 / 1000 persons on average
    expect(kpi(k, 'operatingCashRatio').value).toBe(0.1);
  });

  it('sets each beside last year and the change', () => {
    const k = computeSoeKpis(byYear, 2024);
    expect(kpi(k, 'profit')).toMatchObject({ previous: 50_000_000, change: 16_000_000 });
    expect(kpi(k, 'debtRatio')).toMatchObject({ previous: 0.6, change: 0 });
    expect(kpi(k, 'rdIntensity')).toMatchObject({ previous: 0.01, change: 0.01 });
    // 2023 has no opening year: its ROE uses closing net assets and says so
    expect(kpi(computeSoeKpis(byYear, 2023), 'roe')).toMatchObject({ value: 0.02, approximate: true });
  });

  it('uses stated proxies when the ledger lacks net profit or value added, and null without inputs', () => {
    const k = computeSoeKpis(
      new Map([[2024, { ...y2024, netProfit: null, valueAdded: null, output: 2_200_000_000 }]]),
      2024,
    );
    expect(kpi(k, 'roe')).toMatchObject({ value: 0.03, approximate: true });
    expect(kpi(k, 'roe').note?.zh).toContain('利润总额');
    expect(kpi(k, 'laborProductivity')).toMatchObject({ value: 2_000_000, approximate: true });
    const empty = computeSoeKpis(new Map(), 2024);
    expect(empty.every((x) => x.value === null && x.change === null)).toBe(true);
    expect(
      kpi(computeSoeKpis(new Map([[2024, { revenue: 0, operatingCashFlow: 5 }]]), 2024), 'operatingCashRatio')
        .value,
    ).toBeNull();
  });
});
