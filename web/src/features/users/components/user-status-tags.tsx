import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts/schemas/org';
import { formatDateTime } from '@/lib/format';

export const isLocked = (u: Pick<User, 'lockedUntil'>) =>
  Boolean(u.lockedUntil && Date.parse(u.lockedUntil) > Date.now());

/** 停用 / 锁定 / 需改密, or 正常 when none applies. */
export function UserStatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  const tags = [];
  if (user.disabled)
    tags.push(
      <Tag key="disabled" color="red">
        {t('users.statusDisabled')}
      </Tag>,
    );
  if (isLocked(user))
    tags.push(
      <Tooltip key="locked" title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
        <Tag color="orange">{t('users.statusLocked')}</Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="must" color="gold">
        {t('users.statusMustChange')}
      </Tag>,
    );
  if (!tags.length)
    tags.push(
      <Tag key="ok" color="green">
        {t('users.statusActive')}
      </Tag>,
    );
  return (
    <Space size={[0, 4]} wrap>
      {tags}
    </Space>
  );
}
