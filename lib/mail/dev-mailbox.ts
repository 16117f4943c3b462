import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { getEnv, isEmbeddedDevelopment } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail/send';

const folder = () => path.resolve(getEnv().DATA_DIR, 'mailbox');

export type DevMail = OutgoingMail & { id: string; sentAt: string };

/** Keeps a mail as a JSON file (embedded default only), newest shown first at /dev/mailbox. */
export async function writeToDevMailbox(mail: OutgoingMail): Promise<void> {
  if (!isEmbeddedDevelopment()) throw new Error('The development mailbox exists only on the embedded default.');
  await fs.mkdir(folder(), { recursive: true });
  const sentAt = new Date().toISOString();
  const id = `${sentAt.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
  await fs.writeFile(path.join(folder(), `${id}.json`), JSON.stringify({ ...mail, id, sentAt } satisfies DevMail));
}

export async function listDevMailbox(limit = 100): Promise<DevMail[]> {
  const names = await fs.readdir(folder()).catch(() => [] as string[]);
  const newest = names.filter((n) => n.endsWith('.json')).sort().reverse().slice(0, limit);
  return Promise.all(newest.map(async (n) => JSON.parse(await fs.readFile(path.join(folder(), n), 'utf8')) as DevMail));
}
