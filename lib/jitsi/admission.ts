import { roomCan, roomRoleOf, type RoomMembership } from '@/lib/auth/permissions';
import type { InviteRole, LobbyMode, Role } from '@/lib/generated/prisma/enums';

/** The role a token gives in Jitsi. */
export type TokenRole = 'moderator' | 'participant';

/**
 * Every way into a meeting:
 * - `portal`: a signed-in employee, by their room role (host, co-host, participant), their portal role
 *   (admins moderate every room) and, for a meeting, their invite by address with its role;
 * - `invite-link`: a guest redeeming an invite link, personal (addressed to one person) or open.
 */
export type WayIn =
  | { via: 'portal'; user: { id: string; role: Role }; room: RoomMembership; invitedAs: InviteRole | null }
  | { via: 'invite-link'; invitedAs: InviteRole; personal: boolean };

/**
 * What the token says about a person: their role, and the lobby claims (docs/jitsi-token-contract.md,
 * "Lobby"). `lobby`: must wait for a moderator. `lobbyBypass`: never waits, even when a moderator turns
 * the lobby on by hand; real Prosody makes moderators wait too without it.
 */
export type Admission = { role: TokenRole; lobby: boolean; lobbyBypass: boolean };

/**
 * The one role rule for every way in. Hosts, co-hosts, admins and people invited as co-host (by
 * address or by link) moderate and bypass the lobby; room participants and guests take part. Who waits
 * follows the room's lobby setting: `GUESTS` holds back open invite links only (employees and people
 * invited by address walk in); `EVERYONE` holds back every participant. Null: no way in.
 */
export function admissionFor(way: WayIn, lobby: LobbyMode): Admission | null {
  const role = roleFor(way);
  if (!role) return null;
  if (role === 'moderator') return { role, lobby: false, lobbyBypass: true };
  const waits = lobby === 'EVERYONE' || (lobby === 'GUESTS' && way.via === 'invite-link' && !way.personal);
  return { role, lobby: waits, lobbyBypass: false };
}

function roleFor(way: WayIn): TokenRole | null {
  if (way.invitedAs === 'CO_HOST') return 'moderator';
  if (way.via === 'invite-link') return 'participant';
  if (roomCan(way.user, way.room, 'room.moderate')) return 'moderator';
  if (roomRoleOf(way.user.id, way.room) || way.invitedAs === 'GUEST') return 'participant';
  return null;
}
