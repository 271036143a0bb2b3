import { Descriptions, Divider, Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  OUTCOME_FORM_LABELS,
  REFORM_CADENCE_LABELS,
  REFORM_DOC_TYPES,
  SOE_KPI_LABELS,
  type ReformTask,
  type Target,
} from '@contracts/schemas/reform';
import { AttachmentPanel } from '@/components/attachment-panel';
import { paths } from '@/config/paths';
import { usePermission } from '@/lib/auth';
import { formatDate, formatNumber } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useIndicatorDefinitions } from '../api/get-indicator-definitions';

const num = (v: number | null) => (v === null ? '—' : formatNumber(v, 4));

/** 概览: source, leader, units, measures, outcome form, targets with their actuals (measured ones explained), evidence. */
export function TaskOverview({ task }: { task: ReformTask }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const defs = useIndicatorDefinitions(
    usePermission('indicator:read') && task.targets.some((x) => x.indicatorCode),
  );
  const defOf = (code: string | null) => (code ? defs.data?.find((d) => d.code === code) : undefined);

  const columns: ColumnsType<Target> = [
    {
      title: t('reform.metric'),
      dataIndex: 'metric',
      render: (v: string) => <span style={{ whiteSpace: 'normal' }}>{v}</span>,
    },
    { title: t('reform.baseline'), dataIndex: 'baseline', align: 'right', render: num },
    {
      title: t('reform.targetValue'),
      dataIndex: 'target',
      align: 'right',
      render: (v: number, x) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {num(v)} {x.unit}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {x.direction === 'decrease' ? '↓' : '↑'}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('reform.actual'),
      dataIndex: 'actual',
      align: 'right',
      render: (v: number | null, x) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="target-actual">
          {num(v)} {v !== null ? x.unit : ''}
        </span>
      ),
    },
    {
      title: t('reform.actualSource'),
      key: 'source',
      render: (_, x) => {
        if (x.actualSource === 'indicator') {
          const d = defOf(x.indicatorCode);
          return (
            <Tooltip title={d ? pickLabel(d.definition, lang) : x.indicatorCode}>
              <Tag color="blue" style={{ whiteSpace: 'normal' }}>
                {t('reform.measuredBy', { name: d ? pickLabel(d.label, lang) : x.indicatorCode })}
              </Tag>
            </Tooltip>
          );
        }
        if (x.actualSource === 'soe')
          return (
            <Tag color="geekblue">
              {t('reform.soeMeasured', { name: x.soeKpi ? pickLabel(SOE_KPI_LABELS[x.soeKpi], lang) : '' })}
            </Tag>
          );
        if (x.actualSource === 'typed')
          return (
            <Flex vertical gap={2}>
              <Tag>{t('reform.typed')}</Tag>
              {x.indicatorCode ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reform.indicatorNoValue', { code: x.indicatorCode })}
                </Typography.Text>
              ) : null}
            </Flex>
          );
        return '—';
      },
    },
    {
      title: t('reform.achievement'),
      dataIndex: 'achievement',
      render: (v: number | null) =>
        v === null ? (
          '—'
        ) : (
          <Progress percent={Math.round(v * 1000) / 10} size="small" style={{ width: 110, margin: 0 }} />
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="task-overview">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        items={[
          {
            key: 'source',
            label: t('reform.source'),
            children: [task.sourceDoc, task.sourceMeeting].filter(Boolean).join('；') || '—',
          },
          { key: 'leader', label: t('reform.leadLeader'), children: task.leadLeader ?? '—' },
          { key: 'lead', label: t('reform.leadUnit'), children: task.leadUnit.name },
          {
            key: 'co',
            label: t('reform.coUnits'),
            children: task.coUnits.length ? task.coUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : '—',
          },
          {
            key: 'contacts',
            label: t('reform.contacts'),
            span: { xs: 1, md: 2 },
            children: task.contacts.length
              ? task.contacts.map((c, i) => (
                  <div key={i}>
                    {c.name}
                    {c.role ? `（${c.role}）` : ''}
                    {c.phone ? ` ${c.phone}` : ''}
                  </div>
                ))
              : '—',
          },
          {
            key: 'measures',
            label: t('reform.measures'),
            span: { xs: 1, md: 2 },
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.measures ?? '—'}</span>,
          },
          {
            key: 'outcome',
            label: t('reform.outcomeForm'),
            children: (
              <>
                {task.outcomeForm ? pickLabel(OUTCOME_FORM_LABELS[task.outcomeForm], lang) : '—'}
                {task.outcomeNote ? `${t('drill.colon')}${task.outcomeNote}` : ''}
              </>
            ),
          },
          {
            key: 'cadence',
            label: t('reform.cadence'),
            children: pickLabel(REFORM_CADENCE_LABELS[task.cadence], lang),
          },
          {
            key: 'period',
            label: t('reform.timeframe'),
            children: `${formatDate(task.startOn)} — ${formatDate(task.dueOn)}`,
          },
          { key: 'last', label: t('reform.lastReport'), children: task.lastReportPeriod ?? '—' },
          {
            key: 'progressNote',
            label: t('reform.progressNote'),
            span: { xs: 1, md: 2 },
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.progressNote ?? '—'}</span>,
          },
          {
            key: 'problemsNote',
            label: t('reform.problemsNote'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.problemsNote ?? '—'}</span>,
          },
          {
            key: 'next',
            label: t('reform.nextSteps'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.nextStepsNote ?? '—'}</span>,
          },
          ...(task.soeCreditCode
            ? [{ key: 'soe', label: t('reform.soeCreditCode'), children: task.soeCreditCode }]
            : []),
          ...(task.linkedProjectIds.length
            ? [
                {
                  key: 'projects',
                  label: t('reform.linkedProjects'),
                  children: task.linkedProjectIds.map((pid, i) => (
                    <Link key={pid} to={`${paths.projects}/${pid}`} style={{ marginInlineEnd: 8 }}>
                      {t('reform.projectN', { n: i + 1 })}
                    </Link>
                  )),
                },
              ]
            : []),
          ...(task.linkedEnterpriseCodes.length
            ? [
                {
                  key: 'enterprises',
                  label: t('reform.linkedEnterprises'),
                  children: task.linkedEnterpriseCodes.map((c) => (
                    <Link
                      key={c}
                      to={`${paths.enterprises}?q=${encodeURIComponent(c)}`}
                      style={{ marginInlineEnd: 8 }}
                    >
                      {c}
                    </Link>
                  )),
                },
              ]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('reform.targets')}</Typography.Title>
        <Table<Target>
          data-testid="targets-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={task.targets}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('reform.noTargets') }}
        />
      </div>
      <Divider style={{ margin: 0 }} />
      <div>
        <Typography.Title level={5}>{t('reform.taskEvidence')}</Typography.Title>
        <AttachmentPanel
          entity="reform_task"
          entityId={task.id}
          docTypes={REFORM_DOC_TYPES}
          canUpload={Boolean(task.abilities.attach)}
        />
      </div>
    </Flex>
  );
}
