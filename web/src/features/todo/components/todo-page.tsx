import { useMemo, useState } from 'react';
import { Badge, Card, Empty, Flex, List, Segmented, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TODO_KINDS, TODO_KIND_LABELS, type TodoItem, type TodoKind } from '@contracts/schemas/reform';
import { webRouteOf } from '@/components/drill';
import { Page } from '@/components/page';
import { LoadErrorPage, SectionLoading } from '@/components/status-pages';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useTodo } from '../api/get-todo';

function DueBadge({ item }: { item: TodoItem }) {
  const { t } = useTranslation();
  if (item.daysLeft === null || item.dueOn === null) return null;
  if (item.overdue)
    return (
      <Tag color="error" data-testid="todo-overdue">
        {t('todo.overdueDays', { count: -item.daysLeft })}
      </Tag>
    );
  if (item.daysLeft === 0) return <Tag color="warning">{t('todo.dueToday')}</Tag>;
  if (item.daysLeft < 0) return <Tag>{formatDate(item.dueOn)}</Tag>;
  return (
    <Tag color={item.daysLeft <= 3 ? 'warning' : 'default'}>{t('todo.dueIn', { count: item.daysLeft })}</Tag>
  );
}

/** 待办: what is due or waiting for me across reform tasks and problems, grouped by kind, each opening its record. */
export function TodoPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const todo = useTodo();
  const [show, setShow] = useState<'all' | 'overdue'>('all');

  const groups = useMemo(() => {
    const items = (todo.data?.items ?? []).filter((i) => show === 'all' || i.overdue);
    const m = new Map<TodoKind, TodoItem[]>();
    for (const i of items) m.set(i.kind, [...(m.get(i.kind) ?? []), i]);
    return TODO_KINDS.filter((k) => m.has(k)).map((k) => ({ kind: k, items: m.get(k)! }));
  }, [todo.data, show]);

  if (todo.isLoading) return <SectionLoading />;
  if (todo.isError) return <LoadErrorPage error={todo.error} onRetry={() => void todo.refetch()} />;
  const counts = todo.data!.counts;

  return (
    <Page
      title={t('todo.title')}
      extra={
        <Segmented
          value={show}
          onChange={(v) => setShow(v as 'all' | 'overdue')}
          options={[
            { value: 'all', label: t('todo.all', { count: counts.total }) },
            { value: 'overdue', label: t('todo.overdue', { count: counts.overdue }) },
          ]}
        />
      }
    >
      {groups.length ? (
        <Flex vertical gap={16} data-testid="todo-groups">
          {groups.map((g) => (
            <Card
              key={g.kind}
              size="small"
              data-testid="todo-group"
              data-kind={g.kind}
              title={
                <Flex gap={8} align="center">
                  {pickLabel(TODO_KIND_LABELS[g.kind], lang)}
                  <Badge
                    count={g.items.length}
                    color={g.items.some((i) => i.overdue) ? '#ff4d4f' : '#1677ff'}
                  />
                </Flex>
              }
              styles={{ body: { padding: 0 } }}
            >
              <List<TodoItem>
                dataSource={g.items}
                renderItem={(i) => (
                  <List.Item style={{ padding: '10px 16px' }} data-testid="todo-item">
                    <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
                      <div style={{ minWidth: 0, flex: '1 1 240px' }}>
                        <Link to={webRouteOf(i.link)} data-testid="todo-link">
                          {i.title}
                        </Link>
                        {i.subtitle ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {' '}
                            · {i.subtitle}
                          </Typography.Text>
                        ) : null}
                      </div>
                      <Flex gap={4} align="center">
                        {i.dueOn ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {formatDate(i.dueOn)}
                          </Typography.Text>
                        ) : null}
                        <DueBadge item={i} />
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ))}
        </Flex>
      ) : (
        <Card>
          <Empty description={show === 'overdue' ? t('todo.noneOverdue') : t('todo.none')} />
        </Card>
      )}
    </Page>
  );
}
