/**
 * Browser code: the stand-in's meeting page. It reads the token from #jwt= (or ?jwt=), joins through
 * the stand-in's /conference/join (what a real Jitsi would do with the token, lobby included), shows
 * "Joined as moderator|participant", "Waiting for a moderator" or "Rejected: <reason>", and posts the
 * matching IFrame API events to its parent (see `./protocol`). While in, it asks the stand-in for its
 * state every second: a moderator sees who waits and admits or refuses them; an ended conference or a
 * dropped connection (the "Drop connection" test control) ends the page's conference. After a drop it
 * reconnects with the same token, as Jitsi does: an expired token is refused then. It shows the
 * microphone's state (start muted from the config, Mute/Unmute) and the devices it was asked to use.
 * Bundled for the browser by `./browser-scripts`.
 */
import { isStandinMessage, STANDIN_PROTOCOL, type StandinMessage } from './protocol';
import type { Check, Verdict } from '../../lib/jitsi/verify';
import type { ConferenceState } from './conference';

/** What the server puts in the page's `standin-context` JSON block. */
export type MeetingPageContext = { room: string; tenant: string | null; roomName: string; where: string };

const ctx = JSON.parse(document.getElementById('standin-context')!.textContent) as MeetingPageContext;

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseFragment(hash: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  hash
    .replace(/^#/, '')
    .split('&')
    .forEach((pair) => {
      if (!pair) return;
      const at = pair.indexOf('=');
      const key = decodeSafe(at < 0 ? pair : pair.slice(0, at));
      const raw = at < 0 ? '' : decodeSafe(pair.slice(at + 1));
      if (key === 'jwt' || key === 'jitsi_meet_external_api_id') {
        out[key] = raw;
        return;
      }
      try {
        out[key] = JSON.parse(raw);
      } catch {
        out[key] = raw;
      }
    });
  return out;
}

const fragment = parseFragment(window.location.hash);
const query = new URLSearchParams(window.location.search);
const token = (fragment.jwt as string | undefined) || query.get('jwt') || '';
const apiId = fragment.jitsi_meet_external_api_id as string | undefined;
const parentOrigin = fragment['appData.parentOrigin'];
const embedded = window.parent !== window && typeof parentOrigin === 'string' && /^https?:\/\/[^/]+$/.test(parentOrigin);

// The token never stays in the address bar or history.
if (fragment.jwt !== undefined || query.has('jwt')) {
  query.delete('jwt');
  const keptHash = window.location.hash
    .replace(/^#/, '')
    .split('&')
    .filter((pair) => pair && pair.indexOf('jwt=') !== 0)
    .join('&');
  const search = query.toString();
  history.replaceState(null, '', window.location.pathname + (search ? '?' + search : '') + (keptHash ? '#' + keptHash : ''));
}

function randomId(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, (b: number) => ('0' + b.toString(16)).slice(-2)).join('');
}

// The IFrame API's options as a real Jitsi reads them: start muted (configOverwrite) and devices by label.
const state = {
  id: randomId(),
  verdict: null as Verdict | null,
  joined: false,
  left: false,
  displayName: '',
  audioMuted: fragment['config.startWithAudioMuted'] === true,
  videoMuted: fragment['config.startWithVideoMuted'] === true,
  occupant: null as string | null,
  waiting: false,
};
const deviceText = (['audioInput', 'audioOutput', 'videoInput'] as const)
  .map((kind) => (typeof fragment['devices.' + kind] === 'string' ? kind + ': ' + String(fragment['devices.' + kind]) : ''))
  .filter(Boolean)
  .join(', ');

/** One POST to the stand-in's conference; null when it failed. */
async function conference(action: string, body: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch('/conference/' + action, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.ok ? ((await response.json()) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function post(kind: StandinMessage['kind'], name: string, data: Record<string, unknown>) {
  if (!embedded) return;
  const message: StandinMessage = { protocol: STANDIN_PROTOCOL, apiId, kind, name, data };
  window.parent.postMessage(message, parentOrigin);
}
function emit(name: string, data?: Record<string, unknown>) {
  post('event', name, data || {});
}

function el(tag: string, attrs?: Record<string, string> | null, children?: (string | Node)[]): HTMLElement {
  const node = document.createElement(tag);
  if (attrs) Object.keys(attrs).forEach((key) => node.setAttribute(key, attrs[key]!));
  (children || []).forEach((child) => node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child));
  return node;
}
const main = document.getElementById('verdict-area')!;
const leaveButton = document.getElementById('leave') as HTMLButtonElement;
const dropButton = document.getElementById('drop') as HTMLButtonElement;
const status = document.getElementById('status')!;
const lobbyArea = document.getElementById('lobby-area')!;
const muteButton = document.getElementById('mute') as HTMLButtonElement;
const microphone = document.getElementById('microphone')!;

function showMicrophone() {
  microphone.textContent = 'Microphone: ' + (state.audioMuted ? 'muted' : 'on') + (deviceText ? ' · devices ' + deviceText : '');
  microphone.setAttribute('data-muted', state.audioMuted ? 'yes' : 'no');
  muteButton.textContent = state.audioMuted ? 'Unmute' : 'Mute';
}
showMicrophone();

function renderChecks(checks: Check[]) {
  const list = el('ol', { class: 'checks', 'data-testid': 'standin-checks' });
  checks.forEach((check) => {
    list.appendChild(
      el('li', { class: check.ok ? 'ok' : 'fail', 'data-check': check.id }, [
        el('span', { class: 'mark' }, [check.ok ? '\u2713' : '\u2717']),
        ' ',
        el('strong', null, [check.label]),
        ': ',
        check.detail,
      ]),
    );
  });
  return el('details', { open: '' }, [el('summary', null, ['Checks, in the order Jitsi makes them']), list]);
}

function render(verdict: Verdict, waiting = false) {
  state.verdict = verdict;
  main.textContent = '';
  if (verdict.accepted && waiting) {
    state.waiting = true;
    main.appendChild(el('h2', { id: 'verdict', 'data-testid': 'standin-verdict', 'data-role': '', 'data-lobby': 'waiting' }, ['Waiting for a moderator to let you in']));
    main.appendChild(el('p', null, ['The meeting has a lobby. A host or co-host sees that you are here.']));
    // Jitsi reports the members-only (lobby) answer as a non-fatal conference error.
    emit('errorOccurred', { error: { name: 'conference.connectionError.membersOnly', type: 'CONFERENCE', isFatal: false }, name: 'conference.connectionError.membersOnly', type: 'CONFERENCE', isFatal: false });
    return;
  }
  state.waiting = false;
  if (verdict.accepted) {
    const identity = verdict.identity || {};
    state.displayName = identity.name || (fragment['userInfo.displayName'] as string | undefined) || 'Fellow Jitster';
    main.appendChild(el('h2', { id: 'verdict', 'data-testid': 'standin-verdict', 'data-role': verdict.role }, ['Joined as ' + verdict.role]));
    // Dates arrive as JSON strings.
    const expiresAt = verdict.expiresAt as unknown as string | null;
    const rows = [
      ['Name', state.displayName],
      ['Email', identity.email || '\u2014'],
      ['ID', identity.id || '\u2014'],
      ['Avatar', identity.avatar || '\u2014'],
      ['Expires', expiresAt ? new Date(expiresAt).toLocaleString() + ' (' + expiresAt + ')' : 'never (no exp)'],
      ['Participant id', state.id],
    ] as const;
    const table = el('dl', { class: 'identity' });
    rows.forEach((row) => {
      const dd = el('dd', { 'data-field': row[0].toLowerCase() }, [row[1]]);
      if (row[0] === 'Name') dd.id = 'display-name';
      table.appendChild(el('dt', null, [row[0]]));
      table.appendChild(dd);
    });
    main.appendChild(table);
    const features = verdict.features;
    const featureText = features
      ? Object.keys(features)
          .map((key) => key + ': ' + (features[key] ? 'yes' : 'no'))
          .join(', ')
      : 'no context.features in the token \u2014 the role decides';
    main.appendChild(el('p', { 'data-testid': 'standin-features' }, [el('strong', null, ['Features: ']), featureText]));
    main.appendChild(renderChecks(verdict.checks));
    if (state.left) return;
    state.joined = true;
    emit('videoConferenceJoined', { roomName: ctx.roomName, id: state.id, displayName: state.displayName, avatarURL: identity.avatar || '', email: identity.email || '', role: verdict.role, breakoutRoom: false, visitor: false });
    emit('participantRoleChanged', { id: state.id, role: verdict.role });
    dropButton.hidden = false;
    muteButton.hidden = false;
  } else {
    main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict', 'data-role': '' }, ['Rejected: ' + verdict.reason]));
    const checks = verdict.checks || [];
    main.appendChild(renderChecks(checks));
    if (state.left) return;
    const last: Partial<Check> = checks[checks.length - 1] || {};
    const atJoin = last.id === 'sub' || last.id === 'room';
    const error = {
      name: atJoin ? 'conference.connectionError.notAllowed' : 'connection.passwordRequired',
      message: verdict.reason,
      type: atJoin ? 'CONFERENCE' : 'CONNECTION',
      isFatal: true,
    };
    emit('errorOccurred', { error, name: error.name, message: error.message, type: error.type, isFatal: true, details: { check: last.id, detail: last.detail } });
  }
}

function fail(message: string) {
  main.textContent = '';
  main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict' }, ['Rejected: ' + message]));
  const error = { name: 'connection.otherError', message, type: 'CONNECTION', isFatal: true };
  emit('errorOccurred', { error, name: error.name, message, type: error.type, isFatal: true });
}

function leave(reason = 'You left the meeting.') {
  if (state.left) return;
  state.left = true;
  leaveButton.disabled = true;
  dropButton.hidden = true;
  muteButton.hidden = true;
  lobbyArea.textContent = '';
  status.textContent = reason;
  if (state.occupant && reason === 'You left the meeting.') void conference('leave', { occupant: state.occupant });
  if (state.joined) emit('videoConferenceLeft', { roomName: ctx.roomName });
  state.joined = false;
  emit('readyToClose', {});
}
leaveButton.addEventListener('click', () => leave());

function toggleAudio() {
  state.audioMuted = !state.audioMuted;
  showMicrophone();
  emit('audioMuteStatusChanged', { muted: state.audioMuted });
}
muteButton.addEventListener('click', toggleAudio);

function runCommand(name: string, args: unknown[]) {
  if (name === 'hangup') leave();
  else if (name === 'endConference' && state.joined && state.occupant) void conference('end', { occupant: state.occupant }).then((answer) => answer && leave('You ended the meeting for everyone.'));
  else if (name === 'displayName' && typeof args[0] === 'string' && state.joined) {
    state.displayName = args[0];
    const node = document.getElementById('display-name');
    if (node) node.textContent = args[0];
    emit('displayNameChange', { id: state.id, displayname: args[0] });
  } else if (name === 'toggleAudio') {
    toggleAudio();
  } else if (name === 'toggleVideo') {
    state.videoMuted = !state.videoMuted;
    emit('videoMuteStatusChanged', { muted: state.videoMuted });
  }
}

window.addEventListener('message', (event) => {
  if (!embedded || event.source !== window.parent || event.origin !== parentOrigin) return;
  const message: unknown = event.data;
  if (!isStandinMessage(message, apiId) || message.kind !== 'command') return;
  runCommand(String(message.name), Array.isArray(message.args) ? message.args : []);
});
post('ready', 'ready', {});

/** Joins (again) with the page's token: in, into the lobby, or rejected. */
async function join(again: boolean) {
  const answer = await conference('join', { token: token || null, room: ctx.room, tenant: ctx.tenant });
  if (state.left) return;
  if (!answer || !answer.verdict) return fail('the stand-in did not answer');
  const verdict = answer.verdict as Verdict;
  if (answer.status === 'refused') {
    state.occupant = null;
    main.textContent = '';
    main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict' }, ['Rejected: ' + String(answer.reason)]));
    const error = { name: 'conference.connectionError.displayNameRequired', message: String(answer.reason), type: 'CONFERENCE', isFatal: true };
    return emit('errorOccurred', { error, name: error.name, message: error.message, type: error.type, isFatal: true });
  }
  state.occupant = typeof answer.occupant === 'string' ? answer.occupant : null;
  if (again && verdict.accepted) status.textContent = 'Reconnected.';
  render(verdict, answer.status === 'waiting');
}

function renderWaiting(people: { id: string; name: string }[]) {
  lobbyArea.textContent = '';
  if (!people.length) return;
  const list = el('ul', { 'data-testid': 'standin-lobby-list' });
  people.forEach((person) => {
    const admit = el('button', { type: 'button', 'data-testid': 'standin-admit' }, ['Admit']);
    const refuse = el('button', { type: 'button', 'data-testid': 'standin-refuse' }, ['Refuse']);
    admit.addEventListener('click', () => void conference('admit', { occupant: state.occupant, target: person.id }).then(poll));
    refuse.addEventListener('click', () => void conference('refuse', { occupant: state.occupant, target: person.id }).then(poll));
    list.appendChild(el('li', { 'data-name': person.name }, [el('span', null, [person.name]), ' ', admit, ' ', refuse]));
  });
  lobbyArea.appendChild(el('h3', null, ['Waiting in the lobby']));
  lobbyArea.appendChild(list);
  emit('knockingParticipant', { participant: people[people.length - 1] });
}

let polling = false;
async function poll() {
  if (polling || state.left || !state.occupant || !state.verdict?.accepted) return;
  polling = true;
  const answer = (await conference('state', { occupant: state.occupant })) as ConferenceState | null;
  polling = false;
  if (!answer || state.left) return;
  if (answer.status === 'joined' && state.waiting) return render(state.verdict, false);
  if (answer.status === 'joined') return renderWaiting(answer.waiting ?? []);
  if (answer.status === 'refused') {
    state.waiting = false;
    main.textContent = '';
    main.appendChild(el('h2', { id: 'verdict', class: 'rejected', 'data-testid': 'standin-verdict' }, ['A moderator declined your request to join.']));
    const error = { name: 'conference.connectionError.accessDenied', message: 'A moderator declined your request to join.', type: 'CONFERENCE', isFatal: true };
    return emit('errorOccurred', { error, name: error.name, message: error.message, type: error.type, isFatal: true });
  }
  if (answer.status === 'ended') return leave('The meeting was ended for everyone.');
  if (answer.status === 'dropped') {
    // The connection is gone: Jitsi reconnects with the same token, and Prosody checks it again.
    status.textContent = 'Connection lost. Reconnecting…';
    dropButton.hidden = true;
    lobbyArea.textContent = '';
    state.occupant = null;
    await join(true);
  }
}
setInterval(() => void poll(), 1_000);

dropButton.addEventListener('click', () => void conference('drop', { occupant: state.occupant }).then(poll));

void join(false);
