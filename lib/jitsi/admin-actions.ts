'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { formInput, ok, validationFailure, type ActionResult } from '@/lib/action-result';
import { requirePermission } from '@/lib/auth/session';
import { recordAudit } from '@/lib/audit/record';
import { portalOrigin } from '@/lib/origin';
import { jitsiSettings } from '@/lib/jitsi/config';
import { runJitsiDoctorForGatehouse, type DoctorReport } from '@/lib/jitsi/doctor';
import { inspectTokenForGatehouse, type TokenInspection } from '@/lib/jitsi/inspect';
import { jitsiServerSetup, type ServerConfigBlock } from '@/lib/jitsi/server-config';

/** Admins: the setup blocks with the shared secret in them. Each reveal is audited. */
export async function revealSetupAction(): Promise<ActionResult<ServerConfigBlock[]>> {
  const admin = await requirePermission('jitsi.manage');
  const setup = jitsiServerSetup(jitsiSettings(), { publicOrigin: portalOrigin(await headers()), reveal: true });
  await recordAudit({ kind: 'jitsi.secret_revealed', actorId: admin.id, actorEmail: admin.email });
  return ok(setup.blocks);
}

const doctorSchema = z.strictObject({
  domain: z
    .string()
    .trim()
    .max(253)
    .refine((v) => v === '' || /^[a-z0-9.-]+(:\d{1,5})?$/i.test(v), 'Enter a host name with an optional port, like meet.example.com (no https://).')
    .optional(),
});

/** Admins: checks the Jitsi server from the portal's side (the configured one, or another host to try before switching). */
export async function runDoctorAction(_prev: ActionResult<DoctorReport> | null, formData: FormData): Promise<ActionResult<DoctorReport>> {
  await requirePermission('jitsi.manage');
  const parsed = doctorSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  return ok(await runJitsiDoctorForGatehouse({ domain: parsed.data.domain || undefined }));
}

const inspectSchema = z.strictObject({
  token: z.string().trim().min(1, 'Paste a token or a meeting link.').max(64 * 1024, 'That is far longer than any token.'),
  room: z.string().trim().max(256, 'Use at most 256 characters.').optional(),
});

/** Admins: what Jitsi, configured as the setup page says, would do with a token. The token is never stored. */
export async function inspectTokenAction(_prev: ActionResult<TokenInspection> | null, formData: FormData): Promise<ActionResult<TokenInspection>> {
  const admin = await requirePermission('jitsi.manage');
  const parsed = inspectSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  const result = await inspectTokenForGatehouse(parsed.data.token, { room: parsed.data.room || undefined });
  const jti = typeof result.claims?.jti === 'string' ? result.claims.jti.slice(0, 100) : null;
  await recordAudit({ kind: 'jitsi.token_inspected', actorId: admin.id, actorEmail: admin.email, data: { jti, accepted: result.accepted, reason: result.reason } });
  return ok(result);
}
