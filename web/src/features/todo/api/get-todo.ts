import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Todo, TodoCounts } from '@contracts/schemas/reform';
import { api, type One } from '@/lib/api-client';

/** 待办中心: everything due or waiting for the signed-in user, overdue first. */
export const todoQueryOptions = () =>
  queryOptions({
    queryKey: ['todo', 'list'],
    queryFn: ({ signal }) => api.get<One<Todo>>('/todo', undefined, signal).then((r) => r.data),
  });

export const useTodo = () => useQuery(todoQueryOptions());

/** Polled every 60 s for the menu and header badges. */
export const TODO_POLL_MS = 60_000;

export const todoCountsQueryOptions = () =>
  queryOptions({
    queryKey: ['todo', 'counts'],
    queryFn: ({ signal }) => api.get<One<TodoCounts>>('/todo/counts', undefined, signal).then((r) => r.data),
    refetchInterval: TODO_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
    meta: { silent: true },
  });

export const useTodoCounts = () => useQuery(todoCountsQueryOptions());
