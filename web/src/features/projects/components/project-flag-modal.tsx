import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@contracts/schemas/projects';
import { isApiError } from '@/lib/api-client';
import { useSetProjectFlag, type ProjectFlagAction } from '../api/set-project-flag';

type FlagForm = { reason: string; approver?: string; on: Dayjs };

/** 终止 / 暂缓 / 恢复: reason (required), approver as written on the approval, effective date. */
export function ProjectFlagModal({
  project,
  action,
  onClose,
}: {
  project: ProjectDetail;
  action: ProjectFlagAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FlagForm>();
  const flag = useSetProjectFlag();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setError(null);
    try {
      await flag.mutateAsync({
        id: project.id,
        action,
        input: {
          reason: v.reason.trim(),
          approver: v.approver?.trim() || null,
          on: v.on.format('YYYY-MM-DD'),
          version: project.version,
        },
      });
      void message.success(t('common.saved'));
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? t(`projects.flags.${action}`) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: flag.isPending, danger: action === 'terminate' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<FlagForm> form={form} layout="vertical" clearOnDestroy initialValues={{ on: dayjs() }}>
        <Form.Item
          name="reason"
          label={t('projects.flags.reason')}
          rules={[{ required: true, whitespace: true, message: t('projects.flags.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="approver"
          label={t('projects.flags.approver')}
          extra={t('projects.flags.approverHelp')}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="on" label={t('projects.flags.on')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
