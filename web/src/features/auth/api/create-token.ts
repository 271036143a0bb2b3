import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { tokensQueryOptions, type ApiToken } from './get-tokens';

export type TokenCreateInput = { name: string; expiresInDays?: number };

/** The plain token is in the answer only this once. */
export const createToken = (input: TokenCreateInput) =>
  api.post<{ data: ApiToken; token: string }>('/auth/tokens', input);

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
