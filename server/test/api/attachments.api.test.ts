import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAttachmentOwner } from '../../src/core/attachments/attachments';
import { unitInScope } from '../../src/core/access/scope';
import { notFound } from '../../src/core/errors';
import { ENGINES } from '../dialects';
import { createTestApp, type Session, type TestApp } from '../test-app';

// A test-only owner: units as attachment holders, readable inside the caller's unit scope.
registerAttachmentOwner('test_unit', {
  async canRead(db, actor, id) {
    const u = await db
      .selectFrom('units')
      .select(['id', 'path', 'region_code'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!u || !unitInScope(actor, 'user', u)) throw notFound();
    return { regionCode: u.region_code };
  },
  async canAttach(db, actor, id) {
    return this.canRead(db, actor, id);
  },
  docTypes: { evidence: { zh: '佐证材料', en: 'Evidence' } },
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }) {
  const boundary = '----gj' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of ENGINES) {
  describe(`${engine}: attachments`, () => {
    let t: TestApp;
    let jingkou: Session;
    let dataDir: string;
    const upload = (
      s: Session,
      fields: Record<string, string>,
      file: { name: string; data: Buffer; type?: string },
    ) => {
      const body = multipart(fields, file);
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': body.contentType },
        payload: body.payload,
      });
    };

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-att-'));
      t = await createTestApp(engine, { ledgers: false, env: { DATA_DIR: dataDir, UPLOAD_MAX_MB: '1' } });
      jingkou = await t.login('jingkou');
    });
    afterAll(async () => {
      await t?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('stores a sniffed file content-addressed and serves it only through the access check', async () => {
      const unit = await t.unitId('jingkou');
      const res = await upload(
        jingkou,
        { entity: 'test_unit', entityId: unit, docType: 'evidence' },
        { name: '../../etc/协议.pdf', data: PDF, type: 'image/png' },
      );
      expect(res.statusCode).toBe(201);
      const a = res.json().data;
      expect(a.mime).toBe('application/pdf');
      expect(a.name).toBe('协议.pdf');
      expect(
        fs.existsSync(
          path.join(dataDir, 'attachments', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
        ),
      ).toBe(true);
      const dl = await t.call(jingkou, 'GET', a.url);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(PDF)).toBe(true);
      expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E5%8D%8F%E8%AE%AE.pdf");
      // another district cannot read it, list it, or learn that it exists
      const danyang = await t.login('danyang');
      expect((await t.call(danyang, 'GET', a.url)).statusCode).toBe(404);
      expect((await t.call(danyang, 'GET', `/api/v1/attachments/${a.id}`)).statusCode).toBe(404);
      expect(
        (await t.call(danyang, 'GET', `/api/v1/attachments?entity=test_unit&entityId=${unit}`)).statusCode,
      ).toBe(404);
      // nor attach to a record outside its scope
      const foreign = await upload(
        danyang,
        { entity: 'test_unit', entityId: unit, docType: 'evidence' },
        { name: 'x.png', data: PNG },
      );
      expect(foreign.statusCode).toBe(404);
    });

    it('accepts multipart only where files are uploaded: a file sent to an ordinary route is refused, in the caller’s language', async () => {
      const body = multipart({ name: 'x' }, { name: 'x.png', data: PNG });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: {
          cookie: jingkou.cookie,
          'x-csrf-token': jingkou.csrf,
          'content-type': body.contentType,
          'accept-language': 'en',
        },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.json().error.message).toMatch(/[a-z]/i);
    });

    it('refuses content that is not an accepted document, whatever its name', async () => {
      const unit = await t.unitId('jingkou');
      const res = await upload(
        jingkou,
        { entity: 'test_unit', entityId: unit, docType: 'evidence' },
        { name: 'report.pdf', data: Buffer.from('#!/bin/sh\nrm -rf /\n') },
      );
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const badType = await upload(
        jingkou,
        { entity: 'test_unit', entityId: unit, docType: 'virus' },
        { name: 'a.pdf', data: PDF },
      );
      expect(badType.statusCode).toBe(400);
    });

    it('enforces the size limit while streaming and keeps nothing', async () => {
      const unit = await t.unitId('jingkou');
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await upload(
        jingkou,
        { entity: 'test_unit', entityId: unit, docType: 'evidence' },
        { name: 'big.pdf', data: big },
      );
      expect(res.statusCode).toBe(413);
      const tmp = path.join(dataDir, 'attachments', 'tmp');
      expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
    });

    it('rejects path tricks in ids', async () => {
      for (const id of ['..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', '%00']) {
        const res = await t.call(jingkou, 'GET', `/api/v1/attachments/${id}/content`);
        expect([400, 404]).toContain(res.statusCode);
      }
    });
  });
}
