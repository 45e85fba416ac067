import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium fonts-noto-cjk`); playwright-core ships no browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** Every page dialog (alert, confirm…) any page opened: an XSS test expects none. */
  dialogs: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches headless chromium with a fresh profile (its own --user-data-dir, deleted on close).
 * Only `allowedOrigin` is reachable: any other request (a feed's image, a title link) is aborted,
 * so a test never touches the network. Throws with the install command when chromium is missing.
 */
export async function launchTestBrowser(options: {
  allowedOrigin: string;
  viewport?: { width: number; height: number };
}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium fonts-noto-cjk\` (or set CHROMIUM_PATH)`,
    );
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sift-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const dialogs: string[] = [];
  context.on('page', (page) => watchDialogs(page, dialogs));
  for (const page of context.pages()) watchDialogs(page, dialogs);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(options.allowedOrigin) ? route.continue() : route.abort('blockedbyclient');
  });
  return {
    context,
    dialogs,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function watchDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
}
