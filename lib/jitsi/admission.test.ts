import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { parseEnv } from '../env';
import type { InviteRole, LobbyMode, Role } from '../generated/prisma/enums';
import { admissionFor, type WayIn } from './admission';
import { resolveJitsiSettings } from './config';
import { mintJoinToken } from './token';

const me = 'user-me';
const room = (mine: 'host' | 'co_host' | 'participant' | 'none') => ({
  ownerId: mine === 'host' ? me : 'someone-else',
  members: mine === 'co_host' ? [{ userId: me, role: 'CO_HOST' as const }] : mine === 'participant' ? [{ userId: me, role: 'PARTICIPANT' as const }] : [],
});
const portal = (role: Role, mine: Parameters<typeof room>[0], invitedAs: InviteRole | null): WayIn => ({ via: 'portal', user: { id: me, role }, room: room(mine), invitedAs });

const M = 'moderator';
const P = 'participant';
/** Every way in × every room relation × every address invite: the role, and who waits under GUESTS / EVERYONE. */
const table: [string, WayIn, 'moderator' | 'participant' | null, { GUESTS: boolean; EVERYONE: boolean }][] = [];
const ways: [Role, Parameters<typeof room>[0]][] = [];
for (const role of ['MEMBER', 'ADMIN'] as const) for (const mine of ['host', 'co_host', 'participant', 'none'] as const) ways.push([role, mine]);
for (const [role, mine] of ways) {
  for (const invitedAs of [null, 'GUEST', 'CO_HOST'] as const) {
    const moderates = role === 'ADMIN' || mine === 'host' || mine === 'co_host' || invitedAs === 'CO_HOST';
    const takesPart = mine === 'participant' || invitedAs === 'GUEST';
    const expected = moderates ? M : takesPart ? P : null;
    // Employees never wait for GUESTS; participants wait for EVERYONE.
    table.push([`${role} ${mine} invited by address as ${invitedAs ?? '—'}`, portal(role, mine, invitedAs), expected, { GUESTS: false, EVERYONE: expected === P }]);
  }
}
table.push(
  ['open invite link, guest', { via: 'invite-link', invitedAs: 'GUEST', personal: false }, P, { GUESTS: true, EVERYONE: true }],
  ['open invite link, co-host', { via: 'invite-link', invitedAs: 'CO_HOST', personal: false }, M, { GUESTS: false, EVERYONE: false }],
  ['personal invite link, guest', { via: 'invite-link', invitedAs: 'GUEST', personal: true }, P, { GUESTS: false, EVERYONE: true }],
  ['personal invite link, co-host', { via: 'invite-link', invitedAs: 'CO_HOST', personal: true }, M, { GUESTS: false, EVERYONE: false }],
);

test('the role table: every way in, every room role, every address invite, every lobby setting', () => {
  assert.equal(table.length, 28);
  for (const [label, way, role, waits] of table) {
    for (const lobby of ['OFF', 'GUESTS', 'EVERYONE'] as const satisfies readonly LobbyMode[]) {
      const admission = admissionFor(way, lobby);
      if (role === null) {
        assert.equal(admission, null, `${label}: no way in`);
        continue;
      }
      const wait = lobby === 'OFF' ? false : waits[lobby];
      assert.deepEqual(admission, { role, lobby: wait, lobbyBypass: role === M }, `${label}, lobby ${lobby}`);
    }
  }
});

test('the co-host-by-address case: a plain employee invited as co-host moderates and never waits', () => {
  assert.deepEqual(admissionFor(portal('MEMBER', 'none', 'CO_HOST'), 'EVERYONE'), { role: M, lobby: false, lobbyBypass: true });
  assert.deepEqual(admissionFor(portal('MEMBER', 'participant', 'CO_HOST'), 'EVERYONE'), { role: M, lobby: false, lobbyBypass: true });
});

const settings = resolveJitsiSettings(parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: 'a-very-long-shared-secret-for-tests-0123456789' }));
const jitsiRoom = { jitsiName: 'q3k5x7abcdefghijklmnopqrst', moderatorRecording: false, moderatorLivestreaming: false, moderatorTranscription: false };
const userClaims = async (admission: NonNullable<ReturnType<typeof admissionFor>>) => {
  const { token } = await mintJoinToken({ identity: { id: 'x', name: 'Guest Person', email: '' }, room: jitsiRoom, role: admission.role, lobby: { wait: admission.lobby, bypass: admission.lobbyBypass } }, settings);
  return (decodeJwt(token).context as { user: Record<string, unknown> }).user;
};

test('lobby claims in the token are JSON booleans, present only when true, and a name is always minted', async () => {
  const guest = await userClaims(admissionFor({ via: 'invite-link', invitedAs: 'GUEST', personal: false }, 'GUESTS')!);
  assert.equal(guest.lobby, true);
  assert.equal('lobby_bypass' in guest, false);
  assert.equal(guest.name, 'Guest Person');

  const host = await userClaims(admissionFor(portal('MEMBER', 'host', null), 'OFF')!);
  assert.equal(host.lobby_bypass, true, 'moderators bypass even with the lobby off: a moderator may switch it on by hand');
  assert.equal('lobby' in host, false);

  const employee = await userClaims(admissionFor(portal('MEMBER', 'participant', null), 'GUESTS')!);
  assert.equal('lobby' in employee, false);
  assert.equal('lobby_bypass' in employee, false);

  const everyone = await userClaims(admissionFor(portal('MEMBER', 'participant', null), 'EVERYONE')!);
  assert.equal(everyone.lobby, true);
});
