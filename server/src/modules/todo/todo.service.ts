import {
  TODO_KIND_LABELS,
  type Todo,
  type TodoCounts,
  type TodoItem,
} from '../../../../contracts/schemas/reform';
import { can, scopesFor, type Actor } from '../../core/access/actor';
import { todayCst } from '../../core/clock';
import type { Db } from '../../db/database';
import { daysBetween } from '../reform/reform.cadence';
import { reformTodo } from '../reform/reform.reporting.service';
import * as repo from './todo.repository';

type Deps = { db: Db };

const REFORM_KINDS = new Set([
  'milestone_due',
  'report_due',
  'report_returned',
  'contribution_due',
  'report_to_review',
  'verification_pending',
  'extension_to_decide',
]);

/** Problems due for the caller: owned by their unit and open, or resolved and waiting for their confirmation. */
async function problemTodo(db: Db, actor: Actor): Promise<TodoItem[]> {
  if (!can(actor, 'problem:read')) return [];
  const t0 = todayCst();
  const out: TodoItem[] = [];
  const item = (
    kind: 'problem_open' | 'problem_to_confirm',
    p: Awaited<ReturnType<typeof repo.openProblemsOwnedBy>>[number],
    overdueApplies: boolean,
  ): TodoItem => ({
    kind,
    kindLabel: TODO_KIND_LABELS[kind],
    entity: 'problem',
    entityId: p.id,
    taskId: p.entity === 'reform_task' ? p.entity_id : null,
    title: p.title,
    subtitle: null,
    dueOn: p.due_on,
    overdue: overdueApplies && p.due_on !== null && p.due_on < t0,
    daysLeft: p.due_on ? daysBetween(t0, p.due_on) : null,
    link: `/problems/${p.id}`,
  });
  if (can(actor, 'problem:manage') && actor.unitId)
    for (const p of await repo.openProblemsOwnedBy(db, actor.unitId)) out.push(item('problem_open', p, true));
  if (can(actor, 'problem:manage')) {
    const supervisor = scopesFor(actor, 'problem').has('all');
    for (const p of await repo.problemsAwaitingConfirmation(db, actor.userId, supervisor))
      out.push(item('problem_to_confirm', p, false));
  }
  return out;
}

function countsOf(items: TodoItem[]): TodoCounts {
  const byKind: Record<string, number> = {};
  for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  return {
    total: items.length,
    overdue: items.filter((i) => i.overdue).length,
    byKind,
    reform: items.filter((i) => REFORM_KINDS.has(i.kind)).length,
    problems: items.filter((i) => !REFORM_KINDS.has(i.kind)).length,
  };
}

/** Everything due or waiting for the signed-in user, overdue first, then by due date. */
export async function getTodo(deps: Deps, actor: Actor): Promise<Todo> {
  const items = [...(await reformTodo(deps.db, actor)), ...(await problemTodo(deps.db, actor))];
  items.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.dueOn === b.dueOn) return a.title.localeCompare(b.title, 'zh-CN');
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  });
  return { items, counts: countsOf(items) };
}

/** The counts for the menu badges. */
export async function getTodoCounts(deps: Deps, actor: Actor): Promise<TodoCounts> {
  return (await getTodo(deps, actor)).counts;
}
