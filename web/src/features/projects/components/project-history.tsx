import { useState } from 'react';
import { Table, Tag, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@contracts/schemas/audit';
import { LoadErrorPage } from '@/components/status-pages';
import { formatDateTime } from '@/lib/format';
import { translateOr } from '@/lib/i18n';
import { useProjectHistory } from '../api/get-history';

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

type DiffRow = { field: string; before: unknown; after: unknown };

function Diff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const before = entry.changes.before ?? {};
  const after = entry.changes.after ?? {};
  const payload = entry.changes.payload ?? {};
  const rows: DiffRow[] = [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
  for (const [k, v] of Object.entries(payload)) rows.push({ field: k, before: undefined, after: v });
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<DiffRow>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'field',
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => (
            <span
              style={{
                color: token.colorError,
                wordBreak: 'break-all',
                display: 'inline-block',
                maxWidth: 360,
              }}
            >
              {show(v)}
            </span>
          ),
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => (
            <span
              style={{
                color: token.colorSuccess,
                wordBreak: 'break-all',
                display: 'inline-block',
                maxWidth: 360,
              }}
            >
              {show(v)}
            </span>
          ),
        },
      ]}
    />
  );
}

/** 变更记录: the project's audit entries, each expanding to its before/after. */
export function ProjectHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useProjectHistory(projectId, page, 20);
  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <Tag>{translateOr(`audit.actions.${a}`, a)}</Tag>,
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entity',
      render: (e: string) => translateOr(`audit.entities.${e}`, e),
    },
  ];
  if (history.isError && !history.data)
    return <LoadErrorPage error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Table<AuditEntry>
      data-testid="project-history"
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={history.data?.data}
      loading={history.isFetching}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (r) => <Diff entry={r} /> }}
      pagination={{
        current: page,
        pageSize: 20,
        total: history.data?.total ?? 0,
        size: 'small',
        showSizeChanger: false,
        onChange: setPage,
      }}
    />
  );
}
