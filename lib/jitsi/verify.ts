/**
 * What a real self-hosted Jitsi Meet (Prosody's `mod_auth_token` + `token/util.lib.lua` +
 * `luajwtjitsi.lib.lua`, then `mod_token_verification` and `mod_token_affiliation` on the conference
 * component) would do with a token. The rules are the ones written down in
 * `/work/shared/jitsi-token-contract.md`; this module is pure (no Next, no 'server-only') because the
 * token inspector CLI, the Jitsi stand-in (`scripts/jitsi-standin.ts`) and the portal all use it.
 *
 * Decisions (keep them in sync with the report / docs):
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
 *   is honoured whether or not domain verification is on (the contract makes no difference). Supported
 *   subset: literals, `.`, `%a %c %d %g %l %p %s %u %w %x` (and upper-case complements), `%`-escapes,
 *   sets `[...]`/`[^...]` with ranges, quantifiers `* + - ?`, anchors `^`/`$`. Captures `( )`, `%b`,
 *   `%f` and back-references are refused with a clear detail ('Unsupported room pattern').
 * - jose (`compactVerify`, `algorithms` pinned) checks the signature only; every claim rule is
 *   implemented here so that Jitsi's exact semantics (no clock tolerance, `iat` ignored, string-only
 *   `aud`) apply rather than jose's.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { KeyObject } from 'node:crypto';

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
      checks: Check[];
      /** Decoded for display only: NOT verified (the token was rejected). */
      header?: Record<string, unknown>;
      /** Decoded for display only: NOT verified (the token was rejected). */
      claims?: Record<string, unknown>;
    };

/** The `context.features` keys Jitsi knows; listed (as false) when a features object omits them. */
export const KNOWN_JITSI_FEATURES = [
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

/**
 * Jitsi's backend-safe room name (jitsi-meet `getBackendSafeRoomName`):
 * encodeURIComponent(NFKC(decodeURIComponent(name)).toLowerCase()).toLowerCase().
 * A name that is not valid percent-encoding is taken as already decoded.
 */
export function backendSafeRoomName(name: string): string {
  let room = name;
  try {
    room = decodeURIComponent(room);
  } catch {
    // not percent-encoded (e.g. a literal '%'): use it as it is
  }
  room = room.normalize('NFKC').toLowerCase();
  try {
    room = encodeURIComponent(room);
  } catch {
    room = encodeURIComponent(room.toWellFormed()); // lone surrogates cannot be encoded
  }
  return room.toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
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

// ---------------------------------------------------------------------------------------------------
// Lua patterns (the subset described at the top of the file)

type PatternClass =
  | { kind: 'any' }
  | { kind: 'char'; char: string }
  | { kind: 'class'; letter: string }
  | { kind: 'set'; negate: boolean; items: SetItem[] };
type SetItem = { kind: 'char'; char: string } | { kind: 'range'; from: string; to: string } | { kind: 'class'; letter: string };
type PatternItem = { cls: PatternClass; quantifier: '' | '*' | '+' | '-' | '?' };
type CompiledPattern = { anchored: boolean; items: PatternItem[]; endAnchor: boolean; quantifiers: number };

class UnsupportedPattern extends Error {}
class MalformedPattern extends Error {}

const CLASS_LETTERS = 'acdglpsuwx';

function classMatches(letter: string, char: string): boolean {
  const code = char.charCodeAt(0);
  const lower = letter.toLowerCase();
  let result: boolean;
  switch (lower) {
    case 'a':
      result = /[A-Za-z]/.test(char);
      break;
    case 'c':
      result = code < 32 || code === 127;
      break;
    case 'd':
      result = /[0-9]/.test(char);
      break;
    case 'g':
      result = code > 32 && code < 127;
      break;
    case 'l':
      result = /[a-z]/.test(char);
      break;
    case 'p':
      result = /[!-/:-@[-`{-~]/.test(char);
      break;
    case 's':
      result = /[ \t\n\v\f\r]/.test(char);
      break;
    case 'u':
      result = /[A-Z]/.test(char);
      break;
    case 'w':
      result = /[A-Za-z0-9]/.test(char);
      break;
    case 'x':
      result = /[0-9A-Fa-f]/.test(char);
      break;
    default:
      return letter === char;
  }
  return letter === lower ? result : !result;
}

function singleMatches(cls: PatternClass, char: string): boolean {
  switch (cls.kind) {
    case 'any':
      return true;
    case 'char':
      return cls.char === char;
    case 'class':
      return classMatches(cls.letter, char);
    case 'set': {
      const hit = cls.items.some((item) =>
        item.kind === 'char'
          ? item.char === char
          : item.kind === 'range'
            ? item.from <= char && char <= item.to
            : classMatches(item.letter, char),
      );
      return cls.negate ? !hit : hit;
    }
  }
}

function compileLuaPattern(pattern: string): CompiledPattern {
  const items: PatternItem[] = [];
  let i = 0;
  let anchored = false;
  let endAnchor = false;
  if (pattern.startsWith('^')) {
    anchored = true;
    i = 1;
  }
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '$' && i === pattern.length - 1) {
      endAnchor = true;
      break;
    }
    if (c === '(' || c === ')') throw new UnsupportedPattern('captures "( )"');
    let cls: PatternClass;
    if (c === '%') {
      const next = pattern[i + 1];
      if (next === undefined) throw new MalformedPattern("malformed pattern (ends with '%')");
      if (next === 'b') throw new UnsupportedPattern('%b');
      if (next === 'f') throw new UnsupportedPattern('%f');
      if (/[0-9]/.test(next)) throw new UnsupportedPattern('back-references (%1-%9)');
      cls = CLASS_LETTERS.includes(next.toLowerCase()) ? { kind: 'class', letter: next } : { kind: 'char', char: next };
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (pattern[j] === '^') {
        negate = true;
        j++;
      }
      const setItems: SetItem[] = [];
      let first = true;
      for (;;) {
        const sc = pattern[j];
        if (sc === undefined) throw new MalformedPattern("malformed pattern (missing ']')");
        if (sc === ']' && !first) break;
        first = false;
        if (sc === '%') {
          const next = pattern[j + 1];
          if (next === undefined) throw new MalformedPattern("malformed pattern (missing ']')");
          setItems.push(CLASS_LETTERS.includes(next.toLowerCase()) ? { kind: 'class', letter: next } : { kind: 'char', char: next });
          j += 2;
        } else if (pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']') {
          setItems.push({ kind: 'range', from: sc, to: pattern[j + 2] as string });
          j += 3;
        } else {
          setItems.push({ kind: 'char', char: sc });
          j++;
        }
      }
      cls = { kind: 'set', negate, items: setItems };
      i = j + 1;
    } else if (c === '.') {
      cls = { kind: 'any' };
      i++;
    } else {
      cls = { kind: 'char', char: c };
      i++;
    }
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '-' || q === '?') {
      items.push({ cls, quantifier: q });
      i++;
    } else {
      items.push({ cls, quantifier: '' });
    }
  }
  return { anchored, items, endAnchor, quantifiers: items.filter((item) => item.quantifier !== '').length };
}

/** Lua's do_match: the end index of a match of items[k..] at s[si], or -1. */
function matchFrom(p: CompiledPattern, k: number, s: string, si: number): number {
  if (k === p.items.length) return p.endAnchor && si !== s.length ? -1 : si;
  const item = p.items[k] as PatternItem;
  const here = si < s.length && singleMatches(item.cls, s[si] as string);
  switch (item.quantifier) {
    case '':
      return here ? matchFrom(p, k + 1, s, si + 1) : -1;
    case '?': {
      if (here) {
        const r = matchFrom(p, k + 1, s, si + 1);
        if (r !== -1) return r;
      }
      return matchFrom(p, k + 1, s, si);
    }
    case '*':
    case '+': {
      let count = 0;
      while (si + count < s.length && singleMatches(item.cls, s[si + count] as string)) count++;
      const min = item.quantifier === '+' ? 1 : 0;
      for (; count >= min; count--) {
        const r = matchFrom(p, k + 1, s, si + count);
        if (r !== -1) return r;
      }
      return -1;
    }
    case '-': {
      let at = si;
      for (;;) {
        const r = matchFrom(p, k + 1, s, at);
        if (r !== -1) return r;
        if (at < s.length && singleMatches(item.cls, s[at] as string)) at++;
        else return -1;
      }
    }
  }
}

/** Lua's string.match(s, pattern) without captures: the first matched substring, or null. */
export function luaPatternMatch(s: string, pattern: string): string | null {
  const compiled = compileLuaPattern(pattern);
  for (let start = 0; start <= s.length; start++) {
    const end = matchFrom(compiled, 0, s, start);
    if (end !== -1) return s.slice(start, end);
    if (compiled.anchored) break;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The verifier

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
  const checks: Check[] = [];
  const acceptedIssuers = config.acceptedIssuers ?? [config.appId];
  const acceptedAudiences = config.acceptedAudiences ?? ['*'];
  const domainVerification = config.enableDomainVerification ?? true;
  const algorithm = config.algorithm;
  let header: Record<string, unknown> | undefined;
  let claims: Record<string, unknown> | undefined;

  const pass = (id: string, label: string, detail: string) => {
    checks.push({ id, label, ok: true, detail });
  };
  const reject = (id: string, label: string, reason: string, detail: string): Verdict => {
    checks.push({ id, label, ok: false, detail });
    return { accepted: false, reason, checks, ...(header ? { header } : {}), ...(claims ? { claims } : {}) };
  };

  // --- Login (mod_auth_token → token/util.lib.lua → luajwtjitsi) -----------------------------------
  const raw = typeof token === 'string' ? token.trim() : '';
  if (!raw) {
    if (config.allowEmptyToken) {
      pass('token', 'Token provided', 'No token: allow_empty_token is on, so Jitsi lets the user in anonymously (no room check, no role from a token).');
      return { accepted: true, role: 'participant', identity: {}, features: null, expiresAt: null, checks, header: {}, claims: {} };
    }
    return reject('token', 'Token provided', 'token required', 'No token: pass it as the IFrame API `jwt` option or in the URL fragment `#jwt=` (allow_empty_token is off).');
  }
  pass('token', 'Token provided', `${raw.length} characters.`);

  const formatLabel = 'Token format';
  const decodeHeader = (part: string): Record<string, unknown> | undefined => {
    try {
      return decodeProtectedHeader(`${part}.`) as Record<string, unknown>;
    } catch {
      return base64UrlJson(part) ?? undefined;
    }
  };

  // RS256 (asap_key_server): Prosody reads only the header first, checks kid and fetches the public
  // key before it verifies anything else.
  let verificationKey: CryptoKey | KeyObject | Uint8Array | null = null;
  if (algorithm === 'RS256') {
    const dot = raw.indexOf('.');
    if (dot <= 0) return reject('format', formatLabel, 'Invalid token', 'Expected header.payload.signature; there is no header segment.');
    header = decodeHeader(raw.slice(0, dot));
    if (!header) return reject('format', formatLabel, 'bad token format', 'The header is not base64url-encoded JSON.');
    const kid = header.kid;
    if (kid === undefined || kid === null) {
      return reject('kid', 'Key id (kid)', "'kid' claim is missing", 'An RS256 server (asap_key_server) needs `kid` in the header to find the public key.');
    }
    const kidText = typeof kid === 'string' ? kid : String(kid);
    pass('kid', 'Key id (kid)', `kid '${kidText}'.`);
    if (typeof header.alg === 'string' && !header.alg.startsWith('RS')) {
      return reject(
        'kid-alg',
        'kid used with an RS algorithm',
        "'kid' claim only support with RS family",
        `The header says alg ${show(header.alg)} with a kid; this server verifies RS256 tokens with public keys, so an HMAC-signed token is refused.`,
      );
    }
    pass('kid-alg', 'kid used with an RS algorithm', `alg ${show(header.alg)}.`);
    try {
      verificationKey = config.publicKeys ? await config.publicKeys(kidText) : null;
    } catch {
      verificationKey = null;
    }
    if (!verificationKey) {
      return reject(
        'public-key',
        'Public key for kid',
        'could not obtain public key',
        config.publicKeys
          ? `No public key for kid '${kidText}': the key server must serve <asap_key_server>/<lowercase hex sha256(kid)>.pem.`
          : 'This server has no public key source (asap_key_server) configured.',
      );
    }
    pass('public-key', 'Public key for kid', `Key found for kid '${kidText}'.`);
  }

  // luajwtjitsi: three non-empty segments, JSON header, JSON body.
  const segments = raw.split('.');
  if (segments.length !== 3 || segments.some((part) => part === '')) {
    header ??= segments[0] ? decodeHeader(segments[0]) : undefined;
    const detail =
      segments.length === 3
        ? 'A segment is empty — an unsigned token (alg "none", empty signature) is not a JWT Jitsi accepts.'
        : `Expected header.payload.signature (3 non-empty segments), got ${segments.length}.`;
    return reject('format', formatLabel, 'Invalid token', detail);
  }
  const [headerPart, payloadPart] = segments as [string, string, string];
  header ??= decodeHeader(headerPart);
  if (!header) return reject('format', formatLabel, 'Invalid header', 'The header is not base64url-encoded JSON.');
  try {
    claims = decodeJwt(raw) as Record<string, unknown>;
  } catch {
    claims = base64UrlJson(payloadPart) ?? undefined;
  }
  if (!claims) return reject('format', formatLabel, 'Invalid body', 'The payload is not a base64url-encoded JSON object.');
  pass('format', formatLabel, 'header.payload.signature with a JSON header and payload.');

  if (header.typ !== 'JWT') {
    return reject(
      'typ',
      'Header typ is JWT',
      'Invalid typ',
      header.typ === undefined
        ? 'The header has no `typ`; Jitsi requires exactly "JWT" (jose\'s SignJWT omits it unless you call setProtectedHeader({ alg, typ: "JWT" })).'
        : `The header typ is ${show(header.typ)}; Jitsi requires exactly "JWT" (case-sensitive).`,
    );
  }
  pass('typ', 'Header typ is JWT', 'typ "JWT".');

  if (header.alg !== algorithm) {
    return reject(
      'alg',
      `Header alg is ${algorithm}`,
      'Invalid or incorrect alg',
      `The header alg is ${show(header.alg)}; this server accepts only ${algorithm} (signature_algorithm)${header.alg === 'none' ? ' — unsigned tokens are never accepted' : ''}.`,
    );
  }
  pass('alg', `Header alg is ${algorithm}`, `alg "${algorithm}".`);

  const embedded = ['jwk', 'jku', 'x5u', 'x5c'].filter((name) => header?.[name] !== undefined);
  if (embedded.length > 0) {
    return reject(
      'no-embedded-key',
      'No key in the header (jwk/jku/x5u/x5c)',
      `Header carries ${embedded.map((name) => `'${name}'`).join(', ')}`,
      `The header carries ${embedded.join(', ')}. Jitsi only trusts its own app_secret / asap_key_server and never a key named or embedded in the token; Gatehouse refuses such tokens outright.`,
    );
  }
  pass('no-embedded-key', 'No key in the header (jwk/jku/x5u/x5c)', 'The token does not try to bring its own key.');

  const signatureLabel = `Signature (${algorithm})`;
  if (algorithm === 'HS256') {
    if (!config.appSecret) return reject('signature', signatureLabel, 'Invalid signature', 'This server has no app_secret configured.');
    verificationKey = new TextEncoder().encode(config.appSecret);
  }
  try {
    await compactVerify(raw, verificationKey as Uint8Array | CryptoKey | KeyObject, { algorithms: [algorithm] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return reject(
      'signature',
      signatureLabel,
      'Invalid signature',
      algorithm === 'HS256'
        ? `The HMAC does not match app_secret (${message}). Portal and Jitsi must share the same secret, byte for byte (UTF-8).`
        : `The signature does not verify with the public key for kid '${String(header.kid)}' (${message}).`,
    );
  }
  pass('signature', signatureLabel, algorithm === 'HS256' ? 'Signed with app_secret.' : `Signed with the private key for kid '${String(header.kid)}'.`);

  // exp / nbf: Lua skips absent and JSON false; JSON null (cjson.null) is truthy and not a number.
  const exp = claims.exp;
  const nbf = claims.nbf;
  const hasExp = exp !== undefined && exp !== false;
  const hasNbf = nbf !== undefined && nbf !== false;
  if (hasExp && typeof exp !== 'number') {
    return reject('exp', 'Not expired', 'exp must be number', `exp is ${show(exp)}; it must be a NumericDate (seconds since 1970, a JSON number).`);
  }
  if (hasNbf && typeof nbf !== 'number') {
    return reject('nbf', 'Not before', 'nbf must be number', `nbf is ${show(nbf)}; it must be a NumericDate (seconds since 1970, a JSON number).`);
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof exp === 'number') {
    if (nowSeconds >= exp) {
      const validFor = typeof claims.iat === 'number' ? `, valid for:${luaNumber(exp - claims.iat)} sec` : '';
      return reject(
        'exp',
        'Not expired',
        `Not acceptable by exp (${luaNumber(nowSeconds - exp)} sec since expired${validFor})`,
        `The token expired at ${new Date(exp * 1000).toISOString()} (${nowSeconds - exp} s ago; Jitsi rejects when now >= exp, no clock tolerance). A reconnect after exp fails too — mint a fresh token.`,
      );
    }
    pass('exp', 'Not expired', `Expires at ${new Date(exp * 1000).toISOString()} (in ${exp - nowSeconds} s).`);
  } else {
    pass('exp', 'Not expired', 'No exp claim: Jitsi does not check expiry, so this token never expires.');
  }
  if (typeof nbf === 'number') {
    if (nowSeconds < nbf) {
      return reject(
        'nbf',
        'Not before',
        'Not acceptable by nbf',
        `The token is not valid before ${new Date(nbf * 1000).toISOString()} (${nbf - nowSeconds} s from now; no clock tolerance). Back-date nbf a little (e.g. 30 s) to absorb clock skew.`,
      );
    }
    pass('nbf', 'Not before', `Valid since ${new Date(nbf * 1000).toISOString()}.`);
  } else {
    pass('nbf', 'Not before', 'No nbf claim.');
  }

  const iss = claims.iss;
  if (iss === undefined) return reject('iss', 'Issuer', "'iss' claim is missing", `iss is required; set it to one of ${show(acceptedIssuers)} (asap_accepted_issuers, default app_id).`);
  if (!acceptedIssuers.some((accepted) => accepted === '*' || accepted === iss)) {
    return reject('iss', 'Issuer', "invalid 'iss' claim", `iss ${show(iss)} is not in asap_accepted_issuers ${show(acceptedIssuers)}.`);
  }
  pass('iss', 'Issuer', `iss ${show(iss)} is accepted.`);

  const aud = claims.aud;
  if (aud === undefined) return reject('aud', 'Audience', "'aud' claim is missing", `aud is required; set it to one of ${show(acceptedAudiences)} (asap_accepted_audiences).`);
  if (!acceptedAudiences.some((accepted) => accepted === '*' || accepted === aud)) {
    return reject(
      'aud',
      'Audience',
      "invalid 'aud' claim",
      Array.isArray(aud)
        ? `aud is an array ${show(aud)}; Jitsi compares aud as one string, so an array only passes when "*" is accepted. Mint aud as a single string from ${show(acceptedAudiences)}.`
        : `aud ${show(aud)} is not in asap_accepted_audiences ${show(acceptedAudiences)}.`,
    );
  }
  pass('aud', 'Audience', acceptedAudiences.includes('*') ? `aud ${show(aud)} passes: "*" is accepted (any audience).` : `aud ${show(aud)} is accepted.`);

  const roomClaim = claims.room;
  if (roomClaim === undefined) {
    return reject('room-claim', 'Room claim present', "'room' claim is missing", `room is required; mint the room's backend-safe name ('${backendSafeRoomName(request.room)}' for this room).`);
  }
  pass('room-claim', 'Room claim present', `room ${show(roomClaim)}.`);

  // --- Conference join (mod_token_verification → Util:verify_room) ---------------------------------
  const mismatch = 'Room and token mismatched';
  const { user, room: contextRoom, features } = readContext(claims);
  const tenant = request.tenant ? request.tenant.toLowerCase() : undefined;
  const roomNode = backendSafeRoomName(request.room);
  const where = tenant ? `https://${config.domain}/${tenant}/${request.room}` : `https://${config.domain}/${request.room}`;

  const subLabel = 'Subject / tenant';
  const sub = claims.sub;
  if (sub === undefined) {
    return reject(
      'sub',
      subLabel,
      "'sub' claim is missing",
      `sub is required; for ${where} it must be ${tenant ? `the lowercase tenant '${tenant}'` : `the Jitsi domain '${config.domain}'`} (or "*").`,
    );
  }
  const subLower = luaLower(sub);
  const expectedSub = tenant ?? config.domain.toLowerCase();
  if (domainVerification) {
    if (subLower === null || (subLower !== '*' && subLower !== expectedSub)) {
      return reject(
        'sub',
        subLabel,
        mismatch,
        tenant
          ? `sub ${show(sub)} does not match the tenant: for ${where} sub must be the lowercase tenant '${tenant}' (or "*").`
          : `sub ${show(sub)} does not match the domain: for ${where} sub must be the Jitsi domain '${config.domain}' (or "*"). A tenant or app id in sub only fits /tenant/room URLs.`,
      );
    }
    pass('sub', subLabel, subLower === '*' ? 'sub "*" matches every domain and tenant.' : `sub ${show(sub)} matches ${tenant ? `tenant '${tenant}'` : `domain '${config.domain}'`}.`);
  } else {
    pass('sub', subLabel, `Domain verification is off (enable_domain_verification = false): sub ${show(sub)} is not compared.`);
  }

  const roomLabel = 'Room';
  const isRegex = contextRoom !== undefined && (contextRoom.regex === true || contextRoom.regex === 'true');
  if (roomClaim === '*') {
    pass('room', roomLabel, `room "*" matches every room, including '${roomNode}' — Jitsi accepts it, but never mint it: the token then opens any room.`);
  } else if (isRegex) {
    if (typeof roomClaim !== 'string') return reject('room', roomLabel, mismatch, `room ${show(roomClaim)} is not a string, so it cannot be a pattern.`);
    if (roomNode.length > REGEX_ROOM_MAX_LENGTH) {
      return reject('room', roomLabel, 'invalid-regex', `Room name '${roomNode}' is longer than ${REGEX_ROOM_MAX_LENGTH} characters (token_regex_room_max_length), so Jitsi refuses to match a pattern against it.`);
    }
    let compiled: CompiledPattern;
    try {
      compiled = compileLuaPattern(roomClaim);
    } catch (error) {
      if (error instanceof UnsupportedPattern) {
        return reject(
          'room',
          roomLabel,
          'Unsupported room pattern',
          `room ${show(roomClaim)} uses ${error.message}, which Gatehouse's checker does not evaluate (supported: literals, '.', %a %c %d %g %l %p %s %u %w %x, %-escapes, [sets], * + - ?, ^ and $). Use a simpler pattern or an exact room.`,
        );
      }
      return reject('room', roomLabel, mismatch, `room ${show(roomClaim)} is not a valid Lua pattern: ${(error as Error).message}.`);
    }
    if (compiled.quantifiers > REGEX_MAX_QUANTIFIERS) {
      return reject('room', roomLabel, 'invalid-regex', `room pattern ${show(roomClaim)} has ${compiled.quantifiers} quantifiers; Jitsi refuses more than ${REGEX_MAX_QUANTIFIERS} (token_regex_max_quantifiers).`);
    }
    const matched = luaPatternMatch(roomNode, roomClaim);
    if (matched !== roomNode) {
      return reject(
        'room',
        roomLabel,
        mismatch,
        matched === null
          ? `Lua pattern ${show(roomClaim)} (context.room.regex) does not match the room's backend-safe name '${roomNode}'.`
          : `Lua pattern ${show(roomClaim)} first matches '${matched}', not the whole backend-safe name '${roomNode}' (Jitsi compares string.match's result with the room; anchor it with ^…$ or add .*).`,
      );
    }
    pass('room', roomLabel, `Lua pattern ${show(roomClaim)} (context.room.regex) matches the backend-safe name '${roomNode}'.`);
  } else {
    const claimLower = luaLower(roomClaim);
    if (claimLower !== roomNode) {
      let detail: string;
      if (claimLower === null) {
        detail = `room ${show(roomClaim)} is not a string.`;
      } else if (backendSafeRoomName(String(roomClaim)) === roomNode) {
        detail = `Token room ${show(roomClaim)} is compared as '${claimLower}', but the room's backend-safe name is '${roomNode}' — mint the backend-safe name ('${roomNode}'), not the display name.`;
      } else {
        detail = `Token room ${show(roomClaim)} is compared as '${claimLower}' with the room's backend-safe name '${roomNode}' (from ${show(request.room)}) — this token is for another room.`;
      }
      return reject('room', roomLabel, mismatch, detail);
    }
    pass('room', roomLabel, `room ${show(roomClaim)} matches the backend-safe name '${roomNode}'.`);
  }

  // --- Accepted: advisory lines (do not change Jitsi's verdict) --------------------------------------
  if (typeof exp !== 'number') {
    checks.push({
      id: 'exp-required',
      label: 'Has exp (Gatehouse requires it)',
      ok: false,
      detail: 'Jitsi accepts a token without exp, but it never expires. Gatehouse requires exp: mint short-lived tokens.',
    });
  }
  if (claims.moderator !== undefined) {
    checks.push({
      id: 'top-level-moderator',
      label: 'No top-level moderator claim',
      ok: false,
      detail: `top-level \`moderator\` is ignored by Jitsi; put it in context.user (this token has moderator: ${show(claims.moderator)} at the top level; hosts need context.user.moderator: true plus affiliation: "owner").`,
    });
  }

  const moderatorFlag = user?.moderator;
  const affiliation = user?.affiliation;
  const byFlag = moderatorFlag === true || moderatorFlag === 'true';
  const byAffiliation = typeof affiliation === 'string' && OWNER_AFFILIATIONS.includes(affiliation);
  const role: 'moderator' | 'participant' = byFlag || byAffiliation ? 'moderator' : 'participant';
  const because =
    role === 'moderator'
      ? [byFlag ? `context.user.moderator is ${show(moderatorFlag)}` : '', byAffiliation ? `context.user.affiliation is '${String(affiliation)}'` : ''].filter(Boolean).join(' and ')
      : `neither context.user.moderator true/"true" nor context.user.affiliation owner/moderator/teacher${moderatorFlag !== undefined ? ` (moderator is ${show(moderatorFlag)})` : ''}${affiliation !== undefined ? ` (affiliation is ${show(affiliation)})` : ''}`;
  pass(
    'role',
    'Role',
    `${role}: ${because} (token_affiliation). Jicofo can still override it: keep Jicofo authentication off and enable-auto-owner = false.`,
  );

  const featureMap = features ? featureFlags(features) : null;
  pass(
    'features',
    'Features',
    featureMap
      ? `context.features present (missing keys are denied): ${Object.entries(featureMap).map(([key, value]) => `${key}=${value}`).join(', ')}.`
      : 'No context.features object: the role decides (moderators get moderator features).',
  );

  const identity: JitsiIdentity = {};
  for (const key of ['id', 'name', 'email', 'avatar'] as const) {
    const value = user?.[key];
    if (typeof value === 'string') identity[key] = value;
  }

  return {
    accepted: true,
    role,
    identity,
    features: featureMap,
    expiresAt: typeof exp === 'number' ? new Date(exp * 1000) : null,
    checks,
    header,
    claims,
  };
}
