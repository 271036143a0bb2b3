/**
 * The stage model of domain.md §1.2. Every milestone has an independent planned and actual date; `stage` is
 * the furthest milestone reached; 终止/暂缓 are flags, not stages. The list itself lives in contracts/ so the web
 * shows the same labels.
 */
import { MILESTONES, MILESTONE_KEYS, type MilestoneKey } from '../../../../contracts/schemas/projects';

export { MILESTONES, MILESTONE_KEYS, type MilestoneKey };

export const plannedColumn = (m: MilestoneKey) => `planned_${m}_on` as const;
export const actualColumn = (m: MilestoneKey) => `actual_${m}_on` as const;

export const milestoneOf = (key: MilestoneKey) => MILESTONES.find((m) => m.key === key)!;
export const milestoneLabel = (key: MilestoneKey) => {
  const m = milestoneOf(key);
  return { zh: m.zh, en: m.en };
};
export const stageLabel = (stage: number) => {
  const m = MILESTONES.find((x) => x.stage === stage) ?? MILESTONES[0];
  return { zh: m.zh, en: m.en };
};
