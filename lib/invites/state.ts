import { formatInZone } from '@/lib/time/zones';

/** How an invite stands, in the words the invite lists use. Pure: shared by the meeting page and the admin list. */
export type InviteStateInput = { revokedAt: Date | null; expiresAt: Date; maxUses: number | null; useCount: number; lastJoinedAt: Date | null };

function inviteState(invite: InviteStateInput, now = new Date()): 'revoked' | 'expired' | 'used_up' | 'joined' | 'not_joined' {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.maxUses !== null && invite.useCount >= invite.maxUses) return 'used_up';
  return invite.lastJoinedAt ? 'joined' : 'not_joined';
}

const INVITE_STATE_LABELS = {
  revoked: 'Revoked',
  expired: 'Expired',
  used_up: 'Used up',
  joined: 'Joined',
  not_joined: 'Not joined yet',
} as const;

export const DELIVERY_LABELS: Record<string, string | null> = { NOT_SENT: null, QUEUED: 'Mail queued', SENT: 'Mail sent', FAILED: 'Mail failed' };

/** The state as a list shows it: "Joined 27 Nov, 14:05" in the viewer's zone, otherwise the label. */
export function inviteStateText(invite: InviteStateInput, timeZone: string, now = new Date()): string {
  const state = inviteState(invite, now);
  return state === 'joined' && invite.lastJoinedAt ? `Joined ${formatInZone(invite.lastJoinedAt, timeZone, 'short')}` : INVITE_STATE_LABELS[state];
}
