import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Meeting,
  MeetingCreate,
  MeetingDecisionCreate,
  MeetingUpdate,
} from '@contracts/schemas/meetings';
import { api, type One } from '@/lib/api-client';

const path = (id: string) => `/meetings/${encodeURIComponent(id)}`;

/** Creates a meeting; with autoAgenda the server puts red/yellow projects and escalated or overdue problems on it. */
export const createMeeting = (input: MeetingCreate) =>
  api.post<One<Meeting>>('/meetings', input).then((r) => r.data);
export const updateMeeting = ({ id, input }: { id: string; input: MeetingUpdate }) =>
  api.patch<One<Meeting>>(path(id), input).then((r) => r.data);
export const addMeetingItem = ({
  id,
  input,
}: {
  id: string;
  input: { type: 'project' | 'problem'; refId: string; note?: string | null };
}) => api.post<One<Meeting>>(`${path(id)}/items`, input).then((r) => r.data);
export const removeMeetingItem = ({ id, itemId }: { id: string; itemId: string }) =>
  api.delete<One<Meeting>>(`${path(id)}/items/${encodeURIComponent(itemId)}`);
/** 议定事项: becomes a problem with owner unit and deadline. */
export const addDecision = ({ id, input }: { id: string; input: MeetingDecisionCreate }) =>
  api.post<unknown>(`${path(id)}/decisions`, input);
export const publishMeeting = ({ id, version }: { id: string; version: number }) =>
  api.post<One<Meeting>>(`${path(id)}/publish`, { version }).then((r) => r.data);

function useMeetingMutation<V, R>(fn: (v: V) => Promise<R>, silent = true) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      void queryClient.invalidateQueries({ queryKey: ['problems'] });
    },
  });
}

export const useCreateMeeting = () => useMeetingMutation(createMeeting);
export const useUpdateMeeting = () => useMeetingMutation(updateMeeting);
export const useAddMeetingItem = () => useMeetingMutation(addMeetingItem);
export const useRemoveMeetingItem = () => useMeetingMutation(removeMeetingItem, false);
export const useAddDecision = () => useMeetingMutation(addDecision);
export const usePublishMeeting = () => useMeetingMutation(publishMeeting, false);

/** 已召开: the agenda is then fixed; decisions can still be recorded until publishing. */
export const holdMeeting = ({ id, version }: { id: string; version: number }) =>
  api.post<One<Meeting>>(`${path(id)}/hold`, { version }).then((r) => r.data);

export const useHoldMeeting = () => useMeetingMutation(holdMeeting, false);
