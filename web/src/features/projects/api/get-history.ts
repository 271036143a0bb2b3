import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@contracts/schemas/audit';
import { api, type Page } from '@/lib/api-client';

/** The project's audit history (who changed what, before and after), newest first. */
export const getProjectHistory = (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
  api.get<Page<AuditEntry>>(`/projects/${encodeURIComponent(id)}/history`, { page, pageSize }, signal);

export const projectHistoryQueryOptions = (id: string, page: number, pageSize: number) =>
  queryOptions({
    queryKey: ['projects', 'detail', id, 'history', page, pageSize],
    queryFn: ({ signal }) => getProjectHistory(id, page, pageSize, signal),
  });

export const useProjectHistory = (id: string, page: number, pageSize: number) =>
  useQuery({ ...projectHistoryQueryOptions(id, page, pageSize), placeholderData: keepPreviousData });
