import { lazy, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { Permission } from '@contracts/abilities';
import { AppLayout } from '@/components/app-layout';
import { CenteredLayout } from '@/components/centered-layout';
import { NotFoundPage, RouteErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { ChangePasswordPage } from '@/features/auth/components/change-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { HomePage } from '@/features/home/components/home-page';
import { RequireAuth, RequirePasswordChanged, RequirePermission, useMe } from '@/lib/auth';

// Everything past the workbench is loaded on first visit.
const SecurityPage = lazy(() =>
  import('@/features/auth/components/security-page').then((m) => ({ default: m.SecurityPage })),
);
const UnitsPage = lazy(() =>
  import('@/features/units/components/units-page').then((m) => ({ default: m.UnitsPage })),
);
const UsersPage = lazy(() =>
  import('@/features/users/components/users-page').then((m) => ({ default: m.UsersPage })),
);
const RolesPage = lazy(() =>
  import('@/features/roles/components/roles-page').then((m) => ({ default: m.RolesPage })),
);
const ProjectsPage = lazy(() =>
  import('@/features/projects/components/projects-page').then((m) => ({ default: m.ProjectsPage })),
);
const ProjectDetailPage = lazy(() =>
  import('@/features/projects/components/project-detail-page').then((m) => ({
    default: m.ProjectDetailPage,
  })),
);
const LightRuleSetsPage = lazy(() =>
  import('@/features/projects/components/light-rule-sets-page').then((m) => ({
    default: m.LightRuleSetsPage,
  })),
);
const ProblemsPage = lazy(() =>
  import('@/features/problems/components/problems-page').then((m) => ({ default: m.ProblemsPage })),
);
const MeetingsPage = lazy(() =>
  import('@/features/meetings/components/meetings-page').then((m) => ({ default: m.MeetingsPage })),
);
const MeetingDetailPage = lazy(() =>
  import('@/features/meetings/components/meeting-detail-page').then((m) => ({
    default: m.MeetingDetailPage,
  })),
);
const AuditPage = lazy(() =>
  import('@/features/audit/components/audit-page').then((m) => ({ default: m.AuditPage })),
);

// 改革任务, 待办, 企业库, 驾驶舱, 比学赶超, 通报.
const ReformTasksPage = lazy(() =>
  import('@/features/reform/components/reform-tasks-page').then((m) => ({ default: m.ReformTasksPage })),
);
const TaskDetailPage = lazy(() =>
  import('@/features/reform/components/task-detail-page').then((m) => ({ default: m.TaskDetailPage })),
);
const ReformBoardPage = lazy(() =>
  import('@/features/reform/components/reform-board-page').then((m) => ({ default: m.ReformBoardPage })),
);
const ReformBoardRedirect = lazy(() =>
  import('@/features/reform/components/reform-board-page').then((m) => ({ default: m.ReformBoardRedirect })),
);
const ReformScoresPage = lazy(() =>
  import('@/features/reform/components/reform-scores-page').then((m) => ({ default: m.ReformScoresPage })),
);
const ReformChangesPage = lazy(() =>
  import('@/features/reform/components/reform-changes-page').then((m) => ({ default: m.ReformChangesPage })),
);
const TodoPage = lazy(() =>
  import('@/features/todo/components/todo-page').then((m) => ({ default: m.TodoPage })),
);
const EnterprisesPage = lazy(() =>
  import('@/features/enterprises/components/enterprises-page').then((m) => ({ default: m.EnterprisesPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('@/features/enterprises/components/enterprise-detail-page').then((m) => ({
    default: m.EnterpriseDetailPage,
  })),
);
const CandidatesPage = lazy(() =>
  import('@/features/enterprises/components/candidates-page').then((m) => ({ default: m.CandidatesPage })),
);
const HitechCandidatesPage = lazy(() =>
  import('@/features/enterprises/components/hitech-views-page').then((m) => ({
    default: m.HitechCandidatesPage,
  })),
);
const HitechExpiringPage = lazy(() =>
  import('@/features/enterprises/components/hitech-views-page').then((m) => ({
    default: m.HitechExpiringPage,
  })),
);
const EnterpriseCountsPage = lazy(() =>
  import('@/features/enterprises/components/counts-page').then((m) => ({ default: m.EnterpriseCountsPage })),
);
const QualificationsPage = lazy(() =>
  import('@/features/enterprises/components/qualifications-page').then((m) => ({
    default: m.QualificationsPage,
  })),
);
const DashboardPage = lazy(() =>
  import('@/features/dashboard/components/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const RankingsPage = lazy(() =>
  import('@/features/rankings/components/rankings-page').then((m) => ({ default: m.RankingsPage })),
);
const BriefingsPage = lazy(() =>
  import('@/features/briefings/components/briefings-page').then((m) => ({ default: m.BriefingsPage })),
);
const BriefingDetailPage = lazy(() =>
  import('@/features/briefings/components/briefing-detail-page').then((m) => ({
    default: m.BriefingDetailPage,
  })),
);

/** A forced change (first sign-in, reset) gets a bare page; a voluntary one stays inside the shell. */
function ChangePasswordRoute() {
  const { data } = useMe();
  if (data?.mustChangePassword) {
    return (
      <CenteredLayout>
        <ChangePasswordPage forced />
      </CenteredLayout>
    );
  }
  return (
    <AppLayout>
      <ChangePasswordPage />
    </AppLayout>
  );
}

/** Routes that all need the same permission (the server enforces it regardless). */
const guarded = (permission: Permission, routes: Array<[string, ReactNode]>) =>
  routes.map(([path, element]) => ({
    path,
    element: <RequirePermission permission={permission}>{element}</RequirePermission>,
  }));

/**
 * Routes. /login is public; everything else needs a session (<RequireAuth>), and everything but
 * /change-password needs the initial password changed. Admin pages also check the menu permission;
 * the server enforces it regardless.
 */
export const router = createBrowserRouter([
  { path: paths.login, element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: paths.changePassword, element: <ChangePasswordRoute /> },
      {
        element: <RequirePasswordChanged />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                // Page errors render inside the shell, so the menu stays usable.
                errorElement: <RouteErrorPage />,
                children: [
                  { index: true, element: <HomePage /> },
                  { path: paths.security, element: <SecurityPage /> },
                  {
                    path: paths.projects,
                    element: (
                      <RequirePermission permission="project:read">
                        <ProjectsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: `${paths.projects}/:id`,
                    element: (
                      <RequirePermission permission="project:read">
                        <ProjectDetailPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.problems,
                    element: (
                      <RequirePermission permission="problem:read">
                        <ProblemsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.meetings,
                    element: (
                      <RequirePermission permission="meeting:read">
                        <MeetingsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: `${paths.meetings}/:id`,
                    element: (
                      <RequirePermission permission="meeting:read">
                        <MeetingDetailPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.lightRules,
                    element: (
                      <RequirePermission permission="ruleset:manage">
                        <LightRuleSetsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.units,
                    element: (
                      <RequirePermission permission="unit:read">
                        <UnitsPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.users,
                    element: (
                      <RequirePermission permission="user:read">
                        <UsersPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.roles,
                    element: (
                      <RequirePermission permission="role:read">
                        <RolesPage />
                      </RequirePermission>
                    ),
                  },
                  {
                    path: paths.audit,
                    element: (
                      <RequirePermission permission="audit:read">
                        <AuditPage />
                      </RequirePermission>
                    ),
                  },
                  ...guarded('reform:read', [
                    [paths.reformTasks, <ReformTasksPage />],
                    [`${paths.reformTasks}/:id`, <TaskDetailPage />],
                    [paths.reformPeriods, <ReformBoardRedirect />],
                    [`${paths.reformPeriods}/:period/board`, <ReformBoardPage />],
                    [paths.reformScores, <ReformScoresPage />],
                    [paths.reformChanges, <ReformChangesPage />],
                  ]),
                  { path: paths.todo, element: <TodoPage /> },
                  ...guarded('enterprise:read', [
                    [paths.enterprises, <EnterprisesPage />],
                    [paths.enterpriseCandidates, <CandidatesPage />],
                    [paths.enterpriseHitechCandidates, <HitechCandidatesPage />],
                    [paths.enterpriseHitechExpiring, <HitechExpiringPage />],
                    [paths.enterpriseCounts, <EnterpriseCountsPage />],
                    [paths.enterpriseQualifications, <QualificationsPage />],
                    [`${paths.enterprises}/:id`, <EnterpriseDetailPage />],
                  ]),
                  ...guarded('indicator:read', [
                    [paths.dashboard, <DashboardPage />],
                    [paths.rankings, <RankingsPage />],
                  ]),
                  ...guarded('briefing:read', [
                    [paths.briefings, <BriefingsPage />],
                    [`${paths.briefings}/:id`, <BriefingDetailPage />],
                  ]),
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
