import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Problem, ProblemCreate, ProblemSettings } from '@contracts/schemas/problems';
import { api, type One, type Page } from '@/lib/api-client';

/** The problems raised on one project (the 问题清单 page has the full list and the workflow). */
export const getProjectProblems = (projectId: string, signal?: AbortSignal) =>
  api.get<Page<Problem>>(
    '/problems',
    { entity: 'project', entityId: projectId, pageSize: 200, sort: '-raisedAt' },
    signal,
  );

export const projectProblemsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['problems', 'project', projectId],
    queryFn: ({ signal }) => getProjectProblems(projectId, signal),
  });

export const useProjectProblems = (projectId: string) => useQuery(projectProblemsQueryOptions(projectId));

/** Categories and the escalation ladder (configurable). */
export const problemSettingsQueryOptions = () =>
  queryOptions({
    queryKey: ['problems', 'settings'],
    queryFn: ({ signal }) =>
      api.get<One<ProblemSettings>>('/problem-settings', undefined, signal).then((r) => r.data),
    staleTime: 10 * 60_000,
  });

export const useProblemSettings = () => useQuery(problemSettingsQueryOptions());

export const raiseProblem = (input: ProblemCreate) =>
  api.post<One<Problem>>('/problems', input).then((r) => r.data);

export function useRaiseProblem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: raiseProblem,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['problems'] }),
  });
}
