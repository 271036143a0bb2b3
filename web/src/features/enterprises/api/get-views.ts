import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Candidate,
  Counts,
  HitechCandidate,
  HitechExpiring,
  Qualification,
} from '@contracts/schemas/enterprises';
import type { Industry } from '@contracts/schemas/projects';
import { api, type One, type Page } from '@/lib/api-client';

type Params = Record<string, string | number | undefined>;

/** 符合高企条件未申报. */
export const useHitechCandidates = (params: Params) =>
  useQuery({
    ...queryOptions({
      queryKey: ['enterprises', 'views', 'hitech-candidates', params],
      queryFn: ({ signal }) =>
        api.get<Page<z.infer<typeof HitechCandidate>>>(
          '/enterprises/views/hitech-candidates',
          params,
          signal,
        ),
    }),
    placeholderData: keepPreviousData,
  });

/** 高企即将到期（复审）. */
export const useHitechExpiring = (params: Params) =>
  useQuery({
    ...queryOptions({
      queryKey: ['enterprises', 'views', 'hitech-expiring', params],
      queryFn: ({ signal }) =>
        api.get<Page<z.infer<typeof HitechExpiring>>>('/enterprises/views/hitech-expiring', params, signal),
    }),
    placeholderData: keepPreviousData,
  });

/** 后备库. */
export const useCandidates = (params: Params) =>
  useQuery({
    ...queryOptions({
      queryKey: ['enterprises', 'candidates', params],
      queryFn: ({ signal }) => api.get<Page<Candidate>>('/enterprises/candidates', params, signal),
    }),
    placeholderData: keepPreviousData,
  });

/** Qualifications across enterprises (the records behind the counts). */
export const useQualifications = (params: Params) =>
  useQuery({
    ...queryOptions({
      queryKey: ['enterprises', 'qualifications', params],
      queryFn: ({ signal }) => api.get<Page<Qualification>>('/enterprises/qualifications', params, signal),
    }),
    placeholderData: keepPreviousData,
  });

export const countsQueryOptions = (year: number, regionCode?: string) =>
  queryOptions({
    queryKey: ['enterprises', 'counts', year, regionCode],
    queryFn: ({ signal }) =>
      api.get<One<Counts>>('/enterprises/counts', { year, regionCode }, signal).then((r) => r.data),
  });

/** Newly recognised by year, tier, level and region. */
export const useCounts = (year: number, regionCode?: string) =>
  useQuery({ ...countsQueryOptions(year, regionCode), placeholderData: keepPreviousData });

export type IndustryOption = z.infer<typeof Industry>;

export const industriesQueryOptions = (q: string, level: number) =>
  queryOptions({
    queryKey: ['industries', q, level],
    queryFn: ({ signal }) =>
      api
        .get<{ data: IndustryOption[] }>('/industries', { q: q || undefined, level }, signal)
        .then((r) => r.data),
    staleTime: 60 * 60_000,
  });

/** GB/T 4754-2017 classes for the pickers (q, level). */
export const useIndustrySearch = (q: string, level: number, enabled = true) =>
  useQuery({ ...industriesQueryOptions(q, level), enabled, placeholderData: keepPreviousData });
