import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/actor';
import { CellError, type ParsedRow } from '../../src/core/excel/types';
import { exportWorkbook, parseWorkbook } from '../../src/core/excel/engine';
import { buildActor } from '../../src/modules/auth/auth.service';
import { seedDemo } from '../../src/modules/demo/demo.seed';
import { exportRows } from '../../src/modules/projects/projects.export';
import {
  PROJECT_COLUMNS,
  ledger,
  projectLedgerMap,
  type ProjectImportRow,
} from '../../src/modules/projects/projects.excel';
import { ENGINES, createTestDatabase, type TestDatabase } from '../dialects';
import { TEST_PASSWORD } from '../test-app';

const col = (key: string) => PROJECT_COLUMNS.find((c) => c.key === key)!;

describe('project ledger column map', () => {
  it('names the columns people use, with aliases', () => {
    expect(col('name').header.zh).toBe('项目名称');
    expect(col('name').aliases).toContain('项目名');
    expect(col('agreedInvestment')).toMatchObject({ kind: 'money', moneyUnit: '万元' });
    expect(col('region').aliases).toContain('所在地区');
    expect(PROJECT_COLUMNS.map((c) => c.header.zh)).toEqual(
      expect.arrayContaining([
        '投资项目代码',
        '所在县区',
        '责任单位',
        '项目级别',
        '项目类别',
        '建设性质',
        '投资方',
        '投资方统一社会信用代码',
        '协议投资额（万元）',
        '计划签约日期',
        '实际签约日期',
        '计划开工日期',
        '实际开工日期',
        '年度计划投资（万元）',
        '形象进度',
      ]),
    );
    expect(new Set(PROJECT_COLUMNS.map((c) => c.key)).size).toBe(PROJECT_COLUMNS.length);
  });
  it('parses and formats its hooks: codes, credit codes, industries, USD', () => {
    expect(col('projectCode').parse!('２３０６－３２０９２４－８９－０２－７９９９２０', {})).toBe(
      '2306-320924-89-02-799920',
    );
    expect(() => col('projectCode').parse!('2306-3209-89-02-799920', {})).toThrow(CellError);
    expect(col('projectCode').parse!(null, {})).toBeNull();
    expect(col('investorCreditCode').parse!('91520000214434146r', {})).toBe('91520000214434146R');
    try {
      col('companyCreditCode').parse!('914403001922038217', {});
      expect.unreachable();
    } catch (e) {
      expect((e as CellError).msg.zh).toMatch(/项目公司统一社会信用代码.*校验位不符/);
    }
    expect(col('industryCode').parse!('c2761', {})).toBe('C2761');
    expect(() => col('industryCode').parse!('276', {})).toThrow(CellError);
    expect(col('foreignAmountUsd').parse!(1200.5, {})).toBe(12_005_000);
    expect(col('foreignAmountUsd').format!({ foreignAmountUsd: 12_005_000 } as ProjectImportRow)).toBe(
      1200.5,
    );
  });
  it('keys rows by project code, else name + district', () => {
    expect(
      projectLedgerMap.businessKey({ projectCode: '2306-320924-89-02-799920', name: 'x', region: '丹阳市' }),
    ).toBe('code:2306-320924-89-02-799920');
    expect(projectLedgerMap.businessKey({ name: ' 甲 项目', region: '丹阳市' })).toBe('name:甲项目|丹阳市');
    expect(projectLedgerMap.businessKey({ name: '甲' })).toBeNull();
  });
});

for (const engine of ENGINES) {
  describe(`${engine}: project ledger import`, () => {
    let db: TestDatabase;
    const actors: Record<string, Actor> = {};
    const run = (actor: Actor, rows: ParsedRow<ProjectImportRow>[]) =>
      db.db.transaction().execute((trx) => ledger.upsert(trx, actor, rows));
    const row = (n: number, values: Partial<ProjectImportRow>): ParsedRow<ProjectImportRow> => ({
      row: n,
      values,
    });

    beforeAll(async () => {
      db = await createTestDatabase(engine);
      await seedDemo(db.db, { password: TEST_PASSWORD });
      for (const u of ['drc', 'danyang', 'jingkou'])
        actors[u] = (await buildActor(
          db.db,
          (await db.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow())
            .id,
          { ip: null, userAgent: null },
        ))!;
    });
    afterAll(async () => db?.drop());

    it('exports a filtered list that imports back unchanged', async () => {
      const records: ProjectImportRow[] = [];
      for await (const r of exportRows({ db: db.db }, actors.drc!, { regionCode: '321182' })) records.push(r);
      expect(records.length).toBeGreaterThan(10);
      const file = await exportWorkbook(projectLedgerMap, records, 'zh-CN');
      const parsed = await parseWorkbook(projectLedgerMap, file, 'zh-CN');
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(records.length);
      const first = parsed.rows[0]!.values;
      expect(first).toMatchObject({
        name: records[0]!.name,
        region: '扬中市',
        agreedInvestment: records[0]!.agreedInvestment,
        actualSignedOn: records[0]!.actualSignedOn,
      });
      const before = await db.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const result = await run(actors.drc!, parsed.rows);
      expect(result).toEqual({ created: 0, updated: 0, errors: [] });
      const after = await db.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('upserts idempotently by business key', async () => {
      const values: Partial<ProjectImportRow> = {
        name: '导入测试精密部件项目',
        region: '丹阳',
        responsibleUnit: '丹阳市',
        level: 'county',
        category: 'industrial',
        agreedInvestment: 260_000_000,
        industryCode: 'C3484',
        chain: '高端装备',
        plannedSignedOn: '2025-06-30',
        planYear: 2025,
        annualPlanInvestment: 80_000_000,
        physicalProgressText: '洽谈中',
      };
      expect(await run(actors.danyang!, [row(5, values)])).toEqual({ created: 1, updated: 0, errors: [] });
      expect(await run(actors.danyang!, [row(5, values)])).toEqual({ created: 0, updated: 0, errors: [] });
      expect(await run(actors.danyang!, [row(5, { ...values, agreedInvestment: 280_000_000 })])).toEqual({
        created: 0,
        updated: 1,
        errors: [],
      });
      const p = await db.db
        .selectFrom('projects')
        .selectAll()
        .where('name', '=', '导入测试精密部件项目')
        .executeTakeFirstOrThrow();
      expect(p).toMatchObject({
        region_code: '321181',
        agreed_investment: 280_000_000,
        industry_code: '3484',
        chain_code: 'high_end_equipment',
        level: 'county',
        physical_progress_text: '洽谈中',
        name_initials: 'drcsjmbjxm',
      });
      const plan = await db.db
        .selectFrom('project_annual_plans')
        .selectAll()
        .where('project_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(Number(plan.plan_investment)).toBe(80_000_000);
      const audits = await db.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', p.id)
        .execute();
      expect(audits.map((a) => a.action)).toEqual(['import', 'import']);
    });

    it('reports rows outside the importer’s data scope as errors', async () => {
      const outside = await run(actors.jingkou!, [
        row(3, {
          name: '越界导入项目',
          region: '丹阳市',
          responsibleUnit: '丹阳市人民政府',
          level: 'county',
          category: 'industrial',
        }),
      ]);
      expect(outside.created).toBe(0);
      expect(outside.errors).toEqual([
        { row: 3, column: '所在县区', message: '所在县区或责任单位超出您的数据范围' },
      ]);
      const dy = await db.db
        .selectFrom('projects')
        .select(['name', 'project_code'])
        .where('region_code', '=', '321181')
        .where('project_code', 'is not', null)
        .limit(1)
        .executeTakeFirstOrThrow();
      const existing = await run(actors.jingkou!, [
        row(4, {
          name: dy.name,
          projectCode: dy.project_code,
          region: '京口区',
          responsibleUnit: '京口区',
          level: 'county',
          category: 'industrial',
        }),
      ]);
      expect(existing.errors[0]).toMatchObject({
        row: 4,
        message: '该项目不在您的数据范围内，不能通过导入修改',
      });
    });

    it('respects evidence gates, letting a rule-set manager import historic dates', async () => {
      const values: Partial<ProjectImportRow> = {
        name: '历史签约导入项目',
        region: '321181',
        responsibleUnit: 'danyang',
        level: 'municipal',
        category: 'industrial',
        companyCreditCode: '91520000214434146R',
        actualSignedOn: '2024-05-06',
        actualFiledOn: '2024-06-01',
      };
      const clerk = await run(actors.danyang!, [row(7, values)]);
      expect(clerk.created).toBe(0);
      expect(clerk.errors.map((e) => e.column)).toEqual(['实际签约日期', '实际备案日期']);
      expect(clerk.errors[0]!.message).toMatch(/需凭佐证材料确认（需要：投资协议）/);
      const manager = await run(actors.drc!, [row(7, values)]);
      expect(manager).toEqual({ created: 1, updated: 0, errors: [] });
      const p = await db.db
        .selectFrom('projects')
        .selectAll()
        .where('name', '=', '历史签约导入项目')
        .executeTakeFirstOrThrow();
      expect(p.stage).toBe(5);
      const confirmations = await db.db
        .selectFrom('milestone_confirmations')
        .select(['milestone', 'source', 'actual_on'])
        .where('project_id', '=', p.id)
        .orderBy('milestone')
        .execute();
      expect(confirmations).toEqual([
        { milestone: 'filed', source: 'import', actual_on: '2024-06-01' },
        { milestone: 'signed', source: 'import', actual_on: '2024-05-06' },
      ]);
      // the clerk re-importing the same (confirmed) dates, or leaving them empty, changes nothing
      expect(await run(actors.danyang!, [row(7, values)])).toEqual({ created: 0, updated: 0, errors: [] });
      expect(await run(actors.danyang!, [row(7, { ...values, actualSignedOn: null })])).toEqual({
        created: 0,
        updated: 0,
        errors: [],
      });
      // stage rules apply to imported rows too
      const broken = await run(actors.drc!, [row(8, { ...values, actualPermittedOn: '2024-07-01' })]);
      expect(broken.errors.map((e) => e.column)).toEqual(['实际施工许可日期']);
      expect(broken.errors[0]!.message).toMatch(/「供地」/);
    });

    it('names the column of an unknown reference', async () => {
      const r = await run(actors.drc!, [
        row(9, {
          name: '未知引用项目',
          region: '南京市',
          responsibleUnit: '不存在的单位',
          level: 'county',
          category: 'industrial',
          chain: '不存在的链',
        }),
      ]);
      expect(r.errors.map((e) => e.column)).toEqual(['所在县区', '责任单位', '产业链']);
      const en = await run({ ...actors.drc!, locale: 'en' }, [
        row(9, {
          name: '未知引用项目',
          region: '丹阳市',
          responsibleUnit: '丹阳市',
          level: 'county',
          category: 'industrial',
          investorCreditCode: '914403001922038217',
        }),
      ]);
      expect(en.errors).toEqual([
        {
          row: 9,
          column: 'Investor credit code',
          message:
            'investor’s unified social credit code “914403001922038217” is invalid: the check character does not match',
        },
      ]);
    });
  });
}
