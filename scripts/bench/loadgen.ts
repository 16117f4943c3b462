/** Runs the load generator (scripts/bench/load.ts) as a separate process and reads its result. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadRequest, LoadResult, LoadSpec } from './load';
import { PORTAL_ORIGIN, ROOT } from './config';
import { run } from './support';

export type { LoadRequest, LoadResult };

export async function runLoad(options: Omit<LoadSpec, 'origin' | 'timeoutSeconds'> & { origin?: string; timeoutSeconds?: number }): Promise<LoadResult> {
  const spec: LoadSpec = { origin: PORTAL_ORIGIN, timeoutSeconds: 10, ...options };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-'));
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(spec));
  try {
    const output = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'load.ts'), file], { cwd: ROOT, env: process.env });
    const line = output.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
    if (!line) throw new Error(`the load generator printed no result:\n${output.slice(-2000)}`);
    return JSON.parse(line) as LoadResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the server has worked off what the last run left in flight (a load generator that stops
 * drops its open requests, but the server still answers them): three health checks in a row under
 * 100 ms, or 60 s at most.
 */
export async function waitForIdle(origin = PORTAL_ORIGIN): Promise<void> {
  const deadline = Date.now() + 60_000;
  let fast = 0;
  while (Date.now() < deadline && fast < 3) {
    const started = performance.now();
    try {
      await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(10_000) });
      fast = performance.now() - started < 100 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
