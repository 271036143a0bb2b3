import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { isApiError } from '@/lib/api-client';
import { useAddMeetingItem } from '../api/save-meeting';
import { useProblemSearch, useProjectSearch } from '../api/search-refs';

type ItemForm = { type: 'project' | 'problem'; refId: string; note?: string };

/** 添加议题: a project or an open problem found by keyword, with an optional note. */
export function AgendaItemModal({
  meetingId,
  open,
  onClose,
}: {
  meetingId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemForm>();
  const type = Form.useWatch('type', form) ?? 'project';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const projects = useProjectSearch(q, open && type === 'project');
  const problems = useProblemSearch(q, open && type === 'problem');
  const add = useAddMeetingItem();
  const [error, setError] = useState<string | null>(null);

  const options =
    type === 'project'
      ? (projects.data ?? []).map((p) => ({
          value: p.id,
          label: `${p.name}（${p.regionName ?? p.regionCode}）`,
        }))
      : (problems.data ?? []).map((p) => ({ value: p.id, label: `${p.title} · ${p.entityName ?? ''}` }));

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add.mutateAsync({
        id: meetingId,
        input: { type: v.type, refId: v.refId, note: v.note?.trim() || null },
      });
      void message.success(t('meetings.itemAdded'));
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('meetings.addItem')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: add.isPending }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<ItemForm> form={form} layout="vertical" clearOnDestroy initialValues={{ type: 'project' }}>
        <Form.Item name="type" label={t('meetings.itemType')}>
          <Radio.Group
            onChange={() => form.setFieldValue('refId', undefined)}
            options={[
              { value: 'project', label: t('meetings.itemProject') },
              { value: 'problem', label: t('meetings.itemProblem') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="refId"
          label={t('meetings.itemRef')}
          rules={[{ required: true, message: t('projects.form.required') }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            options={options}
            loading={projects.isFetching || problems.isFetching}
            placeholder={t('meetings.itemSearch')}
            notFoundContent={null}
          />
        </Form.Item>
        <Form.Item name="note" label={t('meetings.itemNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
