import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { tokensQueryOptions } from './get-tokens';

export const revokeToken = (id: string) => api.delete<unknown>(`/auth/tokens/${encodeURIComponent(id)}`);

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
