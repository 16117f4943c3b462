import { NextResponse, type NextRequest } from 'next/server';

/**
 * Sends visitors without a session cookie to the sign-in page. This is a convenience, not the lock:
 * every page, action and route checks who is asking itself, and this file never touches the database.
 */
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.has('authjs.session-token') || request.cookies.has('__Secure-authjs.session-token');
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = '/sign-in';
  url.search = '';
  const back = request.nextUrl.pathname + request.nextUrl.search;
  if (back !== '/') url.searchParams.set('callbackUrl', back);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except sign-in pages, Auth.js, the health check, calendar feeds (secret URL), guest invite pages and static files.
  matcher: ['/((?!sign-in|not-allowed|api/auth|api/health|api/calendar|invite|_next/|favicon.ico|robots.txt).*)'],
};
