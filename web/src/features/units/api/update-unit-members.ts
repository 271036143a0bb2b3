import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TaskForceMembersUpdate } from '@contracts/schemas/org';
import { api } from '@/lib/api-client';

export type MembersInput = z.infer<typeof TaskForceMembersUpdate>;

export const updateUnitMembers = ({ unitId, input }: { unitId: string; input: MembersInput }) =>
  api.put<unknown>(`/units/${encodeURIComponent(unitId)}/members`, input);

export function useUpdateUnitMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUnitMembers,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}
