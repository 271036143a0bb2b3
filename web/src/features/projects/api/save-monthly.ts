import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnnualPlan, MonthlyInput, MonthlyRecord, PlanInput } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

/** One month's progress (PUT: create or replace). */
export const saveMonthly = ({ id, month, input }: { id: string; month: string; input: MonthlyInput }) =>
  api
    .put<One<MonthlyRecord>>(
      `/projects/${encodeURIComponent(id)}/monthly/${encodeURIComponent(month)}`,
      input,
    )
    .then((r) => r.data);

/** The annual plan of a year (年度计划投资, optional 时序进度 curve). */
export const savePlan = ({ id, year, input }: { id: string; year: number; input: PlanInput }) =>
  api.put<One<AnnualPlan>>(`/projects/${encodeURIComponent(id)}/plans/${year}`, input).then((r) => r.data);

export function useSaveMonthly() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveMonthly,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePlan,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}
