import { useMemo, useState } from 'react';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Input, Select, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@contracts/schemas/attachments';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { downloadAttachment, formatBytes, useAttachments, useUploadAttachment } from '@/lib/attachments';
import { formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';

export type DocTypeLabels = Record<string, { zh: string; en: string }>;

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** Doc type select + optional note + file button; uploads as soon as a file is chosen. */
export function AttachmentUploader({
  entity,
  entityId,
  docTypes,
  allowed,
  onUploaded,
}: {
  entity: string;
  entityId: string;
  docTypes: DocTypeLabels;
  /** Doc types offered (default: all of docTypes). */
  allowed?: string[];
  onUploaded?: (a: Attachment) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const upload = useUploadAttachment();
  const keys = allowed ?? Object.keys(docTypes);
  const [docType, setDocType] = useState<string | undefined>(keys[0]);
  const [note, setNote] = useState('');
  return (
    <Flex gap={8} wrap align="center" data-testid="attachment-uploader">
      <Select
        value={docType}
        onChange={setDocType}
        options={keys.map((k) => ({
          value: k,
          label: docTypes[k] ? pickLabel(docTypes[k], i18n.language) : k,
        }))}
        placeholder={t('attachments.docType')}
        style={{ width: isMobile ? '100%' : 200 }}
        aria-label={t('attachments.docType')}
        data-testid="attachment-doctype"
      />
      <Input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('attachments.notePlaceholder')}
        maxLength={500}
        style={{ width: isMobile ? '100%' : 220 }}
      />
      <Upload
        showUploadList={false}
        multiple={false}
        beforeUpload={(file) => {
          if (!docType) {
            void message.warning(t('attachments.pickDocType'));
            return Upload.LIST_IGNORE;
          }
          upload.mutate(
            { entity, entityId, docType, note: note.trim() || undefined, file },
            {
              onSuccess: (a) => {
                setNote('');
                void message.success(t('attachments.uploaded', { name: a.name }));
                onUploaded?.(a);
              },
              onError: (e) => void message.error(errorText(e)),
            },
          );
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
          {t('attachments.upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('attachments.limits')}
      </Typography.Text>
    </Flex>
  );
}

/** The attachments of one record: doc type, name, size, uploader, time; download through the access check. */
export function AttachmentPanel({
  entity,
  entityId,
  docTypes,
  canUpload,
}: {
  entity: string;
  entityId: string;
  docTypes: DocTypeLabels;
  canUpload: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const list = useAttachments(entity, entityId);
  const [docFilter, setDocFilter] = useState<string | undefined>();
  const rows = useMemo(
    () => (list.data ?? []).filter((a) => !docFilter || a.docType === docFilter),
    [list.data, docFilter],
  );
  const columns: ColumnsType<Attachment> = [
    {
      title: t('attachments.docType'),
      dataIndex: 'docType',
      render: (d: string) => <Tag>{docTypes[d] ? pickLabel(docTypes[d], i18n.language) : d}</Tag>,
    },
    {
      title: t('attachments.name'),
      dataIndex: 'name',
      render: (v: string, a) => (
        <span style={{ wordBreak: 'break-all' }}>
          {v}
          {a.note ? <Typography.Text type="secondary"> · {a.note}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('attachments.size'), dataIndex: 'size', render: formatBytes, align: 'right' },
    { title: t('attachments.uploadedAt'), dataIndex: 'uploadedAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          onClick={() => void downloadAttachment(a).catch((e: unknown) => void message.error(errorText(e)))}
        >
          {t('attachments.download')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      {canUpload ? <AttachmentUploader entity={entity} entityId={entityId} docTypes={docTypes} /> : null}
      <Select
        allowClear
        value={docFilter}
        onChange={setDocFilter}
        placeholder={t('attachments.filterDocType')}
        options={Object.entries(docTypes).map(([k, v]) => ({ value: k, label: pickLabel(v, i18n.language) }))}
        style={{ width: 220, maxWidth: '100%' }}
      />
      <Table<Attachment>
        data-testid="attachments-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

/**
 * Picks evidence among a record's attachments (only those of the wanted doc types) or uploads a new one,
 * which is then selected. The value is the chosen attachment ids.
 */
export function AttachmentPicker({
  entity,
  entityId,
  docTypes,
  wanted,
  value,
  onChange,
}: {
  entity: string;
  entityId: string;
  docTypes: DocTypeLabels;
  /** Doc types offered; empty = all. */
  wanted: string[];
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useAttachments(entity, entityId);
  const selected = value ?? [];
  const offered = (list.data ?? []).filter((a) => !wanted.length || wanted.includes(a.docType));
  const toggle = (id: string, on: boolean) =>
    onChange?.(on ? [...new Set([...selected, id])] : selected.filter((x) => x !== id));
  return (
    <Flex vertical gap={8} data-testid="attachment-picker">
      {offered.length ? (
        offered.map((a) => (
          <div key={a.id} data-testid="evidence-option">
            <Checkbox checked={selected.includes(a.id)} onChange={(e) => toggle(a.id, e.target.checked)}>
              <Tag>{docTypes[a.docType] ? pickLabel(docTypes[a.docType]!, i18n.language) : a.docType}</Tag>
              <span style={{ wordBreak: 'break-all' }}>{a.name}</span>
            </Checkbox>
          </div>
        ))
      ) : (
        <Typography.Text type="secondary">{t('attachments.noneOfType')}</Typography.Text>
      )}
      <AttachmentUploader
        entity={entity}
        entityId={entityId}
        docTypes={docTypes}
        allowed={wanted.length ? wanted : undefined}
        onUploaded={(a) => onChange?.([...new Set([...selected, a.id])])}
      />
    </Flex>
  );
}
