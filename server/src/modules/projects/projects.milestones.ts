/**
 * The stage model of domain.md §1.2. Every milestone has an independent planned and actual date; `stage` is
 * the furthest milestone reached; 终止/暂缓 are flags, not stages.
 */
export const MILESTONES = [
  { key: 'lead_registered', stage: 0, zh: '线索', en: 'Lead' },
  { key: 'assessed', stage: 1, zh: '研判', en: 'Assessed' },
  { key: 'negotiation', stage: 2, zh: '在谈', en: 'In negotiation' },
  { key: 'signed', stage: 3, zh: '签约', en: 'Signed' },
  { key: 'registered', stage: 4, zh: '注册', en: 'Company registered' },
  { key: 'filed', stage: 5, zh: '备案/核准', en: 'Filed / approved' },
  { key: 'land_supplied', stage: 6, zh: '供地', en: 'Land supplied' },
  { key: 'permitted', stage: 7, zh: '许可', en: 'Construction permit' },
  { key: 'started', stage: 8, zh: '开工', en: 'Groundbreaking' },
  { key: 'stats_enrolled', stage: 9, zh: '入库', en: 'Statistics enrolment' },
  { key: 'under_construction', stage: 10, zh: '建设', en: 'Under construction' },
  { key: 'completed', stage: 11, zh: '竣工', en: 'Completed' },
  { key: 'in_operation', stage: 12, zh: '投产', en: 'In production' },
  { key: 'full_capacity', stage: 13, zh: '达产', en: 'Full capacity' },
  { key: 'evaluated', stage: 14, zh: '后评价', en: 'Post-evaluated' },
] as const;

export type MilestoneKey = (typeof MILESTONES)[number]['key'];
export const MILESTONE_KEYS = MILESTONES.map((m) => m.key) as MilestoneKey[];
