import 'server-only';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { backendSafeRoomName } from '@/lib/jitsi/room-name';
import { jitsiSettings, type JitsiSettings } from '@/lib/jitsi/config';
import type { TokenRole } from '@/lib/jitsi/admission';

export type { TokenRole };

export type MintInput = {
  /** Who the token is for; `id` names a user, or an invite for guests. */
  identity: { id: string; name: string; email: string; avatar?: string | null };
  room: {
    jitsiName: string;
    moderatorRecording: boolean;
    moderatorLivestreaming: boolean;
    moderatorTranscription: boolean;
  };
  role: TokenRole;
  /** Lobby claims from `admissionFor`: must wait for a moderator; never waits. */
  lobby?: { wait: boolean; bypass: boolean };
  now?: Date;
};

export type MintedToken = {
  token: string;
  jti: string;
  expiresAt: Date;
  /** The path JitsiMeeting opens: the backend-safe room name, under the tenant when there is one. */
  roomName: string;
};

/**
 * The feature switches for `context.features`. The object is always present, so Jitsi denies every
 * key that is missing or false (docs/jitsi-token-contract.md, "Features and identity").
 */
function featuresFor(room: MintInput['room'], role: TokenRole): Record<string, boolean> {
  const moderator = role === 'moderator';
  return {
    recording: moderator && room.moderatorRecording,
    livestreaming: moderator && room.moderatorLivestreaming,
    transcription: moderator && room.moderatorTranscription,
    'outbound-call': false,
    'file-upload': true,
    'create-polls': true,
    'send-groupchat': true,
    'name-readonly': true,
  };
}

/**
 * The HS256 secret as a WebCrypto key, imported once per secret. Given raw bytes, jose imports the key
 * again for every token (an asynchronous WebCrypto call), which was half the cost of minting.
 */
const hmacKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * Mints the short-lived token for one person and one room, exactly as a real Jitsi checks it:
 * header typ "JWT" and the one configured algorithm (kid for RS256); iss = app id; aud = one string;
 * sub = tenant or domain; room = the backend-safe name (never "*"); nbf back-dated by the skew
 * allowance; exp short; a unique jti; moderator rights and the lobby claims only through context.user.
 */
export async function mintJoinToken(input: MintInput, settings: JitsiSettings = jitsiSettings()): Promise<MintedToken> {
  const room = backendSafeRoomName(input.room.jitsiName);
  if (!room || room === '*' || room.includes('*')) throw new Error('Refusing to mint a token for a wildcard or empty room.');
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const jti = randomUUID();
  const exp = now + settings.ttlSeconds;
  const moderator = input.role === 'moderator';
  const claims = {
    room,
    context: {
      user: {
        id: input.identity.id,
        name: input.identity.name,
        email: input.identity.email,
        avatar: input.identity.avatar ?? '',
        moderator,
        affiliation: moderator ? 'owner' : 'member',
        // JSON booleans, and only when true: Prosody's lobby modules ignore the string "true".
        ...(input.lobby?.wait ? { lobby: true } : {}),
        ...(input.lobby?.bypass ? { lobby_bypass: true } : {}),
      },
      features: featuresFor(input.room, input.role),
    },
  };
  const jwt = new SignJWT(claims)
    .setIssuer(settings.appId)
    .setAudience(settings.audience)
    .setSubject(settings.tenant ?? settings.domain.toLowerCase())
    .setIssuedAt(now)
    .setNotBefore(now - settings.skewSeconds)
    .setExpirationTime(exp)
    .setJti(jti);
  const token =
    settings.signing.alg === 'HS256'
      ? await jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(await hmacKey(settings.signing.secret))
      : await jwt.setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: settings.signing.kid }).sign(settings.signing.privateKey);
  return { token, jti, expiresAt: new Date(exp * 1000), roomName: settings.tenant ? `${settings.tenant}/${room}` : room };
}
