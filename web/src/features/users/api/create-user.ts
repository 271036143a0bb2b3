import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UserCreate } from '@contracts/schemas/org';
import type { User } from '@contracts/schemas/org';
import { api } from '@/lib/api-client';

export type UserCreateInput = z.input<typeof UserCreate>;

/** When no password is given, the server generates one and returns it once as `initialPassword`. */
export const createUser = (input: UserCreateInput) =>
  api.post<{ data: User; initialPassword?: string }>('/users', input);

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
