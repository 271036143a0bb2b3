import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, List, Row, Select, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  QUALIFICATION_TYPE_LABELS,
  type EligibilityCriterion,
  type EligibilityResult,
} from '@contracts/schemas/enterprises';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDateTime } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { useEligibility } from '../api/get-enterprise';
import { formatCriterionFigure } from './format-figures';

function Mark({ c }: { c: EligibilityCriterion }) {
  if (c.missing) return <ExclamationCircleFilled style={{ color: '#faad14', fontSize: 16 }} />;
  return c.pass ? (
    <CheckCircleFilled style={{ color: '#52c41a', fontSize: 16 }} />
  ) : (
    <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 16 }} />
  );
}

function TierResult({ r }: { r: EligibilityResult }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const lang = i18n.language;
  const units = { wan: t('money.wan'), yi: t('money.yi') };
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const fig = (o: Record<string, number | string | boolean | null>) =>
    Object.entries(o)
      .filter(([k]) => k !== 'op')
      .map(([k, v]) => (
        <div key={k} style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
          <Typography.Text type="secondary">
            {translateOr(`enterprises.figure.${k}`, k)}
            {t('drill.colon')}
          </Typography.Text>
          {formatCriterionFigure(k, v, units, yesNo)}
        </div>
      ));
  const columns: ColumnsType<EligibilityCriterion> = [
    { title: '', key: 'm', width: 32, render: (_, c) => <Mark c={c} /> },
    {
      title: t('enterprises.criterion'),
      key: 'label',
      render: (_, c) => (
        <div style={{ minWidth: 140 }}>
          {pickLabel(c.label, lang)}
          {c.role === 'alternative' ? (
            <Tag style={{ marginInlineStart: 4 }} color="blue">
              {t('enterprises.alternative')}
            </Tag>
          ) : null}
        </div>
      ),
    },
    { title: t('enterprises.figures'), key: 'f', render: (_, c) => fig(c.figures) },
    { title: t('enterprises.thresholds'), key: 'th', render: (_, c) => fig(c.thresholds) },
    {
      title: t('enterprises.explanation'),
      key: 'msg',
      render: (_, c) => (
        <span style={{ display: 'inline-block', minWidth: 220, maxWidth: 420, whiteSpace: 'normal' }}>
          {pickLabel(c.message, lang)}
        </span>
      ),
    },
  ];
  return (
    <Card
      size="small"
      data-testid="eligibility-tier"
      data-tier={r.tier}
      data-pass={String(r.pass)}
      title={
        <Flex gap={8} align="center" wrap>
          {pickLabel(QUALIFICATION_TYPE_LABELS[r.tier], lang)}
          {r.pass ? (
            <Tag color="success">{t('enterprises.meets')}</Tag>
          ) : (
            <Tag color="error">{t('enterprises.doesNotMeet')}</Tag>
          )}
          {r.stale ? <Tag color="warning">{t('enterprises.stale')}</Tag> : null}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('enterprises.figuresOfYear', { year: r.year })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('enterprises.ruleSet')}
        {t('drill.colon')}
        {r.ruleSetName}
        {r.docNo ? `（${r.docNo}）` : ''}
        {r.computedAt ? ` · ${t('enterprises.computedAt', { date: formatDateTime(r.computedAt) })}` : ''}
      </Typography.Paragraph>
      {isMobile ? (
        <List<EligibilityCriterion>
          size="small"
          dataSource={r.criteria}
          renderItem={(c) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="criterion">
              <Flex gap={8} align="center">
                <Mark c={c} />
                <Typography.Text strong>{pickLabel(c.label, lang)}</Typography.Text>
                {c.role === 'alternative' ? <Tag color="blue">{t('enterprises.alternative')}</Tag> : null}
              </Flex>
              <div style={{ margin: '4px 0' }}>{pickLabel(c.message, lang)}</div>
              <Row gutter={8}>
                <Col span={12}>{fig(c.figures)}</Col>
                <Col span={12}>{fig(c.thresholds)}</Col>
              </Row>
            </List.Item>
          )}
        />
      ) : (
        <Table<EligibilityCriterion>
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={r.criteria}
          scroll={{ x: 'max-content' }}
        />
      )}
      {r.manualChecks.length ? (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          showIcon
          message={t('enterprises.manualChecks')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.manualChecks.map((m, i) => (
                <li key={i}>{pickLabel(m, lang)}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}

/** 认定条件: eligibility per tier, each criterion pass or fail with the figures used and the thresholds applied. */
export function EligibilityPanel({ enterpriseId, years }: { enterpriseId: string; years: number[] }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | undefined>();
  const q = useEligibility(enterpriseId, year);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{t('enterprises.eligibilityHelp')}</Typography.Text>
        <Select
          allowClear
          value={year}
          onChange={setYear}
          placeholder={t('enterprises.latestYear')}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 140 }}
        />
      </Flex>
      {q.isLoading ? (
        <Spin />
      ) : q.isError ? (
        <Alert type="error" message={q.error instanceof Error ? q.error.message : String(q.error)} />
      ) : q.data?.length ? (
        <Row gutter={[12, 12]}>
          {q.data.map((r) => (
            <Col key={r.tier} span={24}>
              <TierResult r={r} />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty description={t('enterprises.noEligibility')} />
      )}
    </Flex>
  );
}
