import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app';
import { openFromConfig, prepareDatabase } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';

export const CHROMIUM = process.env.GONGJIAN_CHROMIUM;
export const E2E_PASSWORD = 'Demo-Passw0rd!';
export const SHOTS = path.resolve(__dirname, '../test-results/screenshots');

export type E2eServer = { url: string; dataDir: string; close(): Promise<void> };

/** The real server (built web UI, demo city, fresh SQLite in a temp DATA_DIR) on a free port. */
export async function startServer(): Promise<E2eServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    GONGJIAN_DEMO_PASSWORD: E2E_PASSWORD,
    GONGJIAN_JOBS: 'off',
    LOGIN_RATE_PER_MINUTE: '1000',
  });
  const database = openFromConfig(config);
  await prepareDatabase(database, config, () => {});
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function login(page: Page, baseUrl: string, username: string, password = E2E_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"], #username').first().fill(username);
  await page.locator('input[name="password"], #password').first().fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
