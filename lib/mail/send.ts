import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv, isEmbeddedDevelopment } from '@/lib/env';
import { writeToDevMailbox } from '@/lib/mail/dev-mailbox';
import { withInlineLogo } from '@/lib/mail/templates';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
};

let transport: Transporter | undefined;

/**
 * Whether a failed send will fail again however often it is tried: the server answered with a
 * permanent (5xx) reply such as "550 no such mailbox". Everything else (connection refused or reset,
 * timeouts, 4xx such as "421 try again later") is temporary and worth retrying.
 */
export function isPermanentMailError(error: unknown): boolean {
  return Number((error as { responseCode?: number } | null)?.responseCode) >= 500;
}

/**
 * What a failed queued mail becomes: FAILED at once on a permanent refusal or after the job's last
 * retry, else still QUEUED; `retry` says whether the job should go back to the queue (with back-off).
 */
export function mailFailure(error: unknown, job: { retryCount: number; retryLimit: number }): { delivery: 'FAILED' | 'QUEUED'; reason: string; retry: boolean } {
  const permanent = isPermanentMailError(error);
  return {
    delivery: permanent || job.retryCount >= job.retryLimit ? 'FAILED' : 'QUEUED',
    reason: String(error instanceof Error ? error.message : error).slice(0, 500),
    retry: !permanent,
  };
}

/**
 * Whether a failure means the mail server itself is down or unreachable (connection refused, reset or
 * timed out; "421 service not available"), rather than deferring one message (e.g. "451 try later").
 */
export function isMailServerDown(error: unknown): boolean {
  const code = Number((error as { responseCode?: number } | null)?.responseCode);
  return !code || code === 421;
}

/**
 * The same question for a stored failure text. nodemailer puts a server's reply after ": " ("Can't
 * send mail - all recipients were rejected: 451 4.7.1 …"); connection failures carry no reply code.
 */
export function isMailServerDownText(message: string): boolean {
  const code = /(?:^|: )([2-5]\d\d)[ -]/.exec(message)?.[1];
  return !code || code === '421';
}

type OutageLogger = Pick<Console, 'error' | 'info'>;

/**
 * Logs a mail outage once: one line when the mail server stops answering, one when a send works
 * again, instead of a line per message (a 150-person upload during an outage would otherwise
 * log hundreds of identical failures, or, as before, nothing at all).
 */
export function createOutageLog(log: OutageLogger = console, now: () => number = Date.now) {
  let since: number | null = null;
  let failures = 0;
  return {
    failed(error: unknown) {
      if (!isMailServerDown(error)) return;
      failures++;
      if (since !== null) return;
      since = now();
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`[mail] mail server unreachable (${reason.slice(0, 200)}); mails stay queued and are retried`);
    },
    sent() {
      if (since === null) return;
      const seconds = Math.round((now() - since) / 1000);
      log.info(`[mail] mail server reachable again after ${seconds} s (${failures} failed attempts); queued mails are being sent`);
      since = null;
      failures = 0;
    },
  };
}

const outage = createOutageLog();

/**
 * SMTP_URL with a connection pool unless it says otherwise: a few connections kept open and reused
 * (one connection per mail spends most of its time on the TCP and SMTP handshakes). Query
 * parameters in SMTP_URL (`?pool=false`, `?maxConnections=10`) win.
 */
function pooledUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '16');
  return url.toString();
}

/**
 * The portal's one mail sender: SMTP from SMTP_URL, sender MAIL_FROM. On the embedded default without
 * SMTP, mails go to the development mailbox (files under DATA_DIR, shown at /dev/mailbox).
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL || !env.MAIL_FROM) {
    if (isEmbeddedDevelopment(env)) return writeToDevMailbox(mail);
    throw new Error('Mail is not configured: set SMTP_URL and MAIL_FROM.');
  }
  transport ??= nodemailer.createTransport(pooledUrl(env.SMTP_URL));
  try {
    await transport.sendMail({ from: env.MAIL_FROM, ...withInlineLogo(mail) });
  } catch (error) {
    outage.failed(error);
    throw error;
  }
  outage.sent();
}

/** Whether mails are really sent (SMTP) or kept in the development mailbox. */
export function mailDelivery(): 'smtp' | 'dev-mailbox' | 'none' {
  const env = getEnv();
  if (env.SMTP_URL && env.MAIL_FROM) return 'smtp';
  return isEmbeddedDevelopment(env) ? 'dev-mailbox' : 'none';
}
