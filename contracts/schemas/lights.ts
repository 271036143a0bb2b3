import { z } from 'zod';
import { AbilitiesSchema, VersionField } from './common';

/**
 * 红黄绿灯 (traffic lights) — domain.md §1.6. A rule set is versioned and effective-dated; each rule has a
 * kind, the colour it lights and its parameters. The engine lights a project with the worst colour of the
 * rules that fire and records which rule fired on which figures.
 */
export const LIGHT_COLORS = ['green', 'yellow', 'red'] as const;
export type LightColor = (typeof LIGHT_COLORS)[number];
export const LightColorSchema = z.enum(LIGHT_COLORS);

export const LIGHT_COLOR_LABELS: Record<LightColor, { zh: string; en: string }> = {
  green: { zh: '绿灯', en: 'Green' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  red: { zh: '红灯', en: 'Red' },
};

export const LIGHT_RULE_KINDS = [
  'pp_gap',
  'ratio',
  'rel_gap',
  'start_overdue',
  'consecutive_months',
  'stats_enrolment',
] as const;
export type LightRuleKind = (typeof LIGHT_RULE_KINDS)[number];

export const LIGHT_RULE_KIND_LABELS: Record<LightRuleKind, { zh: string; en: string }> = {
  pp_gap: { zh: '落后时序进度（百分点）', en: 'Behind the time-sequenced target (percentage points)' },
  ratio: { zh: '完成时序进度的比例', en: 'Share of the time-sequenced target achieved' },
  rel_gap: { zh: '低于时序进度的幅度', en: 'Shortfall relative to the time-sequenced target' },
  start_overdue: { zh: '应开未开', en: 'Start overdue' },
  consecutive_months: { zh: '连续多月', en: 'Several consecutive months' },
  stats_enrolment: { zh: '开工未入库', en: 'Started but not enrolled in statistics' },
};

export const LIGHT_HISTORY_REASONS = ['change', 'schedule', 'override', 'rule_set', 'manual'] as const;
export type LightHistoryReason = (typeof LIGHT_HISTORY_REASONS)[number];

export const RULE_SET_STATUSES = ['draft', 'active', 'retired'] as const;
export const OVERRIDE_STATUSES = ['pending', 'approved', 'rejected', 'revoked', 'expired'] as const;

const isValidDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
/** A calendar date 'YYYY-MM-DD' that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isValidDate, { message: 'invalid date' });

export const Bilingual = z.object({
  zh: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});

/**
 * A measure lies in the band when it satisfies every bound given (gte ≥, gt >, lte ≤, lt <), so a source's
 * "10–30 (inclusive)" is { gte: 10, lte: 30 } and "> 30" is { gt: 30 }.
 */
const Band = {
  gte: z.number().finite().optional(),
  gt: z.number().finite().optional(),
  lte: z.number().finite().optional(),
  lt: z.number().finite().optional(),
};
const hasBound = (p: { gte?: number; gt?: number; lte?: number; lt?: number }) =>
  p.gte !== undefined || p.gt !== undefined || p.lte !== undefined || p.lt !== undefined;

const ProgressParams = z
  .object({
    ...Band,
    /** Only projects whose annual plan is at least this many 元 (Sanya: projects ≥ 1000万). */
    minPlanInvestment: z.number().int().min(0).optional(),
  })
  .refine(hasBound, { message: 'give at least one of gte, gt, lte, lt' });

const ruleBase = {
  id: z
    .string()
    .trim()
    .min(1)
    .max(48)
    .regex(/^[a-z0-9_-]+$/),
  color: z.enum(['yellow', 'red']),
  label: Bilingual,
  /** Where the threshold comes from (city, document, year). */
  source: z.string().trim().max(300).optional(),
};

export const LightRule = z.discriminatedUnion('kind', [
  /** ppGap = target% − actual% of the annual plan (Yinchuan: behind 10–30 pp yellow, > 30 pp red). */
  z.object({ ...ruleBase, kind: z.literal('pp_gap'), params: ProgressParams }),
  /** ratio = actual / target (Wuhan: < 80% yellow card, < 60% red card). */
  z.object({ ...ruleBase, kind: z.literal('ratio'), params: ProgressParams }),
  /** relGap = (target − actual) / target (Sanya: below by ≤ 50% yellow, > 50% red). */
  z.object({ ...ruleBase, kind: z.literal('rel_gap'), params: ProgressParams }),
  /**
   * Planned start passed (plus graceDays) without an actual start; `minMonths` counts the calendar months
   * since the planned start month, that month included (Yinchuan: 3 consecutive months → red).
   */
  z.object({
    ...ruleBase,
    kind: z.literal('start_overdue'),
    params: z.object({
      graceDays: z.number().int().min(0).max(365).default(0),
      minMonths: z.number().int().min(1).max(36).default(1),
    }),
  }),
  /**
   * The base condition — any of the named rules of the set fires — held in each of the last `months`
   * monthly reports (the current one included); escalates to this rule's colour.
   */
  z.object({
    ...ruleBase,
    kind: z.literal('consecutive_months'),
    params: z.object({
      baseRuleIds: z.array(z.string().min(1).max(48)).min(1).max(10),
      months: z.number().int().min(2).max(24),
    }),
  }),
  /**
   * Started, not enrolled in the fixed-asset-investment statistics `afterMonths` months later (inclusive:
   * on that date already; exclusive: only after it). Yinchuan: ≥ 1 month yellow, > 2 months red.
   */
  z.object({
    ...ruleBase,
    kind: z.literal('stats_enrolment'),
    params: z.object({
      afterMonths: z.number().int().min(0).max(36),
      inclusive: z.boolean().default(true),
      /** Only projects of at least this total investment (元); NBS enrols projects ≥ 500万. */
      minInvestment: z.number().int().min(0).optional(),
    }),
  }),
]);
export type LightRule = z.infer<typeof LightRule>;

export const RuleSetParams = z
  .object({
    /** The report of month M is due on this day of month M+1; until then month M−1 is evaluated. */
    reportDueDay: z.number().int().min(1).max(28).default(10),
    /** 1–2月 reported together: January is not evaluated on its own (December stays in force until February's report). */
    combineJanFeb: z.boolean().default(true),
    rules: z.array(LightRule).min(1).max(50),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.rules.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
      ids.add(r.id);
    });
    p.rules.forEach((r, i) => {
      if (r.kind !== 'consecutive_months') return;
      for (const baseId of r.params.baseRuleIds) {
        const base = p.rules.find((b) => b.id === baseId);
        if (!base || base.kind === 'consecutive_months')
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'params', 'baseRuleIds'],
            message: `${baseId}: baseRuleIds must name other rules of the set that are not consecutive_months`,
          });
      }
    });
  });
export type RuleSetParams = z.infer<typeof RuleSetParams>;

export const LightRuleSet = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  params: RuleSetParams,
  status: z.enum(RULE_SET_STATUSES),
  /** The built-in default (thresholds taken from other cities; review before relying on it). */
  isDefault: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  activatedBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  abilities: AbilitiesSchema,
});
export type LightRuleSet = z.infer<typeof LightRuleSet>;

const ruleSetFields = {
  name: z.string().trim().min(1).max(100),
  issuer: z.string().trim().max(100).nullable().optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
  effectiveFrom: IsoDate.nullable().optional(),
  effectiveTo: IsoDate.nullable().optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
};
/** A new draft: give `params`, or `copyFromId` to start from an existing set (e.g. the default). */
export const LightRuleSetCreate = z
  .object({ ...ruleSetFields, params: RuleSetParams.optional(), copyFromId: z.string().max(64).optional() })
  .refine((v) => v.params !== undefined || v.copyFromId !== undefined, {
    message: 'give params or copyFromId',
    path: ['params'],
  });
export type LightRuleSetCreate = z.infer<typeof LightRuleSetCreate>;
export const LightRuleSetUpdate = z
  .object({ ...ruleSetFields, params: RuleSetParams, ...VersionField })
  .partial()
  .required({ version: true });
export type LightRuleSetUpdate = z.infer<typeof LightRuleSetUpdate>;
export const LightRuleSetActivate = z.object({ effectiveFrom: IsoDate.optional(), ...VersionField });
export type LightRuleSetActivate = z.infer<typeof LightRuleSetActivate>;

export const FiredRule = z.object({
  ruleId: z.string(),
  kind: z.enum(LIGHT_RULE_KINDS),
  color: z.enum(['yellow', 'red']),
  label: Bilingual,
  /** The figures the rule was evaluated on: money in 元, percentages in %, gapPp in percentage points. */
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null(), z.array(z.string())])),
  message: Bilingual,
});
export type FiredRule = z.infer<typeof FiredRule>;

export const LightEvaluation = z.object({
  /** null: not assessed (terminated, suspended, completed, or nothing to assess yet). */
  color: LightColorSchema.nullable(),
  assessed: z.boolean(),
  notAssessedReason: z.string().nullable(),
  asOf: z.string(),
  /** The monthly report month the progress rules looked at. */
  asOfMonth: z.string().nullable(),
  fired: z.array(FiredRule),
});
export type LightEvaluation = z.infer<typeof LightEvaluation>;

export const LightHistoryEntry = z.object({
  id: z.string(),
  color: LightColorSchema.nullable(),
  previousColor: LightColorSchema.nullable(),
  computedColor: LightColorSchema.nullable(),
  ruleSetId: z.string().nullable(),
  ruleSetVersion: z.number().int().nullable(),
  fired: z.array(FiredRule),
  computedAt: z.string(),
  asOf: z.string(),
  asOfMonth: z.string().nullable(),
  reason: z.enum(LIGHT_HISTORY_REASONS),
  overrideId: z.string().nullable(),
});
export type LightHistoryEntry = z.infer<typeof LightHistoryEntry>;

export const LightOverride = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  regionCode: z.string(),
  color: LightColorSchema,
  reason: z.string(),
  until: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  status: z.enum(OVERRIDE_STATUSES),
  requestedBy: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  abilities: AbilitiesSchema,
});
export type LightOverride = z.infer<typeof LightOverride>;

export const LightOverrideCreate = z.object({
  color: LightColorSchema,
  /** 正当理由: why the computed light does not reflect the project's real state. */
  reason: z.string().trim().min(2).max(2000),
  until: IsoDate.nullable().optional(),
  /** Evidence already uploaded to this project (POST /api/v1/attachments with entity=project). */
  attachmentIds: z.array(z.string().max(64)).max(20).default([]),
});
export type LightOverrideCreate = z.infer<typeof LightOverrideCreate>;
export const LightOverrideDecision = z.object({ note: z.string().trim().max(2000).optional() });
export const LightOverrideListQuery = z.object({
  status: z.enum(OVERRIDE_STATUSES).optional(),
  projectId: z.string().max(64).optional(),
});

export const RuleSetRef = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
});

export const ProjectLights = z.object({
  projectId: z.string(),
  projectName: z.string(),
  regionCode: z.string(),
  /** The light shown everywhere (an approved override wins) and the date it last changed colour. */
  light: LightColorSchema.nullable(),
  lightSince: z.string().nullable(),
  /** What the rules say now, live, with the figures they were evaluated on. */
  current: LightEvaluation,
  /** The approved override in force, if any. */
  override: LightOverride.nullable(),
  /** True when the stored light differs from what the rules and the override say now (recompute pending). */
  stale: z.boolean(),
  ruleSet: RuleSetRef.nullable(),
  history: z.array(LightHistoryEntry),
  overrides: z.array(LightOverride),
  abilities: AbilitiesSchema,
});
export type ProjectLights = z.infer<typeof ProjectLights>;

export const LightSummaryQuery = z.object({
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
const Counts = {
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  none: z.number().int(),
  total: z.number().int(),
};
export const LightSummary = z.object({
  regionCode: z.string().nullable(),
  ...Counts,
  byRegion: z.array(z.object({ regionCode: z.string(), regionName: z.string().nullable(), ...Counts })),
});
export type LightSummary = z.infer<typeof LightSummary>;

export const LightRecomputeResult = z.object({
  projects: z.number().int(),
  changed: z.number().int(),
  historyWritten: z.number().int(),
});
