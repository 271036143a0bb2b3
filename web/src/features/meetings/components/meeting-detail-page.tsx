import { useMemo, useState } from 'react';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  BULLETIN_GROUPS,
  BULLETIN_GROUP_LABELS,
  MEETING_KIND_LABELS,
  type BulletinGroup,
  type MeetingItem,
  type ProblemSnapshot,
  type ProjectSnapshot,
} from '@contracts/schemas/meetings';
import type { Problem } from '@contracts/schemas/problems';
import { LightTag } from '@/components/light-tag';
import { useMoneyFormat } from '@/components/money';
import { LoadErrorPage, NotFoundPage, SectionLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { downloadBulletin, useBulletin, useMeeting } from '../api/get-meeting';
import {
  useHoldMeeting,
  usePublishMeeting,
  useRemoveMeetingItem,
  useUpdateMeeting,
} from '../api/save-meeting';
import { AgendaItemModal } from './agenda-item-modal';
import { DecisionModal } from './decision-modal';
import { MEETING_STATUS_COLOR } from './meetings-page';

type ProjectSnap = z.infer<typeof ProjectSnapshot>;
type ProblemSnap = z.infer<typeof ProblemSnapshot>;

/**
 * The 调度通报 grouping: the server's (from the bulletin) for projects; otherwise a problem on the agenda (and
 * a project with one) needs coordination, a red or yellow project is lagging, the rest is on track.
 */
function groupOf(
  item: MeetingItem,
  projectsWithProblems: Set<string>,
  fromBulletin: Map<string, BulletinGroup>,
): BulletinGroup {
  if (item.type === 'problem') return 'coordination';
  const known = fromBulletin.get(item.refId);
  if (known) return known;
  const s = item.snapshot as ProjectSnap;
  if (projectsWithProblems.has(item.refId)) return 'coordination';
  if (s.light === 'red' || s.light === 'yellow') return 'lagging';
  return 'normal';
}

/** 调度会详情: the agenda grouped 正常推进 / 滞后预警 / 需协调 with each project's figures, decisions, publish, 通报. */
export function MeetingDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const money = useMoneyFormat();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  const remove = useRemoveMeetingItem();
  const publish = usePublishMeeting();
  const update = useUpdateMeeting();
  const hold = useHoldMeeting();
  const bulletin = useBulletin(id, meeting.isSuccess);
  const canManage = usePermission('meeting:manage');
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const [minutes, setMinutes] = useState<string | null>(null);
  const [find, setFind] = useState('');

  const m = meeting.data;
  const groups = useMemo(() => {
    const out: Record<BulletinGroup, MeetingItem[]> = { normal: [], lagging: [], coordination: [] };
    if (!m) return out;
    const withProblems = new Set(
      m.items
        .filter((i) => i.type === 'problem' && (i.snapshot as ProblemSnap).entity === 'project')
        .map((i) => (i.snapshot as ProblemSnap).entityId),
    );
    const needle = find.trim().toLowerCase();
    const shown = needle
      ? m.items.filter((i) => {
          const name =
            i.type === 'project' ? (i.snapshot as ProjectSnap).name : (i.snapshot as ProblemSnap).title;
          return name.toLowerCase().includes(needle);
        })
      : m.items;
    const fromBulletin = new Map<string, BulletinGroup>();
    for (const g of bulletin.data?.groups ?? []) for (const r of g.rows) fromBulletin.set(r.projectId, g.key);
    for (const item of [...shown].sort((a, b) => a.sort - b.sort))
      out[groupOf(item, withProblems, fromBulletin)].push(item);
    return out;
  }, [m, bulletin.data, find]);

  if (meeting.isLoading) return <SectionLoading />;
  if (meeting.isError || !m) {
    if (isApiError(meeting.error) && meeting.error.status === 404) return <NotFoundPage />;
    return <LoadErrorPage error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  const open = m.status !== 'published';
  const editable = open && (m.abilities.update ?? canManage);
  const agendaEditable = m.status === 'draft' && (m.abilities.editAgenda ?? canManage);
  const canDecide = open && (m.abilities.addDecision ?? canManage);
  const canHold = m.status === 'draft' && (m.abilities.hold ?? canManage);
  const canPublish = open && (m.abilities.publish ?? canManage);
  const download = (format: 'docx' | 'xlsx') =>
    void downloadBulletin(m.id, format).catch(
      (e: unknown) => void message.error(isApiError(e) || e instanceof Error ? e.message : String(e)),
    );

  const itemColumns: ColumnsType<MeetingItem> = [
    {
      title: t('meetings.agendaItem'),
      key: 'name',
      render: (_, item) => {
        if (item.type === 'problem') {
          const s = item.snapshot as ProblemSnap;
          return (
            <div style={{ minWidth: 180, maxWidth: 320, whiteSpace: 'normal' }}>
              <Tag color="orange">{t('meetings.itemProblem')}</Tag>
              <Link to={`${paths.problems}?id=${encodeURIComponent(item.refId)}`}>{s.title}</Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.entityName ?? ''} · {s.ownerUnitName ?? '—'} · {formatDate(s.dueOn)}
                  {s.overdue ? ` · ${t('problems.overdue')}` : ''}
                </Typography.Text>
              </div>
            </div>
          );
        }
        const s = item.snapshot as ProjectSnap;
        return (
          <div style={{ minWidth: 180, maxWidth: 320, whiteSpace: 'normal' }}>
            <Link to={`${paths.projects}/${item.refId}`}>{s.name}</Link>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.stageLabel}
                {item.note ? ` · ${item.note}` : ''}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      title: t('projects.light'),
      key: 'light',
      render: (_, item) =>
        item.type === 'project' ? <LightTag light={(item.snapshot as ProjectSnap).light} /> : null,
    },
    {
      title: t('meetings.planInvestment'),
      key: 'plan',
      align: 'right',
      render: (_, item) =>
        item.type === 'project' ? money((item.snapshot as ProjectSnap).planInvestment) : '',
    },
    {
      title: t('meetings.ytdInvestment'),
      key: 'ytd',
      align: 'right',
      render: (_, item) => {
        if (item.type !== 'project') return '';
        const s = item.snapshot as ProjectSnap;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {money(s.ytdInvestment)}
            {s.completionPct !== null ? (
              <Typography.Text type="secondary"> （{formatNumber(s.completionPct, 1)}%）</Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    {
      title: t('meetings.physical'),
      key: 'physical',
      render: (_, item) => {
        if (item.type !== 'project') return '';
        const s = item.snapshot as ProjectSnap;
        return (
          <span style={{ display: 'inline-block', minWidth: 120, maxWidth: 240, whiteSpace: 'normal' }}>
            {s.physicalProgressPct !== null ? `${formatNumber(s.physicalProgressPct, 1)}% ` : ''}
            {s.physicalProgressText ?? ''}
          </span>
        );
      },
    },
    {
      title: t('meetings.why'),
      key: 'why',
      render: (_, item) => {
        const fired = item.type === 'project' ? (item.snapshot as ProjectSnap).fired : [];
        const full = fired.map((f) => pickLabel(f.message, lang)).join('；');
        return (
          <span style={{ display: 'inline-block', minWidth: 160, maxWidth: 360, whiteSpace: 'normal' }}>
            <Tag>{translateOr(`meetings.reasons.${item.reason}`, item.reason)}</Tag>
            {full ? (
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: '4px 0 0' }}
                ellipsis={{ rows: 2, tooltip: full }}
              >
                {full}
              </Typography.Paragraph>
            ) : null}
          </span>
        );
      },
    },
    ...(agendaEditable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, item: MeetingItem) => (
              <Popconfirm
                title={t('meetings.removeConfirm')}
                onConfirm={() => remove.mutate({ id: m.id, itemId: item.id })}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const decisionColumns: ColumnsType<Problem> = [
    {
      title: t('meetings.decisionTitle'),
      dataIndex: 'title',
      render: (v: string, p) => (
        <Link
          to={`${paths.problems}?id=${encodeURIComponent(p.id)}`}
          style={{ display: 'inline-block', minWidth: 160, whiteSpace: 'normal' }}
        >
          {v}
        </Link>
      ),
    },
    {
      title: t('meetings.decisionProject'),
      dataIndex: 'entityName',
      render: (v: string | null, p) => (p.entity === 'project' ? v : '—'),
    },
    { title: t('problems.ownerUnit'), dataIndex: 'ownerUnitName', render: (v: string | null) => v ?? '—' },
    { title: t('problems.dueOn'), dataIndex: 'dueOn', render: formatDate },
    {
      title: t('common.status'),
      dataIndex: 'statusLabel',
      render: (s: Problem['statusLabel']) => <Tag>{pickLabel(s, lang)}</Tag>,
    },
  ];

  const agendaProjects = m.items
    .filter((i) => i.type === 'project')
    .map((i) => ({ id: i.refId, name: (i.snapshot as ProjectSnap).name }));

  return (
    <div style={{ minWidth: 0 }}>
      <Card style={{ marginBottom: 16 }}>
        <Link to={paths.meetings}>
          <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('meetings.backToList')}
          </Button>
        </Link>
        <Flex gap={12} justify="space-between" wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 300px' }}>
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="meeting-title">
              {m.title}
            </Typography.Title>
            <Flex gap={8} wrap>
              <Tag>{pickLabel(MEETING_KIND_LABELS[m.kind], lang)}</Tag>
              <Tag color={MEETING_STATUS_COLOR[m.status] ?? 'default'}>
                {translateOr(`meetings.status.${m.status}`, m.status)}
              </Tag>
            </Flex>
          </div>
          <Flex gap={8} wrap>
            <Button icon={<FileWordOutlined />} onClick={() => download('docx')} data-testid="bulletin-docx">
              {t('meetings.bulletinDocx')}
            </Button>
            <Button icon={<FileExcelOutlined />} onClick={() => download('xlsx')}>
              {t('meetings.bulletinXlsx')}
            </Button>
            {canHold ? (
              <Popconfirm
                title={t('meetings.holdConfirm')}
                onConfirm={() =>
                  hold.mutate(
                    { id: m.id, version: m.version },
                    { onSuccess: () => void message.success(t('meetings.heldDone')) },
                  )
                }
              >
                <Button loading={hold.isPending}>{t('meetings.hold')}</Button>
              </Popconfirm>
            ) : null}
            {canPublish ? (
              <Popconfirm
                title={t('meetings.publishConfirm')}
                onConfirm={() =>
                  publish.mutate(
                    { id: m.id, version: m.version },
                    { onSuccess: () => void message.success(t('meetings.published')) },
                  )
                }
              >
                <Button type="primary" loading={publish.isPending}>
                  {t('meetings.publish')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'held', label: t('meetings.heldOn'), children: formatDate(m.heldOn) },
            { key: 'chair', label: t('meetings.chair'), children: m.chair ?? '—' },
            { key: 'docNo', label: t('meetings.docNo'), children: m.docNo ?? '—' },
            { key: 'attendees', label: t('meetings.attendees'), children: m.attendees ?? '—' },
            ...(m.publishedAt
              ? [{ key: 'pub', label: t('meetings.publishedAt'), children: formatDateTime(m.publishedAt) }]
              : []),
          ]}
        />
      </Card>

      <Card
        title={t('meetings.agenda', { count: m.items.length })}
        style={{ marginBottom: 16 }}
        extra={
          agendaEditable ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              size={isMobile ? 'small' : 'middle'}
            >
              {t('meetings.addItem')}
            </Button>
          ) : null
        }
        data-testid="meeting-agenda"
      >
        {m.items.length ? (
          <Flex vertical gap={16}>
            <Input.Search
              allowClear
              value={find}
              onChange={(e) => setFind(e.target.value)}
              placeholder={t('meetings.findInAgenda')}
              style={{ width: isMobile ? '100%' : 280 }}
              data-testid="agenda-find"
            />
            {BULLETIN_GROUPS.map((g) => (
              <div key={g} data-testid={`agenda-${g}`}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {pickLabel(BULLETIN_GROUP_LABELS[g], lang)}（{groups[g].length}）
                </Typography.Title>
                <Table<MeetingItem>
                  rowKey="id"
                  size="small"
                  columns={itemColumns}
                  dataSource={groups[g]}
                  pagination={
                    groups[g].length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false
                  }
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('meetings.groupEmpty') }}
                />
              </div>
            ))}
          </Flex>
        ) : (
          <Empty description={t('meetings.noItems')} />
        )}
      </Card>

      <Card
        title={t('meetings.decisions', { count: m.decisions.length })}
        style={{ marginBottom: 16 }}
        extra={
          canDecide ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setDeciding(true)}
              data-testid="decision-add"
              size={isMobile ? 'small' : 'middle'}
            >
              {t('meetings.addDecision')}
            </Button>
          ) : null
        }
      >
        <Table<Problem>
          rowKey="id"
          size="small"
          columns={decisionColumns}
          dataSource={m.decisions}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>

      <Card
        title={t('meetings.minutes')}
        extra={
          editable ? (
            <Button size="small" onClick={() => setMinutes(m.minutes ?? '')}>
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {m.minutes ?? <Typography.Text type="secondary">{t('meetings.noMinutes')}</Typography.Text>}
        </Typography.Paragraph>
      </Card>

      <AgendaItemModal meetingId={m.id} open={adding} onClose={() => setAdding(false)} />
      <DecisionModal
        meetingId={m.id}
        projects={agendaProjects}
        open={deciding}
        onClose={() => setDeciding(false)}
      />
      <Modal
        open={minutes !== null}
        title={t('meetings.minutes')}
        onCancel={() => setMinutes(null)}
        okButtonProps={{ loading: update.isPending }}
        onOk={() =>
          update.mutate(
            { id: m.id, input: { version: m.version, minutes: minutes?.trim() || null } },
            {
              onSuccess: () => {
                setMinutes(null);
                void message.success(t('common.saved'));
              },
              onError: (e) => void message.error(isApiError(e) || e instanceof Error ? e.message : String(e)),
            },
          )
        }
        width={680}
        destroyOnHidden
      >
        <Input.TextArea
          rows={10}
          maxLength={20000}
          value={minutes ?? ''}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </Modal>
    </div>
  );
}
