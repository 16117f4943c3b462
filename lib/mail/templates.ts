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

const button = (href: string, label: string) =>
  `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p>`;

/** What every notification mail says about the time and the way out, in the recipient's words. */
type NoticeParts = {
  to: string;
  name: string | null;
  title: string;
  /** The time, already written in the recipient's zone ("Wed 4 Mar, 11:00 (Europe/Berlin)"). */
  when: string;
  /** Where to join or look: the portal's meeting page or the guest's invite page; never a Jitsi link. */
  link: string | null;
  /** A sentence saying how to stop these mails (settings page or the one-click unsubscribe). */
  optOut: { text: string; url: string };
};

function noticeMail(parts: NoticeParts, subject: string, lines: string[], linkLabel: string): OutgoingMail {
  const greeting = parts.name ? `Hello ${parts.name},` : 'Hello,';
  const link = parts.link;
  return {
    to: parts.to,
    subject,
    text: `${greeting}\n\n${lines.join('\n')}\n${link ? `\n${linkLabel}:\n${link}\n` : ''}\n${parts.optOut.text}\n${parts.optOut.url}\n`,
    html:
      `${logoHeader}<p>${escapeHtml(greeting)}</p><p>${lines.map(escapeHtml).join('<br>')}</p>` +
      (link ? button(link, linkLabel) : '') +
      `<p style="color:#64748b;font-size:13px">${escapeHtml(parts.optOut.text)} <a href="${escapeHtml(parts.optOut.url)}">${escapeHtml(parts.optOut.url)}</a></p>`,
  };
}

/** A meeting changed: what changed, in the recipient's zone, with the updated calendar entry attached. */
export function meetingUpdateMail(parts: NoticeParts & { changes: string[] }): OutgoingMail {
  return noticeMail(parts, `Updated: ${parts.title}`, [`“${parts.title}” has changed:`, ...parts.changes.map((c) => `• ${c}`), `When: ${parts.when}`, '', 'The attached calendar entry replaces the earlier one.'], 'Open the meeting');
}

/** The whole meeting or series is off; the attached METHOD:CANCEL removes it from calendars. */
export function meetingCancelMail(parts: NoticeParts): OutgoingMail {
  return noticeMail(parts, `Cancelled: ${parts.title}`, [`“${parts.title}” (${parts.when}) has been cancelled.`, 'The attached calendar update removes it from your calendar.'], 'Open the meeting');
}

/** One date of a series is off; the rest of the series stays. */
export function occurrenceCancelMail(parts: NoticeParts): OutgoingMail {
  return noticeMail(parts, `Cancelled on ${parts.when}: ${parts.title}`, [`“${parts.title}” on ${parts.when} has been cancelled. The other dates of the series stay as they are.`, 'The attached calendar update removes that date from your calendar.'], 'Open the meeting');
}

/** A reminder shortly before a meeting, with the portal link (never a Jitsi token). */
export function reminderMail(parts: NoticeParts & { minutesLeft: number; note?: string }): OutgoingMail {
  const m = parts.minutesLeft;
  const soon = m <= 0 ? ' (it has started)' : m === 1 ? ' (in 1 minute)' : m === 60 ? ' (in 1 hour)' : ` (in ${m} minutes)`;
  return noticeMail(parts, `Reminder: ${parts.title} at ${parts.when}`, [`“${parts.title}” starts at ${parts.when}${soon}.`, ...(parts.note ? [parts.note] : [])], 'Join the meeting');
}

/** One line of the morning digest: the time range in the reader's zone, the meeting, its room and page. */
export type DigestItem = { when: string; title: string; room: string; link: string };

/** The morning list of the day's meetings (only sent when there is at least one). */
export function digestMail({ to, name, day, items, optOut }: { to: string; name: string | null; day: string; items: DigestItem[]; optOut: { text: string; url: string } }): OutgoingMail {
  const greeting = name ? `Hello ${name},` : 'Hello,';
  const count = items.length === 1 ? 'one meeting' : `${items.length} meetings`;
  const lines = items.map((i) => `• ${i.when}  ${i.title} (${i.room})\n  ${i.link}`);
  return {
    to,
    subject: `Today, ${day}: ${count}`,
    text: `${greeting}\n\nToday, ${day}, you have ${count}:\n\n${lines.join('\n')}\n\n${optOut.text}\n${optOut.url}\n`,
    html:
      `${logoHeader}<p>${escapeHtml(greeting)}</p><p>Today, ${escapeHtml(day)}, you have ${count}:</p><ul style="padding-left:18px">` +
      items.map((i) => `<li style="margin-bottom:6px"><strong>${escapeHtml(i.when)}</strong> <a href="${escapeHtml(i.link)}">${escapeHtml(i.title)}</a> <span style="color:#64748b">(${escapeHtml(i.room)})</span></li>`).join('') +
      `</ul><p style="color:#64748b;font-size:13px">${escapeHtml(optOut.text)} <a href="${escapeHtml(optOut.url)}">${escapeHtml(optOut.url)}</a></p>`,
  };
}
