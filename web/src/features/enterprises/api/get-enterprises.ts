import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Enterprise } from '@contracts/schemas/enterprises';
import { api, downloadFile, type Page } from '@/lib/api-client';

export type EnterprisesParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  regionCode?: string;
  industryCode?: string;
  size?: string;
  ownership?: string;
  soe?: 'true' | 'false';
  listed?: 'true' | 'false';
  qualification?: string;
  minLevel?: string;
  eligibleFor?: string;
};

export const ENTERPRISE_FILTER_KEYS = [
  'q',
  'regionCode',
  'industryCode',
  'size',
  'ownership',
  'soe',
  'listed',
  'qualification',
  'minLevel',
  'eligibleFor',
] as const satisfies readonly (keyof EnterprisesParams)[];

export const enterprisesQueryOptions = (params: EnterprisesParams) =>
  queryOptions({
    queryKey: ['enterprises', 'list', params],
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/enterprises', params, signal),
  });

export const useEnterprises = (params: EnterprisesParams, enabled = true) =>
  useQuery({ ...enterprisesQueryOptions(params), enabled, placeholderData: keepPreviousData });

export const exportEnterprises = (params: Omit<EnterprisesParams, 'page' | 'pageSize'>) =>
  downloadFile('/enterprises/export.xlsx', params, 'enterprises.xlsx');
