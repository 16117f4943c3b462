import { NextResponse, type NextRequest } from 'next/server';

/** Pages and routes a visitor may open without signing in (each still checks what it serves). */
const PUBLIC_PATHS = /^\/(sign-in|not-allowed|api\/auth|api\/health|api\/calendar|api\/jitsi\/keys|invite)(\/|$)/;

/** Security headers read at request time, so they follow the running configuration (not the build's). */
function securityHeaders(): Record<string, string> {
  const jitsi = `https://${process.env.JITSI_DOMAIN || `localhost:${process.env.JITSI_STANDIN_PORT || 8443}`}`;
  return {
    // Only the Jitsi server may be framed, and nobody may frame the portal.
    'Content-Security-Policy': `frame-src ${jitsi}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': `camera=(self "${jitsi}"), microphone=(self "${jitsi}"), display-capture=(self "${jitsi}"), geolocation=()`,
  };
}

/**
 * Sends visitors without a session cookie to the sign-in page and adds the security headers. This is
 * a convenience, not the lock: every page, action and route checks who is asking itself, and this
 * file never touches the database.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
  let response: NextResponse;
  if (hasSession || PUBLIC_PATHS.test(pathname)) {
    response = NextResponse.next();
  } else {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = '';
    if (pathname + search !== '/') url.searchParams.set('callbackUrl', pathname + search);
    response = NextResponse.redirect(url);
  }
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
