import type { RuleSetParams } from '../../../../contracts/schemas/lights';

/**
 * The built-in default rule set, loaded as a draft by the coordination migration. Zhenjiang's own red/yellow
 * thresholds are not public (domain.md §13 item 3), so every threshold below is taken from another city's
 * published rules, named in `source`. A city reviews it, copies or edits it, and activates it
 * (POST /api/v1/light-rule-sets/:id/activate); nothing in the engine depends on these numbers.
 */
export const DEFAULT_RULE_SET_ID = '00000000-0000-7000-8000-00000000d1a0';

export const DEFAULT_RULE_SET_META = {
  name: '重大项目红黄绿灯默认规则（参照银川、武汉等地做法）',
  issuer: 'Gongjian 默认配置（待本市发改部门确认）',
  docNo: null,
  notes:
    '默认配置，仅供启用前参考：开工、序时进度（百分点）、入库三类阈值取自《银川市重大项目红黄绿灯管理》（2025）；' +
    '“完成时序进度不足60%亮红牌”取自《武汉市重大项目管理办法》；连续3个月滞后亮红灯为本系统默认（参照银川“连续3个月应开未开”、三亚“连续2个月未完成”做法）。' +
    '三亚（2022）“低于序时进度50%以内黄牌、超过50%红牌”可用 rel_gap 规则替换。' +
    ' Default configuration to review before use: start, progress (percentage points) and statistics-enrolment thresholds from ' +
    "Yinchuan's 2025 rules; the 60% red card from Wuhan's major-project measures; 3 consecutive lagging months → red is a Gongjian default " +
    '(after Yinchuan and Sanya). Sanya (2022) relative-gap thresholds can be used instead with rel_gap rules.',
} as const;

export const DEFAULT_RULE_SET_PARAMS: RuleSetParams = {
  reportDueDay: 10,
  combineJanFeb: true,
  rules: [
    {
      id: 'progress-yellow',
      kind: 'pp_gap',
      color: 'yellow',
      label: {
        zh: '落后时序进度10–30个百分点（含）',
        en: 'Behind the time-sequenced target by 10–30 pp (inclusive)',
      },
      params: { gte: 10, lte: 30 },
      source: '银川市重大项目红黄绿灯管理（2025）：落后序时进度10–30个百分点亮黄灯',
    },
    {
      id: 'progress-red',
      kind: 'pp_gap',
      color: 'red',
      label: { zh: '落后时序进度超过30个百分点', en: 'Behind the time-sequenced target by more than 30 pp' },
      params: { gt: 30 },
      source: '银川市重大项目红黄绿灯管理（2025）：落后序时进度30个百分点以上亮红灯',
    },
    {
      id: 'progress-ratio-red',
      kind: 'ratio',
      color: 'red',
      label: { zh: '完成时序进度不足60%', en: 'Less than 60% of the time-sequenced target achieved' },
      params: { lt: 0.6 },
      source: '《武汉市重大项目管理办法》：低于时序进度60%亮红牌（低于80%亮黄牌）',
    },
    {
      id: 'progress-repeat-red',
      kind: 'consecutive_months',
      color: 'red',
      label: { zh: '连续3个月滞后于时序进度', en: 'Behind the target 3 months in a row' },
      params: { baseRuleIds: ['progress-yellow', 'progress-red', 'progress-ratio-red'], months: 3 },
      source: 'Gongjian 默认（参照银川“连续3个月”、三亚“连续2个月”升级做法），可调整',
    },
    {
      id: 'start-yellow',
      kind: 'start_overdue',
      color: 'yellow',
      label: { zh: '计划开工未开工', en: 'Planned start passed, not started' },
      params: { graceDays: 0, minMonths: 1 },
      source: '银川市重大项目红黄绿灯管理（2025）：计划本月开工未开工且无正当理由亮黄灯',
    },
    {
      id: 'start-red',
      kind: 'start_overdue',
      color: 'red',
      label: { zh: '连续3个月应开未开', en: 'Not started 3 months in a row' },
      params: { graceDays: 0, minMonths: 3 },
      source: '银川市重大项目红黄绿灯管理（2025）：连续3个月应开未开亮红灯',
    },
    {
      id: 'stats-yellow',
      kind: 'stats_enrolment',
      color: 'yellow',
      label: { zh: '开工满1个月未入库', en: 'Started at least 1 month ago, not enrolled in statistics' },
      params: { afterMonths: 1, inclusive: true, minInvestment: 5_000_000 },
      source:
        '银川市重大项目红黄绿灯管理（2025）：开工1个月及以上未入库亮黄灯；统计入库起点500万元（国家统计局）',
    },
    {
      id: 'stats-red',
      kind: 'stats_enrolment',
      color: 'red',
      label: { zh: '开工超过2个月未入库', en: 'Started more than 2 months ago, not enrolled in statistics' },
      params: { afterMonths: 2, inclusive: false, minInvestment: 5_000_000 },
      source: '银川市重大项目红黄绿灯管理（2025）：开工2个月以上未入库亮红灯',
    },
  ],
};
