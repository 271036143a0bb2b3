/**
 * The stage model's rules, pure (no I/O). domain.md §1.2: every milestone date is kept independently; only hard
 * prerequisites are enforced; `stage` is the furthest milestone with an actual date.
 */
import { MILESTONES, MILESTONE_KEYS, milestoneLabel, type MilestoneKey } from './projects.milestones';

export type ActualDates = Partial<Record<MilestoneKey, string | null>>;

export type StageFacts = {
  actual: ActualDates;
  /** The project company or the investor has a (valid) 统一社会信用代码: a legal entity can apply for filing. */
  hasLegalEntity: boolean;
  /** 租赁厂房: no land is supplied. */
  leasedPlant: boolean;
};

export type Violation = { milestone: MilestoneKey; rule: string; zh: string; en: string };

/** Furthest milestone with an actual date (0 when none). */
export function computeStage(actual: ActualDates): number {
  let stage = 0;
  for (const m of MILESTONES) if (actual[m.key]) stage = Math.max(stage, m.stage);
  return stage;
}

const zhOf = (m: MilestoneKey) => `「${milestoneLabel(m).zh}」`;
const enOf = (m: MilestoneKey) => `“${milestoneLabel(m).en}”`;

/** Prerequisite pairs: the milestone's actual date needs the prerequisite's actual date, on or before it. */
type PrerequisiteRule = {
  milestone: MilestoneKey;
  requires: MilestoneKey;
  unless?: (f: StageFacts) => boolean;
  why?: { zh: string; en: string };
};

export const PREREQUISITES: PrerequisiteRule[] = [
  { milestone: 'permitted', requires: 'filed' },
  {
    milestone: 'permitted',
    requires: 'land_supplied',
    unless: (f) => f.leasedPlant,
    why: { zh: '（租赁厂房项目请勾选“租赁厂房”）', en: ' (mark leased-plant projects as such)' },
  },
  { milestone: 'completed', requires: 'started' },
  { milestone: 'in_operation', requires: 'completed' },
  { milestone: 'full_capacity', requires: 'in_operation' },
];

/** Every hard-prerequisite violation of a state (independent of what changed). */
export function hardViolations(f: StageFacts): Violation[] {
  const out: Violation[] = [];
  if (f.actual.filed && !f.hasLegalEntity)
    out.push({
      milestone: 'filed',
      rule: 'legal_entity',
      zh: `${zhOf('filed')}需要法人主体：请先填写项目公司或投资方的统一社会信用代码`,
      en: `${enOf('filed')} needs a legal-entity applicant: enter the project company's or the investor's unified social credit code first`,
    });
  for (const r of PREREQUISITES) {
    const at = f.actual[r.milestone];
    if (!at || r.unless?.(f)) continue;
    const pre = f.actual[r.requires];
    if (!pre)
      out.push({
        milestone: r.milestone,
        rule: `requires:${r.requires}`,
        zh: `${zhOf(r.milestone)}的实际日期需要先有${zhOf(r.requires)}的实际日期${r.why?.zh ?? ''}`,
        en: `${enOf(r.milestone)} needs an actual date of ${enOf(r.requires)} first${r.why?.en ?? ''}`,
      });
    else if (pre > at)
      out.push({
        milestone: r.milestone,
        rule: `order:${r.requires}`,
        zh: `${zhOf(r.milestone)}的实际日期（${at}）不能早于${zhOf(r.requires)}（${pre}）`,
        en: `the actual date of ${enOf(r.milestone)} (${at}) cannot be before ${enOf(r.requires)} (${pre})`,
      });
  }
  return out;
}

/**
 * The violations a change introduces: those of the new state that the old state did not have (so a record that
 * came in with legacy inconsistencies can still be edited), plus actual dates set in the future.
 */
export function violationsOfChange(before: StageFacts | null, after: StageFacts, today: string): Violation[] {
  const old = new Set((before ? hardViolations(before) : []).map((v) => `${v.milestone}|${v.rule}`));
  const out = hardViolations(after).filter((v) => !old.has(`${v.milestone}|${v.rule}`));
  for (const m of MILESTONE_KEYS) {
    const at = after.actual[m];
    if (at && at !== before?.actual[m] && at > today)
      out.push({
        milestone: m,
        rule: 'future',
        zh: `${zhOf(m)}的实际日期（${at}）不能晚于今天（${today}）`,
        en: `the actual date of ${enOf(m)} (${at}) cannot be in the future (today is ${today})`,
      });
  }
  return out;
}

/** The first requirement group the given document types satisfy (every type of the group present), or null. */
export function satisfiedGroup(
  requirements: readonly (readonly string[])[],
  docTypes: ReadonlySet<string>,
): readonly string[] | null {
  return requirements.find((group) => group.length > 0 && group.every((t) => docTypes.has(t))) ?? null;
}

/** Calendar days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
