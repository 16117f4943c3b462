import { getEnv } from '@/lib/env';

/** The portal's configured public origin: AUTH_URL, or localhost in development (mails, the doctor). */
export function configuredOrigin(): string {
  const configured = getEnv().AUTH_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}

/** The portal's public origin for links: AUTH_URL when configured, otherwise the request's own. */
export function portalOrigin(headers: Headers): string {
  if (getEnv().AUTH_URL) return configuredOrigin();
  return `${headers.get('x-forwarded-proto') ?? 'http'}://${headers.get('host') ?? 'localhost'}`;
}
