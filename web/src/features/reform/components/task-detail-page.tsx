import { useState } from 'react';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  FieldTimeOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Progress, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { LoadErrorPage, NotFoundPage, SectionLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { useTask } from '../api/get-task';
import { useComplete, useVerify } from '../api/save-task';
import { CompleteModal, VerifyModal } from './action-modals';
import { ReformStatusTag } from './reform-tags';
import { TaskBlockers } from './task-blockers';
import { TaskContributions } from './task-contributions';
import { TaskEvents } from './task-events';
import { ExtensionRequestModal, TaskExtensions } from './task-extensions';
import { TaskFormDrawer } from './task-form-drawer';
import { TaskMilestones } from './task-milestones';
import { TaskOverview } from './task-overview';
import { TaskReports } from './task-reports';

const TABS = [
  'overview',
  'milestones',
  'reports',
  'contributions',
  'blockers',
  'extensions',
  'events',
] as const;
type TabKey = (typeof TABS)[number];

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 改革任务详情: header (status, progress, deadline, actions by abilities) and the record's tabs. */
export function TaskDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const task = useTask(id);
  const complete = useComplete();
  const verify = useVerify();
  const [editing, setEditing] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [extending, setExtending] = useState(false);
  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as TabKey)
    : 'overview';

  if (task.isLoading) return <SectionLoading />;
  if (task.isError) {
    if (isApiError(task.error) && task.error.status === 404) return <NotFoundPage />;
    return <LoadErrorPage error={task.error} onRetry={() => void task.refetch()} />;
  }
  const r = task.data!;
  const a = r.abilities;
  const setTab = (k: string) => {
    const next = new URLSearchParams(search);
    if (k === 'overview') next.delete('tab');
    else next.set('tab', k);
    next.delete('period');
    setSearch(next, { replace: true });
  };

  return (
    <div style={{ minWidth: 0 }}>
      <Card style={{ marginBottom: 16 }} data-testid="task-header">
        <Flex gap={12} justify="space-between" wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Link to={paths.reformTasks}>
              <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
                {t('reform.backToList')}
              </Button>
            </Link>
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="task-title">
              {r.title}
            </Typography.Title>
            <Flex gap={8} wrap align="center">
              <ReformStatusTag status={r.status} />
              {r.isKey ? <Tag color="volcano">{t('reform.isKey')}</Tag> : null}
              {r.soeCreditCode ? <Tag color="geekblue">{t('reform.soe')}</Tag> : null}
              {r.isFirst ? <Tag color="magenta">{t('reform.isFirst')}</Tag> : null}
              {r.isReplicated ? <Tag color="cyan">{t('reform.isReplicated')}</Tag> : null}
              {r.openBlockers ? (
                <Tag color="error">{t('reform.openBlockers', { count: r.openBlockers })}</Tag>
              ) : null}
            </Flex>
            <Flex gap={isMobile ? 4 : 16} wrap style={{ marginTop: 8 }}>
              {r.code ? <Typography.Text type="secondary">{r.code}</Typography.Text> : null}
              <Typography.Text type="secondary">
                {r.areaName}
                {r.itemTitle ? ` · ${r.itemTitle}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('reform.leadUnit')}
                {t('drill.colon')}
                {r.leadUnit.name}
              </Typography.Text>
              <Typography.Text type={r.status === 'delayed' ? 'danger' : 'secondary'}>
                {t('reform.dueOn')}
                {t('drill.colon')}
                {formatDate(r.dueOn)}
                {r.originalDueOn ? `（${t('reform.originally', { date: r.originalDueOn })}）` : ''}
              </Typography.Text>
            </Flex>
            <Progress percent={r.progressPct} size="small" style={{ maxWidth: 360, marginTop: 8 }} />
          </div>
          <Flex gap={8} wrap>
            {a.update ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="task-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {a.requestExtension ? (
              <Button icon={<FieldTimeOutlined />} onClick={() => setExtending(true)}>
                {t('reform.requestExtension')}
              </Button>
            ) : null}
            {a.complete ? (
              <Button
                icon={<CheckOutlined />}
                onClick={() => setCompleting(true)}
                data-testid="task-complete"
              >
                {t('reform.completeTask')}
              </Button>
            ) : null}
            {a.verify ? (
              <Button
                type="primary"
                icon={<SafetyCertificateOutlined />}
                onClick={() => setVerifying(true)}
                data-testid="task-verify"
              >
                {t('reform.verifyTask')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          size={isMobile ? 'small' : 'middle'}
          destroyOnHidden
          items={[
            { key: 'overview', label: t('reform.tabs.overview'), children: <TaskOverview task={r} /> },
            { key: 'milestones', label: t('reform.tabs.milestones'), children: <TaskMilestones task={r} /> },
            { key: 'reports', label: t('reform.tabs.reports'), children: <TaskReports task={r} /> },
            {
              key: 'contributions',
              label: t('reform.tabs.contributions'),
              children: <TaskContributions task={r} />,
            },
            {
              key: 'blockers',
              label: (
                <span>
                  {t('reform.tabs.blockers')}
                  {r.openBlockers ? (
                    <Tag color="error" style={{ marginInlineStart: 4 }}>
                      {r.openBlockers}
                    </Tag>
                  ) : null}
                </span>
              ),
              children: <TaskBlockers task={r} />,
            },
            { key: 'extensions', label: t('reform.tabs.extensions'), children: <TaskExtensions task={r} /> },
            { key: 'events', label: t('reform.tabs.events'), children: <TaskEvents taskId={r.id} /> },
          ]}
        />
      </Card>
      <TaskFormDrawer
        state={editing ? { mode: 'edit', task: r } : null}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <CompleteModal
        open={completing}
        title={t('reform.completeTask')}
        onCancel={() => setCompleting(false)}
        loading={complete.isPending}
        onSubmit={(v) =>
          complete.mutate(
            { target: { kind: 'task', id: r.id }, input: v },
            {
              onSuccess: () => {
                setCompleting(false);
                void message.success(t('reform.completed'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      />
      <VerifyModal
        open={verifying}
        title={t('reform.verifyTask')}
        onCancel={() => setVerifying(false)}
        loading={verify.isPending}
        onSubmit={(v) =>
          verify.mutate(
            { target: { kind: 'task', id: r.id }, input: v },
            {
              onSuccess: () => {
                setVerifying(false);
                void message.success(v.result === 'pass' ? t('reform.closed') : t('reform.returned'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      />
      <ExtensionRequestModal task={r} open={extending} onClose={() => setExtending(false)} />
    </div>
  );
}
