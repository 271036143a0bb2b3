import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EligibilityResult } from '@contracts/schemas/enterprises';
import { paths } from '@/config/paths';
import { translateOr } from '@/lib/i18n';

type Summary = { tier: EligibilityResult['tier']; year: number; pass: boolean; failed: string[] } | null;

/** Pass / fail of a stored eligibility, with the failed criteria named; links to the explanation. */
export function EligibilitySummaryTag({ summary, enterpriseId }: { summary: Summary; enterpriseId: string }) {
  const { t } = useTranslation();
  if (!summary) return <Tag>{t('enterprises.noEligibility')}</Tag>;
  const failed = summary.failed.map((f) => translateOr(`enterprises.criteria.${f}`, f)).join('、');
  return (
    <Link to={`${paths.enterprises}/${enterpriseId}?tab=eligibility`}>
      <Tooltip
        title={
          summary.pass
            ? t('enterprises.figuresOfYear', { year: summary.year })
            : t('enterprises.failedOn', { list: failed })
        }
      >
        <Tag color={summary.pass ? 'success' : 'error'} style={{ cursor: 'pointer' }}>
          {summary.pass ? t('enterprises.meets') : t('enterprises.doesNotMeet')}
          {summary.pass ? '' : `${t('drill.colon')}${failed}`}
        </Tag>
      </Tooltip>
    </Link>
  );
}
