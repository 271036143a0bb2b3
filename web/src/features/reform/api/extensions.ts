import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Extension, ExtensionCreate, ExtensionDecide } from '@contracts/schemas/reform';
import { api, type One, type Page } from '@/lib/api-client';

const enc = encodeURIComponent;

/** 延期/调整 requests (of one task, or all of them for the reform office). */
export const useExtensions = (params: {
  taskId?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}) =>
  useQuery({
    queryKey: ['reform', 'extensions', params],
    queryFn: ({ signal }) => api.get<Page<Extension>>('/reform/extensions', params, signal),
  });

function useExtensionWrite<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['reform'] }),
        queryClient.invalidateQueries({ queryKey: ['todo'] }),
      ]),
  });
}

export const useRequestExtension = () =>
  useExtensionWrite(({ taskId, input }: { taskId: string; input: z.input<typeof ExtensionCreate> }) =>
    api.post<One<Extension>>(`/reform/tasks/${enc(taskId)}/extensions`, input),
  );

export const useDecideExtension = () =>
  useExtensionWrite(({ id, input }: { id: string; input: z.input<typeof ExtensionDecide> }) =>
    api.post<One<Extension>>(`/reform/extensions/${enc(id)}/decide`, input),
  );
