import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfirmMilestoneInput, MilestoneKey, ProjectDetail } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

/** 确认节点: the actual date of an evidence-gated milestone, with the attachments that prove it. */
export const confirmMilestone = ({
  id,
  milestone,
  input,
}: {
  id: string;
  milestone: MilestoneKey;
  input: ConfirmMilestoneInput;
}) =>
  api
    .post<One<ProjectDetail>>(
      `/projects/${encodeURIComponent(id)}/milestones/${encodeURIComponent(milestone)}/confirm`,
      input,
    )
    .then((r) => r.data);

export function useConfirmMilestone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmMilestone,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}
