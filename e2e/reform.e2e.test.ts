import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_PASSWORD, startServer, type E2eServer } from './support';

/**
 * The reform office's monthly loop on the real server (demo city, fresh SQLite, real HTTP with cookies, CSRF
 * and multipart uploads): a unit submits a report with evidence → the reform office returns it → the unit
 * resubmits → it is verified and closed → the score updates.
 *
 * The reform screens (web/src/features/reform) do not exist yet, so this drives the same loop through the API
 * the screens will call; the browser version (Chromium clicking through the pages) is pending the UI.
 */
type Session = { cookie: string; csrf: string };

describe('reform loop over HTTP (browser test pending the reform UI)', () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const login = async (username: string): Promise<Session> => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: E2E_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('gj_session='))!
      .split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken };
  };
  const api = async (s: Session, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it('submit with evidence → return → resubmit → verify and close → the score updates', async () => {
    const reform = await login('reform');
    const commerce = await login('commerce');
    const me = await api(commerce, 'GET', '/api/v1/auth/me');
    const leadUnitId = me.body.data.unitId as string;
    const areas = (await api(reform, 'GET', '/api/v1/reform/areas')).body.data as Array<{
      id: string;
      name: string;
    }>;
    const area = areas.find((a) => a.name === '招商体制机制改革')!;

    // a task with a milestone due today, reporting monthly
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const created = await api(commerce, 'POST', '/api/v1/reform/tasks', {
      areaId: area.id,
      title: '建立招商项目首谈报备和流转闭环机制（端到端）',
      leadUnitId,
      startOn: `${month}-01`,
      dueOn: `${Number(month.slice(0, 4)) + 1}-12-31`,
      milestones: [{ title: '印发首谈报备办法', dueOn: today }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const task = created.body.data;
    const scoreOf = async () => {
      const s = (await api(reform, 'GET', `/api/v1/reform/scores?period=${month}`)).body.data;
      return s.tasks.find((x: { taskId: string }) => x.taskId === task.id);
    };
    const before = await scoreOf();

    // the unit drafts its report, uploads the evidence and submits
    const draft = await api(commerce, 'POST', `/api/v1/reform/tasks/${task.id}/reports`, {
      period: month,
      progressPct: 100,
      progress: '《招商项目首谈报备办法》已印发',
      completedMilestoneIds: [task.milestones[0].id],
      taskCompleted: true,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const reportId = draft.body.data.id as string;
    const form = new FormData();
    form.set('entity', 'reform_report');
    form.set('entityId', reportId);
    form.set('docType', 'policy_document');
    form.set(
      'file',
      new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], {
        type: 'application/pdf',
      }),
      '首谈报备办法.pdf',
    );
    const up = await fetch(`${server.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { cookie: commerce.cookie, 'x-csrf-token': commerce.csrf },
      body: form,
    });
    expect(up.status).toBe(201);
    const submitted = await api(commerce, 'POST', `/api/v1/reform/reports/${reportId}/submit`, {});
    expect(submitted.body.data).toMatchObject({
      status: 'submitted',
      evidence: [{ name: '首谈报备办法.pdf' }],
    });

    // the reform office sees it in its to-do list and returns it
    const todo = (await api(reform, 'GET', '/api/v1/todo')).body.data;
    expect(
      todo.items.some(
        (i: { kind: string; entityId: string }) => i.kind === 'report_to_review' && i.entityId === reportId,
      ),
    ).toBe(true);
    const returned = await api(reform, 'POST', `/api/v1/reform/reports/${reportId}/review`, {
      action: 'return',
      comment: '请附印发文件全文',
    });
    expect(returned.body.data.status).toBe('returned');
    expect(
      (await api(commerce, 'GET', '/api/v1/todo/counts')).body.data.byKind.report_returned,
    ).toBeGreaterThanOrEqual(1);

    // the unit resubmits; the office accepts, verifies the milestone and closes the task
    const resubmitted = await api(commerce, 'POST', `/api/v1/reform/reports/${reportId}/submit`, {});
    expect(resubmitted.body.data).toMatchObject({ status: 'resubmitted', submitCount: 2 });
    expect(
      (await api(reform, 'POST', `/api/v1/reform/reports/${reportId}/review`, { action: 'accept' })).body.data
        .status,
    ).toBe('accepted');
    expect(
      (
        await api(reform, 'POST', `/api/v1/reform/milestones/${task.milestones[0].id}/verify`, {
          result: 'pass',
        })
      ).status,
    ).toBe(200);
    const closed = await api(reform, 'POST', `/api/v1/reform/tasks/${task.id}/verify`, {
      result: 'pass',
      comment: '同意销号',
    });
    expect(closed.body.data.status).toBe('closed');

    const after = await scoreOf();
    expect(after.breakdown.completion).toBe(100);
    expect(after.facts.itemsDone).toBeGreaterThan(before.facts.itemsDone);
    // the evidence downloads through the access check, and not for another district
    const file = await fetch(`${server.url}${submitted.body.data.evidence[0].url}`, {
      headers: { cookie: commerce.cookie },
    });
    expect(file.status).toBe(200);
    const jingkou = await login('jingkou');
    expect(
      (
        await fetch(`${server.url}${submitted.body.data.evidence[0].url}`, {
          headers: { cookie: jingkou.cookie },
        })
      ).status,
    ).toBe(404);
  });
});
