/**
 * Browser code: the stand-in's meeting page. It reads the token from #jwt= (or ?jwt=), asks the
 * stand-in's /verify what a real Jitsi would do with it, shows "Joined as moderator|participant" or
 * "Rejected: <reason>", and posts the matching IFrame API events to its parent (see `./protocol`).
 * Bundled for the browser by `./browser-scripts`.
 */
import { isStandinMessage, STANDIN_PROTOCOL, type StandinMessage } from './protocol';
import type { Check, Verdict } from '../../lib/jitsi/verify';

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

const state = { id: randomId(), verdict: null as Verdict | null, joined: false, left: false, displayName: '', audioMuted: false, videoMuted: false };

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
const status = document.getElementById('status')!;

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

function render(verdict: Verdict) {
  state.verdict = verdict;
  main.textContent = '';
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

function leave() {
  if (state.left) return;
  state.left = true;
  leaveButton.disabled = true;
  status.textContent = 'You left the meeting.';
  if (state.joined) emit('videoConferenceLeft', { roomName: ctx.roomName });
  state.joined = false;
  emit('readyToClose', {});
}
leaveButton.addEventListener('click', leave);

function runCommand(name: string, args: unknown[]) {
  if (name === 'hangup') leave();
  else if (name === 'displayName' && typeof args[0] === 'string' && state.joined) {
    state.displayName = args[0];
    const node = document.getElementById('display-name');
    if (node) node.textContent = args[0];
    emit('displayNameChange', { id: state.id, displayname: args[0] });
  } else if (name === 'toggleAudio') {
    state.audioMuted = !state.audioMuted;
    emit('audioMuteStatusChanged', { muted: state.audioMuted });
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

fetch('/verify', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ token: token || null, room: ctx.room, tenant: ctx.tenant }),
})
  .then((response) => {
    if (!response.ok) throw new Error('the stand-in answered ' + response.status);
    return response.json() as Promise<Verdict>;
  })
  .then(render, (error: unknown) => fail(error instanceof Error && error.message ? error.message : String(error)));
