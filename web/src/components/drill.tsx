import { useState, type ReactNode } from 'react';
import { ExportOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Flex, List, Pagination, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_STATUS_LABELS,
  QUALIFICATION_TYPE_LABELS,
  type Qualification,
} from '@contracts/schemas/enterprises';
import type { ProjectListItem } from '@contracts/schemas/projects';
import { REFORM_STATUS_LABELS, type ReformTask } from '@contracts/schemas/reform';
import type { Drill, IndicatorRecord } from '@contracts/schemas/results';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { API_BASE, api, isApiError, type Page } from '@/lib/api-client';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { StageTag } from './stage-tag';

/**
 * Drill-down: every figure the results layer shows carries a `drill` descriptor (an API list endpoint and its
 * filter); this drawer lists the records behind the figure, each opening in its own ledger, with a link to the
 * ledger's full filtered list where the web has one.
 */

export type { Drill };

/** A record link from the API (e.g. '/problems/ID') as a route of this web client. */
export function webRouteOf(link: string): string {
  const problem = /^\/problems\/([^/?#]+)$/.exec(link);
  if (problem) return `/problems?id=${encodeURIComponent(problem[1]!)}`;
  return link;
}

const qs = (query: Record<string, string>) => {
  const p = new URLSearchParams(query);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** The web list that shows the same records (with the same filter), when there is one. */
export function drillWebRoute(drill: Drill): string | null {
  const path = drill.endpoint.startsWith(API_BASE) ? drill.endpoint.slice(API_BASE.length) : drill.endpoint;
  if (path === '/projects') {
    const { stageFrom: _s, ...rest } = drill.query;
    return `/projects${qs(rest)}`;
  }
  if (path === '/reform/tasks') return `/reform/tasks${qs(drill.query)}`;
  if (path === '/problems') return `/problems${qs(drill.query)}`;
  if (path === '/enterprises') return `/enterprises${qs(drill.query)}`;
  if (path === '/enterprises/qualifications') return `/enterprises/qualifications${qs(drill.query)}`;
  return null;
}

type Row = { id: string; name: string; link: string; meta: string[]; tags: ReactNode[] };

type Loose = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

function useDetailText() {
  const { t, i18n } = useTranslation();
  return (key: string, v: string | number | boolean | null): string | null => {
    if (v === null || v === '') return null;
    const label = translateOr(`drill.detail.${key}`, key);
    let value: string;
    if (typeof v === 'boolean') value = v ? t('common.yes') : t('common.no');
    else if (typeof v === 'number' && /Yuan$/.test(key))
      value = formatMoney(v, { units: { wan: t('money.wan'), yi: t('money.yi') } });
    else if (typeof v === 'number' && key === 'usd')
      value = `${formatNumber(v / 10_000, 2)}${t('money.wanUsd')}`;
    else if (typeof v === 'number' && /Rate$/.test(key)) value = `${formatNumber(v, 1)}%`;
    else if (typeof v === 'number') value = formatNumber(v, 2);
    else if (key === 'type' && v in QUALIFICATION_TYPE_LABELS)
      value = pickLabel(
        QUALIFICATION_TYPE_LABELS[v as keyof typeof QUALIFICATION_TYPE_LABELS],
        i18n.language,
      );
    else if (key === 'level' && v in QUALIFICATION_LEVEL_LABELS)
      value = pickLabel(
        QUALIFICATION_LEVEL_LABELS[v as keyof typeof QUALIFICATION_LEVEL_LABELS],
        i18n.language,
      );
    else value = translateOr(`drill.value.${v}`, v);
    return `${label}${t('drill.colon')}${value}`;
  };
}

const HIDDEN_DETAIL = new Set(['qualificationId', 'taskId', 'predecessor']);

/** The records of a drill descriptor, fetched page by page. */
function useDrillRows(drill: Drill | null, page: number) {
  const path = drill
    ? drill.endpoint.startsWith(API_BASE)
      ? drill.endpoint.slice(API_BASE.length)
      : drill.endpoint
    : '';
  return useQuery({
    queryKey: ['drill', path, drill?.query, page],
    queryFn: ({ signal }) =>
      api.get<Page<Loose> & { value?: number | null }>(path, { ...drill!.query, page, pageSize: 20 }, signal),
    enabled: Boolean(drill),
    placeholderData: keepPreviousData,
  });
}

export function DrillDrawer({
  drill,
  title,
  subtitle,
  onClose,
}: {
  drill: Drill | null;
  title: ReactNode;
  subtitle?: ReactNode;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [last, setLast] = useState<Drill | null>(null);
  if (drill !== last) {
    setLast(drill);
    setPage(1);
  }
  const rows = useDrillRows(drill, page);
  const detailText = useDetailText();
  const money = (v: number | null | undefined) =>
    formatMoney(v, { units: { wan: t('money.wan'), yi: t('money.yi') } });

  const path = drill?.endpoint.replace(API_BASE, '') ?? '';
  const toRow = (x: Loose): Row => {
    if (/^\/indicators\/[^/]+\/records$/.test(path)) {
      const r = x as unknown as IndicatorRecord;
      return {
        id: r.id,
        name: r.name,
        link: webRouteOf(r.link),
        meta: [r.regionName ?? r.regionCode, r.unitName, r.date ? formatDate(r.date) : null].filter(
          (s): s is string => Boolean(s),
        ),
        tags: Object.entries(r.detail)
          .filter(([k, v]) => !HIDDEN_DETAIL.has(k) && !(k === 'terminated' && v === false))
          .map(([k, v]) => detailText(k, v))
          .filter((s): s is string => Boolean(s))
          .map((s) => <Tag key={s}>{s}</Tag>),
      };
    }
    if (path === '/projects') {
      const p = x as unknown as ProjectListItem;
      return {
        id: p.id,
        name: p.name,
        link: `/projects/${p.id}`,
        meta: [
          p.regionName ?? p.regionCode,
          p.responsibleUnitName,
          p.signedOn ? formatDate(p.signedOn) : null,
        ].filter((s): s is string => Boolean(s)),
        tags: [
          <StageTag key="s" stage={p.stage} terminated={p.terminated} suspended={p.suspended} />,
          ...(p.agreedInvestment !== null ? [<Tag key="m">{money(p.agreedInvestment)}</Tag>] : []),
        ],
      };
    }
    if (path === '/enterprises/qualifications') {
      const q = x as unknown as Qualification;
      return {
        id: q.id,
        name: q.enterpriseName,
        link: `/enterprises/${q.enterpriseId}`,
        meta: [q.creditCode, q.certNo, q.grantedOn ? formatDate(q.grantedOn) : null].filter(
          (s): s is string => Boolean(s),
        ),
        tags: [
          <Tag key="t" color="blue">
            {pickLabel(QUALIFICATION_TYPE_LABELS[q.type], lang)}
          </Tag>,
          <Tag key="l">{pickLabel(QUALIFICATION_LEVEL_LABELS[q.level], lang)}</Tag>,
          <Tag key="s">{pickLabel(QUALIFICATION_STATUS_LABELS[q.status], lang)}</Tag>,
        ],
      };
    }
    if (path === '/reform/tasks') {
      const r = x as unknown as ReformTask;
      return {
        id: r.id,
        name: r.title,
        link: `/reform/tasks/${r.id}`,
        meta: [r.code, r.leadUnit.name, formatDate(r.dueOn)].filter((s): s is string => Boolean(s)),
        tags: [<Tag key="s">{pickLabel(REFORM_STATUS_LABELS[r.status], lang)}</Tag>],
      };
    }
    if (path === '/problems') {
      const label = x.statusLabel as { zh: string; en: string } | undefined;
      return {
        id: String(x.id),
        name: str(x.title) ?? String(x.id),
        link: `/problems?id=${String(x.id)}`,
        meta: [str(x.ownerUnitName), str(x.dueOn) ? formatDate(str(x.dueOn)) : null].filter(
          (s): s is string => Boolean(s),
        ),
        tags: label ? [<Tag key="s">{pickLabel(label, lang)}</Tag>] : [],
      };
    }
    const id = String(x.id);
    return {
      id,
      name: str(x.name) ?? str(x.title) ?? id,
      link: str(x.link) ? webRouteOf(str(x.link)!) : '',
      meta: [],
      tags: [],
    };
  };

  const ledger = drill ? drillWebRoute(drill) : null;
  const data = rows.data?.data.map(toRow) ?? [];

  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      placement={isMobile ? 'bottom' : 'right'}
      height={isMobile ? '85vh' : undefined}
      width={isMobile ? undefined : 640}
      title={title}
      destroyOnHidden
      data-testid="drill-drawer"
      extra={
        ledger ? (
          <Button
            size="small"
            icon={<ExportOutlined />}
            onClick={() => {
              onClose();
              void navigate(ledger);
            }}
          >
            {t('drill.openLedger')}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        <Typography.Text data-testid="drill-total">
          {t('drill.records', { count: rows.data?.total ?? 0 })}
        </Typography.Text>
        {rows.isError ? (
          <Alert
            type="error"
            showIcon
            message={
              isApiError(rows.error) || rows.error instanceof Error ? rows.error.message : String(rows.error)
            }
          />
        ) : null}
        <List<Row>
          data-testid="drill-records"
          loading={rows.isFetching}
          dataSource={data}
          locale={{ emptyText: <Empty description={t('drill.none')} /> }}
          renderItem={(r) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="drill-record">
              {r.link ? (
                <Link to={r.link} onClick={onClose} style={{ fontWeight: 500 }}>
                  {r.name}
                </Link>
              ) : (
                <Typography.Text strong>{r.name}</Typography.Text>
              )}
              {r.meta.length ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.meta.join(' · ')}
                  </Typography.Text>
                </div>
              ) : null}
              {r.tags.length ? (
                <Flex gap={4} wrap style={{ marginTop: 4 }}>
                  {r.tags}
                </Flex>
              ) : null}
            </List.Item>
          )}
        />
        {(rows.data?.total ?? 0) > 20 ? (
          <Pagination
            size="small"
            current={page}
            pageSize={20}
            total={rows.data?.total ?? 0}
            onChange={setPage}
            showSizeChanger={false}
            style={{ alignSelf: 'center' }}
          />
        ) : null}
      </Flex>
    </Drawer>
  );
}
