export type SessionTable = {
  /** sha256 of the cookie value; the cookie value itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
};

export type ApiTokenTable = {
  id: string;
  user_id: string;
  name: string;
  /** sha256 of the token; the token is shown once at creation. */
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};
