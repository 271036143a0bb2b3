import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@contracts/schemas/audit';
import { api, type Page } from '@/lib/api-client';

export type AuditParams = {
  page: number;
  pageSize: number;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
};

export const getAudit = (params: AuditParams, signal?: AbortSignal) =>
  api.get<Page<AuditEntry>>('/audit', params, signal);

export const auditQueryOptions = (params: AuditParams) =>
  queryOptions({
    queryKey: ['audit', params],
    queryFn: ({ signal }) => getAudit(params, signal),
  });

export const useAudit = (params: AuditParams) =>
  useQuery({ ...auditQueryOptions(params), placeholderData: keepPreviousData });
