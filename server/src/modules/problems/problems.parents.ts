import type { RawBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { AppError } from '../../core/errors';
import type { Executor } from '../../db/database';

/**
 * The kinds of record a problem can belong to. Each capability registers its own ('project' here; a
 * reform task, a dispatch meeting … from their modules), so the problem list is reused, not copied.
 */
export type ProblemParent = {
  label: { zh: string; en: string };
  /** SQL condition on `problems.entity_id`: the parent record lies in the actor's scope (whoever reads it reads its problems). */
  visible(actor: Actor): RawBuilder<SqlBool>;
  /** The parent as the actor sees it; null when missing or outside the actor's scope. */
  find(db: Executor, actor: Actor, id: string): Promise<{ regionCode: string; name: string } | null>;
  /** Display names of several parents. */
  names(db: Executor, ids: string[]): Promise<Map<string, string>>;
  /** The problem is located where its owner unit is (e.g. a meeting's decision owned by a district), not where the parent is. */
  regionFollowsOwner?: boolean;
};

const PARENTS = new Map<string, ProblemParent>();

export function registerProblemParent(entity: string, parent: ProblemParent) {
  PARENTS.set(entity, parent);
}

export function problemParent(entity: string): ProblemParent {
  const p = PARENTS.get(entity);
  if (!p)
    throw new AppError('RULE_VIOLATION', {
      detail: { zh: `问题不能挂在“${entity}”上`, en: `problems cannot be raised on “${entity}”` },
    });
  return p;
}

export const problemParents = () => [...PARENTS.entries()];
