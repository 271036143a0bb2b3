import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@contracts/schemas/org';
import { api, type Page } from '@/lib/api-client';

export type UsersParams = {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  roleId?: string;
  disabled?: 'true' | 'false';
};

export const getUsers = (params: UsersParams, signal?: AbortSignal) =>
  api.get<Page<User>>('/users', params, signal);

export const usersQueryOptions = (params: UsersParams) =>
  queryOptions({
    queryKey: ['users', 'list', params],
    queryFn: ({ signal }) => getUsers(params, signal),
  });

export const useUsers = (params: UsersParams) =>
  useQuery({ ...usersQueryOptions(params), placeholderData: keepPreviousData });
