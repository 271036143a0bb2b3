import { useMemo, useState } from 'react';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Modal,
  Row,
  Segmented,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Board, ExpectedPeriod } from '@contracts/schemas/reform';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useBoard, useLockPeriod } from '../api/periods';
import { ReformStatusTag, ReportStatusTag } from './reform-tags';

type Row = Board['rows'][number];
type Show = 'all' | 'missing' | 'returned' | 'review' | 'accepted';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));
const isMonth = (s: string | undefined) => Boolean(s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s));

/** /reform/periods → this month's board. */
export function ReformBoardRedirect() {
  return <Navigate to={`${paths.reformPeriods}/${dayjs().format('YYYY-MM')}/board`} replace />;
}

const matches = (p: ExpectedPeriod, show: Show) =>
  show === 'all' ||
  (show === 'missing' && (p.status === 'missing' || p.status === 'draft')) ||
  (show === 'returned' && p.status === 'returned') ||
  (show === 'review' && (p.status === 'submitted' || p.status === 'resubmitted')) ||
  (show === 'accepted' && p.status === 'accepted');

/**
 * 月度看板: for one month, every report due and its state — who has reported and who has not — with the
 * month's lock (after which reports and scores no longer change).
 */
export function ReformBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { period = '' } = useParams();
  const canVerify = usePermission('reform:verify');
  const board = useBoard(period);
  const lock = useLockPeriod();
  const [show, setShow] = useState<Show>('all');
  const [dialog, setDialog] = useState<'lock' | 'unlock' | null>(null);
  const [text, setText] = useState('');

  const rows = useMemo(
    () => (board.data?.rows ?? []).filter((r) => r.periods.some((p) => matches(p, show))),
    [board.data, show],
  );
  const byUnit = useMemo(() => {
    const m = new Map<string, { name: string; expected: number; missing: number }>();
    for (const r of board.data?.rows ?? []) {
      const u = m.get(r.leadUnit.id) ?? { name: r.leadUnit.name, expected: 0, missing: 0 };
      for (const p of r.periods) {
        u.expected += 1;
        if (p.status === 'missing' || p.status === 'draft') u.missing += 1;
      }
      m.set(r.leadUnit.id, u);
    }
    return [...m.values()].filter((u) => u.missing > 0).sort((a, b) => b.missing - a.missing);
  }, [board.data]);

  if (!isMonth(period))
    return <Navigate to={`${paths.reformPeriods}/${dayjs().format('YYYY-MM')}/board`} replace />;

  const b = board.data;
  const columns: ColumnsType<Row> = [
    {
      title: t('reform.task'),
      key: 'task',
      render: (_, r) => (
        <div style={{ minWidth: 200, maxWidth: 360, whiteSpace: 'normal' }}>
          <Link to={`${paths.reformTasks}/${r.taskId}?tab=reports`}>{r.taskTitle}</Link>
          {r.taskCode ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.taskCode}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('reform.leadUnit'), key: 'unit', render: (_, r) => r.leadUnit.name },
    { title: t('common.status'), key: 'status', render: (_, r) => <ReformStatusTag status={r.status} /> },
    {
      title: t('reform.reportsDue'),
      key: 'periods',
      render: (_, r) => (
        <Flex vertical gap={4}>
          {r.periods.map((p) => (
            <Flex key={p.period} gap={6} align="center" wrap>
              <Link to={`${paths.reformTasks}/${r.taskId}?tab=reports&period=${p.period}`}>{p.period}</Link>
              <ReportStatusTag status={p.status} />
              {p.overdue ? <Tag color="error">{t('reform.overdue')}</Tag> : null}
              {p.onTime === false ? <Tag color="warning">{t('reform.late')}</Tag> : null}
              {p.contributionsExpected ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reform.contributionsOf', {
                    done: p.contributionsSubmitted,
                    total: p.contributionsExpected,
                  })}
                </Typography.Text>
              ) : null}
            </Flex>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <Page
      title={t('reform.boardTitle', { period })}
      extra={
        <>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${period}-01`)}
            onChange={(d) => d && void navigate(`${paths.reformPeriods}/${d.format('YYYY-MM')}/board`)}
            data-testid="board-month"
          />
          {canVerify && b ? (
            b.locked ? (
              <Button
                icon={<UnlockOutlined />}
                onClick={() => setDialog('unlock')}
                data-testid="period-unlock"
              >
                {t('reform.unlock')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<LockOutlined />}
                onClick={() => setDialog('lock')}
                data-testid="period-lock"
              >
                {t('reform.lock')}
              </Button>
            )
          ) : null}
        </>
      }
    >
      {board.isError && !b ? (
        <LoadErrorPage error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          {b?.locked ? (
            <Alert
              type="warning"
              showIcon
              icon={<LockOutlined />}
              data-testid="period-locked"
              message={t('reform.lockedAt', { date: formatDateTime(b.lockedAt) })}
              description={t('reform.lockedHelp')}
            />
          ) : null}
          <Row gutter={[12, 12]}>
            {(['expected', 'filed', 'missing', 'returned', 'accepted'] as const).map((k) => (
              <Col key={k} xs={12} sm={8} md={4}>
                <Card size="small">
                  <Statistic
                    title={t(`reform.boardCounts.${k}`)}
                    value={b?.counts[k] ?? 0}
                    valueStyle={k === 'missing' && b?.counts.missing ? { color: '#cf1322' } : undefined}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          {byUnit.length ? (
            <Card size="small" title={t('reform.unitsNotReported')}>
              <Flex gap={8} wrap>
                {byUnit.map((u) => (
                  <Tag key={u.name} color="error">
                    {u.name} {u.missing}/{u.expected}
                  </Tag>
                ))}
              </Flex>
            </Card>
          ) : null}
          <Card>
            <Segmented<Show>
              value={show}
              onChange={setShow}
              style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
              options={[
                { value: 'all', label: t('common.all') },
                { value: 'missing', label: t('reform.showMissing') },
                { value: 'review', label: t('reform.showReview') },
                { value: 'returned', label: t('reform.showReturned') },
                { value: 'accepted', label: t('reform.showAccepted') },
              ]}
            />
            <Table<Row>
              data-testid="board-table"
              rowKey="taskId"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={board.isFetching}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 50, size: isMobile ? 'small' : 'default', showSizeChanger: false }}
            />
          </Card>
        </Flex>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'lock' ? t('reform.lockTitle', { period }) : t('reform.unlockTitle', { period })}
        onCancel={() => setDialog(null)}
        confirmLoading={lock.isPending}
        okButtonProps={{ disabled: dialog === 'unlock' && text.trim().length < 2 }}
        onOk={() =>
          lock.mutate(
            dialog === 'lock'
              ? { period, action: 'lock', note: text.trim() }
              : { period, action: 'unlock', reason: text.trim() },
            {
              onSuccess: () => {
                setDialog(null);
                setText('');
                void message.success(dialog === 'lock' ? t('reform.lockedDone') : t('reform.unlockedDone'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {dialog === 'lock' ? t('reform.lockHelp') : t('reform.unlockHelp')}
        </Typography.Paragraph>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 2 }}
          maxLength={500}
          placeholder={dialog === 'lock' ? t('reform.lockNote') : t('reform.unlockReason')}
        />
      </Modal>
    </Page>
  );
}
