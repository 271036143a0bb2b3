import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ProjectListItem } from '@contracts/schemas/projects';
import { api, downloadFile, type Page } from '@/lib/api-client';

/**
 * The list's query exactly as the API takes it (and as the URL and a saved view keep it). Multi-valued filters
 * (stage, light, level, category) are comma-separated.
 */
export type ProjectsParams = {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  regionCode?: string;
  zoneUnitId?: string;
  responsibleUnitId?: string;
  stage?: string;
  chainCode?: string;
  light?: string;
  linkedLeader?: string;
  level?: string;
  category?: string;
  agreedFrom?: number;
  agreedTo?: number;
  signedFrom?: string;
  signedTo?: string;
  terminated?: 'true' | 'false';
  suspended?: 'true' | 'false';
};

/** The filter keys (everything but paging and sort), in the order the URL keeps them. */
export const PROJECT_FILTER_KEYS = [
  'q',
  'regionCode',
  'zoneUnitId',
  'responsibleUnitId',
  'stage',
  'chainCode',
  'light',
  'linkedLeader',
  'level',
  'category',
  'agreedFrom',
  'agreedTo',
  'signedFrom',
  'signedTo',
  'terminated',
  'suspended',
] as const satisfies readonly (keyof ProjectsParams)[];

export const getProjects = (params: ProjectsParams, signal?: AbortSignal) =>
  api.get<Page<ProjectListItem>>('/projects', params, signal);

export const projectsQueryOptions = (params: ProjectsParams) =>
  queryOptions({
    queryKey: ['projects', 'list', params],
    queryFn: ({ signal }) => getProjects(params, signal),
  });

export const useProjects = (params: ProjectsParams) =>
  useQuery({ ...projectsQueryOptions(params), placeholderData: keepPreviousData });

/** The filtered list as .xlsx (the same columns the import reads back). */
export const exportProjects = (params: Omit<ProjectsParams, 'page' | 'pageSize'>) =>
  downloadFile('/projects/export.xlsx', params, 'projects.xlsx');
