import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Dashboard, IndicatorDefinition } from '@contracts/schemas/results';
import { api, type One } from '@/lib/api-client';

/** Without a year the server opens on the year of the latest monthly report. */
export type DashboardParams = { year?: number; region?: string };

/** 驾驶舱: the year's figures, each with the drill descriptor of its records. */
export const dashboardQueryOptions = (params: DashboardParams) =>
  queryOptions({
    queryKey: ['dashboard', params],
    queryFn: ({ signal }) => api.get<One<Dashboard>>('/dashboard', params, signal).then((r) => r.data),
  });

export const useDashboard = (params: DashboardParams) =>
  useQuery({ ...dashboardQueryOptions(params), placeholderData: keepPreviousData });

/** The indicator registry (names, units, which direction is better, definitions). */
export const useIndicatorDefinitions = () =>
  useQuery({
    queryKey: ['indicators', 'definitions'],
    queryFn: ({ signal }) =>
      api.get<{ data: IndicatorDefinition[] }>('/indicators', undefined, signal).then((r) => r.data),
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
