import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import fastJson from 'fast-json-stringify';
import { toJSONSchema, type ZodType } from 'zod';
import type { $ZodType } from 'zod/v4/core';

/**
 * Responses leave through the shared zod schemas, and only the fields a schema declares ever leave, so a field a
 * presenter forgot to drop (a password hash, a scope column) cannot reach the client.
 *
 * In production each route's response schema is compiled once by fast-json-stringify (Fastify's own serializer),
 * from the JSON Schema zod derives from it (as for the OpenAPI document): it writes the declared properties straight
 * into the JSON text. fastify-type-provider-zod instead re-validates every leaf with zod, copies the value and then
 * stringifies it: on a project detail that was ~0.1 ms of a ~1.1 ms request, 36 µs against 11 µs measured alone
 * (bench/README.md). Under tests (VITEST, or GONGJIAN_RESPONSE_CHECK=on) every response is also encoded by zod and
 * the two must agree, so a presenter returning a wrong type or a missing field fails the suite as before.
 *
 * A schema JSON Schema cannot express (a Date, a transform) keeps fastify-type-provider-zod's serializer.
 */
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
 * The fast path: the route's schema as JSON Schema, compiled by fast-json-stringify, which writes only the declared
 * properties and builds no intermediate object; null when JSON Schema cannot express the schema.
 */
export function fastSerializer(schema: $ZodType): ((data: unknown) => string) | null {
  let json: unknown;
  try {
    json = toJSONSchema(schema as never, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  } catch {
    return null;
  }
  return fastJson(shapeOnly(json) as never) as (data: unknown) => string;
}

export const serializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  const strict = zodSerializerCompiler(route as never) as (data: unknown) => string;
  const fast = fastSerializer(route.schema as unknown as $ZodType);
  if (!fast) return strict;
  if (!checkResponses()) return fast;
  return (data) => {
    const checked = strict(data); // throws on a value the schema rejects, as in production before
    const out = fast(data);
    if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(checked)))
      throw new Error(`fast serializer differs from the schema's encoding at ${route.method} ${route.url}`);
    return out;
  };
};
