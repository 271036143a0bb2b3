import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  PROBLEM_ACTIONS,
  PROBLEM_ACTION_LABELS,
  type ProblemAction,
  type ProblemEvent,
} from '@contracts/schemas/problems';
import { AttachmentPanel } from '@/components/attachment-panel';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { useProblem, useProblemEvents } from '../api/get-problem';
import { ProblemActionModal } from './problem-action-modal';
import { EscalationTag, PROBLEM_DOC_TYPES, ProblemStatusTag } from './problem-tags';

function eventLabel(e: ProblemEvent, lang: string): string {
  if ((PROBLEM_ACTIONS as readonly string[]).includes(e.kind))
    return pickLabel(PROBLEM_ACTION_LABELS[e.kind as ProblemAction], lang);
  return translateOr(`problems.events.${e.kind}`, e.kind);
}

/** A problem: its facts, the actions the caller may take now (from the server's abilities), and its events. */
export function ProblemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const problem = useProblem(id);
  const events = useProblemEvents(id);
  const [action, setAction] = useState<ProblemAction | null>(null);
  const p = problem.data;
  const actions = p ? PROBLEM_ACTIONS.filter((a) => p.abilities[a]) : [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={isMobile ? '100%' : 640}
      title={p?.title ?? t('problems.detail')}
      destroyOnHidden
      data-testid="problem-drawer"
    >
      {problem.isLoading ? (
        <Spin />
      ) : problem.isError || !p ? (
        <LoadErrorPage error={problem.error} onRetry={() => void problem.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            <ProblemStatusTag problem={p} />
            <EscalationTag problem={p} />
            {p.overdue ? (
              <Typography.Text type="danger">
                {t('problems.overdueDays', { count: p.daysOverdue })}
              </Typography.Text>
            ) : null}
          </Flex>
          {actions.length ? (
            <Flex gap={8} wrap data-testid="problem-actions">
              {actions.map((a) => (
                <Button
                  key={a}
                  type={a === 'resolve' || a === 'confirm_close' || a === 'assign' ? 'primary' : 'default'}
                  danger={a === 'return'}
                  onClick={() => setAction(a)}
                >
                  {pickLabel(PROBLEM_ACTION_LABELS[a], lang)}
                </Button>
              ))}
            </Flex>
          ) : null}
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'entity',
                label: t('problems.about'),
                children:
                  p.entity === 'project' ? (
                    <Link to={`${paths.projects}/${p.entityId}?tab=problems`}>
                      {p.entityName ?? p.entityId}
                    </Link>
                  ) : p.entity === 'meeting' ? (
                    <Link to={`${paths.meetings}/${p.entityId}`}>{p.entityName ?? p.entityId}</Link>
                  ) : (
                    (p.entityName ?? p.entityId)
                  ),
              },
              {
                key: 'category',
                label: t('problems.category'),
                children: p.categoryLabel ? pickLabel(p.categoryLabel, lang) : p.category,
              },
              {
                key: 'description',
                label: t('problems.description'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description ?? '—'}</span>,
              },
              { key: 'owner', label: t('problems.ownerUnit'), children: p.ownerUnitName ?? '—' },
              {
                key: 'co',
                label: t('problems.coUnits'),
                children: p.coUnits.length ? p.coUnits.map((u) => u.name).join('、') : '—',
              },
              { key: 'leader', label: t('problems.leadLeader'), children: p.leadLeader ?? '—' },
              { key: 'due', label: t('problems.dueOn'), children: formatDate(p.dueOn) },
              {
                key: 'raised',
                label: t('problems.raisedBy'),
                children: `${p.raisedByName ?? '—'} · ${formatDateTime(p.raisedAt)}`,
              },
              ...(p.closedAt
                ? [{ key: 'closed', label: t('problems.closedAt'), children: formatDateTime(p.closedAt) }]
                : []),
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('problems.events.title')}</Typography.Title>
            {events.data?.length ? (
              <Timeline
                data-testid="problem-events"
                items={events.data.map((e) => ({
                  key: e.id,
                  children: (
                    <div>
                      <Typography.Text strong>{eventLabel(e, lang)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {' '}
                        · {e.actorName ?? t('audit.system')} · {formatDateTime(e.at)}
                      </Typography.Text>
                      {e.toLevel !== null && e.fromLevel !== null && e.toLevel !== e.fromLevel ? (
                        <div>{t('problems.levelChange', { from: e.fromLevel, to: e.toLevel })}</div>
                      ) : null}
                      {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                      {e.attachmentIds.length ? (
                        <Typography.Text type="secondary">
                          {t('problems.withFiles', { count: e.attachmentIds.length })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('problems.attachments')}</Typography.Title>
            <AttachmentPanel
              entity="problem"
              entityId={p.id}
              docTypes={PROBLEM_DOC_TYPES}
              canUpload={false}
            />
          </div>
          <ProblemActionModal problem={p} action={action} onClose={() => setAction(null)} />
        </Flex>
      )}
    </Drawer>
  );
}
