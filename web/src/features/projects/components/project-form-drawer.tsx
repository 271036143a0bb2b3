import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  CONSTRUCTION_NATURES,
  MILESTONES,
  PROJECT_CATEGORIES,
  PROJECT_LEVELS,
  ProjectCreate,
  SIGNING_KINDS,
  type MilestoneKey,
  type ProjectDetail,
} from '@contracts/schemas/projects';
import { MoneyInput } from '@/components/money';
import { RegionSelect } from '@/components/region-select';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent, fieldErrorsOf, isApiError } from '@/lib/api-client';
import { creditCodeRule, projectCodeRule, zodRule } from '@/lib/form-rules';
import { pickLabel } from '@/lib/i18n';
import { useUnitTree } from '@/lib/org-lookups';
import { useChains, useIndustries } from '../api/get-reference';
import { useCreateProject, useUpdateProject } from '../api/save-project';

type ProjectForm = {
  name: string;
  projectCode?: string;
  internalId?: string;
  level?: string;
  category?: string;
  constructionNature?: string;
  signingKind?: string;
  foreignInvested: boolean;
  investorName?: string;
  investorCreditCode?: string;
  companyName?: string;
  companyCreditCode?: string;
  attractedByUnitId?: string;
  firstContactUnitId?: string;
  responsibleUnitId?: string;
  coUnitIds?: string[];
  regionCode?: string;
  zoneUnitId?: string;
  parkName?: string;
  linkedLeader?: string;
  taskForceId?: string;
  industryCode?: string;
  chainCode?: string;
  agreedInvestment?: number | null;
  filedInvestment?: number | null;
  fixedAssetInvestment?: number | null;
  registeredCapital?: number | null;
  foreignAmountUsd?: number | null;
  fxRate?: number | null;
  landAreaMu?: number | null;
  floorAreaM2?: number | null;
  leasedPlant: boolean;
  expectedOutput?: number | null;
  expectedTax?: number | null;
  expectedJobs?: number | null;
  planned?: Partial<Record<MilestoneKey, Dayjs | null>>;
  description?: string;
  nextSteps?: string;
};

const FORM_FIELDS = new Set<string>([
  'name',
  'projectCode',
  'internalId',
  'level',
  'category',
  'constructionNature',
  'signingKind',
  'foreignInvested',
  'investorName',
  'investorCreditCode',
  'companyName',
  'companyCreditCode',
  'attractedByUnitId',
  'firstContactUnitId',
  'responsibleUnitId',
  'coUnitIds',
  'regionCode',
  'zoneUnitId',
  'parkName',
  'linkedLeader',
  'taskForceId',
  'industryCode',
  'chainCode',
  'agreedInvestment',
  'filedInvestment',
  'fixedAssetInvestment',
  'registeredCapital',
  'foreignAmountUsd',
  'fxRate',
  'landAreaMu',
  'floorAreaM2',
  'leasedPlant',
  'expectedOutput',
  'expectedTax',
  'expectedJobs',
  'description',
  'nextSteps',
]);

const opt = (v: string | null | undefined) => v ?? undefined;
const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

const toForm = (p: ProjectDetail): ProjectForm => ({
  name: p.name,
  projectCode: opt(p.projectCode ?? p.legacyProjectCode),
  internalId: p.internalId,
  level: p.level,
  category: p.category,
  constructionNature: opt(p.constructionNature),
  signingKind: p.signingKind,
  foreignInvested: p.foreignInvested,
  investorName: opt(p.investorName),
  investorCreditCode: opt(p.investorCreditCode),
  companyName: opt(p.companyName),
  companyCreditCode: opt(p.companyCreditCode),
  attractedByUnitId: opt(p.attractedByUnitId),
  firstContactUnitId: opt(p.firstContactUnitId),
  responsibleUnitId: p.responsibleUnitId,
  coUnitIds: p.coUnits.map((u) => u.id),
  regionCode: p.regionCode,
  zoneUnitId: opt(p.zoneUnitId),
  parkName: opt(p.parkName),
  linkedLeader: opt(p.linkedLeader),
  taskForceId: opt(p.taskForceId),
  industryCode: opt(p.industryCode),
  chainCode: opt(p.chainCode),
  agreedInvestment: p.agreedInvestment,
  filedInvestment: p.filedInvestment,
  fixedAssetInvestment: p.fixedAssetInvestment,
  registeredCapital: p.registeredCapital,
  foreignAmountUsd: p.foreignAmountUsd,
  fxRate: p.fxRate,
  landAreaMu: p.landAreaMu,
  floorAreaM2: p.floorAreaM2,
  leasedPlant: p.leasedPlant,
  expectedOutput: p.expectedOutput,
  expectedTax: p.expectedTax,
  expectedJobs: p.expectedJobs,
  planned: Object.fromEntries(p.milestones.map((m) => [m.key, m.plannedOn ? dayjs(m.plannedOn) : null])),
  description: opt(p.description),
  nextSteps: opt(p.nextSteps),
});

function toInput(v: ProjectForm): ProjectCreate {
  const milestones: ProjectCreate['milestones'] = {};
  for (const m of MILESTONES) {
    const d = v.planned?.[m.key];
    milestones[m.key] = { plannedOn: d ? d.format('YYYY-MM-DD') : null };
  }
  const code = blankToNull(v.projectCode);
  return {
    name: v.name.trim(),
    projectCode: code,
    legacyProjectCode: code ? undefined : null,
    ...(v.internalId?.trim() ? { internalId: v.internalId.trim() } : {}),
    level: v.level as ProjectCreate['level'],
    category: v.category as ProjectCreate['category'],
    constructionNature: (v.constructionNature ?? null) as ProjectCreate['constructionNature'],
    signingKind: v.signingKind as ProjectCreate['signingKind'],
    foreignInvested: v.foreignInvested,
    investorName: blankToNull(v.investorName),
    investorCreditCode: blankToNull(v.investorCreditCode)?.toUpperCase() ?? null,
    companyName: blankToNull(v.companyName),
    companyCreditCode: blankToNull(v.companyCreditCode)?.toUpperCase() ?? null,
    attractedByUnitId: v.attractedByUnitId ?? null,
    firstContactUnitId: v.firstContactUnitId ?? null,
    responsibleUnitId: v.responsibleUnitId!,
    coUnitIds: v.coUnitIds ?? [],
    regionCode: v.regionCode!,
    zoneUnitId: v.zoneUnitId ?? null,
    parkName: blankToNull(v.parkName),
    linkedLeader: blankToNull(v.linkedLeader),
    taskForceId: v.taskForceId ?? null,
    industryCode: blankToNull(v.industryCode),
    chainCode: v.chainCode ?? null,
    agreedInvestment: v.agreedInvestment ?? null,
    filedInvestment: v.filedInvestment ?? null,
    fixedAssetInvestment: v.fixedAssetInvestment ?? null,
    registeredCapital: v.registeredCapital ?? null,
    foreignAmountUsd: v.foreignInvested ? (v.foreignAmountUsd ?? null) : null,
    fxRate: v.foreignInvested ? (v.fxRate ?? null) : null,
    landAreaMu: v.landAreaMu ?? null,
    floorAreaM2: v.floorAreaM2 ?? null,
    leasedPlant: v.leasedPlant,
    expectedOutput: v.expectedOutput ?? null,
    expectedTax: v.expectedTax ?? null,
    expectedJobs: v.expectedJobs ?? null,
    description: blankToNull(v.description),
    nextSteps: blankToNull(v.nextSteps),
    milestones,
  };
}

function IndustryInput({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const q = useDebouncedValue((value ?? '').trim(), 300);
  const industries = useIndustries(q, q.length >= 1);
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={(industries.data ?? []).slice(0, 30).map((i) => ({
        value: i.code,
        label: `${i.section}${i.code} ${i.name}`,
      }))}
      placeholder={t('projects.form.industryPlaceholder')}
      popupMatchSelectWidth={false}
    />
  );
}

export type ProjectDrawerState = { mode: 'create' } | { mode: 'edit'; project: ProjectDetail } | null;

/**
 * 新建/编辑项目, in the ledger's groups: 基本信息, 相关单位, 分类, 投资与规模 (万元, exact to the 元), 承诺指标,
 * 计划节点, 说明. Codes are checked as typed with the shared validators; the server's per-field answers are put
 * next to their fields; a version conflict reloads the form with the record as it is now.
 */
export function ProjectFormDrawer({
  state,
  onClose,
  onSaved,
}: {
  state: ProjectDrawerState;
  onClose: () => void;
  onSaved?: (p: ProjectDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ProjectForm>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const units = useUnitTree(state !== null);
  const chains = useChains();
  const [base, setBase] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const foreign = Form.useWatch('foreignInvested', form);
  const usd = Form.useWatch('foreignAmountUsd', form);
  const rate = Form.useWatch('fxRate', form);

  useEffect(() => {
    setError(null);
    setBase(state?.mode === 'edit' ? state.project : null);
  }, [state]);

  const initialValues = useMemo<Partial<ProjectForm>>(() => {
    if (!state) return {};
    if (state.mode === 'edit') return toForm(state.project);
    return {
      foreignInvested: false,
      leasedPlant: false,
      signingKind: 'new',
      level: 'municipal',
      category: 'industrial',
    };
  }, [state]);

  const zones = (units.data ?? []).filter((u) => u.kind === 'zone_committee');
  const taskForces = (units.data ?? []).filter((u) => u.kind === 'task_force');
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));

  const submit = async () => {
    let v: ProjectForm;
    try {
      v = await form.validateFields();
    } catch {
      void message.error(t('projects.form.fixErrors'));
      return;
    }
    const input = toInput(v);
    setError(null);
    try {
      const saved = base
        ? await update.mutateAsync({ id: base.id, input: { ...input, version: base.version } })
        : await create.mutateAsync(input);
      void message.success(base ? t('common.saved') : t('common.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      const current = conflictCurrent<ProjectDetail>(e);
      if (current) {
        setBase(current);
        form.setFieldsValue(toForm(current));
        setError(`${(e as Error).message} ${t('errors.versionConflictReloaded')}`);
        return;
      }
      const fields = fieldErrorsOf(e);
      // legacyProjectCode is typed into the one code field.
      if (fields.legacyProjectCode && !fields.projectCode) fields.projectCode = fields.legacyProjectCode;
      const known = Object.keys(fields).filter((k) => FORM_FIELDS.has(k));
      if (known.length)
        form.setFields(known.map((k) => ({ name: k as keyof ProjectForm, errors: [fields[k]!] })));
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const col = (node: ReactNode, span = 12) => (
    <Col xs={24} md={span}>
      {node}
    </Col>
  );
  const section = (title: string) => (
    <Divider orientation="left" orientationMargin={0} style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );
  const saving = create.isPending || update.isPending;
  const rmbOfUsd = foreign && usd && rate ? Math.round(usd * rate) : null;

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={state?.mode === 'edit' ? t('projects.edit') : t('projects.create')}
      width={isMobile ? '100%' : 860}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="project-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ProjectForm>
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={initialValues}
        scrollToFirstError
        data-testid="project-form"
      >
        {section(t('projects.form.basic'))}
        <Row gutter={16}>
          {col(
            <Form.Item
              name="name"
              label={t('projects.name')}
              rules={[
                { required: true, whitespace: true, message: t('projects.form.nameRequired') },
                zodRule(ProjectCreate.shape.name, t('projects.form.nameTooLong')),
              ]}
            >
              <Input maxLength={200} data-testid="project-name" />
            </Form.Item>,
            24,
          )}
          {col(
            <Form.Item
              name="projectCode"
              label={t('projects.projectCode')}
              extra={t('projects.form.projectCodeHelp')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[projectCodeRule(t('projects.form.projectCodeInvalid'))]}
            >
              <Input maxLength={40} placeholder="2306-321102-89-02-799920" data-testid="project-code" />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="internalId"
              label={t('projects.internalId')}
              extra={t('projects.form.internalIdHelp')}
            >
              <Input maxLength={64} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="level"
              label={t('projects.level')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <Select options={PROJECT_LEVELS.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="category"
              label={t('projects.category')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <Select
                options={PROJECT_CATEGORIES.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="constructionNature" label={t('projects.constructionNature')}>
              <Select
                allowClear
                options={CONSTRUCTION_NATURES.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="signingKind"
              label={t('projects.signingKind')}
              extra={t('projects.form.signingKindHelp')}
            >
              <Select options={SIGNING_KINDS.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))} />
            </Form.Item>,
          )}
        </Row>

        {section(t('projects.form.parties'))}
        <Row gutter={16}>
          {col(
            <Form.Item name="investorName" label={t('projects.investor')}>
              <Input maxLength={200} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="investorCreditCode"
              label={t('projects.investorCreditCode')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                creditCodeRule({
                  format: t('projects.form.creditCodeFormat'),
                  check: t('projects.form.creditCodeCheck'),
                }),
              ]}
            >
              <Input maxLength={18} placeholder="91321100MA1XXXXXXX" data-testid="investor-credit-code" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="companyName" label={t('projects.company')}>
              <Input maxLength={200} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="companyCreditCode"
              label={t('projects.companyCreditCode')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                creditCodeRule({
                  format: t('projects.form.creditCodeFormat'),
                  check: t('projects.form.creditCodeCheck'),
                }),
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="responsibleUnitId"
              label={t('projects.responsibleUnit')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <UnitTreeSelect placeholder={t('projects.form.pickUnit')} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="coUnitIds" label={t('projects.coUnits')}>
              <Select
                mode="multiple"
                allowClear
                showSearch
                optionFilterProp="label"
                options={unitOptions}
                maxTagCount="responsive"
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="attractedByUnitId" label={t('projects.attractedBy')}>
              <UnitTreeSelect allowClear />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="firstContactUnitId" label={t('projects.firstContact')}>
              <UnitTreeSelect allowClear />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="regionCode"
              label={t('projects.region')}
              rules={[{ required: true, message: t('projects.form.required') }]}
            >
              <RegionSelect initialLabel={base?.regionName} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="zoneUnitId" label={t('projects.zone')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={zones.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="parkName" label={t('projects.park')}>
              <Input maxLength={100} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="linkedLeader" label={t('projects.linkedLeader')}>
              <Input maxLength={50} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="taskForceId" label={t('projects.taskForce')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={taskForces.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>,
          )}
        </Row>

        {section(t('projects.form.classification'))}
        <Row gutter={16}>
          {col(
            <Form.Item
              name="industryCode"
              label={t('projects.industry')}
              extra={t('projects.form.industryHelp')}
              rules={[{ pattern: /^[A-Ta-t]?\d{4}$/, message: t('projects.form.industryInvalid') }]}
            >
              <IndustryInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="chainCode" label={t('projects.chain')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(chains.data ?? [])
                  .filter((c) => c.active)
                  .map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>,
          )}
        </Row>

        {section(t('projects.form.money'))}
        <Row gutter={16}>
          {col(
            <Form.Item name="agreedInvestment" label={t('projects.agreedInvestment')}>
              <MoneyInput data-testid="agreed-investment" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="filedInvestment" label={t('projects.filedInvestment')}>
              <MoneyInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="fixedAssetInvestment" label={t('projects.fixedAssetInvestment')}>
              <MoneyInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="registeredCapital" label={t('projects.registeredCapital')}>
              <MoneyInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="foreignInvested" label={t('projects.foreignInvested')} valuePropName="checked">
              <Switch />
            </Form.Item>,
            24,
          )}
          {foreign ? (
            <>
              {col(
                <Form.Item
                  name="foreignAmountUsd"
                  label={t('projects.foreignAmount')}
                  extra={
                    rmbOfUsd
                      ? t('projects.form.fxEquivalent', { amount: (rmbOfUsd / 10000).toFixed(2) })
                      : null
                  }
                >
                  <MoneyInput suffix={t('money.wanUsd')} />
                </Form.Item>,
              )}
              {col(
                <Form.Item name="fxRate" label={t('projects.fxRate')} extra={t('projects.form.fxRateHelp')}>
                  <InputNumber min={0.0001} max={1000} step={0.01} style={{ width: '100%' }} />
                </Form.Item>,
              )}
            </>
          ) : null}
          {col(
            <Form.Item name="landAreaMu" label={t('projects.landAreaMu')}>
              <InputNumber min={0} max={1e7} style={{ width: '100%' }} addonAfter={t('money.mu')} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="floorAreaM2" label={t('projects.floorAreaM2')}>
              <InputNumber min={0} max={1e9} style={{ width: '100%' }} addonAfter="m²" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="leasedPlant" label={t('projects.leasedPlant')} valuePropName="checked">
              <Switch />
            </Form.Item>,
          )}
        </Row>

        {section(t('projects.form.commitments'))}
        <Row gutter={16}>
          {col(
            <Form.Item name="expectedOutput" label={t('projects.expectedOutput')}>
              <MoneyInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="expectedTax" label={t('projects.expectedTax')}>
              <MoneyInput />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="expectedJobs" label={t('projects.expectedJobs')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
          )}
        </Row>

        {section(t('projects.form.planned'))}
        <Row gutter={16}>
          {MILESTONES.map((m) => (
            <Col xs={12} md={8} key={m.key}>
              <Form.Item name={['planned', m.key]} label={pickLabel(m, lang)}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        {section(t('projects.form.notes'))}
        <Form.Item name="description" label={t('projects.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('projects.nextSteps')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
