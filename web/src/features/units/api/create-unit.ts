import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Unit, UnitCreate } from '@contracts/schemas/org';
import { api, type One } from '@/lib/api-client';

export const createUnit = (input: UnitCreate) => api.post<One<Unit>>('/units', input).then((r) => r.data);

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUnit,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}
