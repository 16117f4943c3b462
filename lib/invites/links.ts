import 'server-only';
import { db } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { hashInviteToken, inviteTokenFromSeed, newInviteLink, type InviteLink } from '@/lib/invites/tokens';

/** A new personal link (seed, token and hash) keyed with this portal's secret. */
export function createInviteLink(): InviteLink {
  return newInviteLink(authSecret());
}

/**
 * The invite's link, the same one every time: derived again from the invite's seed. Only an invite
 * made before seeds existed (or after the portal's secret changed) gets a new link, once; its earlier
 * link then stops working. Two mails racing for that one change agree on the same new link.
 * `loaded`: the invite's seed and hash when the caller has just read them.
 */
export async function inviteLink(inviteId: string, origin: string, loaded?: { linkSeed: string | null; tokenHash: string }): Promise<string> {
  for (let first = true; ; first = false) {
    // A caller that already read the invite's seed and hash saves this read (the mail worker).
    const invite = first && loaded ? loaded : await db.invite.findUniqueOrThrow({ where: { id: inviteId }, select: { linkSeed: true, tokenHash: true } });
    if (invite.linkSeed) {
      const token = inviteTokenFromSeed(invite.linkSeed, authSecret());
      if (hashInviteToken(token) === invite.tokenHash) return `${origin}/invite/${token}`;
    }
    const { linkSeed, tokenHash } = createInviteLink();
    // Only if nobody replaced it meanwhile; otherwise read the winner's seed on the next turn.
    await db.invite.updateMany({ where: { id: inviteId, tokenHash: invite.tokenHash }, data: { linkSeed, tokenHash } });
  }
}

/** Gives the invite a new link (the organiser re-sends it): the earlier one stops working at once. */
export async function replaceInviteLink(inviteId: string): Promise<void> {
  const { linkSeed, tokenHash } = createInviteLink();
  await db.invite.update({ where: { id: inviteId }, data: { linkSeed, tokenHash } });
}
