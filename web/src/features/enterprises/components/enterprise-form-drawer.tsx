import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ENTERPRISE_SIZES,
  ENTERPRISE_SIZE_LABELS,
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  type Enterprise,
  type EnterpriseSize,
  type Ownership,
} from '@contracts/schemas/enterprises';
import { checkCreditCode, normaliseCreditCode } from '@contracts/validators/credit-code';
import { RegionSelect } from '@/components/region-select';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent, fieldErrorsOf, isApiError } from '@/lib/api-client';
import { creditCodeRule } from '@/lib/form-rules';
import { pickLabel } from '@/lib/i18n';
import { useCreateEnterprise, useUpdateEnterprise } from '../api/save-enterprise';
import { IndustrySelect } from './enterprise-tags';

type EnterpriseForm = {
  creditCode: string;
  name: string;
  renamedOn?: Dayjs | null;
  regionCode?: string;
  industryCode?: string | null;
  size?: EnterpriseSize | null;
  ownership?: Ownership | null;
  soe: boolean;
  listed: boolean;
  foundedOn?: Dayjs | null;
  ownerUnitId?: string | null;
};

const FIELDS = new Set([
  'creditCode',
  'name',
  'regionCode',
  'industryCode',
  'size',
  'ownership',
  'foundedOn',
  'ownerUnitId',
]);

export type EnterpriseFormState = { mode: 'create' } | { mode: 'edit'; enterprise: Enterprise } | null;

const toForm = (e: Enterprise): EnterpriseForm => ({
  creditCode: e.creditCode,
  name: e.name,
  regionCode: e.regionCode,
  industryCode: e.industryCode,
  size: e.size,
  ownership: e.ownership,
  soe: e.soe,
  listed: e.listed,
  foundedOn: e.foundedOn ? dayjs(e.foundedOn) : null,
  ownerUnitId: e.ownerUnitId,
});

/** Live feedback on a 统一社会信用代码 as it is typed: format, check character, the region it names, the org-code warning. */
function CreditCodeFeedback({ value }: { value: string | undefined }) {
  const { t } = useTranslation();
  if (!value || value.trim().length < 18) return null;
  const c = checkCreditCode(value);
  if (!c.valid) return null;
  return (
    <Typography.Text
      type={c.warning ? 'warning' : 'success'}
      style={{ fontSize: 12 }}
      data-testid="credit-code-ok"
    >
      {t('enterprises.creditCodeOk', { region: c.regionCode })}
      {c.warning ? ` ${t('enterprises.orgCodeWarning')}` : ''}
    </Typography.Text>
  );
}

/** 新增/编辑企业: the registry fields; the credit code is checked (GB 32100) as it is typed. */
export function EnterpriseFormDrawer({
  state,
  onClose,
  onSaved,
}: {
  state: EnterpriseFormState;
  onClose: () => void;
  onSaved: (e: Enterprise) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<EnterpriseForm>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const [base, setBase] = useState<Enterprise | null>(null);
  const [error, setError] = useState<string | null>(null);
  const code = Form.useWatch('creditCode', form);
  const name = Form.useWatch('name', form);
  const editing = state?.mode === 'edit';

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      setBase(state.enterprise);
      form.setFieldsValue(toForm(state.enterprise));
    } else {
      setBase(null);
      form.setFieldsValue({ soe: false, listed: false });
    }
  }, [state, form]);

  const submit = async (v: EnterpriseForm) => {
    setError(null);
    const body = {
      creditCode: normaliseCreditCode(v.creditCode),
      name: v.name.trim(),
      regionCode: v.regionCode || undefined,
      industryCode: v.industryCode || null,
      size: v.size ?? null,
      ownership: v.ownership ?? null,
      soe: v.soe,
      listed: v.listed,
      foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null,
      ownerUnitId: v.ownerUnitId ?? null,
    };
    try {
      const saved =
        editing && base
          ? await update.mutateAsync({
              id: base.id,
              input: {
                ...body,
                ...(v.renamedOn && body.name !== base.name
                  ? { renamedOn: v.renamedOn.format('YYYY-MM-DD') }
                  : {}),
                version: base.version,
              },
            })
          : await create.mutateAsync(body);
      if (saved.warnings.length)
        modal.warning({
          title: t('enterprises.savedWithWarnings'),
          content: saved.warnings.map((w) => (lang === 'en' ? w.en : w.zh)).join('；'),
        });
      else void message.success(t('common.saved'));
      onSaved(saved.data);
    } catch (e) {
      const current = conflictCurrent<Enterprise>(e);
      if (current) {
        setBase(current);
        form.setFieldsValue(toForm(current));
        setError(`${(e as Error).message} ${t('errors.versionConflictReloaded')}`);
        return;
      }
      const fields = fieldErrorsOf(e);
      const known = Object.keys(fields).filter((k) => FIELDS.has(k));
      if (known.length)
        form.setFields(known.map((k) => ({ name: k as keyof EnterpriseForm, errors: [fields[k]!] })));
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
    }
  };

  const half = isMobile ? 24 : 12;
  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={editing ? t('enterprises.edit') : t('enterprises.create')}
      width={isMobile ? '100%' : 720}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            onClick={() => form.submit()}
            loading={create.isPending || update.isPending}
            data-testid="enterprise-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<EnterpriseForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        data-testid="enterprise-form"
      >
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item
              name="creditCode"
              label={t('enterprises.creditCode')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                { required: true, message: t('enterprises.creditCodeRequired') },
                creditCodeRule({
                  format: t('enterprises.creditCodeFormat'),
                  check: t('enterprises.creditCodeCheck'),
                }),
              ]}
              extra={<CreditCodeFeedback value={code} />}
            >
              <Input
                maxLength={40}
                style={{ fontFamily: 'monospace', textTransform: 'uppercase' }}
                data-testid="enterprise-credit-code"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="name"
              label={t('enterprises.name')}
              rules={[{ required: true, min: 2, message: t('enterprises.nameRequired') }]}
            >
              <Input maxLength={200} data-testid="enterprise-name" />
            </Form.Item>
          </Col>
          {editing && base && name && name.trim() !== base.name ? (
            <Col span={24}>
              <Form.Item
                name="renamedOn"
                label={t('enterprises.renamedOn')}
                extra={t('enterprises.renamedHelp')}
              >
                <DatePicker style={{ width: isMobile ? '100%' : 240 }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={half}>
            <Form.Item name="regionCode" label={t('enterprises.region')} extra={t('enterprises.regionHelp')}>
              <RegionSelect initialLabel={base?.regionName} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="industryCode" label={t('enterprises.industry')}>
              <IndustrySelect
                initialLabel={base?.industryName}
                placeholder={t('enterprises.industryPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 6}>
            <Form.Item name="size" label={t('enterprises.size')}>
              <Select
                allowClear
                options={ENTERPRISE_SIZES.map((s) => ({
                  value: s,
                  label: pickLabel(ENTERPRISE_SIZE_LABELS[s], lang),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 6}>
            <Form.Item name="ownership" label={t('enterprises.ownership')}>
              <Select
                allowClear
                options={OWNERSHIPS.map((o) => ({ value: o, label: pickLabel(OWNERSHIP_LABELS[o], lang) }))}
              />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 6}>
            <Form.Item name="soe" label={t('enterprises.soe')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={isMobile ? 12 : 6}>
            <Form.Item name="listed" label={t('enterprises.listed')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="foundedOn" label={t('enterprises.foundedOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="ownerUnitId"
              label={t('enterprises.ownerUnit')}
              extra={t('enterprises.ownerUnitHelp')}
            >
              <UnitTreeSelect allowClear />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
