/**
 * The end-to-end suite's SMTP sink (e2e/support/smtp-sink.ts) for integration tests: started on
 * SMTP_SINK_PORT/SMTP_SINK_HTTP_PORT (set them before calling), with SMTP_URL pointed at it, and
 * its mailbox API to read what arrived.
 */
import { spawn } from 'node:child_process';

export async function startMailSink() {
  process.env.SMTP_URL = `smtp://127.0.0.1:${process.env.SMTP_SINK_PORT}`;
  process.env.MAIL_FROM = 'Gatehouse <meet@example.com>';
  const sink = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/smtp-sink.ts'], { stdio: 'ignore', env: process.env });
  const mailbox = await import('../../e2e/support/mailbox');
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${mailbox.SMTP_SINK_API_URL}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { mailbox, stop: () => void sink.kill() };
}
