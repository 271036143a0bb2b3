import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeetingSummary as MeetingSummarySchema } from '@contracts/schemas/meetings';
import { api, type Page } from '@/lib/api-client';

export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export type MeetingsParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  kind?: string;
  status?: string;
  heldFrom?: string;
  heldTo?: string;
};

export const getMeetings = (params: MeetingsParams, signal?: AbortSignal) =>
  api.get<Page<MeetingSummary>>('/meetings', params, signal);

export const meetingsQueryOptions = (params: MeetingsParams) =>
  queryOptions({
    queryKey: ['meetings', 'list', params],
    queryFn: ({ signal }) => getMeetings(params, signal),
  });

export const useMeetings = (params: MeetingsParams) =>
  useQuery({ ...meetingsQueryOptions(params), placeholderData: keepPreviousData });
