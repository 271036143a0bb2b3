export type AuditLogTable = {
  /** Position in the hash chain: 1, 2, 3 … assigned under a lock in the writing transaction. */
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  entity: string;
  entity_id: string;
  action: string;
  region_code: string | null;
  /** JSON: { before, after } restricted to the changed fields (or a payload for non-CRUD actions). */
  changes: string;
  prev_hash: string;
  hash: string;
};
