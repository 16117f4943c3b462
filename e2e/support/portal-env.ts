import { E2E_DATABASE_URL, OIDC_ISSUER, PORTAL_URL } from './ports';

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
};
