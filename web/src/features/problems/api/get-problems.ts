import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Problem, ProblemSettings } from '@contracts/schemas/problems';
import { api, type One, type Page } from '@/lib/api-client';

export type ProblemsParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  status?: string;
  ownerUnitId?: string;
  overdue?: 'true' | 'false';
  escalationLevelMin?: number;
  regionCode?: string;
  category?: string;
  open?: 'true' | 'false';
};

export const PROBLEM_FILTER_KEYS = [
  'q',
  'status',
  'ownerUnitId',
  'overdue',
  'escalationLevelMin',
  'regionCode',
  'category',
  'open',
] as const satisfies readonly (keyof ProblemsParams)[];

export const getProblems = (params: ProblemsParams, signal?: AbortSignal) =>
  api.get<Page<Problem>>('/problems', params, signal);

export const problemsQueryOptions = (params: ProblemsParams) =>
  queryOptions({
    queryKey: ['problems', 'list', params],
    queryFn: ({ signal }) => getProblems(params, signal),
  });

export const useProblems = (params: ProblemsParams) =>
  useQuery({ ...problemsQueryOptions(params), placeholderData: keepPreviousData });

/** Categories and the escalation ladder (configurable). */
export const problemSettingsQueryOptions = () =>
  queryOptions({
    queryKey: ['problems', 'settings'],
    queryFn: ({ signal }) =>
      api.get<One<ProblemSettings>>('/problem-settings', undefined, signal).then((r) => r.data),
    staleTime: 10 * 60_000,
  });

export const useProblemSettings = () => useQuery(problemSettingsQueryOptions());
