import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
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
const AuditPage = lazy(() =>
  import('@/features/audit/components/audit-page').then((m) => ({ default: m.AuditPage })),
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
