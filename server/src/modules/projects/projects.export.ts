import type { ProjectFilterQuery } from '../../../../contracts/schemas/projects';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { todayCst } from '../../core/clock';
import { exportWorkbook } from '../../core/excel/engine';
import { exportRecordsOf, projectLedgerMap, type ProjectImportRow } from './projects.excel';
import * as repo from './projects.repository';
import { sortOf, type Deps } from './projects.service';

const PAGE = 1000;

/** The export's rows, in the list's order, page by page (scoped exactly like the list). */
export async function* exportRows(
  deps: Deps,
  actor: Actor,
  q: ProjectFilterQuery & { sort?: string },
): AsyncGenerator<ProjectImportRow> {
  const sort = sortOf(q.sort);
  for (let offset = 0; ; offset += PAGE) {
    const rows = await repo.exportPage(deps.db, actor, q, { limit: PAGE, offset, sort });
    for (const r of await exportRecordsOf(deps.db, rows)) yield r;
    if (rows.length < PAGE) return;
  }
}

/** GET /api/v1/projects/export.xlsx: the filtered list in the ledger template's layout (imports back unchanged). */
export async function exportProjects(deps: Deps, actor: Actor, q: ProjectFilterQuery & { sort?: string }) {
  requirePermission(actor, 'project:export');
  let count = 0;
  const counted = async function* () {
    for await (const r of exportRows(deps, actor, q)) {
      count++;
      yield r;
    }
  };
  const data = await exportWorkbook(projectLedgerMap, counted(), actor.locale);
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, actor, {
      entity: 'project',
      entityId: 'export',
      action: 'export',
      payload: { filter: q, rows: count },
    }),
  );
  return { name: `${actor.locale === 'en' ? 'projects' : '重大项目台账'}-${todayCst()}.xlsx`, data };
}
