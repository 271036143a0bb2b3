import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LightRuleSet } from '@contracts/schemas/lights';
import { api, type One } from '@/lib/api-client';

/** 亮灯规则: versioned, effective-dated rule sets; one is active. */
export const getRuleSets = (signal?: AbortSignal) =>
  api.get<{ data: LightRuleSet[] }>('/light-rule-sets', undefined, signal).then((r) => r.data);

export const ruleSetsQueryOptions = () =>
  queryOptions({ queryKey: ['light-rule-sets'], queryFn: ({ signal }) => getRuleSets(signal) });

export const useRuleSets = () => useQuery(ruleSetsQueryOptions());

export const activateRuleSet = ({
  id,
  version,
  effectiveFrom,
}: {
  id: string;
  version: number;
  effectiveFrom?: string;
}) =>
  api
    .post<One<LightRuleSet>>(`/light-rule-sets/${encodeURIComponent(id)}/activate`, {
      version,
      effectiveFrom,
    })
    .then((r) => r.data);

export function useActivateRuleSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: activateRuleSet,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['light-rule-sets'] }),
  });
}
