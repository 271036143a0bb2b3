import type { ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AnnualPlan, ProjectDetail } from '@contracts/schemas/projects';
import { EChart } from '@/components/echart';
import { MoneyInput, useMoneyFormat } from '@/components/money';
import { SectionLoading, LoadErrorPage } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatNumber, formatPercent } from '@/lib/format';
import { useMonthly, type MonthlyRow } from '../api/get-monthly';
import { useSaveMonthly, useSavePlan } from '../api/save-monthly';

const wan = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : yuan / 10000);
const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 时序进度 target of month m (1–12): plan × curve[m−1], default linear plan × m / 12. */
const targetOf = (plan: AnnualPlan, m: number) =>
  Math.round(plan.planInvestment * (plan.curve ? (plan.curve[m - 1] ?? m / 12) : m / 12));

type MonthForm = {
  month: Dayjs;
  mode: 'month' | 'ytd';
  amount: number | null;
  physicalProgressPct?: number | null;
  physicalProgressText?: string;
  combinedWithPrevious?: boolean;
};

type PlanForm = { year: number; planInvestment: number | null; custom: boolean; curve: (number | null)[] };

/**
 * 月度进展: the year's monthly and year-to-date investment against the 时序进度 target (chart and table),
 * reporting a month, and the annual plan with its optional target curve.
 */
export function ProjectMonthly({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const money = useMoneyFormat();
  const series = useMonthly(project.id);
  const saveMonthly = useSaveMonthly();
  const savePlan = useSavePlan();
  const canEdit = project.abilities.reportProgress ?? project.abilities.update ?? false;
  const [monthOpen, setMonthOpen] = useState<MonthlyRow | 'new' | null>(null);
  const [planOpen, setPlanOpen] = useState<AnnualPlan | 'new' | null>(null);
  const [monthError, setMonthError] = useState<string | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [monthForm] = Form.useForm<MonthForm>();
  const [planForm] = Form.useForm<PlanForm>();
  const chosenMonth = Form.useWatch('month', monthForm);
  const customCurve = Form.useWatch('custom', planForm);

  const years = useMemo(() => {
    const set = new Set<number>([dayjs().year()]);
    for (const r of series.data?.data ?? []) set.add(Number(r.month.slice(0, 4)));
    for (const p of series.data?.plans ?? []) set.add(p.year);
    return [...set].sort((a, b) => b - a);
  }, [series.data]);
  const latestYear = useMemo(() => {
    const months = (series.data?.data ?? []).map((r) => r.month).sort();
    return months.length ? Number(months[months.length - 1]!.slice(0, 4)) : dayjs().year();
  }, [series.data]);
  const [yearPicked, setYear] = useState<number | null>(null);
  const year = yearPicked ?? latestYear;

  const rows = useMemo(
    () =>
      (series.data?.data ?? [])
        .filter((r) => r.month.startsWith(`${year}-`))
        .sort((a, b) => a.month.localeCompare(b.month)),
    [series.data, year],
  );
  const plan = series.data?.plans.find((p) => p.year === year) ?? null;

  const option = useMemo(() => {
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const byMonth = new Map(rows.map((r) => [Number(r.month.slice(5, 7)), r]));
    const last = rows.length ? Number(rows[rows.length - 1]!.month.slice(5, 7)) : 0;
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) =>
          typeof v === 'number' ? `${formatNumber(v)} ${t('money.wan')}` : '—',
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => t('projects.monthly.monthLabel', { month: m })) },
      yAxis: { type: 'value', name: t('money.wan'), nameTextStyle: { align: 'left' } },
      series: [
        {
          name: t('projects.monthly.monthInvestment'),
          type: 'bar',
          data: months.map((m) => wan(byMonth.get(m)?.monthInvestment)),
          itemStyle: { color: '#91caff' },
        },
        {
          name: t('projects.monthly.ytdInvestment'),
          type: 'line',
          data: months.map((m) => (m <= last ? wan(byMonth.get(m)?.ytdInvestment) : null)),
          connectNulls: true,
          itemStyle: { color: '#1677ff' },
        },
        ...(plan
          ? [
              {
                name: t('projects.monthly.target'),
                type: 'line',
                data: months.map((m) => wan(byMonth.get(m)?.target ?? targetOf(plan, m))),
                lineStyle: { type: 'dashed' },
                itemStyle: { color: '#fa8c16' },
                markLine: {
                  symbol: 'none',
                  label: { formatter: t('projects.monthly.plan'), position: 'insideEndTop' },
                  lineStyle: { color: '#8c8c8c' },
                  data: [{ yAxis: wan(plan.planInvestment) }],
                },
              },
            ]
          : []),
      ],
    };
  }, [rows, plan, t]);

  const openMonth = (row: MonthlyRow | 'new') => {
    setMonthError(null);
    monthForm.resetFields();
    if (row === 'new') {
      const lastMonth = rows.length
        ? dayjs(`${rows[rows.length - 1]!.month}-01`).add(1, 'month')
        : dayjs().subtract(1, 'month');
      monthForm.setFieldsValue({ month: lastMonth, mode: 'month', amount: null });
    } else {
      monthForm.setFieldsValue({
        month: dayjs(`${row.month}-01`),
        mode: 'month',
        amount: row.monthInvestment,
        physicalProgressPct: row.physicalProgressPct,
        physicalProgressText: row.physicalProgressText ?? undefined,
        combinedWithPrevious: row.combinedWithPrevious,
      });
    }
    setMonthOpen(row);
  };

  const submitMonth = async () => {
    const v = await monthForm.validateFields();
    const month = v.month.format('YYYY-MM');
    const existing = (series.data?.data ?? []).find((r) => r.month === month);
    setMonthError(null);
    try {
      await saveMonthly.mutateAsync({
        id: project.id,
        month,
        input: {
          ...(v.mode === 'month' ? { monthInvestment: v.amount ?? 0 } : { ytdInvestment: v.amount ?? 0 }),
          physicalProgressPct: v.physicalProgressPct ?? null,
          physicalProgressText: v.physicalProgressText?.trim() || null,
          ...(month.endsWith('-02') ? { combinedWithPrevious: Boolean(v.combinedWithPrevious) } : {}),
          ...(existing ? { version: existing.version } : {}),
        },
      });
      void message.success(t('common.saved'));
      setYear(Number(month.slice(0, 4)));
      setMonthOpen(null);
    } catch (e) {
      setMonthError(errorText(e));
    }
  };

  const openPlan = (p: AnnualPlan | 'new') => {
    setPlanError(null);
    planForm.resetFields();
    if (p === 'new')
      planForm.setFieldsValue({ year, planInvestment: null, custom: false, curve: Array(12).fill(null) });
    else
      planForm.setFieldsValue({
        year: p.year,
        planInvestment: p.planInvestment,
        custom: Boolean(p.curve),
        curve: p.curve ? p.curve.map((x) => Math.round(x * 1000) / 10) : Array(12).fill(null),
      });
    setPlanOpen(p);
  };

  const submitPlan = async () => {
    const v = await planForm.validateFields();
    const existing = series.data?.plans.find((p) => p.year === v.year);
    setPlanError(null);
    try {
      await savePlan.mutateAsync({
        id: project.id,
        year: v.year,
        input: {
          planInvestment: v.planInvestment ?? 0,
          curve: v.custom ? v.curve.map((x) => (x ?? 0) / 100) : null,
          ...(existing ? { version: existing.version } : {}),
        },
      });
      void message.success(t('common.saved'));
      setYear(v.year);
      setPlanOpen(null);
    } catch (e) {
      setPlanError(errorText(e));
    }
  };

  if (series.isLoading) return <SectionLoading />;
  if (series.isError) return <LoadErrorPage error={series.error} onRetry={() => void series.refetch()} />;

  const last = rows[rows.length - 1];
  const columns: ColumnsType<MonthlyRow> = [
    {
      title: t('projects.monthly.month'),
      dataIndex: 'month',
      render: (m: string, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {m}
          {r.combinedWithPrevious ? (
            <Typography.Text type="secondary"> {t('projects.monthly.janFeb')}</Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: t('projects.monthly.monthInvestment'),
      dataIndex: 'monthInvestment',
      align: 'right',
      render: (v: number) => money(v, { unit: 'wan' }),
    },
    {
      title: t('projects.monthly.ytdInvestment'),
      dataIndex: 'ytdInvestment',
      align: 'right',
      render: (v: number) => money(v, { unit: 'wan' }),
    },
    {
      title: t('projects.monthly.cumulative'),
      dataIndex: 'cumulativeInvestment',
      align: 'right',
      render: (v: number) => money(v),
    },
    {
      title: t('projects.monthly.target'),
      dataIndex: 'target',
      align: 'right',
      render: (v: number | null) => money(v, { unit: 'wan' }),
    },
    {
      title: t('projects.monthly.completionRate'),
      dataIndex: 'completionRate',
      align: 'right',
      render: (v: number | null) => formatPercent(v),
    },
    {
      title: t('projects.physicalProgress'),
      key: 'physical',
      render: (_, r) => (
        <span style={{ display: 'inline-block', minWidth: 120, maxWidth: 280, whiteSpace: 'normal' }}>
          {r.physicalProgressPct === null ? '' : `${formatNumber(r.physicalProgressPct, 1)}% `}
          {r.physicalProgressText ?? ''}
        </span>
      ),
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: MonthlyRow) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openMonth(r)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center" justify="space-between">
        <Select
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: t('projects.monthly.year', { year: y }) }))}
          style={{ width: 120 }}
          aria-label={t('projects.monthly.yearLabel')}
        />
        {canEdit ? (
          <Flex gap={8} wrap>
            <Button onClick={() => openPlan(plan ?? 'new')} data-testid="plan-edit">
              {plan ? t('projects.monthly.editPlan') : t('projects.monthly.addPlan')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => openMonth('new')}
              data-testid="monthly-add"
            >
              {t('projects.monthly.report')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('projects.monthly.plan')}
              value={plan ? money(plan.planInvestment) : '—'}
              valueStyle={{ fontSize: 18 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('projects.monthly.ytdInvestment')}
              value={last ? money(last.ytdInvestment) : '—'}
              valueStyle={{ fontSize: 18 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('projects.monthly.completionRate')}
              value={formatPercent(last?.completionRate)}
              valueStyle={{ fontSize: 18 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('projects.monthly.targetRate')}
              value={
                plan && last?.target !== null && last?.target !== undefined && plan.planInvestment
                  ? formatPercent(last.target / plan.planInvestment)
                  : '—'
              }
              valueStyle={{ fontSize: 18 }}
            />
          </Card>
        </Col>
      </Row>
      {!plan ? <Alert type="info" showIcon message={t('projects.monthly.noPlan', { year })} /> : null}
      <EChart option={option} height={isMobile ? 260 : 340} data-testid="monthly-chart" />
      <Table<MonthlyRow>
        data-testid="monthly-table"
        rowKey="month"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />

      <Modal
        open={monthOpen !== null}
        title={t('projects.monthly.report')}
        onCancel={() => setMonthOpen(null)}
        onOk={() => void submitMonth()}
        okButtonProps={{ loading: saveMonthly.isPending, 'data-testid': 'monthly-save' } as ButtonProps}
        forceRender
      >
        {monthError ? (
          <Alert type="error" showIcon message={monthError} style={{ marginBottom: 12 }} />
        ) : null}
        <Form<MonthForm> form={monthForm} layout="vertical">
          <Form.Item
            name="month"
            label={t('projects.monthly.month')}
            rules={[{ required: true, message: t('projects.form.required') }]}
          >
            <DatePicker
              picker="month"
              style={{ width: '100%' }}
              disabled={monthOpen !== 'new'}
              data-testid="monthly-month"
            />
          </Form.Item>
          <Form.Item name="mode" label={t('projects.monthly.mode')}>
            <Radio.Group
              options={[
                { value: 'month', label: t('projects.monthly.modeMonth') },
                { value: 'ytd', label: t('projects.monthly.modeYtd') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('projects.monthly.amount')}
            rules={[{ required: true, message: t('projects.form.required') }]}
          >
            <MoneyInput data-testid="monthly-amount" />
          </Form.Item>
          {chosenMonth && chosenMonth.month() === 1 ? (
            <Form.Item name="combinedWithPrevious" valuePropName="checked">
              <Checkbox>{t('projects.monthly.combined')}</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item name="physicalProgressPct" label={t('projects.monthly.physicalPct')}>
            <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="physicalProgressText" label={t('projects.monthly.physicalText')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={planOpen !== null}
        title={t('projects.monthly.planTitle')}
        onCancel={() => setPlanOpen(null)}
        onOk={() => void submitPlan()}
        okButtonProps={{ loading: savePlan.isPending, 'data-testid': 'plan-save' } as ButtonProps}
        width={640}
        forceRender
      >
        {planError ? <Alert type="error" showIcon message={planError} style={{ marginBottom: 12 }} /> : null}
        <Form<PlanForm> form={planForm} layout="vertical">
          <Form.Item
            name="year"
            label={t('projects.monthly.yearLabel')}
            rules={[{ required: true, message: t('projects.form.required') }]}
          >
            <InputNumber
              min={2000}
              max={2100}
              precision={0}
              style={{ width: '100%' }}
              disabled={planOpen !== 'new'}
            />
          </Form.Item>
          <Form.Item
            name="planInvestment"
            label={t('projects.monthly.plan')}
            rules={[{ required: true, message: t('projects.form.required') }]}
          >
            <MoneyInput data-testid="plan-amount" />
          </Form.Item>
          <Form.Item name="custom" valuePropName="checked" extra={t('projects.monthly.curveHelp')}>
            <Checkbox>{t('projects.monthly.customCurve')}</Checkbox>
          </Form.Item>
          {customCurve ? (
            <Row gutter={8}>
              {Array.from({ length: 12 }, (_, i) => (
                <Col xs={8} sm={6} md={4} key={i}>
                  <Form.Item
                    name={['curve', i]}
                    label={t('projects.monthly.monthLabel', { month: i + 1 })}
                    rules={[{ required: true, message: '' }]}
                  >
                    <InputNumber min={0} max={100} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          ) : null}
        </Form>
      </Modal>
    </Flex>
  );
}
