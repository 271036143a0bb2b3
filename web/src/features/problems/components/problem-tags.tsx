import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Problem, ProblemStatus } from '@contracts/schemas/problems';
import { pickLabel } from '@/lib/i18n';

const STATUS_COLOR: Record<ProblemStatus, string> = {
  pending: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  closed: 'success',
  returned: 'volcano',
  on_hold: 'warning',
};

/** Documents a problem's replies and closure carry (any type is accepted; these are the usual ones). */
export const PROBLEM_DOC_TYPES = {
  evidence: { zh: '办结佐证', en: 'Evidence of resolution' },
  progress: { zh: '进展材料', en: 'Progress material' },
  other: { zh: '其他', en: 'Other' },
};

export function ProblemStatusTag({ problem }: { problem: Pick<Problem, 'status' | 'statusLabel'> }) {
  const { i18n } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOR[problem.status] ?? 'default'}
      style={{ marginInlineEnd: 0 }}
      data-testid="problem-status"
    >
      {pickLabel(problem.statusLabel, i18n.language)}
    </Tag>
  );
}

export function EscalationTag({
  problem,
}: {
  problem: Pick<Problem, 'escalationLevel' | 'escalationLabel'>;
}) {
  const { i18n } = useTranslation();
  const colors = ['default', 'gold', 'orange', 'red', 'magenta'];
  return (
    <Tag
      color={colors[Math.min(problem.escalationLevel - 1, colors.length - 1)] ?? 'default'}
      style={{ marginInlineEnd: 0 }}
    >
      {problem.escalationLabel
        ? pickLabel(problem.escalationLabel, i18n.language)
        : `L${problem.escalationLevel}`}
    </Tag>
  );
}
