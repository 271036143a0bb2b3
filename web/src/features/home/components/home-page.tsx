import { Card, Col, Descriptions, Empty, Row, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DATA_SCOPE_LABELS } from '@contracts/abilities';
import { visibleNavItems } from '@/config/navigation';
import { paths } from '@/config/paths';
import { useCurrentUser } from '@/lib/auth';
import { pickLabel } from '@/lib/i18n';

/** 工作台: who the user is, in which unit, with which roles and which data scope; shortcuts to their features. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const me = useCurrentUser();
  const shortcuts = visibleNavItems(me.permissions).filter((i) => i.path !== paths.home);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" colon>
          <Descriptions.Item label={t('home.unit')}>{me.unitName ?? '—'}</Descriptions.Item>
          {me.roles ? (
            <Descriptions.Item label={t('home.roles')}>
              <Space size={[4, 4]} wrap>
                {me.roles.length
                  ? me.roles.map((r) => (
                      <Tag key={r.id} color="blue">
                        {i18n.language === 'en' && r.nameEn ? r.nameEn : r.name}
                      </Tag>
                    ))
                  : '—'}
              </Space>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item
            label={
              <Tooltip title={t('home.scopesHelp')}>
                <span style={{ borderBottom: `1px dashed ${token.colorTextTertiary}` }}>
                  {t('home.scopes')}
                </span>
              </Tooltip>
            }
          >
            <Space size={[4, 4]} wrap>
              {me.scopes.length
                ? me.scopes.map((s) => (
                    <Tag key={s} color="geekblue">
                      {pickLabel(DATA_SCOPE_LABELS[s], i18n.language)}
                    </Tag>
                  ))
                : '—'}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.permissions')}>
            {t('home.permissionCount', { count: me.permissions.length })}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('home.shortcuts')}>
        {shortcuts.length ? (
          <Row gutter={[12, 12]}>
            {shortcuts.map((item) => (
              <Col key={item.path} xs={12} sm={8} md={6} xl={4}>
                <Link to={item.path}>
                  <Card
                    hoverable
                    size="small"
                    styles={{ body: { textAlign: 'center', padding: '16px 8px' } }}
                  >
                    <div style={{ fontSize: 24, color: token.colorPrimary }}>{item.icon}</div>
                    <div style={{ marginTop: 6, color: token.colorText }}>{t(item.label)}</div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('home.noShortcuts')} />
        )}
      </Card>
    </Space>
  );
}
