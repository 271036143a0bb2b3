import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';

/**
 * Responses leave through the shared zod schemas, and only the fields a schema declares ever leave: an object is
 * re-built from its schema's keys, so a field a presenter forgot to drop (a password hash, a scope column) cannot
 * reach the client. Re-validating every leaf of every response with zod, as fastify-type-provider-zod does, costs
 * ~0.25 ms on a project detail — a fifth of the request — so outside tests the schema is compiled once into a
 * "pick" that keeps the declared keys and passes leaves through. Under tests (VITEST, or
 * GONGJIAN_RESPONSE_CHECK=on) every response is also encoded by zod and the two must agree, so a presenter that
 * returns the wrong type fails the suite exactly as before.
 */
type Pick = (value: unknown) => unknown;
type Def = {
  type: string;
  shape?: Record<string, $ZodType>;
  element?: $ZodType;
  innerType?: $ZodType;
  options?: $ZodType[];
  valueType?: $ZodType;
};

const identity: Pick = (v) => v;
const defOf = (schema: $ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Leaf types whose values pass through unchanged. */
const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'literal',
  'enum',
  'unknown',
  'any',
  'nan',
  'template_literal',
]);

function isPassThrough(schema: $ZodType): boolean {
  const def = defOf(schema);
  if (LEAVES.has(def.type)) return true;
  if (def.type === 'nullable' || def.type === 'optional') return isPassThrough(def.innerType!);
  if (def.type === 'array') return isPassThrough(def.element!);
  if (def.type === 'union') return def.options!.every(isPassThrough);
  return false;
}

/** Compiles a schema into a pick; node kinds it does not know (unions of objects, defaults, pipes) use zod. */
export function compilePick(schema: $ZodType): Pick {
  if (isPassThrough(schema)) return identity;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const keys = Object.entries(def.shape!).map(([k, s]) => [k, compilePick(s)] as const);
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const src = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [k, pick] of keys) {
          const x = src[k];
          if (x !== undefined) out[k] = pick === identity ? x : pick(x);
        }
        return out;
      };
    }
    case 'array': {
      const pick = compilePick(def.element!);
      return (v) => (Array.isArray(v) ? v.map((x) => pick(x)) : v);
    }
    case 'nullable':
    case 'optional': {
      const pick = compilePick(def.innerType!);
      return (v) => (v === null || v === undefined ? v : pick(v));
    }
    case 'record': {
      const pick = compilePick(def.valueType!);
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = pick(x);
        return out;
      };
    }
    default:
      // the exact zod behaviour for this subtree (e.g. a discriminated union of objects)
      return (v) => {
        const r = safeEncode(schema, v);
        return r.success ? r.data : v;
      };
  }
}

const checkResponses = () =>
  process.env.GONGJIAN_RESPONSE_CHECK
    ? process.env.GONGJIAN_RESPONSE_CHECK === 'on'
    : Boolean(process.env.VITEST);

export const serializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  const pick = compilePick(route.schema as unknown as $ZodType);
  if (!checkResponses()) return (data) => JSON.stringify(pick(data));
  const strict = zodSerializerCompiler(route as never) as (data: unknown) => string;
  return (data) => {
    const checked = strict(data); // throws on a value the schema rejects, as in production before
    const fast = JSON.stringify(pick(data));
    if (!isDeepStrictEqual(JSON.parse(fast), JSON.parse(checked)))
      throw new Error(`response pick differs from the schema's encoding at ${route.method} ${route.url}`);
    return fast;
  };
};
