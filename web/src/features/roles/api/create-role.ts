import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleCreate } from '@contracts/schemas/org';
import { api, type One } from '@/lib/api-client';

export const createRole = (input: RoleCreate) => api.post<One<Role>>('/roles', input).then((r) => r.data);

export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRole,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['roles'] }),
  });
}
