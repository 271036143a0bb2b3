import { useQuery } from '@tanstack/react-query';
import type { IndicatorDefinition } from '@contracts/schemas/results';
import { api } from '@/lib/api-client';

/** Indicator codes a target can be bound to (the results registry); needs indicator:read. */
export function useIndicatorDefinitions(enabled: boolean) {
  return useQuery({
    queryKey: ['indicators', 'definitions'],
    queryFn: ({ signal }) =>
      api.get<{ data: IndicatorDefinition[] }>('/indicators', undefined, signal).then((r) => r.data),
    enabled,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
}
