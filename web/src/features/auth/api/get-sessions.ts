import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Session as SessionSchema } from '@contracts/schemas/auth';
import { api } from '@/lib/api-client';

export type Session = z.infer<typeof SessionSchema>;

export const getSessions = (signal?: AbortSignal) =>
  api.get<{ data: Session[] }>('/auth/sessions', undefined, signal).then((r) => r.data);

export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'sessions'], queryFn: ({ signal }) => getSessions(signal) });

export const useSessions = () => useQuery(sessionsQueryOptions());
