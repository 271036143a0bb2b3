import type { Selectable } from 'kysely';

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  locale: string;
  last_login_at: string | null;
  password_changed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type UserRoleTable = { user_id: string; role_id: string };
export type TaskForceMemberTable = { task_force_id: string; user_id: string; role: string | null };

export type UserRow = Selectable<UserTable>;
