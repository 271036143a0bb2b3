import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Briefing,
  BriefingCreate,
  BriefingDetail,
  BriefingIssue,
  BriefingUpdate,
} from '@contracts/schemas/results';
import { api, downloadFile, type One, type Page } from '@/lib/api-client';

const enc = encodeURIComponent;

export type BriefingsParams = {
  page: number;
  pageSize: number;
  kind?: string;
  status?: string;
  period?: string;
};

export const useBriefings = (params: BriefingsParams) =>
  useQuery({
    ...queryOptions({
      queryKey: ['briefings', 'list', params],
      queryFn: ({ signal }) => api.get<Page<Briefing>>('/briefings', params, signal),
    }),
    placeholderData: keepPreviousData,
  });

export const briefingQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['briefings', 'detail', id],
    queryFn: ({ signal }) =>
      api.get<One<BriefingDetail>>(`/briefings/${enc(id)}`, undefined, signal).then((r) => r.data),
  });

export const useBriefing = (id: string) => useQuery(briefingQueryOptions(id));

function useBriefingWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['briefings'] }),
  });
}

/** Generates a draft (monthly: YYYY-MM; dispatch: ISO week YYYY-Www) with its figures computed from the ledgers. */
export const useCreateBriefing = () =>
  useBriefingWrite((input: z.input<typeof BriefingCreate>) =>
    api.post<One<BriefingDetail>>('/briefings', input).then((r) => r.data),
  );

export const useUpdateBriefing = () =>
  useBriefingWrite(({ id, input }: { id: string; input: z.input<typeof BriefingUpdate> }) =>
    api.patch<One<BriefingDetail>>(`/briefings/${enc(id)}`, input).then((r) => r.data),
  );

export const useDeleteBriefing = () =>
  useBriefingWrite((id: string) => api.delete<unknown>(`/briefings/${enc(id)}`));

/** Issued briefings are archived and immutable. */
export const useIssueBriefing = () =>
  useBriefingWrite(({ id, input }: { id: string; input: z.input<typeof BriefingIssue> }) =>
    api.post<One<BriefingDetail>>(`/briefings/${enc(id)}/issue`, input).then((r) => r.data),
  );

export const downloadBriefing = (b: Pick<Briefing, 'id' | 'title'>, format: 'docx' | 'xlsx') =>
  downloadFile(`/briefings/${enc(b.id)}/document.${format}`, undefined, `${b.title}.${format}`);
