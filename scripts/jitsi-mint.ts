/**
 * npm run jitsi:mint -- --email <user> --room <slug> [--json]
 * Mints a token for an existing user and room through the join action's code path (same claims and
 * role rules) for troubleshooting on the server. It skips only the join-window check, and says so.
 */
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';

nextEnv.loadEnvConfig(process.cwd());
const { values } = parseArgs({ options: { email: { type: 'string' }, room: { type: 'string' }, json: { type: 'boolean', default: false } } });

async function main(): Promise<number> {
  if (!values.email || !values.room) {
    console.error('Usage: npm run jitsi:mint -- --email <user> --room <slug> [--json]');
    return 2;
  }
  const { db } = await import('../lib/db');
  const { issueTicket, roomForMinting } = await import('../lib/jitsi/join');
  const user = await db.user.findUnique({ where: { email: values.email.trim().toLowerCase() } });
  if (!user || user.disabledAt) {
    console.error(`No active user has the address ${values.email}.`);
    return 1;
  }
  const decision = await roomForMinting(user, values.room);
  if (!decision.ok) {
    console.error(decision.message);
    return 1;
  }
  const ticket = await issueTicket(user, decision, 'cli');
  const url = `https://${ticket.domain}/${ticket.roomName}#jwt=${ticket.token}`;
  if (values.json) {
    console.log(JSON.stringify({ token: ticket.token, url, role: ticket.role, jti: ticket.jti, expiresAt: ticket.expiresAt, joinWindowChecked: false }, null, 2));
  } else {
    console.error('Note: the join-window check is skipped for command-line tokens; everything else is as in the portal.');
    console.log(`Role:    ${ticket.role}\nExpires: ${ticket.expiresAt}\njti:     ${ticket.jti}\nToken:   ${ticket.token}\nURL:     ${url}`);
  }
  await db.$disconnect();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
