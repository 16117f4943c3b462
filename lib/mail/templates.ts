import type { OutgoingMail } from '@/lib/mail/send';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The one-time sign-in link. It names no Jitsi token and expires quickly. */
export function signInLinkMail({ to, url, minutes, host }: { to: string; url: string; minutes: number; host: string }): OutgoingMail {
  return {
    to,
    subject: `Sign in to Gatehouse (${host})`,
    text:
      `Hello,\n\nuse this link to sign in to Gatehouse at ${host}:\n\n${url}\n\n` +
      `The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this mail: nobody can sign in without it.\n`,
    html:
      `<p>Hello,</p><p>use this link to sign in to Gatehouse at ${escapeHtml(host)}:</p>` +
      `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none">Sign in to Gatehouse</a></p>` +
      `<p>The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this mail: nobody can sign in without it.</p>`,
  };
}
