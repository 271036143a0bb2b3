import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Contribution, ExpectedPeriod, ReformEvent, ReformTask } from '@contracts/schemas/reform';
import { api, type One } from '@/lib/api-client';

export type TaskEvent = z.infer<typeof ReformEvent>;

const base = (id: string) => `/reform/tasks/${encodeURIComponent(id)}`;

export const taskQueryKey = (id: string) => ['reform', 'tasks', 'detail', id] as const;

export const getTask = (id: string, signal?: AbortSignal) =>
  api.get<One<ReformTask>>(base(id), undefined, signal).then((r) => r.data);

export const taskQueryOptions = (id: string) =>
  queryOptions({ queryKey: taskQueryKey(id), queryFn: ({ signal }) => getTask(id, signal) });

export const useTask = (id: string) => useQuery(taskQueryOptions(id));

/** The task's timeline (记录). */
export const useTaskEvents = (id: string) =>
  useQuery({
    queryKey: [...taskQueryKey(id), 'events'],
    queryFn: ({ signal }) =>
      api.get<{ data: TaskEvent[] }>(`${base(id)}/events`, undefined, signal).then((r) => r.data),
  });

/** The report periods the task's cadence expects, with the state of each. */
export const useTaskPeriods = (id: string) =>
  useQuery({
    queryKey: [...taskQueryKey(id), 'periods'],
    queryFn: ({ signal }) =>
      api.get<{ data: ExpectedPeriod[] }>(`${base(id)}/periods`, undefined, signal).then((r) => r.data),
  });

/** Co-unit contributions (配合单位), all periods or one. */
export const useContributions = (id: string, period?: string) =>
  useQuery({
    queryKey: [...taskQueryKey(id), 'contributions', period ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<{ data: Contribution[] }>(`${base(id)}/contributions`, { period }, signal).then((r) => r.data),
  });
