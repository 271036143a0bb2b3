import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import fastJson from 'fast-json-stringify';
import { toJSONSchema, type ZodType } from 'zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';

/**
 * Responses leave through the shared zod schemas, and only the fields a schema declares ever leave, so a field a
 * presenter forgot to drop (a password hash, a scope column) cannot reach the client.
 *
 * In production each route's response schema is compiled once by fast-json-stringify (Fastify's own serializer),
 * from the JSON Schema zod derives from it (as for the OpenAPI document): it writes the declared properties straight
 * into the JSON text. fastify-type-provider-zod instead re-validates every leaf with zod, copies the value and then stringifies
 * it: on a project detail that was ~0.1 ms of a ~1.1 ms request, 36 µs against 11 µs measured alone
 * (bench/README.md). Under tests (VITEST, or GONGJIAN_RESPONSE_CHECK=on) every response is also encoded by zod and
 * the two must agree, so a presenter returning a wrong type or a missing field fails the suite as before.
 *
 * A schema JSON Schema cannot express (a transform) falls back to a "pick" compiled from the zod schema: the
 * declared keys rebuilt at every depth, leaves passed through.
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
      // the exact zod behaviour for this subtree (e.g. a union of objects); a value it rejects is not sent
      return (v) => {
        const r = safeEncode(schema, v);
        if (!r.success) throw new Error(`response does not match its schema: ${r.error.message}`);
        return r.data;
      };
  }
}

const checkResponses = () =>
  process.env.GONGJIAN_RESPONSE_CHECK
    ? process.env.GONGJIAN_RESPONSE_CHECK === 'on'
    : Boolean(process.env.VITEST);

/** Keywords that constrain input, not shape: fast-json-stringify would test them when it picks a branch of anyOf. */
const INPUT_ONLY = new Set([
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
]);

/**
 * The JSON Schema reduced to the shape of the value: input limits dropped, and `additionalProperties: false` left
 * out (fast-json-stringify writes only declared properties either way, but with it an object carrying one extra
 * key would match no branch of a nullable's anyOf, where zod simply strips the key).
 */
function shapeOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shapeOnly);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (INPUT_ONLY.has(k) || (k === 'additionalProperties' && v === false)) continue;
    // inside `properties` and `$defs` the keys are names, not keywords
    out[k] =
      k === 'properties' || k === 'definitions' || k === '$defs'
        ? Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, shapeOnly(s)]))
        : shapeOnly(v);
  }
  return out;
}

/**
 * The fast path: the route's schema as JSON Schema, compiled by
 * fast-json-stringify — Fastify's own serializer — which writes only the declared properties and builds no
 * intermediate object. A schema JSON Schema cannot express (a transform) falls back to the pick.
 */
export function compileSerializer(schema: $ZodType): (data: unknown) => string {
  try {
    const json = toJSONSchema(schema as never, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    return fastJson(shapeOnly(json) as never) as (data: unknown) => string;
  } catch {
    const pick = compilePick(schema);
    return (data) => JSON.stringify(pick(data));
  }
}

export const serializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  const fast = compileSerializer(route.schema as unknown as $ZodType);
  if (!checkResponses()) return fast;
  const strict = zodSerializerCompiler(route as never) as (data: unknown) => string;
  return (data) => {
    const checked = strict(data); // throws on a value the schema rejects, as in production before
    const out = fast(data);
    if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(checked)))
      throw new Error(`fast serializer differs from the schema's encoding at ${route.method} ${route.url}`);
    return out;
  };
};
