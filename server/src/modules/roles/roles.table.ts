import type { Selectable } from 'kysely';

export type RoleTable = {
  id: string;
  code: string;
  name: string;
  name_en: string;
  description: string | null;
  /** JSON array of permission names. */
  permissions: string;
  data_scope: string;
  builtin: number;
  version: number;
  created_at: string;
  updated_at: string;
};

export type RoleRow = Selectable<RoleTable>;
