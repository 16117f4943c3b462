/**
 * Benchmark 5, page weight: the JavaScript a first visit loads for the join page, the dashboard and
 * the invite pages, measured the way a browser sees it (Chromium loads each page in a fresh profile; the
 * Resource Timing entries of every same-origin script are summed, compressed as sent and decoded),
 * against a bare Next.js page: a one-line page built with the same next.config.mjs and Next version in
 * a throw-away project in the temp folder (its root layout has no CSS and no client component).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import { BARE_PORT, PORTAL_BROWSER_URL, ROOT, SESSION_COOKIE } from './config';
import { run, startProcess, stopProcess, waitForUrl } from './support';

export type PageWeight = { name: string; url: string; scripts: number; transferBytes: number; decodedBytes: number; htmlBytes: number; status: number };

// Outside the repository: inside it, Next would pick up the portal's own instrumentation.ts and proxy.ts.
// Its node_modules is a hard-linked copy of the portal's (same packages; Turbopack refuses a symlink that
// points out of the project), made in a few seconds and removed afterwards.
const BARE_DIR = path.join(os.tmpdir(), 'gatehouse-bench-bare');
// The copy's own next, so that the build and the page share one React.
const NEXT_BIN = path.join(BARE_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Writes and builds the bare comparison app; returns the seconds the build took. */
export async function buildBarePage(): Promise<number> {
  fs.rmSync(BARE_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(BARE_DIR, 'app'), { recursive: true });
  await run('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(BARE_DIR, 'node_modules')]);
  fs.writeFileSync(path.join(BARE_DIR, 'package.json'), JSON.stringify({ name: 'gatehouse-bench-bare', private: true, type: 'module' }, null, 2));
  fs.copyFileSync(path.join(ROOT, 'next.config.mjs'), path.join(BARE_DIR, 'next.config.mjs'));
  fs.writeFileSync(path.join(BARE_DIR, 'app', 'layout.jsx'), `export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`);
  fs.writeFileSync(path.join(BARE_DIR, 'app', 'page.jsx'), `export const dynamic = 'force-dynamic';\n\nexport default function Page() {\n  return <p>Hello</p>;\n}\n`);
  const started = performance.now();
  await run(process.execPath, [NEXT_BIN, 'build'], { cwd: BARE_DIR, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' } });
  return (performance.now() - started) / 1000;
}

export async function startBarePage(): Promise<ChildProcess> {
  const child = startProcess(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(BARE_PORT)], {
    cwd: BARE_DIR,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    name: 'bare next start',
  });
  await waitForUrl(`http://127.0.0.1:${BARE_PORT}/`, child, 60_000);
  return child;
}

export async function measurePageWeights(pages: { name: string; url: string; sessionToken?: string }[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const out: PageWeight[] = [];
  try {
    for (const page of pages) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      if (page.sessionToken) await context.addCookies([{ name: SESSION_COOKIE, value: page.sessionToken, url: PORTAL_BROWSER_URL, httpOnly: true, sameSite: 'Lax' }]);
      const tab = await context.newPage();
      const response = await tab.goto(page.url, { waitUntil: 'networkidle', timeout: 60_000 });
      const html = response ? (await response.body()).length : 0;
      const weights = await tab.evaluate(() => {
        const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (e) => e.initiatorType === 'script' && new URL(e.name).origin === location.origin && new URL(e.name).pathname.endsWith('.js'),
        );
        return {
          scripts: scripts.length,
          transferBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0),
          decodedBytes: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0),
        };
      });
      out.push({ name: page.name, url: page.url, ...weights, htmlBytes: html, status: response?.status() ?? 0 });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

export async function stopBarePage(child: ChildProcess): Promise<void> {
  await stopProcess(child);
  fs.rmSync(BARE_DIR, { recursive: true, force: true });
}
