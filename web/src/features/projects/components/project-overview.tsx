import { Card, Col, Descriptions, Row, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CONSTRUCTION_NATURES,
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  SIGNING_KINDS,
  type ProjectDetail,
} from '@contracts/schemas/projects';
import { useMoneyFormat } from '@/components/money';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';

const labelOf = (
  list: ReadonlyArray<{ value: string; zh: string; en: string }>,
  v: string | null,
  lang: string,
) => {
  if (!v) return '—';
  const o = list.find((x) => x.value === v);
  return o ? pickLabel(o, lang) : v;
};

/** 概览: identity, parties, classification, money and scale, commitments, status. */
export function ProjectOverview({ project: p }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = useMoneyFormat();
  const dash = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '—' : v;
  const col = { xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 } as const;

  const identity: DescriptionsProps['items'] = [
    { key: 'code', label: t('projects.projectCode'), children: dash(p.projectCode) },
    ...(p.legacyProjectCode
      ? [{ key: 'legacy', label: t('projects.legacyProjectCode'), children: p.legacyProjectCode }]
      : []),
    { key: 'internal', label: t('projects.internalId'), children: p.internalId },
    { key: 'level', label: t('projects.level'), children: labelOf(PROJECT_LEVELS, p.level, lang) },
    {
      key: 'category',
      label: t('projects.category'),
      children: labelOf(PROJECT_CATEGORIES, p.category, lang),
    },
    {
      key: 'nature',
      label: t('projects.constructionNature'),
      children: labelOf(CONSTRUCTION_NATURES, p.constructionNature, lang),
    },
    {
      key: 'signing',
      label: t('projects.signingKind'),
      children: labelOf(SIGNING_KINDS, p.signingKind, lang),
    },
    {
      key: 'industry',
      label: t('projects.industry'),
      children: p.industry
        ? [p.industry.section, p.industry.division, p.industry.group, p.industry.class]
            .filter(Boolean)
            .map((x) => `${x!.code} ${x!.name}`)
            .join(' / ')
        : dash(p.industryCode),
    },
    { key: 'chain', label: t('projects.chain'), children: dash(p.chainName ?? p.chainCode) },
  ];
  const parties: DescriptionsProps['items'] = [
    {
      key: 'investor',
      label: t('projects.investor'),
      children: p.investorName
        ? `${p.investorName}${p.investorCreditCode ? `（${p.investorCreditCode}）` : ''}`
        : '—',
    },
    {
      key: 'company',
      label: t('projects.company'),
      children: p.companyName
        ? `${p.companyName}${p.companyCreditCode ? `（${p.companyCreditCode}）` : ''}`
        : '—',
    },
    { key: 'unit', label: t('projects.responsibleUnit'), children: dash(p.responsibleUnitName) },
    {
      key: 'co',
      label: t('projects.coUnits'),
      children: p.coUnits.length ? p.coUnits.map((u) => u.name).join('、') : '—',
    },
    { key: 'attracted', label: t('projects.attractedBy'), children: dash(p.attractedByUnitName) },
    { key: 'first', label: t('projects.firstContact'), children: dash(p.firstContactUnitName) },
    { key: 'region', label: t('projects.region'), children: dash(p.regionName ?? p.regionCode) },
    { key: 'zone', label: t('projects.zone'), children: dash(p.zoneUnitName) },
    { key: 'park', label: t('projects.park'), children: dash(p.parkName) },
    { key: 'leader', label: t('projects.linkedLeader'), children: dash(p.linkedLeader) },
    { key: 'tf', label: t('projects.taskForce'), children: dash(p.taskForceName) },
  ];
  const moneyItems: DescriptionsProps['items'] = [
    { key: 'agreed', label: t('projects.agreedInvestment'), children: money(p.agreedInvestment) },
    { key: 'filed', label: t('projects.filedInvestment'), children: money(p.filedInvestment) },
    { key: 'fixed', label: t('projects.fixedAssetInvestment'), children: money(p.fixedAssetInvestment) },
    { key: 'capital', label: t('projects.registeredCapital'), children: money(p.registeredCapital) },
    ...(p.foreignInvested
      ? [
          {
            key: 'foreign',
            label: t('projects.foreignAmount'),
            children:
              p.foreignAmountUsd === null
                ? '—'
                : `${formatNumber(p.foreignAmountUsd / 10000)} ${t('money.wanUsd')}${p.fxRate ? ` × ${p.fxRate}` : ''}`,
          },
        ]
      : []),
    {
      key: 'land',
      label: t('projects.landAreaMu'),
      children:
        p.landAreaMu === null
          ? p.leasedPlant
            ? t('projects.leasedPlant')
            : '—'
          : `${formatNumber(p.landAreaMu)} ${t('money.mu')}`,
    },
    {
      key: 'floor',
      label: t('projects.floorAreaM2'),
      children: p.floorAreaM2 === null ? '—' : `${formatNumber(p.floorAreaM2)} m²`,
    },
    {
      key: 'intensity',
      label: t('projects.investmentIntensity'),
      children:
        p.investmentIntensity === null
          ? '—'
          : `${money(p.investmentIntensity, { unit: 'wan' })}/${t('money.mu')}`,
    },
  ];
  const commitments: DescriptionsProps['items'] = [
    { key: 'output', label: t('projects.expectedOutput'), children: money(p.expectedOutput) },
    { key: 'tax', label: t('projects.expectedTax'), children: money(p.expectedTax) },
    {
      key: 'taxMu',
      label: t('projects.expectedTaxPerMu'),
      children:
        p.expectedTaxPerMu === null ? '—' : `${money(p.expectedTaxPerMu, { unit: 'wan' })}/${t('money.mu')}`,
    },
    { key: 'jobs', label: t('projects.expectedJobs'), children: dash(p.expectedJobs) },
  ];
  const status: DescriptionsProps['items'] = [
    {
      key: 'days',
      label: t('projects.signingToStartDays'),
      children: p.signingToStartDays === null ? '—' : t('projects.days', { count: p.signingToStartDays }),
    },
    {
      key: 'physical',
      label: t('projects.physicalProgress'),
      children:
        p.physicalProgressPct === null && !p.physicalProgressText
          ? '—'
          : `${p.physicalProgressPct === null ? '' : `${formatNumber(p.physicalProgressPct, 1)}% `}${p.physicalProgressText ?? ''}`,
    },
    ...(p.planProgress
      ? [
          {
            key: 'plan',
            label: t('projects.planProgress', { year: p.planProgress.year }),
            children: `${money(p.planProgress.ytdInvestment)} / ${money(p.planProgress.planInvestment)}（${formatPercent(p.planProgress.completionRate)}，${t('projects.target')} ${formatPercent(p.planProgress.targetRate)}）`,
          },
        ]
      : []),
    ...(p.terminated
      ? [
          {
            key: 'terminated',
            label: t('projects.terminated'),
            children: `${formatDate(p.terminatedOn)} ${p.terminatedReason ?? ''}${p.terminatedApprover ? `（${p.terminatedApprover}）` : ''}`,
          },
        ]
      : []),
    ...(p.suspended
      ? [
          {
            key: 'suspended',
            label: t('projects.suspended'),
            children: `${formatDate(p.suspendedOn)} ${p.suspendedReason ?? ''}${p.suspendedApprover ? `（${p.suspendedApprover}）` : ''}`,
          },
        ]
      : []),
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('projects.form.basic')}>
          <Descriptions size="small" column={col} items={identity} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('projects.form.parties')}>
          <Descriptions size="small" column={col} items={parties} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('projects.form.money')} style={{ height: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={moneyItems} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('projects.form.commitments')} style={{ height: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={commitments} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('projects.statusSection')}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} items={status} />
          {p.description ? (
            <>
              <Typography.Title level={5}>{t('projects.description')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
            </>
          ) : null}
          {p.nextSteps ? (
            <>
              <Typography.Title level={5}>{t('projects.nextSteps')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.nextSteps}</Typography.Paragraph>
            </>
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}
