import { useEffect } from 'react';
import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

/** 核验: pass (销号) or return with a comment (required when returning). */
export function VerifyModal({
  open,
  title,
  onCancel,
  onSubmit,
  loading,
  initialResult = 'pass',
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onSubmit: (v: { result: 'pass' | 'return'; comment: string | null }) => void;
  loading?: boolean;
  initialResult?: 'pass' | 'return';
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ result: 'pass' | 'return'; comment?: string }>();
  const result = Form.useWatch('result', form);
  useEffect(() => {
    if (open) form.setFieldsValue({ result: initialResult, comment: '' });
  }, [open, form, initialResult]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={loading}
      okButtonProps={{ 'data-testid': 'verify-ok' } as Record<string, string>}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit({ result: v.result, comment: v.comment?.trim() || null })}
      >
        <Form.Item name="result" label={t('reform.verifyResult')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'pass', label: t('reform.verifyPass') },
              { value: 'return', label: t('reform.verifyReturn') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('reform.comment')}
          rules={result === 'return' ? [{ required: true, message: t('reform.commentRequired') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} data-testid="verify-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 完成: the lead unit declares a milestone or the task done, on a date, with a note. */
export function CompleteModal({
  open,
  title,
  onCancel,
  onSubmit,
  loading,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onSubmit: (v: { doneOn: string; note: string | null }) => void;
  loading?: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ doneOn: dayjs(), note: '' });
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={loading}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit({ doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note?.trim() || null })}
      >
        <Form.Item name="doneOn" label={t('reform.doneOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('reform.doneNote')} extra={t('reform.completeHelp')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
