import { E2E_DATABASE_URL, OIDC_ISSUER, PORTAL_URL, STANDIN_DOMAIN, STANDIN_PORT } from './ports';

export const STANDIN_SECRET = 'e2e-jitsi-shared-secret-not-for-production-0123456789';
const EVENTS_SECRET = 'e2e-jitsi-events-secret-not-for-production-0123';

/** The configuration the portal runs with in the end-to-end suite (test values, never real secrets). */
export const portalTestEnv: Record<string, string> = {
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: E2E_DATABASE_URL,
  AUTH_SECRET: 'e2e-auth-secret-not-for-production-0123456789',
  AUTH_URL: PORTAL_URL,
  OIDC_ISSUER,
  OIDC_CLIENT_ID: 'gatehouse-e2e',
  OIDC_CLIENT_SECRET: 'gatehouse-e2e-secret-0123456789abcdef',
  OIDC_NAME: 'Example SSO',
  SMTP_URL: `smtp://127.0.0.1:${process.env.SMTP_SINK_PORT ?? 2525}`,
  MAIL_FROM: 'Gatehouse <gatehouse@example.com>',
  ALLOWED_EMAIL_DOMAINS: 'example.com',
  REGISTRATION_MODE: 'open',
  ADMIN_EMAILS: 'first.admin@example.com',
  JITSI_DOMAIN: STANDIN_DOMAIN,
  JITSI_APP_ID: 'gatehouse',
  JITSI_APP_SECRET: STANDIN_SECRET,
  JITSI_AUDIENCE: 'jitsi',
  // The shortest lifetime allowed, so the expiry test can wait for a real expiry.
  JITSI_TOKEN_TTL_SECONDS: '60',
  JITSI_CLOCK_SKEW_SECONDS: '0',
  // Heartbeats every 2 s, so a closed tab's session ends (and its personal link frees) after 5 s, not minutes.
  ATTENDANCE_HEARTBEAT_SECONDS: '2',
  // The suite plays one trusted reverse proxy: a test that sends X-Forwarded-For is that client.
  TRUSTED_PROXY_HOPS: '1',
  // Jitsi's server events are accepted: the stand-in sends them as event_sync does.
  JITSI_EVENTS_SECRET: EVENTS_SECRET,
  // /metrics is on (e2e/deploy/metrics.spec.ts scrapes it).
  METRICS_TOKEN: 'e2e-metrics-token-not-for-production-0123456789',
  // Audit events are checked in the database; one JSON line each on stdout would drown the suite's output.
  SECURITY_LOG: 'off',
};

/** The built-in Jitsi stand-in, enforcing the same configuration a real Prosody would have. */
export const standinTestEnv: Record<string, string> = {
  JITSI_STANDIN_PORT: String(STANDIN_PORT),
  JITSI_DOMAIN: STANDIN_DOMAIN,
  JITSI_APP_ID: 'gatehouse',
  JITSI_APP_SECRET: STANDIN_SECRET,
  JITSI_AUDIENCE: 'jitsi',
  JITSI_STANDIN_CERT_CACHE: 'false',
  // event_sync: room and occupant events go to the portal, as a real Prosody with the module would send them.
  JITSI_STANDIN_EVENTS_URL: `${PORTAL_URL}/api/jitsi/events`,
  JITSI_EVENTS_SECRET: EVENTS_SECRET,
};
