import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApiToken as ApiTokenSchema } from '@contracts/schemas/auth';
import { api } from '@/lib/api-client';

export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const getTokens = (signal?: AbortSignal) =>
  api.get<{ data: ApiToken[] }>('/auth/tokens', undefined, signal).then((r) => r.data);

export const tokensQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'tokens'], queryFn: ({ signal }) => getTokens(signal) });

export const useTokens = () => useQuery(tokensQueryOptions());
