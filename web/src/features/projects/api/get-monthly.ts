import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MonthlySeries } from '@contracts/schemas/projects';
import { api } from '@/lib/api-client';

export type MonthlySeriesData = z.infer<typeof MonthlySeries>;
export type MonthlyRow = MonthlySeriesData['data'][number];

/** Every monthly record (with the 时序进度 target of its month) and every annual plan of a project. */
export const getMonthly = (id: string, signal?: AbortSignal) =>
  api.get<MonthlySeriesData>(`/projects/${encodeURIComponent(id)}/monthly`, undefined, signal);

export const monthlyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['projects', 'detail', id, 'monthly'],
    queryFn: ({ signal }) => getMonthly(id, signal),
  });

export const useMonthly = (id: string) => useQuery(monthlyQueryOptions(id));
