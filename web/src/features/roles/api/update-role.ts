import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleUpdate } from '@contracts/schemas/org';
import { api, type One } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';

export const updateRole = ({ id, input }: { id: string; input: RoleUpdate }) =>
  api.patch<One<Role>>(`/roles/${encodeURIComponent(id)}`, input).then((r) => r.data);

export function useUpdateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateRole,
    meta: { silent: true },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      // The editor may hold this role: their own permissions (and so the menu) may have changed.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
