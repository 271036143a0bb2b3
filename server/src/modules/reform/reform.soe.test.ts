import { describe, expect, it } from 'vitest';
import { convertKpi } from './reform.soe';

describe('SOE KPI units', () => {
  it('converts the registry’s 一利五率 into the target’s unit, and refuses to guess', () => {
    expect(convertKpi(136_000_000, 'yuan', '万元')).toBe(13600);
    expect(convertKpi(0.662, 'ratio', '%')).toBe(66.2);
    expect(convertKpi(0.662, 'ratio', '')).toBe(0.662);
    expect(convertKpi(452_000, 'yuan_per_person', '万元/人')).toBe(45.2);
    expect(convertKpi(1, 'yuan', '美元')).toBeNull();
  });
});
