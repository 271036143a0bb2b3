import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor';
import { setClock } from '../../src/core/clock';
import { createMeeting } from '../../src/modules/meetings/meetings.service';
import { ENGINES } from '../dialects';
import { insertProjectWithProgress, setMonthlyYtd } from '../factories/projects';
import { createTestApp, type Session, type TestApp } from '../test-app';

const at = (day: string) => setClock(new Date(`${day}T02:00:00Z`));

type Item = {
  id: string;
  type: 'project' | 'problem';
  refId: string;
  reason: string;
  source: string;
  snapshot: Record<string, unknown>;
};

for (const engine of ENGINES) {
  describe(`${engine}: dispatch meetings`, () => {
    let t: TestApp;
    let drc: Session;
    let jingkou: Session;
    let danyang: Session;
    let leader: Session;
    let units: Record<string, string>;
    const P: Record<string, { id: string; name: string }> = {};
    const problems: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestApp(engine);
      drc = await t.login('drc');
      jingkou = await t.login('jingkou');
      danyang = await t.login('danyang');
      leader = await t.login('leader');
      units = {};
      for (const c of ['jingkou', 'danyang', 'zj-commerce']) units[c] = await t.unitId(c);
      at('2025-06-20'); // May's report is the one evaluated
      const sets = (await t.call(drc, 'GET', '/api/v1/light-rule-sets')).json().data as Array<{
        id: string;
        version: number;
        status: string;
        isDefault: boolean;
      }>;
      const def = sets.find((s) => s.isDefault)!;
      if (def.status !== 'active')
        expect(
          (await t.call(drc, 'POST', `/api/v1/light-rule-sets/${def.id}/activate`, { version: def.version }))
            .statusCode,
        ).toBe(200);

      const db = t.database.db;
      const jk = { region_code: '321102', responsible_unit_id: units.jingkou! };
      // plan 1.2亿 each: May target 5000万 (41.7%)
      P.red = await insertProjectWithProgress(
        db,
        { ...jk, name: '调度红灯项目', next_steps: '6月底前完成桩基施工' },
        {
          reports: [
            ['2025-04', 8_000_000],
            ['2025-05', 10_000_000],
          ],
        },
      );
      P.yellow = await insertProjectWithProgress(
        db,
        { ...jk, name: '调度黄灯项目' },
        {
          reports: [
            ['2025-04', 36_000_000],
            ['2025-05', 38_000_000],
          ],
        },
      );
      P.green = await insertProjectWithProgress(
        db,
        { ...jk, name: '调度绿灯项目' },
        {
          reports: [
            ['2025-04', 40_000_000],
            ['2025-05', 50_000_000],
          ],
        },
      );
      P.escalated = await insertProjectWithProgress(
        db,
        { ...jk, name: '调度协调项目' },
        {
          reports: [
            ['2025-04', 40_000_000],
            ['2025-05', 51_000_000],
          ],
        },
      );
      P.danyang = await insertProjectWithProgress(
        db,
        { region_code: '321181', responsible_unit_id: units.danyang!, name: '丹阳调度红灯项目' },
        { reports: [['2025-05', 5_000_000]] },
      );
      await db
        .updateTable('project_monthly')
        .set({ physical_progress_pct: 35, physical_progress_text: '主体结构施工' })
        .where('project_id', '=', P.yellow.id)
        .where('month', '=', '2025-05')
        .execute();

      at('2025-06-01');
      const raise = async (body: Record<string, unknown>) => {
        const r = await t.call(drc, 'POST', '/api/v1/problems', {
          entity: 'project',
          category: 'land',
          ...body,
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json().data.id as string;
      };
      problems.escalated = await raise({
        entityId: P.escalated.id,
        title: '供地手续待办理',
        ownerUnitId: units.jingkou,
        dueOn: '2025-07-30',
        escalationLevel: 2,
      });
      problems.overdue = await raise({
        entityId: P.escalated.id,
        title: '临时用电未接入',
        category: 'utilities',
        ownerUnitId: units.jingkou,
        dueOn: '2025-06-10',
      });
      problems.quiet = await raise({
        entityId: P.green.id,
        title: '办公用房待落实',
        category: 'other',
        ownerUnitId: units.jingkou,
        dueOn: '2025-07-30',
      });
      at('2025-06-20');
      expect((await t.call(drc, 'POST', '/api/v1/lights/recompute')).statusCode).toBe(200);
    });
    afterAll(async () => {
      setClock(null);
      await t?.close();
    });

    let city: { id: string; version: number; items: Item[] };

    it('builds the agenda from red and yellow projects and escalated or overdue problems, in scope', async () => {
      expect(
        (
          await t.call(jingkou, 'POST', '/api/v1/meetings', {
            kind: 'weekly',
            title: '京口周调度',
            heldOn: '2025-06-20',
          })
        ).statusCode,
      ).toBe(403);
      const r = await t.call(drc, 'POST', '/api/v1/meetings', {
        kind: 'monthly',
        title: '2025年6月全市重大项目月度调度会',
        heldOn: '2025-06-20',
        chair: '张副市长',
        attendees: '市发改委、市商务局、各辖市区',
        docNo: '镇发改调度〔2025〕6号',
      });
      expect(r.statusCode, r.body).toBe(201);
      city = r.json().data;
      expect(city).toMatchObject({
        status: 'draft',
        regionCode: '321100',
        abilities: { editAgenda: true, publish: true },
      });
      const refs = city.items.map((i) => i.refId);
      expect(refs).toEqual(
        expect.arrayContaining([
          P.red!.id,
          P.yellow!.id,
          P.danyang!.id,
          problems.escalated,
          problems.overdue,
        ]),
      );
      expect(refs).not.toContain(P.green!.id);
      expect(refs).not.toContain(P.escalated!.id);
      expect(refs).not.toContain(problems.quiet);
      const red = city.items.find((i) => i.refId === P.red!.id)!;
      expect(red).toMatchObject({ type: 'project', reason: 'red', source: 'auto' });
      expect(red.snapshot).toMatchObject({
        name: '调度红灯项目',
        light: 'red',
        planInvestment: 120_000_000,
        ytdInvestment: 10_000_000,
        month: '2025-05',
        stageLabel: '入库',
      });
      expect((red.snapshot.fired as unknown[]).length).toBeGreaterThan(0);
      // red before yellow, projects before problems
      const idx = (id: string) => refs.indexOf(id);
      expect(idx(P.red!.id)).toBeLessThan(idx(P.yellow!.id));
      expect(idx(P.yellow!.id)).toBeLessThan(idx(problems.escalated!));
      expect(city.items.find((i) => i.refId === problems.escalated)!.reason).toBe('escalated');
      expect(city.items.find((i) => i.refId === problems.overdue)!).toMatchObject({
        reason: 'overdue',
        snapshot: { overdue: true, title: '临时用电未接入' },
      });

      // a district meeting stays in the district
      const local = (
        await t.call(drc, 'POST', '/api/v1/meetings', {
          kind: 'weekly',
          title: '京口区周调度',
          heldOn: '2025-06-20',
          regionCode: '321102',
        })
      ).json().data;
      const localRefs = local.items.map((i: Item) => i.refId);
      expect(localRefs).toContain(P.red!.id);
      expect(localRefs).not.toContain(P.danyang!.id);
      // and is not visible to another district, nor the city meeting to a district
      expect((await t.call(danyang, 'GET', `/api/v1/meetings/${local.id}`)).statusCode).toBe(404);
      expect((await t.call(jingkou, 'GET', `/api/v1/meetings/${city.id}`)).statusCode).toBe(404);
      expect((await t.call(jingkou, 'GET', `/api/v1/meetings/${local.id}`)).statusCode).toBe(200);
      expect((await t.call(jingkou, 'GET', `/api/v1/meetings/${city.id}/bulletin.docx`)).statusCode).toBe(
        404,
      );
      const listed = (await t.call(jingkou, 'GET', '/api/v1/meetings?pageSize=200'))
        .json()
        .data.map((m: { id: string }) => m.id);
      expect(listed).toContain(local.id);
      expect(listed).not.toContain(city.id);
    });

    it('lets the organiser adjust the agenda until the meeting is held', async () => {
      let r = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/items`, {
        type: 'project',
        refId: P.green!.id,
        note: '观摩项目',
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().data.items.find((i: Item) => i.refId === P.green!.id)).toMatchObject({
        source: 'manual',
        reason: 'manual',
        note: '观摩项目',
      });
      expect(
        (
          await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/items`, {
            type: 'project',
            refId: P.green!.id,
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/items`, { type: 'problem', refId: 'nope' }))
          .statusCode,
      ).toBe(422);
      const danyangItem = r.json().data.items.find((i: Item) => i.refId === P.danyang!.id);
      r = await t.call(drc, 'DELETE', `/api/v1/meetings/${city.id}/items/${danyangItem.id}`);
      expect(r.statusCode).toBe(200);
      r = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/items`, {
        type: 'project',
        refId: P.danyang!.id,
      });
      city = r.json().data;
      expect(city.items.map((i) => i.refId)).toContain(P.danyang!.id);
    });

    it('turns decisions into problems with owner unit and deadline', async () => {
      const d1 = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/decisions`, {
        title: '6月30日前完成项目用地报批',
        ownerUnitId: units.jingkou,
        dueOn: '2025-06-30',
        projectId: P.red!.id,
        category: 'land',
      });
      expect(d1.statusCode, d1.body).toBe(201);
      expect(d1.json().data).toMatchObject({
        entity: 'project',
        entityId: P.red!.id,
        raisedInMeetingId: city.id,
        status: 'assigned',
        ownerUnitId: units.jingkou,
        dueOn: '2025-06-30',
        category: 'land',
        leadLeader: '张副市长',
      });
      const d2 = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/decisions`, {
        title: '商务局牵头梳理全市在建项目用工需求',
        ownerUnitId: units['zj-commerce'],
        dueOn: '2025-07-15',
      });
      expect(d2.statusCode).toBe(201);
      expect(d2.json().data).toMatchObject({
        entity: 'meeting',
        entityId: city.id,
        entityName: '2025年6月全市重大项目月度调度会',
        category: 'other',
        regionCode: '321100',
      });
      // the owner unit sees the decision it must carry out (and was told)
      expect((await t.call(jingkou, 'GET', `/api/v1/problems/${d1.json().data.id}`)).statusCode).toBe(200);
      const commerce = await t.login('commerce');
      expect((await t.call(commerce, 'GET', `/api/v1/problems/${d2.json().data.id}`)).statusCode).toBe(200);
      const n = await t.database.db
        .selectFrom('notifications')
        .select('kind')
        .where('entity_id', '=', d2.json().data.id)
        .execute();
      expect(n.map((x) => x.kind)).toContain('problem.assigned');
      expect(
        (
          await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/decisions`, {
            title: '越过今天',
            ownerUnitId: units.jingkou,
            dueOn: '2025-01-01',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(jingkou, 'POST', `/api/v1/meetings/${city.id}/decisions`, {
            title: '无权',
            ownerUnitId: units.jingkou,
            dueOn: '2025-07-01',
          })
        ).statusCode,
      ).toBe(403);
      const m = (await t.call(drc, 'GET', `/api/v1/meetings/${city.id}`)).json().data;
      expect(m.decisions.map((d: { title: string }) => d.title)).toEqual([
        '6月30日前完成项目用地报批',
        '商务局牵头梳理全市在建项目用工需求',
      ]);
      const listed = (await t.call(drc, 'GET', `/api/v1/problems?raisedInMeetingId=${city.id}`)).json();
      expect(listed.total).toBe(2);
      city = m;
    });

    it('holds the meeting: the agenda is fixed', async () => {
      const r = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/hold`, { version: city.version });
      expect(r.statusCode, r.body).toBe(200);
      city = r.json().data;
      expect(city).toMatchObject({ status: 'held', abilities: { editAgenda: false, addDecision: true } });
      expect(
        (
          await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/items`, {
            type: 'project',
            refId: P.escalated!.id,
          })
        ).statusCode,
      ).toBe(422);
      const patched = await t.call(drc, 'PATCH', `/api/v1/meetings/${city.id}`, {
        minutes: '会议听取了各地重大项目推进情况汇报。',
        version: city.version,
      });
      expect(patched.statusCode).toBe(200);
      city = patched.json().data;
    });

    it('groups the 调度通报 into 正常推进 / 滞后预警 / 需协调', async () => {
      const b = (await t.call(drc, 'GET', `/api/v1/meetings/${city.id}/bulletin`)).json().data;
      const group = (key: string) =>
        b.groups.find((g: { key: string }) => g.key === key).rows.map((r: { name: string }) => r.name);
      expect(b.groups.map((g: { key: string }) => g.key)).toEqual(['normal', 'lagging', 'coordination']);
      expect(group('coordination')).toEqual(expect.arrayContaining(['调度红灯项目', '调度协调项目'])); // a decision; escalated/overdue problems on the agenda
      expect(group('lagging')).toEqual(expect.arrayContaining(['调度黄灯项目', '丹阳调度红灯项目']));
      expect(group('normal')).toContain('调度绿灯项目');
      const red = b.groups
        .find((g: { key: string }) => g.key === 'coordination')
        .rows.find((r: { name: string }) => r.name === '调度红灯项目');
      expect(red).toMatchObject({
        planInvestment: 120_000_000,
        ytdInvestment: 10_000_000,
        stageLabel: '入库',
        regionName: '京口区',
      });
      expect(red.nextSteps).toEqual([
        '6月底前完成桩基施工',
        '6月30日前完成项目用地报批（京口区人民政府，2025年6月30日前）',
      ]);
      const esc = b.groups
        .find((g: { key: string }) => g.key === 'coordination')
        .rows.find((r: { name: string }) => r.name === '调度协调项目');
      expect(esc.problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining('供地手续待办理（京口区人民政府，已交办）'),
          expect.stringContaining('临时用电未接入（京口区人民政府，已交办，超期10天）'),
        ]),
      );
      expect(b.decisions).toHaveLength(2);
      expect(b.frozen).toBe(false);
    });

    it('publishes the bulletin, frozen as issued, and exports it to Word and Excel', async () => {
      expect(
        (await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/publish`, { version: city.version - 1 }))
          .statusCode,
      ).toBe(409);
      const r = await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/publish`, { version: city.version });
      expect(r.statusCode, r.body).toBe(200);
      city = r.json().data;
      expect(city).toMatchObject({
        status: 'published',
        abilities: { update: false, addDecision: false, publish: false },
      });
      expect(
        (await t.call(drc, 'PATCH', `/api/v1/meetings/${city.id}`, { minutes: 'x', version: city.version }))
          .statusCode,
      ).toBe(422);
      expect(
        (
          await t.call(drc, 'POST', `/api/v1/meetings/${city.id}/decisions`, {
            title: '晚了',
            ownerUnitId: units.jingkou,
            dueOn: '2025-07-01',
          })
        ).statusCode,
      ).toBe(422);
      // later figures do not rewrite an issued bulletin
      await setMonthlyYtd(t.database.db, P.red!.id, '2025-05', 99_000_000);
      const b = (await t.call(leader, 'GET', `/api/v1/meetings/${city.id}/bulletin`)).json().data;
      expect(b.frozen).toBe(true);
      const red = b.groups
        .flatMap((g: { rows: Array<{ name: string; ytdInvestment: number }> }) => g.rows)
        .find((x: { name: string }) => x.name === '调度红灯项目');
      expect(red.ytdInvestment).toBe(10_000_000);

      // Word: open the package and read the document
      const docx = await t.call(leader, 'GET', `/api/v1/meetings/${city.id}/bulletin.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('调度通报.docx');
      const zip = await JSZip.loadAsync(docx.rawPayload);
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      for (const s of [
        '重大项目建设调度通报',
        '镇发改调度〔2025〕6号',
        '镇江市发展和改革委员会',
        '2025年6月20日',
        '张副市长主持召开2025年6月全市重大项目月度调度会',
        '调度红灯项目',
        '调度黄灯项目',
        '调度绿灯项目',
        '丹阳调度红灯项目',
        '6月30日前完成项目用地报批',
        '临时用电未接入',
      ])
        expect(text).toContain(s);
      for (const s of [
        '项目名称',
        '年度计划投资（万元）',
        '已完成投资/形象进度',
        '当前节点',
        '存在问题',
        '下一步及完成时限',
        '正常推进（',
        '滞后预警（',
        '需协调（',
      ])
        expect(text).toContain(s);
      expect(text).toContain('12000'); // 1.2亿元 in 万元
      expect(text).toContain('1—5月完成1000万元（占年度计划8.3%）');
      expect(text).toContain('1—5月完成3800万元（占年度计划31.7%）；主体结构施工，形象进度35%');
      expect(text).not.toContain('1—5月完成9900万元'); // the frozen figures, not the later ones
      expect(xml).toContain('w:eastAsia="FangSong"');
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // A4
      expect(xml).toMatch(/w:top="2098"/); // 37 mm
      const footer = await zip.file('word/footer1.xml')!.async('string');
      expect(footer).toContain('PAGE');
      const fonts = await zip.file('word/fontTable.xml')!.async('string');
      expect(fonts).toContain('w:name="FangSong"');
      expect(fonts).toContain('仿宋_GB2312');
      expect(fonts).toContain('STFangsong');

      // Excel: the same table
      const xlsx = await t.call(leader, 'GET', `/api/v1/meetings/${city.id}/bulletin.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('调度通报')!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows[0]![0]).toBe('重大项目建设调度通报');
      expect(rows[2]).toEqual([
        '序号',
        '项目名称',
        '年度计划投资（万元）',
        '已完成投资/形象进度',
        '当前节点',
        '存在问题',
        '下一步及完成时限',
      ]);
      const groupRows = rows
        .filter((r) => typeof r[0] === 'string' && /（\d+个）$/.test(r[0] as string))
        .map((r) => (r[0] as string).replace(/（.*$/, ''));
      expect(groupRows).toEqual(['正常推进', '滞后预警', '需协调']);
      const redRow = rows.find((r) => r[1] === '调度红灯项目（京口区）')!;
      expect(redRow[2]).toBe(12000);
      expect(redRow[3]).toBe('1—5月完成1000万元（占年度计划8.3%）');
      expect(redRow[4]).toBe('入库');
      expect(String(redRow[6])).toContain('6月30日前完成项目用地报批');
      const ds = wb.getWorksheet('议定事项')!;
      expect(ds.rowCount).toBe(3);
      expect(ds.getRow(2).getCell(3).value).toBe('6月30日前完成项目用地报批');
      expect(ds.getRow(2).getCell(2).value).toBe('调度红灯项目');

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'meeting')
        .where('entity_id', '=', city.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['create', 'update', 'issue', 'export']),
      );
    });

    it('builds the agenda of a meeting recorded afterwards from the lights as of its date', async () => {
      // as of 20 May, April's report counts: the red project was red already, the yellow one still on track
      const m = await createMeeting(
        { db: t.database.db },
        systemActor('test'),
        {
          kind: 'special',
          title: '补录：5月专题调度会',
          heldOn: '2025-05-20',
          regionCode: '321102',
          autoAgenda: true,
        },
        { asOf: '2025-05-20' },
      );
      const refs = m.items.map((i) => i.refId);
      expect(refs).toContain(P.red!.id);
      expect(refs).not.toContain(P.yellow!.id);
      expect(m.items.find((i) => i.refId === P.red!.id)!.snapshot).toMatchObject({
        month: '2025-04',
        light: 'red',
        ytdInvestment: 8_000_000,
      });
    });
  });
}
