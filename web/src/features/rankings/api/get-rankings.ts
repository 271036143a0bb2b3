import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { RankingMethod, RankingSubject, RankingTable } from '@contracts/schemas/results';
import { api, type One } from '@/lib/api-client';

/** Ranking methods of a subject (districts or zones). */
export const useRankingMethods = (subject: RankingSubject) =>
  useQuery({
    queryKey: ['rankings', 'methods', subject],
    queryFn: ({ signal }) =>
      api.get<{ data: RankingMethod[] }>('/ranking-methods', { subject }, signal).then((r) => r.data),
  });

export type RankingParams = { subject: RankingSubject; period: string; method?: string };

export const rankingQueryOptions = (params: RankingParams) =>
  queryOptions({
    queryKey: ['rankings', 'table', params],
    queryFn: ({ signal }) => api.get<One<RankingTable>>('/rankings', params, signal).then((r) => r.data),
  });

/** 比学赶超 table of a period with its method (an explicit method id, else the active one of the subject). */
export const useRanking = (params: RankingParams) =>
  useQuery({ ...rankingQueryOptions(params), placeholderData: keepPreviousData });
