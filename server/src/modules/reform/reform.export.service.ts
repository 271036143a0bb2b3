import type { TaskListQuery } from '../../../../contracts/schemas/reform';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { exportWorkbook } from '../../core/excel/engine';
import { ledgerRowsOf, REFORM_LEDGER_MAP } from './reform.excel';
import * as repo from './reform.repository';
import { today, type Deps } from './reform.service';

/** The reform ledger as an .xlsx in the 台账 layout, filtered like the list and limited to the caller's scope. */
export async function exportTasks(
  deps: Deps,
  actor: Actor,
  q: TaskListQuery,
): Promise<{ name: string; data: Buffer }> {
  requirePermission(actor, 'reform:read');
  const tasks = await repo.allTasks(deps.db, actor, q, today());
  const rows = await ledgerRowsOf(deps.db, tasks);
  const data = await exportWorkbook(REFORM_LEDGER_MAP, rows, actor.locale);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      entity: 'reform_task',
      entityId: 'export',
      action: 'export',
      regionCode: actor.regionCode,
      payload: { rows: rows.length, filter: q },
    }),
  );
  const name = `${actor.locale === 'en' ? 'reform-tasks' : '改革任务台账'}-${today()}.xlsx`;
  return { name, data };
}
