import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, login, screenshot, startServer, type E2eServer } from './support';

/** The demo city's published 2024 figures (PRODUCT.md "Demo figures"), as the dashboard prints them. */
const HEADLINES: Array<[code: string, value: string, unit: string, yoy?: string]> = [
  ['signed_major_investment', '2300.0', '亿元', '+40%'],
  ['new_hitech_enterprises', '560', '家'],
  ['new_unicorns', '2', '家'],
  ['new_gazelles', '28', '家'],
  ['new_specialized_smes', '197', '家'],
];

const card = (page: Page, code: string) => page.locator(`[data-testid="headline-card"][data-code="${code}"]`);

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Pick the year in the selector (exercises the control, not just the URL). */
async function chooseYear(page: Page, year: number) {
  await page.getByTestId('dashboard-year').click();
  await page
    .locator('.ant-select-item-option', { hasText: `${year}` })
    .first()
    .click();
  await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(year));
}

async function checkHeadlines(page: Page) {
  for (const [code, value, unit, yoy] of HEADLINES) {
    const c = card(page, code);
    await c.scrollIntoViewIfNeeded();
    await expect.poll(() => c.getByTestId('card-value').textContent(), { timeout: 60_000 }).toBe(value);
    expect(await c.isVisible()).toBe(true);
    expect(await c.textContent()).toContain(unit);
    if (yoy) expect(await c.getByTestId('card-yoy').textContent()).toContain(yoy);
  }
}

/**
 * 驾驶舱 as a city leader: the year's headline figures (the demo's published ones) at 1366 px and on a 390-px phone,
 * every figure opening the records behind it.
 */
describe.runIf(Boolean(CHROMIUM))('browser: the leadership dashboard', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows 2024’s figures at 1366 px and opens the records behind one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    onTestFailed(async () => void (await screenshot(page, 'dashboard-failed-desktop')));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.url, 'leader');

    // The menu leads there; the year selector picks 2024.
    await page.getByTestId('main-menu').getByText('驾驶舱').click();
    await page.waitForURL(/\/dashboard/);
    await page.getByTestId('headline-cards').waitFor();
    await chooseYear(page, 2024);
    await checkHeadlines(page);
    for (const chart of ['chart-funnel', 'chart-regions', 'chart-trend', 'chart-lights', 'chart-tiers'])
      await expect.poll(() => page.getByTestId(chart).locator('canvas').count()).toBeGreaterThan(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-desktop');

    // 2300.0亿元 opens its 146 signings (哈汽 among them); one of them opens in the project ledger.
    await card(page, 'signed_major_investment').click();
    const drawer = page.locator('.ant-drawer-content', { has: page.getByTestId('drill-records') });
    await drawer.waitFor();
    await expect
      .poll(() => drawer.getByTestId('drill-total').textContent(), { timeout: 60_000 })
      .toContain('146');
    await expect.poll(() => drawer.getByTestId('drill-record').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-drill');
    const first = drawer.getByTestId('drill-record').first().locator('a').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL(/\/projects\/[^/?]+/);
    await expect.poll(() => page.getByTestId('project-title').textContent(), { timeout: 60_000 }).toBe(name);

    // A chart's data point drills too: the top band of the stage funnel is the leads (线索).
    await page.goBack();
    await page.getByTestId('headline-cards').waitFor();
    const funnel = page.getByTestId('chart-funnel').locator('canvas').first();
    await funnel.scrollIntoViewIfNeeded();
    const box = (await funnel.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 20);
    await expect
      .poll(() => page.locator('.ant-drawer-title').last().textContent(), { timeout: 60_000 })
      .toContain('线索');
    await expect.poll(() => page.getByTestId('drill-record').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    // … and so does the overdue-problem count.
    await page.getByTestId('overdue-all').click();
    await expect.poll(() => page.getByTestId('drill-record').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('works on a 390-px phone: cards stack, charts fit, figures open', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    onTestFailed(async () => void (await screenshot(page, 'dashboard-failed-phone')));
    await login(page, server.url, 'leader');
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('headline-cards').waitFor();
    await chooseYear(page, 2024);
    await checkHeadlines(page);
    // Two cards a row, inside the screen; the charts no wider than it.
    const boxes = await page
      .getByTestId('headline-card')
      .evaluateAll((els) =>
        els
          .slice(0, 2)
          .map((e) => e.getBoundingClientRect().toJSON() as { x: number; width: number; y: number }),
      );
    expect(boxes[0]!.y).toBe(boxes[1]!.y);
    expect(boxes[1]!.x + boxes[1]!.width).toBeLessThanOrEqual(390);
    const chartWidth = await page.getByTestId('chart-trend').evaluate((e) => e.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(390);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard-phone');

    await card(page, 'new_unicorns').click();
    await expect
      .poll(() => page.getByTestId('drill-total').textContent(), { timeout: 60_000 })
      .toContain('2');
    await expect.poll(() => page.getByTestId('drill-record').count()).toBe(2);
    await screenshot(page, 'dashboard-phone-drill');
  });
});
