import { useEffect, useMemo, useState } from 'react';
import {
  CheckOutlined,
  EditOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Slider,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  REFORM_DOC_TYPES,
  type ExpectedPeriod,
  type ReformTask,
  type Report,
} from '@contracts/schemas/reform';
import { AttachmentPanel } from '@/components/attachment-panel';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { fieldErrorsOf, isApiError } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { useTaskPeriods } from '../api/get-task';
import {
  useCreateReport,
  useReport,
  useReviewReport,
  useSubmitReport,
  useUpdateReport,
} from '../api/reports';
import { ReportStatusTag } from './reform-tags';

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

type BlockerForm = { title: string; description?: string; dueOn?: Dayjs | null };
type ReportForm = {
  progressPct: number | null;
  progress: string;
  outcomes?: string;
  problems?: string;
  nextSteps?: string;
  blockers?: BlockerForm[];
  completedMilestoneIds?: string[];
  taskCompleted: boolean;
};

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);

/** 进展报告: the periods the cadence expects (with their state) and, for the chosen one, the report. */
export function TaskReports({ task }: { task: ReformTask }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const periods = useTaskPeriods(task.id);
  const [search, setSearch] = useSearchParams();
  const list = useMemo(() => [...(periods.data ?? [])].reverse(), [periods.data]);
  const chosen = search.get('period') ?? list[0]?.period ?? null;
  const current = list.find((p) => p.period === chosen) ?? null;
  const choose = (p: string) => {
    const next = new URLSearchParams(search);
    next.set('tab', 'reports');
    next.set('period', p);
    setSearch(next, { replace: true });
  };

  const periodLabel = (p: ExpectedPeriod) => (
    <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
      <span>
        <Typography.Text strong>{p.period}</Typography.Text>{' '}
        <Typography.Text type={p.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('reform.dueShort', { date: p.dueOn.slice(5) })}
        </Typography.Text>
      </span>
      <ReportStatusTag status={p.status} />
    </Flex>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} xl={6}>
        {isMobile ? (
          <Select
            value={chosen ?? undefined}
            onChange={choose}
            style={{ width: '100%' }}
            loading={periods.isLoading}
            options={list.map((p) => ({ value: p.period, label: periodLabel(p) }))}
            data-testid="report-period-select"
          />
        ) : (
          <Card
            size="small"
            title={t('reform.periods')}
            styles={{ body: { padding: 0, maxHeight: 560, overflow: 'auto' } }}
          >
            <List<ExpectedPeriod>
              data-testid="report-periods"
              loading={periods.isLoading}
              dataSource={list}
              locale={{ emptyText: t('reform.noPeriods') }}
              renderItem={(p) => (
                <List.Item
                  onClick={() => choose(p.period)}
                  data-testid="report-period"
                  data-period={p.period}
                  style={{
                    cursor: 'pointer',
                    padding: '8px 12px',
                    background: p.period === chosen ? 'rgba(22,119,255,0.08)' : undefined,
                  }}
                >
                  <div style={{ width: '100%' }}>
                    {periodLabel(p)}
                    {p.contributionsExpected ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('reform.contributionsOf', {
                          done: p.contributionsSubmitted,
                          total: p.contributionsExpected,
                        })}
                      </Typography.Text>
                    ) : null}
                  </div>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Col>
      <Col xs={24} md={16} xl={18} style={{ minWidth: 0 }}>
        {current ? (
          <PeriodReport key={`${current.period}:${current.reportId ?? 'new'}`} task={task} period={current} />
        ) : (
          <Empty description={t('reform.noPeriods')} />
        )}
      </Col>
    </Row>
  );
}

function PeriodReport({ task, period }: { task: ReformTask; period: ExpectedPeriod }) {
  const { t } = useTranslation();
  const report = useReport(period.reportId);
  const [editing, setEditing] = useState(false);

  if (!period.reportId) {
    if (!task.abilities.report)
      return (
        <Empty
          description={
            period.overdue
              ? t('reform.reportMissingOverdue', { due: period.dueOn })
              : t('reform.reportNotYet')
          }
        />
      );
    return <ReportEditor task={task} period={period} report={null} onDone={() => setEditing(false)} />;
  }
  if (report.isLoading) return <Card loading />;
  if (!report.data) return <Alert type="error" message={errorText(report.error)} />;
  const r = report.data;
  if ((editing || r.status === 'draft') && r.abilities.update)
    return <ReportEditor task={task} period={period} report={r} onDone={() => setEditing(false)} />;
  return <ReportView task={task} report={r} onEdit={() => setEditing(true)} />;
}

function ReportView({ task, report: r, onEdit }: { task: ReformTask; report: Report; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitReport();
  const review = useReviewReport();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const a = r.abilities;
  const milestoneTitle = (id: string) => task.milestones.find((m) => m.id === id)?.title ?? id;

  return (
    <Flex vertical gap={12} data-testid="report-view" data-report-status={r.status}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8} align="center" wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('reform.reportOf', { period: r.period })}
          </Typography.Title>
          <ReportStatusTag status={r.status} />
          {r.onTime === false ? <Tag color="warning">{t('reform.late')}</Tag> : null}
          {r.submitCount > 1 ? <Tag>{t('reform.submitCount', { count: r.submitCount })}</Tag> : null}
        </Flex>
        <Flex gap={8} wrap>
          {a.update ? (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="report-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {a.submit ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              data-testid="report-submit"
              onClick={() =>
                submit.mutate(
                  { id: r.id, version: r.version },
                  {
                    onSuccess: () => void message.success(t('reform.reportSubmitted')),
                    onError: (e) => void message.error(errorText(e)),
                  },
                )
              }
            >
              {r.status === 'returned' ? t('reform.resubmit') : t('reform.submit')}
            </Button>
          ) : null}
          {a.return ? (
            <Button
              danger
              icon={<RollbackOutlined />}
              onClick={() => setReturning(true)}
              data-testid="report-return"
            >
              {t('reform.returnReport')}
            </Button>
          ) : null}
          {a.accept ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={review.isPending}
              data-testid="report-accept"
              onClick={() =>
                review.mutate(
                  { id: r.id, input: { action: 'accept', version: r.version } },
                  {
                    onSuccess: () => void message.success(t('reform.reportAccepted')),
                    onError: (e) => void message.error(errorText(e)),
                  },
                )
              }
            >
              {t('reform.acceptReport')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {r.status === 'returned' && r.returnComment ? (
        <Alert
          type="error"
          showIcon
          data-testid="return-comment"
          message={t('reform.returnedWith', { date: formatDateTime(r.returnedAt) })}
          description={r.returnComment}
        />
      ) : r.returnComment ? (
        <Alert type="info" showIcon message={t('reform.previouslyReturned')} description={r.returnComment} />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'pct',
            label: t('reform.progress'),
            children: r.progressPct === null ? '—' : `${r.progressPct}%`,
          },
          {
            key: 'progress',
            label: t('reform.progressText'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.progress || '—'}</span>,
          },
          {
            key: 'outcomes',
            label: t('reform.outcomes'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.outcomes ?? '—'}</span>,
          },
          {
            key: 'problems',
            label: t('reform.problemsText'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.problems ?? '—'}</span>,
          },
          {
            key: 'next',
            label: t('reform.nextSteps'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.nextSteps ?? '—'}</span>,
          },
          {
            key: 'completed',
            label: t('reform.completesMilestones'),
            children:
              r.completedMilestoneIds.length || r.taskCompleted ? (
                <Flex gap={4} wrap>
                  {r.completedMilestoneIds.map((id) => (
                    <Tag key={id} color="gold">
                      {milestoneTitle(id)}
                    </Tag>
                  ))}
                  {r.taskCompleted ? <Tag color="gold">{t('reform.wholeTask')}</Tag> : null}
                </Flex>
              ) : (
                '—'
              ),
          },
          {
            key: 'blockers',
            label: t('reform.blockers'),
            children: r.blockers.length
              ? r.blockers.map((b) => (
                  <div key={b.problemId}>
                    <Link to={`${paths.problems}?id=${b.problemId}`}>{b.title}</Link>
                  </div>
                ))
              : '—',
          },
          {
            key: 'submitted',
            label: t('reform.submittedAt'),
            children: `${formatDateTime(r.submittedAt)}（${t('reform.dueShort', { date: r.dueOn })}）`,
          },
          ...(r.acceptedAt
            ? [{ key: 'accepted', label: t('reform.acceptedAt'), children: formatDateTime(r.acceptedAt) }]
            : []),
        ]}
      />
      {r.contributions.length ? (
        <Card size="small" title={t('reform.tabs.contributions')}>
          {r.contributions.map((c) => (
            <div key={c.id} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{c.unit.name}</Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
              {c.outcomes ? <Typography.Text type="secondary">{c.outcomes}</Typography.Text> : null}
            </div>
          ))}
        </Card>
      ) : null}
      <Card size="small" title={t('reform.evidence')}>
        <AttachmentPanel
          entity="reform_report"
          entityId={r.id}
          docTypes={REFORM_DOC_TYPES}
          canUpload={Boolean(a.attach)}
        />
      </Card>
      <Modal
        open={returning}
        title={t('reform.returnReport')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: review.isPending }}
        okText={t('reform.returnReport')}
        onOk={() =>
          review.mutate(
            { id: r.id, input: { action: 'return', comment: comment.trim(), version: r.version } },
            {
              onSuccess: () => {
                setReturning(false);
                setComment('');
                void message.success(t('reform.reportReturned'));
              },
              onError: (e) => void message.error(errorText(e)),
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('reform.returnHelp')}</Typography.Paragraph>
        <Input.TextArea
          autoFocus
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          placeholder={t('reform.commentRequired')}
          data-testid="return-comment-input"
        />
      </Modal>
    </Flex>
  );
}

function ReportEditor({
  task,
  period,
  report,
  onDone,
}: {
  task: ReformTask;
  period: ExpectedPeriod;
  report: Report | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ReportForm>();
  const create = useCreateReport();
  const update = useUpdateReport();
  const submit = useSubmitReport();
  const [error, setError] = useState<string | null>(null);
  const busy = create.isPending || update.isPending || submit.isPending;

  useEffect(() => {
    form.setFieldsValue(
      report
        ? {
            progressPct: report.progressPct,
            progress: report.progress,
            outcomes: report.outcomes ?? undefined,
            problems: report.problems ?? undefined,
            nextSteps: report.nextSteps ?? undefined,
            blockers: report.draftBlockers.map((b) => ({
              title: b.title,
              description: b.description ?? undefined,
              dueOn: b.dueOn ? dayjs(b.dueOn) : null,
            })),
            completedMilestoneIds: report.completedMilestoneIds,
            taskCompleted: report.taskCompleted,
          }
        : {
            progressPct: task.progressPct,
            progress: '',
            blockers: [],
            completedMilestoneIds: [],
            taskCompleted: false,
          },
    );
    // Initialise once per report version, so a background refresh never wipes what is being typed.
  }, [form, report?.id, report?.version]);

  const candidates = task.milestones.filter(
    (m) => m.status === 'pending' || report?.completedMilestoneIds.includes(m.id),
  );

  const save = async (then: 'draft' | 'submit') => {
    setError(null);
    let v: ReportForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      progressPct: v.progressPct ?? null,
      progress: v.progress.trim(),
      outcomes: blank(v.outcomes),
      problems: blank(v.problems),
      nextSteps: blank(v.nextSteps),
      blockers: (v.blockers ?? []).map((b) => ({
        title: b.title.trim(),
        description: blank(b.description),
        dueOn: b.dueOn ? b.dueOn.format('YYYY-MM-DD') : null,
      })),
      completedMilestoneIds: v.completedMilestoneIds ?? [],
      taskCompleted: v.taskCompleted,
    };
    try {
      if (!report) {
        await create.mutateAsync({
          taskId: task.id,
          input: { period: period.period, ...body, submit: then === 'submit' },
        });
      } else {
        const saved = await update.mutateAsync({
          id: report.id,
          input: { ...body, version: report.version },
        });
        if (then === 'submit') await submit.mutateAsync({ id: saved.id, version: saved.version });
      }
      void message.success(then === 'submit' ? t('reform.reportSubmitted') : t('reform.draftSaved'));
      onDone();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const known = Object.keys(fields).filter((k) =>
        ['progress', 'progressPct', 'outcomes', 'problems', 'nextSteps'].includes(k),
      );
      if (known.length)
        form.setFields(known.map((k) => ({ name: k as keyof ReportForm, errors: [fields[k]!] })));
      setError(errorText(e));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="report-editor">
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('reform.reportOf', { period: period.period })}
        </Typography.Title>
        {report ? <ReportStatusTag status={report.status} /> : <Tag>{t('reform.newReport')}</Tag>}
        <Typography.Text type={period.overdue ? 'danger' : 'secondary'}>
          {t('reform.dueShort', { date: period.dueOn })}
        </Typography.Text>
      </Flex>
      {report?.status === 'returned' && report.returnComment ? (
        <Alert
          type="error"
          showIcon
          data-testid="return-comment"
          message={t('reform.returnedWith', { date: formatDateTime(report.returnedAt) })}
          description={report.returnComment}
        />
      ) : null}
      {error ? <Alert type="error" showIcon message={error} /> : null}
      <Form<ReportForm> form={form} layout="vertical" disabled={busy}>
        <Form.Item label={t('reform.progress')} required>
          <Flex gap={12} align="center">
            <Form.Item name="progressPct" noStyle>
              <Slider min={0} max={100} style={{ flex: 1 }} />
            </Form.Item>
            <Form.Item name="progressPct" noStyle>
              <InputNumber min={0} max={100} addonAfter="%" style={{ width: 110 }} data-testid="report-pct" />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          name="progress"
          label={t('reform.progressText')}
          rules={[{ required: true, whitespace: true, message: t('reform.progressRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={8000}
            data-testid="report-progress"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={isMobile ? 24 : 12}>
            <Form.Item name="outcomes" label={t('reform.outcomes')}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={4000}
                data-testid="report-outcomes"
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 24 : 12}>
            <Form.Item name="nextSteps" label={t('reform.nextSteps')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="problems" label={t('reform.problemsText')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('reform.blockersRaise')} extra={t('reform.blockersRaiseHelp')}>
          <Form.List name="blockers">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Col span={isMobile ? 24 : 9}>
                      <Form.Item
                        name={[f.name, 'title']}
                        rules={[{ required: true, min: 2, message: t('reform.required') }]}
                        style={{ marginBottom: 4 }}
                      >
                        <Input placeholder={t('reform.blockerTitle')} maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 24 : 9}>
                      <Form.Item name={[f.name, 'description']} style={{ marginBottom: 4 }}>
                        <Input placeholder={t('reform.blockerDescription')} maxLength={4000} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 18 : 5}>
                      <Form.Item name={[f.name, 'dueOn']} style={{ marginBottom: 4 }}>
                        <DatePicker style={{ width: '100%' }} placeholder={t('reform.blockerDue')} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 6 : 1}>
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('common.delete')}
                      />
                    </Col>
                  </Row>
                ))}
                <div>
                  <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('reform.addBlocker')}
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        {candidates.length ? (
          <Form.Item
            name="completedMilestoneIds"
            label={t('reform.completesMilestones')}
            extra={t('reform.completesHelp')}
          >
            <Checkbox.Group
              data-testid="report-milestones"
              options={candidates.map((m) => ({
                value: m.id,
                label: `${m.seq}. ${m.title}（${formatDate(m.dueOn)}）`,
              }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="taskCompleted" label={t('reform.declareTaskDone')} valuePropName="checked">
          <Switch data-testid="report-task-completed" />
        </Form.Item>
      </Form>
      <Card size="small" title={t('reform.evidence')}>
        {report ? (
          <AttachmentPanel
            entity="reform_report"
            entityId={report.id}
            docTypes={REFORM_DOC_TYPES}
            canUpload={Boolean(report.abilities.attach)}
          />
        ) : (
          <Typography.Text type="secondary">{t('reform.evidenceAfterDraft')}</Typography.Text>
        )}
      </Card>
      <Flex gap={8} justify="flex-end" wrap>
        {report && report.status !== 'draft' ? <Button onClick={onDone}>{t('common.cancel')}</Button> : null}
        <Button onClick={() => void save('draft')} loading={busy} data-testid="report-save-draft">
          {t('reform.saveDraft')}
        </Button>
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={() => void save('submit')}
          loading={busy}
          data-testid="report-save-submit"
        >
          {report?.status === 'returned' ? t('reform.saveResubmit') : t('reform.saveSubmit')}
        </Button>
      </Flex>
    </Flex>
  );
}
