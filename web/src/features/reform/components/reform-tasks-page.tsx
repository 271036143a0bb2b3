import { useEffect, useMemo, useState } from 'react';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Table,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useListSearch } from '@/components/list-table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  REFORM_CADENCES,
  REFORM_CADENCE_LABELS,
  REFORM_STATUSES,
  REFORM_STATUS_LABELS,
  type ReformTask,
} from '@contracts/schemas/reform';
import { FilterBar } from '@/components/filter-bar';
import { ImportWizard } from '@/components/import-wizard';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useAreas } from '../api/get-areas';
import { TASK_FILTER_KEYS, exportTasks, useTasks, type TasksParams } from '../api/get-tasks';
import { AreaManager } from './area-manager';
import { ReformStatusTag } from './reform-tags';
import { TaskFormDrawer } from './task-form-drawer';

const LEDGER = 'reform-tasks';
const SORTABLE = ['code', 'title', 'dueOn', 'updatedAt', 'progressPct', 'status'] as const;

/**
 * 改革任务台账: areas → key items → tasks. The area tree (a side panel on wide screens, a filter on phones)
 * and the filters live in the URL, so a link restores the view; export downloads exactly the filtered ledger.
 */
export function ReformTasksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canManage = usePermission('reform:manage');
  const canVerify = usePermission('reform:verify');
  const { search, setSearch, page, pageSize, sort, update, sortOrder, tableProps } = useListSearch('code');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [managingAreas, setManagingAreas] = useState(false);
  const areas = useAreas();

  const filters = useMemo(() => {
    const out: Partial<Record<(typeof TASK_FILTER_KEYS)[number], string>> = {};
    for (const k of TASK_FILTER_KEYS) {
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
  } as TasksParams;
  const list = useTasks(params);

  const [keyword, setKeyword] = useState(filters.q ?? '');
  useEffect(() => setKeyword(search.get('q') ?? ''), [search]);

  const listTable = tableProps<ReformTask>(SORTABLE, list.data?.total ?? 0);

  const treeValue = filters.itemId
    ? `item:${filters.itemId}`
    : filters.areaId
      ? `area:${filters.areaId}`
      : undefined;
  const setTree = (v: string | undefined) => {
    if (!v) update({ areaId: undefined, itemId: undefined });
    else if (v.startsWith('item:')) {
      const itemId = v.slice(5);
      const area = areas.data?.find((a) => a.items.some((i) => i.id === itemId));
      update({ areaId: area?.id, itemId });
    } else update({ areaId: v.slice(5), itemId: undefined });
  };
  const treeData = useMemo(
    () =>
      (areas.data ?? []).map((a) => ({
        key: `area:${a.id}`,
        value: `area:${a.id}`,
        title: `${a.name}（${a.taskCount}）`,
        children: a.items.map((i) => ({
          key: `item:${i.id}`,
          value: `item:${i.id}`,
          title: `${i.title}（${i.taskCount}）`,
          isLeaf: true,
        })),
      })),
    [areas.data],
  );

  const activeCount = TASK_FILTER_KEYS.filter((k) => k !== 'q' && filters[k]).length;

  const doExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = params;
      await exportTasks(rest);
    } catch (e) {
      void message.error(isApiError(e) || e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };


  const columns: ColumnsType<ReformTask> = [
    {
      title: t('reform.task'),
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sortOrder('title'),
      render: (title: string, r) => (
        <div style={{ minWidth: 200, maxWidth: 360, whiteSpace: 'normal' }}>
          <Link to={`${paths.reformTasks}/${r.id}`} data-testid="reform-task-link">
            {title}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[r.code, r.areaName, r.itemTitle].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          <Flex gap={4} wrap style={{ marginTop: 2 }}>
            {r.isKey ? <Tag color="volcano">{t('reform.isKey')}</Tag> : null}
            {r.soeCreditCode ? <Tag color="geekblue">{t('reform.soe')}</Tag> : null}
            {r.isFirst ? <Tag color="magenta">{t('reform.isFirst')}</Tag> : null}
          </Flex>
        </div>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (s: ReformTask['status']) => <ReformStatusTag status={s} />,
    },
    {
      title: t('reform.progress'),
      dataIndex: 'progressPct',
      key: 'progressPct',
      sorter: true,
      sortOrder: sortOrder('progressPct'),
      render: (v: number) => <Progress percent={v} size="small" style={{ width: 110, margin: 0 }} />,
    },
    {
      title: t('reform.leadUnit'),
      key: 'leadUnit',
      render: (_, r) => (
        <div style={{ minWidth: 100 }}>
          {r.leadUnit.name}
          {r.leadLeader ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.leadLeader}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('reform.nextMilestone'),
      key: 'next',
      render: (_, r) =>
        r.nextMilestone ? (
          <div style={{ minWidth: 140, maxWidth: 220, whiteSpace: 'normal' }}>
            {r.nextMilestone.title}
            <div>
              <Typography.Text
                type={r.nextMilestone.dueOn < dayjs().format('YYYY-MM-DD') ? 'danger' : 'secondary'}
                style={{ fontSize: 12 }}
              >
                {formatDate(r.nextMilestone.dueOn)}
              </Typography.Text>
            </div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('reform.dueOn'),
      dataIndex: 'dueOn',
      key: 'dueOn',
      sorter: true,
      sortOrder: sortOrder('dueOn'),
      render: formatDate,
    },
    {
      title: t('reform.cadence'),
      dataIndex: 'cadence',
      key: 'cadence',
      render: (c: ReformTask['cadence']) => pickLabel(REFORM_CADENCE_LABELS[c], lang),
    },
    {
      title: t('reform.blockers'),
      dataIndex: 'openBlockers',
      key: 'openBlockers',
      align: 'right',
      render: (n: number) => (n ? <Tag color="error">{n}</Tag> : '—'),
    },
  ];

  // On a phone, one column carries what matters: title, status, progress, lead unit and deadline.
  const phoneColumns: ColumnsType<ReformTask> = [
    {
      title: t('reform.task'),
      key: 'task',
      render: (_, r) => (
        <div style={{ whiteSpace: 'normal' }}>
          <Link to={`${paths.reformTasks}/${r.id}`} data-testid="reform-task-link">
            {r.title}
          </Link>
          <Flex gap={4} wrap align="center" style={{ marginTop: 4 }}>
            <ReformStatusTag status={r.status} />
            {r.isKey ? <Tag color="volcano">{t('reform.isKey')}</Tag> : null}
            {r.openBlockers ? (
              <Tag color="error">{t('reform.openBlockers', { count: r.openBlockers })}</Tag>
            ) : null}
          </Flex>
          <Progress percent={r.progressPct} size="small" style={{ margin: '4px 0 0' }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.code, r.leadUnit.name, `${t('reform.dueOn')} ${formatDate(r.dueOn)}`]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
  ];

  const filterControls = (
    <>
      {isMobile ? (
        <TreeSelect
          allowClear
          value={treeValue}
          onChange={setTree}
          treeData={treeData}
          placeholder={t('reform.filterArea')}
          style={{ width: '100%' }}
          treeDefaultExpandAll
        />
      ) : null}
      <div style={{ width: isMobile ? '100%' : 200 }}>
        <UnitTreeSelect
          allowClear
          value={filters.leadUnitId}
          onChange={(v) => update({ leadUnitId: v })}
          placeholder={t('reform.filterLeadUnit')}
        />
      </div>
      <Select
        allowClear
        value={filters.status}
        onChange={(v: string | undefined) => update({ status: v })}
        placeholder={t('reform.filterStatus')}
        options={REFORM_STATUSES.map((s) => ({ value: s, label: pickLabel(REFORM_STATUS_LABELS[s], lang) }))}
        style={{ width: isMobile ? '100%' : 150 }}
        data-testid="filter-status"
      />
      <Select
        allowClear
        value={filters.cadence}
        onChange={(v: string | undefined) => update({ cadence: v })}
        placeholder={t('reform.cadence')}
        options={REFORM_CADENCES.map((c) => ({ value: c, label: pickLabel(REFORM_CADENCE_LABELS[c], lang) }))}
        style={{ width: isMobile ? '100%' : 110 }}
      />
      <Select
        allowClear
        value={filters.isKey}
        onChange={(v: string | undefined) => update({ isKey: v })}
        placeholder={t('reform.isKey')}
        options={[
          { value: 'true', label: t('reform.keyOnly') },
          { value: 'false', label: t('reform.notKey') },
        ]}
        style={{ width: isMobile ? '100%' : 110 }}
      />
      <Select
        allowClear
        value={filters.soe}
        onChange={(v: string | undefined) => update({ soe: v })}
        placeholder={t('reform.soe')}
        options={[
          { value: 'true', label: t('reform.soeOnly') },
          { value: 'false', label: t('reform.notSoe') },
        ]}
        style={{ width: isMobile ? '100%' : 120 }}
      />
      <DatePicker.RangePicker
        value={[filters.dueFrom ? dayjs(filters.dueFrom) : null, filters.dueTo ? dayjs(filters.dueTo) : null]}
        onChange={(v) =>
          update({
            dueFrom: v?.[0]?.format('YYYY-MM-DD'),
            dueTo: v?.[1]?.format('YYYY-MM-DD'),
          })
        }
        allowEmpty={[true, true]}
        placeholder={[t('reform.dueFrom'), t('reform.dueTo')]}
        style={{ width: isMobile ? '100%' : 250 }}
      />
    </>
  );

  const table =
    list.isError && !list.data ? (
      <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
    ) : (
      <Table<ReformTask>
        data-testid="reform-tasks-table"
        rowKey="id"
        size="middle"
        columns={isMobile ? phoneColumns : columns}
        dataSource={list.data?.data}
        loading={list.isFetching}
        scroll={isMobile ? undefined : { x: 'max-content' }}
        onRow={(r) => ({ onDoubleClick: () => void navigate(`${paths.reformTasks}/${r.id}`) })}
        {...listTable}
      />
    );

  return (
    <Page
      title={t('reform.title')}
      extra={
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void doExport()}
            data-testid="reform-export"
          >
            {t('reform.export')}
          </Button>
          {canManage ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="reform-import">
              {t('reform.import')}
            </Button>
          ) : null}
          {canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="reform-create"
            >
              {t('reform.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Row gutter={[16, 16]}>
        {isMobile ? null : (
          <Col xs={24} lg={6} xxl={5}>
            <Card
              size="small"
              title={t('reform.areas')}
              extra={
                canVerify ? (
                  <Button type="link" size="small" onClick={() => setManagingAreas(true)}>
                    {t('reform.manageAreas')}
                  </Button>
                ) : null
              }
              styles={{ body: { padding: 8, maxHeight: '70vh', overflow: 'auto' } }}
            >
              <Button
                type={treeValue ? 'text' : 'link'}
                size="small"
                onClick={() => setTree(undefined)}
                style={{ paddingInline: 4 }}
              >
                {t('reform.allAreas')}
              </Button>
              <Tree
                key={treeData.length}
                data-testid="reform-area-tree"
                treeData={treeData}
                selectedKeys={treeValue ? [treeValue] : []}
                defaultExpandAll
                blockNode
                onSelect={(keys) => setTree(keys[0] ? String(keys[0]) : undefined)}
                titleRender={(n) => <span style={{ whiteSpace: 'normal' }}>{String(n.title)}</span>}
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={isMobile ? 24 : 18} xxl={isMobile ? 24 : 19} style={{ minWidth: 0 }}>
          <Card>
            <FilterBar
              primary={
                <Input.Search
                  allowClear
                  value={keyword}
                  onChange={(e) => setKeyword(e.target.value)}
                  onSearch={(v) => update({ q: v.trim() || undefined })}
                  placeholder={t('reform.searchPlaceholder')}
                  style={{ width: isMobile ? '100%' : 280 }}
                  data-testid="reform-search"
                />
              }
              activeCount={activeCount}
              onReset={() => setSearch(new URLSearchParams(), { replace: true })}
            >
              {filterControls}
            </FilterBar>
            {table}
          </Card>
        </Col>
      </Row>
      <TaskFormDrawer
        state={creating ? { mode: 'create', areaId: filters.areaId, itemId: filters.itemId } : null}
        onClose={() => setCreating(false)}
        onSaved={(task) => {
          setCreating(false);
          void navigate(`${paths.reformTasks}/${task.id}`);
        }}
      />
      <ImportWizard
        ledger={LEDGER}
        title={t('reform.importTitle')}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void list.refetch()}
      />
      <AreaManager open={managingAreas} onClose={() => setManagingAreas(false)} />
    </Page>
  );
}
