import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '@contracts/schemas/attachments';
import { api, downloadFile } from './api-client';

/**
 * Attachments of any record (a project, a problem, a light override …): list, upload, download. Access
 * follows the record on the server; the file is only ever served through GET /attachments/:id/content.
 */

export const attachmentsQueryKey = (entity: string, entityId: string) =>
  ['attachments', entity, entityId] as const;

export const getAttachments = (entity: string, entityId: string, signal?: AbortSignal) =>
  api.get<{ data: Attachment[] }>('/attachments', { entity, entityId }, signal).then((r) => r.data);

export const attachmentsQueryOptions = (entity: string, entityId: string) =>
  queryOptions({
    queryKey: attachmentsQueryKey(entity, entityId),
    queryFn: ({ signal }) => getAttachments(entity, entityId, signal),
  });

export const useAttachments = (entity: string, entityId: string | null | undefined) =>
  useQuery({ ...attachmentsQueryOptions(entity, entityId ?? ''), enabled: Boolean(entityId) });

export type UploadInput = { entity: string; entityId: string; docType: string; note?: string; file: File };

/** multipart: the fields first, then the file (the server checks access before reading the file). */
export function uploadAttachment(input: UploadInput): Promise<Attachment> {
  const form = new FormData();
  form.append('entity', input.entity);
  form.append('entityId', input.entityId);
  form.append('docType', input.docType);
  if (input.note) form.append('note', input.note);
  form.append('file', input.file, input.file.name);
  return api.upload<{ data: Attachment }>('/attachments', form).then((r) => r.data);
}

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    meta: { silent: true },
    onSuccess: (a) => queryClient.invalidateQueries({ queryKey: attachmentsQueryKey(a.entity, a.entityId) }),
  });
}

export const downloadAttachment = (a: Pick<Attachment, 'id' | 'name'>) =>
  downloadFile(`/attachments/${encodeURIComponent(a.id)}/content`, undefined, a.name);

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
