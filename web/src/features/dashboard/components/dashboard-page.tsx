import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined, LockOutlined, MinusOutlined } from '@ant-design/icons';
import { Badge, Card, Col, Empty, Flex, List, Progress, Row, Select, Tag, Typography, theme } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QUALIFICATION_TYPE_LABELS, type QualificationType } from '@contracts/schemas/enterprises';
import { LIGHT_COLOR_LABELS, type LightColor } from '@contracts/schemas/lights';
import { REFORM_STATUS_LABELS, type ReformStatus } from '@contracts/schemas/reform';
import type { Dashboard, Drill, IndicatorDefinition } from '@contracts/schemas/results';
import { DrillDrawer, webRouteOf } from '@/components/drill';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { stageLabel } from '@/components/stage-tag';
import { LoadErrorPage, SectionLoading } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatNumber } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useDashboard, useIndicatorDefinitions } from '../api/get-dashboard';
import { DashChart } from './dash-chart';

type Card = Dashboard['cards'][number];
type Opened = { drill: Drill; title: ReactNode; subtitle?: ReactNode };

const FIRST_YEAR = 2020;
const LIGHT_COLOR: Record<string, string> = {
  red: '#ff4d4f',
  yellow: '#faad14',
  green: '#52c41a',
  none: '#bfbfbf',
};
const REFORM_COLOR: Record<string, string> = {
  not_started: '#bfbfbf',
  in_progress: '#1677ff',
  done_pending_verification: '#faad14',
  closed: '#52c41a',
  delayed: '#ff4d4f',
  adjusted: '#722ed1',
};

/** A figure in its display unit: amounts to one decimal (亿元, as official documents write them), counts whole. */
export function formatFigure(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  // 亿元 to one decimal and without thousands separators, as official documents write them (2300.0亿元).
  if (unit === '亿元' || unit === '万元') return value.toFixed(1);
  if (unit === '%' || unit === '天') return formatNumber(value, 1);
  return formatNumber(Math.round(value), 2);
}

function YoY({ yoy, better }: { yoy: number | null; better: 'higher' | 'lower' }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (yoy === null)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboard.yoy')} —
      </Typography.Text>
    );
  const good = yoy === 0 ? null : yoy > 0 === (better === 'higher');
  const color = good === null ? token.colorTextSecondary : good ? '#389e0d' : '#cf1322';
  const icon = yoy > 0 ? <ArrowUpOutlined /> : yoy < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  return (
    <span
      style={{ color, fontSize: 12, whiteSpace: 'nowrap' }}
      data-testid="card-yoy"
      data-good={String(good)}
    >
      {t('dashboard.yoy')} {icon} {yoy > 0 ? '+' : ''}
      {formatNumber(yoy, 1)}%
    </span>
  );
}

function HeadlineCard({
  card,
  def,
  onOpen,
}: {
  card: Card;
  def: IndicatorDefinition | undefined;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const lang = i18n.language;
  const unit = def ? pickLabel(def.unitLabel, lang) : card.unit;
  return (
    <Card
      hoverable
      size="small"
      onClick={onOpen}
      data-testid="headline-card"
      data-code={card.code}
      style={{ height: '100%' }}
      styles={{ body: { padding: '12px 14px' } }}
      role="button"
      aria-label={t('dashboard.openRecords', { name: pickLabel(card.label, lang) })}
    >
      <Typography.Paragraph
        type="secondary"
        ellipsis={{ rows: 2, tooltip: def ? pickLabel(def.definition, lang) : undefined }}
        style={{ fontSize: 12, minHeight: 38, marginBottom: 4 }}
      >
        {pickLabel(card.label, lang)}
      </Typography.Paragraph>
      <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        <span
          data-testid="card-value"
          style={{
            fontSize: 24,
            fontWeight: 600,
            color: token.colorPrimary,
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          {formatFigure(card.value, card.unit)}
        </span>
        <span style={{ fontSize: 13, marginInlineStart: 2 }}>{card.value === null ? '' : unit}</span>
      </div>
      <Flex justify="space-between" align="center" gap={4} wrap>
        <YoY yoy={card.yoy} better={def?.direction ?? 'higher'} />
        {card.locked ? <LockOutlined style={{ color: token.colorTextTertiary }} /> : null}
      </Flex>
      {card.target ? (
        <Progress
          percent={Math.min(100, card.target.progress ?? 0)}
          size="small"
          format={() => t('dashboard.ofTarget', { p: formatNumber(card.target!.progress, 1) })}
          status={card.target.met ? 'success' : 'normal'}
          style={{ margin: '4px 0 0' }}
        />
      ) : null}
    </Card>
  );
}

function ChartCard({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      style={{ height: '100%' }}
      styles={{ body: { padding: 8 } }}
    >
      {children}
    </Card>
  );
}

/**
 * 驾驶舱: the year's headline figures with 同比, the project stage funnel, investment by district, the monthly trend
 * against 时序进度, lights, overdue problems, enterprises by tier and reform tasks by status. Every figure opens the
 * records behind it. Works on a phone: cards stack two by two, charts resize.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(search.get('year'));
  const chosenYear =
    Number.isInteger(yearParam) && yearParam >= FIRST_YEAR && yearParam <= thisYear ? yearParam : undefined;
  const region = search.get('region') ?? undefined;
  // without a chosen year the server opens on the year of the latest monthly report
  const dash = useDashboard({ year: chosenYear, region });
  const year = chosenYear ?? dash.data?.year ?? thisYear;
  const defs = useIndicatorDefinitions();
  const [opened, setOpened] = useState<Opened | null>(null);
  const chartHeight = isMobile ? 260 : 320;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  const defOf = useCallback((code: string) => defs.data?.find((d) => d.code === code), [defs.data]);
  const d = dash.data;
  const scopeText = d ? `${d.regionName ?? d.regionCode ?? ''} · ${d.year}` : '';

  const open = (drill: Drill, title: ReactNode, subtitle?: ReactNode) =>
    setOpened({ drill, title, subtitle });

  const funnelOption = useMemo<EChartsCoreOption>(() => {
    const f = d?.funnel ?? [];
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; data: { current: number; reached: number } }) =>
          `${p.name}<br/>${t('dashboard.funnelNow', { count: p.data.current })}<br/>${t('dashboard.funnelReached', { count: p.data.reached })}`,
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          top: 8,
          bottom: 8,
          left: '8%',
          width: '84%',
          minSize: '18%',
          gap: 1,
          label: { show: true, position: 'inside', formatter: '{b}  {c}', fontSize: isMobile ? 10 : 12 },
          data: f.map((x) => ({
            name: stageLabel(x.stage, lang),
            value: x.reached,
            current: x.value ?? 0,
            reached: x.reached,
          })),
        },
      ],
    };
  }, [d, lang, isMobile, t]);

  const regionOption = useMemo<EChartsCoreOption>(() => {
    const rows = [...(d?.investmentByRegion ?? [])].reverse();
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: Array<{ dataIndex: number }>) => {
          const r = rows[ps[0]?.dataIndex ?? 0];
          if (!r) return '';
          return `${r.name}<br/>${t('dashboard.completed')}${t('drill.colon')}${formatFigure(r.completed, '亿元')}${t('money.yi')}<br/>${t('dashboard.plan')}${t('drill.colon')}${formatFigure(r.plan, '亿元')}${t('money.yi')}<br/>${t('dashboard.completionRate')}${t('drill.colon')}${formatNumber(r.value, 1)}%`;
        },
      },
      legend: { top: 0, data: [t('dashboard.completed'), t('dashboard.plan')] },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: isMobile ? 10 : 12 } },
      series: [
        {
          name: t('dashboard.completed'),
          type: 'bar',
          data: rows.map((r) => r.completed),
          itemStyle: { color: '#1677ff' },
          label: {
            show: true,
            position: 'right',
            fontSize: 10,
            formatter: (p: { dataIndex: number }) => `${formatNumber(rows[p.dataIndex]?.value ?? null, 1)}%`,
          },
        },
        {
          name: t('dashboard.plan'),
          type: 'bar',
          data: rows.map((r) => r.plan),
          itemStyle: { color: '#d6e4ff' },
        },
      ],
    };
  }, [d, isMobile, t]);

  const trendOption = useMemo<EChartsCoreOption>(() => {
    const pts = d?.trend.points ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.actual'), t('dashboard.targetLine')] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: pts.map((p) => t('dashboard.monthN', { n: Number(p.month.slice(5)) })),
        axisLabel: { fontSize: 10 },
      },
      yAxis: { type: 'value', name: t('money.yi'), axisLabel: { fontSize: 10 } },
      series: [
        {
          name: t('dashboard.actual'),
          type: 'line',
          data: pts.map((p) => p.actual),
          symbolSize: 8,
          itemStyle: { color: '#1677ff' },
          areaStyle: { opacity: 0.08 },
        },
        {
          name: t('dashboard.targetLine'),
          type: 'line',
          data: pts.map((p) => p.target),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#fa8c16' },
          symbolSize: 6,
        },
      ],
    };
  }, [d, t]);

  const lightLabel = useCallback(
    (key: string, name: string) =>
      key in LIGHT_COLOR_LABELS
        ? pickLabel(LIGHT_COLOR_LABELS[key as LightColor], lang)
        : key === 'none'
          ? t('lights.none')
          : name,
    [t, lang],
  );
  const lightsOption = useMemo<EChartsCoreOption>(() => {
    const rows = d?.lights ?? [];
    return {
      tooltip: { trigger: 'item', formatter: `{b}${t('drill.colon')}{c} ({d}%)` },
      legend: { bottom: 0, icon: 'circle' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}', fontSize: 11 },
          data: rows.map((r) => ({
            name: lightLabel(r.key, r.name),
            value: r.value ?? 0,
            itemStyle: { color: LIGHT_COLOR[r.key] ?? '#8c8c8c' },
          })),
        },
      ],
    };
  }, [d, lightLabel, t]);

  const tierName = useCallback(
    (key: string, name: string) =>
      key in QUALIFICATION_TYPE_LABELS
        ? pickLabel(QUALIFICATION_TYPE_LABELS[key as QualificationType], lang)
        : name,
    [lang],
  );
  const tiersOption = useMemo<EChartsCoreOption>(() => {
    const rows = [...(d?.enterprisesByTier ?? [])].reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => tierName(r.key, r.name)),
        axisLabel: isMobile ? { fontSize: 10, width: 96, overflow: 'truncate' } : { fontSize: 12 },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => r.value),
          itemStyle: { color: '#13c2c2' },
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    };
  }, [d, tierName, isMobile]);

  const statusName = useCallback(
    (key: string, name: string) =>
      key in REFORM_STATUS_LABELS ? pickLabel(REFORM_STATUS_LABELS[key as ReformStatus], lang) : name,
    [lang],
  );
  const reformOption = useMemo<EChartsCoreOption>(() => {
    const rows = d?.reformByStatus ?? [];
    return {
      tooltip: { trigger: 'item', formatter: `{b}${t('drill.colon')}{c} ({d}%)` },
      legend: { bottom: 0, icon: 'circle', textStyle: { fontSize: 11 } },
      series: [
        {
          type: 'pie',
          radius: ['40%', '65%'],
          center: ['50%', '42%'],
          label: { formatter: '{b}\n{c}', fontSize: 11 },
          data: rows.map((r) => ({
            name: statusName(r.key, r.name),
            value: r.value ?? 0,
            itemStyle: { color: REFORM_COLOR[r.key] ?? '#8c8c8c' },
          })),
        },
      ],
    };
  }, [d, statusName, t]);

  if (dash.isLoading) return <SectionLoading />;
  if (dash.isError && !d) return <LoadErrorPage error={dash.error} onRetry={() => void dash.refetch()} />;
  const data = d!;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);

  return (
    <Page
      title={t('dashboard.title')}
      extra={
        <Flex gap={8} wrap style={{ width: isMobile ? '100%' : undefined }}>
          <Select
            value={year}
            onChange={(y: number) => set({ year: String(y) })}
            options={years.map((y) => ({ value: y, label: t('dashboard.yearN', { year: y }) }))}
            style={{ width: 110 }}
            data-testid="dashboard-year"
            aria-label={t('dashboard.year')}
          />
          <div style={{ width: isMobile ? 'calc(100% - 118px)' : 220 }} data-testid="dashboard-region">
            <RegionSelect
              value={region}
              onChange={(v) => set({ region: v })}
              initialLabel={data.regionCode === region ? data.regionName : undefined}
              placeholder={t('dashboard.allRegions')}
            />
          </div>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('dashboard.asOf', { scope: scopeText, date: data.asOf })}
        {dash.isFetching ? ` · ${t('common.loading')}` : ''}
      </Typography.Paragraph>

      <Row gutter={[12, 12]} data-testid="headline-cards">
        {data.cards.map((c) => (
          <Col key={c.code} xs={12} sm={12} md={8} lg={6} xxl={4}>
            <HeadlineCard
              card={c}
              def={defOf(c.code)}
              onOpen={() =>
                open(
                  c.drill,
                  pickLabel(c.label, lang),
                  `${scopeText} · ${formatFigure(c.value, c.unit)}${c.value === null ? '' : c.unit}`,
                )
              }
            />
          </Col>
        ))}
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <ChartCard title={t('dashboard.funnel')}>
            <DashChart
              data-testid="chart-funnel"
              option={funnelOption}
              height={isMobile ? 340 : 360}
              onClick={(p) => {
                const x = data.funnel[p.dataIndex];
                if (x) open(x.drill, `${t('dashboard.funnel')} · ${stageLabel(x.stage, lang)}`);
              }}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dashboard.byRegion')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('money.yi')}
              </Typography.Text>
            }
          >
            {data.investmentByRegion.length ? (
              <DashChart
                data-testid="chart-regions"
                option={regionOption}
                height={isMobile ? 340 : 360}
                onClick={(p) => {
                  const rows = [...data.investmentByRegion].reverse();
                  const x = rows[p.dataIndex];
                  if (x) open(x.drill, `${t('dashboard.byRegion')} · ${x.name}`);
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} lg={16}>
          <ChartCard
            title={t('dashboard.trend')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dashboard.annualPlan', { value: formatFigure(data.trend.plan, '亿元') })}
              </Typography.Text>
            }
          >
            <DashChart
              data-testid="chart-trend"
              option={trendOption}
              height={chartHeight}
              onClick={(p) => {
                const x = data.trend.points[p.dataIndex];
                if (x) open(x.drill, `${t('dashboard.trend')} · ${x.month}`);
              }}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('dashboard.lights')}>
            <DashChart
              data-testid="chart-lights"
              option={lightsOption}
              height={chartHeight}
              onClick={(p) => {
                const x = data.lights[p.dataIndex];
                if (x) open(x.drill, `${t('dashboard.lights')} · ${lightLabel(x.key, x.name)}`);
              }}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard
            title={
              <Flex gap={8} align="center">
                {t('dashboard.overdueProblems')}
                <Badge
                  count={data.overdueProblems.count}
                  showZero
                  color={data.overdueProblems.count ? '#ff4d4f' : '#52c41a'}
                />
              </Flex>
            }
            extra={
              <Typography.Link
                onClick={() => open(data.overdueProblems.drill, t('dashboard.overdueProblems'))}
                data-testid="overdue-all"
              >
                {t('dashboard.all', { count: data.overdueProblems.count })}
              </Typography.Link>
            }
          >
            <List
              size="small"
              dataSource={data.overdueProblems.top}
              locale={{ emptyText: t('dashboard.noOverdue') }}
              style={{ maxHeight: chartHeight, overflow: 'auto' }}
              renderItem={(p) => (
                <List.Item style={{ display: 'block' }}>
                  <Link to={webRouteOf(p.link)}>{p.title}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.ownerUnitName ?? '—'} · {p.dueOn}
                    </Typography.Text>{' '}
                    <Tag color="error" style={{ marginInlineStart: 4 }}>
                      {t('dashboard.daysOverdue', { count: p.daysOverdue })}
                    </Tag>
                  </div>
                </List.Item>
              )}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('dashboard.enterprises', { year: data.year })}>
            <DashChart
              data-testid="chart-tiers"
              option={tiersOption}
              height={chartHeight}
              onClick={(p) => {
                const rows = [...data.enterprisesByTier].reverse();
                const x = rows[p.dataIndex];
                if (x)
                  open(
                    x.drill,
                    `${t('dashboard.enterprises', { year: data.year })} · ${tierName(x.key, x.name)}`,
                  );
              }}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title={t('dashboard.reform')}>
            {data.reformByStatus.every((x) => !x.value) ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('dashboard.noReformTasks', { year: data.year })}
              />
            ) : (
              <DashChart
                data-testid="chart-reform"
                option={reformOption}
                height={chartHeight}
                onClick={(p) => {
                  const x = data.reformByStatus[p.dataIndex];
                  if (x) open(x.drill, `${t('dashboard.reform')} · ${statusName(x.key, x.name)}`);
                }}
              />
            )}
          </ChartCard>
        </Col>
      </Row>
      <DrillDrawer
        drill={opened?.drill ?? null}
        title={opened?.title}
        subtitle={opened?.subtitle}
        onClose={() => setOpened(null)}
      />
    </Page>
  );
}
