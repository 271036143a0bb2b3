import { useMemo, useState } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { INDICATOR_FIELDS, type Indicators, type IndicatorKey } from '@contracts/schemas/enterprises';
import { EChart } from '@/components/echart';
import { MoneyInput, useMoneyFormat } from '@/components/money';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { fieldErrorsOf, isApiError } from '@/lib/api-client';
import { formatNumber, toWanText } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useUpsertIndicators } from '../api/save-enterprise';

const KEYS = Object.keys(INDICATOR_FIELDS) as IndicatorKey[];
const FIRST_YEAR = 2020;

type Row = { key: IndicatorKey; label: string; unit: string } & Record<string, unknown>;

/** 年度指标: one column per year (2020 on), one row per indicator, with a small chart; editable by year. */
export function IndicatorsTab({
  enterpriseId,
  indicators,
  canEdit,
}: {
  enterpriseId: string;
  indicators: Indicators[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const money = useMoneyFormat();
  const upsert = useUpsertIndicators();
  const [editing, setEditing] = useState<{ year: number; base: Indicators | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Partial<Record<IndicatorKey, number | string | null>> & { year: number }>();

  const thisYear = new Date().getFullYear();
  const byYear = useMemo(() => new Map(indicators.map((i) => [i.year, i])), [indicators]);
  const years = useMemo(() => {
    const ys = new Set<number>(indicators.map((i) => i.year));
    for (let y = FIRST_YEAR; y <= Math.max(FIRST_YEAR + 4, ...ys); y++) if (y < thisYear) ys.add(y);
    return [...ys].filter((y) => y >= FIRST_YEAR || byYear.has(y)).sort((a, b) => a - b);
  }, [indicators, byYear, thisYear]);

  const unitLabel = (u: string) =>
    u === 'yuan'
      ? t('money.wan')
      : u === 'usd'
        ? t('enterprises.unitUsd')
        : u === 'text'
          ? ''
          : t(`enterprises.unit.${u as 'persons'}`);
  const show = (k: IndicatorKey, v: unknown) => {
    if (v === null || v === undefined) return '—';
    const u = INDICATOR_FIELDS[k].unit;
    if (u === 'yuan') return toWanText(v as number, 2);
    if (u === 'usd') return formatNumber(Math.round((v as number) / 10_000), 2);
    if (typeof v === 'number') return formatNumber(v, 2);
    return String(v);
  };

  const rows: Row[] = KEYS.map((k) => {
    const r: Row = {
      key: k,
      label: pickLabel(INDICATOR_FIELDS[k], lang),
      unit: unitLabel(INDICATOR_FIELDS[k].unit),
    };
    for (const y of years) r[String(y)] = byYear.get(y)?.[k] ?? null;
    return r;
  });

  const columns: ColumnsType<Row> = [
    {
      title: t('enterprises.indicator'),
      dataIndex: 'label',
      fixed: isMobile ? undefined : 'left',
      render: (v: string, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {v}
          {r.unit ? <Typography.Text type="secondary">（{r.unit}）</Typography.Text> : null}
        </span>
      ),
    },
    ...years.map((y) => ({
      title: (
        <Flex gap={4} align="center" justify="flex-end">
          {y}
          {canEdit ? (
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('enterprises.editYear', { year: y })}
              onClick={() => openEdit(y)}
            />
          ) : null}
        </Flex>
      ),
      key: String(y),
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <span style={{ whiteSpace: 'nowrap' }}>{show(r.key, r[String(y)])}</span>
      ),
    })),
  ];

  const chartYears = years.filter((y) => byYear.has(y));
  const wan = (v: number | null | undefined) =>
    v === null || v === undefined ? null : Number(toWanText(v, 2).replace(/,/g, ''));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: chartYears.map(String) },
    yAxis: { type: 'value', name: t('money.wan'), axisLabel: { fontSize: 10 } },
    series: [
      {
        name: pickLabel(INDICATOR_FIELDS.revenue, lang),
        type: 'bar',
        data: chartYears.map((y) => wan(byYear.get(y)?.revenue)),
      },
      {
        name: pickLabel(INDICATOR_FIELDS.hitechRevenue, lang),
        type: 'bar',
        data: chartYears.map((y) => wan(byYear.get(y)?.hitechRevenue)),
      },
      {
        name: pickLabel(INDICATOR_FIELDS.rdExpense, lang),
        type: 'line',
        data: chartYears.map((y) => wan(byYear.get(y)?.rdExpense)),
      },
    ],
  };

  function openEdit(year: number | null) {
    setError(null);
    const y = year ?? thisYear - 1;
    const base = byYear.get(y) ?? null;
    form.resetFields();
    const values: Record<string, unknown> = { year: y };
    for (const k of KEYS) values[k] = base?.[k] ?? null;
    form.setFieldsValue(values);
    setEditing({ year: y, base });
  }

  const save = () =>
    void form.validateFields().then((v) => {
      if (!editing) return;
      const year = v.year;
      const base = byYear.get(year) ?? null;
      const input: Record<string, unknown> = {};
      for (const k of KEYS) {
        const raw = v[k];
        input[k] = raw === undefined || raw === '' ? null : raw;
      }
      upsert.mutate(
        { id: enterpriseId, year, input: { ...input, ...(base ? { version: base.version } : {}) } },
        {
          onSuccess: () => {
            setEditing(null);
            void message.success(t('enterprises.indicatorsSaved'));
          },
          onError: (e) => {
            const f = fieldErrorsOf(e);
            const known = Object.keys(f).filter((k) => (KEYS as string[]).includes(k));
            if (known.length)
              form.setFields(known.map((k) => ({ name: k as IndicatorKey, errors: [f[k]!] })));
            setError(isApiError(e) || e instanceof Error ? e.message : String(e));
          },
        },
      );
    });

  return (
    <Flex vertical gap={12}>
      {canEdit ? (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => openEdit(null)}>
            {t('enterprises.enterYear')}
          </Button>
        </div>
      ) : null}
      {chartYears.length ? (
        <EChart option={option} height={isMobile ? 220 : 260} data-testid="indicators-chart" />
      ) : null}
      <Table<Row>
        data-testid="indicators-table"
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('enterprises.indicatorsNote', { sample: money(100_000_000) })}
      </Typography.Text>
      <Modal
        open={editing !== null}
        title={t('enterprises.editYear', { year: editing?.year ?? '' })}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={upsert.isPending}
        width={isMobile ? '100%' : 760}
        destroyOnHidden
        forceRender
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item name="year" label={t('enterprises.year')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={Array.from({ length: thisYear - 2010 + 1 }, (_, i) => thisYear - i).map((y) => ({
                value: y,
                label: String(y),
              }))}
              onChange={(y: number) => {
                const base = byYear.get(y);
                const values: Record<string, unknown> = {};
                for (const k of KEYS) values[k] = base?.[k] ?? null;
                form.setFieldsValue(values);
              }}
            />
          </Form.Item>
          <Row gutter={12}>
            {KEYS.map((k) => {
              const f = INDICATOR_FIELDS[k];
              return (
                <Col key={k} span={isMobile ? 24 : 12}>
                  <Form.Item name={k} label={pickLabel(f, lang)}>
                    {f.unit === 'yuan' ? (
                      <MoneyInput allowNegative />
                    ) : f.unit === 'text' ? (
                      <Input maxLength={32} />
                    ) : f.unit === 'usd' ? (
                      <InputNumber style={{ width: '100%' }} min={0} addonAfter="USD" />
                    ) : (
                      <InputNumber
                        style={{ width: '100%' }}
                        min={0}
                        precision={f.unit === 'mu' || f.unit === 'tce' ? undefined : 0}
                        addonAfter={unitLabel(f.unit)}
                      />
                    )}
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </Form>
      </Modal>
    </Flex>
  );
}
