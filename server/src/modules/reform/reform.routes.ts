import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/deps';

export function registerReformRoutes(_app: FastifyInstance, _deps: AppDeps) {}
