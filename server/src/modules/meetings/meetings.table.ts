import type { Selectable } from 'kysely';

/** 调度会: a dispatch meeting. Decisions (议定事项) are problems with raised_in_meeting_id = meeting id. */
export type MeetingTable = {
  id: string;
  kind: 'weekly' | 'monthly' | 'special';
  title: string;
  held_on: string;
  chair: string | null;
  attendees: string | null;
  region_code: string;
  organizer_unit_id: string | null;
  status: 'draft' | 'held' | 'published';
  minutes: string | null;
  doc_no: string | null;
  /** JSON of the Bulletin frozen at publication (the 通报 as issued); null before. */
  bulletin: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  held_at: string | null;
  published_by: string | null;
  published_at: string | null;
  version: number;
};

/** One agenda item: a project or a problem, with the figures as they were when it was added. */
export type MeetingItemTable = {
  id: string;
  meeting_id: string;
  item_type: 'project' | 'problem';
  ref_id: string;
  sort: number;
  source: 'auto' | 'manual';
  reason: string;
  note: string | null;
  snapshot: string;
  added_by: string | null;
  added_at: string;
};

export type MeetingsTables = {
  meetings: MeetingTable;
  meeting_items: MeetingItemTable;
};

export type MeetingRow = Selectable<MeetingTable>;
export type MeetingItemRow = Selectable<MeetingItemTable>;
