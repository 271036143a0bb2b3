import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Problem, ProblemEvent } from '@contracts/schemas/problems';
import { api, type One } from '@/lib/api-client';

export const getProblem = (id: string, signal?: AbortSignal) =>
  api.get<One<Problem>>(`/problems/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.data);

export const problemQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['problems', 'detail', id], queryFn: ({ signal }) => getProblem(id, signal) });

export const useProblem = (id: string | null) =>
  useQuery({ ...problemQueryOptions(id ?? ''), enabled: Boolean(id) });

/** Everything that happened to the problem, oldest first. */
export const getProblemEvents = (id: string, signal?: AbortSignal) =>
  api
    .get<{ data: ProblemEvent[] }>(`/problems/${encodeURIComponent(id)}/events`, undefined, signal)
    .then((r) => r.data);

export const problemEventsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['problems', 'detail', id, 'events'],
    queryFn: ({ signal }) => getProblemEvents(id, signal),
  });

export const useProblemEvents = (id: string | null) =>
  useQuery({ ...problemEventsQueryOptions(id ?? ''), enabled: Boolean(id) });
