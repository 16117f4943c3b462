import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { isEmbeddedDevelopment } from '@/lib/env';
import { listDevMailbox } from '@/lib/mail/dev-mailbox';

export const metadata: Metadata = { title: 'Development mailbox' };

/** Mails the portal would have sent, on the embedded default without SMTP. */
export default async function DevMailboxPage() {
  await requireUser();
  if (!isEmbeddedDevelopment()) notFound();
  const mails = await listDevMailbox();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Development mailbox</h1>
        <p className="mt-1 text-sm text-slate-600">No SMTP server is configured, so mails land here instead (newest first). Set SMTP_URL and MAIL_FROM to send real mail.</p>
      </div>
      {mails.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">No mails yet. Invite a guest to a meeting to see one.</p>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-sm text-slate-500">To {m.to} · {new Date(m.sentAt).toUTCString()}{m.attachments?.length ? ` · ${m.attachments.map((a) => a.filename).join(', ')}` : ''}</p>
              <p className="font-medium text-slate-900">{m.subject}</p>
              <pre className="mt-2 whitespace-pre-wrap break-all text-sm text-slate-700">{m.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
