/**
 * The token inspector: takes what someone pasted (a bare JWT or a meeting link), works out which room
 * it is for, and reports what Jitsi would do with it — by calling the one verifier
 * (`verifyJitsiToken`) with the server config from `server-config.ts` or any config the caller passes.
 * Works for tokens Gatehouse did not mint. Never throws; the result is plain JSON-serialisable data.
 */
import 'server-only';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { jitsiSettings } from '@/lib/jitsi/config';
import { jitsiServerConfigFor, xmppDomain } from '@/lib/jitsi/server-config';
import { backendSafeRoomName } from '@/lib/jitsi/room-name';
import { verifyJitsiToken, type Check, type JitsiIdentity, type JitsiServerConfig } from '@/lib/jitsi/verify';
import { durationWords } from '@/lib/time/zones';

type InspectNote = { level: 'info' | 'warning'; text: string };

export type ParsedInspectorInput = {
  kind: 'empty' | 'jwt' | 'link' | 'unrecognised';
  token: string | null;
  /** Where the token was: pasted on its own, in the link's #fragment or in its ?query. */
  tokenIn: 'bare' | 'fragment' | 'query' | null;
  link: { host: string; hostname: string; tenant: string | null; room: string | null } | null;
  notes: InspectNote[];
};

export type InspectOptions = {
  /** The Jitsi to judge against (see `jitsiServerConfigFor`). */
  config: JitsiServerConfig;
  /** Overrides the link's room; "tenant/room" also sets the tenant. As in a URL path or as displayed. */
  room?: string | null;
  tenant?: string | null;
  /** Tenant for a bare token or an explicit room (Gatehouse's JITSI_TENANT); a link's path decides otherwise. */
  defaultTenant?: string | null;
  now?: Date;
};

type ClaimTime = {
  /** The claim as a NumericDate (seconds since 1970). */
  seconds: number;
  at: string;
  /** "expires in 9 min 30 s" / "expired 5 min ago" for exp; "in …" / "… ago" otherwise. */
  relative: string;
  past: boolean;
};

export type TokenInspection = {
  checkedAt: string;
  /** Whether Jitsi, configured as `server` says, would let the token in. */
  accepted: boolean;
  /** Jitsi's exact refusal reason, or null when accepted. */
  reason: string | null;
  /** One line: "Accepted as moderator" or "Refused: <reason>". */
  verdict: string;
  role: 'moderator' | 'participant' | null;
  /** null: no context.features object (the role decides) or the token was refused. */
  features: Record<string, boolean> | null;
  /** context.user's strings; taken from the decoded claims even when the token was refused. */
  identity: JitsiIdentity;
  expiry: ClaimTime | null;
  notBefore: ClaimTime | null;
  issuedAt: ClaimTime | null;
  /** Every check the verifier made, in Prosody's order (a refusal ends with the failing one). */
  checks: Check[];
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  headerJson: string | null;
  claimsJson: string | null;
  /** False when refused: header and claims are decoded for display only. */
  verified: boolean;
  input: { kind: ParsedInspectorInput['kind']; tokenIn: ParsedInspectorInput['tokenIn']; linkHost: string | null };
  request: {
    room: string | null;
    tenant: string | null;
    roomSource: 'option' | 'link' | 'token' | 'none';
    /** False when the room came from the token itself, so the room check proves nothing. */
    roomTested: boolean;
    backendSafeRoom: string | null;
    meetingUrl: string | null;
  };
  server: {
    domain: string;
    algorithm: 'HS256' | 'RS256';
    acceptedIssuers: string[];
    acceptedAudiences: string[];
    domainVerification: boolean;
    allowEmptyToken: boolean;
  };
  notes: InspectNote[];
};

const MAX_INPUT_CHARS = 64 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unwrap(text: string): string {
  let value = text.trim();
  const pairs: Record<string, string> = { '"': '"', "'": "'", '`': '`', '<': '>' };
  const close = pairs[value[0] ?? ''];
  if (close && value.length > 1 && value.endsWith(close)) value = value.slice(1, -1).trim();
  value = value.replace(/^bearer\s+/i, '').trim();
  const param = /^[#?&]?jwt=([^&\s]*)/i.exec(value);
  return param ? (param[1] ?? '') : value;
}

function parseLink(text: string, notes: InspectNote[]): ParsedInspectorInput {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    notes.push({ level: 'warning', text: 'This looks like a link but is not a valid URL.' });
    return { kind: 'unrecognised', token: text, tokenIn: null, link: null, notes };
  }
  const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get('jwt');
  const fromQuery = url.searchParams.get('jwt');
  const clean = (token: string | null) => (token === null ? null : token.replace(/\s+/g, ''));
  const token = clean(fromFragment) || clean(fromQuery) || null;
  const tokenIn = clean(fromFragment) ? 'fragment' : clean(fromQuery) ? 'query' : null;
  if (tokenIn === 'query') {
    notes.push({ level: 'warning', text: 'The token is in the query string (?jwt=): browsers send it to the server, so it lands in web-server and proxy logs. Prefer #jwt=, which never leaves the browser.' });
  }
  if (fromFragment && fromQuery && clean(fromFragment) !== clean(fromQuery)) {
    notes.push({ level: 'warning', text: 'The link carries two different tokens (#jwt= and ?jwt=); Jitsi uses the one in the fragment, and so does this check.' });
  }
  if (!token) notes.push({ level: 'warning', text: 'The link has no #jwt= (or ?jwt=) parameter, so Jitsi gets no token from it.' });
  if (url.protocol !== 'https:') notes.push({ level: 'warning', text: 'The link uses http: Jitsi must be opened over https (browsers only allow camera and microphone on secure pages).' });

  let segments = url.pathname.split('/').filter(Boolean);
  if (segments.length > 2) {
    notes.push({ level: 'warning', text: `The link's path has ${segments.length} parts; Jitsi opens /<room> or /<tenant>/<room>, so the last two are used.` });
    segments = segments.slice(-2);
  }
  const room = segments.at(-1) ?? null;
  const tenant = segments.length === 2 && segments[0] ? safeDecode(segments[0]) : null;
  return { kind: 'link', token, tokenIn, link: { host: url.host, hostname: url.hostname.toLowerCase(), tenant, room }, notes };
}

/** Reads a pasted token or meeting link: trims, drops quotes and a `Bearer ` prefix, finds #jwt= / ?jwt=. */
export function parseInspectorInput(input: string): ParsedInspectorInput {
  const notes: InspectNote[] = [];
  const text = unwrap(input);
  if (!text) return { kind: 'empty', token: null, tokenIn: null, link: null, notes };
  if (/^https?:\/\//i.test(text) || /^[a-z0-9.-]+(:\d+)?\/\S*[#?&]jwt=/i.test(text)) return parseLink(text, notes);
  const compact = text.replace(/\s+/g, '');
  if (JWT_SHAPE.test(compact)) return { kind: 'jwt', token: compact, tokenIn: 'bare', link: null, notes };
  notes.push({ level: 'warning', text: 'This is neither a JWT (three base64url parts separated by dots) nor a meeting link with #jwt=.' });
  return { kind: 'unrecognised', token: compact, tokenIn: null, link: null, notes };
}

function claimTime(value: unknown, nowSeconds: number, kind: 'exp' | 'other'): ClaimTime | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const at = new Date(value * 1000);
  if (Number.isNaN(at.getTime())) return null;
  // Jitsi: expired when now >= exp
  const past = kind === 'exp' ? nowSeconds >= value : nowSeconds > value;
  const distance = durationWords(value - nowSeconds);
  const relative = kind === 'exp' ? (past ? `expired ${distance} ago` : `expires in ${distance}`) : past ? `${distance} ago` : `in ${distance}`;
  return { seconds: value, at: at.toISOString(), relative, past };
}

function decodeForDisplay(token: string | null): { header: Record<string, unknown> | null; claims: Record<string, unknown> | null } {
  if (!token) return { header: null, claims: null };
  let header: Record<string, unknown> | null = null;
  let claims: Record<string, unknown> | null = null;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    // not decodable: shown as missing
  }
  try {
    claims = decodeJwt(token);
  } catch {
    // not decodable: shown as missing
  }
  return { header, claims };
}

function identityFrom(claims: Record<string, unknown> | null): JitsiIdentity {
  const context = claims?.context;
  const user = typeof context === 'object' && context !== null ? (context as Record<string, unknown>).user : undefined;
  const identity: JitsiIdentity = {};
  if (typeof user !== 'object' || user === null) return identity;
  for (const key of ['id', 'name', 'email', 'avatar'] as const) {
    const value = (user as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') identity[key] = value;
  }
  return identity;
}

/** Keeps valid %XX escapes (a room may already be URL-encoded) and encodes what a path cannot carry. */
function urlPathPart(text: string): string {
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/gu, (c) => encodeURIComponent(c.toWellFormed()));
}

function splitRoomOption(room: string): { tenant: string | null; room: string } {
  const parts = room.trim().replace(/^\/+|\/+$/g, '').split('/');
  return parts.length >= 2 ? { tenant: safeDecode(parts.at(-2) ?? ''), room: parts.at(-1) ?? '' } : { tenant: null, room: parts[0] ?? '' };
}

function serverSummary(config: JitsiServerConfig): TokenInspection['server'] {
  return {
    domain: config.domain,
    algorithm: config.algorithm,
    acceptedIssuers: config.acceptedIssuers ?? [config.appId],
    acceptedAudiences: config.acceptedAudiences ?? ['*'],
    domainVerification: config.enableDomainVerification ?? true,
    allowEmptyToken: config.allowEmptyToken ?? false,
  };
}

/**
 * What Jitsi (configured as `options.config`) would do with a pasted token or meeting link.
 * The room comes from `options.room`, else the link's path, else — with a visible note that the room
 * check then proves nothing — the token's own `room` claim.
 */
export async function inspectJitsiToken(input: string, options: InspectOptions): Promise<TokenInspection> {
  const now = options.now ?? new Date();
  try {
    if (typeof input !== 'string') return unreadable(options.config, now, 'Nothing readable was given.');
    if (input.length > MAX_INPUT_CHARS) {
      return unreadable(options.config, now, `The input is ${input.length} characters long; a Jitsi token is a few hundred to a few thousand.`);
    }
    return await inspect(input, options, now);
  } catch (error) {
    // Nothing above throws for bad input; this keeps the promise if something unexpected does.
    return unreadable(options.config, now, `The inspector could not read this input (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function unreadable(config: JitsiServerConfig, now: Date, detail: string): TokenInspection {
  return {
    checkedAt: now.toISOString(),
    accepted: false,
    reason: 'Invalid token',
    verdict: 'Refused: Invalid token',
    role: null,
    features: null,
    identity: {},
    expiry: null,
    notBefore: null,
    issuedAt: null,
    checks: [{ id: 'input', label: 'Readable input', ok: false, detail }],
    header: null,
    claims: null,
    headerJson: null,
    claimsJson: null,
    verified: false,
    input: { kind: 'unrecognised', tokenIn: null, linkHost: null },
    request: { room: null, tenant: null, roomSource: 'none', roomTested: false, backendSafeRoom: null, meetingUrl: null },
    server: serverSummary(config),
    notes: [],
  };
}

async function inspect(input: string, options: InspectOptions, now: Date): Promise<TokenInspection> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const parsed = parseInspectorInput(input);
  const notes = [...parsed.notes];
  const decoded = decodeForDisplay(parsed.token);

  // Which room and tenant the join is for.
  let room: string | null = null;
  let tenant: string | null = null;
  let roomSource: TokenInspection['request']['roomSource'] = 'none';
  if (options.room && options.room.trim()) {
    const split = splitRoomOption(options.room);
    room = split.room;
    tenant = options.tenant ?? split.tenant ?? (parsed.link ? parsed.link.tenant : (options.defaultTenant ?? null));
    roomSource = 'option';
    if (parsed.link?.room && backendSafeRoomName(parsed.link.room) !== backendSafeRoomName(room)) {
      notes.push({ level: 'info', text: `The room given (${room}) overrides the link's room (${safeDecode(parsed.link.room)}).` });
    }
  } else if (parsed.link?.room) {
    room = parsed.link.room;
    tenant = options.tenant ?? parsed.link.tenant;
    roomSource = 'link';
  } else {
    tenant = options.tenant ?? parsed.link?.tenant ?? options.defaultTenant ?? null;
    const claimRoom = decoded.claims?.room;
    if (typeof claimRoom === 'string') {
      room = claimRoom;
      roomSource = 'token';
      notes.push({
        level: 'warning',
        text: `No room was given, so the token is checked against its own room claim '${claimRoom}': the room check was not really tested. Paste the meeting link or give the room.`,
      });
    } else if (parsed.token) {
      notes.push({ level: 'warning', text: 'No room was given and the token names none, so the room could not be checked.' });
    }
  }
  if (parsed.link && options.defaultTenant && !parsed.link.tenant && !tenant) {
    notes.push({ level: 'info', text: `Gatehouse's meetings open under /${options.defaultTenant}/<room>, but this link has no tenant.` });
  }

  const configuredHost = xmppDomain(options.config.domain);
  if (parsed.link && parsed.link.hostname !== configuredHost) {
    notes.push({
      level: 'warning',
      text: `The link opens ${parsed.link.host}, but the configured Jitsi is ${options.config.domain}: this verdict uses ${options.config.domain}'s settings (secret or keys, issuers, audiences).`,
    });
  }

  const verdict = await verifyJitsiToken(parsed.token, { room: room ?? '', ...(tenant ? { tenant } : {}) }, options.config, now);

  const header = verdict.header && Object.keys(verdict.header).length > 0 ? verdict.header : decoded.header;
  const claims = verdict.claims && Object.keys(verdict.claims).length > 0 ? verdict.claims : decoded.claims;
  if (!verdict.accepted && (header || claims)) {
    notes.push({ level: 'info', text: 'The token was refused: its header and claims are shown decoded, not verified.' });
  }

  const tenantPath = tenant ? `${urlPathPart(tenant.toLowerCase())}/` : '';
  return {
    checkedAt: now.toISOString(),
    accepted: verdict.accepted,
    reason: verdict.accepted ? null : verdict.reason,
    verdict: verdict.accepted ? `Accepted as ${verdict.role}` : `Refused: ${verdict.reason}`,
    role: verdict.accepted ? verdict.role : null,
    features: verdict.accepted ? verdict.features : null,
    identity: identityFrom(claims),
    expiry: claimTime(claims?.exp, nowSeconds, 'exp'),
    notBefore: claimTime(claims?.nbf, nowSeconds, 'other'),
    issuedAt: claimTime(claims?.iat, nowSeconds, 'other'),
    checks: verdict.checks,
    header,
    claims,
    headerJson: header ? JSON.stringify(header, null, 2) : null,
    claimsJson: claims ? JSON.stringify(claims, null, 2) : null,
    verified: verdict.accepted,
    input: { kind: parsed.kind, tokenIn: parsed.tokenIn, linkHost: parsed.link?.host ?? null },
    request: {
      room,
      tenant,
      roomSource,
      roomTested: roomSource === 'option' || roomSource === 'link',
      backendSafeRoom: room === null ? null : backendSafeRoomName(room),
      meetingUrl: room === null ? null : `https://${parsed.link?.host ?? options.config.domain}/${tenantPath}${urlPathPart(room)}`,
    },
    server: serverSummary(options.config),
    notes,
  };
}

/** The inspector against the Jitsi that Gatehouse's setup blocks configure (its current settings). */
export async function inspectTokenForGatehouse(input: string, options: Omit<InspectOptions, 'config' | 'defaultTenant'> = {}): Promise<TokenInspection> {
  const settings = jitsiSettings();
  const result = await inspectJitsiToken(input, { ...options, config: jitsiServerConfigFor(settings), defaultTenant: settings.tenant ?? null });
  if (settings.standin) {
    result.notes.push({ level: 'info', text: `Gatehouse is using its built-in Jitsi stand-in (${settings.domain}); this is what a real Jitsi configured with the setup blocks would do.` });
  }
  return result;
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** Plain text for the command line: decoded token, ✓/✗ checks in order, notes, verdict last. */
export function formatInspection(result: TokenInspection): string {
  const { server, request } = result;
  const lines: string[] = [];
  lines.push(`What Jitsi at ${server.domain} would do with this token`);
  lines.push(
    `  Server:  ${server.algorithm}, iss ${server.acceptedIssuers.join('|')}, aud ${server.acceptedAudiences.join('|')}, domain verification ${server.domainVerification ? 'on' : 'off'}${server.allowEmptyToken ? ', empty tokens allowed' : ''}`,
  );
  const source = { option: 'as given', link: 'from the link', token: "from the token's own claim — not really tested", none: 'unknown' }[request.roomSource];
  lines.push(`  Meeting: ${request.meetingUrl ?? '(no room)'} (room ${source}${request.backendSafeRoom !== null ? `; Jitsi name '${request.backendSafeRoom}'` : ''})`);
  if (result.input.tokenIn) lines.push(`  Token:   ${{ bare: 'pasted on its own', fragment: "from the link's #jwt=", query: "from the link's ?jwt=" }[result.input.tokenIn]}`);
  lines.push('');
  if (result.headerJson) lines.push(`Header${result.verified ? '' : ' (decoded, not verified)'}:`, indent(result.headerJson), '');
  if (result.claimsJson) lines.push(`Claims${result.verified ? '' : ' (decoded, not verified)'}:`, indent(result.claimsJson), '');

  lines.push('Checks:');
  for (const check of result.checks) {
    const advisory = result.accepted && !check.ok ? ' (advisory: Jitsi still accepts)' : '';
    lines.push(`  ${check.ok ? '✓' : '✗'} ${check.label}${advisory} — ${check.detail}`);
  }
  if (result.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of result.notes) lines.push(`  ${note.level === 'warning' ? '!' : '·'} ${note.text}`);
  }

  const identity = result.identity;
  const who = [identity.name, identity.email ? `<${identity.email}>` : '', identity.id ? `(id ${identity.id})` : ''].filter(Boolean).join(' ');
  lines.push('');
  if (who) lines.push(`Identity: ${who}`);
  if (result.expiry) lines.push(`Expires:  ${result.expiry.at} (${result.expiry.relative})`);
  else if (result.claims) lines.push('Expires:  never (no exp claim)');
  if (result.accepted) {
    lines.push(`Role:     ${result.role}`);
    lines.push(`Features: ${result.features ? Object.entries(result.features).map(([key, on]) => `${key}=${on}`).join(', ') : 'no context.features: the role decides'}`);
  }
  lines.push('', result.accepted ? `Verdict: ACCEPTED as ${result.role}` : `Verdict: REFUSED — ${result.reason}`);
  return lines.join('\n');
}
