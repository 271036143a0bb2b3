import { Card, DatePicker, Empty, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Changes } from '@contracts/schemas/reform';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { translateOr } from '@/lib/i18n';
import { useChanges } from '../api/periods';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
type TaskRow = Changes['tasks'][number];

function FromTo<T>({ v, render }: { v: { from: T; to: T } | null; render: (x: T) => string }) {
  if (!v) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{render(v.from)}</Typography.Text> →{' '}
      <Typography.Text strong>{render(v.to)}</Typography.Text>
    </span>
  );
}

/** 变化: what changed between two months (status, progress, score; blockers raised and closed; newly overdue milestones). */
export function ReformChangesPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const to = MONTH.test(search.get('to') ?? '') ? search.get('to')! : dayjs().format('YYYY-MM');
  const from = MONTH.test(search.get('from') ?? '')
    ? search.get('from')!
    : dayjs(`${to}-01`).subtract(1, 'month').format('YYYY-MM');
  const changes = useChanges(from, to);
  const c = changes.data;
  const status = (s: string | null) => (s ? translateOr(`reform.anyStatus.${s}`, s) : '—');
  const num = (x: number | null) => (x === null ? '—' : formatNumber(x, 2));

  return (
    <Page
      title={t('reform.changesTitle')}
      extra={
        <Flex gap={8} align="center" wrap>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${from}-01`)}
            onChange={(d) => d && setSearch({ from: d.format('YYYY-MM'), to }, { replace: true })}
          />
          →
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${to}-01`)}
            onChange={(d) => d && setSearch({ from, to: d.format('YYYY-MM') }, { replace: true })}
          />
        </Flex>
      }
    >
      {changes.isError && !c ? (
        <LoadErrorPage error={changes.error} onRetry={() => void changes.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <Tag color={c?.fromLocked ? 'warning' : undefined}>
              {from} {c?.fromLocked ? t('reform.lockedSnapshot') : t('reform.liveFigures')}
            </Tag>
            <Tag color={c?.toLocked ? 'warning' : undefined}>
              {to} {c?.toLocked ? t('reform.lockedSnapshot') : t('reform.liveFigures')}
            </Tag>
          </Flex>
          <Card size="small" title={t('reform.changedTasks', { count: c?.tasks.length ?? 0 })}>
            <Table<TaskRow>
              data-testid="changed-tasks"
              rowKey="taskId"
              size="small"
              loading={changes.isFetching}
              dataSource={c?.tasks ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('reform.task'),
                  key: 'task',
                  render: (_, r) => (
                    <div style={{ minWidth: 180, maxWidth: 320, whiteSpace: 'normal' }}>
                      <Link to={`${paths.reformTasks}/${r.taskId}`}>{r.title}</Link>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {[r.code, r.leadUnitName].filter(Boolean).join(' · ')}
                        </Typography.Text>
                      </div>
                    </div>
                  ),
                },
                {
                  title: t('common.status'),
                  key: 'status',
                  render: (_, r) => <FromTo v={r.status} render={status} />,
                },
                {
                  title: t('reform.progress'),
                  key: 'progress',
                  render: (_, r) => <FromTo v={r.progressPct} render={(x) => (x === null ? '—' : `${x}%`)} />,
                },
                {
                  title: t('reform.score'),
                  key: 'score',
                  render: (_, r) => <FromTo v={r.score} render={num} />,
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('reform.newBlockers', { count: c?.newBlockers.length ?? 0 })}>
            {c?.newBlockers.length ? (
              c.newBlockers.map((b) => (
                <div key={b.problemId} style={{ marginBottom: 6 }}>
                  <Link to={`${paths.problems}?id=${b.problemId}`}>{b.title}</Link>
                  <Typography.Text type="secondary">
                    {' '}
                    · <Link to={`${paths.reformTasks}/${b.taskId}?tab=blockers`}>{b.taskTitle}</Link> ·{' '}
                    {formatDateTime(b.raisedAt)}
                  </Typography.Text>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          <Card size="small" title={t('reform.closedBlockers', { count: c?.closedBlockers.length ?? 0 })}>
            {c?.closedBlockers.length ? (
              c.closedBlockers.map((b) => (
                <div key={b.problemId} style={{ marginBottom: 6 }}>
                  <Link to={`${paths.problems}?id=${b.problemId}`}>{b.title}</Link>
                  <Typography.Text type="secondary">
                    {' '}
                    · {b.taskTitle} · {formatDateTime(b.closedAt)}
                  </Typography.Text>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
          <Card size="small" title={t('reform.newOverdue', { count: c?.newOverdueMilestones.length ?? 0 })}>
            {c?.newOverdueMilestones.length ? (
              c.newOverdueMilestones.map((m) => (
                <div key={m.milestoneId} style={{ marginBottom: 6 }}>
                  <Link to={`${paths.reformTasks}/${m.taskId}?tab=milestones`}>{m.title}</Link>
                  <Typography.Text type="secondary">
                    {' '}
                    · {m.taskTitle} · <Typography.Text type="danger">{formatDate(m.dueOn)}</Typography.Text>
                  </Typography.Text>
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Flex>
      )}
    </Page>
  );
}
