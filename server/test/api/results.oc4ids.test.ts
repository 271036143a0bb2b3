import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { insertMonthly, insertPlan, insertProject } from './results.fixtures';

/**
 * The REQUIRED shape of an OC4IDS project package, encoded from the standard's own schema files
 * (repository open-contracting/infrastructure):
 *
 * - schema/project-level/project-package-schema.json (0.9.3): required uri, publisher, publishedDate, projects,
 *   version; version matches ^(\d+\.)(\d+)$; publishedDate format date-time; uri format uri; publisher requires
 *   name (minLength 1); projects minItems 1, uniqueItems, each a project-schema.json object;
 * - schema/project-level/project-schema.json: required id (string); status from the closed projectStatus
 *   codelist; Period startDate/endDate date-time; Value { amount number, currency ISO 4217 }; Location requires
 *   id; BudgetBreakdown requires id; Classification { scheme, id, description }; Organization { name, id,
 *   identifier, roles[] }; completion { endDate date-time, finalValue Value, … }; additionalClassifications and
 *   locations uniqueItems;
 * - codelists/projectStatus.csv (closed): identification, preparation, implementation, completion, completed,
 *   cancelled; codelists/projectType.csv: construction, maintenance, rehabilitation, replacement, expansion,
 *   decommissioning; codelists/metricID.csv: physicalProgress, financialProgress;
 * - metrics after the OCDS metrics extension (open-contracting-extensions/ocds_metrics_extension): Metric requires
 *   id; each Observation requires id, with period, value (Value) or measure, unit, dimensions.
 */
const DateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'date-time');
const Value = z.object({ amount: z.number(), currency: z.string().regex(/^[A-Z]{3}$/) });
const Period = z.object({
  startDate: DateTime.optional(),
  endDate: DateTime.optional(),
  durationInDays: z.number().int().optional(),
});
const Classification = z.object({
  scheme: z.string(),
  id: z.union([z.string(), z.number().int()]),
  description: z.string().optional(),
});
const Location = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  gazetteer: z.object({ scheme: z.string(), identifiers: z.array(z.string()) }).optional(),
  address: z.object({ region: z.string().optional(), countryName: z.string().optional() }).optional(),
});
const Organization = z.object({
  id: z.string(),
  name: z.string(),
  identifier: z.object({ scheme: z.string(), id: z.string() }).optional(),
  roles: z.array(z.string()).min(1),
});
const Observation = z.object({
  id: z.string().min(1),
  period: Period.optional(),
  value: Value.optional(),
  measure: z.union([z.number(), z.string()]).optional(),
  unit: z.object({ name: z.string() }).optional(),
  dimensions: z.record(z.string(), z.string()).optional(),
});
const Metric = z.object({
  id: z.enum(['physicalProgress', 'financialProgress']),
  title: z.string().optional(),
  observations: z.array(Observation),
});
const unique = <T>(list: T[]) => new Set(list.map((x) => JSON.stringify(x))).size === list.length;
const Project = z.object({
  id: z.string(),
  updated: DateTime.or(z.string().regex(/^\d{4}-\d{2}-\d{2}T/)).optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: z
    .enum(['identification', 'preparation', 'implementation', 'completion', 'completed', 'cancelled'])
    .optional(),
  type: z
    .enum(['construction', 'maintenance', 'rehabilitation', 'replacement', 'expansion', 'decommissioning'])
    .optional(),
  period: Period.optional(),
  sector: z.array(z.string()).optional(),
  additionalClassifications: z.array(Classification).refine(unique, 'uniqueItems').optional(),
  locations: z.array(Location).refine(unique, 'uniqueItems').optional(),
  budget: z
    .object({
      amount: Value.optional(),
      approvalDate: DateTime.optional(),
      budgetBreakdown: z
        .array(z.object({ id: z.string().min(1), amount: Value.optional(), period: Period.optional() }))
        .optional(),
    })
    .optional(),
  parties: z.array(Organization).refine(unique, 'uniqueItems').optional(),
  completion: z
    .object({
      endDate: DateTime.optional(),
      endDateDetails: z.string().optional(),
      finalValue: Value.optional(),
      finalValueDetails: z.string().optional(),
    })
    .optional(),
  metrics: z.array(Metric).optional(),
});
const ProjectPackage = z.object({
  uri: z.string().url(),
  publishedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
  version: z.string().regex(/^(\d+\.)(\d+)$/),
  publisher: z.object({ name: z.string().min(1) }),
  projects: z
    .array(Project)
    .min(1)
    .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'unique project ids'),
});

for (const engine of ENGINES) {
  describe(`${engine}: OC4IDS export`, () => {
    let t: TestApp;
    let drc: Session;
    let done: string;

    beforeAll(async () => {
      t = await createTestApp(engine);
      drc = await t.login('drc');
      done = await insertProject(t, {
        name: '竣工示范项目',
        region_code: '321183',
        unit: 'jurong',
        project_code: '2020-321183-34-03-123456',
        construction_nature: 'expansion',
        industry_code: '3411',
        investor_name: '示范投资集团有限公司',
        investor_credit_code: '91321183MA1XXXXX0X',
        company_name: '示范投资集团有限公司',
        company_credit_code: '91321183MA1XXXXX0X',
        agreed_investment: 1_200_000_000,
        filed_investment: 1_100_000_000,
        actual_signed_on: '2020-03-01',
        actual_filed_on: '2020-04-01',
        actual_started_on: '2020-06-01',
        planned_completed_on: '2021-06-30',
        actual_completed_on: '2021-09-30',
        stage: 11,
      });
      await insertPlan(t.database.db, done, 2021, 600_000_000);
      await insertMonthly(t.database.db, done, '321183', '2021-06', 300_000_000);
      await t.database.db
        .updateTable('project_monthly')
        .set({ physical_progress_pct: 80, cumulative_investment: 900_000_000 })
        .where('project_id', '=', done)
        .execute();
      await insertProject(t, {
        name: '已终止项目',
        region_code: '321183',
        unit: 'jurong',
        agreed_investment: 200_000_000,
        actual_signed_on: '2020-05-01',
        stage: 3,
        terminated: 1,
      });
      await insertProject(t, { name: '保密线索', region_code: '321183', unit: 'jurong', stage: 1 });
    });
    afterAll(async () => t?.close());

    it('exports a package with the schema’s required shape', async () => {
      const res = await t.call(drc, 'GET', '/api/v1/oc4ids/project-package.json?region=321183');
      expect(res.statusCode, res.body).toBe(200);
      const pkg = res.json();
      const parsed = ProjectPackage.safeParse(pkg);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 5))).toBe(true);
      expect(pkg.version).toBe('0.9');
      const p = pkg.projects.find((x: { title: string }) => x.title === '竣工示范项目');
      expect(p.id).toBe('cn-fai-2020-321183-34-03-123456');
      expect(p.status).toBe('completion');
      expect(p.type).toBe('expansion');
      expect(p.budget.amount).toEqual({ amount: 1_100_000_000, currency: 'CNY' });
      expect(p.budget.approvalDate).toBe('2020-04-01T00:00:00+08:00');
      expect(p.locations[0].gazetteer).toEqual({ scheme: 'GB/T 2260', identifiers: ['321183'] });
      expect(p.additionalClassifications[0]).toMatchObject({ scheme: 'GB/T 4754-2017', id: 'C3411' });
      expect(p.parties.find((x: { roles: string[] }) => x.roles.includes('funder'))).toMatchObject({
        id: 'CN-USCC-91321183MA1XXXXX0X',
        roles: ['funder', 'investor', 'projectCompany'],
      });
      expect(p.parties.some((x: { roles: string[] }) => x.roles.includes('administrativeEntity'))).toBe(true);
      expect(p.completion).toMatchObject({
        endDate: '2021-09-30T00:00:00+08:00',
        finalValue: { amount: 900_000_000, currency: 'CNY' },
      });
      const physical = p.metrics.find((m: { id: string }) => m.id === 'physicalProgress');
      expect(physical.observations[0]).toMatchObject({ id: 'physical-2021-06', measure: 80 });
      const financial = p.metrics.find((m: { id: string }) => m.id === 'financialProgress');
      expect(
        financial.observations.find((o: { id: string }) => o.id === 'financial-actual-2021-06').value,
      ).toEqual({ amount: 300_000_000, currency: 'CNY' });
      expect(
        financial.observations.find((o: { id: string }) => o.id === 'financial-planned-2021-06').value,
      ).toEqual({ amount: 300_000_000, currency: 'CNY' });
      const cancelled = pkg.projects.find((x: { title: string }) => x.title === '已终止项目');
      expect(cancelled.status).toBe('cancelled');
      // leads stay out by default
      expect(pkg.projects.some((x: { title: string }) => x.title === '保密线索')).toBe(false);
    });

    it('the whole demo pipeline validates too, and the export is scoped', async () => {
      const all = await t.call(drc, 'GET', '/api/v1/oc4ids/project-package.json?limit=5000');
      expect(all.statusCode).toBe(200);
      const parsed = ProjectPackage.safeParse(all.json());
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 5))).toBe(true);
      const jingkou = await t.login('jingkou');
      const own = await t.call(jingkou, 'GET', '/api/v1/oc4ids/project-package.json?limit=5000');
      if (own.statusCode === 200) {
        for (const p of own.json().projects)
          expect(p.locations[0].gazetteer.identifiers[0]).toMatch(/^321102/);
      } else expect(own.statusCode).toBe(422);
      expect(
        (await t.call(jingkou, 'GET', '/api/v1/oc4ids/project-package.json?region=321183')).statusCode,
      ).toBe(422);
      const auditor = await t.login('auditor');
      expect((await t.call(auditor, 'GET', '/api/v1/oc4ids/project-package.json')).statusCode).toBe(403);
    });
  });
}
