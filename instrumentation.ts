/**
 * Runs once when the server starts: a bad configuration stops start-up with a message naming the
 * variable; then this process's background workers (invitation mails) start, unless WORKERS=0 leaves
 * them to a separate `npm run worker` process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    if (getEnv().WORKERS === 0) return;
    const { startInviteMailWorker } = await import('./lib/invites/delivery');
    startInviteMailWorker().catch((error: unknown) => console.error('[jobs] the mail worker did not start:', error));
  }
}
