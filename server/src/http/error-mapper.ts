import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ERRORS,
  type ErrorCode,
  type Locale,
  pickLocale,
  renderErrorMessage,
} from '../../../contracts/errors';
import { AppError } from '../core/errors';

/** Messages for custom validation keys used in the shared schemas (`.regex(…, 'errors.username')`). */
const VALIDATION_KEYS: Record<string, { zh: string; en: string }> = {
  'errors.username': {
    zh: '用户名只能包含字母、数字、下划线、点和连字符',
    en: 'letters, digits, _ . - only',
  },
  'errors.roleCode': {
    zh: '角色编码只能包含小写字母、数字和下划线',
    en: 'lower-case letters, digits and _ only',
  },
  'errors.creditCode': {
    zh: '统一社会信用代码无效（校验位不符或含非法字符）',
    en: 'invalid unified social credit code',
  },
  'errors.projectCode': { zh: '投资项目代码格式无效', en: 'invalid investment project code' },
  'errors.nul': { zh: '包含不允许的空字符（\\0）', en: 'contains a NUL character' },
};

const zodLocales = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

/** A localised, human message for one zod issue (re-rendered in the caller's language). */
export function localiseIssue(issue: Record<string, unknown>, locale: Locale): string {
  const message = typeof issue.message === 'string' ? issue.message : '';
  const key = VALIDATION_KEYS[message];
  if (key) return locale === 'zh-CN' ? key.zh : key.en;
  if (issue.code === 'custom') return message;
  try {
    const out = zodLocales[locale](issue as never);
    if (typeof out === 'string') return out;
    if (out && typeof out === 'object' && 'message' in out)
      return String((out as { message: unknown }).message);
  } catch {
    // fall through to the original message
  }
  return message;
}

function localiseParam(v: unknown, locale: Locale): unknown {
  if (v && typeof v === 'object' && 'zh' in v && 'en' in v) {
    const o = v as { zh: string; en: string };
    return locale === 'zh-CN' ? o.zh : o.en;
  }
  return v;
}

export function sendError(
  reply: FastifyReply,
  locale: Locale,
  code: ErrorCode,
  params: Record<string, unknown> = {},
  details?: unknown,
) {
  const localised: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) localised[k] = localiseParam(v, locale);
  const message = renderErrorMessage(code, locale, localised);
  return reply
    .status(ERRORS[code].status)
    .send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

export function requestLocale(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language']);
}

export function registerErrorMapper(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      return sendError(reply, locale, err.code, err.params, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const issue = { code: v.keyword, path: path.split('.'), message: v.message, ...(v.params as object) };
        return { path, message: localiseIssue(issue, locale) };
      });
      const where = err.validationContext ? `${err.validationContext}.` : '';
      const detail = details.map((d) => `${where}${d.path || '(root)'}: ${d.message}`).join('; ');
      return sendError(reply, locale, 'VALIDATION_FAILED', { detail }, details);
    }
    const fe = err as FastifyError;
    if (
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      fe.code === 'FST_REQ_FILE_TOO_LARGE' ||
      fe.statusCode === 413
    ) {
      return sendError(reply, locale, 'PAYLOAD_TOO_LARGE', {
        limit: `${Math.round((req.routeOptions.bodyLimit ?? 0) / 1048576) || ''} MB`,
      });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
      return sendError(reply, locale, 'UNSUPPORTED_MEDIA_TYPE', {
        detail: String(req.headers['content-type'] ?? ''),
      });
    }
    if (fe.statusCode === 429) return sendError(reply, locale, 'RATE_LIMITED');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(reply, locale, 'BAD_REQUEST', { detail: fe.message });
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, locale, 'INTERNAL', { requestId: req.id });
  });
}

/** Unknown routes: the SPA shell for page URLs when the web UI is served, else ROUTE_NOT_FOUND. */
export function registerNotFound(
  app: FastifyInstance,
  spaFallback?: (req: FastifyRequest, reply: FastifyReply) => boolean,
) {
  app.setNotFoundHandler((req, reply) => {
    if (spaFallback?.(req, reply)) return reply;
    return sendError(reply, requestLocale(req), 'ROUTE_NOT_FOUND', {
      detail: `${req.method} ${req.url.split('?')[0]}`,
    });
  });
}
