import type { ErrorCode } from '../../../contracts/errors';

/**
 * The one error type the domain throws. It names a code from contracts/errors.ts, never an HTTP status;
 * http/error-mapper.ts turns it into a status and a message in the caller's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly details?: unknown;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, details?: unknown) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = details;
  }
}

/** 404 "not found or no access": the same answer whether the row is missing or outside the caller's scope. */
export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
/** A message given in both languages, for rule violations that carry their own explanation. */
export const ruleViolation = (zh: string, en: string, details?: unknown) =>
  new AppError('RULE_VIOLATION', { detail: { zh, en } }, details);
