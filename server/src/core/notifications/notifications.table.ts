export type NotificationTable = {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
};
export type JobRunTable = {
  name: string;
  slot: string;
  instance: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  detail: string | null;
};
