import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Unit, UnitUpdate } from '@contracts/schemas/org';
import { api, type One } from '@/lib/api-client';

export const updateUnit = ({ id, input }: { id: string; input: UnitUpdate }) =>
  api.patch<One<Unit>>(`/units/${encodeURIComponent(id)}`, input).then((r) => r.data);

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUnit,
    meta: { silent: true },
    // On success and on a version conflict alike, the tree must show what the server has now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}
