import { useMemo, useState } from 'react';
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contribution, ReformTask } from '@contracts/schemas/reform';
import { isApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useContributions, useTaskPeriods } from '../api/get-task';
import { useSaveContribution } from '../api/reports';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

type ContributionForm = { period: string; content: string; outcomes?: string };

/** 配合单位: each co-unit's part of each period; a co-unit writes and files its own part here. */
export function TaskContributions({ task }: { task: ReformTask }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const list = useContributions(task.id);
  const periods = useTaskPeriods(task.id);
  const save = useSaveContribution();
  const [form] = Form.useForm<ContributionForm>();
  const [editing, setEditing] = useState<Contribution | 'new' | null>(null);

  const byPeriod = useMemo(() => {
    const m = new Map<string, Contribution[]>();
    for (const c of list.data ?? []) m.set(c.period, [...(m.get(c.period) ?? []), c]);
    return [...m.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1));
  }, [list.data]);

  const open = (c: Contribution | 'new') => {
    setEditing(c);
    form.resetFields();
    if (c === 'new') form.setFieldsValue({ period: [...(periods.data ?? [])].reverse()[0]?.period });
    else form.setFieldsValue({ period: c.period, content: c.content, outcomes: c.outcomes ?? undefined });
  };

  const write = (submit: boolean) =>
    void form.validateFields().then((v) =>
      save.mutate(
        {
          taskId: task.id,
          period: v.period,
          input: {
            content: v.content.trim(),
            outcomes: v.outcomes?.trim() || null,
            submit,
            version:
              editing && editing !== 'new' && editing.period === v.period ? editing.version : undefined,
          },
        },
        {
          onSuccess: () => {
            setEditing(null);
            void message.success(submit ? t('reform.contributionSubmitted') : t('reform.draftSaved'));
          },
          onError: (e) => void message.error(errorText(e)),
        },
      ),
    );

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('reform.contributionsHelp', {
          units: task.coUnits.map((u) => u.name).join('、') || t('reform.noCoUnits'),
        })}
      </Typography.Paragraph>
      {task.abilities.contribute && editing === null ? (
        <div>
          <Button type="primary" icon={<EditOutlined />} onClick={() => open('new')}>
            {t('reform.writeContribution', { unit: me.unitName ?? '' })}
          </Button>
        </div>
      ) : null}
      {editing !== null ? (
        <Card size="small" title={t('reform.writeContribution', { unit: me.unitName ?? '' })}>
          <Form<ContributionForm> form={form} layout="vertical" disabled={save.isPending}>
            <Form.Item name="period" label={t('reform.period')} rules={[{ required: true }]}>
              <Select
                disabled={editing !== 'new'}
                options={[...(periods.data ?? [])]
                  .reverse()
                  .map((p) => ({ value: p.period, label: p.period }))}
                style={{ maxWidth: 240 }}
              />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('reform.contributionContent')}
              rules={[{ required: true, whitespace: true, message: t('reform.required') }]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
            </Form.Item>
            <Form.Item name="outcomes" label={t('reform.outcomes')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
            </Form.Item>
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
              <Button onClick={() => write(false)} loading={save.isPending}>
                {t('reform.saveDraft')}
              </Button>
              <Button type="primary" onClick={() => write(true)} loading={save.isPending}>
                {t('reform.submit')}
              </Button>
            </Flex>
          </Form>
        </Card>
      ) : null}
      {byPeriod.length ? (
        byPeriod.map(([period, cs]) => (
          <Card key={period} size="small" title={period}>
            <Flex vertical gap={8}>
              {cs.map((c) => (
                <div key={c.id} data-testid="contribution">
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{c.unit.name}</Typography.Text>
                    <Tag color={c.status === 'submitted' ? 'success' : 'default'}>
                      {c.status === 'submitted'
                        ? t('reform.contributionFiled')
                        : t('reform.contributionDraft')}
                    </Tag>
                    {c.submittedAt ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(c.submittedAt)}
                      </Typography.Text>
                    ) : null}
                    {c.abilities.update ? (
                      <Button type="link" size="small" onClick={() => open(c)}>
                        {t('common.edit')}
                      </Button>
                    ) : null}
                  </Flex>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
                  {c.outcomes ? (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                      {t('reform.outcomes')}
                      {t('drill.colon')}
                      {c.outcomes}
                    </Typography.Text>
                  ) : null}
                </div>
              ))}
            </Flex>
          </Card>
        ))
      ) : (
        <Empty description={t('reform.noContributions')} />
      )}
    </Flex>
  );
}
