import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Problem } from '@contracts/schemas/problems';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useProjectProblems } from '../api/project-problems';
import { RaiseProblemModal } from './raise-problem-modal';

/** 问题: the project's problems (open them on the 问题清单 page) and 提出问题. */
export function ProjectProblemsTab({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canRaise = usePermission('problem:manage');
  const problems = useProjectProblems(projectId);
  const [open, setOpen] = useState(false);

  const columns: ColumnsType<Problem> = [
    {
      title: t('problems.titleField'),
      dataIndex: 'title',
      render: (v: string, p) => (
        <Link
          to={`${paths.problems}?id=${encodeURIComponent(p.id)}`}
          style={{ display: 'inline-block', minWidth: 160, whiteSpace: 'normal' }}
        >
          {v}
        </Link>
      ),
    },
    {
      title: t('problems.category'),
      dataIndex: 'categoryLabel',
      render: (c: Problem['categoryLabel'], p) => (c ? pickLabel(c, lang) : p.category),
    },
    { title: t('problems.ownerUnit'), dataIndex: 'ownerUnitName', render: (v: string | null) => v ?? '—' },
    {
      title: t('problems.dueOn'),
      dataIndex: 'dueOn',
      render: (v: string | null, p) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDate(v)}
          {p.overdue ? (
            <Tag color="error" style={{ marginInlineStart: 4 }}>
              {t('problems.overdueDays', { count: p.daysOverdue })}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'statusLabel',
      render: (s: Problem['statusLabel']) => <Tag>{pickLabel(s, lang)}</Tag>,
    },
    {
      title: t('problems.escalation'),
      dataIndex: 'escalationLevel',
      render: (lv: number, p) => (p.escalationLabel ? pickLabel(p.escalationLabel, lang) : lv),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('problems.projectHelp')}</Typography.Text>
        {canRaise ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('problems.raise')}
          </Button>
        ) : null}
      </Flex>
      {problems.isError ? (
        <LoadErrorPage error={problems.error} onRetry={() => void problems.refetch()} />
      ) : (
        <Table<Problem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={problems.data?.data}
          loading={problems.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      <RaiseProblemModal projectId={projectId} open={open} onClose={() => setOpen(false)} />
    </Flex>
  );
}
