import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PROJECT_DOC_TYPES, type ProjectDetail } from '@contracts/schemas/projects';
import { AttachmentPicker } from '@/components/attachment-panel';
import { isApiError } from '@/lib/api-client';
import { pickLabel } from '@/lib/i18n';
import { useConfirmMilestone } from '../api/confirm-milestone';

export type TimelineEntry = ProjectDetail['milestones'][number];

/** "投资协议" or "施工许可证 或 开工报告、现场照片": any one group, every type of the group. */
export function requirementText(req: string[][], lang: string, or: string): string {
  const name = (d: string) =>
    d in PROJECT_DOC_TYPES ? pickLabel(PROJECT_DOC_TYPES[d as keyof typeof PROJECT_DOC_TYPES], lang) : d;
  return req.map((g) => g.map(name).join(lang === 'en' ? ' + ' : '、')).join(or);
}

type ConfirmForm = { actualOn: Dayjs; attachmentIds: string[]; note?: string };

/** 确认节点: pick or upload the evidence of the required doc types, the actual date, a note → confirm. */
export function ConfirmMilestoneModal({
  project,
  milestone,
  onClose,
}: {
  project: ProjectDetail;
  milestone: TimelineEntry | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<ConfirmForm>();
  const confirm = useConfirmMilestone();
  const [error, setError] = useState<string | null>(null);
  const wanted = [...new Set((milestone?.requirements ?? []).flat())];

  const submit = async () => {
    if (!milestone) return;
    const v = await form.validateFields();
    setError(null);
    try {
      await confirm.mutateAsync({
        id: project.id,
        milestone: milestone.key,
        input: {
          actualOn: v.actualOn.format('YYYY-MM-DD'),
          attachmentIds: v.attachmentIds,
          note: v.note?.trim() || null,
          version: project.version,
        },
      });
      void message.success(t('projects.timeline.confirmed', { name: pickLabel(milestone.label, lang) }));
      onClose();
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={milestone !== null}
      title={milestone ? t('projects.timeline.confirmTitle', { name: pickLabel(milestone.label, lang) }) : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('projects.timeline.confirm')}
      okButtonProps={{ loading: confirm.isPending, 'data-testid': 'confirm-milestone-ok' } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      {milestone ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('projects.timeline.needs', {
              docs: requirementText(milestone.requirements, lang, t('projects.timeline.or')),
            })}
          />
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
          <Form<ConfirmForm>
            form={form}
            layout="vertical"
            clearOnDestroy
            initialValues={{ actualOn: dayjs(), attachmentIds: [] }}
          >
            <Form.Item
              name="attachmentIds"
              label={t('projects.timeline.evidence')}
              rules={[{ type: 'array', min: 1, message: t('projects.timeline.evidenceRequired') }]}
            >
              <AttachmentPicker
                entity="project"
                entityId={project.id}
                docTypes={PROJECT_DOC_TYPES}
                wanted={wanted}
              />
            </Form.Item>
            <Form.Item
              name="actualOn"
              label={t('projects.timeline.actualOn')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="confirm-actual-on"
              />
            </Form.Item>
            <Form.Item name="note" label={t('projects.timeline.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projects.timeline.confirmHelp')}
            </Typography.Text>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
