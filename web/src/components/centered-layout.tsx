import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/** Full-page background with one centered card slot; used by sign-in and the forced password change. */
export function CenteredLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: '48px 16px',
        background: 'linear-gradient(160deg, #e8f0fe 0%, #f5f7fa 55%, #fdf2f2 100%)',
        position: 'relative',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <div style={{ width: '100%', maxWidth: 420 }}>{children}</div>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('app.fullName')}
      </Typography.Text>
    </div>
  );
}
