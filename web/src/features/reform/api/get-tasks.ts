import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReformTask } from '@contracts/schemas/reform';
import { api, downloadFile, type Page } from '@/lib/api-client';

/** The task list's query exactly as GET /reform/tasks takes it (and as the URL keeps it). */
export type TasksParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  areaId?: string;
  itemId?: string;
  leadUnitId?: string;
  coUnitId?: string;
  status?: string;
  cadence?: string;
  isKey?: 'true' | 'false';
  soe?: 'true' | 'false';
  regionCode?: string;
  dueFrom?: string;
  dueTo?: string;
};

export const TASK_FILTER_KEYS = [
  'q',
  'areaId',
  'itemId',
  'leadUnitId',
  'coUnitId',
  'status',
  'cadence',
  'isKey',
  'soe',
  'regionCode',
  'dueFrom',
  'dueTo',
] as const satisfies readonly (keyof TasksParams)[];

export const getTasks = (params: TasksParams, signal?: AbortSignal) =>
  api.get<Page<ReformTask>>('/reform/tasks', params, signal);

export const tasksQueryOptions = (params: TasksParams) =>
  queryOptions({
    queryKey: ['reform', 'tasks', 'list', params],
    queryFn: ({ signal }) => getTasks(params, signal),
  });

export const useTasks = (params: TasksParams) =>
  useQuery({ ...tasksQueryOptions(params), placeholderData: keepPreviousData });

/** The filtered ledger as .xlsx in the usual 台账 layout (imports back unchanged). */
export const exportTasks = (params: Omit<TasksParams, 'page' | 'pageSize'>) =>
  downloadFile('/reform/tasks/export.xlsx', params, 'reform-tasks.xlsx');
