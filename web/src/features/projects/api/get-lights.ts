import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LightOverride, LightOverrideCreate, ProjectLights } from '@contracts/schemas/lights';
import { api, type One } from '@/lib/api-client';

/** The project's light: what the rules say now (fired rules with their figures), overrides, history. */
export const getProjectLights = (id: string, signal?: AbortSignal) =>
  api
    .get<One<ProjectLights>>(`/projects/${encodeURIComponent(id)}/lights`, undefined, signal)
    .then((r) => r.data);

export const projectLightsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['projects', 'detail', id, 'lights'],
    queryFn: ({ signal }) => getProjectLights(id, signal),
  });

export const useProjectLights = (id: string, enabled = true) =>
  useQuery({ ...projectLightsQueryOptions(id), enabled });

/** 正当理由: ask for a different light than the rules give; an approver with light:override decides. */
export const requestLightOverride = ({ id, input }: { id: string; input: LightOverrideCreate }) =>
  api
    .post<One<LightOverride>>(`/projects/${encodeURIComponent(id)}/light-override`, input)
    .then((r) => r.data);

export const decideLightOverride = ({
  overrideId,
  decision,
  note,
}: {
  overrideId: string;
  decision: 'approve' | 'reject';
  note?: string;
}) =>
  api
    .post<One<LightOverride>>(
      `/light-overrides/${encodeURIComponent(overrideId)}/${decision}`,
      note ? { note } : {},
    )
    .then((r) => r.data);

export function useRequestLightOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestLightOverride,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export function useDecideLightOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideLightOverride,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}

/** Recompute every project's light now (ruleset:manage); lights also follow each change and a schedule. */
export const recomputeLights = () =>
  api
    .post<One<{ projects: number; changed: number; historyWritten: number }>>('/lights/recompute')
    .then((r) => r.data);

export function useRecomputeLights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recomputeLights,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}
