import { PROJECT_DOC_TYPES } from '../../../../contracts/schemas/projects';
import { can, type Actor } from '../../core/access/actor';
import { registerAttachmentOwner } from '../../core/attachments/attachments';
import { AppError, notFound } from '../../core/errors';
import type { Executor } from '../../db/database';
import * as repo from './projects.repository';

async function visible(db: Executor, actor: Actor, id: string) {
  if (!can(actor, 'project:read')) throw notFound();
  const row = await repo.findProjectScoped(db, actor, id);
  if (!row) throw notFound();
  return row;
}

/**
 * Project attachments (the evidence of milestones): reading follows the project's data scope, attaching needs
 * project:update or project:confirm-milestone on a visible project; the document types are the evidence types.
 */
export function registerProjectAttachments() {
  registerAttachmentOwner('project', {
    async canRead(db, actor, entityId) {
      return { regionCode: (await visible(db, actor, entityId)).region_code };
    },
    async canAttach(db, actor, entityId) {
      const row = await visible(db, actor, entityId);
      if (!can(actor, 'project:update') && !can(actor, 'project:confirm-milestone'))
        throw new AppError('FORBIDDEN');
      return { regionCode: row.region_code };
    },
    docTypes: PROJECT_DOC_TYPES,
  });
}
