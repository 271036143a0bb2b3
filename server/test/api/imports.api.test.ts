import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/actor';
import { AppError } from '../../src/core/errors';
import { exportWorkbook } from '../../src/core/excel/engine';
import { buildActor } from '../../src/modules/auth/auth.service';
import * as imports from '../../src/modules/imports/imports.service';
import { ENGINES } from '../dialects';
import { buildMessyLedger } from '../fixtures/excel/build';
import {
  countTestItems,
  createTestItemsTable,
  testLedger,
  testRegistry,
  type TestItem,
} from '../fixtures/excel/test-ledger';
import { createTestApp, type Session, type TestApp } from '../test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(data: Buffer, opts: { field?: string; filename?: string } = {}) {
  const boundary = `----gongjian${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.filename ?? '项目台账.xlsx'}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const sample: TestItem[] = [
  {
    name: '接口项目甲',
    code: null,
    district: '京口区',
    level: 'city',
    investment: 50_000_000,
    annualPlan: null,
    landArea: 8,
    jobs: 10,
    startDate: '2024-06-01',
    reportMonth: '2024-06',
    foreign: false,
    chain: null,
  },
  {
    name: '接口项目乙',
    code: null,
    district: '丹徒区',
    level: null,
    investment: null,
    annualPlan: 1000,
    landArea: null,
    jobs: null,
    startDate: null,
    reportMonth: null,
    foreign: true,
    chain: 'chain2',
  },
];

for (const engine of ENGINES) {
  describe(`${engine}: import API`, () => {
    let t: TestApp;
    let drc: Session;
    const actors: Record<string, Actor> = {};
    const deps = () => ({ db: t.database.db, config: { dataDir: '/tmp/gongjian-test' } });

    beforeAll(async () => {
      t = await createTestApp(engine, { env: { UPLOAD_MAX_MB: '1' } });
      drc = await t.login('drc');
      await createTestItemsTable(t.database.db);
      for (const u of ['drc', 'admin', 'jingkou', 'reform'])
        actors[u] = (await buildActor(t.database.db, await t.userId(u), { ip: null, userAgent: null }))!;
    });
    afterAll(async () => t?.close());

    const upload = (
      s: Session,
      url: string,
      data: Buffer,
      opts: { field?: string; filename?: string; headers?: Record<string, string> } = {},
    ) => {
      const m = multipart(data, opts);
      return t.app.inject({
        method: 'POST',
        url,
        payload: m.payload,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...m.headers, ...opts.headers },
      });
    };
    const poll = async (s: Session, id: string): Promise<LightMyRequestResponse> => {
      for (let i = 0; i < 100; i++) {
        const res = await t.call(s, 'GET', `/api/v1/imports/${id}`);
        if (res.json().data.status !== 'running') return res;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the run did not finish');
    };

    it('serves the template as an xlsx download with a Chinese file name', async () => {
      const res = await t.call(drc, 'GET', '/api/v1/imports/projects/template');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"]*"; filename\*=UTF-8''.*%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF\.xlsx$/,
      ); // …导入模板.xlsx
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.length).toBeGreaterThanOrEqual(1);
      const reform = await t.login('reform');
      expect((await t.call(reform, 'GET', '/api/v1/imports/projects/template')).statusCode).toBe(403);
      expect((await t.call(drc, 'GET', '/api/v1/imports/no_such_ledger/template')).statusCode).toBe(404);
      expect((await t.call(null, 'GET', '/api/v1/imports/projects/template')).statusCode).toBe(401);
    });

    it('refuses uploads that are not multipart, lack the file part, or are too large', async () => {
      const notMultipart = await t.call(drc, 'POST', '/api/v1/imports/projects', { file: 'x' });
      expect(notMultipart.statusCode).toBe(415);
      const wrongField = await upload(drc, '/api/v1/imports/projects', Buffer.from('x'), {
        field: 'attachment',
      });
      expect(wrongField.statusCode).toBe(400);
      expect(wrongField.json().error.code).toBe('BAD_REQUEST');
      const big = await upload(drc, '/api/v1/imports/projects', Buffer.alloc(1024 * 1024 + 200 * 1024, 1));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      const reform = await t.login('reform');
      expect((await upload(reform, '/api/v1/imports/projects', Buffer.from('x'))).statusCode).toBe(403);
      const badQuery = await upload(drc, '/api/v1/imports/projects?dryRun=maybe', Buffer.from('x'));
      expect(badQuery.statusCode).toBe(400);
    });

    it('a file that is no workbook finishes as a failed run with a clear error, in the caller’s language', async () => {
      const res = await upload(drc, '/api/v1/imports/projects?wait=true', Buffer.from('项目名称,所在地区'), {
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(200);
      const run = res.json().data;
      expect(run).toMatchObject({
        ledger: 'projects',
        fileName: '项目台账.xlsx',
        status: 'failed',
        dryRun: false,
        progress: 100,
        rows: 0,
        errorCount: 1,
        annotatedUrl: null,
        errors: [
          {
            row: 0,
            column: '',
            message: 'The file is not an Excel workbook (.xlsx); save it as .xlsx in Excel and import again',
          },
        ],
      });
      expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await t.call(drc, 'GET', `/api/v1/imports/${run.id}/annotated`)).statusCode).toBe(404);
    });

    it('answers 202 at once and the run is polled to its end; only the owner and city-wide importers see it', async () => {
      const jingkou = await t.login('jingkou');
      const res = await upload(jingkou, '/api/v1/imports/projects?dryRun=true', await buildMessyLedger());
      expect([200, 202]).toContain(res.statusCode);
      const id = res.json().data.id as string;
      const done = (await poll(jingkou, id)).json().data;
      expect(done.status).toBe('dry_run');
      expect(done.dryRun).toBe(true);
      expect(done.finishedAt).not.toBeNull();
      // the owner, and an admin (import permission with scope 'all'), see it; others get 404
      expect((await t.call(await t.login('admin'), 'GET', `/api/v1/imports/${id}`)).statusCode).toBe(200);
      expect((await t.call(drc, 'GET', `/api/v1/imports/${id}`)).statusCode).toBe(200);
      expect((await t.call(await t.login('runzhou'), 'GET', `/api/v1/imports/${id}`)).statusCode).toBe(404);
      expect((await t.call(await t.login('leader'), 'GET', `/api/v1/imports/${id}`)).statusCode).toBe(404);
      expect((await t.call(jingkou, 'GET', '/api/v1/imports/no-such-run')).statusCode).toBe(404);
      // the list shows the caller's own runs only
      const mine = (await t.call(jingkou, 'GET', '/api/v1/imports?ledger=projects')).json().data;
      expect(mine.map((r: { id: string }) => r.id)).toEqual([id]);
      expect(mine[0]).not.toHaveProperty('errors');
      const drcRuns = (await t.call(drc, 'GET', '/api/v1/imports')).json().data;
      expect(drcRuns.map((r: { id: string }) => r.id)).not.toContain(id);
      expect((await t.call(drc, 'GET', '/api/v1/imports?ledger=enterprises')).json().data).toEqual([]);
    });

    it('service, with a ledger registry of its own: dry run, real run, all-or-nothing, annotated download', async () => {
      const d = deps();
      const file = await exportWorkbook(testLedger.map, sample, 'zh-CN');
      const read = (data: Buffer) => async () => ({ data, fileName: '../../etc/台账.xlsx' });
      const start = (actor: Actor, data: Buffer, dryRun: boolean) =>
        imports.startLedgerImport(
          d,
          actor,
          { ledgerId: 'test_items', dryRun, wait: true, locale: 'zh-CN', readFile: read(data) },
          testRegistry,
        );

      const dry = await start(actors.drc!, file, true);
      expect(dry.run).toMatchObject({
        status: 'dry_run',
        rows: 2,
        created: 2,
        updated: 0,
        errorCount: 0,
        fileName: '台账.xlsx',
      });
      expect(await countTestItems(t.database.db)).toBe(0);

      const real = await start(actors.drc!, file, false);
      expect(real).toMatchObject({
        finished: true,
        run: { status: 'succeeded', rows: 2, created: 2, errors: [] },
      });
      expect(await countTestItems(t.database.db)).toBe(2);
      const audit = await t.call(
        await t.login('admin'),
        'GET',
        `/api/v1/audit?entity=import_run&entityId=${real.run.id}`,
      );
      expect(audit.json().data).toHaveLength(1);

      const bad = await exportWorkbook(
        testLedger.map,
        [
          ...sample.map((s) => ({ ...s, name: `${s.name}扩建` })),
          { ...sample[0]!, name: '外省项目', district: '朝阳区' },
        ],
        'zh-CN',
      );
      const failed = await start(actors.drc!, bad, false);
      expect(failed.run).toMatchObject({
        status: 'failed',
        errorCount: 1,
        errors: [{ row: 5, column: '*所在地区', col: 3, message: '未知的地区“朝阳区”' }],
      });
      expect(failed.run.annotatedUrl).toBe(`/api/v1/imports/${failed.run.id}/annotated`);
      expect(await countTestItems(t.database.db)).toBe(2);

      // the annotated workbook over HTTP, for its owner
      const dl = await t.call(drc, 'GET', failed.run.annotatedUrl!);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toContain(encodeURIComponent('台账（错误标注）.xlsx'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(dl.rawPayload as unknown as ExcelJS.Buffer);
      expect(wb.getWorksheet('导入错误')!.getCell('C2').value).toBe('未知的地区“朝阳区”');
      expect(fs.existsSync(`/tmp/gongjian-test/imports/${failed.run.id}.xlsx`)).toBe(true);

      // visibility through the service: admin (scope all) yes, a district importer no
      expect((await imports.getImportRun(d, actors.admin!, failed.run.id, testRegistry)).id).toBe(
        failed.run.id,
      );
      await expect(
        imports.getImportRun(d, actors.jingkou!, failed.run.id, testRegistry),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        imports.annotatedWorkbookOf(d, actors.jingkou!, failed.run.id, 'zh-CN', testRegistry),
      ).rejects.toBeInstanceOf(AppError);
      // permission first: the file is never read without it
      let read2 = false;
      await expect(
        imports.startLedgerImport(
          d,
          actors.reform!,
          {
            ledgerId: 'test_items',
            dryRun: true,
            wait: true,
            locale: 'zh-CN',
            readFile: async () => ((read2 = true), { data: file, fileName: 'x.xlsx' }),
          },
          testRegistry,
        ),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(read2).toBe(false);
      await expect(
        imports.importTemplate(d, actors.drc!, 'nope', 'zh-CN', testRegistry),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await imports.importTemplate(d, actors.drc!, 'test_items', 'en', testRegistry)).fileName).toBe(
        'Test project ledger import template.xlsx',
      );
    });

    it('rate-limits uploads', async () => {
      const s = await t.login('admin');
      let last = 0;
      for (let i = 0; i < 21; i++)
        last = (await t.call(s, 'POST', '/api/v1/imports/projects', {})).statusCode;
      expect(last).toBe(429);
    });
  });
}
