import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TaskForceMember as TaskForceMemberSchema } from '@contracts/schemas/org';
import { api } from '@/lib/api-client';

export type TaskForceMember = z.infer<typeof TaskForceMemberSchema>;

export const getUnitMembers = (unitId: string, signal?: AbortSignal) =>
  api
    .get<{ data: TaskForceMember[] }>(`/units/${encodeURIComponent(unitId)}/members`, undefined, signal)
    .then((r) => r.data);

export const unitMembersQueryOptions = (unitId: string) =>
  queryOptions({
    queryKey: ['units', unitId, 'members'],
    queryFn: ({ signal }) => getUnitMembers(unitId, signal),
  });

export const useUnitMembers = (unitId: string | null) =>
  useQuery({ ...unitMembersQueryOptions(unitId ?? ''), enabled: Boolean(unitId) });
