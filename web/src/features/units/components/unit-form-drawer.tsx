import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitCreate } from '@contracts/schemas/org';
import { RegionSelect } from '@/components/region-select';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent, isApiError } from '@/lib/api-client';
import { descendantIds } from '@/lib/org-lookups';
import { useCreateUnit } from '../api/create-unit';
import { useUpdateUnit } from '../api/update-unit';
import { UNIT_KIND_LIST } from './unit-kind-tag';

type UnitForm = {
  name: string;
  shortName?: string;
  code?: string;
  kind?: Unit['kind'];
  parentId?: string;
  regionCode?: string;
  sort?: number;
  active: boolean;
};

const toForm = (u: Unit): UnitForm => ({
  name: u.name,
  shortName: u.shortName ?? undefined,
  code: u.code ?? undefined,
  kind: u.kind,
  parentId: u.parentId ?? undefined,
  regionCode: u.regionCode,
  sort: u.sort,
  active: u.active,
});

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export type UnitDrawerState = { mode: 'create'; parentId?: string } | { mode: 'edit'; unit: Unit } | null;

/** Create or edit one unit. Edits carry the version they started from; a conflict reloads the form. */
export function UnitFormDrawer({
  state,
  units,
  onClose,
}: {
  state: UnitDrawerState;
  units: Unit[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<UnitForm>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  // The record the edit is based on; replaced by the server's copy after a version conflict.
  const [base, setBase] = useState<Unit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    setBase(state?.mode === 'edit' ? state.unit : null);
  }, [state]);

  // Applied when the form mounts (the drawer destroys it on close).
  const initialValues = useMemo<Partial<UnitForm>>(() => {
    if (!state) return {};
    if (state.mode === 'edit') return toForm(state.unit);
    const parent = units.find((u) => u.id === state.parentId);
    return { active: true, sort: 0, parentId: state.parentId, regionCode: parent?.regionCode };
  }, [state, units]);

  const exclude = useMemo(() => (base ? descendantIds(units, base.id) : undefined), [base, units]);

  const submit = async () => {
    const v = await form.validateFields();
    const input: UnitCreate = {
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      code: blankToNull(v.code),
      kind: v.kind!,
      parentId: v.parentId ?? null,
      regionCode: v.regionCode!,
      sort: v.sort ?? 0,
      active: v.active,
    };
    setError(null);
    try {
      if (base) await update.mutateAsync({ id: base.id, input: { ...input, version: base.version } });
      else await create.mutateAsync(input);
      void message.success(base ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      const current = conflictCurrent<Unit>(e);
      if (current) {
        setBase(current);
        form.setFieldsValue(toForm(current));
        setError(`${(e as Error).message} ${t('errors.versionConflictReloaded')}`);
      } else {
        setError(isApiError(e) || e instanceof Error ? e.message : String(e));
      }
    }
  };

  const saving = create.isPending || update.isPending;

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={state?.mode === 'edit' ? t('units.edit') : t('units.create')}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<UnitForm>
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={initialValues}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.shortName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="code" label={t('units.code')} extra={t('units.codeHelp')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('units.kind')}
          rules={[{ required: true, message: t('units.kindRequired') }]}
        >
          <Select options={UNIT_KIND_LIST.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <UnitTreeSelect allowClear placeholder={t('units.parentNone')} exclude={exclude} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('units.region')}
          rules={[{ required: true, message: t('units.regionRequired') }]}
        >
          <RegionSelect initialLabel={base?.regionName} />
        </Form.Item>
        <Form.Item name="sort" label={t('units.sort')} extra={t('units.sortHelp')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="active" label={t('units.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
