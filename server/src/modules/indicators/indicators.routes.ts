import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok, dataOf } from '../../../../contracts/schemas/common';
import {
  IndicatorCodeParam,
  IndicatorDefinition,
  IndicatorQuery,
  IndicatorRecordsPage,
  IndicatorRecordsQuery,
  IndicatorTarget,
  IndicatorTargetCreate,
  IndicatorTargetListQuery,
  IndicatorTargetUpdate,
  IndicatorValue,
  IndicatorValueRow,
  IndicatorValuesQuery,
  PeriodChanges,
  PeriodChangesQuery,
  PeriodLock,
  PeriodLockBody,
  PeriodMonthParam,
  PeriodParam,
} from '../../../../contracts/schemas/results';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './indicators.service';

export function registerIndicatorRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['results'];
  service.connectReformTargets();

  r.get(
    '/api/v1/indicators',
    {
      schema: {
        tags,
        summary: 'Indicator definitions (the registry)',
        response: { 200: z.object({ data: z.array(IndicatorDefinition) }) },
      },
    },
    async (req) => ({ data: service.listDefinitions(actorOf(req)) }),
  );
  r.get(
    '/api/v1/indicators/values',
    {
      schema: {
        tags,
        summary:
          'Every indicator of a period: { code, name, value, unit, previous, yoy } (what `gongjian indicators` prints)',
        querystring: IndicatorValuesQuery,
        response: { 200: z.object({ data: z.array(IndicatorValueRow) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      service.listDefinitions(actor);
      return {
        data: await service.listIndicatorValues(deps.db, {
          period: req.query.period,
          regionCode: req.query.region,
          actor,
        }),
      };
    },
  );
  r.get(
    '/api/v1/indicators/:code',
    {
      schema: {
        tags,
        summary:
          'One indicator for a period and region: value, same period last year, yoy, target, breakdown',
        params: IndicatorCodeParam,
        querystring: IndicatorQuery,
        response: { 200: dataOf(IndicatorValue) },
      },
    },
    async (req) => ({ data: await service.getIndicator(deps, actorOf(req), req.params.code, req.query) }),
  );
  r.get(
    '/api/v1/indicators/:code/records',
    {
      schema: {
        tags,
        summary:
          'The records behind a figure (paginated, scoped; zone / unit / chain narrow to one breakdown row)',
        params: IndicatorCodeParam,
        querystring: IndicatorRecordsQuery,
        response: { 200: IndicatorRecordsPage },
      },
    },
    async (req) => service.listRecords(deps, actorOf(req), req.params.code, req.query),
  );

  r.get(
    '/api/v1/indicator-targets',
    {
      schema: {
        tags,
        summary: 'Indicator targets',
        querystring: IndicatorTargetListQuery,
        response: { 200: z.object({ data: z.array(IndicatorTarget) }) },
      },
    },
    async (req) => ({ data: await service.listTargets(deps, actorOf(req), req.query) }),
  );
  r.post(
    '/api/v1/indicator-targets',
    {
      schema: {
        tags,
        summary: 'Enter a target (reform:manage)',
        body: IndicatorTargetCreate,
        response: { 201: dataOf(IndicatorTarget) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createTarget(deps, actorOf(req), req.body) }),
  );
  r.patch(
    '/api/v1/indicator-targets/:id',
    {
      schema: {
        tags,
        summary: 'Change a target (send version)',
        params: IdParam,
        body: IndicatorTargetUpdate,
        response: { 200: dataOf(IndicatorTarget) },
      },
    },
    async (req) => ({ data: await service.updateTarget(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/indicator-targets/:id',
    { schema: { tags, summary: 'Delete a target', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.deleteTarget(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/periods/locks',
    {
      schema: { tags, summary: 'Locked months', response: { 200: z.object({ data: z.array(PeriodLock) }) } },
    },
    async (req) => ({ data: await service.listLocks(deps, actorOf(req)) }),
  );
  r.get(
    '/api/v1/periods/:period/lock',
    {
      schema: {
        tags,
        summary: 'The lock of a month (404 when not locked)',
        params: PeriodMonthParam,
        response: { 200: dataOf(PeriodLock) },
      },
    },
    async (req) => ({ data: await service.getLock(deps, actorOf(req), req.params.period) }),
  );
  r.post(
    '/api/v1/periods/:period/lock',
    {
      schema: {
        tags,
        summary: "Freeze a month's indicator values (reform:verify or briefing:issue); permanent",
        params: PeriodMonthParam,
        body: PeriodLockBody.optional(),
        response: { 201: dataOf(PeriodLock) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await service.lockPeriod(deps, actorOf(req), req.params.period, req.body?.note) }),
  );
  r.get(
    '/api/v1/periods/:period/changes',
    {
      schema: {
        tags,
        summary: 'What changed: each indicator then and now, and the records that entered, left or changed',
        params: PeriodParam,
        querystring: PeriodChangesQuery,
        response: { 200: dataOf(PeriodChanges) },
      },
    },
    async (req) => ({ data: await service.periodChanges(deps, actorOf(req), req.params.period, req.query) }),
  );
}
