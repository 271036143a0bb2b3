import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, SHOTS, launchBrowser, login, screenshot, startServer, type E2eServer } from './support';

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

/** A ledger as a clerk keeps it: one good row, one with a malformed project code and an impossible date. */
async function ledgerWithErrors(name: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  ws.addRow([
    '项目名称',
    '投资项目代码',
    '所在县区',
    '责任单位',
    '项目级别',
    '项目类别',
    '协议投资额（万元）',
    '计划签约日期',
  ]);
  ws.addRow([`${name}-甲`, '', '京口区', '镇江市发展和改革委员会', '市重大', '产业类', 12000, '2024.3.5']);
  ws.addRow([
    `${name}-乙`,
    'ABC-123',
    '京口区',
    '镇江市发展和改革委员会',
    '市重大',
    '产业类',
    8000,
    '2024-13-45',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The text box of an antd input carrying a test id (on the input itself or on its wrapper). */
const boxOf = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

/** Screenshot once nothing on the page is loading any more. */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), undefined, {
    timeout: 15_000,
  });
  return screenshot(page, name);
}

const noHorizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.runIf(Boolean(CHROMIUM))('browser: a DRC clerk keeps the major-project ledger', () => {
  let server: E2eServer;
  let browser: Browser;
  let projectPath = '';
  let meetingPath = '';
  const stamp = Date.now().toString(36).slice(-5);
  const projectName = `E2E轻量化铝构件扩产项目${stamp}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a project, signs it with an attached agreement, and watches its light change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    onTestFailed(
      async () => void (await screenshot(page, `failed-${expect.getState().currentTestName?.slice(-20)}`)),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.url, 'drc');

    // The ledger lists the demo city's projects.
    await page.goto(`${server.url}/projects`);
    const table = page.getByTestId('projects-table');
    await table.waitFor();
    await expect.poll(async () => table.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await shot(page, 'projects-list');

    // New project: a bad project code is refused as it is typed.
    await page.getByTestId('project-create').click();
    const form = page.getByTestId('project-form');
    await form.waitFor();
    await page.getByTestId('project-name').fill(projectName);
    await page.getByTestId('project-code').fill('ABC-123');
    await expect.poll(() => form.textContent()).toContain('投资项目代码格式不正确');
    await page.getByTestId('project-code').fill('');
    await page.locator('#responsibleUnitId').click();
    await page.locator('#responsibleUnitId').fill('发展和改革');
    await page
      .locator('.ant-select-tree-node-content-wrapper', { hasText: '镇江市发展和改革委员会' })
      .first()
      .click();
    await page.locator('#regionCode').click();
    await page.locator('.ant-select-item-option', { hasText: '京口区' }).first().click();
    await boxOf(page, 'agreed-investment').fill('52000');
    await page.getByTestId('project-save').click();
    await page.waitForURL(/\/projects\/[^/?]+/, { timeout: 60_000 });
    projectPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('project-title').textContent()).toBe(projectName);

    // 签约 needs the investment agreement: upload it in the confirm dialog and confirm.
    await page.getByRole('tab', { name: '节点' }).click();
    await expect.poll(() => page.getByTestId('milestone-signed').textContent()).toContain('需上传：投资协议');
    await page.getByTestId('confirm-signed').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '确认节点' });
    await dialog.waitFor();
    await dialog.locator('input[type=file]').setInputFiles({
      name: '投资协议.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf(),
    });
    const option = dialog.getByTestId('evidence-option').first();
    await option.waitFor({ timeout: 60_000 });
    await expect.poll(() => option.locator('input[type=checkbox]').isChecked()).toBe(true);
    await dialog.getByTestId('confirm-milestone-ok').click();
    await expect
      .poll(() => page.getByTestId('project-header').getByTestId('stage-tag').textContent(), {
        timeout: 20_000,
      })
      .toBe('签约');
    await expect.poll(() => page.getByTestId('milestone-signed').getAttribute('data-status')).toBe('done');
    const lightTag = page.getByTestId('project-header').getByTestId('light-tag');
    const before = await lightTag.getAttribute('data-light');
    expect(before === 'green' || before === 'none').toBe(true);

    // An annual plan of 1亿 and last month far behind its time-sequenced target.
    await page.getByRole('tab', { name: '月度进展' }).click();
    await page.getByTestId('plan-edit').click();
    await boxOf(page, 'plan-amount').fill('10000');
    await page.getByTestId('plan-save').click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await page.getByTestId('monthly-add').click();
    await boxOf(page, 'monthly-amount').fill('100');
    await page.getByTestId('monthly-save').click();
    await expect
      .poll(() => page.getByTestId('monthly-table').locator('tbody tr.ant-table-row').count())
      .toBe(1);

    // The light follows the data: recomputed on change, else by the 重新计算 button of the 亮灯 tab (which the
    // DRC clerk holds); the tab then explains the light with the rule that fired and its figures.
    await page.reload();
    const headerLight = () =>
      page.getByTestId('project-header').getByTestId('light-tag').getAttribute('data-light');
    await page.getByRole('tab', { name: '亮灯' }).click();
    await page.getByTestId('light-history').waitFor();
    if (await page.getByText('尚无生效的亮灯规则集').isVisible()) {
      // A city without an active rule set: the clerk (ruleset:manage) activates the built-in one on 亮灯规则,
      // which recomputes every light.
      console.warn('e2e: no active light rule set in the demo city; activating the default from 亮灯规则');
      await page.goto(`${server.url}/light-rules`);
      await page.getByTestId('rule-sets-table').waitFor();
      await page.getByTestId('rule-set-activate').first().click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect.poll(() => page.getByTestId('rule-sets-table').textContent()).toContain('生效中');
      await shot(page, 'light-rules');
      await page.goto(`${server.url}${projectPath}?tab=lights`);
      await page.getByTestId('light-history').waitFor();
    }
    if (!/^(yellow|red)$/.test((await headerLight()) ?? '')) {
      console.warn(
        'e2e: the light did not follow the monthly report by itself; recomputing from the 亮灯 tab',
      );
      await page.getByTestId('lights-recompute').click();
    }
    await expect.poll(headerLight, { timeout: 60_000 }).toMatch(/^(yellow|red)$/);
    await page.getByTestId('fired-rule').first().waitFor();
    expect(await page.getByTestId('fired-rule').first().textContent()).toContain('时序进度');
    await page.getByTestId('project-header').getByTestId('light-tag').hover();
    await page.getByTestId('light-explanation').waitFor();
    expect(await page.getByTestId('light-explanation').textContent()).toContain('时序进度');
    await shot(page, 'project-lights');
    await page.mouse.move(1300, 880); // close the tooltip
    await page.getByTestId('light-explanation').waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '概览' }).click();
    await shot(page, 'project-detail');
    await page.getByRole('tab', { name: '节点' }).click();
    await shot(page, 'project-timeline');
    await page.getByRole('tab', { name: '月度进展' }).click();
    await page.getByTestId('monthly-chart').locator('canvas').waitFor();
    await page.waitForTimeout(800); // the chart's entry animation
    await shot(page, 'project-monthly');
    await page.getByRole('tab', { name: '附件' }).click();
    await expect.poll(() => page.getByTestId('attachments-table').textContent()).toContain('投资协议.pdf');
    await page.getByRole('tab', { name: '变更记录' }).click();
    await page.getByTestId('project-history').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('project-history').locator('.ant-table-row-expand-icon').first().click();
    await shot(page, 'project-history');
    expect(errors).toEqual([]);
  }, 240_000);

  it('raises a problem on the project and runs a dispatch meeting whose agenda holds it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    onTestFailed(async () => void (await shot(page, 'failed-problem-meeting')));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.url, 'drc');

    // 问题: raised on the project, assigned at once to an owner unit with a deadline.
    await page.goto(`${server.url}${projectPath}?tab=problems`);
    await page.getByRole('button', { name: '提出问题' }).click();
    const raise = page.locator('.ant-modal').filter({ hasText: '提出问题' });
    await raise.waitFor();
    await raise.locator('#category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await raise.locator('#title').fill('用地指标尚未落实，影响供地');
    await raise.locator('#ownerUnitId').click();
    await raise.locator('#ownerUnitId').fill('自然资源');
    const nr = page.locator('.ant-select-tree-node-content-wrapper:visible').first();
    if (await nr.count()) await nr.click();
    else {
      await raise.locator('#ownerUnitId').fill('发展和改革');
      await page.locator('.ant-select-tree-node-content-wrapper:visible').first().click();
    }
    await raise.locator('#dueOn').fill('2030-06-30');
    await raise.locator('#dueOn').press('Enter');
    await raise.getByRole('button', { name: /确\s*定|OK/ }).click();
    const problemLink = page.getByRole('link', { name: '用地指标尚未落实，影响供地' });
    await problemLink.waitFor({ timeout: 60_000 });
    await problemLink.click();
    await page.waitForURL(/\/problems\?id=/);
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('problem-events').waitFor({ timeout: 60_000 });
    expect(await drawer.getByTestId('problem-status').textContent()).toContain('已交办');
    await shot(page, 'problem-drawer');

    // 调度会: the agenda is built from red and yellow projects; our red project is on it.
    await page.goto(`${server.url}/meetings`);
    await page.getByTestId('meeting-create').click();
    const create = page.locator('.ant-modal').filter({ hasText: '新建调度会' });
    await create.waitFor();
    await create.getByRole('button', { name: '创建并生成议程' }).click();
    await page.waitForURL(/\/meetings\/[^/?]+/, { timeout: 30_000 });
    meetingPath = new URL(page.url()).pathname;
    const agenda = page.getByTestId('meeting-agenda');
    await agenda.waitFor();
    expect(await agenda.textContent()).toContain('滞后预警');
    expect(await agenda.textContent()).toContain('需协调');
    await shot(page, 'meeting-detail');
    await boxOf(page, 'agenda-find').fill(projectName);
    await expect.poll(() => agenda.textContent(), { timeout: 60_000 }).toContain(projectName);

    // 议定事项 → a problem with owner and deadline.
    await page.getByTestId('decision-add').click();
    const decide = page.locator('.ant-modal').filter({ hasText: '添加议定事项' });
    await decide.locator('#title').fill('市自然资源局月底前完成用地预审');
    await decide.locator('#ownerUnitId').click();
    await decide.locator('#ownerUnitId').fill('发展和改革');
    await page.locator('.ant-select-tree-node-content-wrapper:visible').first().click();
    await decide.locator('#dueOn').fill('2030-12-31');
    await decide.locator('#dueOn').press('Enter');
    await decide.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect
      .poll(() => page.getByRole('link', { name: '市自然资源局月底前完成用地预审' }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bulletin-docx').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    await shot(page, 'meeting-decision');
    expect(errors).toEqual([]);
  }, 180_000);

  it('imports a ledger with errors, lists them, and hands back the annotated workbook', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    onTestFailed(
      async () => void (await screenshot(page, `failed-${expect.getState().currentTestName?.slice(-20)}`)),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.url, 'drc');
    await page.goto(`${server.url}/projects`);
    await page.getByTestId('projects-table').waitFor();
    // A saved view keeps the filters: save 红灯 in 京口区, clear, pick it again.
    await page.goto(`${server.url}/projects?light=red&regionCode=321102`);
    await page.getByTestId('projects-table').waitFor();
    await page.getByRole('button', { name: '保存当前筛选为视图' }).click();
    const save = page.locator('.ant-modal').filter({ hasText: '保存当前筛选为视图' });
    await save.locator('input').fill('京口区红灯项目');
    await save.getByRole('button', { name: /确\s*定|OK/ }).click();
    await save.waitFor({ state: 'hidden' });
    await page.goto(`${server.url}/projects`);
    await page.getByTestId('saved-views').click();
    await page.locator('.ant-select-item-option', { hasText: '京口区红灯项目' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('light')).toBe('red');
    expect(new URL(page.url()).searchParams.get('regionCode')).toBe('321102');
    await expect.poll(() => page.getByTestId('projects-table').textContent()).toContain(projectName);

    // Export downloads the filtered ledger as a workbook.
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('project-export').click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByTestId('project-import').click();
    const wizard = page.locator('.ant-modal').filter({ hasText: '导入项目台账' });
    await wizard.waitFor();
    await wizard.locator('input[type=file]').setInputFiles({
      name: '项目台账-有错误.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await ledgerWithErrors(`E2E导入${stamp}`),
    });
    await wizard.getByTestId('import-dry-run').click();
    const list = wizard.getByTestId('import-errors');
    await list.waitFor({ timeout: 30_000 });
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('投资项目代码');
    expect(text).toContain('计划签约日期');
    expect(await wizard.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot(page, 'import-errors');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      wizard.getByTestId('import-annotated').click(),
    ]);
    const file = path.join(SHOTS, 'annotated.xlsx');
    fs.mkdirSync(SHOTS, { recursive: true });
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('项目台账') ?? wb.worksheets[0]!;
    const noteText = (c: ExcelJS.Cell) => {
      const n = c.note as unknown;
      if (!n) return '';
      if (typeof n === 'string') return n;
      return ((n as { texts?: { text: string }[] }).texts ?? []).map((x) => x.text).join('');
    };
    expect(noteText(ws.getCell('B3'))).toMatch(/ABC-123|代码/);
    expect(noteText(ws.getCell('H3'))).not.toBe('');
    expect(noteText(ws.getCell('A2'))).toBe('');
    expect(errors).toEqual([]);
  }, 120_000);

  it('speaks English when the user switches language', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    await page.addInitScript(() => window.localStorage.setItem('gongjian.lang', 'en'));
    await login(page, server.url, 'drc');
    await page.goto(`${server.url}${projectPath}?tab=lights`);
    await page.getByTestId('light-history').waitFor();
    expect(await page.getByRole('tab', { name: 'Monthly progress' }).count()).toBe(1);
    await page.goto(`${server.url}/projects`);
    await page.getByTestId('projects-table').waitFor();
    expect(await page.getByTestId('projects-table').textContent()).toContain('Agreed investment');
    await shot(page, 'projects-list-en');
  }, 60_000);

  it('works on a 390-px-wide phone: list, detail and import errors', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await login(page, server.url, 'drc');
    await page.goto(`${server.url}/projects`);
    await page.getByTestId('projects-table').waitFor();
    await expect
      .poll(async () => page.getByTestId('projects-table').locator('tbody tr').count())
      .toBeGreaterThan(0);
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'projects-list-phone');
    await page.getByTestId('filter-open').click();
    await page.locator('.ant-drawer-open').filter({ hasText: '筛选条件' }).waitFor();
    await page.waitForTimeout(600); // let the drawer finish sliding in
    await shot(page, 'projects-filters-phone');
    await page.locator('.ant-drawer-open').getByRole('button', { name: '完成' }).click();
    await page.getByTestId('project-create').click();
    await page.getByTestId('project-form').waitFor();
    await page.waitForTimeout(500); // the drawer's slide-in
    await shot(page, 'project-form-phone');
    await page
      .locator('.ant-drawer-open')
      .getByRole('button', { name: /取\s*消/ })
      .click();

    await page.goto(`${server.url}${projectPath}`);
    await page.getByTestId('project-title').waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'project-detail-phone');
    await page.getByRole('tab', { name: '节点' }).click();
    await page.getByTestId('project-timeline').waitFor();
    await shot(page, 'project-timeline-phone');

    await page.goto(`${server.url}/projects`);
    await page.getByTestId('project-import').click();
    const wizard = page.locator('.ant-modal').filter({ hasText: '导入项目台账' });
    await wizard.locator('input[type=file]').setInputFiles({
      name: 'ledger.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await ledgerWithErrors(`E2E手机${stamp}`),
    });
    await wizard.getByTestId('import-dry-run').click();
    await wizard.getByTestId('import-errors').waitFor({ timeout: 30_000 });
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'import-errors-phone');

    await page.goto(`${server.url}/problems`);
    await page.getByTestId('problems-table').waitFor();
    expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(1);
    await shot(page, 'problems-phone');
    if (meetingPath) {
      await page.goto(`${server.url}${meetingPath}`);
      await page.getByTestId('meeting-agenda').waitFor();
      expect(await noHorizontalOverflow(page)).toBeLessThanOrEqual(1);
      await shot(page, 'meeting-detail-phone');
    }
  }, 120_000);
});
