import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Contribution,
  ContributionInput,
  Report,
  ReportCreate,
  ReportReview,
  ReportUpdate,
} from '@contracts/schemas/reform';
import { api, type One, type Page } from '@/lib/api-client';

const enc = encodeURIComponent;

export type ReportsParams = {
  page?: number;
  pageSize?: number;
  period?: string;
  reportPeriod?: string;
  taskId?: string;
  leadUnitId?: string;
  status?: string;
};

export const getReports = (params: ReportsParams, signal?: AbortSignal) =>
  api.get<Page<Report> & { locked: boolean }>('/reform/reports', params, signal);

export const reportsQueryOptions = (params: ReportsParams) =>
  queryOptions({
    queryKey: ['reform', 'reports', 'list', params],
    queryFn: ({ signal }) => getReports(params, signal),
  });

export const useReports = (params: ReportsParams, enabled = true) =>
  useQuery({ ...reportsQueryOptions(params), enabled, placeholderData: keepPreviousData });

export const reportQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['reform', 'reports', 'detail', id],
    queryFn: ({ signal }) =>
      api.get<One<Report>>(`/reform/reports/${enc(id)}`, undefined, signal).then((r) => r.data),
  });

export const useReport = (id: string | null) =>
  useQuery({ ...reportQueryOptions(id ?? ''), enabled: Boolean(id) });

function useReformWrite<V, R>(fn: (v: V) => Promise<R>) {
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

export const useCreateReport = () =>
  useReformWrite(({ taskId, input }: { taskId: string; input: z.input<typeof ReportCreate> }) =>
    api.post<One<Report>>(`/reform/tasks/${enc(taskId)}/reports`, input).then((r) => r.data),
  );

export const useUpdateReport = () =>
  useReformWrite(({ id, input }: { id: string; input: z.input<typeof ReportUpdate> }) =>
    api.patch<One<Report>>(`/reform/reports/${enc(id)}`, input).then((r) => r.data),
  );

export const useSubmitReport = () =>
  useReformWrite(({ id, version }: { id: string; version?: number }) =>
    api.post<One<Report>>(`/reform/reports/${enc(id)}/submit`, { version }).then((r) => r.data),
  );

/** The reform office accepts the report, or returns it with a comment. */
export const useReviewReport = () =>
  useReformWrite(({ id, input }: { id: string; input: z.input<typeof ReportReview> }) =>
    api.post<One<Report>>(`/reform/reports/${enc(id)}/review`, input).then((r) => r.data),
  );

/** A co-unit writes (submit: true files) its part of a period. */
export const useSaveContribution = () =>
  useReformWrite(
    ({
      taskId,
      period,
      input,
    }: {
      taskId: string;
      period: string;
      input: z.input<typeof ContributionInput>;
    }) =>
      api
        .put<One<Contribution>>(`/reform/tasks/${enc(taskId)}/contributions/${enc(period)}`, input)
        .then((r) => r.data),
  );
