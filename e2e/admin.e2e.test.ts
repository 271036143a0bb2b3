import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchBrowser, login, screenshot, startServer, type E2eServer } from './support';

describe.runIf(Boolean(CHROMIUM))('browser: the demo admin manages users', () => {
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

  it('logs in, opens the users page, sees the demo users, and the page renders Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, server.url, 'admin');
    await page.goto(`${server.url}/admin/users`);
    const table = page.getByTestId('users-table');
    await table.waitFor();
    await expect.poll(async () => table.textContent(), { timeout: 15_000 }).toContain('jingkou');
    expect(await table.textContent()).toContain('京口区');
    const file = await screenshot(page, 'users');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });

  it('works on a 390-px-wide phone without horizontal overflow of the shell', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await login(page, server.url, 'admin');
    await page.goto(`${server.url}/admin/users`);
    await page.getByTestId('users-table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'users-phone');
  });
});
