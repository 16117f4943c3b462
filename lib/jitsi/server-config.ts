/**
 * The Jitsi server settings that match Gatehouse's own token settings, as copyable blocks (Prosody,
 * Jicofo, docker-jitsi-meet), plus the `JitsiServerConfig` such a server has. Both come from one plan
 * (`planFor`), so the token inspector's "what Jitsi would do" and "the config we told you to write"
 * cannot drift apart. Facts: docs/jitsi-token-contract.md.
 *
 * Decisions:
 * - XMPP host names never carry a port: `meet.example.com:8443` configures `meet.example.com`.
 * - Domain verification is on only with a tenant. With a tenant, `sub` is the tenant and it is what
 *   keeps one tenant's tokens out of another's rooms. Without one there is a single domain and a single
 *   secret, so checking `sub` adds nothing, while it would refuse every token where the XMPP domain is
 *   not the web host (docker-jitsi-meet's internal `meet.jitsi`, or a JITSI_DOMAIN with a port).
 * - Secrets are replaced by a placeholder unless `reveal` is set; nothing else changes.
 * - The lobby is Jitsi's own `muc_lobby_rooms` + `persistent_lobby`, switched per person by the token
 *   through two community modules (`token_lobby_ondemand`, `token_lobby_bypass`) that are not shipped
 *   with Jitsi: the blocks say where to get them. `end_conference` lets a moderator end the meeting for
 *   everyone (the IFrame API's endConference).
 */
import 'server-only';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JitsiSettings } from '@/lib/jitsi/config';
import type { JitsiServerConfig } from '@/lib/jitsi/verify';

export type ServerConfigBlock = {
  id: 'prosody' | 'jicofo' | 'docker-env' | 'events';
  title: string;
  /** Where the text goes. */
  file: string;
  language: 'lua' | 'hocon' | 'dotenv';
  text: string;
  explanation: string;
  /** True when `text` carries the shared secret (or its placeholder when masked). */
  containsSecret: boolean;
};

export type JitsiServerSetup = {
  /** The XMPP domain (JITSI_DOMAIN without its port). */
  domain: string;
  /** JITSI_DOMAIN as configured (host[:port]). */
  webDomain: string;
  tenant: string | null;
  algorithm: 'HS256' | 'RS256';
  /** RS256: Prosody's asap_key_server (Gatehouse's /api/jitsi/keys). */
  keyServerUrl: string | null;
  domainVerification: boolean;
  /** Whether secrets are shown in `blocks` (otherwise a placeholder stands in for them). */
  revealed: boolean;
  /** Prosody, then Jicofo (together: a hand-installed Jitsi), then docker-jitsi-meet's .env. */
  blocks: ServerConfigBlock[];
  /** Why the blocks look the way they do for this configuration (port dropped, stand-in, key server…). */
  notes: string[];
};

export type ServerSetupOptions = {
  /** The portal's public origin, e.g. https://portal.example.com (for asap_key_server with RS256). */
  publicOrigin?: string | null;
  /** Show the shared secret instead of a placeholder. */
  reveal?: boolean;
  /** JITSI_EVENTS_SECRET: with it, a block for Jitsi's event_sync component (attendance and Live now). */
  eventsSecret?: string | null;
};

export type OutdatedSnippet = {
  id: string;
  /** What people copy. */
  snippet: string;
  /** Where it is usually pasted. */
  where: string;
  why: string;
  instead: string;
};

/** Stands in for the shared secret in masked blocks; never derived from the secret. */
export const HIDDEN_SECRET = '<hidden: JITSI_APP_SECRET, reveal to copy>';
const ORIGIN_PLACEHOLDER = 'https://<your Gatehouse address>';
/** Where the two community lobby modules come from (both documented in that repository's README). */
const LOBBY_MODULES_SOURCE = 'https://github.com/jitsi-contrib/prosody-plugins';
const LOBBY_MODULES = ['token_lobby_ondemand', 'token_lobby_bypass'] as const;
const KEY_SERVER_PATH = '/api/jitsi/keys';
const HIDDEN_EVENTS_SECRET = '<hidden: JITSI_EVENTS_SECRET, reveal to copy>';

type Plan = {
  domain: string;
  webDomain: string;
  tenant: string | null;
  appId: string;
  issuers: string[];
  audiences: string[];
  domainVerification: boolean;
  signing: { alg: 'HS256'; secret: string } | { alg: 'RS256'; keys: { kid: string; pem: string }[] };
};

/** The host name Jitsi's XMPP side uses for a JITSI_DOMAIN: lowercase, without a port. */
export function xmppDomain(domain: string): string {
  const trimmed = domain.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d+$/, '');
}

/** Where meetings open, for the blocks' header lines. */
function meetingsAt(plan: Plan): string {
  return `https://${plan.webDomain}/${plan.tenant ? `${plan.tenant}/` : ''}<room>`;
}

function planFor(settings: JitsiSettings): Plan {
  return {
    domain: xmppDomain(settings.domain),
    webDomain: settings.domain,
    tenant: settings.tenant ?? null,
    appId: settings.appId,
    issuers: [settings.appId],
    audiences: [settings.audience],
    domainVerification: Boolean(settings.tenant),
    signing:
      settings.signing.alg === 'HS256'
        ? { alg: 'HS256', secret: new TextDecoder().decode(settings.signing.secret) }
        : { alg: 'RS256', keys: settings.publishedKeys },
  };
}

/**
 * The configuration a Jitsi set up exactly as `jitsiServerSetup(settings)` says would enforce.
 * RS256 keys are looked up in the settings' published keys (what Prosody would fetch from
 * asap_key_server), without any network access.
 */
export function jitsiServerConfigFor(settings: JitsiSettings): JitsiServerConfig {
  const plan = planFor(settings);
  const config: JitsiServerConfig = {
    domain: plan.domain,
    appId: plan.appId,
    acceptedIssuers: plan.issuers,
    acceptedAudiences: plan.audiences,
    algorithm: plan.signing.alg,
    enableDomainVerification: plan.domainVerification,
    allowEmptyToken: false,
  };
  if (plan.signing.alg === 'HS256') return { ...config, appSecret: plan.signing.secret };
  const keys = new Map<string, KeyObject>(plan.signing.keys.map((key) => [key.kid, createPublicKey(key.pem)]));
  return { ...config, publicKeys: async (kid) => keys.get(kid) ?? null };
}

function luaString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

function luaList(values: string[]): string {
  return `{ ${values.map(luaString).join(', ')} }`;
}

type EnvQuote = 'bare' | 'single' | 'double';

/** How docker compose's .env must quote `value`: bare when safe, else single quotes (taken literally). */
function envQuote(value: string): EnvQuote {
  if (/^[A-Za-z0-9_./:+=@,-]*$/.test(value)) return 'bare';
  return value.includes("'") ? 'double' : 'single';
}

function envValue(value: string, quote: EnvQuote = envQuote(value)): string {
  if (quote === 'bare') return value;
  if (quote === 'single') return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`;
}

function keyServerUrl(publicOrigin: string | null | undefined): { url: string; origin: URL | null } {
  if (publicOrigin) {
    try {
      const origin = new URL(publicOrigin);
      if (origin.protocol === 'https:' || origin.protocol === 'http:') return { url: `${origin.origin}${KEY_SERVER_PATH}`, origin };
    } catch {
      // fall through to the placeholder
    }
  }
  return { url: `${ORIGIN_PLACEHOLDER}${KEY_SERVER_PATH}`, origin: null };
}

function prosodyBlock(plan: Plan, secretText: string, keyServer: string): ServerConfigBlock {
  const { domain } = plan;
  const signing =
    plan.signing.alg === 'HS256'
      ? [`    app_secret = ${luaString(secretText)}`]
      : [`    asap_key_server = ${luaString(keyServer)}`, '    signature_algorithm = "RS256"'];
  const text = [
    `-- Gatehouse: token authentication for ${meetingsAt(plan)} (${plan.signing.alg === 'HS256' ? 'HS256, shared secret' : 'RS256, public keys from Gatehouse'})`,
    `-- Merge into /etc/prosody/conf.avail/${domain}.cfg.lua (keep its other settings), then: systemctl restart prosody`,
    '',
    '-- At the top of the file, before the first VirtualHost:',
    `muc_mapper_domain_base = ${luaString(domain)}`,
    '',
    `VirtualHost ${luaString(domain)}`,
    '    authentication = "token"',
    `    app_id = ${luaString(plan.appId)}`,
    ...signing,
    `    asap_accepted_issuers = ${luaList(plan.issuers)}`,
    `    asap_accepted_audiences = ${luaList(plan.audiences)}`,
    '    allow_empty_token = false',
    `    enable_domain_verification = ${plan.domainVerification}`,
    '    modules_enabled = {',
    '        -- keep the modules already listed here, and add:',
    '        "muc_lobby_rooms";',
    '        "persistent_lobby";',
    '        "end_conference";',
    '    }',
    `    main_muc = ${luaString(`conference.${domain}`)}`,
    `    lobby_muc = ${luaString(`lobby.${domain}`)}`,
    `    muc_lobby_whitelist = ${luaList([`recorder.${domain}`])}`,
    `    end_conference_component = ${luaString(`endconference.${domain}`)}`,
    '',
    `Component ${luaString(`conference.${domain}`)} "muc"`,
    '    modules_enabled = {',
    '        -- keep the modules already listed here, and add:',
    '        "token_verification";',
    '        "token_affiliation";',
    '        -- community modules, see below:',
    ...LOBBY_MODULES.map((name) => `        ${luaString(name)};`),
    '    }',
    '',
    `Component ${luaString(`lobby.${domain}`)} "muc"`,
    '    storage = "memory"',
    '    restrict_room_creation = true',
    '    muc_room_locking = false',
    '    muc_room_default_public_jids = true',
    '',
    `Component ${luaString(`endconference.${domain}`)} "end_conference"`,
    `    muc_component = ${luaString(`conference.${domain}`)}`,
    '',
    `-- ${LOBBY_MODULES.join(' and ')} are not part of Jitsi: copy`,
    ...LOBBY_MODULES.map((name) => `--   ${name}/mod_${name}.lua`),
    `-- from ${LOBBY_MODULES_SOURCE} into /usr/share/jitsi-meet/prosody-plugins/`,
    '-- (or another directory in plugin_paths).',
    '',
  ].join('\n');
  const verification = plan.domainVerification
    ? `Domain verification is on: sub must be the tenant '${plan.tenant}', so a token for one tenant cannot open another's rooms.`
    : 'Domain verification is off: without a tenant there is one domain and one secret, so comparing sub adds nothing.';
  return {
    id: 'prosody',
    title: 'Prosody',
    file: `/etc/prosody/conf.avail/${domain}.cfg.lua`,
    language: 'lua',
    text,
    explanation:
      `Logins need a token (${plan.signing.alg === 'HS256' ? 'signed with the shared secret' : 'signed with Gatehouse\'s key, fetched by kid from asap_key_server'}) issued by '${plan.appId}' for audience '${plan.audiences.join("', '")}'; ` +
      'no token, no entry. token_verification checks the room claim when someone joins a room, and token_affiliation makes hosts moderators from context.user. ' +
      `The lobby is Jitsi's muc_lobby_rooms with persistent_lobby; ${LOBBY_MODULES[0]} switches it on when someone whose token says lobby: true arrives, and ${LOBBY_MODULES[1]} lets tokens with lobby_bypass: true (hosts, co-hosts, admins) walk past it. ` +
      'end_conference lets a moderator end the meeting for everyone. ' +
      verification,
    containsSecret: plan.signing.alg === 'HS256',
  };
}

function jicofoBlock(plan: Plan): ServerConfigBlock {
  const text = [
    `# Gatehouse: token-driven moderators for ${meetingsAt(plan)}`,
    '# Merge into /etc/jitsi/jicofo/jicofo.conf, then: systemctl restart jicofo',
    'jicofo {',
    '  # No `authentication { … }` block: any enabled Jicofo authentication',
    '  # makes every authenticated user a moderator.',
    '  conference {',
    '    # The first person in must not become moderator: the token decides.',
    '    enable-auto-owner = false',
    '  }',
    '}',
    '',
  ].join('\n');
  return {
    id: 'jicofo',
    title: 'Jicofo',
    file: '/etc/jitsi/jicofo/jicofo.conf',
    language: 'hocon',
    text,
    explanation:
      'Jicofo can hand out moderator rights on its own: with its authentication on, every logged-in user becomes moderator, and with enable-auto-owner (on by default) the first person in does. ' +
      'Both must be off so that only tokens with context.user.moderator / affiliation "owner" make moderators — the most common "everyone is moderator" cause.',
    containsSecret: false,
  };
}

function dockerBlock(plan: Plan, secretText: string, keyServer: string): ServerConfigBlock {
  // The placeholder is quoted like the real secret would be, so masking changes nothing but the value.
  const signing =
    plan.signing.alg === 'HS256'
      ? [`JWT_APP_SECRET=${envValue(secretText, envQuote(plan.signing.secret))}`]
      : [`JWT_ASAP_KEYSERVER=${envValue(keyServer)}`, 'JWT_SIGN_TYPE=RS256'];
  const text = [
    `# Gatehouse: token authentication for ${meetingsAt(plan)} (${plan.signing.alg})`,
    '# docker-jitsi-meet .env: add or change these lines, then: docker compose up -d --force-recreate',
    'ENABLE_AUTH=1',
    'AUTH_TYPE=jwt',
    `JWT_APP_ID=${envValue(plan.appId)}`,
    ...signing,
    `JWT_ACCEPTED_ISSUERS=${envValue(plan.issuers.join(','))}`,
    `JWT_ACCEPTED_AUDIENCES=${envValue(plan.audiences.join(','))}`,
    'JWT_ALLOW_EMPTY=0',
    `JWT_ENABLE_DOMAIN_VERIFICATION=${plan.domainVerification ? 1 : 0}`,
    '# Comma-separated: keep any modules already listed.',
    `XMPP_MUC_MODULES=${['token_affiliation', ...LOBBY_MODULES].join(',')}`,
    'XMPP_MODULES=persistent_lobby',
    'ENABLE_LOBBY=1',
    'ENABLE_END_CONFERENCE=1',
    'JICOFO_ENABLE_AUTH=0',
    'ENABLE_AUTO_OWNER=0',
    `# ${LOBBY_MODULES.join(' and ')}: copy ${LOBBY_MODULES.map((name) => `${name}/mod_${name}.lua`).join(' and ')}`,
    `# from ${LOBBY_MODULES_SOURCE} into ~/.jitsi-meet-cfg/prosody/prosody-plugins-custom/`,
    ...(plan.tenant ? ['# Tenants: /<tenant>/<room> URLs.', 'ENABLE_SUBDOMAINS=1'] : []),
    '',
  ].join('\n');
  return {
    id: 'docker-env',
    title: 'docker-jitsi-meet',
    file: '.env (next to docker-compose.yml)',
    language: 'dotenv',
    text,
    explanation:
      'The same settings for docker-jitsi-meet, which writes the Prosody and Jicofo files from these variables (AUTH_TYPE=jwt also enables token_verification; ENABLE_LOBBY adds the lobby component and muc_lobby_rooms, ENABLE_END_CONFERENCE the end_conference component). ' +
      'The two community lobby modules must be in the prosody-plugins-custom folder before the container starts. ' +
      (plan.domainVerification
        ? 'Domain verification is on because tokens name the tenant in sub.'
        : 'Domain verification stays off: its XMPP domain is the internal meet.jitsi, which Gatehouse\'s sub does not name.') +
      (plan.tenant ? ' ENABLE_SUBDOMAINS=1 serves /<tenant>/<room> URLs.' : ''),
    containsSecret: plan.signing.alg === 'HS256',
  };
}

/** Jitsi's event_sync component, reporting who joins and leaves to Gatehouse's receiver. */
function eventsBlock(plan: Plan, secretText: string, origin: string): ServerConfigBlock {
  const { domain } = plan;
  const plugin = 'event_sync/mod_event_sync_component.lua';
  const text = [
    `-- Gatehouse: attendance and "Live now" from Jitsi's own events, for ${meetingsAt(plan)}`,
    `-- Add to /etc/prosody/conf.avail/${domain}.cfg.lua (docker-jitsi-meet: a new file`,
    '-- ~/.jitsi-meet-cfg/prosody/conf.d/gatehouse-events.cfg.lua), then restart Prosody.',
    `Component ${luaString(`event_sync.${domain}`)} "event_sync_component"`,
    `    muc_component = ${luaString(`conference.${domain}`)}`,
    `    breakout_component = ${luaString(`breakout.${domain}`)}`,
    `    api_prefix = ${luaString(`${origin}/api/jitsi/events`)}`,
    `    api_headers = { ["Authorization"] = ${luaString(`Bearer ${secretText}`)}; }`,
    '    api_retry_count = 3',
    '',
    `-- event_sync is not part of Jitsi: copy ${plugin}`,
    `-- from ${LOBBY_MODULES_SOURCE} into /usr/share/jitsi-meet/prosody-plugins/`,
    '-- (docker-jitsi-meet: ~/.jitsi-meet-cfg/prosody/prosody-plugins-custom/).',
    '',
  ].join('\n');
  return {
    id: 'events',
    title: 'Jitsi events (event_sync)',
    file: `/etc/prosody/conf.avail/${domain}.cfg.lua`,
    language: 'lua',
    text,
    explanation:
      'With this component Prosody tells Gatehouse who joins and leaves which room (also people who joined from the Jitsi app, or closed their laptop): attendance then shows Jitsi\'s own times, and Admin → Live now who is in which meeting. ' +
      'Gatehouse accepts the events only with the secret in the Authorization header, and recognises repeated deliveries.',
    containsSecret: true,
  };
}

/**
 * The server-side settings matching Gatehouse's Jitsi settings, as copyable blocks with notes.
 * `publicOrigin` is needed for RS256 (asap_key_server points at `<origin>/api/jitsi/keys`).
 */
export function jitsiServerSetup(settings: JitsiSettings, options: ServerSetupOptions = {}): JitsiServerSetup {
  const plan = planFor(settings);
  const revealed = options.reveal === true;
  const secretText = plan.signing.alg === 'HS256' && revealed ? plan.signing.secret : HIDDEN_SECRET;
  const keyServer = keyServerUrl(options.publicOrigin);
  const notes: string[] = [];

  if (settings.standin) {
    notes.push(`Gatehouse is using its built-in Jitsi stand-in at https://${settings.domain}; these blocks are what a real Jitsi there would need.`);
  }
  if (plan.domain !== settings.domain.toLowerCase()) {
    notes.push(`JITSI_DOMAIN ${settings.domain} carries a port; Jitsi's XMPP host names never do, so the blocks use ${plan.domain}.`);
  }
  if (plan.signing.alg === 'HS256') {
    notes.push('The Prosody and docker blocks carry the shared secret (hidden unless revealed): whoever has it can mint tokens for this Jitsi, so paste it only into the server\'s own files.');
  } else {
    const kids = plan.signing.keys.map((key) => key.kid);
    notes.push(`Prosody fetches public keys from ${keyServer.url}/<sha256(kid)>.pem; Gatehouse publishes ${kids.length === 1 ? `kid '${kids[0]}'` : `kids ${kids.map((kid) => `'${kid}'`).join(', ')}`} there.`);
    if (!keyServer.origin) {
      notes.push('The portal\'s public address is unknown (set AUTH_URL): replace the placeholder in asap_key_server / JWT_ASAP_KEYSERVER.');
    } else {
      if (keyServer.origin.protocol !== 'https:') notes.push('asap_key_server uses plain http: anyone on the path could swap the public keys. Serve Gatehouse over https.');
      if (['localhost', '127.0.0.1', '[::1]'].includes(keyServer.origin.hostname)) {
        notes.push(`asap_key_server points at ${keyServer.origin.hostname}: Prosody must be able to reach it from the Jitsi server.`);
      }
    }
  }

  return {
    domain: plan.domain,
    webDomain: plan.webDomain,
    tenant: plan.tenant,
    algorithm: plan.signing.alg,
    keyServerUrl: plan.signing.alg === 'RS256' ? keyServer.url : null,
    domainVerification: plan.domainVerification,
    revealed,
    blocks: [
      prosodyBlock(plan, secretText, keyServer.url),
      jicofoBlock(plan),
      dockerBlock(plan, secretText, keyServer.url),
      ...(options.eventsSecret ? [eventsBlock(plan, revealed ? options.eventsSecret : HIDDEN_EVENTS_SECRET, keyServer.origin?.origin ?? ORIGIN_PLACEHOLDER)] : []),
    ],
    notes,
  };
}

/** Advice that still circulates and why it is wrong today (docs/jitsi-token-contract.md, "A server set up to match"). */
export const OUTDATED_JITSI_SNIPPETS: readonly OutdatedSnippet[] = [
  {
    id: 'jicofo-auth-url',
    snippet: 'org.jitsi.jicofo.auth.URL=XMPP:meet.example.com',
    where: '/etc/jitsi/jicofo/sip-communicator.properties',
    why: 'It selects XMPP ("secure domain") password login in Jicofo, not JWT, and any Jicofo authentication makes every authenticated user a moderator.',
    instead: 'Leave Jicofo authentication off (JICOFO_ENABLE_AUTH=0 on docker); Prosody checks the token.',
  },
  {
    id: 'jicofo-authentication-enabled',
    snippet: 'jicofo { authentication { enabled = true, type = JWT, … } }  /  JICOFO_ENABLE_AUTH=1',
    where: 'jicofo.conf / docker-jitsi-meet .env',
    why: 'With Jicofo authentication on, every authenticated user becomes owner, so the token\'s role is ignored.',
    instead: 'No authentication block in jicofo.conf; JICOFO_ENABLE_AUTH=0.',
  },
  {
    id: 'enable-auto-owner',
    snippet: 'enable-auto-owner left at its default (true)',
    where: 'jicofo.conf (jicofo.conference.enable-auto-owner) / ENABLE_AUTO_OWNER',
    why: 'The first person to join becomes moderator, whatever the token says.',
    instead: 'jicofo.conference.enable-auto-owner = false; ENABLE_AUTO_OWNER=0.',
  },
  {
    id: 'config-jwt-roles',
    snippet: 'config.jwt = { enableUserRolesBasedOnToken: true }',
    where: 'config.js / custom-config.js',
    why: 'This option does not exist in today\'s config.js and never granted moderator rights.',
    instead: 'Roles come from the token_affiliation module on the conference component.',
  },
  {
    id: 'top-level-moderator',
    snippet: '{ "moderator": true, … }',
    where: 'token claims',
    why: 'Jitsi ignores a top-level moderator claim; the user joins as a participant.',
    instead: 'context.user.moderator: true plus context.user.affiliation: "owner".',
  },
  {
    id: 'allow-empty-token',
    snippet: 'allow_empty_token = true  /  JWT_ALLOW_EMPTY=1',
    where: 'Prosody VirtualHost / docker-jitsi-meet .env',
    why: 'Anyone without a token gets in anonymously, so the room claim is never enforced for them.',
    instead: 'allow_empty_token = false; JWT_ALLOW_EMPTY=0.',
  },
  {
    id: 'missing-token-verification',
    snippet: 'modules_enabled = { … } without "token_verification"',
    where: 'Prosody Component "conference.<domain>" "muc"',
    why: 'Without it the room claim is never checked: any valid token opens any room.',
    instead: 'Add "token_verification" (and "token_affiliation") to the conference component.',
  },
  {
    id: 'array-aud',
    snippet: '{ "aud": ["jitsi"] }',
    where: 'token claims',
    why: 'Jitsi compares aud as one string: an array is refused unless asap_accepted_audiences contains "*".',
    instead: '"aud": "jitsi" (a single string, listed in asap_accepted_audiences).',
  },
  {
    id: 'missing-typ',
    snippet: 'new SignJWT(claims).setProtectedHeader({ alg: "HS256" })',
    where: 'token minting code',
    why: 'Jitsi requires the header typ to be exactly "JWT" ("Invalid typ"); many libraries, jose included, leave it out.',
    instead: 'setProtectedHeader({ alg: "HS256", typ: "JWT" }) (RS256: also kid).',
  },
  {
    id: 'room-display-name',
    snippet: '{ "room": "Team Standup" }',
    where: 'token claims',
    why: 'Jitsi compares the room\'s lowercase, URL-encoded name: "Team Standup" must be minted as "team%20standup".',
    instead: 'Mint the backend-safe room name.',
  },
  {
    id: 'room-wildcard',
    snippet: '{ "room": "*" }',
    where: 'token claims',
    why: 'Jitsi accepts it for every room: the token then opens any meeting.',
    instead: 'Mint one token per room.',
  },
  {
    id: 'clock-leeway',
    snippet: 'nbf = now (relying on a clock tolerance)',
    where: 'token minting code',
    why: 'Jitsi applies no tolerance to exp or nbf: a Jitsi clock a second behind refuses a fresh token.',
    instead: 'Back-date nbf a little (JITSI_CLOCK_SKEW_SECONDS) and keep the clocks in sync (NTP).',
  },
];
