// POST /invite/unsubscribe/:token/one-click — RFC 8058 one-click unsubscribe (mail programs) and the unsubscribe page's button.
import { unsubscribeInvite } from '@/lib/notifications/unsubscribe';

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ok = await unsubscribeInvite(token);
  if (!ok) return new Response('This unsubscribe link is not valid.', { status: 404 });
  // A browser (the page's button) is shown the result; a mail program only needs the 200.
  if ((request.headers.get('accept') ?? '').includes('text/html')) {
    return new Response(null, { status: 303, headers: { Location: `/invite/unsubscribe/${token}?done=1` } });
  }
  return new Response('Unsubscribed: no more reminders or update mails for this invitation. The invitation itself still works.', { status: 200 });
}
