import { useEffect, useState } from 'react';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  OUTCOME_FORMS,
  OUTCOME_FORM_LABELS,
  REFORM_CADENCES,
  REFORM_CADENCE_LABELS,
  SOE_KPIS,
  SOE_KPI_LABELS,
  type OutcomeForm,
  type ReformCadence,
  type ReformTask,
  type SoeKpiKey,
} from '@contracts/schemas/reform';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent, fieldErrorsOf, isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { pickLabel } from '@/lib/i18n';
import { useAreas } from '../api/get-areas';
import { useIndicatorDefinitions } from '../api/get-indicator-definitions';
import { useCreateTask, useUpdateTask } from '../api/save-task';
import { UnitMultiSelect } from './unit-multi-select';

type TargetForm = {
  id?: string;
  metric: string;
  baseline?: number | null;
  target: number;
  unit?: string;
  direction: 'increase' | 'decrease';
  actual?: number | null;
  indicatorCode?: string | null;
  soeKpi?: SoeKpiKey | null;
};
type MilestoneForm = { title: string; dueOn: Dayjs; deliverable?: string };
type TaskForm = {
  areaId: string;
  itemId?: string | null;
  code?: string;
  title: string;
  measures?: string;
  sourceDoc?: string;
  sourceMeeting?: string;
  leadLeader?: string;
  leadUnitId: string;
  coUnitIds?: string[];
  outcomeForm?: OutcomeForm | null;
  outcomeNote?: string;
  startOn?: Dayjs;
  dueOn: Dayjs;
  cadence?: ReformCadence;
  isKey: boolean;
  isFirst: boolean;
  isReplicated: boolean;
  soeCreditCode?: string;
  targets?: TargetForm[];
  milestones?: MilestoneForm[];
};

export type TaskFormState =
  { mode: 'create'; areaId?: string; itemId?: string } | { mode: 'edit'; task: ReformTask } | null;

const FIELDS = new Set([
  'areaId',
  'itemId',
  'code',
  'title',
  'measures',
  'sourceDoc',
  'sourceMeeting',
  'leadLeader',
  'leadUnitId',
  'coUnitIds',
  'outcomeForm',
  'outcomeNote',
  'startOn',
  'dueOn',
  'cadence',
  'soeCreditCode',
  'targets',
  'milestones',
]);

const blank = (s: string | undefined | null) => (s && s.trim() ? s.trim() : null);

function toForm(t: ReformTask): TaskForm {
  return {
    areaId: t.areaId,
    itemId: t.itemId,
    code: t.code ?? undefined,
    title: t.title,
    measures: t.measures ?? undefined,
    sourceDoc: t.sourceDoc ?? undefined,
    sourceMeeting: t.sourceMeeting ?? undefined,
    leadLeader: t.leadLeader ?? undefined,
    leadUnitId: t.leadUnit.id,
    coUnitIds: t.coUnits.map((u) => u.id),
    outcomeForm: t.outcomeForm,
    outcomeNote: t.outcomeNote ?? undefined,
    startOn: dayjs(t.startOn),
    dueOn: dayjs(t.dueOn),
    cadence: t.cadence,
    isKey: t.isKey,
    isFirst: t.isFirst,
    isReplicated: t.isReplicated,
    soeCreditCode: t.soeCreditCode ?? undefined,
    targets: t.targets.map((x) => ({
      id: x.id,
      metric: x.metric,
      baseline: x.baseline,
      target: x.target,
      unit: x.unit,
      direction: x.direction,
      actual: x.typedActual,
      indicatorCode: x.indicatorCode,
      soeKpi: x.soeKpi,
    })),
  };
}

/** New or edit reform task: the 台账 fields, targets (optionally measured by an indicator) and, on create, milestones. */
export function TaskFormDrawer({
  state,
  onClose,
  onSaved,
}: {
  state: TaskFormState;
  onClose: () => void;
  onSaved: (task: ReformTask) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<TaskForm>();
  const areas = useAreas();
  const indicators = useIndicatorDefinitions(usePermission('indicator:read') && state !== null);
  const create = useCreateTask();
  const update = useUpdateTask();
  const [base, setBase] = useState<ReformTask | null>(null);
  const [error, setError] = useState<string | null>(null);
  const areaId = Form.useWatch('areaId', form);
  const editing = state?.mode === 'edit';
  const canChangeDeadline = !editing || Boolean(base?.abilities.changeDeadline);

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      setBase(state.task);
      form.setFieldsValue(toForm(state.task));
    } else {
      setBase(null);
      form.setFieldsValue({
        areaId: state.areaId,
        itemId: state.itemId,
        isKey: false,
        isFirst: false,
        isReplicated: false,
        startOn: dayjs(),
        targets: [],
        milestones: [],
      });
    }
  }, [state, form]);

  const area = areas.data?.find((a) => a.id === areaId);

  const submit = async (v: TaskForm) => {
    setError(null);
    const common = {
      areaId: v.areaId,
      itemId: v.itemId ?? null,
      code: blank(v.code),
      title: v.title.trim(),
      measures: blank(v.measures),
      sourceDoc: blank(v.sourceDoc),
      sourceMeeting: blank(v.sourceMeeting),
      leadLeader: blank(v.leadLeader),
      leadUnitId: v.leadUnitId,
      coUnitIds: v.coUnitIds ?? [],
      outcomeForm: v.outcomeForm ?? null,
      outcomeNote: blank(v.outcomeNote),
      startOn: v.startOn?.format('YYYY-MM-DD'),
      cadence: v.cadence,
      isKey: v.isKey,
      isFirst: v.isFirst,
      isReplicated: v.isReplicated,
      soeCreditCode: blank(v.soeCreditCode),
      targets: (v.targets ?? []).map((x) => ({
        id: x.id,
        metric: x.metric.trim(),
        baseline: x.baseline ?? null,
        target: x.target,
        unit: (x.unit ?? '').trim(),
        direction: x.direction,
        actual: x.actual ?? null,
        indicatorCode: x.indicatorCode || null,
        soeKpi: x.soeKpi || null,
      })),
    };
    try {
      let saved: ReformTask;
      if (state?.mode === 'edit' && base) {
        saved = await update.mutateAsync({
          id: base.id,
          input: {
            ...common,
            ...(canChangeDeadline ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
            version: base.version,
          },
        });
      } else {
        saved = await create.mutateAsync({
          ...common,
          dueOn: v.dueOn.format('YYYY-MM-DD'),
          milestones: (v.milestones ?? []).map((m) => ({
            title: m.title.trim(),
            dueOn: m.dueOn.format('YYYY-MM-DD'),
            deliverable: blank(m.deliverable),
          })),
        });
      }
      void message.success(t('common.saved'));
      onSaved(saved);
    } catch (e) {
      const current = conflictCurrent<ReformTask>(e);
      if (current) {
        setBase(current);
        form.setFieldsValue(toForm(current));
        setError(`${(e as Error).message} ${t('errors.versionConflictReloaded')}`);
        return;
      }
      const fields = fieldErrorsOf(e);
      const known = Object.keys(fields).filter((k) => FIELDS.has(k));
      if (known.length)
        form.setFields(known.map((k) => ({ name: k as keyof TaskForm, errors: [fields[k]!] })));
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const half = isMobile ? 24 : 12;

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={editing ? t('reform.editTask') : t('reform.create')}
      width={isMobile ? '100%' : 820}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="task-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<TaskForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="task-form">
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item
              name="areaId"
              label={t('reform.area')}
              rules={[{ required: true, message: t('reform.required') }]}
            >
              <Select
                options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                onChange={() => form.setFieldValue('itemId', null)}
                loading={areas.isLoading}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="itemId" label={t('reform.item')}>
              <Select
                allowClear
                options={(area?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 24 : 8}>
            <Form.Item name="code" label={t('reform.code')} extra={t('reform.codeHelp')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 24 : 16}>
            <Form.Item
              name="title"
              label={t('reform.taskTitle')}
              rules={[{ required: true, min: 2, message: t('reform.titleRequired') }]}
            >
              <Input maxLength={200} data-testid="task-title" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="measures" label={t('reform.measures')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="sourceDoc" label={t('reform.sourceDoc')}>
              <Input maxLength={200} placeholder={t('reform.sourceDocPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="sourceMeeting" label={t('reform.sourceMeeting')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="leadLeader" label={t('reform.leadLeader')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="leadUnitId"
              label={t('reform.leadUnit')}
              rules={[{ required: true, message: t('reform.required') }]}
            >
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="coUnitIds" label={t('reform.coUnits')}>
              <UnitMultiSelect />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="outcomeForm" label={t('reform.outcomeForm')}>
              <Select
                allowClear
                options={OUTCOME_FORMS.map((o) => ({
                  value: o,
                  label: pickLabel(OUTCOME_FORM_LABELS[o], lang),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="outcomeNote" label={t('reform.outcomeNote')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 8}>
            <Form.Item name="startOn" label={t('reform.startOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 8}>
            <Form.Item
              name="dueOn"
              label={t('reform.dueOn')}
              rules={[{ required: true, message: t('reform.required') }]}
              extra={canChangeDeadline ? undefined : t('reform.deadlineByOffice')}
            >
              <DatePicker style={{ width: '100%' }} disabled={!canChangeDeadline} data-testid="task-due" />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 24 : 8}>
            <Form.Item name="cadence" label={t('reform.cadence')} extra={t('reform.cadenceHelp')}>
              <Select
                allowClear
                options={REFORM_CADENCES.map((c) => ({
                  value: c,
                  label: pickLabel(REFORM_CADENCE_LABELS[c], lang),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 8 : 6}>
            <Form.Item name="isKey" label={t('reform.isKey')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 8 : 6}>
            <Form.Item name="isFirst" label={t('reform.isFirst')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 8 : 6}>
            <Form.Item name="isReplicated" label={t('reform.isReplicated')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 24 : 6}>
            <Form.Item name="soeCreditCode" label={t('reform.soeCreditCode')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" plain>
          {t('reform.targets')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('reform.targetsHelp')}
        </Typography.Paragraph>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <div
                  key={f.key}
                  style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6, padding: '8px 8px 0' }}
                >
                  <Row gutter={8}>
                    <Form.Item name={[f.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Col span={isMobile ? 24 : 8}>
                      <Form.Item
                        name={[f.name, 'metric']}
                        label={t('reform.metric')}
                        rules={[{ required: true, message: t('reform.required') }]}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 8 : 4}>
                      <Form.Item name={[f.name, 'baseline']} label={t('reform.baseline')}>
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 8 : 4}>
                      <Form.Item
                        name={[f.name, 'target']}
                        label={t('reform.targetValue')}
                        rules={[{ required: true, message: t('reform.required') }]}
                      >
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 8 : 3}>
                      <Form.Item name={[f.name, 'unit']} label={t('reform.unit')}>
                        <Input maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 12 : 5}>
                      <Form.Item
                        name={[f.name, 'direction']}
                        label={t('reform.direction')}
                        initialValue="increase"
                      >
                        <Select
                          options={[
                            { value: 'increase', label: t('reform.higherBetter') },
                            { value: 'decrease', label: t('reform.lowerBetter') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 12 : 8}>
                      <Form.Item name={[f.name, 'indicatorCode']} label={t('reform.indicator')}>
                        <Select
                          allowClear
                          showSearch
                          optionFilterProp="label"
                          options={(indicators.data ?? []).map((d) => ({
                            value: d.code,
                            label: pickLabel(d.label, lang),
                          }))}
                          placeholder={t('reform.indicatorPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 12 : 6}>
                      <Form.Item name={[f.name, 'soeKpi']} label={t('reform.soeKpi')}>
                        <Select
                          allowClear
                          options={SOE_KPIS.map((k) => ({
                            value: k,
                            label: pickLabel(SOE_KPI_LABELS[k], lang),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 12 : 6}>
                      <Form.Item name={[f.name, 'actual']} label={t('reform.typedActual')}>
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={isMobile ? 24 : 4} style={{ display: 'flex', alignItems: 'center' }}>
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                      >
                        {t('common.delete')}
                      </Button>
                    </Col>
                  </Row>
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ direction: 'increase' })}>
                {t('reform.addTarget')}
              </Button>
            </Flex>
          )}
        </Form.List>

        {editing ? null : (
          <>
            <Divider orientation="left" plain>
              {t('reform.milestones')}
            </Divider>
            <Form.List name="milestones">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key} align="middle">
                      <Col span={isMobile ? 24 : 10}>
                        <Form.Item
                          name={[f.name, 'title']}
                          rules={[{ required: true, message: t('reform.required') }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Input placeholder={t('reform.milestoneTitle')} maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col span={isMobile ? 12 : 6}>
                        <Form.Item
                          name={[f.name, 'dueOn']}
                          rules={[{ required: true, message: t('reform.required') }]}
                          style={{ marginBottom: 8 }}
                        >
                          <DatePicker style={{ width: '100%' }} placeholder={t('reform.milestoneDue')} />
                        </Form.Item>
                      </Col>
                      <Col span={isMobile ? 12 : 6}>
                        <Form.Item name={[f.name, 'deliverable']} style={{ marginBottom: 8 }}>
                          <Input placeholder={t('reform.deliverable')} maxLength={500} />
                        </Form.Item>
                      </Col>
                      <Col span={isMobile ? 24 : 2}>
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => remove(f.name)}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('reform.addMilestone')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Drawer>
  );
}
