'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { requirePermission } from '@/lib/auth/session';
import { recordAudit } from '@/lib/audit/record';
import { portalOrigin } from '@/lib/origin';
import { serverAction } from '@/lib/safe-action';
import { jitsiSettings } from '@/lib/jitsi/config';
import { runJitsiDoctorForGatehouse, type DoctorReport } from '@/lib/jitsi/doctor';
import { runLiveCheckForGatehouse, type LiveCheckReport } from '@/lib/jitsi/live-check';
import { inspectTokenForGatehouse, type TokenInspection } from '@/lib/jitsi/inspect';
import { jitsiServerSetup, type ServerConfigBlock } from '@/lib/jitsi/server-config';
import { getEnv } from '@/lib/env';

const manageJitsi = () => requirePermission('jitsi.manage');

/** Admins: the setup blocks with the shared secret in them. Each reveal is audited. */
export const revealSetupAction = serverAction({
  caller: manageJitsi,
  input: z.strictObject({}),
  run: async (admin): Promise<ServerConfigBlock[]> => {
    const setup = jitsiServerSetup(jitsiSettings(), { publicOrigin: portalOrigin(await headers()), reveal: true, eventsSecret: getEnv().JITSI_EVENTS_SECRET });
    await recordAudit({ kind: 'jitsi.secret_revealed', actorId: admin.id, actorEmail: admin.email });
    return setup.blocks;
  },
});

const doctorSchema = z.strictObject({
  domain: z
    .string()
    .trim()
    .max(253)
    .refine((v) => v === '' || /^[a-z0-9.-]+(:\d{1,5})?$/i.test(v), 'Enter a host name with an optional port, like meet.example.com (no https://).')
    .optional(),
});

/** Admins: checks the Jitsi server from the portal's side (the configured one, or another host to try before switching). */
export const runDoctorAction = serverAction({
  caller: manageJitsi,
  input: doctorSchema,
  run: (_admin, { domain }): Promise<DoctorReport> => runJitsiDoctorForGatehouse({ domain: domain || undefined }),
});

/** Admins: logs in to the configured Jitsi with a participant and a moderator token and reports what it did. Audited. */
export const runLiveCheckAction = serverAction({
  caller: manageJitsi,
  input: z.strictObject({}),
  run: async (admin): Promise<LiveCheckReport> => {
    const report = await runLiveCheckForGatehouse();
    await recordAudit({ kind: 'jitsi.live_checked', actorId: admin.id, actorEmail: admin.email, data: { verdict: report.verdict, roles: report.attempts.map((a) => a.role ?? a.outcome) } });
    return report;
  },
});

const inspectSchema = z.strictObject({
  token: z.string().trim().min(1, 'Paste a token or a meeting link.').max(64 * 1024, 'That is far longer than any token.'),
  room: z.string().trim().max(256, 'Use at most 256 characters.').optional(),
});

/** Admins: what Jitsi, configured as the setup page says, would do with a token. The token is never stored. */
export const inspectTokenAction = serverAction({
  caller: manageJitsi,
  input: inspectSchema,
  run: async (admin, input): Promise<TokenInspection> => {
    const result = await inspectTokenForGatehouse(input.token, { room: input.room || undefined });
    const jti = typeof result.claims?.jti === 'string' ? result.claims.jti.slice(0, 100) : null;
    await recordAudit({ kind: 'jitsi.token_inspected', actorId: admin.id, actorEmail: admin.email, data: { jti, accepted: result.accepted, reason: result.reason } });
    return result;
  },
});
