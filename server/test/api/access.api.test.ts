import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

/**
 * A district clerk must never read another district's records through any endpoint. Each capability adds
 * its endpoints to READ_PROBES; the cross-endpoint matrix of issue #7 builds on the same fixtures.
 */
for (const engine of ENGINES) {
  describe(`${engine}: data scope`, () => {
    let t: TestApp;
    let jingkou: Session;
    let danyangUserId: string;
    let jingkouPeerId: string;

    beforeAll(async () => {
      t = await createTestApp(engine);
      jingkou = await t.login('jingkou');
      danyangUserId = await t.userId('danyang');
      const admin = await t.login('admin');
      const roles = (await t.call(admin, 'GET', '/api/v1/roles')).json().data as Array<{
        id: string;
        code: string;
      }>;
      const peer = await t.call(admin, 'POST', '/api/v1/users', {
        username: 'jingkou2',
        displayName: '京口区 第二人',
        unitId: await t.unitId('jingkou'),
        roleIds: [roles.find((r) => r.code === 'district_staff')!.id],
        password: 'Peer-Passw0rd!',
      });
      // a district user administrator: may manage users, but only within the district
      const role = await t.call(admin, 'POST', '/api/v1/roles', {
        code: 'district_user_admin',
        name: '县区用户管理员',
        nameEn: 'District user admin',
        permissions: ['user:read', 'user:manage'],
        dataScope: 'district',
      });
      const peerUser = peer.json().data;
      await t.call(admin, 'PATCH', `/api/v1/users/${peerUser.id}`, {
        roleIds: [roles.find((r) => r.code === 'district_staff')!.id, role.json().data.id],
        version: peerUser.version,
      });
      jingkouPeerId = peer.json().data.id;
    });
    afterAll(async () => t?.close());

    it('reads its own district’s users', async () => {
      expect((await t.call(jingkou, 'GET', `/api/v1/users/${jingkouPeerId}`)).statusCode).toBe(200);
      const list = (await t.call(jingkou, 'GET', '/api/v1/users?pageSize=200')).json();
      const names = list.data.map((u: { username: string }) => u.username).sort();
      expect(names).toEqual(['jingkou', 'jingkou2']);
      expect(list.total).toBe(2);
    });

    it('gets 404 “not found or no access” for another district’s user on every read path', async () => {
      const direct = await t.call(jingkou, 'GET', `/api/v1/users/${danyangUserId}`);
      expect(direct.statusCode).toBe(404);
      expect(direct.json().error.code).toBe('NOT_FOUND');
      const search = (await t.call(jingkou, 'GET', '/api/v1/users?q=danyang')).json();
      expect(search.total).toBe(0);
      const byUnit = (
        await t.call(jingkou, 'GET', `/api/v1/users?unitId=${await t.unitId('danyang')}`)
      ).json();
      expect(byUnit.total).toBe(0);
      // without user:manage a write is forbidden outright
      expect(
        (await t.call(jingkou, 'PATCH', `/api/v1/users/${danyangUserId}`, { displayName: 'x', version: 1 }))
          .statusCode,
      ).toBe(403);
      // with user:manage but outside the district, writes answer the same 404 as reads
      const districtAdmin = await t.login('jingkou2', 'Peer-Passw0rd!');
      // an administrator-set password must be changed before anything else
      expect((await t.call(districtAdmin, 'GET', '/api/v1/users')).json().error.code).toBe(
        'PASSWORD_CHANGE_REQUIRED',
      );
      await t.call(districtAdmin, 'POST', '/api/v1/auth/password', {
        currentPassword: 'Peer-Passw0rd!',
        newPassword: 'Peer-Passw0rd-2',
      });
      expect(
        (
          await t.call(districtAdmin, 'PATCH', `/api/v1/users/${danyangUserId}`, {
            displayName: 'x',
            version: 1,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await t.call(districtAdmin, 'POST', `/api/v1/users/${danyangUserId}/reset-password`, {})).statusCode,
      ).toBe(404);
      expect(
        (await t.call(districtAdmin, 'POST', `/api/v1/users/${await t.userId('jingkou')}/reset-password`, {}))
          .statusCode,
      ).toBe(200);
      // nor can it place a new user in another district's unit
      const placed = await t.call(districtAdmin, 'POST', '/api/v1/users', {
        username: 'intruder',
        displayName: 'x',
        unitId: await t.unitId('danyang'),
      });
      expect(placed.statusCode).toBe(403);
    });

    it('a city-wide role sees every district', async () => {
      const leader = await t.login('leader');
      // the leader role has no user:read permission at all
      expect((await t.call(leader, 'GET', '/api/v1/users')).statusCode).toBe(403);
      const admin = await t.login('admin');
      expect((await t.call(admin, 'GET', `/api/v1/users/${danyangUserId}`)).statusCode).toBe(200);
    });
  });
}
