import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User, UserUpdate } from '@contracts/schemas/org';
import { api, type One } from '@/lib/api-client';

export const updateUser = ({ id, input }: { id: string; input: UserUpdate }) =>
  api.patch<One<User>>(`/users/${encodeURIComponent(id)}`, input).then((r) => r.data);

/** `silent`: forms show their own errors; the quick actions (unlock) use the global toast. */
export function useUpdateUser({ silent = true }: { silent?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    meta: { silent },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
