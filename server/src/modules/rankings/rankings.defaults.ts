import type { RankingIndicator } from '../../../../contracts/schemas/results';

/**
 * The built-in 比学赶超 methods, inserted by the results migration as active defaults so the ranking page works on
 * a fresh install. They are a configurable default, not Zhenjiang policy: the indicators and weights follow the
 * headline KPIs of the 2024 commentary (签约 → 开工 → 投资完成 → 问题办结), equal-ish weights, min–max normalisation.
 * A city copies one into a draft (POST /api/v1/ranking-methods), edits indicators / weights / normalisation, names
 * the issuing document (issuer, doc_no, effective dates) and activates it; an active method is never edited.
 */
export const DEFAULT_REGION_METHOD_ID = '00000000-0000-7000-8000-0000000a0c01';
export const DEFAULT_ZONE_METHOD_ID = '00000000-0000-7000-8000-0000000a0c02';

export const DEFAULT_METHODS: Array<{
  id: string;
  name: string;
  nameEn: string;
  subject: 'region' | 'zone';
  periodKind: 'year' | 'quarter' | 'month' | 'cumulative';
  normalisation: 'min_max' | 'z_score' | 'ratio_to_best';
  indicators: RankingIndicator[];
  issuer: string;
  description: string;
}> = [
  {
    id: DEFAULT_REGION_METHOD_ID,
    name: '县（市、区）比学赶超默认评价方法',
    nameEn: 'Default district ranking method',
    subject: 'region',
    periodKind: 'year',
    normalisation: 'min_max',
    indicators: [
      { code: 'signed_major_investment', weight: 30 },
      { code: 'signed_major_count', weight: 15 },
      { code: 'projects_started', weight: 15 },
      { code: 'investment_completion_rate', weight: 20 },
      { code: 'signing_to_start_days', weight: 10 },
      { code: 'problems_closed_on_time_rate', weight: 10 },
    ],
    issuer: 'Gongjian 默认配置（待市委改革办确认）',
    description:
      '默认方法，启用前请审定：各指标按极差法标准化到0–1（越低越好的指标反向），乘以权重后相加，满分100分；无数据的指标记0分并标注。',
  },
  {
    id: DEFAULT_ZONE_METHOD_ID,
    name: '开发园区比学赶超默认评价方法',
    nameEn: 'Default development-zone ranking method',
    subject: 'zone',
    periodKind: 'year',
    normalisation: 'min_max',
    indicators: [
      { code: 'signed_major_investment', weight: 35 },
      { code: 'signed_major_count', weight: 15 },
      { code: 'projects_started', weight: 20 },
      { code: 'investment_completion_rate', weight: 20 },
      { code: 'signing_to_start_days', weight: 10 },
    ],
    issuer: 'Gongjian 默认配置（待市委改革办确认）',
    description:
      '默认方法，启用前请审定：园区按项目所属园区（zone）归集，标准化与计分同县（市、区）默认方法。',
  },
];
