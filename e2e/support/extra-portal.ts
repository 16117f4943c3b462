import { spawn } from 'node:child_process';
import { portalTestEnv } from './portal-env';

/**
 * Another `next start` of the same build, for tests about several instances or about faults. It uses
 * the suite's configuration with `env` on top, and is stopped by the returned function.
 */
export async function startExtraPortal(port: number, env: Record<string, string> = {}) {
  const url = `http://localhost:${port}`;
  const child = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...portalTestEnv, AUTH_URL: url, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The extra portal on ${port} exited: ${errors}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status < 500 || Date.now() > deadline) break;
    } catch {
      if (Date.now() > deadline) throw new Error(`The extra portal on ${port} did not start: ${errors}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
