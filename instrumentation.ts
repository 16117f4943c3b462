/**
 * Runs once when the server starts: a bad configuration stops start-up with a message naming the
 * variable; every request's peer address is appended to X-Forwarded-For (see
 * lib/security/peer-address.ts); with METRICS_TOKEN, request timing for /metrics starts; then this
 * process's background workers (invitation mails; updates, cancellations and reminders) start, unless
 * WORKERS=0 leaves them to a separate `npm run worker`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getEnv } = await import('./lib/env');
    const env = getEnv();
    // Before the first request: the per-client rate limits rely on the peer address being appended.
    const { installPeerAddressHook } = await import('./lib/security/peer-address');
    installPeerAddressHook();
    // Request timing for /metrics comes from Next's own request spans; only collected when scraped.
    if (env.METRICS_TOKEN) {
      const { startRequestMetrics } = await import('./lib/metrics/requests');
      startRequestMetrics();
    }
    if (env.WORKERS === 0) return;
    const { startInviteMailWorker } = await import('./lib/invites/delivery');
    startInviteMailWorker().catch((error: unknown) => console.error('[jobs] the mail worker did not start:', error));
    const { startNotificationWorker } = await import('./lib/notifications/notices');
    startNotificationWorker().catch((error: unknown) => console.error('[jobs] the notification worker did not start:', error));
  }
}
