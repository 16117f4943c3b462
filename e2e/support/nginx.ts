import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const EXAMPLE = path.join(process.cwd(), 'deploy/nginx/gatehouse.conf');
/** Response header naming the instance that answered (nginx's $upstream_addr); added by the test's wrapper only. */
export const UPSTREAM_HEADER = 'x-test-upstream';

/** Replaces the one line `pattern` matches; an example that no longer has it fails loudly instead of going untested. */
function replaceOnce(text: string, pattern: RegExp, replace: (match: RegExpMatchArray) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern, 'gm'))];
  if (matches.length !== 1) throw new Error(`deploy/nginx/gatehouse.conf: expected one line matching ${pattern}, found ${matches.length}; update e2e/support/nginx.ts`);
  return text.replace(new RegExp(pattern, 'm'), replace(matches[0]!));
}

/**
 * The shipped example with only what must differ on a test machine: the listen address and the
 * upstream servers (compose's service name becomes one line per instance, same parameters).
 */
function exampleSiteFor(listen: string, upstreams: string[]): string {
  let site = fs.readFileSync(EXAMPLE, 'utf8');
  site = replaceOnce(site, /^(\s*)listen 80;$/, ([, indent]) => `${indent}listen ${listen};`);
  site = replaceOnce(site, /^(\s*)server portal:3000( [^;\n]*)?;$/, ([, indent, parameters = '']) =>
    upstreams.map((upstream) => `${indent}server ${upstream}${parameters};`).join('\n'),
  );
  return site;
}

/** The main configuration: foreground, every path in `dir` (so it runs as root or not), then the example. */
function mainConfig(dir: string): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body_temp;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
  # Inherited by the example's location, which has no add_header of its own.
  add_header X-Test-Upstream $upstream_addr always;
  include ${dir}/gatehouse.conf;
}
`;
}

/** Debian's nginx with deploy/nginx/gatehouse.conf on 127.0.0.1:`port`, in front of `upstreams` (host:port). */
export async function startNginx(port: number, upstreams: string[]) {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx is not installed at ${NGINX}: install Debian's nginx (apt-get install nginx; bash .ci/run does) or set NGINX_PATH.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-nginx-'));
  // Started as root, nginx's workers run as nobody and must reach their temp directories in here.
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, 'gatehouse.conf'), exampleSiteFor(`127.0.0.1:${port}`, upstreams));
  fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
  const child = spawn(NGINX, ['-p', `${dir}/`, '-e', 'stderr', '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start on ${port}: ${errors}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://localhost:${port}`, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
