import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  QUALIFICATION_LEVELS,
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_STATUSES,
  QUALIFICATION_STATUS_LABELS,
  QUALIFICATION_TYPES,
  QUALIFICATION_TYPE_LABELS,
  type Qualification,
  type QualificationLevel,
  type QualificationStatus,
  type QualificationType,
} from '@contracts/schemas/enterprises';
import { AttachmentPanel, type DocTypeLabels } from '@/components/attachment-panel';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import {
  useCreateQualification,
  useDeleteQualification,
  useUpdateQualification,
} from '../api/save-enterprise';
import { QualificationStatusTag, QualificationTag } from './enterprise-tags';

/** Evidence kinds the server accepts on a qualification (enterprise_qualification). */
export const QUALIFICATION_DOC_TYPES: DocTypeLabels = {
  certificate: { zh: '证书', en: 'Certificate' },
  recognition_notice: { zh: '认定文件/公示名单', en: 'Recognition notice or published list' },
  application: { zh: '申报材料', en: 'Application' },
  other: { zh: '其他', en: 'Other' },
};

type QForm = {
  type: QualificationType;
  level: QualificationLevel;
  issuer?: string;
  batch?: string;
  certNo?: string;
  grantedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  status?: QualificationStatus;
  isNew?: boolean | null;
  note?: string;
};

const d = (s: string | null) => (s ? dayjs(s) : null);
const ds = (x: Dayjs | null | undefined) => (x ? x.format('YYYY-MM-DD') : null);
const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 资质: every recognition as its own record with level, validity and status (as of today); evidence attached. */
export function QualificationsTab({
  enterpriseId,
  rows,
  loading,
  canManage,
}: {
  enterpriseId: string;
  rows: Qualification[];
  loading: boolean;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const create = useCreateQualification();
  const update = useUpdateQualification();
  const remove = useDeleteQualification();
  const [editing, setEditing] = useState<Qualification | 'new' | null>(null);
  const [evidence, setEvidence] = useState<Qualification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<QForm>();

  const open = (q: Qualification | 'new') => {
    setError(null);
    form.resetFields();
    if (q === 'new') form.setFieldsValue({ type: 'hitech', level: 'national', isNew: null });
    else
      form.setFieldsValue({
        type: q.type,
        level: q.level,
        issuer: q.issuer ?? undefined,
        batch: q.batch ?? undefined,
        certNo: q.certNo ?? undefined,
        grantedOn: d(q.grantedOn),
        validFrom: d(q.validFrom),
        validTo: d(q.validTo),
        status: q.recordedStatus,
        isNew: q.isNewManual ? q.isNew : null,
        note: q.note ?? undefined,
      });
    setEditing(q);
  };

  const submit = (v: QForm) => {
    const body = {
      type: v.type,
      level: v.level,
      issuer: v.issuer?.trim() || null,
      batch: v.batch?.trim() || null,
      certNo: v.certNo?.trim() || null,
      grantedOn: ds(v.grantedOn),
      validFrom: ds(v.validFrom),
      validTo: ds(v.validTo),
      status: v.status,
      isNew: v.isNew ?? null,
      note: v.note?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        setEditing(null);
        void message.success(t('common.saved'));
      },
      onError: (e: unknown) => setError(errorText(e)),
    };
    if (editing === 'new') create.mutate({ enterpriseId, input: body }, done);
    else if (editing) update.mutate({ id: editing.id, input: { ...body, version: editing.version } }, done);
  };

  const columns: ColumnsType<Qualification> = [
    {
      title: t('enterprises.tier'),
      key: 'type',
      render: (_, q) => <QualificationTag type={q.type} level={q.level} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: QualificationStatus) => <QualificationStatusTag status={s} />,
    },
    {
      title: t('enterprises.validity'),
      key: 'valid',
      render: (_, q) => {
        const soon =
          q.status === 'active' && q.validTo && dayjs(q.validTo).diff(dayjs(), 'month', true) <= 12;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {formatDate(q.validFrom)} —{' '}
            <Typography.Text type={soon ? 'warning' : undefined}>{formatDate(q.validTo)}</Typography.Text>
            {soon ? (
              <Tag color="warning" style={{ marginInlineStart: 4 }}>
                {t('enterprises.expiringSoon')}
              </Tag>
            ) : null}
          </span>
        );
      },
    },
    { title: t('enterprises.grantedOn'), dataIndex: 'grantedOn', render: formatDate },
    { title: t('enterprises.certNo'), dataIndex: 'certNo', render: (v: string | null) => v ?? '—' },
    {
      title: t('enterprises.issuerBatch'),
      key: 'issuer',
      render: (_, q) => (
        <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 220 }}>
          {[q.issuer, q.batch].filter(Boolean).join(' · ') || '—'}
        </span>
      ),
    },
    {
      title: t('enterprises.isNew'),
      dataIndex: 'isNew',
      render: (v: boolean, q) =>
        v ? (
          <Tag color="green">{q.isNewManual ? t('enterprises.newManual') : t('enterprises.newDerived')}</Tag>
        ) : (
          <Tag>{t('enterprises.renewal')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, q) => (
        <Flex gap={4}>
          <Button size="small" icon={<PaperClipOutlined />} onClick={() => setEvidence(q)}>
            {q.evidenceCount}
          </Button>
          {q.abilities.update ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              onClick={() => open(q)}
            />
          ) : null}
          {q.abilities.delete ? (
            <Popconfirm
              title={t('enterprises.deleteQualification')}
              onConfirm={() => remove.mutate(q.id, { onError: (e) => void message.error(errorText(e)) })}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  const half = isMobile ? 24 : 12;
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="qualification-add">
            {t('enterprises.addQualification')}
          </Button>
        </div>
      ) : null}
      <Table<Qualification>
        data-testid="qualifications-table"
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('enterprises.addQualification') : t('enterprises.editQualification')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        width={isMobile ? '100%' : 720}
        destroyOnHidden
        forceRender
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form<QForm> form={form} layout="vertical" onFinish={submit}>
          <Row gutter={12}>
            <Col span={half}>
              <Form.Item name="type" label={t('enterprises.tier')} rules={[{ required: true }]}>
                <Select
                  options={QUALIFICATION_TYPES.map((x) => ({
                    value: x,
                    label: pickLabel(QUALIFICATION_TYPE_LABELS[x], lang),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="level" label={t('enterprises.level')} rules={[{ required: true }]}>
                <Select
                  options={QUALIFICATION_LEVELS.map((x) => ({
                    value: x,
                    label: pickLabel(QUALIFICATION_LEVEL_LABELS[x], lang),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="issuer" label={t('enterprises.issuer')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="batch" label={t('enterprises.batch')}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="certNo" label={t('enterprises.certNo')}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="grantedOn" label={t('enterprises.grantedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item
                name="validFrom"
                label={t('enterprises.validFrom')}
                extra={t('enterprises.validFromHelp')}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item
                name="validTo"
                label={t('enterprises.validToField')}
                extra={t('enterprises.validToHelp')}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="status" label={t('common.status')}>
                <Select
                  allowClear
                  options={QUALIFICATION_STATUSES.map((x) => ({
                    value: x,
                    label: pickLabel(QUALIFICATION_STATUS_LABELS[x], lang),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item label={t('enterprises.isNew')} extra={t('enterprises.isNewHelp')}>
                <Flex gap={8} align="center">
                  <Form.Item name="isNew" noStyle>
                    <Select
                      style={{ width: '100%' }}
                      options={[
                        { value: null, label: t('enterprises.isNewAuto') },
                        { value: true, label: t('enterprises.newManual') },
                        { value: false, label: t('enterprises.renewal') },
                      ]}
                    />
                  </Form.Item>
                </Flex>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label={t('enterprises.note')}>
                <Input.TextArea autoSize maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
      <Modal
        open={evidence !== null}
        title={t('enterprises.qualificationEvidence')}
        footer={null}
        onCancel={() => setEvidence(null)}
        width={760}
        destroyOnHidden
      >
        {evidence ? (
          <AttachmentPanel
            entity="enterprise_qualification"
            entityId={evidence.id}
            docTypes={QUALIFICATION_DOC_TYPES}
            canUpload={Boolean(evidence.abilities.attachEvidence ?? evidence.abilities.update)}
          />
        ) : null}
      </Modal>
    </Flex>
  );
}
