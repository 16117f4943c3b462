/**
 * Runs a test command with a PostgreSQL to test against:
 *
 *   node --import tsx scripts/test-postgres.ts <command> [args…]
 *
 * When the servers of TEST_DATABASE_URL and E2E_DATABASE_URL (default: 127.0.0.1:5432) answer, the
 * command runs unchanged. When one does not, an embedded PostgreSQL from npm is started on a free port,
 * those variables point at it for the command, and it is stopped and deleted when the command ends,
 * is interrupted or is terminated. The command's exit code is passed through. Nested runs find the
 * outer run's server answering, so `npm test` starts at most one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { testDatabaseUrls } from '../lib/testing/database-urls';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../lib/testing/embedded-postgres';
import { postgresAnswers } from '../lib/testing/postgres-answers';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node --import tsx scripts/test-postgres.ts <command> [args…]');
  process.exit(2);
}

// Ctrl-C reaches the command from the terminal by itself; a SIGTERM or SIGHUP sent to this process
// alone is passed on. Either way we wait for the command to end, then clean up. Handled from the start,
// so that an interrupt while the server starts cannot leave it running.
let child: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    if (signal !== 'SIGINT') child?.kill(signal);
  });
}

const urls = Object.entries(testDatabaseUrls());
const answers = await Promise.all(urls.map(([, url]) => postgresAnswers(url)));
const silent = urls.filter((_, i) => !answers[i]);

const env = { ...process.env };
let server: EmbeddedPostgres | undefined;
if (silent.length > 0) {
  const started = Date.now();
  try {
    server = await startEmbeddedPostgres();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  for (const [name, url] of silent) env[name] = server.url(new URL(url).pathname.slice(1) || 'postgres');
  const where = [...new Set(silent.map(([, url]) => new URL(url).host))].join(', ');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `No PostgreSQL answers at ${where}: started an embedded one on 127.0.0.1:${server.port} in ${seconds} s ` +
      `for ${silent.map(([name]) => name).join(' and ')}. It is removed when this run ends.`,
  );
}

const code = interrupted
  ? 128 + constants.signals[interrupted]
  : await new Promise<number>((resolve) => {
      child = spawn(command, args, { stdio: 'inherit', env });
      child.on('error', (error) => {
        console.error(`Could not run ${command}: ${error.message}`);
        resolve(127);
      });
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + (signal ? constants.signals[signal] : 1)));
    });
await server?.stop();
process.exit(code);
