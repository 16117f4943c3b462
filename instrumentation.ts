/**
 * Runs once when the server starts: a bad configuration stops start-up with a message naming the
 * variable; then this process's background workers (invitation mails; updates, cancellations and reminders) start.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    getEnv();
    const { startInviteMailWorker } = await import('./lib/invites/delivery');
    startInviteMailWorker().catch((error: unknown) => console.error('[jobs] the mail worker did not start:', error));
    const { startNotificationWorker } = await import('./lib/notifications/notices');
    startNotificationWorker().catch((error: unknown) => console.error('[jobs] the notification worker did not start:', error));
  }
}
