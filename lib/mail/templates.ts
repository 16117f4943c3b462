import path from 'node:path';
import type { OutgoingMail } from '@/lib/mail/send';

/**
 * The logo travels inside the mail as an inline (CID) attachment: mail clients show it without
 * fetching anything from the portal, and most do not display SVG, hence the small PNG copy of
 * public/logo.svg. With images off, the name next to it still reads "Gatehouse".
 */
const LOGO_CID = 'logo@gatehouse';
const logoHeader =
  `<p style="margin:0 0 16px"><img src="cid:${LOGO_CID}" width="32" height="32" alt="" style="border:0;vertical-align:middle">` +
  ` <strong style="color:#0f2d5c;font-size:18px;vertical-align:middle">Gatehouse</strong></p>`;

/** The mail with the logo its HTML refers to attached inline; what the one mail sender hands to SMTP. */
export function withInlineLogo(mail: OutgoingMail) {
  if (!mail.html.includes(`cid:${LOGO_CID}`)) return mail;
  const logo = { filename: 'gatehouse.png', path: path.join(process.cwd(), 'public', 'logo.png'), contentType: 'image/png', cid: LOGO_CID, contentDisposition: 'inline' as const };
  return { ...mail, attachments: [...(mail.attachments ?? []), logo] };
}

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
      `${logoHeader}<p>Hello,</p><p>use this link to sign in to Gatehouse at ${escapeHtml(host)}:</p>` +
      `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none">Sign in to Gatehouse</a></p>` +
      `<p>The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this mail: nobody can sign in without it.</p>`,
  };
}

/** Said wherever a guest's personal link is given out: the invitation mail and its calendar entry. */
export const PERSONAL_LINK_WARNING = 'This link is just for you: please do not forward it.';

/** An invitation with the personal link (no Jitsi token) and the time in the organiser's zone. */
export function inviteMail({ to, name, title, host, next, timeZone, link }: { to: string; name: string | null; title: string; host: string; next: { startsAt: Date; endsAt: Date } | null; timeZone: string; link: string }): OutgoingMail {
  const when = next
    ? `${new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(next.startsAt)} (${timeZone.replace(/_/g, ' ')})`
    : 'see the invitation page';
  const greeting = name ? `Hello ${name},` : 'Hello,';
  return {
    to,
    subject: `Invitation: ${title}`,
    text: `${greeting}\n\n${host} invites you to “${title}”.\nWhen: ${when}\n\nJoin with your personal link:\n${link}\n${PERSONAL_LINK_WARNING}\n\nThe calendar entry is attached.\n`,
    html:
      `${logoHeader}<p>${escapeHtml(greeting)}</p><p>${escapeHtml(host)} invites you to <strong>${escapeHtml(title)}</strong>.<br>When: ${escapeHtml(when)}</p>` +
      `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none">Open your invitation</a></p>` +
      `<p>${PERSONAL_LINK_WARNING} The calendar entry is attached.</p>`,
  };
}
