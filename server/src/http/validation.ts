import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';

const MARK = Symbol.for('ZodFastifySchemaValidationError');

/**
 * Validates requests with the shared zod schemas. Like fastify-type-provider-zod's compiler, but it keeps
 * each issue's input so the error mapper can re-render messages in the caller's language ("received string").
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    // PostgreSQL text cannot hold NUL; refuse it up front instead of failing in the database.
    const nulAt = findNul(data, '');
    if (nulAt !== null)
      return {
        error: [
          {
            [MARK]: true,
            keyword: 'custom',
            instancePath: `/${nulAt}`,
            schemaPath: '#',
            message: 'errors.nul',
            params: {},
          },
        ] as never,
      };
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return {
      error: result.error.issues.map((issue) => {
        const { path, code, message, input, ...params } = issue as typeof issue & { input?: unknown };
        return {
          [MARK]: true,
          keyword: code,
          instancePath: `/${path.join('/')}`,
          schemaPath: `#/${path.join('/')}/${code}`,
          message,
          // Only the type of the input travels on, never the (possibly huge or hostile) value itself.
          params: { ...params, input: input === undefined ? undefined : summariseInput(input) },
        };
      }) as never,
    };
  };

function summariseInput(v: unknown): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) return [];
  if (typeof v === 'object') return {};
  if (typeof v === 'string') return v.length > 40 ? v.slice(0, 40) : v;
  return v;
}

function findNul(v: unknown, path: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    const found = findNul(child, path ? `${path}/${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
