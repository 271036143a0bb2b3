import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';
import { notify } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    /**
     * `silent`: the caller shows the error itself (inline in a form), so no toast.
     */
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

// Auth errors are turned into navigation by the auth module; toasting them as well would be noise.
const isAuthRedirect = (e: unknown) =>
  isApiError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'PASSWORD_CHANGE_REQUIRED');

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.silent || isAuthRedirect(error)) return;
      // Only background refreshes toast; a first load shows its error in the page.
      if (query.state.data !== undefined) notify.error(messageOf(error));
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (mutation.meta?.silent || isAuthRedirect(error)) return;
      notify.error(messageOf(error));
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
