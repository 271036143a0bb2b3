import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProjectDetail } from '../../../contracts/schemas/projects';
import { MeetingItem } from '../../../contracts/schemas/meetings';
import { compilePick } from './serialization';

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
