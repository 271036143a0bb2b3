import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { MILESTONES } from '@contracts/schemas/projects';
import { pickLabel } from '@/lib/i18n';

/** Colour by phase of the 4+2 model: 招引 → 签约落地 → 建设 → 投产达效. */
function stageColor(stage: number): string {
  if (stage <= 2) return 'default';
  if (stage <= 7) return 'cyan';
  if (stage <= 10) return 'blue';
  if (stage <= 12) return 'geekblue';
  return 'purple';
}

export const stageLabel = (stage: number, lang: string) => {
  const m = MILESTONES.find((x) => x.stage === stage);
  return m ? pickLabel(m, lang) : String(stage);
};

/** The project's stage (the furthest milestone reached), with 终止/暂缓 flags beside it. */
export function StageTag({
  stage,
  terminated,
  suspended,
}: {
  stage: number;
  terminated?: boolean;
  suspended?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      <Tag color={stageColor(stage)} data-testid="stage-tag" style={{ marginInlineEnd: 0 }}>
        {stageLabel(stage, i18n.language)}
      </Tag>
      {terminated ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('projects.terminated')}
        </Tag>
      ) : null}
      {suspended ? (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('projects.suspended')}
        </Tag>
      ) : null}
    </span>
  );
}
