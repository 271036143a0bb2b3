import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROBLEM_STATUS_LABELS, type ProblemStatus } from '@contracts/schemas/problems';
import type { Blocker, ReformTask } from '@contracts/schemas/reform';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useRaiseBlocker } from '../api/save-task';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 堵点: the task's blockers, which are problems of the shared problem list (same escalation, same closure). */
export function TaskBlockers({ task }: { task: ReformTask }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canSeeProblems = usePermission('problem:read');
  const raise = useRaiseBlocker();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; description?: string; dueOn?: Dayjs | null }>();

  const columns: ColumnsType<Blocker> = [
    {
      title: t('reform.blockerTitle'),
      dataIndex: 'title',
      render: (v: string, b) =>
        canSeeProblems ? (
          <Link to={`${paths.problems}?id=${b.problemId}`} data-testid="blocker-link">
            {v}
          </Link>
        ) : (
          v
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag>
          {s in PROBLEM_STATUS_LABELS
            ? pickLabel(PROBLEM_STATUS_LABELS[s as ProblemStatus], i18n.language)
            : s}
        </Tag>
      ),
    },
    {
      title: t('reform.escalation'),
      dataIndex: 'escalationLevel',
      render: (l: number) => t('reform.escalationLevel', { level: l }),
    },
    {
      title: t('reform.blockerDue'),
      dataIndex: 'dueOn',
      render: (d: string | null) => (
        <Typography.Text type={d && d < new Date().toISOString().slice(0, 10) ? 'danger' : undefined}>
          {formatDate(d)}
        </Typography.Text>
      ),
    },
    { title: t('reform.raisedAt'), dataIndex: 'raisedAt', render: formatDateTime },
  ];

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('reform.blockersHelp')}</Typography.Paragraph>
      {task.abilities.raiseBlocker ? (
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('reform.addBlocker')}
        </Button>
      ) : null}
      <Table<Blocker>
        data-testid="blockers-table"
        rowKey="problemId"
        size="small"
        columns={columns}
        dataSource={task.blockers ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reform.noBlockers') }}
      />
      <Modal
        open={open}
        title={t('reform.addBlocker')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={raise.isPending}
        destroyOnHidden
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            raise.mutate(
              {
                taskId: task.id,
                input: {
                  title: v.title.trim(),
                  description: v.description?.trim() || null,
                  dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
                },
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  form.resetFields();
                  void message.success(t('reform.blockerRaised'));
                },
                onError: (e) => void message.error(errorText(e)),
              },
            )
          }
        >
          <Form.Item
            name="title"
            label={t('reform.blockerTitle')}
            rules={[{ required: true, min: 2, message: t('reform.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('reform.blockerDescription')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('reform.blockerDue')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
