import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  ChangePasswordInput,
  LoginInput,
  Me,
  Session,
} from '../../../../contracts/schemas/auth';
import { IdParam, Ok, dataOf } from '../../../../contracts/schemas/common';
import { actorOf, clearSessionCookie, setSessionCookie } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './auth.service';

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const authDeps = { db: deps.db, sessionTtlHours: deps.config.sessionTtlHours };

  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with a password; sets the session cookie',
        body: LoginInput,
        response: { 200: dataOf(Me) },
      },
    },
    async (req, reply) => {
      const info = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
      const s = await service.login(authDeps, req.body, info);
      setSessionCookie(reply, deps.config, s.sessionToken, s.expiresAt);
      const actor = await service.buildActor(deps.db, s.userId, info);
      return { data: await service.getMe(authDeps, actor!, s.csrfToken) };
    },
  );
  r.post(
    '/api/v1/auth/logout',
    {
      config: { allowDuringPasswordChange: true },
      schema: { tags, summary: 'Sign out (revokes this session)', response: { 200: Ok } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.sessionId) await service.logout(authDeps, actor, req.sessionId);
      clearSessionCookie(reply, deps.config);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/auth/me',
    {
      config: { allowDuringPasswordChange: true },
      schema: {
        tags,
        summary: 'The signed-in user, permissions, scopes and CSRF token',
        response: { 200: dataOf(Me) },
      },
    },
    async (req) => ({ data: await service.getMe(authDeps, actorOf(req), req.csrfToken) }),
  );
  r.post(
    '/api/v1/auth/password',
    {
      config: { allowDuringPasswordChange: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Change own password (ends the other sessions)',
        body: ChangePasswordInput,
        response: { 200: dataOf(Me) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await service.changePassword(authDeps, actor, req.body, req.sessionId);
      return { data: await service.getMe(authDeps, actor, req.csrfToken) };
    },
  );
  r.get(
    '/api/v1/auth/sessions',
    {
      schema: { tags, summary: 'Own live sessions', response: { 200: z.object({ data: z.array(Session) }) } },
    },
    async (req) => ({ data: await service.listSessions(authDeps, actorOf(req), req.sessionId) }),
  );
  r.delete(
    '/api/v1/auth/sessions/:id',
    { schema: { tags, summary: 'Revoke one of own sessions', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.revokeOwnSession(authDeps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/auth/tokens',
    { schema: { tags, summary: 'Own API tokens', response: { 200: z.object({ data: z.array(ApiToken) }) } } },
    async (req) => ({ data: await service.listApiTokens(authDeps, actorOf(req)) }),
  );
  r.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once; use as Authorization: Bearer)',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.status(201).send(await service.createApiToken(deps.db, actor, actor.userId!, req.body));
    },
  );
  r.delete(
    '/api/v1/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke an own API token', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.revokeApiToken(authDeps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
