import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The Chromium the tests drive: `BPNET_CHROMIUM` if set, else the distribution's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.BPNET_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Launches headless Chromium through playwright-core (which downloads no browser: it drives an installed one).
 * @throws Error naming the path and the variable to set when no executable is there.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `browser tests: no Chromium at ${executablePath}; install it (apt-get install chromium) ` +
        'or set BPNET_CHROMIUM to its executable',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page and what went wrong in it: console messages of type `error` and uncaught exceptions. */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console error and page error so far, in order, each prefixed with where it came from. */
  readonly errors: string[];
}

/**
 * Opens `url` in a fresh browser context (its own storage and downloads) and records the page's console errors
 * and uncaught exceptions, the worker's included (Chromium reports a dedicated worker's uncaught errors on the page).
 * `initScript`, if given, runs in the page before any of its own scripts.
 */
export async function openWatchedPage(browser: Browser, url: string, initScript?: () => void): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  if (initScript !== undefined) await page.addInitScript(initScript);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const { url: source, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${source ? ` (${source}:${lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker console.error: ${message.text()}`);
    });
  });
  await page.goto(url);
  return { context, page, errors };
}
