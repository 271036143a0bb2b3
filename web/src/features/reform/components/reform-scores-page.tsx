import { Alert, Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Scores, TaskScore, UnitScore } from '@contracts/schemas/reform';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDateTime, formatNumber } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useScores } from '../api/periods';
import { ScorePeriodPicker } from './period-picker';

const PERIOD = /^\d{4}(-((0[1-9]|1[0-2])|Q[1-4]))?$/;
const n = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));

function MethodCard({ scores }: { scores: Scores }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const m = scores.method;
  return (
    <Card size="small" title={t('reform.method')} data-testid="score-method">
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {m.ruleSetName}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {[
          m.docNo,
          m.effectiveFrom ? t('reform.effectiveFrom', { date: m.effectiveFrom }) : null,
          t('reform.ruleVersion', { v: m.ruleSetVersion }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={m.components.map((c) => ({
          key: c.key,
          label: (
            <span>
              {pickLabel(c.label, lang)}
              {c.weight !== null ? <Tag style={{ marginInlineStart: 4 }}>{c.weight}</Tag> : null}
            </span>
          ),
          children: <span style={{ fontSize: 12 }}>{pickLabel(c.description, lang)}</span>,
        }))}
      />
      <Typography.Paragraph style={{ marginTop: 12, fontSize: 12 }}>
        <Typography.Text strong>
          {t('reform.formula')}
          {t('drill.colon')}
        </Typography.Text>
        {pickLabel(m.formula, lang)}
      </Typography.Paragraph>
    </Card>
  );
}

/** 考核: units ranked by score with the breakdown, their tasks' scores on expansion, and the method beside the table. */
export function ReformScoresPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [search, setSearch] = useSearchParams();
  const raw = search.get('period') ?? '';
  const period = PERIOD.test(raw) ? raw : dayjs().format('YYYY-MM');
  const scores = useScores(period);
  const s = scores.data;

  const breakdownCols = <T extends { breakdown: UnitScore['breakdown'] }>(): ColumnsType<T> => [
    {
      title: t('reform.components.completion'),
      key: 'c',
      align: 'right',
      render: (_, r) => n(r.breakdown.completion),
    },
    {
      title: t('reform.components.timeliness'),
      key: 't',
      align: 'right',
      render: (_, r) => n(r.breakdown.timeliness),
    },
    {
      title: t('reform.components.outcomes'),
      key: 'o',
      align: 'right',
      render: (_, r) => n(r.breakdown.outcomes),
    },
    {
      title: t('reform.components.innovation'),
      key: 'i',
      align: 'right',
      render: (_, r) => n(r.breakdown.innovation),
    },
    {
      title: t('reform.components.deductions'),
      key: 'd',
      align: 'right',
      render: (_, r) =>
        r.breakdown.deductions ? (
          <Typography.Text type="danger">−{n(r.breakdown.deductions)}</Typography.Text>
        ) : (
          '0'
        ),
    },
  ];

  const unitColumns: ColumnsType<UnitScore> = [
    {
      title: t('reform.rank'),
      dataIndex: 'rank',
      width: 64,
      render: (r: number) => <Tag color={r <= 3 ? 'gold' : undefined}>{r}</Tag>,
    },
    {
      title: t('reform.unit'),
      key: 'unit',
      render: (_, u) => <span style={{ whiteSpace: 'nowrap' }}>{u.unit.name}</span>,
    },
    {
      title: t('reform.score'),
      dataIndex: 'score',
      align: 'right',
      render: (v: number) => (
        <Typography.Text strong data-testid="unit-score">
          {n(v)}
        </Typography.Text>
      ),
    },
    { title: t('reform.taskCount'), dataIndex: 'taskCount', align: 'right' },
    ...breakdownCols<UnitScore>(),
  ];

  const taskColumns: ColumnsType<TaskScore> = [
    {
      title: t('reform.task'),
      key: 'task',
      render: (_, x) => (
        <div style={{ minWidth: 180, maxWidth: 320, whiteSpace: 'normal' }}>
          <Link to={`${paths.reformTasks}/${x.taskId}`}>{x.title}</Link>
          {x.code ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {x.code}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('reform.score'),
      dataIndex: 'score',
      align: 'right',
      render: (v: number) => <span data-testid="task-score">{n(v)}</span>,
    },
    ...breakdownCols<TaskScore>(),
    {
      title: t('reform.facts'),
      key: 'facts',
      render: (_, x) => (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('reform.factsText', {
            done: x.facts.itemsDone,
            due: x.facts.itemsDue,
            onTime: x.facts.timelyOnTime,
            late: x.facts.timelyLate,
            expected: x.facts.timelyExpected,
          })}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Page
      title={t('reform.scoresTitle')}
      extra={
        <ScorePeriodPicker value={period} onChange={(p) => setSearch({ period: p }, { replace: true })} />
      }
    >
      {scores.isError && !s ? (
        <LoadErrorPage error={scores.error} onRetry={() => void scores.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16} style={{ minWidth: 0 }}>
            <Card>
              <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary">
                  {s ? t('reform.window', { from: s.window.from, to: s.window.to }) : null}
                </Typography.Text>
                {s?.locked ? (
                  <Tag icon={<LockOutlined />} color="warning">
                    {t('reform.lockedAt', { date: formatDateTime(s.lockedAt) })}
                  </Tag>
                ) : null}
              </Flex>
              {s && !s.units.length ? <Alert type="info" message={t('reform.noScores')} /> : null}
              <Table<UnitScore>
                data-testid="unit-scores"
                rowKey={(u) => u.unit.id}
                size="small"
                loading={scores.isFetching}
                columns={unitColumns}
                dataSource={s?.units ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                expandable={{
                  expandedRowRender: (u) => (
                    <Table<TaskScore>
                      rowKey="taskId"
                      size="small"
                      columns={taskColumns}
                      dataSource={(s?.tasks ?? []).filter((x) => x.leadUnitId === u.unit.id)}
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                    />
                  ),
                }}
              />
            </Card>
            <Card size="small" title={t('reform.taskScores')} style={{ marginTop: 16 }}>
              <Table<TaskScore>
                data-testid="task-scores"
                rowKey="taskId"
                size="small"
                columns={[
                  {
                    title: t('reform.leadUnit'),
                    dataIndex: 'leadUnitName',
                    render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
                  },
                  ...taskColumns,
                ]}
                dataSource={s?.tasks ?? []}
                pagination={{ pageSize: 20, size: isMobile ? 'small' : 'default', showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            {s ? <MethodCard scores={s} /> : <Card loading />}
          </Col>
        </Row>
      )}
    </Page>
  );
}
