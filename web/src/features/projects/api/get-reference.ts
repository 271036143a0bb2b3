import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Chain as ChainSchema, Industry as IndustrySchema } from '@contracts/schemas/projects';
import { api } from '@/lib/api-client';

export type Chain = z.infer<typeof ChainSchema>;
export type Industry = z.infer<typeof IndustrySchema>;

/** 产业链: the city's configurable list. */
export const chainsQueryOptions = () =>
  queryOptions({
    queryKey: ['chains'],
    queryFn: ({ signal }) => api.get<{ data: Chain[] }>('/chains', undefined, signal).then((r) => r.data),
    staleTime: 10 * 60_000,
  });

export const useChains = () => useQuery(chainsQueryOptions());

/** GB/T 4754-2017 search (小类 = level 4). */
export const industriesQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['industries', q],
    queryFn: ({ signal }) =>
      api
        .get<{ data: Industry[] }>('/industries', { q: q || undefined, level: 4 }, signal)
        .then((r) => r.data),
    staleTime: 60 * 60_000,
  });

export const useIndustries = (q: string, enabled: boolean) =>
  useQuery({ ...industriesQueryOptions(q), enabled, placeholderData: keepPreviousData });
