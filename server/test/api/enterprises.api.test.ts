import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../../../contracts/validators/credit-code';
import type { Actor } from '../../src/core/access/actor';
import { todayCst } from '../../src/core/clock';
import { parseWorkbook } from '../../src/core/excel/engine';
import { buildActor } from '../../src/modules/auth/auth.service';
import { DEMO_2024_FIGURES } from '../../src/modules/enterprises/enterprises.demo';
import {
  hitechListLedger,
  hitechListMap,
  ledger,
  type EnterpriseLedgerRow,
  type HitechListRow,
} from '../../src/modules/enterprises/enterprises.excel';
import { addMonths } from '../../src/modules/enterprises/enterprises.rules';
import { countNewQualifications } from '../../src/modules/enterprises/enterprises.service';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────

let serial = 0;
/** A valid credit code registered in `region`; `badOrg` breaks only the organisation-code check (position 17). */
function code(region: string, badOrg = false): string {
  serial++;
  const body = `T${String(serial).padStart(7, '0')}`;
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce(
    (s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * w[i]!,
    0,
  );
  const c = 11 - (sum % 11);
  let org = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  if (badOrg) org = org === '1' ? '2' : '1';
  const first17 = `91${region}${body}${org}`;
  return first17 + creditCodeCheckChar(first17);
}
const breakCheck = (c: string) =>
  c.slice(0, 17) + CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(c[17]!) + 1) % 31];

/** Three years of figures that meet every 高企 criterion (revenue 4000万, R&D 6%, S&T 20%, high-tech 70%, 2 class I IP). */
const hitechFigures = (over: Record<string, unknown> = {}) => ({
  revenue: 40_000_000,
  rdExpense: 2_400_000,
  rdExpenseDomestic: 2_400_000,
  hitechRevenue: 28_000_000,
  staff: 100,
  stStaff: 20,
  ipClass1: 2,
  ipClass2: 3,
  totalAssets: 50_000_000,
  liabilities: 20_000_000,
  profit: 4_000_000,
  ...over,
});

for (const engine of ENGINES) {
  describe(`${engine}: enterprise registry`, () => {
    let t: TestApp;
    let sci: Session;
    let jingkou: Session;
    let danyang: Session;
    let admin: Session;
    const today = () => todayCst();

    const create = async (s: Session, body: Record<string, unknown>) =>
      t.call(s, 'POST', '/api/v1/enterprises', body);
    const createOk = async (body: Record<string, unknown>) => {
      const res = await create(sci, body);
      if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode} ${res.body}`);
      return res.json().data as {
        id: string;
        version: number;
        creditCode: string;
        name: string;
        regionCode: string;
      };
    };
    const actorOf = async (username: string): Promise<Actor> =>
      (await buildActor(t.database.db, await t.userId(username), { ip: null, userAgent: null }))!;

    beforeAll(async () => {
      t = await createTestApp(engine);
      [sci, jingkou, danyang, admin] = await Promise.all([
        t.login('sci'),
        t.login('jingkou'),
        t.login('danyang'),
        t.login('admin'),
      ]);
    });
    afterAll(async () => t?.close());

    it('the demo’s 2024 figures, computed from the qualification records, are the city’s published ones', async () => {
      const db = t.database.db;
      expect(await countNewQualifications(db, { year: 2024, tier: 'hitech', minLevel: 'national' })).toBe(
        560,
      );
      expect(await countNewQualifications(db, { year: 2024, tier: 'unicorn' })).toBe(2);
      expect(await countNewQualifications(db, { year: 2024, tier: 'gazelle', minLevel: 'provincial' })).toBe(
        28,
      );
      expect(await countNewQualifications(db, { year: 2024, tier: 'gazelle', level: 'provincial' })).toBe(28);
      expect(
        await countNewQualifications(db, { year: 2024, tier: 'specialized', minLevel: 'provincial' }),
      ).toBe(197);
      // the family counts an enterprise once: the parts add up to more than 197
      const spec = await countNewQualifications(db, {
        year: 2024,
        tier: 'specialized_sme',
        minLevel: 'provincial',
      });
      const lg = await countNewQualifications(db, { year: 2024, tier: 'little_giant' });
      expect(spec + lg).toBeGreaterThan(197);
      // municipal gazelles and 专精特新 exist but do not count
      expect(await countNewQualifications(db, { year: 2024, tier: 'gazelle' })).toBeGreaterThan(28);

      const res = await t.call(sci, 'GET', '/api/v1/enterprises/counts?year=2024&regionCode=321100');
      expect(res.statusCode).toBe(200);
      const counts = res.json().data;
      const headline = Object.fromEntries(
        counts.headline.map((h: { key: string; count: number }) => [h.key, h.count]),
      );
      expect(headline).toEqual({
        new_hitech_enterprises: 560,
        new_unicorns: 2,
        new_gazelles: 28,
        new_specialized_smes: 197,
      });
      expect(DEMO_2024_FIGURES).toEqual({
        newHitechNational: 560,
        newUnicorns: 2,
        newGazellesProvincial: 28,
        newSpecializedProvincialPlus: 197,
      });
      expect(counts.byTierLevel).toContainEqual({ tier: 'hitech', level: 'national', count: 560 });
      const byRegionHitech = counts.byRegion.filter(
        (r: { tier: string; level: string }) => r.tier === 'hitech' && r.level === 'national',
      );
      expect(byRegionHitech.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(560);
      expect(byRegionHitech.every((r: { regionCode: string }) => r.regionCode.startsWith('3211'))).toBe(true);
    });

    it('validates the credit code (400 with a clear message in zh and en) and returns the organisation-code warning', async () => {
      const bad = await create(sci, {
        creditCode: breakCheck(code('321102')),
        name: '镇江测试校验位有限公司',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      expect(bad.json().error.message).toContain('统一社会信用代码第 18 位校验码不符');
      const en = await t.call(
        sci,
        'POST',
        '/api/v1/enterprises',
        { creditCode: breakCheck(code('321102')), name: 'x公司' },
        { 'accept-language': 'en' },
      );
      expect(en.json().error.message).toContain('check character');
      const format = await create(sci, { creditCode: '91321102MA1XXXI', name: '镇江测试格式有限公司' });
      expect(format.statusCode).toBe(400);
      expect(format.json().error.message).toContain('格式不正确');

      const warned = await create(sci, {
        creditCode: code('321102', true),
        name: '镇江测试组织机构代码有限公司',
      });
      expect(warned.statusCode).toBe(201);
      expect(warned.json().warnings.map((w: { code: string }) => w.code)).toEqual(['organisation_check']);
      const got = (await t.call(sci, 'GET', `/api/v1/enterprises/${warned.json().data.id}`)).json().data;
      expect(got.warnings[0].zh).toContain('第17位');

      // full-width and lower-case input is normalised; the region comes from characters 3–8
      const c = code('321181');
      const normalised = await create(sci, {
        creditCode: ` ${c.toLowerCase().replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))} `,
        name: '丹阳测试归一化有限公司',
        industryCode: 'C3489',
      });
      expect(normalised.statusCode).toBe(201);
      expect(normalised.json().data).toMatchObject({
        creditCode: c,
        regionCode: '321181',
        regionName: '丹阳市',
        industryCode: '3489',
        warnings: [],
      });
      expect((await create(sci, { creditCode: c, name: '重复' })).json().error.code).toBe('DUPLICATE');

      // registered outside the city: the region must be given
      const outside = code('320106');
      const noRegion = await create(sci, { creditCode: outside, name: '南京测试有限公司' });
      expect(noRegion.statusCode).toBe(422);
      expect(noRegion.json().error.message).toContain('320106');
      expect(
        (await create(sci, { creditCode: outside, name: '南京测试有限公司', regionCode: '321181' }))
          .statusCode,
      ).toBe(201);

      // the industry code is checked against GB/T 4754 when the reference table has data
      const hasTable =
        Number(
          (
            await t.database.db
              .selectFrom('industry_codes')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ) > 0;
      const unknown = await create(sci, {
        creditCode: code('321102'),
        name: '镇江测试行业有限公司',
        industryCode: '9999',
      });
      expect(unknown.statusCode).toBe(hasTable ? 422 : 201);

      // a district reader cannot register
      expect(
        (await create(jingkou, { creditCode: code('321102'), name: '京口越权有限公司' })).statusCode,
      ).toBe(403);
    });

    it('keeps the name history on rename, finds former names and pinyin initials, and answers 409 on a stale version', async () => {
      const e = await createOk({
        creditCode: code('321102'),
        name: '镇江旧名机械厂',
        foundedOn: '2010-05-01',
      });
      const renamed = await t.call(sci, 'PATCH', `/api/v1/enterprises/${e.id}`, {
        name: '镇江鑫淼钛合金股份有限公司',
        renamedOn: '2024-03-01',
        version: e.version,
      });
      expect(renamed.statusCode).toBe(200);
      const names = renamed.json().data.names;
      expect(names).toEqual([
        { name: '镇江鑫淼钛合金股份有限公司', validFrom: '2024-03-01', validTo: null },
        { name: '镇江旧名机械厂', validFrom: '2010-05-01', validTo: '2024-02-29' },
      ]);
      expect(renamed.json().data.nameInitials).toBe('zjxmthjgfyxgs');
      const stale = await t.call(sci, 'PATCH', `/api/v1/enterprises/${e.id}`, {
        name: '再改名有限公司',
        version: e.version,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(stale.json().error.details.current.name).toBe('镇江鑫淼钛合金股份有限公司');
      const byFormer = (
        await t.call(sci, 'GET', `/api/v1/enterprises?q=${encodeURIComponent('旧名机械')}`)
      ).json();
      expect(byFormer.data.map((x: { id: string }) => x.id)).toContain(e.id);
      const byInitials = (await t.call(sci, 'GET', '/api/v1/enterprises?q=zjxmthj')).json();
      expect(byInitials.data.map((x: { id: string }) => x.id)).toEqual([e.id]);
      const byCode = (await t.call(sci, 'GET', `/api/v1/enterprises?q=${e.creditCode.toLowerCase()}`)).json();
      expect(byCode.total).toBe(1);
    });

    it('keeps yearly indicators with versions and consistency rules, and explains eligibility per criterion', async () => {
      const e = await createOk({
        creditCode: code('321102'),
        name: '镇江指标测试科技有限公司',
        foundedOn: '2015-06-01',
      });
      for (const year of [2022, 2023, 2024]) {
        const put = await t.call(
          sci,
          'PUT',
          `/api/v1/enterprises/${e.id}/indicators/${year}`,
          hitechFigures(),
        );
        expect(put.statusCode).toBe(200);
      }
      const list = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/indicators`)).json().data;
      expect(list.map((r: { year: number }) => r.year)).toEqual([2024, 2023, 2022]);

      const elig = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech`)).json()
        .data;
      expect(elig).toHaveLength(1);
      expect(elig[0]).toMatchObject({
        tier: 'hitech',
        ruleSetId: 'hitech-2016',
        docNo: '国科发火〔2016〕32号',
        year: 2024,
        pass: true,
        stale: false,
      });
      expect(elig[0].computedAt).not.toBeNull();
      const rd = elig[0].criteria.find((c: { id: string }) => c.id === 'rd_ratio');
      expect(rd).toMatchObject({
        pass: true,
        figures: { rdTotal: 7_200_000, revenueTotal: 120_000_000, rdRatio: 0.06 },
        thresholds: { minRatio: 0.05 },
      });
      expect(rd.label).toEqual({
        zh: '近三年研发费用占销售收入比例',
        en: 'R&D expense / revenue, last three years',
      });
      expect(rd.message.zh).toContain('6%');

      // updating an existing year needs its version
      const stale = await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/2024`, { stStaff: 5 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details.current.year).toBe(2024);
      const v = list[0].version;
      const upd = await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/2024`, {
        stStaff: 5,
        version: v,
      });
      expect(upd.statusCode).toBe(200);
      expect(upd.json().data).toMatchObject({ stStaff: 5, version: v + 1 });
      const after = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech`)).json()
        .data[0];
      expect(after.pass).toBe(false);
      expect(after.criteria.find((c: { id: string }) => c.id === 'st_staff')).toMatchObject({
        pass: false,
        figures: { stStaff: 5, staff: 100, stStaffRatio: 0.05 },
        thresholds: { min: 0.1 },
      });

      expect(
        (
          await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/2024`, {
            stStaff: 500,
            version: v + 1,
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/2099`, { revenue: 1 })).statusCode,
      ).toBe(422);
      expect(
        (await t.call(jingkou, 'PUT', `/api/v1/enterprises/${e.id}/indicators/2021`, { revenue: 1 }))
          .statusCode,
      ).toBe(403);

      // every tier is explained; gazelle lacks the 2020 base year
      const all = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility`)).json().data;
      expect(all.map((r: { tier: string }) => r.tier).sort()).toEqual([
        'gazelle',
        'hitech',
        'little_giant',
        'potential_unicorn',
        'specialized_sme',
        'tech_sme',
        'unicorn',
      ]);
      const gazelle = all.find((r: { tier: string }) => r.tier === 'gazelle');
      expect(gazelle.criteria.find((c: { id: string }) => c.id === 'base_revenue')).toMatchObject({
        pass: false,
        missing: true,
      });
      const techSme = all.find((r: { tier: string }) => r.tier === 'tech_sme');
      expect(techSme.criteria.map((c: { id: string }) => c.id)).toEqual([
        'staff_limit',
        'revenue_limit',
        'assets_limit',
        'score',
        'direct',
      ]);

      // deleting a year recomputes too
      expect((await t.call(sci, 'DELETE', `/api/v1/enterprises/${e.id}/indicators/2022`)).statusCode).toBe(
        200,
      );
      const shorter = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech`)).json()
        .data[0];
      expect(shorter.criteria.find((c: { id: string }) => c.id === 'rd_ratio')).toMatchObject({
        missing: true,
      });
    });

    it('records qualifications with derived validity, first-recognition flag and status as of today', async () => {
      const e = await createOk({
        creditCode: code('321102'),
        name: '镇江资质测试有限公司',
        foundedOn: '2012-01-01',
      });
      const q1 = await t.call(sci, 'POST', `/api/v1/enterprises/${e.id}/qualifications`, {
        type: 'hitech',
        level: 'national',
        certNo: 'GR202332009999',
        grantedOn: '2023-12-08',
        batch: '2023年第二批',
      });
      expect(q1.statusCode).toBe(201);
      expect(q1.json().data).toMatchObject({
        validFrom: '2023-12-08',
        validTo: '2026-12-07',
        isNew: true,
        isNewManual: false,
        recordedStatus: 'active',
      });
      expect(q1.json().data.status).toBe('2026-12-07' < today() ? 'expired' : 'active');
      // an earlier record makes the 2023 one a re-examination (复审)
      const q0 = await t.call(sci, 'POST', `/api/v1/enterprises/${e.id}/qualifications`, {
        type: 'hitech',
        level: 'national',
        certNo: 'GR202032009999',
        grantedOn: '2020-12-02',
      });
      expect(q0.json().data).toMatchObject({
        isNew: true,
        validTo: '2023-12-01',
        status: 'expired',
        recordedStatus: 'active',
      });
      const again = (
        await t.call(sci, 'GET', `/api/v1/enterprises/qualifications/${q1.json().data.id}`)
      ).json().data;
      expect(again.isNew).toBe(false);
      const ofEnterprise = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/qualifications`)).json();
      expect(ofEnterprise.total).toBe(2);
      expect(
        (
          await t.call(sci, 'POST', `/api/v1/enterprises/${e.id}/qualifications`, {
            type: 'hitech',
            level: 'national',
            certNo: 'GR202032009999',
            grantedOn: '2020-12-02',
          })
        ).json().error.code,
      ).toBe('DUPLICATE');

      // counted as new only in its first year; a manual override is kept
      const before2020 = await countNewQualifications(t.database.db, {
        year: 2020,
        tier: 'hitech',
        minLevel: 'national',
      });
      const flip = await t.call(sci, 'PATCH', `/api/v1/enterprises/qualifications/${q1.json().data.id}`, {
        isNew: true,
        version: again.version,
      });
      expect(flip.json().data).toMatchObject({ isNew: true, isNewManual: true });
      expect(
        await countNewQualifications(t.database.db, {
          year: 2023,
          tier: 'hitech',
          minLevel: 'national',
          regionCode: '321102',
        }),
      ).toBeGreaterThan(0);
      // revoked records never count
      const q0now = (
        await t.call(sci, 'GET', `/api/v1/enterprises/qualifications/${q0.json().data.id}`)
      ).json().data;
      const revoke = await t.call(sci, 'PATCH', `/api/v1/enterprises/qualifications/${q0.json().data.id}`, {
        status: 'revoked',
        version: q0now.version,
      });
      expect(revoke.statusCode, revoke.body).toBe(200);
      expect(revoke.json().data.status).toBe('revoked');
      expect(
        await countNewQualifications(t.database.db, { year: 2020, tier: 'hitech', minLevel: 'national' }),
      ).toBe(before2020 - 1);

      // the list filters by derived status
      const expired = (
        await t.call(sci, 'GET', `/api/v1/enterprises/qualifications?enterpriseId=${e.id}&status=revoked`)
      ).json();
      expect(expired.data.map((q: { id: string }) => q.id)).toEqual([q0.json().data.id]);
      // evidence attaches to the qualification, with the enterprise's access rule
      expect(
        (
          await t.call(
            sci,
            'GET',
            `/api/v1/attachments?entity=enterprise_qualification&entityId=${q1.json().data.id}`,
          )
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await t.call(
            danyang,
            'GET',
            `/api/v1/attachments?entity=enterprise_qualification&entityId=${q1.json().data.id}`,
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}`))
          .json()
          .data.qualifications.map((q: { type: string }) => q.type),
      ).toEqual('2026-12-07' < today() ? [] : ['hitech']);
      // an enterprise with qualifications cannot be deleted
      expect((await t.call(sci, 'DELETE', `/api/v1/enterprises/${e.id}`)).statusCode).toBe(409);
    });

    it('lists enterprises that meet the 高企 criteria without a 高企, and 高企 expiring within 12 months (复审)', async () => {
      const cand = await createOk({
        creditCode: code('321102'),
        name: '镇江达标未申报科技有限公司',
        foundedOn: '2016-01-01',
      });
      for (const year of [2022, 2023, 2024])
        await t.call(sci, 'PUT', `/api/v1/enterprises/${cand.id}/indicators/${year}`, hitechFigures());
      const view = async (s: Session, path: string) =>
        (await t.call(s, 'GET', `/api/v1/enterprises/views/${path}`)).json();
      const inCandidates = async () => {
        const all = [];
        for (let page = 1; ; page++) {
          const r = await view(sci, `hitech-candidates?regionCode=321102&pageSize=200&page=${page}`);
          all.push(...r.data);
          if (r.data.length < 200) return all;
        }
      };
      const found = (await inCandidates()).find(
        (x: { enterprise: { id: string } }) => x.enterprise.id === cand.id,
      );
      expect(found).toMatchObject({
        eligibility: { tier: 'hitech', year: 2024, pass: true, failed: [] },
        lastHitech: null,
      });
      const demoCandidates = await view(sci, 'hitech-candidates?pageSize=1');
      expect(demoCandidates.total).toBeGreaterThan(10);

      // expiring in three months → listed with its days left; once renewed → gone
      const grantedOn = addMonths(addMonths(today(), 3), -36);
      const q = await t.call(sci, 'POST', `/api/v1/enterprises/${cand.id}/qualifications`, {
        type: 'hitech',
        level: 'national',
        certNo: 'GR-EXPIRING-1',
        grantedOn,
      });
      const validTo = q.json().data.validTo as string;
      expect(validTo > today() && validTo <= addMonths(today(), 12)).toBe(true);
      expect(
        (await inCandidates()).some((x: { enterprise: { id: string } }) => x.enterprise.id === cand.id),
      ).toBe(false);
      const exp = await view(sci, 'hitech-expiring?regionCode=321102&pageSize=200');
      const item = exp.data.find((x: { enterprise: { id: string } }) => x.enterprise.id === cand.id);
      expect(item).toMatchObject({
        qualification: { validTo, certNo: 'GR-EXPIRING-1' },
        eligibility: { pass: true },
      });
      expect(item.daysLeft).toBeGreaterThan(80);
      expect(
        exp.data.every(
          (x: { qualification: { validTo: string } }) =>
            x.qualification.validTo >= today() && x.qualification.validTo <= addMonths(today(), 12),
        ),
      ).toBe(true);
      await t.call(sci, 'POST', `/api/v1/enterprises/${cand.id}/qualifications`, {
        type: 'hitech',
        level: 'national',
        certNo: 'GR-RENEWED-1',
        grantedOn: today(),
      });
      const after = await view(sci, 'hitech-expiring?regionCode=321102&pageSize=200');
      expect(after.data.some((x: { enterprise: { id: string } }) => x.enterprise.id === cand.id)).toBe(false);
      expect((await view(sci, 'hitech-expiring?withinMonths=1')).total).toBeLessThanOrEqual(
        (await view(sci, 'hitech-expiring?withinMonths=24')).total,
      );
    });

    it('keeps a candidate pool with mentor units and each candidate’s current eligibility', async () => {
      const e = await createOk({
        creditCode: code('321102'),
        name: '镇江后备库测试有限公司',
        foundedOn: '2014-01-01',
      });
      for (const year of [2022, 2023, 2024])
        await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/${year}`, hitechFigures());
      const mentor = await t.unitId('zj-sci');
      const created = await t.call(sci, 'POST', '/api/v1/enterprises/candidates', {
        enterpriseId: e.id,
        targetTier: 'hitech',
        mentorUnitId: mentor,
        since: '2024-03-01',
        note: '辅导申报',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().data).toMatchObject({
        targetTier: 'hitech',
        mentorUnitName: '镇江市科学技术局',
        achieved: false,
        eligibility: { pass: true, year: 2024 },
      });
      expect(
        (
          await t.call(sci, 'POST', '/api/v1/enterprises/candidates', {
            enterpriseId: e.id,
            targetTier: 'hitech',
          })
        ).statusCode,
      ).toBe(409);
      const c = created.json().data;
      // recomputing an earlier year stores it, but the current eligibility stays the latest year's
      const older = await t.call(sci, 'POST', '/api/v1/enterprises/eligibility/recompute', {
        year: 2023,
        tiers: ['hitech'],
        regionCode: '321102',
      });
      expect(older.json().data.results).toBeGreaterThan(0);
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises/candidates/${c.id}`)).json().data.eligibility.year,
      ).toBe(2024);
      const eligible = (
        await t.call(
          sci,
          'GET',
          `/api/v1/enterprises/candidates?targetTier=hitech&eligible=true&q=${encodeURIComponent('后备库测试')}`,
        )
      ).json();
      expect(eligible.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
      const notEligible = (
        await t.call(
          sci,
          'GET',
          `/api/v1/enterprises/candidates?eligible=false&q=${encodeURIComponent('后备库测试')}`,
        )
      ).json();
      expect(notEligible.total).toBe(0);
      const patched = await t.call(sci, 'PATCH', `/api/v1/enterprises/candidates/${c.id}`, {
        targetTier: 'gazelle',
        version: c.version,
      });
      expect(patched.json().data).toMatchObject({ targetTier: 'gazelle', version: c.version + 1 });
      expect(patched.json().data.eligibility.pass).toBe(false);
      expect(
        (
          await t.call(sci, 'PATCH', `/api/v1/enterprises/candidates/${c.id}`, {
            note: 'x',
            version: c.version,
          })
        ).statusCode,
      ).toBe(409);
      const demo = (await t.call(sci, 'GET', '/api/v1/enterprises/candidates?pageSize=200')).json();
      expect(demo.total).toBeGreaterThan(50);
      expect(
        demo.data.some((x: { mentorUnitName: string | null }) => x.mentorUnitName === '镇江市工业和信息化局'),
      ).toBe(true);
      expect((await t.call(jingkou, 'DELETE', `/api/v1/enterprises/candidates/${c.id}`)).statusCode).toBe(
        403,
      );
      expect((await t.call(sci, 'DELETE', `/api/v1/enterprises/candidates/${c.id}`)).statusCode).toBe(200);
      expect((await t.call(sci, 'GET', `/api/v1/enterprises/candidates/${c.id}`)).statusCode).toBe(404);
    });

    it('confines a district reader to its district on every path: read, list, search, counts, views, pool', async () => {
      const dy = await createOk({ creditCode: code('321181'), name: '丹阳机密测试有限公司' });
      const jk = await createOk({ creditCode: code('321102'), name: '京口可见测试有限公司' });
      const q = await t.call(sci, 'POST', `/api/v1/enterprises/${dy.id}/qualifications`, {
        type: 'gazelle',
        level: 'provincial',
        grantedOn: '2024-10-30',
      });
      await t.call(sci, 'POST', '/api/v1/enterprises/candidates', {
        enterpriseId: dy.id,
        targetTier: 'hitech',
      });
      expect((await t.call(jingkou, 'GET', `/api/v1/enterprises/${jk.id}`)).statusCode).toBe(200);
      for (const path of [
        `/${dy.id}`,
        `/${dy.id}/indicators`,
        `/${dy.id}/eligibility`,
        `/${dy.id}/projects`,
        `/${dy.id}/soe-kpis?year=2024`,
        `/${dy.id}/qualifications`,
        `/qualifications/${q.json().data.id}`,
      ]) {
        const res = await t.call(jingkou, 'GET', `/api/v1/enterprises${path}`);
        expect(res.statusCode, path).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect((await t.call(danyang, 'GET', `/api/v1/enterprises/${dy.id}`)).statusCode).toBe(200);
      const search = (
        await t.call(jingkou, 'GET', `/api/v1/enterprises?q=${encodeURIComponent('丹阳机密')}`)
      ).json();
      expect(search.total).toBe(0);
      const list = (await t.call(jingkou, 'GET', '/api/v1/enterprises?pageSize=200')).json();
      expect(list.total).toBeGreaterThan(100);
      expect(list.data.every((x: { regionCode: string }) => x.regionCode === '321102')).toBe(true);
      const byRegion = (await t.call(jingkou, 'GET', '/api/v1/enterprises?regionCode=321181')).json();
      expect(byRegion.total).toBe(0);
      const pool = (await t.call(jingkou, 'GET', '/api/v1/enterprises/candidates?pageSize=200')).json();
      expect(
        pool.data.every((x: { enterprise: { regionCode: string } }) => x.enterprise.regionCode === '321102'),
      ).toBe(true);
      const views = (
        await t.call(jingkou, 'GET', '/api/v1/enterprises/views/hitech-expiring?pageSize=200')
      ).json();
      expect(
        views.data.every((x: { enterprise: { regionCode: string } }) => x.enterprise.regionCode === '321102'),
      ).toBe(true);
      const quals = (await t.call(jingkou, 'GET', '/api/v1/enterprises/qualifications?pageSize=200')).json();
      expect(quals.data.every((x: { regionCode: string }) => x.regionCode === '321102')).toBe(true);
      // counts: a district sees its own district's figures, the same as the city-wide reader filtered to it
      const mine = (await t.call(jingkou, 'GET', '/api/v1/enterprises/counts?year=2024')).json().data;
      const cityView = (
        await t.call(sci, 'GET', '/api/v1/enterprises/counts?year=2024&regionCode=321102')
      ).json().data;
      expect(mine.headline).toEqual(cityView.headline);
      expect(mine.byRegion.every((r: { regionCode: string }) => r.regionCode === '321102')).toBe(true);
      const cityAll = (await t.call(sci, 'GET', '/api/v1/enterprises/counts?year=2024')).json().data;
      expect(cityAll.headline.find((h: { key: string }) => h.key === 'new_gazelles').count).toBeGreaterThan(
        mine.headline.find((h: { key: string }) => h.key === 'new_gazelles').count,
      );
      // writes: a reader is forbidden outright
      expect(
        (await t.call(jingkou, 'PATCH', `/api/v1/enterprises/${jk.id}`, { name: '改名', version: 1 }))
          .statusCode,
      ).toBe(403);
    });

    it('versions rule sets: params validated per tier, frozen once used; a new version changes the verdicts after recompute', async () => {
      const sets = (await t.call(sci, 'GET', '/api/v1/enterprises/rule-sets')).json().data;
      expect(sets.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining([
          'hitech-2016',
          'tech-sme-2022',
          'specialized-sme-2022',
          'little-giant-2022',
          'gazelle-2022',
          'unicorn-2022',
          'potential-unicorn-2022',
        ]),
      );
      const base = sets.find((s: { id: string }) => s.id === 'hitech-2016');
      expect(
        (
          await t.call(sci, 'PATCH', '/api/v1/enterprises/rule-sets/hitech-2016', {
            params: base.params,
            version: base.version,
          })
        ).statusCode,
      ).toBe(422);
      const invalid = await t.call(sci, 'POST', '/api/v1/enterprises/rule-sets', {
        tier: 'hitech',
        name: 'x',
        effectiveFrom: '2024-01-01',
        params: { ...base.params, rdBands: [] },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toContain('params.rdBands');
      const draft = await t.call(sci, 'POST', '/api/v1/enterprises/rule-sets', {
        id: 'hitech-strict-test',
        tier: 'hitech',
        name: '测试：更严格的科技人员比例',
        effectiveFrom: '2024-01-01',
        params: { ...base.params, minStStaffRatio: 0.15 },
      });
      expect(draft.statusCode).toBe(201);
      expect(draft.json().data).toMatchObject({ status: 'draft', abilities: { editParams: true } });
      const edited = await t.call(sci, 'PATCH', '/api/v1/enterprises/rule-sets/hitech-strict-test', {
        params: { ...base.params, minStStaffRatio: 0.25 },
        version: 1,
      });
      expect(edited.json().data.params.minStStaffRatio).toBe(0.25);
      const active = await t.call(sci, 'PATCH', '/api/v1/enterprises/rule-sets/hitech-strict-test', {
        status: 'active',
        version: 2,
      });
      expect(active.statusCode).toBe(200);

      const e = await createOk({
        creditCode: code('321102'),
        name: '镇江规则版本测试有限公司',
        foundedOn: '2015-01-01',
      });
      for (const year of [2021, 2022, 2023, 2024])
        await t.call(sci, 'PUT', `/api/v1/enterprises/${e.id}/indicators/${year}`, hitechFigures());
      const strict = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech`)).json()
        .data[0];
      expect(strict).toMatchObject({ ruleSetId: 'hitech-strict-test', pass: false });
      expect(strict.criteria.find((c: { id: string }) => c.id === 'st_staff').thresholds.min).toBe(0.25);
      // 2023 still falls under the 2016 rule set
      const y2023 = (
        await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech&year=2023`)
      ).json().data[0];
      expect(y2023).toMatchObject({ ruleSetId: 'hitech-2016', pass: true });

      // stored results of other enterprises are stale until the recompute
      const demoId = (
        await t.database.db
          .selectFrom('enterprise_eligibility')
          .select('enterprise_id')
          .where('tier', '=', 'hitech')
          .where('year', '=', 2024)
          .where('rule_set_id', '=', 'hitech-2016')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).enterprise_id;
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises/${demoId}/eligibility?tier=hitech`)).json().data[0]
          .stale,
      ).toBe(true);
      const rec = await t.call(sci, 'POST', '/api/v1/enterprises/eligibility/recompute', {
        tiers: ['hitech'],
      });
      expect(rec.statusCode).toBe(200);
      expect(rec.json().data.enterprises).toBeGreaterThan(4000);
      expect(rec.json().data.results).toBe(rec.json().data.enterprises);
      const fresh = (await t.call(sci, 'GET', `/api/v1/enterprises/${demoId}/eligibility?tier=hitech`)).json()
        .data[0];
      expect(fresh).toMatchObject({ ruleSetId: 'hitech-strict-test', stale: false });
      expect(
        (
          await t.call(sci, 'PATCH', '/api/v1/enterprises/rule-sets/hitech-strict-test', {
            params: base.params,
            version: 3,
          })
        ).statusCode,
      ).toBe(422);

      // retire it and recompute: back to the 2016 rules
      await t.call(sci, 'PATCH', '/api/v1/enterprises/rule-sets/hitech-strict-test', {
        status: 'retired',
        version: 3,
      });
      const back = await t.call(sci, 'POST', '/api/v1/enterprises/eligibility/recompute', {
        tiers: ['hitech'],
        year: 2024,
      });
      expect(back.json().data.passed.hitech).toBeGreaterThan(1000);
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=hitech`)).json().data[0],
      ).toMatchObject({ ruleSetId: 'hitech-2016', pass: true });
      expect(
        (await t.call(jingkou, 'POST', '/api/v1/enterprises/eligibility/recompute', {})).statusCode,
      ).toBe(403);
    });

    it('imports the registry ledger idempotently, per-row scoped, with semantic errors per row', async () => {
      const db = t.database.db;
      const newCode = code('321102');
      const row = (
        over: Partial<EnterpriseLedgerRow>,
      ): { row: number; values: Partial<EnterpriseLedgerRow> } => ({
        row: 3,
        values: {
          creditCode: newCode,
          name: '镇江导入测试精密机械有限公司',
          region: '京口区',
          industryCode: '3489',
          size: 'small',
          ownership: 'private',
          soe: false,
          listed: false,
          foundedOn: '2018-04-01',
          year: 2024,
          revenue: 30_000_000,
          rdExpense: 1_800_000,
          staff: 80,
          stStaff: 12,
          ...over,
        },
      });
      const sciActor = await actorOf('sci');
      const run = (actor: Actor, rows: Array<{ row: number; values: Partial<EnterpriseLedgerRow> }>) =>
        db.transaction().execute((trx) => ledger.upsert(trx, actor, rows));
      expect(await run(sciActor, [row({})])).toEqual({ created: 1, updated: 0, errors: [] });
      expect(await run(sciActor, [row({})])).toEqual({ created: 0, updated: 0, errors: [] });
      expect(await run(sciActor, [row({ revenue: 32_000_000 })])).toEqual({
        created: 0,
        updated: 1,
        errors: [],
      });
      const e = (await t.call(sci, 'GET', `/api/v1/enterprises?q=${newCode}`)).json().data[0];
      expect(e).toMatchObject({ regionCode: '321102', size: 'small', industryCode: '3489' });
      const ind = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/indicators`)).json().data[0];
      expect(ind).toMatchObject({ year: 2024, revenue: 32_000_000, rdExpense: 1_800_000, staff: 80 });
      // eligibility was recomputed in the import's transaction
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/eligibility?tier=specialized_sme`)).json()
          .data[0].computedAt,
      ).not.toBeNull();

      const other = await createOk({ creditCode: code('321181'), name: '丹阳导入越权测试有限公司' });
      const jk = await actorOf('jingkou');
      const res = await run({ ...jk, permissions: new Set([...jk.permissions, 'enterprise:manage']) }, [
        { row: 4, values: { creditCode: other.creditCode, name: other.name } },
        {
          row: 5,
          values: { creditCode: code('321102'), name: '京口导入县区错误有限公司', region: '火星区' },
        },
        {
          row: 6,
          values: { creditCode: code('321102'), name: '京口导入行业有限公司', industryCode: '0000' },
        },
      ]);
      expect(res.errors.map((x) => [x.row, x.column])).toEqual(
        expect.arrayContaining([
          [4, 'creditCode'],
          [5, 'region'],
        ]),
      );
      expect(res.errors.find((x) => x.row === 4)!.message).toContain('不存在或无权访问');
      expect(res.errors.find((x) => x.row === 5)!.message).toContain('火星区');
    });

    it('imports a published 高企认定名单: by credit code, else by exact name (error if ambiguous), qualifications by certificate number', async () => {
      const db = t.database.db;
      const a = await createOk({
        creditCode: code('321102'),
        name: '镇江名单甲科技有限公司',
        foundedOn: '2015-01-01',
      });
      const b = await createOk({
        creditCode: code('321102'),
        name: '镇江名单乙（集团）有限公司',
        foundedOn: '2015-01-01',
      });
      await createOk({ creditCode: code('321102'), name: '镇江同名丙有限公司' });
      await createOk({ creditCode: code('321181'), name: '镇江同名丙有限公司' });
      const newCode = code('321102');
      const sciActor = await actorOf('sci');
      const rows: Array<{ row: number; values: Partial<HitechListRow> }> = [
        {
          row: 4,
          values: {
            seq: 1,
            name: a.name,
            certNo: 'GR202532000001',
            grantedOn: '2025-11-20',
            batch: '2025年第一批',
            creditCode: a.creditCode,
          },
        },
        {
          row: 5,
          values: {
            seq: 2,
            name: '镇江名单乙(集团)有限公司',
            certNo: 'GR202532000002',
            grantedOn: '2025-11-20',
            batch: '2025年第一批',
            creditCode: null,
          },
        },
        {
          row: 6,
          values: {
            seq: 3,
            name: '镇江名单新企业有限公司',
            certNo: 'GR202532000003',
            grantedOn: '2025-11-20',
            creditCode: newCode,
          },
        },
        {
          row: 7,
          values: {
            seq: 4,
            name: '镇江同名丙有限公司',
            certNo: 'GR202532000004',
            grantedOn: '2025-11-20',
            creditCode: null,
          },
        },
        {
          row: 8,
          values: {
            seq: 5,
            name: '镇江查无此企业有限公司',
            certNo: 'GR202532000005',
            grantedOn: '2025-11-20',
            creditCode: null,
          },
        },
      ];
      const run = (r: typeof rows) =>
        db.transaction().execute((trx) => hitechListLedger.upsert(trx, sciActor, r));
      const first = await run(rows);
      expect(first.created).toBe(3);
      expect(first.errors.map((x) => [x.row, x.column])).toEqual([
        [7, 'name'],
        [8, 'name'],
      ]);
      expect(first.errors[0]!.message).toContain('多家企业');
      const second = await run(rows.slice(0, 3));
      expect(second).toEqual({ created: 0, updated: 0, errors: [] });
      const moved = await run([{ row: 4, values: { ...rows[0]!.values, grantedOn: '2025-11-21' } }]);
      expect(moved).toEqual({ created: 0, updated: 1, errors: [] });
      const clash = await run([
        {
          row: 9,
          values: {
            name: b.name,
            certNo: 'GR202532000001',
            grantedOn: '2025-11-20',
            creditCode: b.creditCode,
          },
        },
      ]);
      expect(clash.errors[0]).toMatchObject({ row: 9, column: 'certNo' });

      const qa = (await t.call(sci, 'GET', `/api/v1/enterprises/${a.id}/qualifications`)).json().data[0];
      expect(qa).toMatchObject({
        type: 'hitech',
        level: 'national',
        certNo: 'GR202532000001',
        grantedOn: '2025-11-21',
        validTo: '2028-11-20',
        isNew: true,
      });
      expect((await t.call(sci, 'GET', `/api/v1/enterprises/${b.id}/qualifications`)).json().total).toBe(1);
      const created = (await t.call(sci, 'GET', `/api/v1/enterprises?q=${newCode}`)).json().data[0];
      expect(created).toMatchObject({ name: '镇江名单新企业有限公司', regionCode: '321102' });
      expect(
        await countNewQualifications(db, {
          year: 2025,
          tier: 'hitech',
          minLevel: 'national',
          regionCode: '321102',
        }),
      ).toBeGreaterThanOrEqual(3);
    });

    it('reads a real list layout through the Excel engine (title row, 序号, missing credit codes)', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['江苏省2025年第一批认定高新技术企业名单（镇江市）']);
      ws.addRow(['序号', '企业名称', '证书编号', '发证日期', '批次']);
      ws.addRow([1, '镇江引擎读取测试有限公司', 'GR202532000101', '2025年11月20日', '第一批']);
      ws.addRow([2, '镇江引擎读取测试乙有限公司', 'GR202532000102', '2025-11-20', '第一批']);
      const parsed = await parseWorkbook(hitechListMap, Buffer.from(await wb.xlsx.writeBuffer()), 'zh-CN');
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows.map((r) => r.values)).toMatchObject([
        { seq: 1, name: '镇江引擎读取测试有限公司', certNo: 'GR202532000101', grantedOn: '2025-11-20' },
        { seq: 2, name: '镇江引擎读取测试乙有限公司', certNo: 'GR202532000102', grantedOn: '2025-11-20' },
      ]);
      await createOk({ creditCode: code('321102'), name: '镇江引擎读取测试有限公司' });
      const sciActor = await actorOf('sci');
      const res = await t.database.db
        .transaction()
        .execute((trx) => hitechListLedger.upsert(trx, sciActor, parsed.rows));
      expect(res.created).toBe(1);
      expect(res.errors.map((x) => x.row)).toEqual([parsed.rows[1]!.row]);
    });

    it('computes the SOE 一利五率 of the organisation’s SOE groups from their indicators', async () => {
      const unit = await t.unitId('soe-urban');
      const soe = await t.database.db
        .selectFrom('enterprises')
        .select(['id', 'soe'])
        .where('org_unit_id', '=', unit)
        .executeTakeFirstOrThrow();
      expect(soe.soe).toBe(1);
      const res = await t.call(sci, 'GET', `/api/v1/enterprises/${soe.id}/soe-kpis?year=2024`);
      expect(res.statusCode).toBe(200);
      const k = res.json().data;
      expect(k).toMatchObject({ enterpriseId: soe.id, year: 2024, soe: true });
      expect(k.kpis.map((x: { key: string }) => x.key)).toEqual([
        'profit',
        'debtRatio',
        'roe',
        'rdIntensity',
        'laborProductivity',
        'operatingCashRatio',
      ]);
      const debt = k.kpis.find((x: { key: string }) => x.key === 'debtRatio');
      expect(debt.value).toBeGreaterThan(0.55);
      expect(debt.value).toBeLessThan(0.7);
      expect(
        k.kpis.every(
          (x: { value: number | null; previous: number | null }) => x.value !== null && x.previous !== null,
        ),
      ).toBe(true);
      expect(
        (await t.call(sci, 'GET', `/api/v1/enterprises?orgUnitId=${unit}`))
          .json()
          .data.map((x: { id: string }) => x.id),
      ).toEqual([soe.id]);
      const soes = (await t.call(sci, 'GET', '/api/v1/enterprises?soe=true')).json();
      expect(soes.total).toBe(4);
      expect(soes.data.every((x: { ownership: string }) => x.ownership === 'state')).toBe(true);
    });

    it('links the projects an enterprise invests in or runs, through the project scope', async () => {
      const e = await createOk({ creditCode: code('321102'), name: '镇江项目投资方测试有限公司' });
      const project = await t.database.db
        .selectFrom('projects')
        .select(['id', 'region_code'])
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      expect(project, 'the demo city has projects').toBeDefined();
      if (!project) return;
      await t.database.db
        .updateTable('projects')
        .set({ investor_credit_code: e.creditCode, company_credit_code: e.creditCode })
        .where('id', '=', project.id)
        .execute();
      const res = (await t.call(admin, 'GET', `/api/v1/enterprises/${e.id}/projects`)).json();
      expect(res.total).toBe(1);
      expect(res.data[0]).toMatchObject({ id: project.id, roles: ['investor', 'company'] });
      // sci reads every enterprise, but projects only through its own (department) project scope
      const scoped = (await t.call(sci, 'GET', `/api/v1/enterprises/${e.id}/projects`)).json();
      expect(scoped.total).toBeLessThanOrEqual(1);
    });

    it('documents every endpoint in the OpenAPI document', async () => {
      const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/enterprises',
          '/api/v1/enterprises/{id}',
          '/api/v1/enterprises/{id}/indicators/{year}',
          '/api/v1/enterprises/{id}/eligibility',
          '/api/v1/enterprises/{id}/soe-kpis',
          '/api/v1/enterprises/counts',
          '/api/v1/enterprises/views/hitech-candidates',
          '/api/v1/enterprises/views/hitech-expiring',
          '/api/v1/enterprises/candidates/{id}',
          '/api/v1/enterprises/rule-sets/{id}',
          '/api/v1/enterprises/eligibility/recompute',
        ]),
      );
    });

    it('exports the filtered registry as the ledger workbook', async () => {
      const res = await t.call(sci, 'GET', '/api/v1/enterprises/export.xlsx?soe=true');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const parsed = await parseWorkbook(ledger.map, res.rawPayload, 'zh-CN');
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(4);
      expect(parsed.rows[0]!.values).toMatchObject({ soe: true, year: 2024 });
    });
  });
}
