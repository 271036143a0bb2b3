import { useMemo } from 'react';
import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '@contracts/schemas/audit';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { UserSelect } from '@/components/user-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { translateOr } from '@/lib/i18n';
import { zhCN } from '@/lib/locales/zh-CN';
import { useAudit, type AuditParams } from '../api/get-audit';
import { AuditDiff, hasChanges } from './audit-diff';

const ACTIONS = Object.keys(zhCN.audit.actions);
const ENTITIES = Object.keys(zhCN.audit.entities);

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  login: 'cyan',
  login_failed: 'orange',
  logout: 'default',
  password_change: 'purple',
  password_reset: 'magenta',
  import: 'geekblue',
  export: 'geekblue',
  approve: 'green',
  reject: 'volcano',
  lock: 'gold',
};

const actionLabel = (a: string) => translateOr(`audit.actions.${a}`, a);
const entityLabel = (e: string) => translateOr(`audit.entities.${e}`, e);

const DAY = 'YYYY-MM-DD';

/**
 * 审计日志: filter by entity, action, actor and period; each row expands to its before/after diff.
 * Filters live in the URL (?entity=&entityId=&action=&actorId=&from=&to=&page=) so a record can link here.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canPickUsers = usePermission('user:read');
  const [search, setSearch] = useSearchParams();

  const get = (k: string) => search.get(k) ?? undefined;
  const fromDay = get('from');
  const toDay = get('to');
  const params: AuditParams = {
    page: Number(get('page') ?? 1) || 1,
    pageSize: Number(get('pageSize') ?? 20) || 20,
    entity: get('entity'),
    entityId: get('entityId'),
    actorId: get('actorId'),
    action: get('action'),
    from: fromDay ? dayjs(fromDay).startOf('day').toISOString() : undefined,
    to: toDay ? dayjs(toDay).endOf('day').toISOString() : undefined,
  };
  const audit = useAudit(params);

  const update = (patch: Record<string, string | number | undefined>, keepPage = false) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setSearch(next, { replace: true });
  };

  const range = useMemo<[Dayjs, Dayjs] | null>(
    () => (fromDay && toDay ? [dayjs(fromDay), dayjs(toDay)] : null),
    [fromDay, toDay],
  );

  const actionOptions = ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }));
  const entityOptions = ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }));

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (v: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{dayjs(v).format('YYYY-MM-DD HH:mm:ss')}</span>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{actionLabel(a)}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', render: (e: string) => entityLabel(e) },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (id: string, r) => (
        <Tooltip title={t('audit.entityId')}>
          <Typography.Link onClick={() => update({ entity: r.entity, entityId: id })}>
            <Typography.Text code style={{ fontSize: 12 }}>
              {id.length > 14 ? `${id.slice(0, 12)}…` : id}
            </Typography.Text>
          </Typography.Link>
        </Tooltip>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];

  const w = (px: number) => ({ width: isMobile ? '100%' : px });

  return (
    <Page title={t('audit.title')}>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filterEntity')}
            options={entityOptions}
            value={params.entity}
            onChange={(v: string | undefined) => update({ entity: v, entityId: undefined })}
            style={w(160)}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filterAction')}
            options={actionOptions}
            value={params.action}
            onChange={(v: string | undefined) => update({ action: v })}
            style={w(160)}
          />
          {canPickUsers ? (
            <UserSelect
              allowClear
              placeholder={t('audit.filterActor')}
              value={params.actorId}
              onChange={(v) => update({ actorId: v })}
              style={w(220)}
            />
          ) : null}
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => update({ from: v?.[0]?.format(DAY), to: v?.[1]?.format(DAY) })}
            style={w(260)}
            allowClear
          />
          {params.entityId ? (
            <Tag closable closeIcon={<CloseOutlined />} onClose={() => update({ entityId: undefined })}>
              {t('audit.entityId')}: {params.entityId}
            </Tag>
          ) : null}
          {search.toString() ? (
            <Button type="link" onClick={() => setSearch(new URLSearchParams(), { replace: true })}>
              {t('common.reset')}
            </Button>
          ) : null}
        </Flex>
        {audit.isError && !audit.data ? (
          <LoadErrorPage error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            data-testid="audit-table"
            rowKey="seq"
            size="middle"
            columns={columns}
            dataSource={audit.data?.data}
            loading={audit.isFetching}
            scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: hasChanges,
              expandedRowRender: (r) => <AuditDiff entry={r} />,
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: !isMobile,
              pageSizeOptions: [20, 50, 100, 200],
              size: isMobile ? 'small' : 'default',
              showTotal: isMobile ? undefined : (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) =>
                update({ page: pageSize === params.pageSize ? page : 1, pageSize }, true),
            }}
          />
        )}
      </Card>
    </Page>
  );
}
