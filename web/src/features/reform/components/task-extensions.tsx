import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, List, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  EXTENSION_KIND_LABELS,
  type Extension,
  type Milestone,
  type ReformTask,
} from '@contracts/schemas/reform';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useDecideExtension, useExtensions, useRequestExtension } from '../api/extensions';
import { ExtensionStatusTag } from './reform-tags';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

type RequestForm = {
  kind: 'extension' | 'adjustment';
  milestoneId?: string | null;
  requestedDueOn?: Dayjs | null;
  reason: string;
  change?: string;
};

/** 申请延期/调整 of the task's deadline or of one milestone. */
export function ExtensionRequestModal({
  task,
  milestone,
  open,
  onClose,
}: {
  task: ReformTask;
  milestone?: Milestone;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const request = useRequestExtension();
  const [form] = Form.useForm<RequestForm>();
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (open)
      form.setFieldsValue({ kind: 'extension', milestoneId: milestone?.id ?? null, reason: '', change: '' });
  }, [open, form, milestone]);
  return (
    <Modal
      open={open}
      title={t('reform.requestExtension')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={request.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<RequestForm>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          request.mutate(
            {
              taskId: task.id,
              input: {
                kind: v.kind,
                milestoneId: v.milestoneId ?? null,
                requestedDueOn: v.requestedDueOn ? v.requestedDueOn.format('YYYY-MM-DD') : null,
                reason: v.reason.trim(),
                change: v.change?.trim() || null,
              },
            },
            {
              onSuccess: () => {
                onClose();
                void message.success(t('reform.extensionRequested'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item name="kind" label={t('reform.extensionKind')}>
          <Radio.Group
            optionType="button"
            options={(['extension', 'adjustment'] as const).map((k) => ({
              value: k,
              label: pickLabel(EXTENSION_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item name="milestoneId" label={t('reform.extensionOf')}>
          <Select
            options={[
              { value: null, label: t('reform.taskDeadline', { date: task.dueOn }) },
              ...task.milestones
                .filter((m) => m.status === 'pending')
                .map((m) => ({ value: m.id, label: `${m.seq}. ${m.title}（${m.dueOn}）` })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="requestedDueOn"
          label={t('reform.requestedDueOn')}
          rules={kind === 'extension' ? [{ required: true, message: t('reform.required') }] : []}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reform.reason')}
          rules={[{ required: true, min: 2, message: t('reform.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        {kind === 'adjustment' ? (
          <Form.Item name="change" label={t('reform.adjustmentChange')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 延期/调整: the task's requests and the reform office's decisions. */
export function TaskExtensions({ task }: { task: ReformTask }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const list = useExtensions({ taskId: task.id, pageSize: 100 });
  const decide = useDecideExtension();
  const [requesting, setRequesting] = useState(false);
  const [deciding, setDeciding] = useState<{ ext: Extension; decision: 'approve' | 'reject' } | null>(null);
  const [comment, setComment] = useState('');

  return (
    <Flex vertical gap={12}>
      {task.abilities.requestExtension ? (
        <div>
          <Button onClick={() => setRequesting(true)}>{t('reform.requestExtension')}</Button>
        </div>
      ) : null}
      <List<Extension>
        loading={list.isLoading}
        dataSource={list.data?.data ?? []}
        locale={{ emptyText: t('reform.noExtensions') }}
        renderItem={(e) => (
          <List.Item style={{ display: 'block' }} data-testid="extension">
            <Flex justify="space-between" gap={8} wrap>
              <div style={{ minWidth: 0, flex: '1 1 280px' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>
                    {pickLabel(EXTENSION_KIND_LABELS[e.kind], i18n.language)}
                  </Typography.Text>
                  <ExtensionStatusTag status={e.status} />
                  <Typography.Text type="secondary">
                    {e.milestoneTitle ?? t('reform.taskDeadlineShort')}
                    {t('drill.colon')}
                    {formatDate(e.currentDueOn)}
                    {e.requestedDueOn ? ` → ${formatDate(e.requestedDueOn)}` : ''}
                  </Typography.Text>
                </Flex>
                <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>
                {e.change ? (
                  <Typography.Text type="secondary">
                    {t('reform.adjustmentChange')}
                    {t('drill.colon')}
                    {e.change}
                  </Typography.Text>
                ) : null}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.requestedByName ?? '—'} · {formatDateTime(e.requestedAt)}
                    {e.decidedAt ? ` · ${t('reform.decidedAt')} ${formatDateTime(e.decidedAt)}` : ''}
                    {e.decisionComment ? ` · ${e.decisionComment}` : ''}
                  </Typography.Text>
                </div>
              </div>
              {e.abilities.decide ? (
                <Flex gap={8}>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setDeciding({ ext: e, decision: 'approve' })}
                  >
                    {t('reform.approve')}
                  </Button>
                  <Button danger size="small" onClick={() => setDeciding({ ext: e, decision: 'reject' })}>
                    {t('reform.reject')}
                  </Button>
                </Flex>
              ) : null}
            </Flex>
          </List.Item>
        )}
      />
      <ExtensionRequestModal task={task} open={requesting} onClose={() => setRequesting(false)} />
      <Modal
        open={deciding !== null}
        title={deciding?.decision === 'approve' ? t('reform.approve') : t('reform.reject')}
        onCancel={() => setDeciding(null)}
        confirmLoading={decide.isPending}
        onOk={() =>
          deciding &&
          decide.mutate(
            {
              id: deciding.ext.id,
              input: {
                decision: deciding.decision,
                comment: comment.trim() || null,
                version: deciding.ext.version,
              },
            },
            {
              onSuccess: () => {
                setDeciding(null);
                setComment('');
                void message.success(t('common.saved'));
              },
              onError: (err) => void message.error(errorText(err)),
            },
          )
        }
        destroyOnHidden
      >
        <Input.TextArea
          value={comment}
          onChange={(ev) => setComment(ev.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          placeholder={t('reform.comment')}
        />
      </Modal>
    </Flex>
  );
}
