/**
 * What a real self-hosted Jitsi Meet (Prosody's `mod_auth_token` + `token/util.lib.lua` +
 * `luajwtjitsi.lib.lua`, then `mod_token_verification` and `mod_token_affiliation` on the conference
 * component) would do with a token. The rules are the ones in docs/jitsi-token-contract.md; the checks
 * themselves are the ordered lists in `./checks`, the room-pattern engine is `./lua-pattern` and the
 * room-name rule `./room-name`. This module is pure (no Next, no 'server-only') because the token
 * inspector CLI, the Jitsi stand-in (`scripts/jitsi-standin.ts`) and the portal all use it.
 *
 * Decisions (keep them in sync with the docs):
 * - Check order is Prosody's order. Login (SASL) stage: token present → [RS256: header's kid → kid
 *   only with RS algorithms → public key for kid] → token format → typ → alg → (Gatehouse: no key
 *   material in the header) → signature → exp/nbf are numbers → exp → nbf → iss → aud → room claim
 *   present. Conference-join stage: sub/tenant → room. Then advisory lines (never change the verdict):
 *   exp missing, top-level `moderator`, role, features.
 * - Evaluation stops at the first failing check, like Prosody. The `checks` of a rejected verdict end
 *   with the failing check; checks that were never evaluated are not listed (a `Check` has no
 *   "not evaluated" state, and an `ok: false` placeholder would be indistinguishable from a failure).
 * - `reason` uses Prosody's own text: 'token required', 'Invalid token', 'Invalid typ',
 *   'Invalid or incorrect alg', 'Invalid signature', "'kid' claim is missing",
 *   "'kid' claim only support with RS family", 'could not obtain public key', 'exp must be number',
 *   'Not acceptable by exp (… sec since expired…)', 'Not acceptable by nbf', "'iss' claim is missing",
 *   "invalid 'iss' claim", "'aud' claim is missing", "invalid 'aud' claim", "'room' claim is missing",
 *   'Room and token mismatched' (room and sub mismatches both fail the same JID comparison).
 * - Deliberate Gatehouse additions, stricter than Prosody: a header carrying `jwk`, `jku`, `x5u` or
 *   `x5c` is rejected (Jitsi never uses those; a token carrying its own key is an attack or a mistake), and a
 *   missing `sub` is rejected even with domain verification off (the contract lists `sub` as required).
 * - Missing `exp`: Jitsi accepts the token and it never expires. The verdict stays Jitsi-faithful
 *   (accepted) but an `exp-required` check line with `ok: false` says Gatehouse requires exp.
 * - `context.room.regex: true`: `room` is a Lua pattern, matched with Lua's `string.match` semantics
 *   (first match from the left; the matched text must be the whole room name). The pattern is not
 *   lowercased (Prosody ≥ 2026 keeps pattern classes such as `%D` intact); Prosody's default limits
 *   apply (at most 3 quantifiers, room name at most 128 characters, else `invalid-regex`). The pattern
 *   is honoured whether or not domain verification is on (the contract makes no difference). Patterns
 *   outside the engine's subset are refused with a clear detail ('Unsupported room pattern').
 * - jose (`compactVerify`, `algorithms` pinned) checks the signature only; every claim rule is
 *   implemented in `./checks` so that Jitsi's exact semantics (no clock tolerance, `iat` ignored,
 *   string-only `aud`) apply rather than jose's.
 */
import type { KeyObject } from 'node:crypto';
import { ADVISORIES, JOIN_CHECKS, LOGIN_CHECKS, tokenFeatures, tokenIdentity, tokenRole, type VerifyContext } from './checks';

export type JitsiServerConfig = {
  /** The Jitsi domain, e.g. 'meet.example.com' (what `sub` must be for rooms without a tenant). */
  domain: string;
  /** app_id; the default accepted issuer. */
  appId: string;
  /** asap_accepted_issuers (default [appId]). */
  acceptedIssuers?: string[];
  /** asap_accepted_audiences (default ['*'] like Prosody; Gatehouse configures ['jitsi']). */
  acceptedAudiences?: string[];
  /** signature_algorithm. */
  algorithm: 'HS256' | 'RS256';
  /** HS256 shared secret (UTF-8). */
  appSecret?: string;
  /** RS256: key lookup by kid (the asap_key_server role). */
  publicKeys?: (kid: string) => Promise<CryptoKey | KeyObject | null>;
  /** enable_domain_verification, default true (the plugin's default). */
  enableDomainVerification?: boolean;
  /** allow_empty_token, default false. */
  allowEmptyToken?: boolean;
};

export type JitsiRoomRequest = {
  /** The room as it appears in the URL path, e.g. 'Team%20Standup' or 'Team Standup'. */
  room: string;
  /** For https://domain/<tenant>/<room>. */
  tenant?: string;
};

/** One line per check, in the order Prosody makes them. */
export type Check = { id: string; label: string; ok: boolean; detail: string };

export type JitsiIdentity = { id?: string; name?: string; email?: string; avatar?: string };

export type Verdict =
  | {
      accepted: true;
      role: 'moderator' | 'participant';
      identity: JitsiIdentity;
      /** null: no context.features object, the role decides. */
      features: Record<string, boolean> | null;
      expiresAt: Date | null;
      checks: Check[];
      header: Record<string, unknown>;
      claims: Record<string, unknown>;
    }
  | {
      accepted: false;
      /** Jitsi's own wording where it has one. */
      reason: string;
      /** Where Prosody refuses it: at login (a SASL failure) or when joining the room (a presence error). */
      stage: 'login' | 'join';
      checks: Check[];
      /** Decoded for display only: NOT verified (the token was rejected). */
      header?: Record<string, unknown>;
      /** Decoded for display only: NOT verified (the token was rejected). */
      claims?: Record<string, unknown>;
    };

/**
 * Decides what a real Jitsi would do with `token` for a join of `request` on a server configured as
 * `config`, at `now` (default: the current time). Never throws for bad tokens; see the file header for
 * the check order and the few deliberate Gatehouse additions.
 */
export async function verifyJitsiToken(
  token: string | null | undefined,
  request: JitsiRoomRequest,
  config: JitsiServerConfig,
  now: Date = new Date(),
): Promise<Verdict> {
  const ctx: VerifyContext = {
    raw: typeof token === 'string' ? token.trim() : '',
    request,
    config,
    now,
    algorithm: config.algorithm,
    acceptedIssuers: config.acceptedIssuers ?? [config.appId],
    acceptedAudiences: config.acceptedAudiences ?? ['*'],
    domainVerification: config.enableDomainVerification ?? true,
    key: null,
  };
  const checks: Check[] = [];

  const staged = [...LOGIN_CHECKS.map((check) => ['login', check] as const), ...JOIN_CHECKS.map((check) => ['join', check] as const)];
  for (const [stage, check] of staged) {
    const outcome = await check(ctx);
    if (!outcome) continue;
    const { id, label, detail } = outcome;
    checks.push({ id, label, ok: outcome.ok, detail });
    if (!outcome.ok) {
      return { accepted: false, reason: outcome.reason, stage, checks, ...(ctx.header ? { header: ctx.header } : {}), ...(ctx.claims ? { claims: ctx.claims } : {}) };
    }
    // allow_empty_token: an anonymous login, with no room check and no role from a token.
    if (!ctx.raw) return { accepted: true, role: 'participant', identity: {}, features: null, expiresAt: null, checks, header: {}, claims: {} };
  }

  const header = ctx.header ?? {};
  const claims = ctx.claims ?? {};
  for (const advise of ADVISORIES) {
    const line = advise(claims);
    if (line) checks.push(line);
  }
  return {
    accepted: true,
    role: tokenRole(claims).role,
    identity: tokenIdentity(claims),
    features: tokenFeatures(claims),
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    checks,
    header,
    claims,
  };
}
