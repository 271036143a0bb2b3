import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { isApiError } from '@/lib/api-client';
import { useAddDecision } from '../api/save-meeting';

type DecisionForm = {
  title: string;
  description?: string;
  ownerUnitId: string;
  dueOn: Dayjs;
  projectId?: string;
  leadLeader?: string;
};

/** 议定事项: what the meeting decided, who does it by when; it becomes a tracked problem. */
export function DecisionModal({
  meetingId,
  projects,
  open,
  onClose,
}: {
  meetingId: string;
  projects: { id: string; name: string }[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const add = useAddDecision();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add.mutateAsync({
        id: meetingId,
        input: {
          title: v.title.trim(),
          description: v.description?.trim() || null,
          ownerUnitId: v.ownerUnitId,
          dueOn: v.dueOn.format('YYYY-MM-DD'),
          projectId: v.projectId,
          leadLeader: v.leadLeader?.trim() || null,
        },
      });
      void message.success(t('meetings.decisionAdded'));
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('meetings.addDecision')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: add.isPending }}
      destroyOnHidden
      width={600}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<DecisionForm> form={form} layout="vertical" clearOnDestroy>
        <Form.Item
          name="title"
          label={t('meetings.decisionTitle')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('meetings.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('problems.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="projectId"
          label={t('meetings.decisionProject')}
          extra={t('meetings.decisionProjectHelp')}
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="ownerUnitId"
          label={t('problems.ownerUnit')}
          rules={[{ required: true, message: t('projects.form.required') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('problems.dueOn')}
          rules={[{ required: true, message: t('projects.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="leadLeader" label={t('problems.leadLeader')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
