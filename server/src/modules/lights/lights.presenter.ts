import type {
  FiredRule,
  LightColor,
  LightHistoryEntry,
  LightOverride,
  LightRuleSet,
} from '../../../../contracts/schemas/lights';
import { RuleSetParams } from '../../../../contracts/schemas/lights';
import type { Actor } from '../../core/access/actor';
import { overrideAbilities, ruleSetAbilities } from './lights.policy';
import type { OverrideWithNames } from './lights.repository';
import type { LightHistoryRow, LightRuleSetRow } from './lights.table';

export const parseParams = (json: string) => RuleSetParams.parse(JSON.parse(json));
const color = (c: string | null) =>
  c === 'green' || c === 'yellow' || c === 'red' ? (c as LightColor) : null;

export function presentRuleSet(actor: Actor, r: LightRuleSetRow): LightRuleSet {
  return {
    id: r.id,
    name: r.name,
    issuer: r.issuer,
    docNo: r.doc_no,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    params: parseParams(r.params),
    status: r.status,
    isDefault: Number(r.is_default) === 1,
    notes: r.notes,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    activatedBy: r.activated_by,
    activatedAt: r.activated_at,
    abilities: ruleSetAbilities(actor, r),
  };
}

export function presentHistory(h: LightHistoryRow): LightHistoryEntry {
  return {
    id: h.id,
    color: color(h.color),
    previousColor: color(h.previous_color),
    computedColor: color(h.computed_color),
    ruleSetId: h.rule_set_id,
    ruleSetVersion: h.rule_set_version,
    fired: JSON.parse(h.fired) as FiredRule[],
    computedAt: h.computed_at,
    asOf: h.as_of,
    asOfMonth: h.as_of_month,
    reason: h.reason,
    overrideId: h.override_id,
  };
}

export function presentOverride(actor: Actor, o: OverrideWithNames): LightOverride {
  return {
    id: o.id,
    projectId: o.project_id,
    projectName: o.project_name ?? null,
    regionCode: o.region_code,
    color: color(o.color) ?? 'green',
    reason: o.reason,
    until: o.until,
    attachmentIds: JSON.parse(o.attachment_ids) as string[],
    status: o.status,
    requestedBy: o.requested_by,
    requestedByName: o.requested_by_name ?? null,
    requestedAt: o.requested_at,
    decidedBy: o.decided_by,
    decidedByName: o.decided_by_name ?? null,
    decidedAt: o.decided_at,
    decisionNote: o.decision_note,
    version: o.version,
    abilities: overrideAbilities(actor, o),
  };
}
