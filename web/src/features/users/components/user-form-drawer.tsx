import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts/schemas/org';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { conflictCurrent } from '@/lib/api-client';
import { useRoles } from '@/lib/org-lookups';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';

type UserForm = {
  username: string;
  displayName: string;
  unitId?: string;
  roleIds: string[];
  email?: string;
  phone?: string;
  disabled: boolean;
};

const toForm = (u: User): UserForm => ({
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  roleIds: u.roles.map((r) => r.id),
  email: u.email ?? undefined,
  phone: u.phone ?? undefined,
  disabled: u.disabled,
});

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export type UserDrawerState = { mode: 'create' } | { mode: 'edit'; user: User } | null;

/** Create or edit a user. A new user gets a generated password, handed to onCreated to show once. */
export function UserFormDrawer({
  state,
  onClose,
  onCreated,
}: {
  state: UserDrawerState;
  onClose: () => void;
  onCreated: (user: User, initialPassword: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<UserForm>();
  const roles = useRoles(state !== null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const [base, setBase] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    setBase(state?.mode === 'edit' ? state.user : null);
  }, [state]);

  const initialValues = useMemo<Partial<UserForm>>(
    () => (state?.mode === 'edit' ? toForm(state.user) : { roleIds: [], disabled: false }),
    [state],
  );

  const roleOptions = (roles.data ?? []).map((r) => ({
    value: r.id,
    label: i18n.language === 'en' ? r.nameEn : r.name,
  }));

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      if (base) {
        await update.mutateAsync({
          id: base.id,
          input: {
            version: base.version,
            displayName: v.displayName.trim(),
            unitId: v.unitId,
            roleIds: v.roleIds,
            email: blankToNull(v.email),
            phone: blankToNull(v.phone),
            disabled: v.disabled,
          },
        });
        void message.success(t('common.saved'));
        onClose();
      } else {
        const res = await create.mutateAsync({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId!,
          roleIds: v.roleIds,
          email: blankToNull(v.email),
          phone: blankToNull(v.phone),
        });
        onClose();
        onCreated(res.data, res.initialPassword);
      }
    } catch (e) {
      const current = conflictCurrent<User>(e);
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
      title={editing ? t('users.edit') : t('users.create')}
      width={isMobile ? '100%' : 520}
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
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form<UserForm>
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={initialValues}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameRule')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={editing} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          rules={[{ required: true, message: t('users.unitRequired') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="roleIds" label={t('users.roles')}>
          <Select
            mode="multiple"
            options={roleOptions}
            loading={roles.isLoading}
            optionFilterProp="label"
            allowClear
          />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[{ type: 'email', message: t('users.emailInvalid') }]}
        >
          <Input maxLength={200} inputMode="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={32} inputMode="tel" />
        </Form.Item>
        {editing ? (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            {/* Absent ability = the server did not say; the server still checks. */}
            <Switch disabled={base?.abilities.disable === false} />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary">{t('users.generatedPasswordNote')}</Typography.Paragraph>
        )}
      </Form>
    </Drawer>
  );
}
