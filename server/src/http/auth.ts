import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { Actor } from '../core/access/actor';
import { AppError } from '../core/errors';
import type { Db } from '../db/database';
import { authenticateSession, authenticateToken } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'gj_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    mustChangePassword: boolean;
  }
  interface FastifyContextConfig {
    /** The route answers without a signed-in user (login, health, docs). */
    public?: boolean;
    /** The route stays open while the user still has to change an initial password. */
    allowDuringPasswordChange?: boolean;
  }
}

/** The signed-in actor; routes call this, it throws UNAUTHENTICATED when there is none. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
  });
}

/**
 * A resolved session is reused for a few seconds, so a burst of reads does not rebuild the actor (five small
 * queries) each time. Every write in this instance clears the cache; another instance sees a revoked session or
 * a changed role within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 3000;
const sessionCache = new Map<
  string,
  { at: number; value: Awaited<ReturnType<typeof authenticateSession>> }
>();

async function cachedSession(
  cookie: string,
  load: () => ReturnType<typeof authenticateSession>,
): ReturnType<typeof authenticateSession> {
  const now = Date.now();
  const hit = sessionCache.get(cookie);
  if (hit && now - hit.at < SESSION_CACHE_MS) return hit.value;
  const value = await load();
  if (value) {
    if (sessionCache.size > 10_000) sessionCache.clear();
    sessionCache.set(cookie, { at: now, value });
  } else sessionCache.delete(cookie);
  return value;
}

/**
 * Authentication for every /api route: a session cookie (with CSRF on writes) or a Bearer API token.
 * Routes are private unless their config says `public: true`.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; config: Config }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustChangePassword', false);

  // Any write may change sessions, roles or users: drop the short-lived session cache of this instance.
  app.addHook('onResponse', (req, _reply, done) => {
    if (!SAFE_METHODS.has(req.method)) sessionCache.clear();
    done();
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const info = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
    const authDeps = { db: deps.db, sessionTtlHours: deps.config.sessionTtlHours };
    const authz = req.headers.authorization;
    if (authz && /^Bearer\s+/i.test(authz)) {
      const actor = await authenticateToken(authDeps, authz.replace(/^Bearer\s+/i, '').trim(), info);
      if (!actor) throw new AppError('UNAUTHENTICATED');
      req.actor = actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const s = await cachedSession(cookie, () => authenticateSession(authDeps, cookie, info));
        if (s) {
          req.actor = { ...s.actor, ip: info.ip, userAgent: info.userAgent };
          req.sessionId = s.sessionId;
          req.csrfToken = s.csrfToken;
          req.mustChangePassword = s.mustChangePassword;
        }
      }
    }
    const cfg = req.routeOptions.config;
    if (cfg?.public || req.url.startsWith('/api/docs')) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    if (req.sessionId && !SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || header !== req.csrfToken) throw new AppError('CSRF_FAILED');
    }
    if (req.mustChangePassword && !cfg?.allowDuringPasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });
}
