/**
 * `npm run worker` (the container image's `worker` command): sends queued invitation mails, meeting
 * updates, cancellations and reminders, and keeps the job queue tidy, without a web server. Run the web processes with WORKERS=0 and as many workers
 * as you like beside them: each takes jobs from the queue in the shared PostgreSQL, and a job is
 * handed to one worker at a time. SIGTERM or SIGINT: fetch no more jobs, finish the mails being
 * sent, exit.
 */
import nextEnv from '@next/env';
import { EnvError, getEnv } from '../lib/env';
import { describeTarget, databaseTarget } from '../lib/db';
import { startInviteMailWorker } from '../lib/invites/delivery';
import { startNotificationWorker } from '../lib/notifications/notices';
import { stopQueue } from '../lib/jobs/queue';

async function main() {
  nextEnv.loadEnvConfig(process.cwd());
  const env = getEnv();
  if (!env.DATABASE_URL) {
    throw new EnvError(['DATABASE_URL: is required for a separate worker (the embedded database belongs to the web process, which sends the mails itself)']);
  }
  if (env.WORKERS === 0) {
    throw new EnvError(['WORKERS: is 0, so this worker would send nothing; leave it unset (8 mails at once) or set 1–32']);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Worker: ${signal} received, finishing the mails being sent…`);
    stopQueue().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Worker: the queue did not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await startInviteMailWorker(env.WORKERS);
  await startNotificationWorker();
  console.log(`Worker: sending invitation mails (${env.WORKERS} at once), updates and reminders (${describeTarget(databaseTarget(env))}).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
