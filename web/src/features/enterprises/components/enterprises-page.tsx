import { useEffect, useMemo, useState } from 'react';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useListSearch } from '@/components/list-table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  ELIGIBILITY_TIERS,
  ENTERPRISE_SIZES,
  ENTERPRISE_SIZE_LABELS,
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  QUALIFICATION_LEVELS,
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_TYPES,
  QUALIFICATION_TYPE_LABELS,
  type Enterprise,
} from '@contracts/schemas/enterprises';
import { FilterBar } from '@/components/filter-bar';
import { ImportWizard } from '@/components/import-wizard';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import {
  ENTERPRISE_FILTER_KEYS,
  exportEnterprises,
  useEnterprises,
  type EnterprisesParams,
} from '../api/get-enterprises';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { IndustrySelect, QualificationTag } from './enterprise-tags';

const SORTABLE = ['name', 'creditCode', 'foundedOn', 'updatedAt'] as const;

/** 企业库: the registry with filters (district, industry, tier, SOE, listed, keyword incl. credit code). */
export function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canManage = usePermission('enterprise:manage');
  const { search, setSearch, page, pageSize, sort, update, sortOrder, tableProps } = useListSearch();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const filters = useMemo(() => {
    const out: Partial<Record<(typeof ENTERPRISE_FILTER_KEYS)[number], string>> = {};
    for (const k of ENTERPRISE_FILTER_KEYS) {
      const v = search.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [search]);
  const params = {
    ...filters,
    page,
    pageSize,
    sort,
  } as EnterprisesParams;
  const list = useEnterprises(params);
  const [keyword, setKeyword] = useState(filters.q ?? '');
  useEffect(() => setKeyword(search.get('q') ?? ''), [search]);

  const listTable = tableProps<Enterprise>(SORTABLE, list.data?.total ?? 0);

  const doExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = params;
      await exportEnterprises(rest);
    } catch (e) {
      void message.error(isApiError(e) || e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<Enterprise> = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, e) => (
        <div style={{ minWidth: 200, maxWidth: 340, whiteSpace: 'normal' }}>
          <Link to={`${paths.enterprises}/${e.id}`} data-testid="enterprise-link">
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('enterprises.qualifications'),
      key: 'q',
      render: (_, e) => (
        <Flex wrap gap={2} style={{ maxWidth: 320 }}>
          {e.qualifications.length
            ? e.qualifications.map((q) => (
                <QualificationTag key={q.id} type={q.type} level={q.level} validTo={q.validTo} />
              ))
            : '—'}
        </Flex>
      ),
    },
    {
      title: t('enterprises.region'),
      dataIndex: 'regionName',
      key: 'region',
      render: (v: string | null, e) => v ?? e.regionCode,
    },
    {
      title: t('enterprises.industry'),
      key: 'industry',
      render: (_, e) =>
        e.industryCode ? (
          <span style={{ whiteSpace: 'nowrap' }}>{e.industryName ?? e.industryCode}</span>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprises.flags'),
      key: 'flags',
      render: (_, e) => (
        <Flex gap={2} wrap>
          {e.soe ? <Tag color="geekblue">{t('enterprises.soe')}</Tag> : null}
          {e.listed ? <Tag color="gold">{t('enterprises.listed')}</Tag> : null}
          {e.ownership ? <Tag>{pickLabel(OWNERSHIP_LABELS[e.ownership], lang)}</Tag> : null}
          {e.size ? <Tag>{pickLabel(ENTERPRISE_SIZE_LABELS[e.size], lang)}</Tag> : null}
          {e.warnings.length ? <Tag color="warning">{t('enterprises.hasWarnings')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('enterprises.foundedOn'),
      dataIndex: 'foundedOn',
      key: 'foundedOn',
      sorter: true,
      sortOrder: sortOrder('foundedOn'),
      render: formatDate,
    },
  ];

  // On a phone, one column: name, code, qualifications, region and industry.
  const phoneColumns: ColumnsType<Enterprise> = [
    {
      title: t('enterprises.name'),
      key: 'name',
      render: (_, e) => (
        <div style={{ whiteSpace: 'normal' }}>
          <Link to={`${paths.enterprises}/${e.id}`} data-testid="enterprise-link">
            {e.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
          </div>
          <Flex wrap gap={2} style={{ marginTop: 4 }}>
            {e.qualifications.map((q) => (
              <QualificationTag key={q.id} type={q.type} level={q.level} validTo={q.validTo} />
            ))}
            {e.soe ? <Tag color="geekblue">{t('enterprises.soe')}</Tag> : null}
            {e.listed ? <Tag color="gold">{t('enterprises.listed')}</Tag> : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[e.regionName ?? e.regionCode, e.industryName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
  ];

  const w = (n: number) => (isMobile ? '100%' : n);
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];

  return (
    <Page
      title={t('enterprises.title')}
      extra={
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void doExport()}
            data-testid="enterprise-export"
          >
            {t('enterprises.export')}
          </Button>
          {canManage ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('enterprises.import')}
            </Button>
          ) : null}
          {canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="enterprise-create"
            >
              {t('enterprises.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card>
        <FilterBar
          primary={
            <Input.Search
              allowClear
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              placeholder={t('enterprises.searchPlaceholder')}
              style={{ width: isMobile ? '100%' : 260 }}
              data-testid="enterprise-search"
            />
          }
          activeCount={ENTERPRISE_FILTER_KEYS.filter((k) => k !== 'q' && filters[k]).length}
          onReset={() => setSearch(new URLSearchParams(), { replace: true })}
        >
          <div style={{ width: w(200) }}>
            <RegionSelect
              value={filters.regionCode}
              onChange={(v) => update({ regionCode: v })}
              placeholder={t('enterprises.region')}
            />
          </div>
          <div style={{ width: w(220) }}>
            <IndustrySelect
              level={2}
              value={filters.industryCode}
              onChange={(v) => update({ industryCode: v })}
              placeholder={t('enterprises.industry')}
            />
          </div>
          <Select
            allowClear
            value={filters.qualification}
            onChange={(v: string | undefined) => update({ qualification: v })}
            placeholder={t('enterprises.tier')}
            options={QUALIFICATION_TYPES.map((q) => ({
              value: q,
              label: pickLabel(QUALIFICATION_TYPE_LABELS[q], lang),
            }))}
            style={{ width: w(170) }}
            popupMatchSelectWidth={false}
            data-testid="filter-tier"
          />
          <Select
            allowClear
            value={filters.minLevel}
            onChange={(v: string | undefined) => update({ minLevel: v })}
            placeholder={t('enterprises.minLevel')}
            options={QUALIFICATION_LEVELS.map((l) => ({
              value: l,
              label: t('enterprises.atLeast', { level: pickLabel(QUALIFICATION_LEVEL_LABELS[l], lang) }),
            }))}
            style={{ width: w(140) }}
          />
          <Select
            allowClear
            value={filters.eligibleFor}
            onChange={(v: string | undefined) => update({ eligibleFor: v })}
            placeholder={t('enterprises.eligibleFor')}
            options={ELIGIBILITY_TIERS.map((q) => ({
              value: q,
              label: pickLabel(QUALIFICATION_TYPE_LABELS[q], lang),
            }))}
            style={{ width: w(170) }}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            value={filters.soe}
            onChange={(v: string | undefined) => update({ soe: v })}
            placeholder={t('enterprises.soe')}
            options={yesNo}
            style={{ width: w(100) }}
          />
          <Select
            allowClear
            value={filters.listed}
            onChange={(v: string | undefined) => update({ listed: v })}
            placeholder={t('enterprises.listed')}
            options={yesNo}
            style={{ width: w(100) }}
          />
          <Select
            allowClear
            value={filters.ownership}
            onChange={(v: string | undefined) => update({ ownership: v })}
            placeholder={t('enterprises.ownership')}
            options={OWNERSHIPS.map((o) => ({ value: o, label: pickLabel(OWNERSHIP_LABELS[o], lang) }))}
            style={{ width: w(120) }}
          />
          <Select
            allowClear
            value={filters.size}
            onChange={(v: string | undefined) => update({ size: v })}
            placeholder={t('enterprises.size')}
            options={ENTERPRISE_SIZES.map((s) => ({
              value: s,
              label: pickLabel(ENTERPRISE_SIZE_LABELS[s], lang),
            }))}
            style={{ width: w(100) }}
          />
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Enterprise>
            data-testid="enterprises-table"
            rowKey="id"
            size="middle"
            columns={isMobile ? phoneColumns : columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 'max-content' }}
            onRow={(e) => ({ onDoubleClick: () => void navigate(`${paths.enterprises}/${e.id}`) })}
            {...listTable}
          />
        )}
      </Card>
      <EnterpriseFormDrawer
        state={creating ? { mode: 'create' } : null}
        onClose={() => setCreating(false)}
        onSaved={(e) => {
          setCreating(false);
          void navigate(`${paths.enterprises}/${e.id}`);
        }}
      />
      <ImportWizard
        ledger="enterprises"
        title={t('enterprises.importTitle')}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void list.refetch()}
      />
    </Page>
  );
}
