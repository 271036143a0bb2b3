import { useState } from 'react';
import { ArrowLeftOutlined, EditOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PROJECT_CATEGORIES, PROJECT_DOC_TYPES, PROJECT_LEVELS } from '@contracts/schemas/projects';
import { AttachmentPanel } from '@/components/attachment-panel';
import { LightTag } from '@/components/light-tag';
import { StageTag } from '@/components/stage-tag';
import { LoadErrorPage, NotFoundPage, SectionLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { pickLabel } from '@/lib/i18n';
import { useProjectLights } from '../api/get-lights';
import { useProject } from '../api/get-project';
import type { ProjectFlagAction } from '../api/set-project-flag';
import { LightExplanation } from './light-explain';
import { ProjectFlagModal } from './project-flag-modal';
import { ProjectFormDrawer } from './project-form-drawer';
import { ProjectHistory } from './project-history';
import { ProjectLights } from './project-lights';
import { ProjectMonthly } from './project-monthly';
import { ProjectOverview } from './project-overview';
import { ProjectProblemsTab } from './project-problems-tab';
import { ProjectTimeline } from './project-timeline';

const TABS = ['overview', 'milestones', 'monthly', 'lights', 'problems', 'attachments', 'history'] as const;
type TabKey = (typeof TABS)[number];

/** 项目详情: header with codes and tags (the light explains itself on hover), and the record's tabs. */
export function ProjectDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const project = useProject(id);
  const lights = useProjectLights(id, project.isSuccess);
  const [editing, setEditing] = useState(false);
  const [flag, setFlag] = useState<ProjectFlagAction | null>(null);
  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as TabKey)
    : 'overview';

  if (project.isLoading) return <SectionLoading />;
  if (project.isError) {
    if (isApiError(project.error) && project.error.status === 404) return <NotFoundPage />;
    return <LoadErrorPage error={project.error} onRetry={() => void project.refetch()} />;
  }
  const p = project.data!;
  const a = p.abilities;
  const level = PROJECT_LEVELS.find((x) => x.value === p.level);
  const category = PROJECT_CATEGORIES.find((x) => x.value === p.category);

  const flagItems = [
    ...(!p.terminated && (a.terminate ?? a.update)
      ? [{ key: 'terminate', label: t('projects.flags.terminate'), danger: true }]
      : []),
    ...(!p.terminated && !p.suspended && (a.suspend ?? a.update)
      ? [{ key: 'suspend', label: t('projects.flags.suspend') }]
      : []),
    ...((p.suspended || p.terminated) && (a.resume ?? a.update)
      ? [{ key: 'resume', label: t('projects.flags.resume') }]
      : []),
  ];

  return (
    <div style={{ minWidth: 0 }}>
      <Card style={{ marginBottom: 16 }} data-testid="project-header">
        <Flex gap={12} justify="space-between" wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Link to={paths.projects}>
              <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
                {t('projects.backToList')}
              </Button>
            </Link>
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="project-title">
              {p.name}
            </Typography.Title>
            <Flex gap={8} wrap align="center">
              <StageTag stage={p.stage} terminated={p.terminated} suspended={p.suspended} />
              <LightTag light={p.light} tooltip={<LightExplanation lights={lights.data} />} />
              {level ? <Tag>{pickLabel(level, lang)}</Tag> : null}
              {category ? <Tag>{pickLabel(category, lang)}</Tag> : null}
              {p.foreignInvested ? <Tag color="purple">{t('projects.foreignInvested')}</Tag> : null}
            </Flex>
            <Flex gap={isMobile ? 4 : 16} wrap style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" copyable={p.projectCode ? { text: p.projectCode } : false}>
                {t('projects.projectCode')}：{p.projectCode ?? p.legacyProjectCode ?? t('projects.noCode')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('projects.internalId')}：{p.internalId}
              </Typography.Text>
              <Typography.Text type="secondary">
                {p.regionName ?? p.regionCode} · {p.responsibleUnitName ?? '—'}
              </Typography.Text>
            </Flex>
          </div>
          <Flex gap={8} wrap>
            {a.update ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {flagItems.length ? (
              <Dropdown
                trigger={['click']}
                menu={{ items: flagItems, onClick: ({ key }) => setFlag(key as ProjectFlagAction) }}
              >
                <Button icon={<MoreOutlined />}>{t('projects.flags.menu')}</Button>
              </Dropdown>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(search);
            if (k === 'overview') next.delete('tab');
            else next.set('tab', k);
            setSearch(next, { replace: true });
          }}
          size={isMobile ? 'small' : 'middle'}
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: t('projects.tabs.overview'),
              children: <ProjectOverview project={p} />,
            },
            {
              key: 'milestones',
              label: t('projects.tabs.milestones'),
              children: <ProjectTimeline project={p} />,
            },
            { key: 'monthly', label: t('projects.tabs.monthly'), children: <ProjectMonthly project={p} /> },
            { key: 'lights', label: t('projects.tabs.lights'), children: <ProjectLights project={p} /> },
            {
              key: 'problems',
              label: t('projects.tabs.problems'),
              children: <ProjectProblemsTab projectId={p.id} />,
            },
            {
              key: 'attachments',
              label: t('projects.tabs.attachments'),
              children: (
                <AttachmentPanel
                  entity="project"
                  entityId={p.id}
                  docTypes={PROJECT_DOC_TYPES}
                  canUpload={a.attach ?? a.update ?? false}
                />
              ),
            },
            {
              key: 'history',
              label: t('projects.tabs.history'),
              children: <ProjectHistory projectId={p.id} />,
            },
          ]}
        />
      </Card>
      <ProjectFormDrawer
        state={editing ? { mode: 'edit', project: p } : null}
        onClose={() => setEditing(false)}
      />
      <ProjectFlagModal project={p} action={flag} onClose={() => setFlag(null)} />
    </div>
  );
}
