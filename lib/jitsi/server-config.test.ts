import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JitsiSettings } from './config';
import { HIDDEN_SECRET, OUTDATED_JITSI_SNIPPETS, jitsiServerConfigFor, jitsiServerSetup, xmppDomain } from './server-config';
import { mintJoinToken, type MintInput } from './token';
import { verifyJitsiToken } from './verify';

const SECRET = 'fixture-only-Zq7xK2pV9mW4nR8tY3bL6cH1dF5g';
const KID = 'gatehouse-2026-11';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const hsSettings: JitsiSettings = {
  domain: 'meet.example.com',
  appId: 'gatehouse',
  audience: 'jitsi',
  ttlSeconds: 600,
  skewSeconds: 30,
  standin: false,
  signing: { alg: 'HS256', secret: new TextEncoder().encode(SECRET) },
  publishedKeys: [],
};
const rsTenantSettings: JitsiSettings = {
  ...hsSettings,
  tenant: 'acme',
  signing: { alg: 'RS256', kid: KID, privateKey: keys.privateKey },
  publishedKeys: [{ kid: KID, pem: publicPem }],
};

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const block = (setup: ReturnType<typeof jitsiServerSetup>, id: string) => {
  const found = setup.blocks.find((b) => b.id === id);
  assert.ok(found, `block ${id}`);
  return found;
};

const room: MintInput['room'] = { jitsiName: 'Team Standup', moderatorRecording: true, moderatorLivestreaming: false, moderatorTranscription: false };
const mint = (role: 'moderator' | 'participant', settings: JitsiSettings, now: Date) =>
  mintJoinToken({ identity: { id: `u-${role}`, name: `A ${role}`, email: `${role}@example.com` }, room, role, now }, settings);

test('the HS256 Prosody block matches the checked-in file', () => {
  const setup = jitsiServerSetup(hsSettings, { reveal: true });
  assert.equal(block(setup, 'prosody').text, fixture('prosody-hs256.cfg.lua'));
  assert.equal(setup.domainVerification, false);
  assert.equal(setup.keyServerUrl, null);
});

test('the RS256 Prosody block for a tenant matches the checked-in file', () => {
  const setup = jitsiServerSetup(rsTenantSettings, { publicOrigin: 'https://portal.example.com/some/page' });
  assert.equal(block(setup, 'prosody').text, fixture('prosody-rs256-tenant.cfg.lua'));
  assert.equal(setup.keyServerUrl, 'https://portal.example.com/api/jitsi/keys');
  assert.equal(setup.domainVerification, true);
  const docker = block(setup, 'docker-env').text;
  assert.match(docker, /^JWT_ASAP_KEYSERVER=https:\/\/portal\.example\.com\/api\/jitsi\/keys$/m);
  assert.match(docker, /^JWT_SIGN_TYPE=RS256$/m);
  assert.match(docker, /^ENABLE_SUBDOMAINS=1$/m);
  assert.match(docker, /^JWT_ENABLE_DOMAIN_VERIFICATION=1$/m);
  assert.doesNotMatch(docker, /JWT_APP_SECRET/);
});

test('the HS256 docker-jitsi-meet .env lines match the checked-in file', () => {
  const setup = jitsiServerSetup(hsSettings, { reveal: true });
  assert.equal(block(setup, 'docker-env').text, fixture('docker-hs256.env'));
  assert.doesNotMatch(block(setup, 'docker-env').text, /ENABLE_SUBDOMAINS/);
});

test('Jicofo: no authentication, enable-auto-owner off', () => {
  const text = block(jitsiServerSetup(hsSettings), 'jicofo').text;
  assert.match(text, /enable-auto-owner = false/);
  assert.doesNotMatch(text, /^\s*authentication\s*[{=]/m);
});

test('masked blocks never contain the secret, and masking changes nothing else', () => {
  const masked = jitsiServerSetup(hsSettings);
  const revealed = jitsiServerSetup(hsSettings, { reveal: true });
  assert.equal(masked.revealed, false);
  const everything = JSON.stringify(masked);
  for (let i = 0; i + 6 <= SECRET.length; i++) assert.ok(!everything.includes(SECRET.slice(i, i + 6)), `no part of the secret (${i})`);
  assert.ok(block(masked, 'prosody').text.includes(HIDDEN_SECRET));
  assert.ok(block(masked, 'docker-env').text.includes(HIDDEN_SECRET));
  assert.deepEqual({ ...masked, revealed: true, blocks: [] }, { ...revealed, blocks: [] });
  for (const [i, maskedBlock] of masked.blocks.entries()) {
    const revealedBlock = revealed.blocks[i]!;
    assert.deepEqual({ ...maskedBlock, text: '' }, { ...revealedBlock, text: '' });
    assert.equal(revealedBlock.text.replaceAll(SECRET, HIDDEN_SECRET), maskedBlock.text);
  }
  // a secret that needs quoting in .env: the placeholder gets the same quotes
  const quoted = { ...hsSettings, signing: { alg: 'HS256' as const, secret: new TextEncoder().encode('has spaces and # in it 0123456789') } };
  assert.match(block(jitsiServerSetup(quoted, { reveal: true }), 'docker-env').text, /^JWT_APP_SECRET='has spaces and # in it 0123456789'$/m);
  assert.match(block(jitsiServerSetup(quoted), 'docker-env').text, new RegExp(`^JWT_APP_SECRET='${HIDDEN_SECRET}'$`, 'm'));
});

test('a port in JITSI_DOMAIN never reaches an XMPP host name', () => {
  const setup = jitsiServerSetup({ ...hsSettings, domain: 'Meet.Example.com:8443' });
  assert.equal(setup.domain, 'meet.example.com');
  const prosody = block(setup, 'prosody').text;
  assert.match(prosody, /^VirtualHost "meet\.example\.com"$/m);
  assert.match(prosody, /^Component "conference\.meet\.example\.com" "muc"$/m);
  assert.match(prosody, /^muc_mapper_domain_base = "meet\.example\.com"$/m);
  assert.ok(setup.notes.some((note) => note.includes('carries a port')));
  assert.equal(xmppDomain('[::1]:8443'), '[::1]');
});

test('RS256 without a known portal address says so instead of inventing one', () => {
  const setup = jitsiServerSetup(rsTenantSettings);
  assert.match(setup.keyServerUrl ?? '', /^https:\/\/<your Gatehouse address>\/api\/jitsi\/keys$/);
  assert.ok(setup.notes.some((note) => note.includes('AUTH_URL')));
  const local = jitsiServerSetup(rsTenantSettings, { publicOrigin: 'http://localhost:3000' });
  assert.ok(local.notes.some((note) => note.includes('plain http')));
  assert.ok(local.notes.some((note) => note.includes('must be able to reach')));
});

test('the derived config is the one the blocks describe', () => {
  for (const settings of [hsSettings, rsTenantSettings, { ...hsSettings, domain: 'meet.example.com:8443', audience: 'meet' }]) {
    const config = jitsiServerConfigFor(settings);
    const prosody = block(jitsiServerSetup(settings, { reveal: true, publicOrigin: 'https://portal.example.com' }), 'prosody').text;
    assert.ok(prosody.includes(`VirtualHost "${config.domain}"`));
    assert.ok(prosody.includes(`app_id = "${config.appId}"`));
    assert.ok(prosody.includes(`asap_accepted_issuers = { "${config.acceptedIssuers?.join('", "')}" }`));
    assert.ok(prosody.includes(`asap_accepted_audiences = { "${config.acceptedAudiences?.join('", "')}" }`));
    assert.ok(prosody.includes(`enable_domain_verification = ${config.enableDomainVerification}`));
    assert.ok(prosody.includes('allow_empty_token = false') && config.allowEmptyToken === false);
    if (config.algorithm === 'HS256') assert.ok(prosody.includes(`app_secret = "${config.appSecret}"`));
    else assert.ok(prosody.includes('signature_algorithm = "RS256"') && !config.appSecret);
  }
});

test('tokens minted with these settings are accepted by the Jitsi the blocks configure', async () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const at = new Date(now.getTime() + 5_000);
  const cases: { settings: JitsiSettings; tenant?: string }[] = [
    { settings: hsSettings },
    { settings: rsTenantSettings, tenant: 'acme' },
    { settings: { ...hsSettings, domain: 'meet.example.com:8443' } },
  ];
  for (const { settings, tenant } of cases) {
    const config = jitsiServerConfigFor(settings);
    for (const role of ['moderator', 'participant'] as const) {
      const minted = await mint(role, settings, now);
      const verdict = await verifyJitsiToken(minted.token, { room: 'Team Standup', tenant }, config, at);
      assert.ok(verdict.accepted, verdict.accepted ? '' : `${settings.domain} ${role}: ${verdict.reason} ${JSON.stringify(verdict.checks.at(-1))}`);
      assert.equal(verdict.role, role);
    }
  }
});

test('the derived RS256 config looks keys up by kid and enforces the tenant', async () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const config = jitsiServerConfigFor(rsTenantSettings);
  assert.ok(await config.publicKeys?.(KID));
  assert.equal(await config.publicKeys?.('unknown'), null);
  const { token } = await mint('moderator', rsTenantSettings, now);
  const otherTenant = await verifyJitsiToken(token, { room: 'Team Standup', tenant: 'globex' }, config, now);
  assert.ok(!otherTenant.accepted && otherTenant.reason === 'Room and token mismatched');
  const { token: foreign } = await mint('moderator', { ...rsTenantSettings, signing: { alg: 'RS256', kid: 'rotated-away', privateKey: keys.privateKey } }, now);
  const unknownKid = await verifyJitsiToken(foreign, { room: 'Team Standup', tenant: 'acme' }, config, now);
  assert.ok(!unknownKid.accepted && unknownKid.reason === 'could not obtain public key');
});

test('the outdated-advice list covers the contract', () => {
  const ids = OUTDATED_JITSI_SNIPPETS.map((snippet) => snippet.id);
  for (const id of ['jicofo-auth-url', 'config-jwt-roles', 'top-level-moderator', 'enable-auto-owner', 'allow-empty-token', 'missing-token-verification', 'array-aud', 'missing-typ']) {
    assert.ok(ids.includes(id), id);
  }
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(OUTDATED_JITSI_SNIPPETS.every((snippet) => snippet.snippet && snippet.why && snippet.instead && snippet.where));
});

/** The Prosody text split into its sections: 'global', 'VirtualHost "x"', 'Component "y" "muc"'. */
function prosodySections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current = 'global';
  for (const line of text.split('\n')) {
    if (/^(VirtualHost|Component) /.test(line)) current = line.trim();
    else if (/^\S/.test(line) && !line.startsWith('--')) current = 'global';
    sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  return sections;
}

test('the lobby and end-for-everyone modules sit where Prosody reads them', () => {
  const sections = prosodySections(block(jitsiServerSetup(hsSettings), 'prosody').text);
  const host = sections.get('VirtualHost "meet.example.com"') ?? '';
  const conference = sections.get('Component "conference.meet.example.com" "muc"') ?? '';
  const lobby = sections.get('Component "lobby.meet.example.com" "muc"');
  const endConference = sections.get('Component "endconference.meet.example.com" "end_conference"') ?? '';
  for (const name of ['"muc_lobby_rooms";', '"persistent_lobby";', '"end_conference";']) {
    assert.ok(host.includes(name), `${name} on the VirtualHost`);
    assert.ok(!conference.includes(name), `${name} not on the conference component`);
  }
  assert.match(host, /^ {4}main_muc = "conference\.meet\.example\.com"$/m);
  assert.match(host, /^ {4}lobby_muc = "lobby\.meet\.example\.com"$/m);
  assert.match(host, /^ {4}muc_lobby_whitelist = \{ "recorder\.meet\.example\.com" \}$/m);
  assert.match(host, /^ {4}end_conference_component = "endconference\.meet\.example\.com"$/m);
  for (const name of ['"token_verification";', '"token_affiliation";', '"token_lobby_ondemand";', '"token_lobby_bypass";']) {
    assert.ok(conference.includes(name), `${name} on the conference component`);
    assert.ok(!host.includes(name), `${name} not on the VirtualHost`);
  }
  assert.ok(lobby !== undefined, 'a lobby MUC component');
  assert.match(lobby, /restrict_room_creation = true/);
  assert.match(endConference, /^ {4}muc_component = "conference\.meet\.example\.com"$/m);
  // Where to get the two community modules.
  const text = block(jitsiServerSetup(hsSettings), 'prosody').text;
  assert.match(text, /token_lobby_ondemand\/mod_token_lobby_ondemand\.lua/);
  assert.match(text, /token_lobby_bypass\/mod_token_lobby_bypass\.lua/);
  assert.match(text, /from https:\/\/github\.com\/jitsi-contrib\/prosody-plugins into \/usr\/share\/jitsi-meet\/prosody-plugins\//);
});

test('docker-jitsi-meet: lobby, end for everyone and the community modules in its .env', () => {
  for (const settings of [hsSettings, rsTenantSettings]) {
    const docker = block(jitsiServerSetup(settings, { publicOrigin: 'https://portal.example.com' }), 'docker-env').text;
    assert.match(docker, /^XMPP_MUC_MODULES=token_affiliation,token_lobby_ondemand,token_lobby_bypass$/m);
    assert.match(docker, /^XMPP_MODULES=persistent_lobby$/m);
    assert.match(docker, /^ENABLE_LOBBY=1$/m);
    assert.match(docker, /^ENABLE_END_CONFERENCE=1$/m);
    assert.match(docker, /^# from https:\/\/github\.com\/jitsi-contrib\/prosody-plugins into ~\/\.jitsi-meet-cfg\/prosody\/prosody-plugins-custom\/$/m);
    assert.equal(docker.match(/^XMPP_MUC_MODULES=/gm)?.length, 1, 'one XMPP_MUC_MODULES line (a second would replace the first)');
  }
});

test('with JITSI_EVENTS_SECRET, an event_sync block points at the portal with the bearer header; the secret shows only when revealed', () => {
  const eventsSecret = 'events-fixture-secret-0123456789abcdef01';
  assert.equal(jitsiServerSetup(hsSettings).blocks.some((b) => b.id === 'events'), false, 'no block without the secret');
  const masked = block(jitsiServerSetup(hsSettings, { publicOrigin: 'https://portal.example.com', eventsSecret }), 'events');
  assert.match(masked.text, /^Component "event_sync\.meet\.example\.com" "event_sync_component"$/m);
  assert.match(masked.text, /^ {4}muc_component = "conference\.meet\.example\.com"$/m);
  assert.match(masked.text, /^ {4}api_prefix = "https:\/\/portal\.example\.com\/api\/jitsi\/events"$/m);
  assert.match(masked.text, /^ {4}api_headers = \{ \["Authorization"\] = "Bearer <hidden: JITSI_EVENTS_SECRET, reveal to copy>"; \}$/m);
  assert.ok(!masked.text.includes(eventsSecret));
  assert.match(masked.text, /event_sync\/mod_event_sync_component\.lua/);
  const revealed = block(jitsiServerSetup(hsSettings, { publicOrigin: 'https://portal.example.com', eventsSecret, reveal: true }), 'events');
  assert.ok(revealed.text.includes(`"Bearer ${eventsSecret}"`));
});
