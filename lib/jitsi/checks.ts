/**
 * The checks a real Jitsi makes on a token, one small function each, in Prosody's order
 * (`LOGIN_CHECKS`, then `JOIN_CHECKS`), plus the advisory lines an accepted token gets
 * (`ADVISORIES`). `verifyJitsiToken` in `./verify` runs them; the rules themselves are described in
 * docs/jitsi-token-contract.md and the decisions in the header of `./verify`.
 *
 * A check returns `null` when it has nothing to say (it does not apply, or it only guards a later
 * check), a passing line, or a failing line with Prosody's reason, which stops the run.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { KeyObject } from 'node:crypto';
import { compileLuaPattern, luaPatternMatch, UnsupportedPattern, type CompiledPattern } from './lua-pattern';
import { backendSafeRoomName } from './room-name';
import type { Check, JitsiIdentity, JitsiRoomRequest, JitsiServerConfig } from './verify';

/** What the checks share: the request, the server's settings, and what earlier checks decoded. */
export type VerifyContext = {
  raw: string;
  request: JitsiRoomRequest;
  config: JitsiServerConfig;
  now: Date;
  algorithm: JitsiServerConfig['algorithm'];
  acceptedIssuers: string[];
  acceptedAudiences: string[];
  domainVerification: boolean;
  /** Set once decoded (by the key-server header check or the format check); NOT verified before the signature check. */
  header?: Record<string, unknown>;
  /** Set by the format check. */
  claims?: Record<string, unknown>;
  /** The key the signature is checked with (RS256: found by kid; HS256: app_secret). */
  key: CryptoKey | KeyObject | Uint8Array | null;
};

type Outcome = { ok: true; id: string; label: string; detail: string } | { ok: false; id: string; label: string; reason: string; detail: string };

export type TokenCheck = (ctx: VerifyContext) => Outcome | null | Promise<Outcome | null>;

/** The `context.features` keys Jitsi knows; listed (as false) when a features object omits them. */
const KNOWN_JITSI_FEATURES = [
  'recording',
  'livestreaming',
  'transcription',
  'outbound-call',
  'file-upload',
  'create-polls',
  'send-groupchat',
  'name-readonly',
] as const;

/** Affiliations that mod_token_affiliation turns into MUC owner (moderator). */
const OWNER_AFFILIATIONS = ['owner', 'moderator', 'teacher'];

/** Prosody's defaults for room patterns (token_regex_max_quantifiers / token_regex_room_max_length). */
const REGEX_MAX_QUANTIFIERS = 3;
const REGEX_ROOM_MAX_LENGTH = 128;

const FORMAT = 'Token format';
const MISMATCH = 'Room and token mismatched';

// ---------------------------------------------------------------------------------------------------
// Small helpers

const pass = (id: string, label: string, detail: string): Outcome => ({ ok: true, id, label, detail });
const fail = (id: string, label: string, reason: string, detail: string): Outcome => ({ ok: false, id, label, reason, detail });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value);
  } catch {
    // Only a bigint or a cycle gets here, and decoded JSON holds neither; say what it is rather than guess.
    return typeof value === 'bigint' ? value.toString() : Object.prototype.toString.call(value);
  }
}

/** tostring() of a number as Prosody (Lua 5.4, cjson numbers are floats) prints it. */
function luaNumber(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** Lua's string.lower on a claim: strings and numbers (coerced) only. */
function luaLower(value: unknown): string | null {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value).toLowerCase();
  return null;
}

function base64UrlJson(segment: string): Record<string, unknown> | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url'));
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function decodeHeader(part: string): Record<string, unknown> | undefined {
  try {
    return decodeProtectedHeader(`${part}.`);
  } catch {
    return base64UrlJson(part) ?? undefined;
  }
}

/** The decoded header and claims; the format check has set both before any check that reads them. */
const headerOf = (ctx: VerifyContext) => ctx.header ?? {};
const claimsOf = (ctx: VerifyContext) => ctx.claims ?? {};

function readContext(claims: Record<string, unknown>) {
  const context = isRecord(claims.context) ? claims.context : undefined;
  const user = context && isRecord(context.user) ? context.user : undefined;
  const room = context && isRecord(context.room) ? context.room : undefined;
  const features = context && isRecord(context.features) ? context.features : undefined;
  return { context, user, room, features };
}

function featureFlags(features: Record<string, unknown>): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const key of KNOWN_JITSI_FEATURES) flags[key] = false;
  // Jitsi's client: String(features[name]) === 'true'; a missing key is denied.
  for (const [key, value] of Object.entries(features)) flags[key] = String(value) === 'true';
  return flags;
}

/** The requested room as Jitsi sees it: lowercase tenant, backend-safe name, and the URL for messages. */
function target(ctx: VerifyContext) {
  const { request, config } = ctx;
  const tenant = request.tenant ? request.tenant.toLowerCase() : undefined;
  const roomNode = backendSafeRoomName(request.room);
  const where = tenant ? `https://${config.domain}/${tenant}/${request.room}` : `https://${config.domain}/${request.room}`;
  return { tenant, roomNode, where };
}

// ---------------------------------------------------------------------------------------------------
// Login (mod_auth_token → token/util.lib.lua → luajwtjitsi)

const tokenProvided: TokenCheck = (ctx) => {
  if (ctx.raw) return pass('token', 'Token provided', `${ctx.raw.length} characters.`);
  if (ctx.config.allowEmptyToken) {
    return pass('token', 'Token provided', 'No token: allow_empty_token is on, so Jitsi lets the user in anonymously (no room check, no role from a token).');
  }
  return fail('token', 'Token provided', 'token required', 'No token: pass it as the IFrame API `jwt` option or in the URL fragment `#jwt=` (allow_empty_token is off).');
};

// RS256 (asap_key_server): Prosody reads only the header first, checks kid and fetches the public key
// before it verifies anything else.
const keyServerHeader: TokenCheck = (ctx) => {
  if (ctx.algorithm !== 'RS256') return null;
  const dot = ctx.raw.indexOf('.');
  if (dot <= 0) return fail('format', FORMAT, 'Invalid token', 'Expected header.payload.signature; there is no header segment.');
  ctx.header = decodeHeader(ctx.raw.slice(0, dot));
  if (!ctx.header) return fail('format', FORMAT, 'bad token format', 'The header is not base64url-encoded JSON.');
  return null;
};

const kidText = (ctx: VerifyContext) => {
  const kid = headerOf(ctx).kid;
  return typeof kid === 'string' ? kid : String(kid);
};

const kidPresent: TokenCheck = (ctx) => {
  if (ctx.algorithm !== 'RS256') return null;
  const kid = headerOf(ctx).kid;
  if (kid === undefined || kid === null) {
    return fail('kid', 'Key id (kid)', "'kid' claim is missing", 'An RS256 server (asap_key_server) needs `kid` in the header to find the public key.');
  }
  return pass('kid', 'Key id (kid)', `kid '${kidText(ctx)}'.`);
};

const kidWithRsAlgorithm: TokenCheck = (ctx) => {
  if (ctx.algorithm !== 'RS256') return null;
  const alg = headerOf(ctx).alg;
  if (typeof alg === 'string' && !alg.startsWith('RS')) {
    return fail(
      'kid-alg',
      'kid used with an RS algorithm',
      "'kid' claim only support with RS family",
      `The header says alg ${show(alg)} with a kid; this server verifies RS256 tokens with public keys, so an HMAC-signed token is refused.`,
    );
  }
  return pass('kid-alg', 'kid used with an RS algorithm', `alg ${show(alg)}.`);
};

const publicKeyForKid: TokenCheck = async (ctx) => {
  if (ctx.algorithm !== 'RS256') return null;
  const kid = kidText(ctx);
  try {
    ctx.key = ctx.config.publicKeys ? await ctx.config.publicKeys(kid) : null;
  } catch {
    ctx.key = null;
  }
  if (!ctx.key) {
    return fail(
      'public-key',
      'Public key for kid',
      'could not obtain public key',
      ctx.config.publicKeys
        ? `No public key for kid '${kid}': the key server must serve <asap_key_server>/<lowercase hex sha256(kid)>.pem.`
        : 'This server has no public key source (asap_key_server) configured.',
    );
  }
  return pass('public-key', 'Public key for kid', `Key found for kid '${kid}'.`);
};

// luajwtjitsi: three non-empty segments, JSON header, JSON body.
const tokenFormat: TokenCheck = (ctx) => {
  const segments = ctx.raw.split('.');
  if (segments.length !== 3 || segments.some((part) => part === '')) {
    ctx.header ??= segments[0] ? decodeHeader(segments[0]) : undefined;
    const detail =
      segments.length === 3
        ? 'A segment is empty — an unsigned token (alg "none", empty signature) is not a JWT Jitsi accepts.'
        : `Expected header.payload.signature (3 non-empty segments), got ${segments.length}.`;
    return fail('format', FORMAT, 'Invalid token', detail);
  }
  const [headerPart, payloadPart] = segments as [string, string, string];
  ctx.header ??= decodeHeader(headerPart);
  if (!ctx.header) return fail('format', FORMAT, 'Invalid header', 'The header is not base64url-encoded JSON.');
  try {
    ctx.claims = decodeJwt(ctx.raw);
  } catch {
    ctx.claims = base64UrlJson(payloadPart) ?? undefined;
  }
  if (!ctx.claims) return fail('format', FORMAT, 'Invalid body', 'The payload is not a base64url-encoded JSON object.');
  return pass('format', FORMAT, 'header.payload.signature with a JSON header and payload.');
};

const headerTyp: TokenCheck = (ctx) => {
  const typ = headerOf(ctx).typ;
  if (typ !== 'JWT') {
    return fail(
      'typ',
      'Header typ is JWT',
      'Invalid typ',
      typ === undefined
        ? 'The header has no `typ`; Jitsi requires exactly "JWT" (jose\'s SignJWT omits it unless you call setProtectedHeader({ alg, typ: "JWT" })).'
        : `The header typ is ${show(typ)}; Jitsi requires exactly "JWT" (case-sensitive).`,
    );
  }
  return pass('typ', 'Header typ is JWT', 'typ "JWT".');
};

const headerAlg: TokenCheck = (ctx) => {
  const { algorithm } = ctx;
  const alg = headerOf(ctx).alg;
  if (alg !== algorithm) {
    return fail(
      'alg',
      `Header alg is ${algorithm}`,
      'Invalid or incorrect alg',
      `The header alg is ${show(alg)}; this server accepts only ${algorithm} (signature_algorithm)${alg === 'none' ? ' — unsigned tokens are never accepted' : ''}.`,
    );
  }
  return pass('alg', `Header alg is ${algorithm}`, `alg "${algorithm}".`);
};

// A Gatehouse addition, stricter than Prosody.
const noEmbeddedKey: TokenCheck = (ctx) => {
  const header = headerOf(ctx);
  const embedded = ['jwk', 'jku', 'x5u', 'x5c'].filter((name) => header[name] !== undefined);
  if (embedded.length > 0) {
    return fail(
      'no-embedded-key',
      'No key in the header (jwk/jku/x5u/x5c)',
      `Header carries ${embedded.map((name) => `'${name}'`).join(', ')}`,
      `The header carries ${embedded.join(', ')}. Jitsi only trusts its own app_secret / asap_key_server and never a key named or embedded in the token; Gatehouse refuses such tokens outright.`,
    );
  }
  return pass('no-embedded-key', 'No key in the header (jwk/jku/x5u/x5c)', 'The token does not try to bring its own key.');
};

const signature: TokenCheck = async (ctx) => {
  const { algorithm, config } = ctx;
  const label = `Signature (${algorithm})`;
  if (algorithm === 'HS256') {
    if (!config.appSecret) return fail('signature', label, 'Invalid signature', 'This server has no app_secret configured.');
    ctx.key = new TextEncoder().encode(config.appSecret);
  }
  try {
    await compactVerify(ctx.raw, ctx.key as Uint8Array | CryptoKey | KeyObject, { algorithms: [algorithm] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      'signature',
      label,
      'Invalid signature',
      algorithm === 'HS256'
        ? `The HMAC does not match app_secret (${message}). Portal and Jitsi must share the same secret, byte for byte (UTF-8).`
        : `The signature does not verify with the public key for kid '${String(headerOf(ctx).kid)}' (${message}).`,
    );
  }
  return pass('signature', label, algorithm === 'HS256' ? 'Signed with app_secret.' : `Signed with the private key for kid '${String(headerOf(ctx).kid)}'.`);
};

// exp / nbf: Lua skips absent and JSON false; JSON null (cjson.null) is truthy and not a number. Both
// types are checked before either value.
const present = (value: unknown) => value !== undefined && value !== false;

const expIsNumber: TokenCheck = (ctx) => {
  const { exp } = claimsOf(ctx);
  if (present(exp) && typeof exp !== 'number') {
    return fail('exp', 'Not expired', 'exp must be number', `exp is ${show(exp)}; it must be a NumericDate (seconds since 1970, a JSON number).`);
  }
  return null;
};

const nbfIsNumber: TokenCheck = (ctx) => {
  const { nbf } = claimsOf(ctx);
  if (present(nbf) && typeof nbf !== 'number') {
    return fail('nbf', 'Not before', 'nbf must be number', `nbf is ${show(nbf)}; it must be a NumericDate (seconds since 1970, a JSON number).`);
  }
  return null;
};

const nowSeconds = (ctx: VerifyContext) => Math.floor(ctx.now.getTime() / 1000);

const notExpired: TokenCheck = (ctx) => {
  const { exp, iat } = claimsOf(ctx);
  if (typeof exp !== 'number') return pass('exp', 'Not expired', 'No exp claim: Jitsi does not check expiry, so this token never expires.');
  const now = nowSeconds(ctx);
  if (now >= exp) {
    const validFor = typeof iat === 'number' ? `, valid for:${luaNumber(exp - iat)} sec` : '';
    return fail(
      'exp',
      'Not expired',
      `Not acceptable by exp (${luaNumber(now - exp)} sec since expired${validFor})`,
      `The token expired at ${new Date(exp * 1000).toISOString()} (${now - exp} s ago; Jitsi rejects when now >= exp, no clock tolerance). A reconnect after exp fails too — mint a fresh token.`,
    );
  }
  return pass('exp', 'Not expired', `Expires at ${new Date(exp * 1000).toISOString()} (in ${exp - now} s).`);
};

const notBefore: TokenCheck = (ctx) => {
  const { nbf } = claimsOf(ctx);
  if (typeof nbf !== 'number') return pass('nbf', 'Not before', 'No nbf claim.');
  const now = nowSeconds(ctx);
  if (now < nbf) {
    return fail(
      'nbf',
      'Not before',
      'Not acceptable by nbf',
      `The token is not valid before ${new Date(nbf * 1000).toISOString()} (${nbf - now} s from now; no clock tolerance). Back-date nbf a little (e.g. 30 s) to absorb clock skew.`,
    );
  }
  return pass('nbf', 'Not before', `Valid since ${new Date(nbf * 1000).toISOString()}.`);
};

const issuer: TokenCheck = (ctx) => {
  const { iss } = claimsOf(ctx);
  const accepted = ctx.acceptedIssuers;
  if (iss === undefined) return fail('iss', 'Issuer', "'iss' claim is missing", `iss is required; set it to one of ${show(accepted)} (asap_accepted_issuers, default app_id).`);
  if (!accepted.some((one) => one === '*' || one === iss)) {
    return fail('iss', 'Issuer', "invalid 'iss' claim", `iss ${show(iss)} is not in asap_accepted_issuers ${show(accepted)}.`);
  }
  return pass('iss', 'Issuer', `iss ${show(iss)} is accepted.`);
};

const audience: TokenCheck = (ctx) => {
  const { aud } = claimsOf(ctx);
  const accepted = ctx.acceptedAudiences;
  if (aud === undefined) return fail('aud', 'Audience', "'aud' claim is missing", `aud is required; set it to one of ${show(accepted)} (asap_accepted_audiences).`);
  if (!accepted.some((one) => one === '*' || one === aud)) {
    return fail(
      'aud',
      'Audience',
      "invalid 'aud' claim",
      Array.isArray(aud)
        ? `aud is an array ${show(aud)}; Jitsi compares aud as one string, so an array only passes when "*" is accepted. Mint aud as a single string from ${show(accepted)}.`
        : `aud ${show(aud)} is not in asap_accepted_audiences ${show(accepted)}.`,
    );
  }
  return pass('aud', 'Audience', accepted.includes('*') ? `aud ${show(aud)} passes: "*" is accepted (any audience).` : `aud ${show(aud)} is accepted.`);
};

const roomClaimPresent: TokenCheck = (ctx) => {
  const { room } = claimsOf(ctx);
  if (room === undefined) {
    return fail('room-claim', 'Room claim present', "'room' claim is missing", `room is required; mint the room's backend-safe name ('${backendSafeRoomName(ctx.request.room)}' for this room).`);
  }
  return pass('room-claim', 'Room claim present', `room ${show(room)}.`);
};

// ---------------------------------------------------------------------------------------------------
// Conference join (mod_token_verification → Util:verify_room)

// A missing sub is refused even with domain verification off: a Gatehouse addition (the contract lists
// sub as required). Room and sub mismatches both fail Prosody's one JID comparison, hence one reason.
const subject: TokenCheck = (ctx) => {
  const label = 'Subject / tenant';
  const { sub } = claimsOf(ctx);
  const { tenant, where } = target(ctx);
  const domain = ctx.config.domain;
  if (sub === undefined) {
    return fail(
      'sub',
      label,
      "'sub' claim is missing",
      `sub is required; for ${where} it must be ${tenant ? `the lowercase tenant '${tenant}'` : `the Jitsi domain '${domain}'`} (or "*").`,
    );
  }
  if (!ctx.domainVerification) {
    return pass('sub', label, `Domain verification is off (enable_domain_verification = false): sub ${show(sub)} is not compared.`);
  }
  const subLower = luaLower(sub);
  const expectedSub = tenant ?? domain.toLowerCase();
  if (subLower === null || (subLower !== '*' && subLower !== expectedSub)) {
    return fail(
      'sub',
      label,
      MISMATCH,
      tenant
        ? `sub ${show(sub)} does not match the tenant: for ${where} sub must be the lowercase tenant '${tenant}' (or "*").`
        : `sub ${show(sub)} does not match the domain: for ${where} sub must be the Jitsi domain '${domain}' (or "*"). A tenant or app id in sub only fits /tenant/room URLs.`,
    );
  }
  return pass('sub', label, subLower === '*' ? 'sub "*" matches every domain and tenant.' : `sub ${show(sub)} matches ${tenant ? `tenant '${tenant}'` : `domain '${domain}'`}.`);
};

const ROOM = 'Room';

function roomPattern(pattern: unknown, roomNode: string): Outcome {
  if (typeof pattern !== 'string') return fail('room', ROOM, MISMATCH, `room ${show(pattern)} is not a string, so it cannot be a pattern.`);
  if (roomNode.length > REGEX_ROOM_MAX_LENGTH) {
    return fail('room', ROOM, 'invalid-regex', `Room name '${roomNode}' is longer than ${REGEX_ROOM_MAX_LENGTH} characters (token_regex_room_max_length), so Jitsi refuses to match a pattern against it.`);
  }
  let compiled: CompiledPattern;
  try {
    compiled = compileLuaPattern(pattern);
  } catch (error) {
    if (error instanceof UnsupportedPattern) {
      return fail(
        'room',
        ROOM,
        'Unsupported room pattern',
        `room ${show(pattern)} uses ${error.message}, which Gatehouse's checker does not evaluate (supported: literals, '.', %a %c %d %g %l %p %s %u %w %x, %-escapes, [sets], * + - ?, ^ and $). Use a simpler pattern or an exact room.`,
      );
    }
    return fail('room', ROOM, MISMATCH, `room ${show(pattern)} is not a valid Lua pattern: ${(error as Error).message}.`);
  }
  if (compiled.quantifiers > REGEX_MAX_QUANTIFIERS) {
    return fail('room', ROOM, 'invalid-regex', `room pattern ${show(pattern)} has ${compiled.quantifiers} quantifiers; Jitsi refuses more than ${REGEX_MAX_QUANTIFIERS} (token_regex_max_quantifiers).`);
  }
  const matched = luaPatternMatch(roomNode, pattern);
  if (matched !== roomNode) {
    return fail(
      'room',
      ROOM,
      MISMATCH,
      matched === null
        ? `Lua pattern ${show(pattern)} (context.room.regex) does not match the room's backend-safe name '${roomNode}'.`
        : `Lua pattern ${show(pattern)} first matches '${matched}', not the whole backend-safe name '${roomNode}' (Jitsi compares string.match's result with the room; anchor it with ^…$ or add .*).`,
    );
  }
  return pass('room', ROOM, `Lua pattern ${show(pattern)} (context.room.regex) matches the backend-safe name '${roomNode}'.`);
}

function roomExact(claim: unknown, roomNode: string, requested: string): Outcome {
  const claimLower = luaLower(claim);
  if (claimLower === roomNode) return pass('room', ROOM, `room ${show(claim)} matches the backend-safe name '${roomNode}'.`);
  let detail: string;
  if (claimLower === null) {
    detail = `room ${show(claim)} is not a string.`;
  } else if (backendSafeRoomName(String(claim)) === roomNode) {
    detail = `Token room ${show(claim)} is compared as '${claimLower}', but the room's backend-safe name is '${roomNode}' — mint the backend-safe name ('${roomNode}'), not the display name.`;
  } else {
    detail = `Token room ${show(claim)} is compared as '${claimLower}' with the room's backend-safe name '${roomNode}' (from ${show(requested)}) — this token is for another room.`;
  }
  return fail('room', ROOM, MISMATCH, detail);
}

const room: TokenCheck = (ctx) => {
  const claims = claimsOf(ctx);
  const { roomNode } = target(ctx);
  const contextRoom = readContext(claims).room;
  const isRegex = contextRoom !== undefined && (contextRoom.regex === true || contextRoom.regex === 'true');
  if (claims.room === '*') {
    return pass('room', ROOM, `room "*" matches every room, including '${roomNode}' — Jitsi accepts it, but never mint it: the token then opens any room.`);
  }
  return isRegex ? roomPattern(claims.room, roomNode) : roomExact(claims.room, roomNode, ctx.request.room);
};

/** Prosody's login checks, in its order; the first failure is Jitsi's answer. */
export const LOGIN_CHECKS: readonly TokenCheck[] = [
  tokenProvided,
  keyServerHeader,
  kidPresent,
  kidWithRsAlgorithm,
  publicKeyForKid,
  tokenFormat,
  headerTyp,
  headerAlg,
  noEmbeddedKey,
  signature,
  expIsNumber,
  nbfIsNumber,
  notExpired,
  notBefore,
  issuer,
  audience,
  roomClaimPresent,
];

/** The checks made when the person joins the conference room, after login. */
export const JOIN_CHECKS: readonly TokenCheck[] = [subject, room];

// ---------------------------------------------------------------------------------------------------
// Accepted: what Jitsi makes of the token, and advisory lines (they never change Jitsi's verdict)

/** The role mod_token_affiliation gives, and why. */
export function tokenRole(claims: Record<string, unknown>): { role: 'moderator' | 'participant'; because: string } {
  const user = readContext(claims).user;
  const moderatorFlag = user?.moderator;
  const affiliation = user?.affiliation;
  const byFlag = moderatorFlag === true || moderatorFlag === 'true';
  const byAffiliation = typeof affiliation === 'string' && OWNER_AFFILIATIONS.includes(affiliation);
  if (byFlag || byAffiliation) {
    const because = [byFlag ? `context.user.moderator is ${show(moderatorFlag)}` : '', byAffiliation ? `context.user.affiliation is '${String(affiliation)}'` : ''].filter(Boolean).join(' and ');
    return { role: 'moderator', because };
  }
  return {
    role: 'participant',
    because: `neither context.user.moderator true/"true" nor context.user.affiliation owner/moderator/teacher${moderatorFlag !== undefined ? ` (moderator is ${show(moderatorFlag)})` : ''}${affiliation !== undefined ? ` (affiliation is ${show(affiliation)})` : ''}`,
  };
}

/** The feature switches as Jitsi reads them; null when there is no context.features object. */
export function tokenFeatures(claims: Record<string, unknown>): Record<string, boolean> | null {
  const features = readContext(claims).features;
  return features ? featureFlags(features) : null;
}

/** context.user's string fields: what others see of the person. */
export function tokenIdentity(claims: Record<string, unknown>): JitsiIdentity {
  const user = readContext(claims).user;
  const identity: JitsiIdentity = {};
  for (const key of ['id', 'name', 'email', 'avatar'] as const) {
    const value = user?.[key];
    if (typeof value === 'string') identity[key] = value;
  }
  return identity;
}

type Advisory = (claims: Record<string, unknown>) => Check | null;

// Jitsi accepts a token without exp (it never expires); Gatehouse requires exp.
const expRequired: Advisory = (claims) =>
  typeof claims.exp === 'number'
    ? null
    : {
        id: 'exp-required',
        label: 'Has exp (Gatehouse requires it)',
        ok: false,
        detail: 'Jitsi accepts a token without exp, but it never expires. Gatehouse requires exp: mint short-lived tokens.',
      };

const noTopLevelModerator: Advisory = (claims) =>
  claims.moderator === undefined
    ? null
    : {
        id: 'top-level-moderator',
        label: 'No top-level moderator claim',
        ok: false,
        detail: `top-level \`moderator\` is ignored by Jitsi; put it in context.user (this token has moderator: ${show(claims.moderator)} at the top level; hosts need context.user.moderator: true plus affiliation: "owner").`,
      };

const roleLine: Advisory = (claims) => {
  const { role, because } = tokenRole(claims);
  return {
    id: 'role',
    label: 'Role',
    ok: true,
    detail: `${role}: ${because} (token_affiliation). Jicofo can still override it: keep Jicofo authentication off and enable-auto-owner = false.`,
  };
};

const featuresLine: Advisory = (claims) => {
  const featureMap = tokenFeatures(claims);
  return {
    id: 'features',
    label: 'Features',
    ok: true,
    detail: featureMap
      ? `context.features present (missing keys are denied): ${Object.entries(featureMap).map(([key, value]) => `${key}=${value}`).join(', ')}.`
      : 'No context.features object: the role decides (moderators get moderator features).',
  };
};

/** The lines added to an accepted token's checks, in this order. */
export const ADVISORIES: readonly Advisory[] = [expRequired, noTopLevelModerator, roleLine, featuresLine];
