import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BlockerInput,
  CompleteInput,
  MilestoneInput,
  MilestoneUpdate,
  ReformTask,
  TaskCreate,
  TaskUpdate,
  VerifyInput,
} from '@contracts/schemas/reform';
import { api, type One } from '@/lib/api-client';
import { taskQueryKey } from './get-task';

const enc = encodeURIComponent;

export const createTask = (input: z.input<typeof TaskCreate>) =>
  api.post<One<ReformTask>>('/reform/tasks', input).then((r) => r.data);

export const updateTask = ({ id, input }: { id: string; input: z.input<typeof TaskUpdate> }) =>
  api.patch<One<ReformTask>>(`/reform/tasks/${enc(id)}`, input).then((r) => r.data);

export const deleteTask = (id: string) => api.delete<unknown>(`/reform/tasks/${enc(id)}`);

/** Every write on a task answers the task; the caches of the ledger are refreshed after each. */
function useTaskWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['reform'] }),
  });
}

export const useCreateTask = () => useTaskWrite(createTask);
export const useUpdateTask = () => useTaskWrite(updateTask);
export const useDeleteTask = () => useTaskWrite(deleteTask);

export const useAddMilestone = () =>
  useTaskWrite(({ taskId, input }: { taskId: string; input: z.input<typeof MilestoneInput> }) =>
    api.post<One<ReformTask>>(`/reform/tasks/${enc(taskId)}/milestones`, input),
  );

export const useUpdateMilestone = () =>
  useTaskWrite(({ id, input }: { id: string; input: z.input<typeof MilestoneUpdate> }) =>
    api.patch<One<ReformTask>>(`/reform/milestones/${enc(id)}`, input),
  );

export const useDeleteMilestone = () =>
  useTaskWrite((id: string) => api.delete<One<ReformTask>>(`/reform/milestones/${enc(id)}`));

export type CompleteTarget = { kind: 'task' | 'milestone'; id: string };

/** The lead unit declares a task or a milestone done (it then awaits verification). */
export const useComplete = () =>
  useTaskWrite(({ target, input }: { target: CompleteTarget; input: z.input<typeof CompleteInput> }) =>
    api.post<One<ReformTask>>(
      `/reform/${target.kind === 'task' ? 'tasks' : 'milestones'}/${enc(target.id)}/complete`,
      input,
    ),
  );

/** The reform office verifies against the evidence and closes (pass), or returns with a comment. */
export const useVerify = () =>
  useTaskWrite(({ target, input }: { target: CompleteTarget; input: z.input<typeof VerifyInput> }) =>
    api.post<One<ReformTask>>(
      `/reform/${target.kind === 'task' ? 'tasks' : 'milestones'}/${enc(target.id)}/verify`,
      input,
    ),
  );

/** A 堵点/难点 becomes a problem of the shared problem list. */
export const useRaiseBlocker = () =>
  useTaskWrite(({ taskId, input }: { taskId: string; input: z.input<typeof BlockerInput> }) =>
    api.post(`/reform/tasks/${enc(taskId)}/blockers`, input),
  );

export const invalidateTask = (queryClient: ReturnType<typeof useQueryClient>, id: string) =>
  queryClient.invalidateQueries({ queryKey: taskQueryKey(id) });
