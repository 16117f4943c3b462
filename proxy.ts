import { NextResponse, type NextRequest } from 'next/server';
import { DATABASE_UNAVAILABLE, databaseDownSince } from '@/lib/db-state';

/** Pages and routes a visitor may open without signing in (each still checks what it serves). */
const PUBLIC_PATHS = /^\/(sign-in|not-allowed|api\/auth|api\/health|api\/calendar|api\/jitsi\/keys|api\/jitsi\/events|metrics|invite)(\/|$)/;

function jitsiOrigin(): string {
  return `https://${process.env.JITSI_DOMAIN || `localhost:${process.env.JITSI_STANDIN_PORT || 8443}`}`;
}

/**
 * The Content-Security-Policy for one response. Scripts run only with this response's nonce (Next adds
 * it to its own scripts when it finds it here); 'strict-dynamic' lets those scripts load Jitsi's
 * external_api.js. Only the Jitsi server may be framed, and nobody may frame the portal.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${jitsiOrigin()}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headers read at request time, so they follow the running configuration (not the build's). */
function securityHeaders(csp: string): Record<string, string> {
  const jitsi = jitsiOrigin();
  return {
    'Content-Security-Policy': csp,
    // Camera, microphone and screen sharing are for the embedded Jitsi meeting only, not the portal itself.
    'Permissions-Policy': `camera=("${jitsi}"), microphone=("${jitsi}"), display-capture=("${jitsi}"), geolocation=(), payment=(), usb=()`,
    ...(process.env.NODE_ENV === 'production' ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

function unavailable(request: NextRequest): NextResponse {
  const headers = { 'Retry-After': '5', 'Cache-Control': 'no-store' };
  if (request.headers.has('next-action') || request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ ok: false, code: 'UNAVAILABLE', message: DATABASE_UNAVAILABLE }, { status: 503, headers });
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5"><title>Gatehouse is unavailable</title></head><body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 6rem auto; padding: 0 1.5rem; color: #0f172a"><h1>Gatehouse is unavailable for a moment</h1><p>${DATABASE_UNAVAILABLE}</p><p style="color:#475569">This page reloads itself.</p></body></html>`;
  return new NextResponse(html, { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

/** next.config.mjs's serverActions.bodySizeLimit (6 MB): a bigger action request gets a plain 413, not a server error. */
const ACTION_BODY_LIMIT = 6 * 1024 * 1024;

/**
 * Whether an action request's body is over the limit. With Content-Length the header says so; a chunked
 * body (no Content-Length) is counted as it arrives, up to the limit and no further. Next hands the proxy
 * its own copy of the body, so reading it here leaves the action's intact. Without this, Next answers an
 * oversized chunked action body with a 500.
 */
async function tooLarge(request: NextRequest): Promise<boolean> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  const declared = request.headers.get('content-length');
  if (declared !== null) return Number(declared) > ACTION_BODY_LIMIT;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > ACTION_BODY_LIMIT) {
      await reader.cancel();
      return true;
    }
  }
}

/**
 * Sends visitors without a session cookie to the sign-in page, answers 413 for oversized action bodies
 * and 503 while the database client reports PostgreSQL unreachable, and adds the security headers. This
 * is a convenience, not the lock: every page, action and route checks who is asking itself, and this
 * file never touches the database.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  let response: NextResponse;
  if (await tooLarge(request)) {
    response = new NextResponse('This upload is too large: at most 6 MB can be sent at once.', { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  } else if (databaseDownSince() && pathname !== '/api/health') {
    // The database client noticed PostgreSQL is gone and is probing for it: answer at once, never half-work.
    response = unavailable(request);
  } else if (hasSession || PUBLIC_PATHS.test(pathname)) {
    const headers = new Headers(request.headers);
    headers.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = '';
    if (pathname + search !== '/') url.searchParams.set('callbackUrl', pathname + search);
    response = NextResponse.redirect(url);
  }
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static files from public/ are served to everyone, signed in or not (the sign-in page shows the logo).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|favicon.svg|logo.svg|logo.png|robots.txt).*)'],
};
