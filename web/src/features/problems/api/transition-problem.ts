import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Problem, ProblemTransition } from '@contracts/schemas/problems';
import { api, type One } from '@/lib/api-client';

/** 交办 / 签收 / 反馈 / 办结 / 确认销号 / 退回 / 挂起 / 恢复 / 提级: one step of the problem's status machine. */
export const transitionProblem = ({ id, input }: { id: string; input: ProblemTransition }) =>
  api.post<One<Problem>>(`/problems/${encodeURIComponent(id)}/transition`, input).then((r) => r.data);

export function useTransitionProblem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionProblem,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['problems'] }),
  });
}
