import { toCsv } from '@/lib/csv';

/** "Download links (CSV)" after a bulk invitation: one personal link per created invite. */
export function inviteLinksCsv(created: readonly { name: string; email: string; token: string }[], origin: string): string {
  return toCsv(['name', 'email', 'link'], created.map((r) => [r.name, r.email, `${origin}/invite/${r.token}`]));
}
