import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  LIGHT_COLORS,
  LIGHT_COLOR_LABELS,
  type FiredRule,
  type LightHistoryEntry,
  type LightOverride,
} from '@contracts/schemas/lights';
import { PROJECT_DOC_TYPES, type ProjectDetail } from '@contracts/schemas/projects';
import { AttachmentPicker } from '@/components/attachment-panel';
import { LightTag } from '@/components/light-tag';
import { LoadErrorPage, SectionLoading } from '@/components/status-pages';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import {
  useDecideLightOverride,
  useProjectLights,
  useRecomputeLights,
  useRequestLightOverride,
} from '../api/get-lights';
import { figureLabel, useFigureText } from './light-explain';

type OverrideForm = {
  color: (typeof LIGHT_COLORS)[number];
  reason: string;
  until?: Dayjs | null;
  attachmentIds: string[];
};

const OVERRIDE_STATUS_COLOR: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  revoked: 'default',
  expired: 'default',
};

function FiredRules({ fired }: { fired: FiredRule[] }) {
  const { t, i18n } = useTranslation();
  const figure = useFigureText();
  if (!fired.length) return <Typography.Text type="secondary">{t('lights.noRuleFired')}</Typography.Text>;
  return (
    <Flex vertical gap={12}>
      {fired.map((f) => (
        <Card
          key={f.ruleId}
          size="small"
          data-testid="fired-rule"
          title={
            <Space wrap>
              <LightTag light={f.color} />
              <span style={{ whiteSpace: 'normal' }}>{pickLabel(f.label, i18n.language)}</span>
            </Space>
          }
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {pickLabel(f.message, i18n.language)}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={Object.entries(f.figures).map(([k, v]) => ({
              key: k,
              label: figureLabel(k),
              children: figure(k, v),
            }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {translateOr(`lights.kinds.${f.kind}`, f.kind)}
          </Typography.Text>
        </Card>
      ))}
    </Flex>
  );
}

/**
 * 亮灯: the light and why (each fired rule with the figures it was evaluated on), since when and under which
 * rule set; 正当理由 requests and their approval; the history of the light.
 */
export function ProjectLights({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const lights = useProjectLights(project.id);
  const request = useRequestLightOverride();
  const decide = useDecideLightOverride();
  const recompute = useRecomputeLights();
  const canApprove = usePermission('light:override');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<OverrideForm>();

  if (lights.isLoading) return <SectionLoading />;
  if (lights.isError || !lights.data)
    return <LoadErrorPage error={lights.error} onRetry={() => void lights.refetch()} />;
  const l = lights.data;
  const canRequest = l.abilities.requestOverride ?? project.abilities.update ?? false;

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await request.mutateAsync({
        id: project.id,
        input: {
          color: v.color,
          reason: v.reason.trim(),
          until: v.until ? v.until.format('YYYY-MM-DD') : null,
          attachmentIds: v.attachmentIds ?? [],
        },
      });
      void message.success(t('lights.overrideRequested'));
      setOpen(false);
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const overrideColumns: ColumnsType<LightOverride> = [
    { title: t('lights.requestedAt'), dataIndex: 'requestedAt', render: formatDateTime },
    {
      title: t('lights.color'),
      dataIndex: 'color',
      render: (c: LightOverride['color']) => <LightTag light={c} />,
    },
    {
      title: t('lights.reason'),
      dataIndex: 'reason',
      render: (r: string) => (
        <span style={{ display: 'inline-block', minWidth: 160, whiteSpace: 'normal' }}>{r}</span>
      ),
    },
    { title: t('lights.requestedBy'), dataIndex: 'requestedByName', render: (v: string | null) => v ?? '—' },
    { title: t('lights.until'), dataIndex: 'until', render: formatDate },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string, o) => (
        <span>
          <Tag color={OVERRIDE_STATUS_COLOR[s] ?? 'default'}>
            {translateOr(`lights.overrideStatus.${s}`, s)}
          </Tag>
          {o.decidedByName ? <Typography.Text type="secondary">{o.decidedByName}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) =>
        o.status === 'pending' && (o.abilities.approve ?? canApprove) ? (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() =>
                decide.mutate(
                  { overrideId: o.id, decision: 'approve' },
                  { onSuccess: () => void message.success(t('lights.approved')) },
                )
              }
            >
              {t('lights.approve')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                decide.mutate(
                  { overrideId: o.id, decision: 'reject' },
                  { onSuccess: () => void message.success(t('lights.rejected')) },
                )
              }
            >
              {t('lights.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  const historyColumns: ColumnsType<LightHistoryEntry> = [
    { title: t('lights.computedAt'), dataIndex: 'computedAt', render: formatDateTime },
    {
      title: t('lights.change'),
      key: 'change',
      render: (_, h) => (
        <Space size={4}>
          <LightTag light={h.previousColor} />→<LightTag light={h.color} />
        </Space>
      ),
    },
    { title: t('lights.asOfMonth'), dataIndex: 'asOfMonth', render: (v: string | null) => v ?? '—' },
    {
      title: t('lights.historyReason'),
      dataIndex: 'reason',
      render: (r: string) => translateOr(`lights.historyReasons.${r}`, r),
    },
    {
      title: t('lights.firedRules'),
      dataIndex: 'fired',
      render: (f: FiredRule[]) => (
        <span style={{ display: 'inline-block', minWidth: 200, maxWidth: 420, whiteSpace: 'normal' }}>
          {f.length ? f.map((x) => pickLabel(x.message, lang)).join('；') : '—'}
        </span>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={16} wrap align="center" justify="space-between">
          <Space wrap size={12}>
            <LightTag light={l.light} />
            {l.lightSince ? (
              <Typography.Text>{t('lights.since', { date: formatDate(l.lightSince) })}</Typography.Text>
            ) : null}
            {l.ruleSet ? (
              <Typography.Text type="secondary">
                {t('lights.ruleSet')}：{l.ruleSet.name}
                {l.ruleSet.docNo ? `（${l.ruleSet.docNo}）` : ''} v{l.ruleSet.version}
              </Typography.Text>
            ) : null}
            {l.current.asOfMonth ? (
              <Typography.Text type="secondary">
                {t('lights.asOf', { month: l.current.asOfMonth })}
              </Typography.Text>
            ) : null}
          </Space>
          <Space wrap>
            {l.abilities.recompute ? (
              <Button
                loading={recompute.isPending}
                data-testid="lights-recompute"
                onClick={() =>
                  recompute.mutate(undefined, {
                    onSuccess: (r) => void message.success(t('lights.recomputed', { changed: r.changed })),
                  })
                }
              >
                {t('lights.recompute')}
              </Button>
            ) : null}
            {canRequest ? (
              <Button
                onClick={() => {
                  setError(null);
                  form.resetFields();
                  setOpen(true);
                }}
              >
                {t('lights.requestOverride')}
              </Button>
            ) : null}
          </Space>
        </Flex>
        {l.stale ? (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('lights.stale')} />
        ) : null}
        {l.override ? (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message={t('lights.overridden', { reason: l.override.reason })}
          />
        ) : null}
        {!l.current.assessed ? (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message={
              l.current.notAssessedReason
                ? translateOr(
                    `lights.notAssessedReasons.${l.current.notAssessedReason}`,
                    l.current.notAssessedReason,
                  )
                : t('lights.notAssessed')
            }
          />
        ) : null}
      </Card>
      <Card size="small" title={t('lights.firedRules')}>
        <FiredRules fired={l.current.fired} />
      </Card>
      {l.overrides.length ? (
        <Card size="small" title={t('lights.overrides')}>
          <Table<LightOverride>
            rowKey="id"
            size="small"
            columns={overrideColumns}
            dataSource={l.overrides}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      ) : null}
      <Card size="small" title={t('lights.history')}>
        <Table<LightHistoryEntry>
          data-testid="light-history"
          rowKey="id"
          size="small"
          columns={historyColumns}
          dataSource={l.history}
          pagination={l.history.length > 10 ? { pageSize: 10, size: 'small' } : false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Modal
        open={open}
        title={t('lights.requestOverride')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ loading: request.isPending }}
        width={620}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('lights.overrideHelp')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form<OverrideForm>
          form={form}
          layout="vertical"
          initialValues={{ color: 'green', attachmentIds: [] }}
        >
          <Form.Item name="color" label={t('lights.color')} rules={[{ required: true }]}>
            <Select
              options={LIGHT_COLORS.map((c) => ({ value: c, label: pickLabel(LIGHT_COLOR_LABELS[c], lang) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('lights.reason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('lights.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="until" label={t('lights.until')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="attachmentIds" label={t('lights.evidence')}>
            <AttachmentPicker
              entity="project"
              entityId={project.id}
              docTypes={PROJECT_DOC_TYPES}
              wanted={[]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
