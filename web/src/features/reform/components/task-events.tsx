import { Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { translateOr } from '@/lib/i18n';
import { useTaskEvents } from '../api/get-task';

const COLOR: Record<string, string> = {
  milestone_verified: 'green',
  task_verified: 'green',
  report_accepted: 'green',
  report_returned: 'red',
  milestone_returned: 'red',
  task_returned: 'red',
  blocker: 'orange',
};

/** 记录: everything that happened to the task, newest first. */
export function TaskEvents({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const events = useTaskEvents(taskId);
  if (events.isLoading) return <Spin />;
  const list = [...(events.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  if (!list.length) return <Empty />;
  const status = (s: string | null) => (s ? translateOr(`reform.anyStatus.${s}`, s) : '—');
  return (
    <Timeline
      data-testid="task-events"
      style={{ marginTop: 8 }}
      items={list.map((e) => ({
        color: COLOR[e.kind] ?? 'blue',
        children: (
          <div>
            <Typography.Text strong>{translateOr(`reform.events.${e.kind}`, e.kind)}</Typography.Text>
            {e.fromStatus || e.toStatus ? (
              <Typography.Text type="secondary">
                {' '}
                {status(e.fromStatus)} → {status(e.toStatus)}
              </Typography.Text>
            ) : null}
            {e.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div> : null}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName ?? t('reform.system')} · {formatDateTime(e.at)}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}
