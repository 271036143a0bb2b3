import { useState } from 'react';
import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  LockOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Popover,
  Row,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  BRIEFING_KIND_LABELS,
  type BriefingDetail,
  type BriefingFigure,
  type BriefingTable,
} from '@contracts/schemas/results';
import { LoadErrorPage, NotFoundPage, SectionLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import {
  downloadBriefing,
  useBriefing,
  useDeleteBriefing,
  useIssueBriefing,
  useUpdateBriefing,
} from '../api/briefings';
import { BriefingStatusTag } from './briefings-page';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 公文-style preview: 仿宋 body, 黑体 headings, the figures' appendix. */
const BODY_FONT = '"FangSong", "STFangsong", "仿宋", "仿宋_GB2312", "Songti SC", serif';
const TITLE_FONT = '"FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Songti SC", serif';
const HEADING_FONT = '"SimHei", "黑体", "Heiti SC", sans-serif';

function DocTable({ table }: { table: BriefingTable }) {
  return (
    <div style={{ margin: '12px 0' }}>
      <div style={{ textAlign: 'center', fontFamily: HEADING_FONT, marginBottom: 6 }}>{table.title}</div>
      <Table
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(_, i) => String(i)}
        dataSource={table.rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v])))}
        columns={table.columns.map((c, i) => ({
          title: c,
          dataIndex: String(i),
          align: i === 0 ? ('left' as const) : ('right' as const),
          render: (v: string | number | null) => (v === null ? '—' : v),
        }))}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {table.source}
      </Typography.Text>
    </div>
  );
}

function FigureRecords({ figure }: { figure: BriefingFigure }) {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 360, maxHeight: 300, overflow: 'auto' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('briefings.figureSource', {
          name: figure.name,
          period: figure.periodLabel,
          region: figure.regionName ?? '',
          count: figure.records.length,
        })}
      </Typography.Text>
      <ol style={{ paddingInlineStart: 20, margin: '6px 0 0' }}>
        {figure.records.slice(0, 50).map((r) => (
          <li key={r.id} style={{ fontSize: 12 }}>
            {r.name}
          </li>
        ))}
      </ol>
      {figure.records.length > 50 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('briefings.moreRecords', { count: figure.records.length - 50 })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function Preview({ b }: { b: BriefingDetail }) {
  const { t } = useTranslation();
  const c = b.content;
  const tableById = new Map(c.tables.map((x) => [x.id, x]));
  return (
    <div
      data-testid="briefing-preview"
      style={{
        fontFamily: BODY_FONT,
        fontSize: 16,
        lineHeight: 1.9,
        background: '#fff',
        maxWidth: 794,
        margin: '0 auto',
        padding: 'clamp(16px, 5vw, 56px)',
        boxShadow: '0 1px 6px rgba(0,0,0,0.12)',
      }}
    >
      {b.redHeader ? (
        <div
          style={{
            textAlign: 'center',
            color: '#c00',
            borderBottom: '2px solid #c00',
            paddingBottom: 8,
            marginBottom: 16,
          }}
        >
          <div style={{ fontFamily: TITLE_FONT, fontSize: 28, letterSpacing: 4 }}>{b.issuerName}</div>
          {b.docNo ? <div style={{ color: '#000', fontSize: 15 }}>{b.docNo}</div> : null}
        </div>
      ) : b.docNo ? (
        <div style={{ textAlign: 'center', fontSize: 15 }}>{b.docNo}</div>
      ) : null}
      <h2
        style={{
          fontFamily: TITLE_FONT,
          fontWeight: 'normal',
          fontSize: 22,
          textAlign: 'center',
          margin: '12px 0 20px',
        }}
      >
        {b.title}
      </h2>
      <p style={{ margin: 0 }}>{c.addressee}</p>
      {c.sections.map((s, i) => (
        <div key={i}>
          <p style={{ fontFamily: HEADING_FONT, textIndent: '2em', margin: '8px 0 0' }}>{s.heading}</p>
          {s.paragraphs.map((p, j) => (
            <p key={j} style={{ textIndent: '2em', margin: 0 }}>
              {p}
            </p>
          ))}
          {s.tables.map((id) => {
            const tb = tableById.get(id);
            return tb ? <DocTable key={id} table={tb} /> : null;
          })}
        </div>
      ))}
      <div style={{ textAlign: 'right', marginTop: 32 }}>
        <div>{b.issuerName}</div>
        <div>{c.dateText}</div>
      </div>
      <div style={{ marginTop: 32, fontSize: 14 }}>
        <div style={{ fontFamily: HEADING_FONT }}>{t('briefings.appendix')}</div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('briefings.appendixHelp')}
        </Typography.Paragraph>
        <Table<BriefingFigure>
          data-testid="briefing-figures"
          size="small"
          rowKey="ref"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={c.figures}
          columns={[
            { title: t('briefings.ref'), dataIndex: 'ref', width: 48 },
            {
              title: t('briefings.figureText'),
              dataIndex: 'text',
              render: (v: string) => <strong>{v}</strong>,
            },
            { title: t('briefings.indicator'), dataIndex: 'name' },
            { title: t('briefings.period'), dataIndex: 'periodLabel' },
            {
              title: t('briefings.records'),
              key: 'records',
              render: (_, f) =>
                f.records.length ? (
                  <Popover content={<FigureRecords figure={f} />} trigger="click" title={f.text}>
                    <Typography.Link>{t('briefings.recordsN', { count: f.records.length })}</Typography.Link>
                  </Popover>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </div>
    </div>
  );
}

type MetaForm = { title: string; docNo?: string; redHeader: boolean; issuerName: string; addressee?: string };

/** One briefing: preview in 公文 layout with its figures' appendix; refresh / edit / issue a draft; download. */
export function BriefingDetailPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const briefing = useBriefing(id);
  const update = useUpdateBriefing();
  const issue = useIssueBriefing();
  const remove = useDeleteBriefing();
  const [editing, setEditing] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [docNo, setDocNo] = useState('');
  const [form] = Form.useForm<MetaForm>();

  if (briefing.isLoading) return <SectionLoading />;
  if (briefing.isError) {
    if (isApiError(briefing.error) && briefing.error.status === 404) return <NotFoundPage />;
    return <LoadErrorPage error={briefing.error} onRetry={() => void briefing.refetch()} />;
  }
  const b = briefing.data!;
  const a = b.abilities;
  const draft = b.status === 'draft';
  const download = (f: 'docx' | 'xlsx') =>
    void downloadBriefing(b, f).catch((e: unknown) => void message.error(errorText(e)));

  return (
    <div style={{ minWidth: 0 }}>
      <Card style={{ marginBottom: 16 }}>
        <Link to={paths.briefings}>
          <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('briefings.backToList')}
          </Button>
        </Link>
        <Flex justify="space-between" gap={12} wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="briefing-title">
              {b.title}
            </Typography.Title>
            <Flex gap={8} wrap align="center">
              <BriefingStatusTag status={b.status} />
              <Typography.Text type="secondary">
                {pickLabel(BRIEFING_KIND_LABELS[b.kind], i18n.language)} · {b.period}
                {b.docNo ? ` · ${b.docNo}` : ''}
              </Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {b.issuedAt
                ? t('briefings.issuedBy', { name: b.issuedByName ?? '', date: formatDateTime(b.issuedAt) })
                : t('briefings.generatedAt', {
                    date: formatDateTime(b.content.generatedAt),
                    asOf: b.content.asOf,
                  })}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            {a.download !== false ? (
              <>
                <Button
                  icon={<FileWordOutlined />}
                  onClick={() => download('docx')}
                  data-testid="briefing-docx"
                >
                  {t('briefings.docx')}
                </Button>
                <Button
                  icon={<FileExcelOutlined />}
                  onClick={() => download('xlsx')}
                  data-testid="briefing-xlsx"
                >
                  {t('briefings.xlsx')}
                </Button>
              </>
            ) : null}
            {draft && a.update ? (
              <>
                <Button
                  icon={<ReloadOutlined />}
                  loading={update.isPending && !editing}
                  onClick={() =>
                    update.mutate(
                      { id: b.id, input: { refresh: true, version: b.version } },
                      {
                        onSuccess: () => void message.success(t('briefings.refreshed')),
                        onError: (e) => void message.error(errorText(e)),
                      },
                    )
                  }
                >
                  {t('briefings.refresh')}
                </Button>
                <Button
                  icon={<EditOutlined />}
                  onClick={() => {
                    form.setFieldsValue({
                      title: b.title,
                      docNo: b.docNo ?? undefined,
                      redHeader: b.redHeader,
                      issuerName: b.issuerName,
                      addressee: b.content.addressee,
                    });
                    setEditing(true);
                  }}
                >
                  {t('common.edit')}
                </Button>
              </>
            ) : null}
            {draft && a.delete ? (
              <Popconfirm
                title={t('briefings.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(b.id, {
                    onSuccess: () => void navigate(paths.briefings),
                    onError: (e) => void message.error(errorText(e)),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
            {draft && a.issue ? (
              <Button
                type="primary"
                icon={<SafetyCertificateOutlined />}
                onClick={() => {
                  setDocNo(b.docNo ?? '');
                  setIssuing(true);
                }}
                data-testid="briefing-issue"
              >
                {t('briefings.issue')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
        {!draft ? (
          <Alert
            type="success"
            showIcon
            icon={<LockOutlined />}
            style={{ marginTop: 12 }}
            message={t('briefings.immutable')}
            description={b.docxSha256 ? t('briefings.sha', { sha: b.docxSha256.slice(0, 16) }) : undefined}
            data-testid="briefing-immutable"
          />
        ) : hasLockedPeriods(b) ? (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            message={t('briefings.lockedPeriods', { periods: b.content.lockedPeriods.join('、') })}
          />
        ) : null}
      </Card>
      <Row>
        <Col span={24} style={{ overflowX: 'auto', padding: isMobile ? 0 : 8 }}>
          <Preview b={b} />
        </Col>
      </Row>
      <Modal
        open={editing}
        title={t('common.edit')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        confirmLoading={update.isPending}
        destroyOnHidden
        forceRender
      >
        <Form<MetaForm>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            update.mutate(
              {
                id: b.id,
                input: {
                  title: v.title.trim(),
                  docNo: v.docNo?.trim() || null,
                  redHeader: v.redHeader,
                  issuerName: v.issuerName.trim(),
                  addressee: v.addressee?.trim() ?? '',
                  version: b.version,
                },
              },
              {
                onSuccess: () => {
                  setEditing(false);
                  void message.success(t('common.saved'));
                },
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        >
          <Form.Item name="title" label={t('briefings.titleField')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="docNo" label={t('briefings.docNo')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="issuerName" label={t('briefings.issuerName')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="addressee" label={t('briefings.addressee')}>
            <Input.TextArea autoSize maxLength={300} />
          </Form.Item>
          <Form.Item name="redHeader" label={t('briefings.redHeader')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issuing}
        title={t('briefings.issue')}
        onCancel={() => setIssuing(false)}
        okText={t('briefings.issueOk')}
        confirmLoading={issue.isPending}
        okButtonProps={{ 'data-testid': 'briefing-issue-ok' } as Record<string, string>}
        onOk={() =>
          issue.mutate(
            { id: b.id, input: { docNo: docNo.trim() || undefined, version: b.version } },
            {
              onSuccess: () => {
                setIssuing(false);
                void message.success(t('briefings.issuedDone'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">{t('briefings.issueWarning')}</Typography.Paragraph>
        <Input
          value={docNo}
          onChange={(e) => setDocNo(e.target.value)}
          maxLength={100}
          placeholder={t('briefings.docNo')}
        />
      </Modal>
    </div>
  );
}

const hasLockedPeriods = (b: BriefingDetail) => b.content.lockedPeriods.length > 0;
