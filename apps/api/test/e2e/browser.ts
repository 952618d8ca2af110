import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const WEB_APP_DIR = resolve(__dirname, '../../../../dist/apps/web');
export const SCREENSHOT_DIR = resolve(__dirname, '../../../../tmp/web-e2e/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web app once when dist has none (CI builds it in `npm run build`). */
export function ensureWebAppBuilt(): void {
  if (existsSync(join(WEB_APP_DIR, 'index.html'))) return;
  execFileSync(
    process.execPath,
    [require.resolve('vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.mts'],
    {
      cwd: resolve(__dirname, '../../../..'),
      stdio: 'inherit',
    },
  );
}

export async function launchChromium(): Promise<Browser> {
  // A new, throwaway user-data-dir per launch is playwright's own doing (it refuses the flag).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
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

/** A separate browser context (its own storage: its own session) per person. */
export async function personPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') browserLog.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => browserLog.push(`pageerror: ${e.message}`));
  pages.push(page);
  return { context, page };
}

/** Console errors of every page, printed when a test fails. */
export const browserLog: string[] = [];
const pages: Page[] = [];

/** Runs `body`; on failure saves a screenshot of every open page and prints the browsers' errors. */
export async function withEvidence(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    let i = 0;
    for (const p of pages) {
      if (p.isClosed()) continue;
      i += 1;
      await p
        .screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${name}-${i}.png`) })
        .catch(() => undefined);
      browserLog.push(
        `page ${i} ${p.url()}: ${(
          await p
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 1500)}`,
      );
    }
    process.stderr.write(`${browserLog.join('\n')}\n`);
    throw error;
  }
}

export interface AxeSummary {
  screen: string;
  serious: number;
  critical: number;
  violations: string[];
}

export const axeResults: AxeSummary[] = [];

/** axe-core on the page as it is (WCAG 2.1 A/AA); records the result and the screenshot; throws on a serious or critical violation. */
export async function checkScreen(page: Page, screen: string): Promise<AxeSummary> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${screen}.png`), fullPage: false });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary: AxeSummary = {
    screen,
    serious: result.violations.filter((v) => v.impact === 'serious').length,
    critical: result.violations.filter((v) => v.impact === 'critical').length,
    violations: result.violations.map(
      (v) =>
        `${v.impact}: ${v.id} (${v.nodes.length}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
  };
  axeResults.push(summary);
  if (summary.serious + summary.critical > 0) {
    throw new Error(
      `axe: ${screen} has serious or critical violations:\n${summary.violations.join('\n')}`,
    );
  }
  return summary;
}
