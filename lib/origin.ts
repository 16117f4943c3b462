import { getEnv } from '@/lib/env';

/** The portal's public origin for links: AUTH_URL when configured, otherwise the request's own. */
export function portalOrigin(headers: Headers): string {
  const configured = getEnv().AUTH_URL;
  if (configured) return new URL(configured).origin;
  return `${headers.get('x-forwarded-proto') ?? 'http'}://${headers.get('host') ?? 'localhost'}`;
}
