import { useState } from 'react';
import {
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  FieldTimeOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, List, Modal, Popconfirm, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REFORM_DOC_TYPES, type Milestone, type ReformTask } from '@contracts/schemas/reform';
import { AttachmentPanel } from '@/components/attachment-panel';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import {
  useAddMilestone,
  useComplete,
  useDeleteMilestone,
  useUpdateMilestone,
  useVerify,
} from '../api/save-task';
import { CompleteModal, VerifyModal } from './action-modals';
import { MilestoneStatusTag } from './reform-tags';
import { ExtensionRequestModal } from './task-extensions';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

type EditForm = { title: string; dueOn: Dayjs; deliverable?: string };

/** 节点: milestones with due dates and state; complete / verify / return / extend / edit by abilities. */
export function TaskMilestones({ task }: { task: ReformTask }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const complete = useComplete();
  const verify = useVerify();
  const add = useAddMilestone();
  const update = useUpdateMilestone();
  const remove = useDeleteMilestone();
  const [completing, setCompleting] = useState<Milestone | null>(null);
  const [verifying, setVerifying] = useState<Milestone | null>(null);
  const [extending, setExtending] = useState<Milestone | null>(null);
  const [evidenceOf, setEvidenceOf] = useState<Milestone | null>(null);
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const [form] = Form.useForm<EditForm>();

  const openEdit = (m: Milestone | 'new') => {
    setEditing(m);
    form.resetFields();
    if (m !== 'new')
      form.setFieldsValue({ title: m.title, dueOn: dayjs(m.dueOn), deliverable: m.deliverable ?? undefined });
  };
  const saveEdit = (v: EditForm) => {
    const input = {
      title: v.title.trim(),
      dueOn: v.dueOn.format('YYYY-MM-DD'),
      deliverable: v.deliverable?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        setEditing(null);
        void message.success(t('common.saved'));
      },
      onError: (e: unknown) => void message.error(errorText(e)),
    };
    if (editing === 'new') add.mutate({ taskId: task.id, input }, done);
    else if (editing) {
      const dueChanged = input.dueOn !== editing.dueOn;
      update.mutate(
        {
          id: editing.id,
          input: {
            title: input.title,
            deliverable: input.deliverable,
            ...(dueChanged && task.abilities.changeDeadline ? { dueOn: input.dueOn } : {}),
            version: editing.version,
          },
        },
        done,
      );
    }
  };

  return (
    <Flex vertical gap={12}>
      {task.abilities.addMilestone ? (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => openEdit('new')}>
            {t('reform.addMilestone')}
          </Button>
        </div>
      ) : null}
      <List<Milestone>
        data-testid="milestones"
        dataSource={task.milestones}
        locale={{ emptyText: t('reform.noMilestones') }}
        renderItem={(m) => {
          const a = m.abilities;
          return (
            <List.Item data-testid="milestone" data-milestone-id={m.id} style={{ display: 'block' }}>
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                  <Typography.Text strong>
                    {m.seq}. {m.title}
                  </Typography.Text>
                  <Flex gap={6} wrap align="center" style={{ marginTop: 4 }}>
                    <MilestoneStatusTag status={m.status} overdue={m.overdue} />
                    <Typography.Text type={m.overdue ? 'danger' : 'secondary'}>
                      {t('reform.milestoneDue')}
                      {t('drill.colon')}
                      {formatDate(m.dueOn)}
                      {m.originalDueOn ? `（${t('reform.originally', { date: m.originalDueOn })}）` : ''}
                    </Typography.Text>
                  </Flex>
                  {m.deliverable ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('reform.deliverable')}
                        {t('drill.colon')}
                        {m.deliverable}
                      </Typography.Text>
                    </div>
                  ) : null}
                  {m.doneOn ? (
                    <div>
                      <Typography.Text type="secondary">
                        {t('reform.doneOn')}
                        {t('drill.colon')}
                        {formatDate(m.doneOn)}
                        {m.doneNote ? ` · ${m.doneNote}` : ''}
                      </Typography.Text>
                    </div>
                  ) : null}
                  {m.closedAt ? (
                    <div>
                      <Typography.Text type="success">
                        {t('reform.closedAt')}
                        {t('drill.colon')}
                        {formatDateTime(m.closedAt)}
                      </Typography.Text>
                    </div>
                  ) : null}
                </div>
                <Flex gap={6} wrap>
                  <Button size="small" onClick={() => setEvidenceOf(m)}>
                    {t('reform.evidenceN', { count: m.evidenceCount })}
                  </Button>
                  {a.complete ? (
                    <Button
                      size="small"
                      icon={<CheckOutlined />}
                      onClick={() => setCompleting(m)}
                      data-testid="milestone-complete"
                    >
                      {t('reform.complete')}
                    </Button>
                  ) : null}
                  {a.verify ? (
                    <Button
                      size="small"
                      type="primary"
                      icon={<SafetyCertificateOutlined />}
                      onClick={() => setVerifying(m)}
                      data-testid="milestone-verify"
                    >
                      {t('reform.verify')}
                    </Button>
                  ) : null}
                  {a.requestExtension ? (
                    <Button size="small" icon={<FieldTimeOutlined />} onClick={() => setExtending(m)}>
                      {t('reform.requestExtension')}
                    </Button>
                  ) : null}
                  {a.update ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      onClick={() => openEdit(m)}
                    />
                  ) : null}
                  {a.delete ? (
                    <Popconfirm
                      title={t('reform.deleteConfirm')}
                      onConfirm={() =>
                        remove.mutate(m.id, { onError: (e) => void message.error(errorText(e)) })
                      }
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  ) : null}
                </Flex>
              </Flex>
            </List.Item>
          );
        }}
      />
      <CompleteModal
        open={completing !== null}
        title={t('reform.completeMilestone', { title: completing?.title ?? '' })}
        onCancel={() => setCompleting(null)}
        loading={complete.isPending}
        onSubmit={(v) =>
          completing &&
          complete.mutate(
            { target: { kind: 'milestone', id: completing.id }, input: v },
            {
              onSuccess: () => {
                setCompleting(null);
                void message.success(t('reform.completed'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      />
      <VerifyModal
        open={verifying !== null}
        title={t('reform.verifyMilestone', { title: verifying?.title ?? '' })}
        onCancel={() => setVerifying(null)}
        loading={verify.isPending}
        onSubmit={(v) =>
          verifying &&
          verify.mutate(
            { target: { kind: 'milestone', id: verifying.id }, input: v },
            {
              onSuccess: () => {
                setVerifying(null);
                void message.success(v.result === 'pass' ? t('reform.closed') : t('reform.returned'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
      />
      <ExtensionRequestModal
        task={task}
        milestone={extending ?? undefined}
        open={extending !== null}
        onClose={() => setExtending(null)}
      />
      <Modal
        open={evidenceOf !== null}
        title={t('reform.milestoneEvidence', { title: evidenceOf?.title ?? '' })}
        footer={null}
        onCancel={() => setEvidenceOf(null)}
        width={760}
        destroyOnHidden
      >
        {evidenceOf ? (
          <Flex vertical gap={8}>
            {evidenceOf.evidenceReportId ? (
              <Typography.Text type="secondary">{t('reform.evidenceFromReport')}</Typography.Text>
            ) : null}
            <AttachmentPanel
              entity="reform_milestone"
              entityId={evidenceOf.id}
              docTypes={REFORM_DOC_TYPES}
              canUpload={Boolean(evidenceOf.abilities.attach)}
            />
          </Flex>
        ) : null}
      </Modal>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('reform.addMilestone') : t('reform.editMilestone')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending || update.isPending}
        destroyOnHidden
        forceRender
      >
        <Form<EditForm> form={form} layout="vertical" onFinish={saveEdit}>
          <Form.Item
            name="title"
            label={t('reform.milestoneTitle')}
            rules={[{ required: true, message: t('reform.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="dueOn"
            label={t('reform.milestoneDue')}
            rules={[{ required: true, message: t('reform.required') }]}
            extra={
              editing !== 'new' && !task.abilities.changeDeadline ? t('reform.deadlineByOffice') : undefined
            }
          >
            <DatePicker
              style={{ width: '100%' }}
              disabled={editing !== 'new' && !task.abilities.changeDeadline}
            />
          </Form.Item>
          <Form.Item name="deliverable" label={t('reform.deliverable')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
