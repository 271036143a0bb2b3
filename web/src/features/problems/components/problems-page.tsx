import { useEffect, useMemo, useState } from 'react';
import { Card, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PROBLEM_STATUSES, PROBLEM_STATUS_LABELS, type Problem } from '@contracts/schemas/problems';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { useMe } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useRegions } from '@/lib/org-lookups';
import {
  PROBLEM_FILTER_KEYS,
  useProblemSettings,
  useProblems,
  type ProblemsParams,
} from '../api/get-problems';
import { ProblemDrawer } from './problem-drawer';
import { EscalationTag, ProblemStatusTag } from './problem-tags';

const SORTABLE = ['raisedAt', 'dueOn', 'escalationLevel', 'status', 'updatedAt', 'title'];

/**
 * 问题清单: every problem in the caller's scope, filtered by status, owner unit, overdue, escalation and
 * district; a row opens the problem with its events and the actions the caller may take (?id= in the URL).
 */
export function ProblemsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const [search, setSearch] = useSearchParams();
  const settings = useProblemSettings();
  const regions = useRegions({ parentCode: me?.regionCode ?? undefined }, Boolean(me?.regionCode));
  const [keyword, setKeyword] = useState(search.get('q') ?? '');
  useEffect(() => setKeyword(search.get('q') ?? ''), [search]);

  const filters = useMemo(() => {
    const out: Record<string, string | number> = {};
    for (const k of PROBLEM_FILTER_KEYS) {
      const v = search.get(k);
      if (v) out[k] = k === 'escalationLevelMin' ? Number(v) : v;
    }
    return out as Partial<ProblemsParams>;
  }, [search]);
  const params: ProblemsParams = {
    ...filters,
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: Number(search.get('pageSize') ?? 20) || 20,
    sort: search.get('sort') ?? '-raisedAt',
  };
  const list = useProblems(params);
  const openId = search.get('id');

  const update = (patch: Record<string, string | number | undefined>, keepPage = false) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    setSearch(next, { replace: true });
  };
  const w = (px: number) => ({ width: isMobile ? '100%' : px });
  const sortOrder = (f: string) =>
    params.sort === f ? ('ascend' as const) : params.sort === `-${f}` ? ('descend' as const) : null;
  const statuses = (filters.status ?? '').split(',').filter(Boolean);

  const columns: ColumnsType<Problem> = [
    {
      title: t('problems.titleField'),
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sortOrder('title'),
      render: (v: string, p) => (
        <div style={{ minWidth: 160, maxWidth: isMobile ? 200 : 320, whiteSpace: 'normal' }}>
          <Typography.Link onClick={() => update({ id: p.id }, true)}>{v}</Typography.Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.entityName ?? p.entityId}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_: string, p) => <ProblemStatusTag problem={p} />,
    },
    {
      title: t('problems.escalation'),
      dataIndex: 'escalationLevel',
      key: 'escalationLevel',
      sorter: true,
      sortOrder: sortOrder('escalationLevel'),
      render: (_: number, p) => <EscalationTag problem={p} />,
    },
    {
      title: t('problems.ownerUnit'),
      dataIndex: 'ownerUnitName',
      key: 'owner',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('problems.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      sorter: true,
      sortOrder: sortOrder('dueOn'),
      render: (v: string | null, p) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDate(v)}
          {p.overdue ? (
            <Tag color="error" style={{ marginInlineStart: 4 }}>
              {t('problems.overdueDays', { count: p.daysOverdue })}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('problems.category'),
      dataIndex: 'categoryLabel',
      key: 'category',
      render: (c: Problem['categoryLabel'], p) => (c ? pickLabel(c, lang) : p.category),
    },
    {
      title: t('problems.raisedAt'),
      dataIndex: 'raisedAt',
      key: 'raisedAt',
      sorter: true,
      sortOrder: sortOrder('raisedAt'),
      render: formatDate,
    },
  ];

  const activeCount = PROBLEM_FILTER_KEYS.filter((k) => k !== 'q' && filters[k] !== undefined).length;

  return (
    <Page title={t('problems.title')}>
      <Card>
        <FilterBar
          activeCount={activeCount}
          onReset={() => setSearch(new URLSearchParams(), { replace: true })}
          primary={
            <Input.Search
              allowClear
              placeholder={t('problems.searchPlaceholder')}
              value={keyword}
              onChange={(e) => {
                setKeyword(e.target.value);
                if (!e.target.value) update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={w(240)}
            />
          }
        >
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('problems.filterStatus')}
            value={statuses}
            onChange={(v: string[]) => update({ status: v.length ? v.join(',') : undefined })}
            options={PROBLEM_STATUSES.map((s) => ({
              value: s,
              label: pickLabel(PROBLEM_STATUS_LABELS[s], lang),
            }))}
            style={w(220)}
          />
          <UnitTreeSelect
            allowClear
            placeholder={t('problems.filterOwner')}
            value={filters.ownerUnitId}
            onChange={(v) => update({ ownerUnitId: v })}
            style={w(200)}
          />
          <Select
            allowClear
            placeholder={t('problems.filterOverdue')}
            value={filters.overdue}
            onChange={(v: string | undefined) => update({ overdue: v })}
            options={[
              { value: 'true', label: t('problems.overdueOnly') },
              { value: 'false', label: t('problems.notOverdue') },
            ]}
            style={w(130)}
          />
          <Select
            allowClear
            placeholder={t('problems.filterEscalation')}
            value={filters.escalationLevelMin}
            onChange={(v: number | undefined) => update({ escalationLevelMin: v })}
            options={(settings.data?.escalationLadder ?? []).map((l) => ({
              value: l.level,
              label: t('problems.atLeast', { level: pickLabel(l, lang) }),
            }))}
            style={w(200)}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('problems.filterDistrict')}
            value={filters.regionCode}
            onChange={(v: string | undefined) => update({ regionCode: v })}
            options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            style={w(150)}
          />
          <Select
            allowClear
            placeholder={t('problems.filterCategory')}
            value={filters.category}
            onChange={(v: string | undefined) => update({ category: v })}
            options={(settings.data?.categories ?? []).map((c) => ({
              value: c.code,
              label: pickLabel(c, lang),
            }))}
            style={w(150)}
          />
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Problem>
            data-testid="problems-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            onChange={(pagination, _f, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Problem> | undefined;
              const key = s?.columnKey as string | undefined;
              const sort =
                s?.order && key && SORTABLE.includes(key)
                  ? `${s.order === 'descend' ? '-' : ''}${key}`
                  : undefined;
              const pageSize = pagination.pageSize ?? params.pageSize;
              update(
                {
                  sort,
                  page:
                    pageSize === params.pageSize && (sort ?? null) === search.get('sort')
                      ? pagination.current
                      : 1,
                  pageSize,
                },
                true,
              );
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: !isMobile,
              size: isMobile ? 'small' : 'default',
              showTotal: isMobile ? undefined : (total) => t('common.total', { count: total }),
            }}
          />
        )}
      </Card>
      <ProblemDrawer id={openId} onClose={() => update({ id: undefined }, true)} />
    </Page>
  );
}
