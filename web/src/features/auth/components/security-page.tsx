import { useState } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Page } from '@/components/page';
import { SecretModal, type Secret } from '@/components/secret-modal';
import { LoadErrorPage } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDateTime } from '@/lib/format';
import { useCreateToken, type TokenCreateInput } from '../api/create-token';
import { useSessions, type Session } from '../api/get-sessions';
import { useTokens, type ApiToken } from '../api/get-tokens';
import { useRevokeSession } from '../api/revoke-session';
import { useRevokeToken } from '../api/revoke-token';

function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sessions = useSessions();
  const revoke = useRevokeSession();

  const columns: ColumnsType<Session> = [
    {
      title: t('auth.security.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string, s) => (
        <Space size={4} wrap>
          {formatDateTime(v)}
          {s.current ? <Tag color="green">{t('auth.security.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('auth.security.lastSeenAt'), dataIndex: 'lastSeenAt', render: formatDateTime },
    { title: t('auth.security.expiresAt'), dataIndex: 'expiresAt', render: formatDateTime },
    { title: t('auth.security.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: t('auth.security.userAgent'),
      dataIndex: 'userAgent',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) =>
        s.current ? null : (
          <Popconfirm
            title={t('auth.security.revokeSessionConfirm')}
            onConfirm={() =>
              revoke.mutate(s.id, {
                onSuccess: () => void message.success(t('auth.security.sessionRevoked')),
              })
            }
          >
            <Button type="link" danger size="small">
              {t('auth.security.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('auth.security.sessions')}
      extra={
        <Button
          type="text"
          icon={<ReloadOutlined />}
          aria-label={t('common.refresh')}
          onClick={() => void sessions.refetch()}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('auth.security.sessionsHelp')}</Typography.Paragraph>
      {sessions.isError ? (
        <LoadErrorPage error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table<Session>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sessions.data}
          loading={sessions.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [createOpen, setCreateOpen] = useState(false);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [form] = Form.useForm<{ name: string; expiresInDays?: number | null }>();

  const submit = async () => {
    const values = await form.validateFields();
    const input: TokenCreateInput = { name: values.name.trim() };
    if (values.expiresInDays) input.expiresInDays = values.expiresInDays;
    try {
      const res = await create.mutateAsync(input);
      setCreateOpen(false);
      form.resetFields();
      setSecret({
        title: t('auth.security.tokenCreatedTitle'),
        hint: t('auth.security.tokenCreatedHint'),
        rows: [
          { label: t('auth.security.tokenName'), value: res.data.name },
          { label: t('auth.security.tokens'), value: res.token, secret: true },
        ],
      });
    } catch {
      // Shown in the modal through create.error.
    }
  };

  const columns: ColumnsType<ApiToken> = [
    { title: t('auth.security.tokenName'), dataIndex: 'name' },
    {
      title: t('auth.security.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: t('auth.security.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('auth.security.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('auth.security.never')),
    },
    {
      title: t('auth.security.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('auth.security.noExpiry')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tok) => (
        <Popconfirm
          title={t('auth.security.revokeTokenConfirm', { name: tok.name })}
          onConfirm={() =>
            revoke.mutate(tok.id, { onSuccess: () => void message.success(t('auth.security.tokenRevoked')) })
          }
        >
          <Button type="link" danger size="small">
            {t('auth.security.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('auth.security.tokens')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
          {isMobile ? null : t('auth.security.newToken')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('auth.security.tokensHelp')}</Typography.Paragraph>
      {tokens.isError ? (
        <LoadErrorPage error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data}
          loading={tokens.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('auth.security.noTokens') }}
        />
      )}
      <Modal
        open={createOpen}
        title={t('auth.security.newToken')}
        onCancel={() => {
          setCreateOpen(false);
          create.reset();
        }}
        onOk={() => void submit()}
        okText={t('common.create')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" requiredMark={false} clearOnDestroy>
          <Form.Item
            name="name"
            label={t('auth.security.tokenName')}
            rules={[{ required: true, whitespace: true, message: t('auth.security.tokenNameRequired') }]}
          >
            <Input maxLength={100} placeholder={t('auth.security.tokenNamePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="expiresInDays"
            label={t('auth.security.expiresInDays')}
            extra={t('auth.security.expiresInDaysHelp')}
          >
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {create.error ? <Alert type="error" showIcon message={create.error.message} /> : null}
      </Modal>
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}

/** The user's own sessions (revocable) and personal API tokens (created, shown once, revocable). */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('auth.security.title')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <SessionsCard />
        <TokensCard />
      </Space>
    </Page>
  );
}
