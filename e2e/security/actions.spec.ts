/**
 * Every server action in the built app, called directly (POST with its action id, the way a forged
 * request would) as an anonymous visitor, as a guest holding an invite and as a member who owns
 * nothing: each one refuses what it must refuse and the database does not change. The list of actions
 * comes from the build's server-reference manifest, so a new action without a row here fails the test.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from '../support/fixtures';
import { PORTAL_URL } from '../support/ports';
import { builtAction, builtActions, callAction, fingerprint, type Call } from '../support/actions';

type Target = { ownerRoom: { id: string; slug: string; version: number }; meetingId: string; inviteId: string; inviteToken: string; victimId: string; attackerEmail: string; attackerId: string };
/**
 * public: anyone may call it (it must still change nothing with these inputs);
 * user: signed-in people only, and only on what is theirs; self: signed-in people, on their own account (a member's call may succeed);
 * admin: admins only.
 */
type Rule = { access: 'public' | 'user' | 'self' | 'admin'; call: (t: Target) => Call };

const form = (fields: Record<string, string | Blob>, bound?: unknown[]): Call => ({ kind: 'form', prev: true, fields, ...(bound ? { bound } : {}) });
const meetingForm = (t: Target) => ({ roomId: t.ownerRoom.id, title: 'Hijacked', date: '2030-01-01', startTime: '10:00', endTime: '11:00', timeZone: 'UTC' });
const roomForm = (t: Target) => ({ name: 'Hijacked', slug: `hijacked-${t.ownerRoom.slug}`, version: String(t.ownerRoom.version), guestsAllowed: 'on' });
const csv = () => new Blob(['name,email\nEve,eve@evil.test\n'], { type: 'text/csv' });

const RULES: Record<string, Rule> = {
  'lib/auth/actions.ts#signOutAction': { access: 'self', call: () => ({ kind: 'json', args: [] }) },
  'lib/auth/actions.ts#signInWithOidc': { access: 'public', call: () => ({ kind: 'form', prev: false, fields: { callbackUrl: '/' } }) },
  'lib/auth/actions.ts#devSignIn': { access: 'public', call: (t) => form({ userId: t.victimId }) },
  'lib/auth/actions.ts#requestEmailLink': { access: 'public', call: () => form({ email: 'eve@evil.test' }) },
  'lib/invites/actions.ts#redeemInviteAction': { access: 'public', call: () => ({ kind: 'json', args: [randomBytes(32).toString('base64url'), 'Eve'] }) },
  'lib/invites/actions.ts#reportGuestAttendanceAction': { access: 'public', call: (t) => ({ kind: 'json', args: [t.inviteToken.slice(0, -2) + 'xx', { jti: randomUUID(), kind: 'joined' }] }) },
  'lib/jitsi/actions.ts#joinAction': { access: 'user', call: (t) => ({ kind: 'json', args: [{ kind: 'room', slug: t.ownerRoom.slug }] }) },
  'lib/jitsi/actions.ts#reportAttendanceAction': { access: 'user', call: () => ({ kind: 'json', args: [{ jti: randomUUID(), kind: 'joined' }] }) },
  'lib/meetings/actions.ts#createMeetingAction': { access: 'user', call: (t) => form(meetingForm(t)) },
  'lib/meetings/actions.ts#updateMeetingAction': { access: 'user', call: (t) => form({ ...meetingForm(t), version: '1' }, [t.meetingId]) },
  'lib/meetings/actions.ts#cancelMeetingAction': { access: 'user', call: (t) => form({ meetingId: t.meetingId }) },
  'lib/meetings/actions.ts#cancelOccurrenceAction': { access: 'user', call: (t) => form({ meetingId: t.meetingId, occurrence: new Date(Date.now() + 86_400_000).toISOString() }) },
  'lib/invites/actions.ts#createInviteAction': { access: 'user', call: (t) => form({ kind: 'personal', meetingId: t.meetingId, name: 'Eve', email: 'eve@evil.test', role: 'CO_HOST' }) },
  'lib/invites/actions.ts#revokeInviteAction': { access: 'user', call: (t) => form({ inviteId: t.inviteId, meetingId: t.meetingId }) },
  'lib/invites/actions.ts#resendInviteAction': { access: 'user', call: (t) => form({ inviteId: t.inviteId, meetingId: t.meetingId }) },
  'lib/invites/actions.ts#previewBulkAction': { access: 'user', call: (t) => form({ meetingId: t.meetingId, file: csv() }) },
  'lib/invites/actions.ts#createBulkAction': { access: 'user', call: (t) => form({ meetingId: t.meetingId, file: csv() }) },
  'lib/rooms/actions.ts#createRoomAction': { access: 'self', call: (t) => form({ name: 'Eve’s room', slug: `eve-${t.attackerId.slice(-8)}` }) },
  'lib/rooms/actions.ts#updateRoomAction': { access: 'user', call: (t) => form(roomForm(t), [t.ownerRoom.id]) },
  'lib/rooms/actions.ts#rotateLinkAction': { access: 'user', call: (t) => form({ roomId: t.ownerRoom.id }) },
  'lib/rooms/actions.ts#archiveRoomAction': { access: 'user', call: (t) => form({ roomId: t.ownerRoom.id }) },
  'lib/rooms/actions.ts#unarchiveRoomAction': { access: 'user', call: (t) => form({ roomId: t.ownerRoom.id }) },
  'lib/rooms/actions.ts#endLiveMeetingAction': { access: 'user', call: (t) => form({}, [t.ownerRoom.id]) },
  'lib/rooms/actions.ts#endMeetingFromCallAction': { access: 'user', call: (t) => form({}, [t.ownerRoom.id]) },
  'lib/rooms/actions.ts#deleteRoomAction': { access: 'user', call: (t) => form({ roomId: t.ownerRoom.id }) },
  'lib/rooms/actions.ts#deleteRoomFromListAction': { access: 'admin', call: (t) => form({ roomId: t.ownerRoom.id }) },
  'lib/rooms/actions.ts#transferRoomAction': { access: 'admin', call: (t) => form({ roomId: t.ownerRoom.id, ownerEmail: t.attackerEmail }) },
  'lib/calendar/actions.ts#createCalendarFeedAction': { access: 'self', call: () => ({ kind: 'json', args: [] }) },
  'lib/calendar/actions.ts#revokeCalendarFeedAction': { access: 'self', call: () => ({ kind: 'json', args: [] }) },
  'lib/users/profile-actions.ts#updateTimeZoneAction': { access: 'self', call: () => form({ timeZone: 'Asia/Tokyo' }) },
  'lib/users/profile-actions.ts#updateNotificationSettingsAction': { access: 'self', call: () => form({ reminderMinutes: '60' }) },
  'lib/jitsi/admin-actions.ts#revealSetupAction': { access: 'admin', call: () => ({ kind: 'json', args: [] }) },
  'lib/jitsi/admin-actions.ts#runDoctorAction': { access: 'admin', call: () => form({ domain: '' }) },
  'lib/jitsi/admin-actions.ts#runLiveCheckAction': { access: 'admin', call: () => form({}) },
  'lib/jitsi/admin-actions.ts#inspectTokenAction': { access: 'admin', call: () => form({ token: 'eyJhbGciOiJub25lIn0.e30.' }) },
  'lib/users/actions.ts#changeRoleAction': { access: 'admin', call: (t) => form({ userId: t.attackerId, role: 'ADMIN' }) },
  'lib/users/actions.ts#disableUserAction': { access: 'admin', call: (t) => form({ userId: t.victimId }) },
  'lib/users/actions.ts#enableUserAction': { access: 'admin', call: (t) => form({ userId: t.victimId }) },
};

function refused(result: { status: number; text: string; location: string }) {
  return !result.text.includes('"ok":true') && !/eyJ[\w-]+\.eyJ/.test(result.text);
}

test('every server action in the build has an authorization rule', () => {
  const missing = builtActions().filter((a) => !RULES[a.key]).map((a) => a.key);
  expect(missing, 'Add these actions to RULES in e2e/security/actions.spec.ts').toEqual([]);
  const stale = Object.keys(RULES).filter((key) => !builtActions().some((a) => a.key === key));
  expect(stale, 'These RULES entries no longer exist in the build').toEqual([]);
});

test('called directly, every action refuses anonymous visitors, guests and members who do not own the target, and nothing changes', async ({ browser, playwright, createUser, signInAs, db }) => {
  test.setTimeout(120_000);
  const owner = await createUser({ prefix: 'owner' });
  const attacker = await createUser({ prefix: 'attacker' });
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const room = await db.room.create({ data: { slug: `sec-${suffix}`, name: `Secure ${suffix}`, ownerId: owner.id, jitsiName: `sec${suffix}`, guestsAllowed: true, alwaysOpen: true } });
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const meeting = await db.meeting.create({ data: { roomId: room.id, organizerId: owner.id, title: 'Board meeting', startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), timeZone: 'UTC' } });
  const inviteToken = randomBytes(32).toString('base64url');
  const invite = await db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: owner.id, name: 'Gina Guest', email: `gina-${suffix}@partner.test`, tokenHash: createHash('sha256').update(inviteToken).digest('hex'), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const target: Target = { ownerRoom: { id: room.id, slug: room.slug, version: room.version }, meetingId: meeting.id, inviteId: invite.id, inviteToken, victimId: owner.id, attackerEmail: attacker.email, attackerId: attacker.id };

  // Visitors carry a made-up session cookie: the proxy lets any cookie through, so this reaches each
  // action itself, which must then refuse (the proxy is not the lock).
  const forged = { name: 'authjs.session-token', value: randomBytes(32).toString('hex'), url: PORTAL_URL };
  const scope = { userIds: [owner.id, attacker.id], roomIds: [room.id], emails: [owner.email, attacker.email, invite.email!, 'eve@evil.test'] };
  const anonymous = await playwright.request.newContext({
    baseURL: PORTAL_URL,
    storageState: { cookies: [{ name: forged.name, value: forged.value, domain: new URL(PORTAL_URL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] },
  });
  // A guest: no account, but they opened their invite page first.
  const guestContext = await browser.newContext();
  await (await guestContext.newPage()).goto(`/invite/${inviteToken}`);
  await guestContext.addCookies([forged]);
  const memberContext = await browser.newContext();
  await signInAs(memberContext, attacker);

  // The harness really reaches the actions: a member's own time zone change goes through.
  const own = await callAction(memberContext.request, builtAction('lib/users/profile-actions.ts#updateTimeZoneAction'), RULES['lib/users/profile-actions.ts#updateTimeZoneAction']!.call(target));
  expect(own.text).toContain('"ok":true');
  expect((await db.user.findUniqueOrThrow({ where: { id: attacker.id } })).timeZone).toBe('Asia/Tokyo');

  // …and they reach them without a session too.
  const redeem = builtAction('lib/invites/actions.ts#redeemInviteAction');
  expect((await callAction(anonymous, redeem, { kind: 'json', args: ['x'.repeat(43), 'Eve'] })).text).toContain('"ok":false');

  const callers: [string, APIRequestContext, (rule: Rule) => boolean][] = [
    ['anonymous', anonymous, () => true],
    ['guest', guestContext.request, () => true],
    ['member', memberContext.request, (rule) => rule.access === 'user' || rule.access === 'admin' || rule.access === 'public'],
  ];
  for (const [who, request, applies] of callers) {
    // Signing out clears the (forged) session cookie, so it goes last.
    for (const action of builtActions().sort((a, b) => Number(a.key.endsWith('#signOutAction')) - Number(b.key.endsWith('#signOutAction')))) {
      const rule = RULES[action.key]!;
      if (!applies(rule)) continue;
      const before = await fingerprint(db, scope);
      const result = await callAction(request, action, rule.call(target));
      const where = `${action.key} as ${who}: ${result.status} ${result.text.slice(0, 200)}`;
      expect(result.status, where).toBeLessThan(500);
      if (rule.access !== 'public') expect(refused(result), where).toBe(true);
      if (rule.access !== 'public' && who !== 'member') expect(result.status === 401 || result.status === 403 || result.status === 303 || /sign-in/.test(result.location), where).toBe(true);
      expect(await fingerprint(db, scope), where).toBe(before);
    }
  }
  await anonymous.dispose();
  await guestContext.close();
  await memberContext.close();
});
