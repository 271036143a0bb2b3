import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProjectDetail } from '../../../contracts/schemas/projects';
import { MeetingItem } from '../../../contracts/schemas/meetings';
import { compilePick, compileSerializer } from './serialization';

describe('response pick', () => {
  const User = z.object({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.object({ code: z.string(), scope: z.string().nullable() })),
    manager: z.object({ id: z.string() }).nullable(),
    note: z.string().optional(),
    tags: z.record(z.string(), z.object({ n: z.number() })),
  });

  it('keeps only declared keys, at every depth', () => {
    const pick = compilePick(User);
    const out = pick({
      id: 'u1',
      name: '张三',
      password_hash: '$argon2id$…',
      roles: [{ code: 'drc', scope: null, internal: 1 }],
      manager: { id: 'u2', password_hash: 'x' },
      tags: { a: { n: 1, secret: true } },
    });
    expect(out).toEqual({
      id: 'u1',
      name: '张三',
      roles: [{ code: 'drc', scope: null }],
      manager: { id: 'u2' },
      tags: { a: { n: 1 } },
    });
    expect(JSON.stringify(out)).not.toContain('password_hash');
    expect(JSON.stringify(out)).not.toContain('secret');
  });

  it('agrees with zod on nulls, optionals and a union of objects', () => {
    const pick = compilePick(User);
    const value = { id: 'u1', name: 'n', roles: [], manager: null, tags: {} };
    expect(pick(value)).toEqual(User.parse(value));
    const Snap = z.object({
      item: z.union([
        z.object({ kind: z.literal('a'), a: z.number() }),
        z.object({ kind: z.literal('b'), b: z.string() }),
      ]),
    });
    const v = { item: { kind: 'b', b: 'x', extra: 1 } };
    expect(compilePick(Snap)(v)).toEqual(Snap.parse(v));
  });

  it('compiles the real response schemas', () => {
    expect(typeof compilePick(ProjectDetail)).toBe('function');
    expect(typeof compilePick(MeetingItem)).toBe('function');
  });
});

describe('response serializer (fast-json-stringify from the zod schema)', () => {
  const Label = z.object({ zh: z.string().min(1).max(5), en: z.string().min(1) });
  const Item = z.object({
    id: z.string(),
    amount: z.number().int(),
    label: Label.nullable(),
    tags: z.array(z.object({ code: z.string() })),
    byYear: z.record(z.string(), z.object({ n: z.number() })),
    note: z.string().optional(),
    kind: z.union([
      z.object({ a: z.literal('a'), x: z.number() }),
      z.object({ a: z.literal('b'), y: z.string() }),
    ]),
  });
  const serialize = compileSerializer(Item as never);

  it('writes only declared keys, at every depth, and agrees with zod', () => {
    const value = {
      id: 'p1',
      amount: 120,
      password_hash: '$argon2id$…',
      label: { zh: '签约', en: 'Signed', internal: 'x' },
      tags: [{ code: 'nev', secret: 1 }],
      byYear: { '2024': { n: 1, hidden: true } },
      kind: { a: 'b', y: 'ok', extra: 2 },
    };
    const out = serialize(value);
    expect(JSON.parse(out)).toEqual(Item.parse(value));
    for (const leaked of ['password_hash', 'internal', 'secret', 'hidden', 'extra'])
      expect(out).not.toContain(leaked);
  });

  it('sends a stored value longer than an input limit (limits are for input, not for what was stored)', () => {
    const value = {
      id: 'p',
      amount: 1,
      label: { zh: '超过五个字的标签', en: 'x' },
      tags: [],
      byYear: {},
      kind: { a: 'a', x: 1 },
    };
    expect(JSON.parse(serialize(value)).label.zh).toBe('超过五个字的标签');
  });

  it('refuses a value missing a required field instead of sending half a record', () => {
    expect(() => serialize({ id: 'p', label: null, tags: [], byYear: {}, kind: { a: 'a', x: 1 } })).toThrow();
  });

  it('falls back to the pick for a schema JSON Schema cannot express (a Date)', () => {
    const WithDate = z.object({ at: z.date(), keep: z.string() });
    const value = { at: new Date('2025-03-05T00:00:00Z'), keep: 'k', drop: 'd' };
    expect(JSON.parse(compileSerializer(WithDate as never)(value))).toEqual({
      at: '2025-03-05T00:00:00.000Z',
      keep: 'k',
    });
  });

  it('compiles the real detail schemas without falling back', () => {
    expect(compileSerializer(ProjectDetail as never)).toBeTypeOf('function');
    expect(compileSerializer(MeetingItem as never)).toBeTypeOf('function');
  });
});
