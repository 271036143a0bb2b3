import { Card, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  QUALIFICATION_LEVELS,
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_STATUSES,
  QUALIFICATION_STATUS_LABELS,
  QUALIFICATION_TYPES,
  QUALIFICATION_TYPE_LABELS,
  type Qualification,
} from '@contracts/schemas/enterprises';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useQualifications } from '../api/get-views';
import { QualificationStatusTag, QualificationTag } from './enterprise-tags';

const KEYS = ['type', 'level', 'minLevel', 'status', 'grantedYear', 'isNew', 'regionCode', 'q'] as const;

/** 资质名单: recognitions across enterprises (the records behind the counts), filterable. */
export function QualificationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const [search, setSearch] = useSearchParams();
  const f: Record<string, string | undefined> = {};
  for (const k of KEYS) f[k] = search.get(k) ?? undefined;
  const page = Number(search.get('page') ?? 1) || 1;
  const list = useQualifications({ ...f, page, pageSize: 20, sort: '-grantedOn' });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setSearch(next, { replace: true });
  };
  const thisYear = new Date().getFullYear();
  const w = (n: number) => (isMobile ? '100%' : n);

  const columns: ColumnsType<Qualification> = [
    {
      title: t('enterprises.name'),
      key: 'e',
      render: (_, q) => (
        <div style={{ minWidth: 180, maxWidth: 300, whiteSpace: 'normal' }}>
          <Link to={`${paths.enterprises}/${q.enterpriseId}?tab=qualifications`}>{q.enterpriseName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {q.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('enterprises.tier'),
      key: 't',
      render: (_, q) => <QualificationTag type={q.type} level={q.level} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: Qualification['status']) => <QualificationStatusTag status={s} />,
    },
    { title: t('enterprises.grantedOn'), dataIndex: 'grantedOn', render: formatDate },
    { title: t('enterprises.validToField'), dataIndex: 'validTo', render: formatDate },
    { title: t('enterprises.certNo'), dataIndex: 'certNo', render: (v: string | null) => v ?? '—' },
    { title: t('enterprises.batch'), dataIndex: 'batch', render: (v: string | null) => v ?? '—' },
    {
      title: t('enterprises.isNew'),
      dataIndex: 'isNew',
      render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
    },
  ];

  return (
    <Page title={t('enterprises.qualificationsTitle')}>
      <Card>
        <FilterBar
          activeCount={KEYS.filter((k) => f[k]).length}
          onReset={() => setSearch({}, { replace: true })}
        >
          <Select
            allowClear
            value={f.type}
            onChange={(v: string | undefined) => set('type', v)}
            placeholder={t('enterprises.tier')}
            options={QUALIFICATION_TYPES.map((x) => ({
              value: x,
              label: pickLabel(QUALIFICATION_TYPE_LABELS[x], lang),
            }))}
            style={{ width: w(170) }}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            value={f.level}
            onChange={(v: string | undefined) => set('level', v)}
            placeholder={t('enterprises.level')}
            options={QUALIFICATION_LEVELS.map((x) => ({
              value: x,
              label: pickLabel(QUALIFICATION_LEVEL_LABELS[x], lang),
            }))}
            style={{ width: w(110) }}
          />
          <Select
            allowClear
            value={f.status}
            onChange={(v: string | undefined) => set('status', v)}
            placeholder={t('common.status')}
            options={QUALIFICATION_STATUSES.map((x) => ({
              value: x,
              label: pickLabel(QUALIFICATION_STATUS_LABELS[x], lang),
            }))}
            style={{ width: w(110) }}
          />
          <Select
            allowClear
            value={f.grantedYear ? Number(f.grantedYear) : undefined}
            onChange={(v: number | undefined) => set('grantedYear', v ? String(v) : undefined)}
            placeholder={t('enterprises.grantedYear')}
            options={Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => ({
              value: y,
              label: String(y),
            }))}
            style={{ width: w(120) }}
          />
          <Select
            allowClear
            value={f.isNew}
            onChange={(v: string | undefined) => set('isNew', v)}
            placeholder={t('enterprises.isNew')}
            options={[
              { value: 'true', label: t('enterprises.newManual') },
              { value: 'false', label: t('enterprises.renewal') },
            ]}
            style={{ width: w(120) }}
          />
          <div style={{ width: w(180) }}>
            <RegionSelect
              value={f.regionCode}
              onChange={(v) => set('regionCode', v)}
              placeholder={t('enterprises.region')}
            />
          </div>
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Qualification>
            data-testid="qualifications-list"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set('page', String(p)),
              showTotal: (total) => t('common.total', { count: total }),
            }}
          />
        )}
      </Card>
    </Page>
  );
}
