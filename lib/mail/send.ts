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
};

let transport: Transporter | undefined;

/** Whether mail can be sent at all (SMTP_URL configured). */
export function mailConfigured(): boolean {
  return !!getEnv().SMTP_URL;
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
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, ...withInlineLogo(mail) });
}

/** Whether mails are really sent (SMTP) or kept in the development mailbox. */
export function mailDelivery(): 'smtp' | 'dev-mailbox' | 'none' {
  const env = getEnv();
  if (env.SMTP_URL && env.MAIL_FROM) return 'smtp';
  return isEmbeddedDevelopment(env) ? 'dev-mailbox' : 'none';
}
