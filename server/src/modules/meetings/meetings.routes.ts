import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/deps';

export function registerMeetingRoutes(_app: FastifyInstance, _deps: AppDeps) {}
