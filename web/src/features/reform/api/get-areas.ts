import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AreaCreate, AreaUpdate, ItemCreate, ItemUpdate, ReformArea } from '@contracts/schemas/reform';
import { api } from '@/lib/api-client';

/** 改革领域 → 重点改革事项: the tree the ledger is filed under. */
export const getAreas = (signal?: AbortSignal) =>
  api.get<{ data: ReformArea[] }>('/reform/areas', undefined, signal).then((r) => r.data);

export const areasQueryOptions = () =>
  queryOptions({ queryKey: ['reform', 'areas'], queryFn: ({ signal }) => getAreas(signal) });

export const useAreas = () => useQuery(areasQueryOptions());

type AreaWrite =
  | { kind: 'createArea'; input: z.input<typeof AreaCreate> }
  | { kind: 'updateArea'; id: string; input: z.input<typeof AreaUpdate> }
  | { kind: 'deleteArea'; id: string }
  | { kind: 'createItem'; input: z.input<typeof ItemCreate> }
  | { kind: 'updateItem'; id: string; input: z.input<typeof ItemUpdate> }
  | { kind: 'deleteItem'; id: string };

export function saveArea(w: AreaWrite): Promise<unknown> {
  const id = 'id' in w ? encodeURIComponent(w.id) : '';
  switch (w.kind) {
    case 'createArea':
      return api.post('/reform/areas', w.input);
    case 'updateArea':
      return api.patch(`/reform/areas/${id}`, w.input);
    case 'deleteArea':
      return api.delete(`/reform/areas/${id}`);
    case 'createItem':
      return api.post('/reform/items', w.input);
    case 'updateItem':
      return api.patch(`/reform/items/${id}`, w.input);
    case 'deleteItem':
      return api.delete(`/reform/items/${id}`);
  }
}

export function useSaveArea() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveArea,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['reform', 'areas'] }),
  });
}
