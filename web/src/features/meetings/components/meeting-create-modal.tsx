import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, MEETING_KIND_LABELS, type Meeting } from '@contracts/schemas/meetings';
import { isApiError } from '@/lib/api-client';
import { pickLabel } from '@/lib/i18n';
import { useCreateMeeting } from '../api/save-meeting';

type CreateForm = {
  kind: (typeof MEETING_KINDS)[number];
  title: string;
  heldOn: Dayjs;
  chair?: string;
  attendees?: string;
  docNo?: string;
  autoAgenda: boolean;
};

/** 新建调度会: the agenda is built from red/yellow projects and escalated or overdue problems unless turned off. */
export function MeetingCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (m: Meeting) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateMeeting();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const m = await create.mutateAsync({
        kind: v.kind,
        title: v.title.trim(),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        chair: v.chair?.trim() || null,
        attendees: v.attendees?.trim() || null,
        docNo: v.docNo?.trim() || null,
        autoAgenda: v.autoAgenda,
      });
      void message.success(t('meetings.created', { count: m.items.length }));
      onCreated(m);
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const today = dayjs();
  return (
    <Modal
      open={open}
      title={t('meetings.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('meetings.createOk')}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
      width={600}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={{
          kind: 'weekly',
          heldOn: today,
          autoAgenda: true,
          title: t('meetings.defaultTitle', { year: today.year(), month: today.month() + 1 }),
        }}
      >
        <Form.Item name="kind" label={t('meetings.kind')} rules={[{ required: true }]}>
          <Select
            options={MEETING_KINDS.map((k) => ({
              value: k,
              label: pickLabel(MEETING_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('meetings.titleField')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('meetings.titleRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('meetings.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="chair" label={t('meetings.chair')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="attendees" label={t('meetings.attendees')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="docNo" label={t('meetings.docNo')} extra={t('meetings.docNoHelp')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="autoAgenda"
          label={t('meetings.autoAgenda')}
          valuePropName="checked"
          extra={t('meetings.autoAgendaHelp')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
