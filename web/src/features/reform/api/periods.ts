import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Board, Changes, PeriodLock, Scores } from '@contracts/schemas/reform';
import { api, type One } from '@/lib/api-client';

const enc = encodeURIComponent;

export const boardQueryOptions = (period: string) =>
  queryOptions({
    queryKey: ['reform', 'board', period],
    queryFn: ({ signal }) =>
      api.get<One<Board>>(`/reform/periods/${enc(period)}/board`, undefined, signal).then((r) => r.data),
  });

/** 月度看板: who has reported for the month and who has not (the snapshot once locked). */
export const useBoard = (period: string) =>
  useQuery({ ...boardQueryOptions(period), placeholderData: keepPreviousData });

/** Locked (and unlocked) months. */
export const usePeriodLocks = () =>
  useQuery({
    queryKey: ['reform', 'periods'],
    queryFn: ({ signal }) =>
      api.get<{ data: PeriodLock[] }>('/reform/periods', undefined, signal).then((r) => r.data),
  });

export function useLockPeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      v:
        | { period: string; action: 'lock'; note?: string }
        | { period: string; action: 'unlock'; reason: string },
    ) =>
      v.action === 'lock'
        ? api.post<One<PeriodLock>>(`/reform/periods/${enc(v.period)}/lock`, { note: v.note || null })
        : api.post<One<PeriodLock>>(`/reform/periods/${enc(v.period)}/unlock`, { reason: v.reason }),
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['reform'] }),
  });
}

export const scoresQueryOptions = (period: string) =>
  queryOptions({
    queryKey: ['reform', 'scores', period],
    queryFn: ({ signal }) => api.get<One<Scores>>('/reform/scores', { period }, signal).then((r) => r.data),
  });

/** 考核: task and unit scores of a period with the method that produced them. */
export const useScores = (period: string) =>
  useQuery({ ...scoresQueryOptions(period), placeholderData: keepPreviousData });

export const changesQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: ['reform', 'changes', from, to],
    queryFn: ({ signal }) =>
      api.get<One<Changes>>('/reform/changes', { from, to }, signal).then((r) => r.data),
  });

/** 变化: what changed between two months. */
export const useChanges = (from: string, to: string) =>
  useQuery({ ...changesQueryOptions(from, to), placeholderData: keepPreviousData });
