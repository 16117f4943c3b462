/**
 * Where the benchmark runs: its own ports (not the end-to-end suite's 3100/2525/8444, so both can run
 * at once on one machine), its own database, and the portal configuration it starts `next start` with.
 * Test values only, never real secrets.
 */
export const ROOT = process.cwd();

export const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3200);
/** The load generator talks to the server's own address; `Host` and `Origin` then agree (server actions check them). */
export const PORTAL_ORIGIN = `http://127.0.0.1:${PORTAL_PORT}`;
/** Chromium uses the host name Auth.js and the cookies expect: under `next start -H 127.0.0.1`, Auth.js takes http://localhost:PORT as its origin. */
export const PORTAL_BROWSER_URL = `http://localhost:${PORTAL_PORT}`;
export const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3201);

export const SMTP_SINK_PORT = Number(process.env.BENCH_SMTP_PORT ?? 2625);
export const SMTP_SINK_HTTP_PORT = Number(process.env.BENCH_SMTP_HTTP_PORT ?? 2626);
export const SMTP_SINK_API = `http://127.0.0.1:${SMTP_SINK_HTTP_PORT}`;

/** Nothing listens here during the benchmark: the join page's Jitsi script is external and not counted. */
export const JITSI_DOMAIN = `localhost:${process.env.BENCH_JITSI_PORT ?? 8544}`;
export const JITSI_SECRET = 'bench-jitsi-shared-secret-not-for-production-0123456789';

/** The server the benchmark database is created on; the benchmark refuses anything but a local server. */
export const BENCH_SERVER_URL = process.env.BENCH_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'gatehouse_bench';
export const BENCH_DATABASE_URL = (() => {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
})();

export const SESSION_COOKIE = 'authjs.session-token';

/** The configuration `next start` runs with: production, PostgreSQL, SMTP to the sink, an HS256 Jitsi secret. */
export const portalBenchEnv: Record<string, string> = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: BENCH_DATABASE_URL,
  AUTH_SECRET: 'bench-auth-secret-not-for-production-0123456789',
  AUTH_URL: PORTAL_BROWSER_URL,
  SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK_PORT}`,
  MAIL_FROM: 'Gatehouse <gatehouse@example.com>',
  ALLOWED_EMAIL_DOMAINS: 'example.com',
  REGISTRATION_MODE: 'open',
  JITSI_DOMAIN,
  JITSI_APP_ID: 'gatehouse',
  JITSI_APP_SECRET: JITSI_SECRET,
  JITSI_AUDIENCE: 'jitsi',
};
