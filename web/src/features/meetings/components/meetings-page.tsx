import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MEETING_KINDS, MEETING_KIND_LABELS, MEETING_STATUSES } from '@contracts/schemas/meetings';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { useMeetings, type MeetingSummary, type MeetingsParams } from '../api/get-meetings';
import { MeetingCreateModal } from './meeting-create-modal';

export const MEETING_STATUS_COLOR: Record<string, string> = {
  draft: 'processing',
  held: 'blue',
  published: 'success',
};

/** 调度会: the meetings in the caller's scope; a new one gets its agenda built automatically. */
export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canCreate = usePermission('meeting:manage');
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const params: MeetingsParams = {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: 20,
    sort: '-heldOn',
    kind: search.get('kind') ?? undefined,
    status: search.get('status') ?? undefined,
  };
  const list = useMeetings(params);
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSearch(next, { replace: true });
  };

  const columns: ColumnsType<MeetingSummary> = [
    {
      title: t('meetings.titleField'),
      dataIndex: 'title',
      render: (v: string, m) => (
        <Link
          to={`${paths.meetings}/${m.id}`}
          style={{ display: 'inline-block', minWidth: 180, whiteSpace: 'normal' }}
        >
          {v}
        </Link>
      ),
    },
    {
      title: t('meetings.kind'),
      dataIndex: 'kind',
      render: (k: MeetingSummary['kind']) => pickLabel(MEETING_KIND_LABELS[k], lang),
    },
    { title: t('meetings.heldOn'), dataIndex: 'heldOn', render: formatDate },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={MEETING_STATUS_COLOR[s] ?? 'default'}>{translateOr(`meetings.status.${s}`, s)}</Tag>
      ),
    },
    { title: t('meetings.chair'), dataIndex: 'chair', render: (v: string | null) => v ?? '—' },
    { title: t('meetings.itemCount'), dataIndex: 'itemCount', align: 'right' },
    { title: t('meetings.decisionCount'), dataIndex: 'decisionCount', align: 'right' },
  ];

  return (
    <Page
      title={t('meetings.title')}
      extra={
        canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="meeting-create"
          >
            {t('meetings.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar
          activeCount={(params.kind ? 1 : 0) + (params.status ? 1 : 0)}
          onReset={() => setSearch(new URLSearchParams(), { replace: true })}
        >
          <Select
            allowClear
            placeholder={t('meetings.kind')}
            value={params.kind}
            onChange={(v: string | undefined) => update({ kind: v, page: undefined })}
            options={MEETING_KINDS.map((k) => ({ value: k, label: pickLabel(MEETING_KIND_LABELS[k], lang) }))}
            style={{ width: isMobile ? '100%' : 160 }}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            value={params.status}
            onChange={(v: string | undefined) => update({ status: v, page: undefined })}
            options={MEETING_STATUSES.map((s) => ({
              value: s,
              label: translateOr(`meetings.status.${s}`, s),
            }))}
            style={{ width: isMobile ? '100%' : 140 }}
          />
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<MeetingSummary>
            data-testid="meetings-table"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              size: isMobile ? 'small' : 'default',
              onChange: (page) => update({ page }),
            }}
          />
        )}
      </Card>
      <MeetingCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(m) => {
          setCreating(false);
          void navigate(`${paths.meetings}/${m.id}`);
        }}
      />
    </Page>
  );
}
