import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProjectDetail } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

export const getProject = (id: string, signal?: AbortSignal) =>
  api.get<One<ProjectDetail>>(`/projects/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.data);

export const projectQueryKey = (id: string) => ['projects', 'detail', id] as const;

export const projectQueryOptions = (id: string) =>
  queryOptions({ queryKey: projectQueryKey(id), queryFn: ({ signal }) => getProject(id, signal) });

export const useProject = (id: string) => useQuery(projectQueryOptions(id));
