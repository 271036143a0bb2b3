import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { CenteredLayout } from '@/components/centered-layout';
import { FullPageLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { safeRedirect, useLogin, useMe } from '@/lib/auth';

type LoginForm = { username: string; password: string };

/** Sign-in. After success the user lands where they were going (?redirect=), or must change the password first. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));

  if (me.isPending) return <FullPageLoading />;
  if (me.data) {
    const to = me.data.mustChangePassword
      ? `${paths.changePassword}${redirect === paths.home ? '' : `?redirect=${encodeURIComponent(redirect)}`}`
      : redirect;
    return <Navigate to={to} replace />;
  }

  return (
    <CenteredLayout>
      <Card styles={{ body: { padding: '32px 28px' } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 8 }}>
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Form<LoginForm>
          layout="vertical"
          size="large"
          requiredMark={false}
          onValuesChange={() => login.error && login.reset()}
          onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
        >
          <Form.Item
            label={t('auth.login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.login.usernameRequired') }]}
          >
            <Input
              name="username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              maxLength={64}
            />
          </Form.Item>
          <Form.Item
            label={t('auth.login.password')}
            name="password"
            rules={[{ required: true, message: t('auth.login.passwordRequired') }]}
          >
            <Input.Password
              name="password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={128}
            />
          </Form.Item>
          {login.error ? (
            <Alert
              type="error"
              showIcon
              message={login.error.message}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          ) : null}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Form>
      </Card>
    </CenteredLayout>
  );
}
