import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { isApiError } from '@/lib/api-client';
import { pickLabel } from '@/lib/i18n';
import { useProblemSettings, useRaiseProblem } from '../api/project-problems';

type RaiseForm = {
  category: string;
  title: string;
  description?: string;
  ownerUnitId?: string;
  dueOn?: Dayjs | null;
  leadLeader?: string;
};

/** 提出问题 on a project: with an owner unit and a deadline it is assigned at once (已交办), else it waits (待交办). */
export function RaiseProblemModal({
  projectId,
  open,
  onClose,
}: {
  projectId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseForm>();
  const settings = useProblemSettings();
  const raise = useRaiseProblem();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await raise.mutateAsync({
        entity: 'project',
        entityId: projectId,
        category: v.category,
        title: v.title.trim(),
        description: v.description?.trim() || null,
        ownerUnitId: v.ownerUnitId ?? null,
        dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
        leadLeader: v.leadLeader?.trim() || null,
      });
      void message.success(t('problems.raised'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const categories = (settings.data?.categories ?? []).filter((c) => c.active);
  return (
    <Modal
      open={open}
      title={t('problems.raise')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: raise.isPending }}
      destroyOnHidden
      width={600}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<RaiseForm> form={form} layout="vertical" clearOnDestroy>
        <Form.Item
          name="category"
          label={t('problems.category')}
          rules={[{ required: true, message: t('projects.form.required') }]}
        >
          <Select
            options={categories.map((c) => ({ value: c.code, label: pickLabel(c, i18n.language) }))}
            loading={settings.isLoading}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('problems.titleField')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('problems.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('problems.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('problems.ownerUnit')} extra={t('problems.assignNowHelp')}>
          <UnitTreeSelect allowClear />
        </Form.Item>
        <Form.Item name="dueOn" label={t('problems.dueOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="leadLeader" label={t('problems.leadLeader')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
