import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Space, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '@/components/page';
import { isApiError } from '@/lib/api-client';
import { safeRedirect, useChangePassword, useCurrentUser, useLogout } from '@/lib/auth';

type ChangeForm = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * A live hint of the password policy (≥ 10 characters, 3 of 4 character classes, not containing the
 * username). The server is the judge: its WEAK_PASSWORD message is shown on the field.
 */
function PolicyHint({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const rules = [
    { ok: password.length >= 10, text: t('auth.changePassword.ruleLength') },
    { ok: classes >= 3, text: t('auth.changePassword.ruleClasses') },
    {
      ok: password.length > 0 && !password.toLowerCase().includes(username.toLowerCase()),
      text: t('auth.changePassword.ruleUsername'),
    },
  ];
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t('auth.changePassword.policyTitle')}</Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '6px 0 0' }}>
        {rules.map((r) => (
          <li key={r.text} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}>
            {r.ok ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} />
            ) : (
              <CloseCircleOutlined style={{ color: token.colorTextQuaternary }} />
            )}
            <Typography.Text type={r.ok ? undefined : 'secondary'}>{r.text}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [form] = Form.useForm<ChangeForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();
  const logout = useLogout();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  // mutateAsync, not mutate callbacks: a forced change swaps this page's shell when it succeeds,
  // and per-call callbacks of an unmounted observer would never run.
  const onFinish = async (values: ChangeForm) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    } catch (e) {
      if (isApiError(e) && e.code === 'WEAK_PASSWORD') {
        form.setFields([{ name: 'newPassword', errors: [e.message] }]);
      } else if (isApiError(e) && (e.code === 'INVALID_CREDENTIALS' || e.code === 'VALIDATION_FAILED')) {
        form.setFields([{ name: 'currentPassword', errors: [e.message] }]);
      }
      return;
    }
    void message.success(t('auth.changePassword.success'));
    void navigate(safeRedirect(params.get('redirect')), { replace: true });
  };

  const fieldError =
    change.error &&
    !(
      isApiError(change.error) &&
      ['WEAK_PASSWORD', 'INVALID_CREDENTIALS', 'VALIDATION_FAILED'].includes(change.error.code)
    )
      ? change.error.message
      : null;

  const body = (
    <>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          message={t('auth.changePassword.forcedNotice')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<ChangeForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
        <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
        <Form.Item
          label={t('auth.changePassword.currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('auth.changePassword.required') }]}
        >
          <Input.Password name="currentPassword" autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label={t('auth.changePassword.newPassword')}
          name="newPassword"
          rules={[
            { required: true, message: t('auth.changePassword.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                v && v === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('auth.changePassword.sameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password name="newPassword" autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <PolicyHint password={newPassword} username={me.username} />
        <Form.Item
          label={t('auth.changePassword.confirmPassword')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth.changePassword.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
            }),
          ]}
        >
          <Input.Password name="confirmPassword" autoComplete="new-password" maxLength={128} />
        </Form.Item>
        {fieldError ? (
          <Alert type="error" showIcon message={fieldError} style={{ marginBottom: 16 }} />
        ) : null}
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('auth.changePassword.submit')}
          </Button>
          {forced ? (
            <Button type="link" block onClick={() => logout.mutate()}>
              {t('auth.changePassword.logoutInstead')}
            </Button>
          ) : null}
        </Space>
      </Form>
    </>
  );

  if (forced) {
    return (
      <Card title={t('auth.changePassword.title')} styles={{ body: { paddingTop: 16 } }}>
        {body}
      </Card>
    );
  }
  return (
    <Page title={t('auth.changePassword.title')}>
      <Card style={{ maxWidth: 520 }}>{body}</Card>
    </Page>
  );
}
