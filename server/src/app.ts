import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { serializerCompiler } from './http/serialization';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { registerAuth } from './http/auth';
import type { AppDeps } from './http/deps';
import { registerErrorMapper, registerNotFound } from './http/error-mapper';
import { registerSecurityHeaders } from './http/security-headers';
import { validatorCompiler } from './http/validation';
import { registerAttachmentRoutes } from './modules/attachments/attachments.routes';
import { registerAuditRoutes } from './modules/audit-log/audit-log.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerEnterpriseRoutes } from './modules/enterprises/enterprises.routes';
import { registerImportRoutes } from './modules/imports/imports.routes';
import { registerLightRoutes } from './modules/lights/lights.routes';
import { registerMeetingRoutes } from './modules/meetings/meetings.routes';
import { registerProblemRoutes } from './modules/problems/problems.routes';
import { registerProjectRoutes } from './modules/projects/projects.routes';
import { registerReformRoutes } from './modules/reform/reform.routes';
import { registerTodoRoutes } from './modules/todo/todo.routes';
import { registerIndicatorRoutes } from './modules/indicators/indicators.routes';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { registerRankingRoutes } from './modules/rankings/rankings.routes';
import { registerBriefingRoutes } from './modules/briefings/briefings.routes';
import { registerOc4idsRoutes } from './modules/oc4ids/oc4ids.routes';
import { VERSION, registerHealthRoutes } from './modules/health/health.routes';
import { registerRegionRoutes } from './modules/regions/regions.routes';
import { registerRoleRoutes } from './modules/roles/roles.routes';
import { registerUnitRoutes } from './modules/units/units.routes';
import { registerUserRoutes } from './modules/users/users.routes';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../../web/dist');

/** Routes that receive files: multipart parsing (and the three hooks it adds to a request) applies to these only. */
const UPLOAD_ROUTE_MODULES: Array<(app: FastifyInstance, deps: AppDeps) => void> = [
  registerAttachmentRoutes,
  registerImportRoutes,
];

/** Each capability registers its routes here; the order does not matter. */
const ROUTE_MODULES: Array<(app: FastifyInstance, deps: AppDeps) => void> = [
  registerHealthRoutes,
  registerAuthRoutes,
  registerRegionRoutes,
  registerUnitRoutes,
  registerUserRoutes,
  registerRoleRoutes,
  registerAuditRoutes,
  registerProjectRoutes,
  registerLightRoutes,
  registerProblemRoutes,
  registerMeetingRoutes,
  registerEnterpriseRoutes,
  registerReformRoutes,
  registerTodoRoutes,
  registerIndicatorRoutes,
  registerDashboardRoutes,
  registerRankingRoutes,
  registerBriefingRoutes,
  registerOc4idsRoutes,
];

export type BuildOptions = {
  config: Config;
  database: DatabaseHandle;
  logger?: boolean;
  serveWeb?: boolean;
  /** Observes every route as it is registered (the access matrix and the fuzz tests read the route table). */
  onRoute?: (route: RouteOptions) => void;
};

/** Builds the Fastify app without listening (tests call `inject`); main.ts and the CLI listen. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
          },
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'on',
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `rate limited (${ctx.after})` }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gongjian (攻坚) API',
        version: VERSION,
        description:
          'REST API of Gongjian. Errors: `{ "error": { "code", "message", "details" } }`, message in zh-CN or en by Accept-Language. ' +
          'Lists: `page`, `pageSize` (≤ 200), `sort=field|-field`, `q`, filters named after fields; answer `{ data, total, page, pageSize }`. ' +
          'Auth: the session cookie (send `X-CSRF-Token` on writes) or `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'gj_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list' },
    staticCSP: false,
  });

  registerSecurityHeaders(app);
  registerErrorMapper(app);
  const deps: AppDeps = { db: database.db, engine: database.engine, config };
  registerAuth(app, deps);
  for (const register of ROUTE_MODULES) register(app, deps);
  await app.register(async (uploads) => {
    await uploads.register(multipart, {
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20, fieldSize: 4000, parts: 30 },
    });
    for (const register of UPLOAD_ROUTE_MODULES) register(uploads, deps);
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const serveWeb = opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: true, index: ['index.html'] });
  }
  // Client-side routes: a GET for a page (not an API call, not a missing asset) answers the SPA shell.
  registerNotFound(
    app,
    serveWeb
      ? (req, reply) => {
          const url = req.url.split('?')[0]!;
          if (
            req.method !== 'GET' ||
            url.startsWith('/api/') ||
            url.startsWith('/assets/') ||
            /\.[a-z0-9]+$/i.test(url)
          )
            return false;
          void reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
          return true;
        }
      : undefined,
  );
  return app;
}
