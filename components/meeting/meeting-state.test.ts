import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JoinTicket } from '@/lib/jitsi/join';
import { carriedConfig, closeDelay, deviceLabels, isTokenRejection, joinDeadline, meetingReducer, meetingStatus, watchedStage, type Meeting, type MeetingEvent, type View } from './meeting-state';

const ticket = (jti = 'a'): JoinTicket => ({
  domain: 'meet.example.com',
  roomName: 'room',
  token: 'not-decoded-by-the-browser',
  jti,
  expiresAt: '2000-01-01T00:00:00Z',
  lifetimeSeconds: 600,
  heartbeatSeconds: 30,
  role: 'participant',
  displayName: 'Ada',
  email: 'ada@example.com',
  subject: 'Workshop',
  configOverwrite: {},
  interfaceConfigOverwrite: {},
  standin: false,
});

function run(events: MeetingEvent<string>[], start: View<string> = { kind: 'loading' }): View<string> {
  return events.reduce(meetingReducer<string>, start);
}
const NOW = 1_000_000;
const got = (jti = 'a'): MeetingEvent<string> => ({ type: 'ticket', result: { ok: true, data: ticket(jti) }, now: NOW });
function asMeeting(view: View<string>): Meeting<string> {
  assert.equal(view.kind, 'meeting');
  return view;
}

test('a ticket opens the meeting; a refusal or a failed request shows instead', () => {
  const meeting = asMeeting(run([got()]));
  assert.equal(meeting.stage, 'starting');
  assert.equal(meeting.deadline, NOW + 600_000 - 5_000, 'the lifetime comes from the server, not the JWT or the clock');
  assert.deepEqual(run([{ type: 'ticket', result: { ok: false, code: 'FORBIDDEN', message: 'This link is in use' }, now: NOW }]), { kind: 'refused', message: 'This link is in use' });
  assert.deepEqual(run([{ type: 'ticket', result: null, now: NOW }]), { kind: 'failed' });
});

test('the connection advances through its stages to joined, and only the stages with a time limit are watched', () => {
  const steps: MeetingEvent<string>[] = [got(), { type: 'script-loaded', jti: 'a' }, { type: 'api-ready', jti: 'a', connection: 'api' }];
  let view = run(steps);
  assert.equal(asMeeting(view).stage, 'api-ready');
  assert.equal(watchedStage(view), null);
  view = run([{ type: 'frame-loaded', jti: 'a' }], view);
  assert.equal(watchedStage(view), 'frame-loaded');
  view = run([{ type: 'prejoin', jti: 'a' }], view);
  assert.equal(meetingStatus(asMeeting(view)), 'Check your camera and microphone, then join.');
  view = run([{ type: 'joined', jti: 'a', role: 'participant' }, { type: 'role-changed', jti: 'a', role: 'moderator' }], view);
  const joined = asMeeting(view);
  assert.deepEqual([joined.stage, joined.joinedRole, joined.everJoined, joined.prejoin, joined.connection], ['answered', 'moderator', true, false, 'api']);
  assert.equal(meetingStatus(joined), 'Joined as moderator');
});

test('events about an older ticket change nothing', () => {
  const view = run([got('new')]);
  assert.equal(run([{ type: 'joined', jti: 'old', role: 'moderator' }, { type: 'deadline', jti: 'old' }, { type: 'script-failed', jti: 'old' }], view), view);
});

test('time limits: unreachable only if still at that stage; expiry only before joining', () => {
  const starting = run([got()]);
  assert.deepEqual(run([{ type: 'stage-timeout', jti: 'a', stage: 'starting' }], starting), { kind: 'unreachable', domain: 'meet.example.com', standin: false });
  const later = run([{ type: 'script-loaded', jti: 'a' }, { type: 'api-ready', jti: 'a', connection: 'api' }], starting);
  assert.equal(run([{ type: 'stage-timeout', jti: 'a', stage: 'starting' }], later), later);
  assert.deepEqual(run([{ type: 'deadline', jti: 'a' }], later), { kind: 'expired' });
  const joined = run([{ type: 'joined', jti: 'a', role: 'participant' }], later);
  assert.equal(run([{ type: 'deadline', jti: 'a' }], joined), joined);
});

test('a token rejection expires the meeting; other Jitsi errors only count as an answer', () => {
  const view = run([got(), { type: 'script-loaded', jti: 'a' }, { type: 'api-ready', jti: 'a', connection: 'api' }, { type: 'frame-loaded', jti: 'a' }]);
  assert.deepEqual(run([{ type: 'jitsi-error', jti: 'a', tokenRejected: true, fatal: true }], view), { kind: 'expired' });
  assert.equal(asMeeting(run([{ type: 'jitsi-error', jti: 'a', tokenRejected: false, fatal: false }], view)).stage, 'answered');
  assert.equal(isTokenRejection({ error: { name: 'conference.connectionError.notAllowed' } }), true);
  assert.equal(isTokenRejection({ name: 'connection.otherError', message: 'Token expired' }), true);
  assert.equal(isTokenRejection({ name: 'conference.videobridgeUnavailable' }), false);
});

test('once in, an expired token or a dropped connection re-enters with a fresh token, at most three times', () => {
  const joined = run([got(), { type: 'joined', jti: 'a', role: 'participant' }]);
  const dropped = run([{ type: 'jitsi-error', jti: 'a', tokenRejected: true, fatal: true }], joined);
  assert.deepEqual(dropped, { kind: 'reconnecting', attempt: 1 });
  const again = asMeeting(run([got('b')], dropped));
  assert.equal(again.reconnects, 1);
  assert.equal(meetingStatus(again), 'Reconnecting…');
  assert.equal(meetingStatus(asMeeting(run([{ type: 'joined', jti: 'b', role: 'participant' }], again))), 'Joined as participant');
  // A dropped connection (fatal, not a token refusal) counts the same.
  let view: View<string> = joined;
  for (const jti of ['b', 'c', 'd']) view = run([{ type: 'jitsi-error', jti: asMeeting(view).ticket.jti, tokenRejected: false, fatal: true }, got(jti), { type: 'joined', jti, role: 'participant' }], view);
  assert.equal(asMeeting(view).reconnects, 3);
  assert.deepEqual(run([{ type: 'jitsi-error', jti: 'd', tokenRejected: false, fatal: true }], view), { kind: 'expired' }, 'then the Rejoin state');
  // A refused re-entry shows Rejoin too; a meeting ended for everyone says so.
  assert.deepEqual(run([{ type: 'ticket', result: { ok: false, code: 'FORBIDDEN', message: 'no' }, now: NOW }], dropped), { kind: 'expired' });
  assert.deepEqual(run([{ type: 'ticket', result: { ok: false, code: 'ENDED', message: 'ended' }, now: NOW }], dropped), { kind: 'ended' });
  // Leaving on purpose never reconnects; before joining, a refusal still expires.
  assert.equal(run([{ type: 'leave', jti: 'a' }, { type: 'jitsi-error', jti: 'a', tokenRejected: false, fatal: true }], joined).kind, 'meeting');
});

test('the lobby: waiting shows in the status until a moderator admits; a heartbeat that says ended ends the page', () => {
  const waiting = run([got(), { type: 'lobby', jti: 'a' }]);
  assert.equal(meetingStatus(asMeeting(waiting)), 'Waiting for a moderator to let you in…');
  assert.equal(asMeeting(waiting).stage, 'answered', 'waiting is an answer: never "unreachable"');
  assert.equal(meetingStatus(asMeeting(run([{ type: 'joined', jti: 'a', role: 'participant' }], waiting))), 'Joined as participant');
  assert.deepEqual(run([{ type: 'ended', jti: 'a' }], waiting), { kind: 'ended' });
  assert.equal(run([{ type: 'ended', jti: 'old' }], waiting), waiting, 'a stale ticket changes nothing');
  // The moderator who pressed End for everyone is leaving: their page goes back, it does not stop on "ended".
  const ending = run([{ type: 'joined', jti: 'a', role: 'moderator' }, { type: 'leave', jti: 'a' }], waiting);
  assert.equal(run([{ type: 'ended', jti: 'a' }], ending), ending);
});

test('leaving: the status says so, and going back waits for Jitsi only so long', () => {
  const joined = run([got(), { type: 'joined', jti: 'a', role: 'participant' }]);
  const delays = { leaving: 4_000, left: 3_000 };
  assert.equal(closeDelay(joined, delays), null);
  const leaving = run([{ type: 'leave', jti: 'a' }], joined);
  assert.equal(meetingStatus(asMeeting(leaving)), 'Leaving the meeting…');
  assert.equal(closeDelay(leaving, delays), 4_000);
  const left = run([{ type: 'conference-left', jti: 'a' }], joined);
  assert.equal(meetingStatus(asMeeting(left)), 'You left the meeting.');
  assert.equal(closeDelay(left, delays), 3_000);
  // A breakout room: Jitsi joins again, and the page stays.
  assert.equal(closeDelay(run([{ type: 'joined', jti: 'a', role: 'participant' }], left), delays), null);
});

test('retry starts over; a late ticket after something else is shown is ignored', () => {
  assert.deepEqual(run([got(), { type: 'retry' }]), { kind: 'loading' });
  const expired: View<string> = { kind: 'expired' };
  assert.equal(run([got('late')], expired), expired);
  assert.equal(joinDeadline(ticket(), 0), 595_000);
});

test('a new connection keeps the last one’s devices (by label) and mute state; nothing is carried before the first', () => {
  const current = {
    audioInput: { deviceId: 'a1', groupId: 'g', kind: 'audioinput', label: 'Headset Microphone' },
    audioOutput: { deviceId: 'o1', groupId: 'g', kind: 'audiooutput', label: '' },
    videoInput: { deviceId: 'v1', groupId: 'h', kind: 'videoinput', label: 'USB Camera' },
  };
  assert.deepEqual(deviceLabels(current), { audioInput: 'Headset Microphone', videoInput: 'USB Camera' });
  assert.equal(deviceLabels({ audioInput: undefined, audioOutput: undefined, videoInput: undefined }), null);
  assert.equal(deviceLabels(null), null);
  assert.equal(deviceLabels({ audioInput: { label: 'x'.repeat(1000) } })?.audioInput?.length, 200, 'bounded');
  assert.deepEqual(carriedConfig({}), {});
  assert.deepEqual(carriedConfig({ audioMuted: true }), { startWithAudioMuted: true });
  assert.deepEqual(carriedConfig({ audioMuted: false, videoMuted: true }), { startWithAudioMuted: false, startWithVideoMuted: true });
});
