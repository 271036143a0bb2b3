import { useState, type ReactNode } from 'react';
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '@/hooks/use-is-mobile';

/**
 * A list's filters: inline and wrapping on wide screens; on phones the `primary` control (usually the
 * keyword box) stays in view and the rest collapse into a bottom drawer behind a 筛选 button showing how
 * many filters are set.
 */
export function FilterBar({
  primary,
  children,
  activeCount,
  onReset,
  extra,
}: {
  primary?: ReactNode;
  children: ReactNode;
  activeCount: number;
  onReset?: () => void;
  /** Buttons after the filters (saved views …), kept in view on phones too. */
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);

  if (!isMobile) {
    return (
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="filter-bar">
        {primary}
        {children}
        {onReset && activeCount ? (
          <Button type="link" onClick={onReset}>
            {t('common.reset')}
          </Button>
        ) : null}
        {extra}
      </Flex>
    );
  }
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} data-testid="filter-bar">
        <div style={{ flex: 1, minWidth: 0 }}>{primary}</div>
        <Badge count={activeCount} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setOpen(true)} data-testid="filter-open">
            {t('filters.open')}
          </Button>
        </Badge>
      </Flex>
      {extra ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          {extra}
        </Flex>
      ) : null}
      <Drawer
        placement="bottom"
        height="80vh"
        open={open}
        onClose={() => setOpen(false)}
        title={t('filters.title')}
        extra={
          <Flex gap={8}>
            {onReset ? <Button onClick={onReset}>{t('common.reset')}</Button> : null}
            <Button type="primary" onClick={() => setOpen(false)}>
              {t('filters.apply')}
            </Button>
          </Flex>
        }
      >
        <Flex vertical gap={12} className="gj-filter-drawer">
          {children}
        </Flex>
      </Drawer>
    </>
  );
}
