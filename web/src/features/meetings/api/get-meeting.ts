import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Bulletin, Meeting } from '@contracts/schemas/meetings';
import { api, downloadFile, type One } from '@/lib/api-client';

export const getMeeting = (id: string, signal?: AbortSignal) =>
  api.get<One<Meeting>>(`/meetings/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.data);

export const meetingQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['meetings', 'detail', id], queryFn: ({ signal }) => getMeeting(id, signal) });

export const useMeeting = (id: string) => useQuery(meetingQueryOptions(id));

/** 调度通报 as Word (公文 layout) or Excel. */
export const downloadBulletin = (id: string, format: 'docx' | 'xlsx') =>
  downloadFile(`/meetings/${encodeURIComponent(id)}/bulletin.${format}`, undefined, `bulletin.${format}`);

/** The 调度通报 as data: rows grouped 正常推进 / 滞后预警 / 需协调 by the server (frozen once published). */
export const getBulletin = (id: string, signal?: AbortSignal) =>
  api
    .get<One<Bulletin>>(`/meetings/${encodeURIComponent(id)}/bulletin`, undefined, signal)
    .then((r) => r.data);

export const bulletinQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['meetings', 'detail', id, 'bulletin'],
    queryFn: ({ signal }) => getBulletin(id, signal),
  });

export const useBulletin = (id: string, enabled = true) => useQuery({ ...bulletinQueryOptions(id), enabled });
