import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DataScope, Permission } from '@contracts/abilities';
import type { Role } from '@contracts/schemas/org';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent } from '@/lib/api-client';
import { useCreateRole } from '../api/create-role';
import { useUpdateRole } from '../api/update-role';
import { DataScopePicker } from './data-scope-picker';
import { PermissionPicker } from './permission-picker';

type RoleForm = {
  code: string;
  name: string;
  nameEn: string;
  description?: string;
  permissions: Permission[];
  dataScope?: DataScope;
};

const toForm = (r: Role): RoleForm => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  description: r.description ?? undefined,
  permissions: r.permissions,
  dataScope: r.dataScope,
});

export type RoleDrawerState = { mode: 'create' } | { mode: 'edit'; role: Role } | null;

/** Create or edit a role: names, grouped permissions and one data scope. */
export function RoleFormDrawer({ state, onClose }: { state: RoleDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<RoleForm>();
  const create = useCreateRole();
  const update = useUpdateRole();
  const [base, setBase] = useState<Role | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    setBase(state?.mode === 'edit' ? state.role : null);
  }, [state]);

  const initialValues = useMemo<Partial<RoleForm>>(
    () => (state?.mode === 'edit' ? toForm(state.role) : { permissions: [], dataScope: 'unit' }),
    [state],
  );

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const fields = {
      name: v.name.trim(),
      nameEn: v.nameEn.trim(),
      description: v.description?.trim() || null,
      permissions: v.permissions,
      dataScope: v.dataScope!,
    };
    try {
      if (base) await update.mutateAsync({ id: base.id, input: { ...fields, version: base.version } });
      else await create.mutateAsync({ ...fields, code: v.code.trim() });
      void message.success(base ? t('common.saved') : t('common.created'));
      onClose();
    } catch (e) {
      const current = conflictCurrent<Role>(e);
      if (current) {
        setBase(current);
        form.setFieldsValue(toForm(current));
        setError(`${(e as Error).message} ${t('errors.versionConflictReloaded')}`);
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    }
  };

  const editing = state?.mode === 'edit';

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={editing ? t('roles.edit') : t('roles.create')}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {base?.builtin ? (
        <Alert type="info" showIcon message={t('roles.builtinNotice')} style={{ marginBottom: 16 }} />
      ) : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<RoleForm> form={form} layout="vertical" clearOnDestroy initialValues={initialValues}>
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={editing ? undefined : t('roles.codeRule')}
          rules={[
            { required: true, whitespace: true, message: t('roles.codeRequired') },
            { pattern: /^[a-z0-9_]{2,64}$/, message: t('roles.codeRule') },
          ]}
        >
          <Input disabled={editing} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('roles.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('roles.nameEnRequired') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item
          name="dataScope"
          label={t('roles.dataScope')}
          rules={[{ required: true, message: t('roles.dataScopeRequired') }]}
        >
          <DataScopePicker />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
