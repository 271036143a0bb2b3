import { describe, expect, it } from 'vitest';
import { statusOf, toOc4idsProject, type ProjectFacts } from './oc4ids.mapping';

const base: ProjectFacts = {
  id: 'p1',
  internalId: 'XM-2024-0001',
  projectCode: null,
  name: '示例项目',
  description: null,
  category: 'infrastructure',
  categoryLabel: '基础设施',
  constructionNature: 'tech_upgrade',
  stage: 6,
  terminated: false,
  regionCode: '321181',
  regionName: '丹阳市',
  parkName: null,
  industryCode: null,
  industrySection: null,
  industryName: null,
  investor: null,
  company: null,
  responsibleUnit: null,
  zoneUnit: null,
  agreedYuan: null,
  filedYuan: null,
  usd: 20_000_000,
  fxRate: 7.1,
  filedOn: null,
  plannedStartOn: null,
  startedOn: null,
  plannedCompletedOn: null,
  completedOn: null,
  updatedAt: '2024-05-01T00:00:00.000Z',
  plans: [],
  monthly: [],
};

describe('OC4IDS mapping', () => {
  it('maps the stage model onto projectStatus', () => {
    expect([0, 4, 5, 7, 8, 10, 11, 13, 14].map((s) => statusOf(s, false))).toEqual([
      'identification',
      'identification',
      'preparation',
      'preparation',
      'implementation',
      'implementation',
      'completion',
      'completion',
      'completed',
    ]);
    expect(statusOf(10, true)).toBe('cancelled');
  });
  it('uses the ledger number before a project code, converts USD at the signing rate, omits what is unknown', () => {
    const p = toOc4idsProject(base);
    expect(p.id).toBe('cn-fai-XM-2024-0001');
    expect(p.type).toBe('rehabilitation');
    expect(p.sector).toBeUndefined();
    expect(p.budget).toEqual({ amount: { amount: 142_000_000, currency: 'CNY' } });
    expect(p.period).toBeUndefined();
    expect(p.completion).toBeUndefined();
    expect(p.metrics).toBeUndefined();
    expect(p.locations).toEqual([
      {
        id: '1',
        description: '丹阳市',
        gazetteer: { scheme: 'GB/T 2260', identifiers: ['321181'] },
        address: { region: '丹阳市', countryName: '中国' },
      },
    ]);
  });
});
