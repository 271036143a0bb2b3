import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SavedView as SavedViewSchema } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

export type SavedView = z.infer<typeof SavedViewSchema>;

export const getSavedViews = (ledger: string, signal?: AbortSignal) =>
  api.get<{ data: SavedView[] }>('/saved-views', { ledger }, signal).then((r) => r.data);

export const savedViewsQueryOptions = (ledger: string) =>
  queryOptions({ queryKey: ['saved-views', ledger], queryFn: ({ signal }) => getSavedViews(ledger, signal) });

export const useSavedViews = (ledger: string) => useQuery(savedViewsQueryOptions(ledger));

export const createSavedView = (input: { ledger: string; name: string; query: Record<string, string> }) =>
  api.post<One<SavedView>>('/saved-views', input).then((r) => r.data);

export const deleteSavedView = (id: string) => api.delete<unknown>(`/saved-views/${encodeURIComponent(id)}`);

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSavedView,
    onSuccess: (v) => queryClient.invalidateQueries({ queryKey: ['saved-views', v.ledger] }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-views'] }),
  });
}
