import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, login, screenshot as shoot, startServer, type E2eServer } from './support';

/** A full-page screenshot from the top (a scrolled page would capture the sticky header mid-page). */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  return shoot(page, name);
}

/** A minimal but well-formed one-page PDF (header, catalog, pages, page, xref with exact offsets, trailer). */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The text box of an antd input carrying a test id (on the input itself or on its wrapper). */
const boxOf = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

/** The demo task the 市商务局 leads: delayed, with pending milestones and a monthly report due every month. */
const TASK_CODE = 'ZJGG-2025-025';
const TASK_TITLE = '建立企业诉求“一站式”受理平台';
const LEAD_UNIT = '市商务局';

/** The unit's score on the 考核 page of a month (the first cell that reads as a number after the unit's name). */
async function unitScore(page: Page, baseUrl: string, month: string): Promise<number> {
  await page.goto(`${baseUrl}/reform/scores?period=${month}`);
  const row = page.getByTestId('unit-scores').locator('tbody tr', { hasText: LEAD_UNIT }).first();
  await row.waitFor({ timeout: 60_000 });
  return Number(await row.getByTestId('unit-score').textContent());
}

/**
 * The reform office's monthly loop, in the browser, on the real server (demo city, fresh SQLite): the lead unit
 * (商务局, user 'commerce') writes its report with an evidence file and submits it → the reform office ('reform')
 * returns it with a comment → the unit sees the comment, corrects and resubmits → the office accepts, verifies and
 * closes the milestones and the task → the unit's score on the 考核 page goes up.
 */
describe.runIf(Boolean(CHROMIUM))('browser: the reform task loop', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let taskPath = '';
  let month = '';
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const as = async (username: string, width = 1366): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    onTestFailed(async () => void (await screenshot(page, `reform-failed-${username}`)));
    await login(page, server.url, username);
    return page;
  };

  const openReports = async (page: Page) => {
    await page.goto(`${server.url}${taskPath}?tab=reports&period=${month}`);
    await page.getByTestId('task-title').waitFor();
  };

  it('submit with evidence → return → resubmit → verify and close → the score updates', async () => {
    const office = await as('reform');
    // The month the report is for: the current month, as the server's clock has it (Asia/Shanghai).
    month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const scoreBefore = await unitScore(office, server.url, month);
    expect(Number.isFinite(scoreBefore)).toBe(true);

    // ① The lead unit finds its task in the ledger.
    const unit = await as('commerce');
    await unit.goto(`${server.url}/reform/tasks`);
    await boxOf(unit, 'reform-search').fill(TASK_CODE);
    await boxOf(unit, 'reform-search').press('Enter');
    await unit.getByTestId('reform-task-link').filter({ hasText: TASK_TITLE }).first().click();
    await unit.waitForURL(/\/reform\/tasks\/[^/?]+/);
    taskPath = new URL(unit.url()).pathname;
    await expect.poll(() => unit.getByTestId('task-title').textContent()).toBe(TASK_TITLE);
    await expect
      .poll(() => unit.getByTestId('reform-status').first().getAttribute('data-status'))
      .toBe('delayed');
    await screenshot(unit, 'reform-task-overview');

    // ② It writes this month's report: progress, every pending milestone and the task declared done.
    await unit.getByRole('tab', { name: '进展报告' }).click();
    await unit.getByTestId('report-period').filter({ hasText: month }).first().click();
    const editor = unit.getByTestId('report-editor');
    await editor.waitFor();
    await unit
      .getByTestId('report-progress')
      .fill('企业诉求“一站式”受理平台已上线运行，12345 热线、网站、园区服务站诉求统一受理、分办督办。');
    await boxOf(unit, 'report-pct').fill('100');
    const milestones = unit.getByTestId('report-milestones').locator('input[type="checkbox"]');
    const pending = await milestones.count();
    expect(pending).toBeGreaterThan(0);
    for (let i = 0; i < pending; i++) {
      await milestones.nth(i).click();
      await expect.poll(() => milestones.nth(i).isChecked()).toBe(true);
    }
    await unit.getByTestId('report-task-completed').click();
    await unit.getByTestId('report-save-draft').click();

    // ③ The draft exists: attach the evidence to it, then submit.
    await expect.poll(() => editor.getByTestId('attachment-uploader').count(), { timeout: 60_000 }).toBe(1);
    await editor.getByTestId('attachment-uploader').locator('input[type="file"]').setInputFiles({
      name: '企业诉求受理平台上线通知.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf(),
    });
    await expect
      .poll(() => editor.getByTestId('attachments-table').textContent(), { timeout: 60_000 })
      .toContain('企业诉求受理平台上线通知.pdf');
    await unit.getByTestId('report-save-submit').click();
    const view = unit.getByTestId('report-view');
    await expect.poll(() => view.getAttribute('data-report-status'), { timeout: 60_000 }).toBe('submitted');
    await screenshot(unit, 'reform-report-submitted');

    // ④ The reform office sees it waiting in its to-do list and returns it with a comment.
    await office.goto(`${server.url}/todo`);
    await expect
      .poll(() => office.locator('[data-testid="todo-group"][data-kind="report_to_review"]').textContent())
      .toContain(TASK_TITLE);
    await openReports(office);
    await expect
      .poll(() => office.getByTestId('report-view').getAttribute('data-report-status'))
      .toBe('submitted');
    await expect
      .poll(() => office.getByTestId('attachments-table').textContent())
      .toContain('企业诉求受理平台上线通知.pdf');
    await office.getByTestId('report-return').click();
    await office.getByTestId('return-comment-input').fill('请补充平台上线运行的正式通知和首月受理数据截图。');
    await office.getByRole('button', { name: '退回' }).last().click();
    await expect
      .poll(() => office.getByTestId('report-view').getAttribute('data-report-status'))
      .toBe('returned');

    // ⑤ The unit reads the comment, adds what was asked and resubmits.
    await unit.goto(`${server.url}/todo`);
    await expect
      .poll(() => unit.locator('[data-testid="todo-group"][data-kind="report_returned"]').textContent())
      .toContain(TASK_TITLE);
    await openReports(unit);
    await expect.poll(() => unit.getByTestId('return-comment').textContent()).toContain('首月受理数据截图');
    await screenshot(unit, 'reform-report-returned');
    await unit.getByTestId('report-edit').click();
    await unit.getByTestId('report-outcomes').fill('首月受理企业诉求 326 件，按期办结率 97%。');
    await unit.getByTestId('report-save-submit').click();
    await expect
      .poll(() => unit.getByTestId('report-view').getAttribute('data-report-status'), { timeout: 60_000 })
      .toBe('resubmitted');

    // ⑥ The office accepts the report, verifies each milestone against it and closes the task.
    await openReports(office);
    await office.getByTestId('report-accept').click();
    await expect
      .poll(() => office.getByTestId('report-view').getAttribute('data-report-status'))
      .toBe('accepted');
    await office.getByRole('tab', { name: '节点' }).click();
    await office.getByTestId('milestones').waitFor();
    const verify = office.getByTestId('milestone-verify');
    await expect.poll(() => verify.count()).toBe(pending);
    for (let left = pending; left > 0; left--) {
      await verify.first().click();
      await office.getByRole('dialog').getByTestId('verify-ok').click();
      await expect.poll(() => verify.count()).toBe(left - 1);
    }
    await expect
      .poll(async () => {
        const states = await office
          .getByTestId('milestone-status')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
        return states.every((s) => s === 'closed');
      })
      .toBe(true);
    await office.getByTestId('task-verify').click();
    await office.getByRole('dialog').getByTestId('verify-comment').fill('佐证材料齐全，同意销号。');
    await office.getByRole('dialog').getByTestId('verify-ok').click();
    await expect
      .poll(() => office.getByTestId('reform-status').first().getAttribute('data-status'))
      .toBe('closed');
    await office.getByRole('tab', { name: '记录' }).click();
    await expect.poll(() => office.getByTestId('task-events').textContent()).toContain('任务核验销号');
    await screenshot(office, 'reform-task-closed');

    // ⑦ The 考核 page: the unit's score for the month went up.
    const scoreAfter = await unitScore(office, server.url, month);
    expect(scoreAfter).toBeGreaterThan(scoreBefore);
    await expect.poll(() => office.getByTestId('score-method').textContent()).toContain('完成率');
    await screenshot(office, 'reform-scores');

    // The monthly board shows the report as accepted.
    await office.goto(`${server.url}/reform/periods/${month}/board`);
    await expect
      .poll(() =>
        office.getByTestId('board-table').locator('tr', { hasText: TASK_TITLE }).first().textContent(),
      )
      .toContain('已审核');

    expect(errors).toEqual([]);
  }, 180_000);

  it('the ledger and the task work on a 390-px phone', async () => {
    const phone = await as('commerce', 390);
    await phone.goto(`${server.url}${taskPath}?tab=reports&period=${month}`);
    await expect
      .poll(() => phone.getByTestId('report-view').getAttribute('data-report-status'))
      .toBe('accepted');
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(phone, 'reform-task-phone');
    await phone.goto(`${server.url}/reform/tasks`);
    await phone.getByTestId('reform-tasks-table').waitFor();
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(phone, 'reform-ledger-phone');
  });
});
