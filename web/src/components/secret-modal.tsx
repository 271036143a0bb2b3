import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type Secret = {
  title: string;
  hint: string;
  rows: { label: ReactNode; value: string; secret?: boolean }[];
};

/**
 * Shows a generated password or token once, with a copy button. Closing it discards the value;
 * the server never shows it again.
 */
export function SecretModal({ secret, onClose }: { secret: Secret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={secret?.title}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      {secret ? (
        <>
          <Alert type="warning" showIcon message={secret.hint} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            {secret.rows.map((r, i) => (
              <Descriptions.Item key={i} label={r.label}>
                <Typography.Text
                  code={r.secret}
                  copyable={{ text: r.value, tooltips: [t('common.copy'), t('common.copied')] }}
                  style={{ wordBreak: 'break-all' }}
                  data-testid={r.secret ? 'secret-value' : undefined}
                >
                  {r.value}
                </Typography.Text>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
