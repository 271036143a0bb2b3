import { useState } from 'react';
import { FileWordOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  BRIEFING_KINDS,
  BRIEFING_KIND_LABELS,
  type Briefing,
  type BriefingKind,
} from '@contracts/schemas/results';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useBriefings, useCreateBriefing } from '../api/briefings';

type CreateForm = {
  kind: BriefingKind;
  month?: Dayjs;
  week?: Dayjs;
  title?: string;
  docNo?: string;
  redHeader: boolean;
  issuerName?: string;
  addressee?: string;
};

const isoWeek = (d: Dayjs) => {
  // ISO week: the week with the year's first Thursday is week 1.
  const date = new Date(Date.UTC(d.year(), d.month(), d.date()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

export function BriefingStatusTag({ status }: { status: Briefing['status'] }) {
  const { t } = useTranslation();
  return status === 'issued' ? (
    <Tag color="success" icon={<LockOutlined />} data-testid="briefing-status" data-status="issued">
      {t('briefings.issued')}
    </Tag>
  ) : (
    <Tag data-testid="briefing-status" data-status="draft">
      {t('briefings.draft')}
    </Tag>
  );
}

/** 通报: generated monthly and dispatch briefings; drafts can be regenerated, issued ones are archived and immutable. */
export function BriefingsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const canIssue = usePermission('briefing:issue');
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<CreateForm>();
  const kindWatch = Form.useWatch('kind', form);
  const create = useCreateBriefing();
  const params = {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: 20,
    kind: search.get('kind') ?? undefined,
    status: search.get('status') ?? undefined,
  };
  const list = useBriefings(params);
  const update = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setSearch(next, { replace: true });
  };

  const columns: ColumnsType<Briefing> = [
    {
      title: t('briefings.titleField'),
      dataIndex: 'title',
      render: (v: string, b) => (
        <div style={{ minWidth: 220, maxWidth: 420, whiteSpace: 'normal' }}>
          <Link to={`${paths.briefings}/${b.id}`} data-testid="briefing-link">
            <FileWordOutlined /> {v}
          </Link>
          {b.docNo ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.docNo}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('briefings.kind'),
      dataIndex: 'kind',
      render: (k: BriefingKind) => pickLabel(BRIEFING_KIND_LABELS[k], lang),
    },
    { title: t('briefings.period'), dataIndex: 'period' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: Briefing['status']) => <BriefingStatusTag status={s} />,
    },
    {
      title: t('briefings.issuedAt'),
      key: 'issued',
      render: (_, b) =>
        b.issuedAt
          ? `${formatDateTime(b.issuedAt)} · ${b.issuedByName ?? ''}`
          : `${t('briefings.createdAt')} ${formatDateTime(b.createdAt)}`,
    },
  ];

  const submit = (v: CreateForm) => {
    setError(null);
    const period = v.kind === 'monthly' ? v.month!.format('YYYY-MM') : isoWeek(v.week!);
    create.mutate(
      {
        kind: v.kind,
        period,
        title: v.title?.trim() || undefined,
        docNo: v.docNo?.trim() || null,
        redHeader: v.redHeader,
        issuerName: v.issuerName?.trim() || undefined,
        addressee: v.addressee?.trim() || undefined,
      },
      {
        onSuccess: (b) => {
          setCreating(false);
          void message.success(t('briefings.generated'));
          void navigate(`${paths.briefings}/${b.id}`);
        },
        onError: (e) => setError(isApiError(e) || e instanceof Error ? e.message : String(e)),
      },
    );
  };

  return (
    <Page
      title={t('briefings.title')}
      extra={
        canIssue ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="briefing-create"
            onClick={() => {
              setError(null);
              form.setFieldsValue({
                kind: 'monthly',
                month: dayjs().subtract(1, 'month'),
                week: dayjs(),
                redHeader: false,
              });
              setCreating(true);
            }}
          >
            {t('briefings.generate')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar
          activeCount={[params.kind, params.status].filter(Boolean).length}
          onReset={() => setSearch({}, { replace: true })}
        >
          <Select
            allowClear
            value={params.kind}
            onChange={(v: string | undefined) => update('kind', v)}
            placeholder={t('briefings.kind')}
            options={BRIEFING_KINDS.map((k) => ({
              value: k,
              label: pickLabel(BRIEFING_KIND_LABELS[k], lang),
            }))}
            style={{ width: isMobile ? '100%' : 160 }}
          />
          <Select
            allowClear
            value={params.status}
            onChange={(v: string | undefined) => update('status', v)}
            placeholder={t('common.status')}
            options={[
              { value: 'draft', label: t('briefings.draft') },
              { value: 'issued', label: t('briefings.issued') },
            ]}
            style={{ width: isMobile ? '100%' : 140 }}
          />
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Briefing>
            data-testid="briefings-table"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('briefings.none') }}
            pagination={{
              current: params.page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => update('page', String(p)),
            }}
          />
        )}
      </Card>
      <Modal
        open={creating}
        title={t('briefings.generate')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('briefings.generateOk')}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'briefing-generate' } as Record<string, string>}
        destroyOnHidden
        forceRender
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form<CreateForm> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="kind" label={t('briefings.kind')}>
            <Radio.Group
              optionType="button"
              options={BRIEFING_KINDS.map((k) => ({
                value: k,
                label: pickLabel(BRIEFING_KIND_LABELS[k], lang),
              }))}
            />
          </Form.Item>
          {kindWatch === 'dispatch' ? (
            <Form.Item name="week" label={t('briefings.week')} rules={[{ required: true }]}>
              <DatePicker picker="week" style={{ width: '100%' }} />
            </Form.Item>
          ) : (
            <Form.Item name="month" label={t('briefings.month')} rules={[{ required: true }]}>
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('briefings.titleField')} extra={t('briefings.titleHelp')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="docNo" label={t('briefings.docNo')}>
            <Input maxLength={100} placeholder={t('briefings.docNoPlaceholder')} />
          </Form.Item>
          <Form.Item name="issuerName" label={t('briefings.issuerName')} extra={t('briefings.issuerHelp')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="addressee" label={t('briefings.addressee')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="redHeader" label={t('briefings.redHeader')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
