import type { ReactNode } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useNavigate, type Location } from 'react-router';
import type { Permission } from '@contracts/abilities';
import type { LoginInput, Me } from '@contracts/schemas/auth';
import { ForbiddenPage, FullPageLoading, LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { api, apiRequest, configureApiClient, isApiError, type One } from './api-client';
import { hasStoredLanguage, setLanguage } from './i18n';

/**
 * The signed-in user. The server may add the user's role names (`roles`); the shell shows them when present.
 */
export type CurrentUser = Me & { roles?: { id: string; code: string; name: string; nameEn?: string }[] };

export const meQueryKey = ['auth', 'me'] as const;

/** GET /auth/me; a 401 means "not signed in" and resolves to null instead of failing. */
async function getMe(): Promise<CurrentUser | null> {
  try {
    const res = await apiRequest<One<CurrentUser>>('/auth/me', { reportAuthErrors: false });
    return res.data;
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });

export const useMe = () => useQuery(meQueryOptions());

/** The signed-in user, for components rendered under <RequireAuth> (throws otherwise). */
export function useCurrentUser(): CurrentUser {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() outside <RequireAuth>');
  return data;
}

/**
 * Connects the API client to the cached session: the CSRF token comes from /auth/me, and auth errors
 * from any call update that cache, which makes the route guards redirect (to /login or /change-password).
 */
export function installAuthBridge(queryClient: QueryClient): void {
  configureApiClient({
    getCsrfToken: () => queryClient.getQueryData<CurrentUser | null>(meQueryKey)?.csrfToken,
    onAuthError: (code) => {
      if (code === 'UNAUTHENTICATED') {
        queryClient.setQueryData(meQueryKey, null);
      } else if (code === 'PASSWORD_CHANGE_REQUIRED') {
        queryClient.setQueryData<CurrentUser | null>(meQueryKey, (me) =>
          me ? { ...me, mustChangePassword: true } : me,
        );
      } else {
        // CSRF_FAILED: the session was probably renewed elsewhere; fetch the current token.
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
      }
    },
  });
}

/** Adopts the account's language unless the user already picked one on this device. */
function adoptAccountLanguage(me: CurrentUser) {
  if (!hasStoredLanguage()) setLanguage(me.locale, false);
}

// Set by an explicit sign-out, so the guard sends the user to a plain /login rather than back to
// the page they signed out from (the guard renders before the router's own navigation lands).
let signedOutOnPurpose = false;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<One<CurrentUser>>('/auth/login', { method: 'POST', body: input, reportAuthErrors: false }),
    meta: { silent: true },
    onSuccess: ({ data }) => {
      signedOutOnPurpose = false;
      // Drop anything cached for a previous user before the new one's pages load.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, data);
      adoptAccountLanguage(data);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout'),
    meta: { silent: true },
    onSettled: () => {
      signedOutOnPurpose = true;
      void navigate(paths.login, { replace: true });
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<One<CurrentUser>>('/auth/password', input),
    meta: { silent: true },
    onSuccess: ({ data }) => {
      queryClient.setQueryData(meQueryKey, data);
    },
  });
}

/** True when the signed-in user holds the permission (or any of them, for an array). */
export function hasPermission(
  me: Pick<Me, 'permissions'> | null | undefined,
  p: Permission | readonly Permission[],
) {
  if (!me) return false;
  const wanted = typeof p === 'string' ? [p] : p;
  return wanted.some((x) => me.permissions.includes(x));
}

/**
 * Whether the user holds a permission. Use it for the menu and for "create" buttons, which have no record
 * to carry abilities; on records, read `record.abilities` instead.
 */
export function usePermission(p: Permission | readonly Permission[]): boolean {
  const { data } = useMe();
  return hasPermission(data, p);
}

/** Renders its children only for holders of the permission; others get a 403 page. */
export function RequirePermission({
  permission,
  children,
  fallback,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const allowed = usePermission(permission);
  if (!allowed) return <>{fallback ?? <ForbiddenPage />}</>;
  return <>{children}</>;
}

/** Keeps only same-site paths, so ?redirect= cannot send the user elsewhere. */
export function safeRedirect(raw: string | null | undefined, fallback: string = paths.home): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw.startsWith(paths.login)) return fallback;
  return raw;
}

const here = (location: Location) => `${location.pathname}${location.search}${location.hash}`;

export const withRedirect = (target: string, location: Location) => {
  const from = here(location);
  return from === paths.home ? target : `${target}?redirect=${encodeURIComponent(from)}`;
};

/** Route guard: signed-in users pass; others go to /login?redirect=<where they were going>. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageLoading />;
  if (me.isError && me.data === undefined)
    return <LoadErrorPage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data)
    return <Navigate to={signedOutOnPurpose ? paths.login : withRedirect(paths.login, location)} replace />;
  return <Outlet />;
}

/** Route guard inside <RequireAuth>: a user who must change the password is sent to do that first. */
export function RequirePasswordChanged() {
  const { data } = useMe();
  const location = useLocation();
  if (data?.mustChangePassword) return <Navigate to={withRedirect(paths.changePassword, location)} replace />;
  return <Outlet />;
}
