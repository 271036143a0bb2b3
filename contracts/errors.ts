/**
 * Error codes shared by server and web. The server answers every error as
 * `{ "error": { "code", "message", "details" } }`; `message` is rendered from this table in the
 * caller's language (Accept-Language), and the web client branches on `code`.
 */
export type Locale = 'zh-CN' | 'en';

type ErrorDef = { status: number; zh: string; en: string };

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容有误：{detail}', en: 'The request is invalid: {detail}' },
  BAD_REQUEST: { status: 400, zh: '请求无法处理：{detail}', en: 'The request cannot be processed: {detail}' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已锁定，请于 {until} 后再试',
    en: 'Too many failed sign-ins; the account is locked until {until}',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '首次登录或密码已重置，请先修改密码',
    en: 'You must change your initial password first',
  },
  WEAK_PASSWORD: { status: 400, zh: '密码不符合要求：{detail}', en: 'The password is too weak: {detail}' },
  CSRF_FAILED: {
    status: 403,
    zh: '安全校验失败（CSRF），请刷新页面后重试',
    en: 'Security check failed (CSRF); reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权访问', en: 'Not found or no access' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在：{detail}', en: 'No such endpoint: {detail}' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '记录已被他人修改（当前版本 {version}），请刷新后再保存',
    en: 'The record was changed by someone else (now version {version}); reload before saving',
  },
  DUPLICATE: {
    status: 409,
    zh: '已存在相同的{detail}',
    en: 'A record with the same {detail} already exists',
  },
  IN_USE: { status: 409, zh: '无法删除：{detail}', en: 'Cannot delete: {detail}' },
  RULE_VIOLATION: { status: 422, zh: '{detail}', en: '{detail}' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    zh: '上传内容过大（上限 {limit}）',
    en: 'The upload is too large (limit {limit})',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的文件类型：{detail}',
    en: 'Unsupported file type: {detail}',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，已记录（编号 {requestId}）',
    en: 'Internal server error; it has been logged (id {requestId})',
  },
  DATABASE_UNAVAILABLE: { status: 503, zh: '数据库不可用', en: 'The database is unavailable' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: unknown };
};

/** Renders an error message with `{name}` placeholders filled from params. */
export function renderErrorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, unknown> = {},
): string {
  const def: ErrorDef = ERRORS[code];
  const template = locale === 'zh-CN' ? def.zh : def.en;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? '' : String(params[k])));
}

/** Picks zh-CN or en from an Accept-Language header; zh-CN is the default. */
export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q)
    .find((x) => x.tag.startsWith('zh') || x.tag.startsWith('en'));
  return first?.tag.startsWith('en') ? 'en' : 'zh-CN';
}
