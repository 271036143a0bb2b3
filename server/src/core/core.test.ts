import { describe, expect, it } from 'vitest';
import { pickLocale, renderErrorMessage } from '../../../contracts/errors';
import { regionPrefix } from './access/actor';
import { diff, hashAuditRow } from './audit/audit';
import { newId } from './ids';
import { checkPasswordPolicy, generatePassword } from './passwords';
import { parseSort } from './listing';
import { countyKind } from '../modules/regions/regions.data';

describe('locale negotiation', () => {
  it('defaults to zh-CN and honours q-values', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('fr, en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN');
    expect(pickLocale('de')).toBe('zh-CN');
  });
  it('renders messages with parameters', () => {
    expect(renderErrorMessage('VERSION_CONFLICT', 'en', { version: 3 })).toContain('version 3');
    expect(renderErrorMessage('NOT_FOUND', 'zh-CN')).toBe('记录不存在或无权访问');
  });
});

describe('regions', () => {
  it('derives the prefix a region stands for', () => {
    expect(regionPrefix('321100')).toBe('3211');
    expect(regionPrefix('320000')).toBe('32');
    expect(regionPrefix('321102')).toBe('321102');
  });
  it('classifies county-level codes', () => {
    expect(countyKind('321102')).toBe('district');
    expect(countyKind('321171')).toBe('functional_zone');
    expect(countyKind('321181')).toBe('county_city');
    expect(countyKind('320321')).toBe('county');
  });
});

describe('passwords', () => {
  it('enforces the policy', () => {
    expect(checkPasswordPolicy('short', 'x')).not.toHaveLength(0);
    expect(checkPasswordPolicy('alllowercaseletters', 'x')).toHaveLength(1);
    expect(checkPasswordPolicy('Admin-12345-ok', 'admin')).toHaveLength(1);
    expect(checkPasswordPolicy('Str0ng-Passw0rd', 'someone')).toHaveLength(0);
  });
  it('generates passwords that pass the policy', () => {
    for (let i = 0; i < 50; i++) expect(checkPasswordPolicy(generatePassword(), 'user')).toHaveLength(0);
  });
});

describe('ids', () => {
  it('are unique, time-ordered UUIDv7', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('audit helpers', () => {
  it('diffs only changed fields', () => {
    expect(diff({ a: 1, b: 2, version: 1 }, { a: 1, b: 3, version: 2 })).toEqual({
      before: { b: 2 },
      after: { b: 3 },
    });
  });
  it('hash changes when any field changes', () => {
    const row = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actor_id: null,
      actor_name: 'x',
      ip: null,
      user_agent: null,
      entity: 'unit',
      entity_id: 'u1',
      action: 'create',
      region_code: null,
      changes: '{}',
      prev_hash: '0'.repeat(64),
    };
    const h = hashAuditRow(row);
    expect(hashAuditRow({ ...row, changes: '{"a":1}' })).not.toBe(h);
    expect(hashAuditRow({ ...row, seq: 2 })).not.toBe(h);
    expect(hashAuditRow({ ...row })).toBe(h);
  });
});

describe('sorting', () => {
  it('accepts only known fields', () => {
    const allowed = { name: 'name', createdAt: 'created_at' } as const;
    expect(parseSort('-createdAt', allowed, { column: 'name', desc: false })).toEqual({
      column: 'created_at',
      desc: true,
    });
    expect(parseSort('password_hash', allowed, { column: 'name', desc: false })).toEqual({
      column: 'name',
      desc: false,
    });
  });
});
