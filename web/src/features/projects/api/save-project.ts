import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectCreate, ProjectDetail, ProjectUpdate } from '@contracts/schemas/projects';
import { api, type One } from '@/lib/api-client';

export const createProject = (input: ProjectCreate) =>
  api.post<One<ProjectDetail>>('/projects', input).then((r) => r.data);

export const updateProject = ({ id, input }: { id: string; input: ProjectUpdate }) =>
  api.patch<One<ProjectDetail>>(`/projects/${encodeURIComponent(id)}`, input).then((r) => r.data);

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProject,
    meta: { silent: true },
    // On success and on a version conflict alike, lists and the detail must show what the server has now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['projects'] }),
  });
}
