import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PROBLEM_ACTION_LABELS, type Problem, type ProblemAction } from '@contracts/schemas/problems';
import { AttachmentPicker } from '@/components/attachment-panel';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { isApiError } from '@/lib/api-client';
import { pickLabel } from '@/lib/i18n';
import { useTransitionProblem } from '../api/transition-problem';
import { PROBLEM_DOC_TYPES } from './problem-tags';

type ActionForm = { note?: string; ownerUnitId?: string; dueOn?: Dayjs | null; attachmentIds?: string[] };

/** What each action asks for. */
const NEEDS: Record<
  ProblemAction,
  {
    note: 'required' | 'optional';
    owner?: boolean;
    due?: 'required' | 'optional';
    files?: 'required' | 'optional';
  }
> = {
  assign: { note: 'optional', owner: true, due: 'required' },
  accept: { note: 'optional' },
  reply: { note: 'required', files: 'optional' },
  resolve: { note: 'required', files: 'required' },
  confirm_close: { note: 'optional' },
  return: { note: 'required' },
  hold: { note: 'required' },
  resume: { note: 'optional' },
  escalate: { note: 'required', due: 'optional' },
};

/** One step of the problem's workflow, with what that step needs (owner and deadline, reply, evidence). */
export function ProblemActionModal({
  problem,
  action,
  onClose,
}: {
  problem: Problem;
  action: ProblemAction | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const transition = useTransitionProblem();
  const [error, setError] = useState<string | null>(null);
  const needs = action ? NEEDS[action] : null;

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setError(null);
    try {
      await transition.mutateAsync({
        id: problem.id,
        input: {
          action,
          note: v.note?.trim() || undefined,
          attachmentIds: v.attachmentIds ?? [],
          ownerUnitId: v.ownerUnitId,
          dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : undefined,
          version: problem.version,
        },
      });
      void message.success(
        t('problems.done', { action: pickLabel(PROBLEM_ACTION_LABELS[action], i18n.language) }),
      );
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? pickLabel(PROBLEM_ACTION_LABELS[action], i18n.language) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: transition.isPending, danger: action === 'return' }}
      destroyOnHidden
      width={600}
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {needs ? (
        <Form<ActionForm>
          form={form}
          layout="vertical"
          clearOnDestroy
          initialValues={{ ownerUnitId: problem.ownerUnitId ?? undefined, attachmentIds: [] }}
        >
          {needs.owner ? (
            <Form.Item
              name="ownerUnitId"
              label={t('problems.ownerUnit')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <UnitTreeSelect />
            </Form.Item>
          ) : null}
          {needs.due ? (
            <Form.Item
              name="dueOn"
              label={t('problems.dueOn')}
              rules={
                needs.due === 'required' ? [{ required: true, message: t('projects.form.required') }] : []
              }
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="note"
            label={action === 'reply' || action === 'resolve' ? t('problems.replyText') : t('problems.note')}
            rules={
              needs.note === 'required'
                ? [{ required: true, whitespace: true, message: t('problems.noteRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
          {needs.files ? (
            <Form.Item
              name="attachmentIds"
              label={needs.files === 'required' ? t('problems.evidenceRequired') : t('problems.attachments')}
              rules={
                needs.files === 'required'
                  ? [{ type: 'array', min: 1, message: t('problems.evidenceMissing') }]
                  : []
              }
            >
              <AttachmentPicker
                entity="problem"
                entityId={problem.id}
                docTypes={PROBLEM_DOC_TYPES}
                wanted={needs.files === 'required' ? ['evidence', 'other'] : []}
              />
            </Form.Item>
          ) : null}
        </Form>
      ) : null}
    </Modal>
  );
}
