import { z } from 'zod';
import { AbilitiesSchema, ListQuery, VersionField } from './common';
import { FiredRule, IsoDate, LightColorSchema } from './lights';
import { Problem } from './problems';

/**
 * 调度会 (dispatch meetings) — domain.md §1.5. The agenda is built from red and yellow projects and
 * escalated or overdue problems; decisions (议定事项) become problems; the 调度通报 exports to Word and Excel.
 */
export const MEETING_KINDS = ['weekly', 'monthly', 'special'] as const;
export const MEETING_KIND_LABELS: Record<(typeof MEETING_KINDS)[number], { zh: string; en: string }> = {
  weekly: { zh: '周调度', en: 'Weekly dispatch' },
  monthly: { zh: '月调度', en: 'Monthly dispatch' },
  special: { zh: '专题调度', en: 'Special session' },
};
export const MEETING_STATUSES = ['draft', 'held', 'published'] as const;

/** The three groups of the 调度通报, in the order the bulletin prints them. */
export const BULLETIN_GROUPS = ['normal', 'lagging', 'coordination'] as const;
export type BulletinGroup = (typeof BULLETIN_GROUPS)[number];
export const BULLETIN_GROUP_LABELS: Record<BulletinGroup, { zh: string; en: string }> = {
  normal: { zh: '正常推进', en: 'On track' },
  lagging: { zh: '滞后预警', en: 'Lagging (warning)' },
  coordination: { zh: '需协调', en: 'Needs coordination' },
};

/** Figures of a project at the time it was put on the agenda. Money in 元. */
export const ProjectSnapshot = z.object({
  name: z.string(),
  regionCode: z.string(),
  light: LightColorSchema.nullable(),
  lightSince: z.string().nullable(),
  stage: z.number().int(),
  stageLabel: z.string(),
  planYear: z.number().int().nullable(),
  planInvestment: z.number().nullable(),
  month: z.string().nullable(),
  ytdInvestment: z.number().nullable(),
  completionPct: z.number().nullable(),
  physicalProgressPct: z.number().nullable(),
  physicalProgressText: z.string().nullable(),
  fired: z.array(FiredRule.pick({ ruleId: true, color: true, message: true })),
});
export const ProblemSnapshot = z.object({
  title: z.string(),
  status: z.string(),
  escalationLevel: z.number().int(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  ownerUnitName: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  entityName: z.string().nullable(),
});

export const MeetingItem = z.object({
  id: z.string(),
  type: z.enum(['project', 'problem']),
  refId: z.string(),
  sort: z.number().int(),
  source: z.enum(['auto', 'manual']),
  /** Why it is on the agenda: 'red' | 'yellow' | 'escalated' | 'overdue' | 'manual'. */
  reason: z.string(),
  note: z.string().nullable(),
  snapshot: z.union([ProjectSnapshot, ProblemSnapshot]),
  addedAt: z.string(),
});
export type MeetingItem = z.infer<typeof MeetingItem>;

export const Meeting = z.object({
  id: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  heldOn: z.string(),
  chair: z.string().nullable(),
  attendees: z.string().nullable(),
  regionCode: z.string(),
  organizerUnitId: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  minutes: z.string().nullable(),
  /** 发文字号 printed on the bulletin (e.g. 镇发改调度〔2025〕12号). */
  docNo: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  heldAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  items: z.array(MeetingItem),
  decisions: z.array(Problem),
  abilities: AbilitiesSchema,
});
export type Meeting = z.infer<typeof Meeting>;
export const MeetingSummary = Meeting.omit({ items: true, decisions: true }).extend({
  itemCount: z.number().int(),
  decisionCount: z.number().int(),
});

export const MeetingListQuery = ListQuery.extend({
  kind: z.enum(MEETING_KINDS).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  heldFrom: IsoDate.optional(),
  heldTo: IsoDate.optional(),
});
export const MEETING_SORTS = ['heldOn', 'createdAt', 'title'] as const;

const meetingFields = {
  kind: z.enum(MEETING_KINDS),
  title: z.string().trim().min(2).max(200),
  heldOn: IsoDate,
  chair: z.string().trim().max(50).nullable().optional(),
  attendees: z.string().trim().max(2000).nullable().optional(),
  docNo: z.string().trim().max(100).nullable().optional(),
};
export const MeetingCreate = z.object({
  ...meetingFields,
  /** Where the meeting is held for (GB/T 2260); defaults to the organiser's region. The agenda is built within it. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Build the agenda from red/yellow projects and escalated or overdue problems (default true). */
  autoAgenda: z.boolean().default(true),
});
export type MeetingCreate = z.infer<typeof MeetingCreate>;
export const MeetingUpdate = z
  .object({ ...meetingFields, minutes: z.string().trim().max(20000).nullable().optional(), ...VersionField })
  .partial()
  .required({ version: true });
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingItemAdd = z.object({
  type: z.enum(['project', 'problem']),
  refId: z.string().min(1).max(64),
  note: z.string().trim().max(1000).nullable().optional(),
});
export const MeetingItemParams = z.object({
  id: z.string().min(1).max(64),
  itemId: z.string().min(1).max(64),
});

export const MeetingDecisionCreate = z.object({
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(4000).nullable().optional(),
  ownerUnitId: z.string().max(64),
  dueOn: IsoDate,
  /** The project the decision is about; without it the decision belongs to the meeting itself. */
  projectId: z.string().max(64).optional(),
  category: z.string().trim().max(32).optional(),
  coUnitIds: z.array(z.string().max(64)).max(20).optional(),
  leadLeader: z.string().trim().max(50).nullable().optional(),
});
export type MeetingDecisionCreate = z.infer<typeof MeetingDecisionCreate>;

export const MeetingStatusChange = z.object({ ...VersionField });

/** One line of the 调度通报: 项目名称—年度计划投资—已完成投资/形象进度—当前节点—存在问题—下一步及完成时限. Money in 元. */
export const BulletinRow = z.object({
  projectId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  light: LightColorSchema.nullable(),
  planInvestment: z.number().nullable(),
  ytdInvestment: z.number().nullable(),
  month: z.string().nullable(),
  completionPct: z.number().nullable(),
  physicalProgressPct: z.number().nullable(),
  physicalProgressText: z.string().nullable(),
  stageLabel: z.string(),
  problems: z.array(z.string()),
  nextSteps: z.array(z.string()),
  group: z.enum(BULLETIN_GROUPS),
});
export type BulletinRow = z.infer<typeof BulletinRow>;
export const Bulletin = z.object({
  meetingId: z.string(),
  /** The document's title (重大项目建设调度通报) and the meeting it reports on. */
  title: z.string(),
  meetingTitle: z.string(),
  docNo: z.string().nullable(),
  issuer: z.string().nullable(),
  heldOn: z.string(),
  chair: z.string().nullable(),
  frozen: z.boolean(),
  groups: z.array(z.object({ key: z.enum(BULLETIN_GROUPS), rows: z.array(BulletinRow) })),
  decisions: z.array(
    z.object({
      title: z.string(),
      ownerUnitName: z.string().nullable(),
      dueOn: z.string().nullable(),
      projectName: z.string().nullable(),
    }),
  ),
  totals: z.object({ projects: z.number().int(), planInvestment: z.number(), ytdInvestment: z.number() }),
});
export type Bulletin = z.infer<typeof Bulletin>;
