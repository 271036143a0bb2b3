import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EligibilityResult,
  Enterprise,
  EnterpriseProject,
  Indicators,
  Qualification,
  SoeKpis,
} from '@contracts/schemas/enterprises';
import { api, type One, type Page } from '@/lib/api-client';

const base = (id: string) => `/enterprises/${encodeURIComponent(id)}`;
export const enterpriseKey = (id: string) => ['enterprises', 'detail', id] as const;

export const enterpriseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: enterpriseKey(id),
    queryFn: ({ signal }) => api.get<One<Enterprise>>(base(id), undefined, signal).then((r) => r.data),
  });

export const useEnterprise = (id: string) => useQuery(enterpriseQueryOptions(id));

/** Yearly indicators, newest first (money in 元, valuation in USD). */
export const useEnterpriseIndicators = (id: string) =>
  useQuery({
    queryKey: [...enterpriseKey(id), 'indicators'],
    queryFn: ({ signal }) =>
      api.get<{ data: Indicators[] }>(`${base(id)}/indicators`, undefined, signal).then((r) => r.data),
  });

export const useEnterpriseQualifications = (id: string) =>
  useQuery({
    queryKey: [...enterpriseKey(id), 'qualifications'],
    queryFn: ({ signal }) =>
      api
        .get<Page<Qualification>>(`${base(id)}/qualifications`, { pageSize: 200 }, signal)
        .then((r) => r.data),
  });

/** Eligibility per tier, criterion by criterion, with the figures and thresholds used. */
export const useEligibility = (id: string, year?: number) =>
  useQuery({
    queryKey: [...enterpriseKey(id), 'eligibility', year ?? 'latest'],
    queryFn: ({ signal }) =>
      api.get<{ data: EligibilityResult[] }>(`${base(id)}/eligibility`, { year }, signal).then((r) => r.data),
  });

export type EnterpriseProjectRow = z.infer<typeof EnterpriseProject>;
export const useEnterpriseProjects = (id: string) =>
  useQuery({
    queryKey: [...enterpriseKey(id), 'projects'],
    queryFn: ({ signal }) =>
      api.get<Page<EnterpriseProjectRow>>(`${base(id)}/projects`, { pageSize: 100 }, signal),
  });

export type SoeKpisData = z.infer<typeof SoeKpis>;
export const useSoeKpis = (id: string, year: number, enabled: boolean) =>
  useQuery({
    queryKey: [...enterpriseKey(id), 'soe', year],
    queryFn: ({ signal }) =>
      api.get<One<SoeKpisData>>(`${base(id)}/soe-kpis`, { year }, signal).then((r) => r.data),
    enabled,
  });
