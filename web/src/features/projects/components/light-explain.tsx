import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FiredRule, ProjectLights } from '@contracts/schemas/lights';
import { useMoneyFormat } from '@/components/money';
import { formatDate, formatNumber } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';

const MONEY_KEYS = new Set([
  'actual',
  'target',
  'planInvestment',
  'ytdInvestment',
  'minInvestment',
  'minPlanInvestment',
]);

/** Figures of a fired rule: money in 元 → 万元, percentages and pp as they are; unknown keys as given. */
export function useFigureText() {
  const money = useMoneyFormat();
  return (key: string, v: FiredRule['figures'][string]): string => {
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.join('、');
    if (typeof v === 'string') return v;
    if (MONEY_KEYS.has(key)) return money(v);
    if (/Pp$/.test(key)) return `${formatNumber(v, 1)} pp`;
    if (/Pct$/.test(key)) return `${formatNumber(v, 1)}%`;
    if (key === 'ratio' || key === 'relGap') return `${formatNumber(v * 100, 1)}%`;
    return formatNumber(v, 2);
  };
}

export const figureLabel = (key: string) => translateOr(`lights.figures.${key}`, key);

/** The explanation of a light for its tooltip: each fired rule's message, and since when. */
export function LightExplanation({ lights }: { lights: ProjectLights | undefined }) {
  const { t, i18n } = useTranslation();
  if (!lights) return null;
  const fired = lights.current.fired;
  return (
    <div style={{ maxWidth: 360 }} data-testid="light-explanation">
      {lights.override ? (
        <div>{t('lights.overridden', { reason: lights.override.reason })}</div>
      ) : fired.length ? (
        fired.map((f) => (
          <div key={f.ruleId} style={{ marginBottom: 4 }}>
            • {pickLabel(f.message, i18n.language)}
          </div>
        ))
      ) : lights.current.assessed ? (
        <div>{t('lights.noRuleFired')}</div>
      ) : (
        <div>
          {lights.current.notAssessedReason
            ? translateOr(
                `lights.notAssessedReasons.${lights.current.notAssessedReason}`,
                lights.current.notAssessedReason,
              )
            : t('lights.notAssessed')}
        </div>
      )}
      {lights.lightSince ? (
        <Typography.Text style={{ color: 'inherit', opacity: 0.8, fontSize: 12 }}>
          {t('lights.since', { date: formatDate(lights.lightSince) })}
          {lights.ruleSet
            ? ` · ${lights.ruleSet.name}${lights.ruleSet.docNo ? `（${lights.ruleSet.docNo}）` : ''}`
            : ''}
        </Typography.Text>
      ) : null}
    </div>
  );
}
