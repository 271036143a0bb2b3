import { describe, expect, it } from 'vitest';
import {
  computeStage,
  daysBetween,
  hardViolations,
  satisfiedGroup,
  violationsOfChange,
  type StageFacts,
} from './projects.rules';
import {
  nameInitials,
  normaliseCreditField,
  normaliseProjectCodes,
  parseIndustryCode,
} from './projects.validate';

const facts = (actual: StageFacts['actual'], over: Partial<StageFacts> = {}): StageFacts => ({
  actual,
  hasLegalEntity: true,
  leasedPlant: false,
  ...over,
});

describe('stage model', () => {
  it('stage is the furthest milestone with an actual date', () => {
    expect(computeStage({})).toBe(0);
    expect(computeStage({ signed: '2024-01-01' })).toBe(3);
    expect(computeStage({ signed: '2024-01-01', started: '2024-05-01', filed: null })).toBe(8);
    expect(computeStage({ evaluated: '2025-01-01' })).toBe(14);
  });
  it('备案 needs a legal-entity applicant', () => {
    expect(hardViolations(facts({ filed: '2024-02-01' }, { hasLegalEntity: false }))[0]).toMatchObject({
      milestone: 'filed',
      rule: 'legal_entity',
    });
    expect(hardViolations(facts({ filed: '2024-02-01' }))).toEqual([]);
  });
  it('施工许可 needs 备案 and 供地 (unless a leased plant), not before them', () => {
    const v = hardViolations(facts({ permitted: '2024-03-01' })).map((x) => x.rule);
    expect(v).toEqual(['requires:filed', 'requires:land_supplied']);
    expect(
      hardViolations(facts({ permitted: '2024-03-01', filed: '2024-02-01' }, { leasedPlant: true })),
    ).toEqual([]);
    expect(
      hardViolations(facts({ permitted: '2024-03-01', filed: '2024-04-01', land_supplied: '2024-01-01' }))[0],
    ).toMatchObject({ rule: 'order:filed' });
    expect(
      hardViolations(facts({ permitted: '2024-03-01', filed: '2024-03-01', land_supplied: '2024-03-01' })),
    ).toEqual([]);
  });
  it('开工 → 竣工 → 投产 → 达产 in order', () => {
    expect(hardViolations(facts({ completed: '2025-01-01' }))[0]).toMatchObject({
      milestone: 'completed',
      rule: 'requires:started',
    });
    expect(hardViolations(facts({ started: '2025-02-01', completed: '2025-01-01' }))[0]).toMatchObject({
      rule: 'order:started',
    });
    expect(hardViolations(facts({ in_operation: '2025-01-01' }))[0]).toMatchObject({
      milestone: 'in_operation',
      rule: 'requires:completed',
    });
    expect(hardViolations(facts({ full_capacity: '2025-01-01' }))[0]).toMatchObject({
      milestone: 'full_capacity',
      rule: 'requires:in_operation',
    });
    // 开工 itself needs no permit (a start report with photos may evidence it)
    expect(hardViolations(facts({ started: '2025-01-01' }))).toEqual([]);
  });
  it('reports only what a change breaks, and actual dates in the future', () => {
    const legacy = facts({ completed: '2024-01-01' });
    expect(
      violationsOfChange(legacy, facts({ completed: '2024-01-01', signed: '2023-01-01' }), '2025-01-01'),
    ).toEqual([]);
    expect(
      violationsOfChange(
        facts({ started: '2024-01-01', completed: '2024-06-01' }),
        facts({ completed: '2024-06-01' }),
        '2025-01-01',
      )[0],
    ).toMatchObject({ milestone: 'completed' });
    const future = violationsOfChange(null, facts({ signed: '2025-01-02' }), '2025-01-01');
    expect(future[0]).toMatchObject({ milestone: 'signed', rule: 'future' });
    expect(future[0]!.zh).toMatch(/「签约」的实际日期（2025-01-02）不能晚于今天/);
  });
  it('an evidence group is satisfied when all of its document types are present', () => {
    const rule = [['construction_permit'], ['start_report', 'site_photo']];
    expect(satisfiedGroup(rule, new Set(['site_photo']))).toBeNull();
    expect(satisfiedGroup(rule, new Set(['site_photo', 'start_report']))).toEqual([
      'start_report',
      'site_photo',
    ]);
    expect(satisfiedGroup(rule, new Set(['construction_permit', 'other']))).toEqual(['construction_permit']);
  });
  it('counts calendar days (the 88-day metric)', () => {
    expect(daysBetween('2023-05-27', '2023-08-23')).toBe(88);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('field checks', () => {
  it('sorts project codes into the 2020 and 2016 fields, normalised', () => {
    expect(normaliseProjectCodes(' 2401－320270－89－03－385869 ', undefined)).toEqual({
      ok: true,
      project_code: '2401-320270-89-03-385869',
      legacy_project_code: undefined,
    });
    expect(normaliseProjectCodes('2016-440784-70-03-006957', undefined)).toEqual({
      ok: true,
      project_code: undefined,
      legacy_project_code: '2016-440784-70-03-006957',
    });
    expect(normaliseProjectCodes(null, null)).toEqual({
      ok: true,
      project_code: null,
      legacy_project_code: null,
    });
    const bad = normaliseProjectCodes('2401-3202-89-03-385869', undefined);
    expect(!bad.ok && bad.problem.field).toBe('projectCode');
    const wrongField = normaliseProjectCodes(undefined, '2401-320270-89-03-385869');
    expect(!wrongField.ok && wrongField.problem.zh).toMatch(/应为 2016 版/);
  });
  it('checks credit codes and names the field', () => {
    expect(normaliseCreditField('investorCreditCode', ' 91520000214434146r ')).toEqual({
      ok: true,
      value: '91520000214434146R',
    });
    const bad = normaliseCreditField('companyCreditCode', '914403001922038217');
    expect(!bad.ok && bad.problem).toMatchObject({ field: 'companyCreditCode' });
    expect(!bad.ok && bad.problem.zh).toMatch(/项目公司统一社会信用代码.*校验位不符/);
    expect(normaliseCreditField('investorCreditCode', '')).toEqual({ ok: true, value: null });
  });
  it('reads industry codes with or without the section letter', () => {
    expect(parseIndustryCode('C2761')).toEqual({ code: '2761', section: 'C' });
    expect(parseIndustryCode('2761')).toEqual({ code: '2761', section: null });
    expect(parseIndustryCode('276')).toBeNull();
  });
  it('makes lower-case pinyin initials for search', () => {
    expect(nameInitials('哈电汽轮机重燃及核电装备基地项目')).toBe('hdqljzrjhdzbjdxm');
    expect(nameInitials('奥地利科林尼 ABB（二期）')).toBe('adlklnabbeq');
  });
});
