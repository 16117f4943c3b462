// GET/POST /api/auth/* — Auth.js (OpenID Connect, email links, sign-out, session).
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/config';
import { limitEmailLinkRequest } from '@/lib/auth/link-rate-limit';
import { normalizeEmail } from '@/lib/auth/schemas';
import { clientAddress } from '@/lib/rate-limit';

export const GET = handlers.GET;

/** Direct POSTs for an email link count against the same limits as the sign-in form. */
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith('/signin/nodemailer')) {
    const form = await request.clone().formData().catch(() => null);
    const field = form?.get('email');
    const email = normalizeEmail(typeof field === 'string' ? field : '');
    const limit = await limitEmailLinkRequest(email, clientAddress(request.headers));
    if (!limit.allowed) {
      return new Response('Too many sign-in links were asked for. Try again later.', {
        status: 429,
        headers: { 'Retry-After': String(limit.retryAfterSeconds), 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
  }
  return handlers.POST(request);
}
