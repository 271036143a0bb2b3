import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Candidate,
  CandidateCreate,
  CandidateUpdate,
  EnterpriseCreate,
  EnterpriseSaved,
  EnterpriseUpdate,
  Indicators,
  IndicatorsUpsert,
  Qualification,
  QualificationCreate,
  QualificationUpdate,
} from '@contracts/schemas/enterprises';
import { api, type One } from '@/lib/api-client';

const enc = encodeURIComponent;
export type Saved = z.infer<typeof EnterpriseSaved>;

function useEnterpriseWrite<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['enterprises'] }),
  });
}

export const useCreateEnterprise = () =>
  useEnterpriseWrite((input: z.input<typeof EnterpriseCreate>) => api.post<Saved>('/enterprises', input));

export const useUpdateEnterprise = () =>
  useEnterpriseWrite(({ id, input }: { id: string; input: z.input<typeof EnterpriseUpdate> }) =>
    api.patch<Saved>(`/enterprises/${enc(id)}`, input),
  );

export const useDeleteEnterprise = () =>
  useEnterpriseWrite((id: string) => api.delete<unknown>(`/enterprises/${enc(id)}`));

/** One year of indicators (send version when the year exists); eligibility is recomputed by the server. */
export const useUpsertIndicators = () =>
  useEnterpriseWrite(
    ({ id, year, input }: { id: string; year: number; input: z.input<typeof IndicatorsUpsert> }) =>
      api.put<One<Indicators>>(`/enterprises/${enc(id)}/indicators/${year}`, input),
  );

export const useDeleteIndicators = () =>
  useEnterpriseWrite(({ id, year }: { id: string; year: number }) =>
    api.delete<unknown>(`/enterprises/${enc(id)}/indicators/${year}`),
  );

export const useCreateQualification = () =>
  useEnterpriseWrite(
    ({ enterpriseId, input }: { enterpriseId: string; input: z.input<typeof QualificationCreate> }) =>
      api.post<One<Qualification>>(`/enterprises/${enc(enterpriseId)}/qualifications`, input),
  );

export const useUpdateQualification = () =>
  useEnterpriseWrite(({ id, input }: { id: string; input: z.input<typeof QualificationUpdate> }) =>
    api.patch<One<Qualification>>(`/enterprises/qualifications/${enc(id)}`, input),
  );

export const useDeleteQualification = () =>
  useEnterpriseWrite((id: string) => api.delete<unknown>(`/enterprises/qualifications/${enc(id)}`));

export const useCreateCandidate = () =>
  useEnterpriseWrite((input: z.input<typeof CandidateCreate>) =>
    api.post<One<Candidate>>('/enterprises/candidates', input),
  );

export const useUpdateCandidate = () =>
  useEnterpriseWrite(({ id, input }: { id: string; input: z.input<typeof CandidateUpdate> }) =>
    api.patch<One<Candidate>>(`/enterprises/candidates/${enc(id)}`, input),
  );

export const useDeleteCandidate = () =>
  useEnterpriseWrite((id: string) => api.delete<unknown>(`/enterprises/candidates/${enc(id)}`));
