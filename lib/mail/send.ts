import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '@/lib/env';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
};

let transport: Transporter | undefined;

/** Whether mail can be sent at all (SMTP_URL configured). */
export function mailConfigured(): boolean {
  return !!getEnv().SMTP_URL;
}

/** The portal's one mail sender: SMTP from SMTP_URL, sender MAIL_FROM. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL || !env.MAIL_FROM) throw new Error('Mail is not configured: set SMTP_URL and MAIL_FROM.');
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  await transport.sendMail({ from: env.MAIL_FROM, ...mail });
}
