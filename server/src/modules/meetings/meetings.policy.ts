import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';

/**
 * A meeting reached through the scoped query is visible; organising it needs meeting:manage. The agenda is
 * edited before the meeting is held; decisions are recorded until it is published; a published meeting (its
 * 通报 issued) is a record and no longer changes.
 */
export function meetingAbilities(actor: Actor, m: { status: string }) {
  const manage = can(actor, 'meeting:manage');
  const open = m.status !== 'published';
  return {
    update: manage && open,
    editAgenda: manage && m.status === 'draft',
    hold: manage && m.status === 'draft',
    addDecision: manage && open,
    publish: manage && open,
    exportBulletin: true,
  };
}
