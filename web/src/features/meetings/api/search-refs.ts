import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Problem } from '@contracts/schemas/problems';
import type { ProjectListItem } from '@contracts/schemas/projects';
import { api, type Page } from '@/lib/api-client';

/** Pickers for adding an agenda item: projects or open problems by keyword. */
export const projectSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['meetings', 'pick-project', q],
    queryFn: ({ signal }) =>
      api
        .get<Page<ProjectListItem>>('/projects', { q: q || undefined, pageSize: 20 }, signal)
        .then((r) => r.data),
  });

export const useProjectSearch = (q: string, enabled: boolean) =>
  useQuery({ ...projectSearchQueryOptions(q), enabled, placeholderData: keepPreviousData });

export const problemSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['meetings', 'pick-problem', q],
    queryFn: ({ signal }) =>
      api
        .get<Page<Problem>>('/problems', { q: q || undefined, pageSize: 20, open: 'true' }, signal)
        .then((r) => r.data),
  });

export const useProblemSearch = (q: string, enabled: boolean) =>
  useQuery({ ...problemSearchQueryOptions(q), enabled, placeholderData: keepPreviousData });
