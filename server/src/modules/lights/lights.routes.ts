import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/deps';

export function registerLightRoutes(_app: FastifyInstance, _deps: AppDeps) {}
