import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useTodoCounts } from '../api/get-todo';

/** The count on the 待办 menu entry (red when something is overdue). */
export function TodoMenuBadge() {
  const { data } = useTodoCounts();
  if (!data?.total) return null;
  return (
    <Badge
      count={data.total}
      overflowCount={99}
      size="small"
      color={data.overdue ? '#ff4d4f' : '#1677ff'}
      style={{ marginInlineStart: 6, boxShadow: 'none' }}
      data-testid="todo-menu-badge"
    />
  );
}

/** The count on the 改革任务 menu group: reform items waiting for the user. */
export function ReformMenuBadge() {
  const { data } = useTodoCounts();
  if (!data?.reform) return null;
  return (
    <Badge
      count={data.reform}
      overflowCount={99}
      size="small"
      color="#faad14"
      style={{ marginInlineStart: 6, boxShadow: 'none' }}
    />
  );
}

/** A bell with the count in the header, on phones (where the menu sits in a drawer). */
export function TodoHeaderBadge({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useTodoCounts();
  if (!compact) return null;
  return (
    <Tooltip title={t('todo.title')}>
      <Badge
        count={data?.total ?? 0}
        overflowCount={99}
        size="small"
        offset={[-6, 6]}
        data-testid="todo-header-badge"
      >
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('todo.title')}
          onClick={() => void navigate(paths.todo)}
        />
      </Badge>
    </Tooltip>
  );
}
