import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProjectDetail } from '../../../contracts/schemas/projects';
import { MeetingItem } from '../../../contracts/schemas/meetings';
import { fastSerializer, serializerCompiler } from './serialization';

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
  const serialize = fastSerializer(Item as never)!;

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

  it('keeps zod’s serializer for a schema JSON Schema cannot express (a Date)', () => {
    const WithDate = z.object({ at: z.date(), keep: z.string() });
    expect(fastSerializer(WithDate as never)).toBeNull();
    const serialize = serializerCompiler({
      schema: WithDate,
      method: 'GET',
      url: '/t',
      httpStatus: '200',
    } as never) as (data: unknown) => string;
    const value = { at: new Date('2025-03-05T00:00:00Z'), keep: 'k', drop: 'd' };
    expect(JSON.parse(serialize(value))).toEqual({ at: '2025-03-05T00:00:00.000Z', keep: 'k' });
  });

  it('compiles the real detail schemas to the fast path', () => {
    expect(fastSerializer(ProjectDetail as never)).not.toBeNull();
    expect(fastSerializer(MeetingItem as never)).not.toBeNull();
  });
});
