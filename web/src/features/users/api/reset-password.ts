import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The temporary password is in the answer only this once. */
export const resetPassword = (id: string) =>
  api.post<{ temporaryPassword: string }>(`/users/${encodeURIComponent(id)}/reset-password`);

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
