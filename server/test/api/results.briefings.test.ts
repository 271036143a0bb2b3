import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath } from '../../src/core/attachments/attachments';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';
import { insertMonthly, insertPlan, insertProblem, insertProject } from './results.fixtures';

/** Every number in the body is a registered figure (or a date, a period label or a table reference). */
function untracedNumbers(content: {
  sections: Array<{ paragraphs: string[] }>;
  figures: Array<{ text: string }>;
}): string[] {
  const texts = [...new Set(content.figures.map((f) => f.text))].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (const p of content.sections.flatMap((s) => s.paragraphs)) {
    let rest = p;
    for (const t of texts) rest = rest.split(t).join('□');
    rest = rest
      .replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '')
      .replace(/\d{4}年(\d{1,2}(–\d{1,2})?月|第\d+周)/g, '')
      .replace(/\d{1,2}(–\d{1,2})?月/g, '')
      .replace(/表\d+/g, '');
    if (/\d/.test(rest)) out.push(p);
  }
  return out;
}

const SOFFICE = [
  '/usr/bin/libreoffice',
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
].find((p) => fs.existsSync(p));
const DATA_DIR = '/tmp/gongjian-test';

for (const engine of ENGINES) {
  describe(`${engine}: briefings, period lock`, () => {
    let t: TestApp;
    let reform: Session;
    let leader: Session;
    let big: string;
    let briefingId: string;
    let docx: Buffer;

    beforeAll(async () => {
      t = await createTestApp(engine);
      reform = await t.login('reform');
      leader = await t.login('leader');
      // 2021: 2300亿元; 2020: 164,285,714,286 元 (1642.9亿元) → +40.0%
      big = await insertProject(t, {
        name: '重燃装备基地项目',
        region_code: '321181',
        unit: 'danyang',
        agreed_investment: 230_000_000_000,
        actual_signed_on: '2021-06-01',
        actual_started_on: '2021-08-28',
        stage: 10,
        light: 'red',
        light_since: '2021-11-05',
        next_steps: '12月底前完成主体结构封顶',
      });
      await insertProject(t, {
        name: '上年项目',
        region_code: '321102',
        unit: 'jingkou',
        agreed_investment: 164_285_714_286,
        actual_signed_on: '2020-06-01',
        stage: 3,
      });
      await insertPlan(t.database.db, big, 2021, 2_000_000_000);
      await insertMonthly(t.database.db, big, '321181', '2021-06', 600_000_000);
      await insertMonthly(t.database.db, big, '321181', '2021-12', 1_500_000_000);
      await insertProblem(t, {
        title: '施工用电增容',
        projectId: big,
        region: '321181',
        unit: 'danyang',
        due: '2021-10-31',
        status: 'in_progress',
      });
    });
    afterAll(async () => t?.close());

    it('generates a monthly 通报 draft whose figures are computed from the ledgers', async () => {
      expect(
        (
          await t.call(leader, 'POST', '/api/v1/briefings', {
            kind: 'monthly',
            period: '2021-12',
            region: '321100',
          })
        ).statusCode,
      ).toBe(403);
      const res = await t.call(reform, 'POST', '/api/v1/briefings', {
        kind: 'monthly',
        period: '2021-12',
        region: '321100',
        redHeader: true,
        docNo: '改办〔2022〕1号',
      });
      expect(res.statusCode, res.body).toBe(201);
      const b = res.json().data;
      briefingId = b.id;
      expect(b.status).toBe('draft');
      expect(b.title).toBe('关于2021年12月镇江市重点工作推进情况的通报');
      const texts = b.content.figures.map((f: { text: string }) => f.text);
      expect(texts).toContain('2300.0亿元');
      expect(texts).toContain('同比增长40.0%');
      const amount = b.content.figures.find((f: { text: string }) => f.text === '2300.0亿元');
      expect(amount).toMatchObject({
        code: 'signed_major_investment',
        period: '2021-01..12',
        regionCode: '321100',
      });
      expect(amount.records).toEqual([{ id: big, name: '重燃装备基地项目' }]);
      const overall = b.content.sections[0].paragraphs.join('');
      expect(overall).toContain('总投资2300.0亿元，同比增长40.0%');
      expect(b.content.tables.some((x: { title: string }) => x.title.includes('红黄灯项目清单'))).toBe(true);
      expect(untracedNumbers(b.content)).toEqual([]);
      // drafts are for the issuers only
      expect((await t.call(leader, 'GET', `/api/v1/briefings/${briefingId}`)).statusCode).toBe(404);
    });

    it('renders a .docx in 公文 layout with every figure and the appendix', async () => {
      const res = await t.call(reform, 'GET', `/api/v1/briefings/${briefingId}/document.docx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      docx = res.rawPayload;
      const zip = await JSZip.loadAsync(docx);
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toContain('2300.0亿元');
      expect(xml).toContain('同比增长40.0%');
      // A4, margins 37 / 35 / 28 / 26 mm
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      // title 小标宋 22 pt, body 仿宋 16 pt with exact 28 pt lines, red header and rule
      expect(xml).toContain('w:eastAsia="方正小标宋简体"');
      expect(xml).toMatch(/<w:sz w:val="44"\/>/);
      expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
      expect(xml).toMatch(/<w:sz w:val="32"\/>/);
      expect(xml).toMatch(/w:line="560" w:lineRule="exact"/);
      expect(xml).toContain('<w:color w:val="FF0000"/>');
      expect(xml).toContain('改办〔2022〕1号');
      expect(xml).toContain('附件：数据来源');
      expect(xml).toContain('signed_major_investment');
      expect(xml).toContain('重燃装备基地项目');
      const fonts = await zip.file('word/fontTable.xml')!.async('string');
      expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
      expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
      const footers = await Promise.all(
        Object.keys(zip.files)
          .filter((n) => /^word\/footer\d+\.xml$/.test(n))
          .map((n) => zip.file(n)!.async('string')),
      );
      expect(footers.length).toBe(2);
      expect(footers.join('')).toContain('PAGE');
      expect(footers.join('')).toContain('— ');
    });

    it.skipIf(!SOFFICE)('converts to PDF with LibreOffice headless', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-pdf-'));
      const file = path.join(dir, 'briefing.docx');
      fs.writeFileSync(file, docx);
      execFileSync(SOFFICE!, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        timeout: 120_000,
      });
      const pdf = path.join(dir, 'briefing.pdf');
      expect(fs.existsSync(pdf)).toBe(true);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    });
    if (!SOFFICE)
      it('PDF conversion skipped: LibreOffice (soffice) is not installed on this machine', () =>
        expect(SOFFICE).toBeUndefined());

    it('exports the same figures as .xlsx', async () => {
      const res = await t.call(reform, 'GET', `/api/v1/briefings/${briefingId}/document.xlsx`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const texts: string[] = [];
      wb.getWorksheet('指标')!.eachRow((row) => texts.push(String(row.getCell(2).value)));
      expect(texts).toContain('2300.0亿元');
      expect(texts).toContain('同比增长40.0%');
      const src: string[] = [];
      wb.getWorksheet('数据来源')!.eachRow((row) => src.push(String(row.getCell(6).value)));
      expect(src).toContain(big);
    });

    it('issues once; the record and the stored file never change afterwards', async () => {
      const before = (await t.call(reform, 'GET', `/api/v1/briefings/${briefingId}`)).json().data;
      const issued = await t.call(reform, 'POST', `/api/v1/briefings/${briefingId}/issue`, {
        version: before.version,
      });
      expect(issued.statusCode, issued.body).toBe(200);
      const b = issued.json().data;
      expect(b.status).toBe('issued');
      expect(b.docNo).toBe('改办〔2022〕1号');
      const stored = fs.readFileSync(blobPath(DATA_DIR, b.docxSha256));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(b.docxSha256);

      expect(
        (
          await t.call(reform, 'PATCH', `/api/v1/briefings/${briefingId}`, {
            title: '改',
            version: b.version,
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (await t.call(reform, 'PATCH', `/api/v1/briefings/${briefingId}`, { title: '改', version: 1 }))
          .statusCode,
      ).toBe(422);
      expect(
        (await t.call(reform, 'POST', `/api/v1/briefings/${briefingId}/issue`, { version: b.version }))
          .statusCode,
      ).toBe(422);
      expect((await t.call(reform, 'DELETE', `/api/v1/briefings/${briefingId}`)).statusCode).toBe(422);

      // the ledger changes; the issued briefing does not
      await t.database.db
        .updateTable('projects')
        .set({ agreed_investment: 100_000_000_000 })
        .where('id', '=', big)
        .execute();
      const again = await t.call(leader, 'GET', `/api/v1/briefings/${briefingId}/document.docx`);
      expect(again.statusCode).toBe(200);
      expect(createHash('sha256').update(again.rawPayload).digest('hex')).toBe(b.docxSha256);
      const after = (await t.call(leader, 'GET', `/api/v1/briefings/${briefingId}`)).json().data;
      expect(after.content.figures.map((f: { text: string }) => f.text)).toContain('2300.0亿元');
      expect(after.version).toBe(b.version);
      const list = (await t.call(leader, 'GET', '/api/v1/briefings')).json();
      expect(list.data.map((x: { id: string }) => x.id)).toContain(briefingId);
      await t.database.db
        .updateTable('projects')
        .set({ agreed_investment: 230_000_000_000 })
        .where('id', '=', big)
        .execute();
    });

    it('a draft needs a 发文字号 to issue; a stale version is a conflict', async () => {
      const res = await t.call(reform, 'POST', '/api/v1/briefings', {
        kind: 'monthly',
        period: '2021-11',
        region: '321100',
      });
      expect(res.statusCode).toBe(201);
      const b = res.json().data;
      expect(
        (await t.call(reform, 'POST', `/api/v1/briefings/${b.id}/issue`, { version: b.version })).statusCode,
      ).toBe(422);
      const edited = await t.call(reform, 'PATCH', `/api/v1/briefings/${b.id}`, {
        docNo: '改办〔2021〕30号',
        version: b.version,
      });
      expect(edited.statusCode).toBe(200);
      expect(
        (await t.call(reform, 'POST', `/api/v1/briefings/${b.id}/issue`, { version: b.version })).statusCode,
      ).toBe(409);
      expect((await t.call(reform, 'DELETE', `/api/v1/briefings/${b.id}`)).statusCode).toBe(200);
    });

    it('generates the weekly 调度通报 with the project groups', async () => {
      const res = await t.call(reform, 'POST', '/api/v1/briefings', {
        kind: 'dispatch',
        period: '2021-W48',
        region: '321100',
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json().data.content;
      expect(c.periodLabel).toBe('2021年第48周');
      expect(untracedNumbers(c)).toEqual([]);
      const t1 = c.tables.find((x: { title: string }) => x.title.includes('需协调项目'));
      expect(t1.columns).toEqual([
        '序号',
        '项目名称',
        '年度计划投资（万元）',
        '已完成投资（万元）/形象进度',
        '当前节点',
        '存在问题',
        '下一步及完成时限',
      ]);
      expect(t1.rows[0]).toEqual([
        1,
        '重燃装备基地项目',
        '200000',
        '150000',
        '建设',
        '施工用电增容（2021年10月31日前）',
        '12月底前完成主体结构封顶',
      ]);
      const doc = await t.call(reform, 'GET', `/api/v1/briefings/${res.json().data.id}/document.docx`);
      const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
      expect(xml).toContain('需协调项目');
      expect(
        (
          await t.call(reform, 'POST', '/api/v1/briefings', {
            kind: 'dispatch',
            period: '2021-12',
            region: '321100',
          })
        ).statusCode,
      ).toBe(422);
    });

    it('period lock: a locked month keeps its values after later edits', async () => {
      expect((await t.call(leader, 'POST', '/api/v1/periods/2021-12/lock', {})).statusCode).toBe(403);
      expect((await t.call(reform, 'POST', '/api/v1/periods/2999-12/lock', {})).statusCode).toBe(422);
      const lock = await t.call(reform, 'POST', '/api/v1/periods/2021-12/lock', { note: '2021年度数据锁定' });
      expect(lock.statusCode, lock.body).toBe(201);
      expect(lock.json().data.periods).toEqual(['2021-12', '2021-01..12', '2021-Q4', '2021']);
      expect((await t.call(reform, 'POST', '/api/v1/periods/2021-12/lock', {})).statusCode).toBe(409);

      await t.database.db
        .updateTable('projects')
        .set({ agreed_investment: 50_000_000_000, actual_signed_on: '2021-12-05' })
        .where('id', '=', big)
        .execute();
      const locked = (
        await t.call(leader, 'GET', '/api/v1/indicators/signed_major_investment?period=2021&region=321100')
      ).json().data;
      expect(locked).toMatchObject({ value: 2300, yoy: 40, locked: true });
      const q4 = (
        await t.call(leader, 'GET', '/api/v1/indicators/signed_major_investment?period=2021-Q4')
      ).json().data;
      expect(q4).toMatchObject({ value: 0, locked: true });
      // an unlocked period follows the ledger
      const live = (
        await t.call(leader, 'GET', '/api/v1/indicators/signed_major_investment?period=2021-01..11')
      ).json().data;
      expect(live).toMatchObject({ value: 0, locked: false });
      // the frozen records, re-scoped for a district reader
      const jingkou = await t.login('jingkou');
      expect(
        (await t.call(jingkou, 'GET', '/api/v1/indicators/signed_major_investment?period=2021')).json().data,
      ).toMatchObject({ value: 0, locked: true });
      const danyang = await t.login('danyang');
      expect(
        (await t.call(danyang, 'GET', '/api/v1/indicators/signed_major_investment?period=2021')).json().data,
      ).toMatchObject({ value: 2300, locked: true });
      const recs = (
        await t.call(leader, 'GET', '/api/v1/indicators/signed_major_investment/records?period=2021')
      ).json();
      expect(recs).toMatchObject({ total: 1, locked: true, value: 2300 });

      // what changed: 1–12月 (locked) against 1–11月 (live): the project entered in December after the edit
      const changes = (
        await t.call(leader, 'GET', '/api/v1/periods/2021-01..12/changes?against=previous&region=321100')
      ).json().data;
      expect(changes.against).toBe('2021-01..11');
      const c = changes.indicators.find((x: { code: string }) => x.code === 'signed_major_investment');
      expect(c).toMatchObject({ then: 0, now: 2300, nowLocked: true, thenLocked: false });
      expect(c.entered.map((x: { id: string }) => x.id)).toEqual([big]);
      expect(
        (await t.call(leader, 'GET', '/api/v1/periods/locks'))
          .json()
          .data.map((l: { period: string }) => l.period),
      ).toEqual(['2021-12']);
    });
  });
}
