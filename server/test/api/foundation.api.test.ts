import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit/audit';
import { createApiToken } from '../../src/modules/auth/auth.service';
import { systemActor } from '../../src/core/access/actor';
import { ENGINES } from '../dialects';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../test-app';

for (const engine of ENGINES) {
  describe(`${engine}: foundation API`, () => {
    let t: TestApp;
    let admin: Session;

    beforeAll(async () => {
      t = await createTestApp(engine, { ledgers: false });
      admin = await t.login('admin');
    });
    afterAll(async () => t?.close());

    it('reports health with the engine', async () => {
      const res = await t.call(null, 'GET', '/api/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: { engine, ok: true } });
    });

    it('serves an OpenAPI 3.1 document listing the routes', async () => {
      const res = await t.call(null, 'GET', '/api/openapi.json');
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/v1/users', '/api/v1/units/{id}', '/api/v1/audit']),
      );
    });

    it('answers errors in the caller’s language with one shape', async () => {
      const zh = await t.call(null, 'GET', '/api/v1/users');
      expect(zh.statusCode).toBe(401);
      expect(zh.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
      const en = await t.call(null, 'GET', '/api/v1/users', undefined, { 'accept-language': 'en' });
      expect(en.json().error.message).toBe('Please sign in');
      const bad = await t.call(admin, 'GET', '/api/v1/users?pageSize=999', undefined, {
        'accept-language': 'en',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
      expect(bad.json().error.details[0].path).toBe('pageSize');
      const unknown = await t.call(admin, 'GET', '/api/v1/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('ROUTE_NOT_FOUND');
    });

    it('rejects a wrong password, then locks the account after five failures', async () => {
      const wrong = await t.call(null, 'POST', '/api/v1/auth/login', {
        username: 'auditor',
        password: 'nope',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
      let last = wrong;
      for (let i = 0; i < 4; i++)
        last = await t.call(
          null,
          'POST',
          '/api/v1/auth/login',
          { username: 'auditor', password: 'nope' },
          { 'x-forwarded-for': `10.0.0.${i}` },
        );
      expect(last.statusCode).toBe(423);
      const right = await t.call(null, 'POST', '/api/v1/auth/login', {
        username: 'auditor',
        password: TEST_PASSWORD,
      });
      expect(right.statusCode).toBe(423);
      // an administrator unlocks the account
      const id = await t.userId('auditor');
      const user = (await t.call(admin, 'GET', `/api/v1/users/${id}`)).json().data;
      expect(user.lockedUntil).not.toBeNull();
      const unlocked = await t.call(admin, 'PATCH', `/api/v1/users/${id}`, {
        unlock: true,
        version: user.version,
      });
      expect(unlocked.statusCode).toBe(200);
      expect(
        (await t.call(null, 'POST', '/api/v1/auth/login', { username: 'auditor', password: TEST_PASSWORD }))
          .statusCode,
      ).toBe(200);
    });

    it('requires the CSRF token on cookie-authenticated writes', async () => {
      const s = await t.login('admin');
      const res = await t.call({ cookie: s.cookie, csrf: 'forged' }, 'POST', '/api/v1/roles', {
        code: 'x_role',
        name: 'x',
        nameEn: 'x',
        permissions: [],
        dataScope: 'self',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
    });

    it('keeps sessions in the database: logout revokes them', async () => {
      const s = await t.login('leader');
      expect((await t.call(s, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
      const sessions = (await t.call(s, 'GET', '/api/v1/auth/sessions')).json().data;
      expect(sessions.some((x: { current: boolean }) => x.current)).toBe(true);
      expect((await t.call(s, 'POST', '/api/v1/auth/logout', {})).statusCode).toBe(200);
      expect((await t.call(s, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    });

    it('creates a user with a generated password that must be changed first', async () => {
      const unitId = await t.unitId('zj-drc');
      const roles = (await t.call(admin, 'GET', '/api/v1/roles')).json().data as Array<{
        id: string;
        code: string;
      }>;
      const res = await t.call(admin, 'POST', '/api/v1/users', {
        username: 'newclerk',
        displayName: '新职员',
        unitId,
        roleIds: [roles.find((r) => r.code === 'drc_staff')!.id],
      });
      expect(res.statusCode).toBe(201);
      const initial = res.json().initialPassword as string;
      expect(initial).toBeTruthy();
      const s = await t.login('newclerk', initial);
      const blocked = await t.call(s, 'GET', '/api/v1/units/tree');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const weak = await t.call(s, 'POST', '/api/v1/auth/password', {
        currentPassword: initial,
        newPassword: 'short',
      });
      expect(weak.json().error.code).toBe('WEAK_PASSWORD');
      const ok = await t.call(s, 'POST', '/api/v1/auth/password', {
        currentPassword: initial,
        newPassword: 'Brand-New-Pass9',
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().data.mustChangePassword).toBe(false);
      expect((await t.call(s, 'GET', '/api/v1/units/tree')).statusCode).toBe(200);
      const dup = await t.call(admin, 'POST', '/api/v1/users', {
        username: 'newclerk',
        displayName: 'x',
        unitId,
      });
      expect(dup.statusCode).toBe(409);
    });

    it('rejects a stale update with 409 and the current record', async () => {
      const id = await t.unitId('jingkou');
      const unit = (await t.call(admin, 'GET', `/api/v1/units/${id}`)).json().data;
      const first = await t.call(admin, 'PATCH', `/api/v1/units/${id}`, {
        shortName: '京口',
        version: unit.version,
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().data.version).toBe(unit.version + 1);
      const stale = await t.call(admin, 'PATCH', `/api/v1/units/${id}`, {
        shortName: '京口区',
        version: unit.version,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(stale.json().error.details.current.shortName).toBe('京口');
    });

    it('manages the unit tree: create, move, refuse cycles, refuse deleting non-empty units', async () => {
      const parent = await t.unitId('danyang');
      const created = await t.call(admin, 'POST', '/api/v1/units', {
        name: '丹阳市发改委',
        kind: 'department',
        parentId: parent,
        regionCode: '321181',
      });
      expect(created.statusCode).toBe(201);
      const child = created.json().data;
      const grand = (
        await t.call(admin, 'POST', '/api/v1/units', {
          name: '项目科',
          kind: 'department',
          parentId: child.id,
          regionCode: '321181',
        })
      ).json().data;
      const cycle = await t.call(admin, 'PATCH', `/api/v1/units/${child.id}`, {
        parentId: grand.id,
        version: child.version,
      });
      expect(cycle.statusCode).toBe(422);
      const badRegion = await t.call(admin, 'POST', '/api/v1/units', {
        name: 'x',
        kind: 'department',
        parentId: parent,
        regionCode: '999999',
      });
      expect(badRegion.statusCode).toBe(422);
      const moved = await t.call(admin, 'PATCH', `/api/v1/units/${child.id}`, {
        parentId: await t.unitId('yangzhong'),
        version: child.version,
      });
      expect(moved.statusCode).toBe(200);
      const grandRow = await t.database.db
        .selectFrom('units')
        .select('path')
        .where('id', '=', grand.id)
        .executeTakeFirstOrThrow();
      expect(grandRow.path).toContain(await t.unitId('yangzhong'));
      const del = await t.call(admin, 'DELETE', `/api/v1/units/${child.id}`);
      expect(del.statusCode).toBe(409);
      expect((await t.call(admin, 'DELETE', `/api/v1/units/${grand.id}`)).statusCode).toBe(200);
    });

    it('does not let a role grant more than its author holds', async () => {
      const s = await t.login('jingkou');
      const res = await t.call(s, 'POST', '/api/v1/roles', {
        code: 'sneaky',
        name: 's',
        nameEn: 's',
        permissions: ['audit:read'],
        dataScope: 'all',
      });
      expect(res.statusCode).toBe(403);
      const viaAdmin = await t.call(admin, 'POST', '/api/v1/roles', {
        code: 'viewer',
        name: '只读',
        nameEn: 'Viewer',
        permissions: ['project:read'],
        dataScope: 'unit',
      });
      expect(viaAdmin.statusCode).toBe(201);
      const role = viaAdmin.json().data;
      expect((await t.call(admin, 'DELETE', `/api/v1/roles/${role.id}`)).statusCode).toBe(200);
    });

    it('authenticates machine clients with API tokens', async () => {
      const created = await createApiToken(t.database.db, systemActor('test'), await t.userId('drc'), {
        name: 'ci',
      });
      const res = await t.call(null, 'GET', '/api/v1/auth/me', undefined, {
        authorization: `Bearer ${created.token}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data.username).toBe('drc');
      // no CSRF needed for token writes; an invalid token is refused
      expect(
        (await t.call(null, 'GET', '/api/v1/auth/me', undefined, { authorization: 'Bearer gjt_wrong' }))
          .statusCode,
      ).toBe(401);
    });

    it('shows the audit log only to those allowed, and the chain verifies', async () => {
      const page = await t.call(admin, 'GET', '/api/v1/audit?entity=unit&action=update');
      expect(page.statusCode).toBe(200);
      expect(page.json().data.length).toBeGreaterThan(0);
      expect(page.json().data[0].changes.before).toBeTruthy();
      const clerk = await t.login('commerce');
      expect((await t.call(clerk, 'GET', '/api/v1/audit')).statusCode).toBe(403);
      expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    });

    it('detects an audit row edited or deleted by hand', async () => {
      const db = t.database.db;
      const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      await db
        .updateTable('audit_log')
        .set({ changes: '{"before":null,"after":{"name":"forged"}}' })
        .where('seq', '=', 3)
        .execute();
      const edited = await verifyAuditChain(db);
      expect(edited.ok).toBe(false);
      expect(edited.problems).toContainEqual({ seq: 3, problem: 'hash_mismatch' });
      await db.updateTable('audit_log').set({ changes: row.changes }).where('seq', '=', 3).execute();
      expect((await verifyAuditChain(db)).ok).toBe(true);
      await db.deleteFrom('audit_log').where('seq', '=', 5).execute();
      const deleted = await verifyAuditChain(db);
      expect(deleted.ok).toBe(false);
      expect(deleted.problems.map((p) => p.problem)).toContain('gap');
      await db
        .insertInto('audit_log')
        .values({
          ...(await db.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow()),
          seq: 5,
        })
        .execute();
    });
  });
}

describe('sign-in rate limit', () => {
  it('answers 429 after the configured attempts per minute from one address', async () => {
    const t = await createTestApp('sqlite', { seed: false, env: { LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (await t.call(null, 'POST', '/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode,
        );
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
      const res = await t.call(
        null,
        'POST',
        '/api/v1/auth/login',
        { username: 'x', password: 'y' },
        { 'accept-language': 'en' },
      );
      expect(res.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
