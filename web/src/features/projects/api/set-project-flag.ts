import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail, ProjectFlagInput } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

export type ProjectFlagAction = 'terminate' | 'suspend' | 'resume';

/** 终止 / 暂缓 / 恢复 with reason, approver and date. */
export const setProjectFlag = ({
  id,
  action,
  input,
}: {
  id: string;
  action: ProjectFlagAction;
  input: ProjectFlagInput;
}) =>
  api.post<One<ProjectDetail>>(`/projects/${encodeURIComponent(id)}/${action}`, input).then((r) => r.data);

export function useSetProjectFlag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setProjectFlag,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}
