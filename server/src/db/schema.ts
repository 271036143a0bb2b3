import type { AttachmentTable } from '../core/attachments/attachments.table';
import type { AuditLogTable } from '../core/audit/audit.table';
import type { JobRunTable, NotificationTable } from '../core/notifications/notifications.table';
import type { ApiTokenTable, SessionTable } from '../modules/auth/auth.table';
import type { EnterprisesTables } from '../modules/enterprises/enterprises.table';
import type { ImportsTables } from '../modules/imports/imports.table';
import type { LightsTables } from '../modules/lights/lights.table';
import type { MeetingsTables } from '../modules/meetings/meetings.table';
import type { ProblemsTables } from '../modules/problems/problems.table';
import type { ProjectsTables } from '../modules/projects/projects.table';
import type { ReformTables } from '../modules/reform/reform.table';
import type { ResultsTables } from '../modules/results/results.table';
import type { RegionTable } from '../modules/regions/regions.table';
import type { RoleTable } from '../modules/roles/roles.table';
import type { UnitTable } from '../modules/units/units.table';
import type { TaskForceMemberTable, UserRoleTable, UserTable } from '../modules/users/users.table';

/** The whole database as Kysely sees it: each capability contributes its tables from its `.table.ts`. */
export type DB = FoundationTables &
  ProjectsTables &
  LightsTables &
  ProblemsTables &
  MeetingsTables &
  ImportsTables &
  EnterprisesTables &
  ReformTables &
  ResultsTables;

type FoundationTables = {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  roles: RoleTable;
  user_roles: UserRoleTable;
  task_force_members: TaskForceMemberTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  attachments: AttachmentTable;
  notifications: NotificationTable;
  job_runs: JobRunTable;
};
