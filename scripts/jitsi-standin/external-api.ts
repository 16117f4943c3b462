/**
 * Browser code: the stand-in's `external_api.js`, a small JitsiMeetExternalAPI (what @jitsi/react-sdk
 * and plain pages drive). It opens the stand-in's meeting page in an iframe and speaks the protocol in
 * `./protocol`. Bundled for the browser by `./browser-scripts`; not a real video bridge.
 */
import { isStandinMessage, STANDIN_PROTOCOL, type StandinMessage } from './protocol';

type Listener = ((...args: unknown[]) => void) & { listener?: Listener };
type Options = {
  roomName?: string;
  width?: string | number;
  height?: string | number;
  parentNode?: Element;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  jwt?: string;
  onload?: () => void;
  userInfo?: Record<string, unknown>;
  devices?: Record<string, unknown>;
  lang?: string;
};
type LocalParticipant = { id: unknown; displayName: unknown; avatarURL: unknown; role: unknown; email: unknown };

const LEGACY_ARGS = ['roomName', 'width', 'height', 'parentNode', 'configOverwrite', 'interfaceConfigOverwrite', 'jwt', 'onload'] as const;
let nextId = 0;

function parseArguments(args: unknown[]): Options {
  if (!args.length) return {};
  if (typeof args[0] === 'object' && args[0] !== null) return args[0];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < LEGACY_ARGS.length && i < args.length; i++) options[LEGACY_ARGS[i]!] = args[i];
  return options;
}

function sizeValue(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '100%';
  if (typeof value === 'number') return value + 'px';
  const text = String(value);
  return /^[0-9]*\.?[0-9]+$/.test(text) ? text + 'px' : text;
}

/** Keeps valid %XX escapes (like a browser address bar) and escapes what a path cannot carry. */
function roomPath(roomName: string | undefined): string {
  return String(roomName || '')
    .split('/')
    .map((part) => part.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/gu, (c) => encodeURIComponent(c)))
    .join('/');
}

function fragment(options: Options, id: number): string {
  const parts = ['jitsi_meet_external_api_id=' + id];
  if (options.jwt) parts.push('jwt=' + encodeURIComponent(options.jwt));
  const add = (prefix: string, object: Record<string, unknown> | undefined) => {
    if (!object || typeof object !== 'object') return;
    Object.keys(object).forEach((key) => {
      if (object[key] === undefined) return;
      parts.push(prefix + '.' + encodeURIComponent(key) + '=' + encodeURIComponent(JSON.stringify(object[key])));
    });
  };
  add('config', options.configOverwrite);
  add('interfaceConfig', options.interfaceConfigOverwrite);
  add('userInfo', options.userInfo);
  add('devices', options.devices);
  if (options.lang) parts.push('lang=' + encodeURIComponent(JSON.stringify(String(options.lang))));
  parts.push('appData.parentOrigin=' + encodeURIComponent(JSON.stringify(window.location.origin)));
  return parts.join('&');
}

class JitsiMeetExternalAPI {
  static isGatehouseStandin = true;

  private _id: number;
  private _domain: string;
  private _origin: string;
  private _listeners: Record<string, Listener[]> = {};
  private _ready = false;
  private _queue: StandinMessage[] = [];
  private _disposed = false;
  /** Set once joined. */
  private _local: LocalParticipant | null = null;
  private _audioMuted = false;
  private _videoMuted = false;
  private _devices: Record<string, unknown>;
  private _roomName: string;
  private _frame: HTMLIFrameElement | null;
  private _onMessage: (event: MessageEvent) => void;

  constructor(domain?: string, ...rest: unknown[]) {
    const options = parseArguments(rest);
    this._id = nextId++;
    this._domain = String(domain || window.location.host);
    this._origin = new URL('https://' + this._domain).origin;
    this._roomName = options.roomName || '';
    this._devices = options.devices && typeof options.devices === 'object' ? options.devices : {};

    const frame = document.createElement('iframe');
    frame.id = 'jitsiConferenceFrame' + this._id;
    frame.name = frame.id;
    frame.title = 'Meeting (Gatehouse Jitsi stand-in)';
    frame.setAttribute('allow', 'camera; microphone; display-capture; autoplay; clipboard-write; hid; screen-wake-lock');
    frame.setAttribute('allowfullscreen', 'true');
    frame.style.border = '0';
    frame.style.width = sizeValue(options.width);
    frame.style.height = sizeValue(options.height);
    if (typeof options.onload === 'function') frame.onload = options.onload;
    this._frame = frame;

    this._onMessage = this._handleMessage.bind(this);
    window.addEventListener('message', this._onMessage);

    frame.src = 'https://' + this._domain + '/' + roomPath(this._roomName) + '#' + fragment(options, this._id);
    (options.parentNode || document.body).appendChild(frame);
  }

  private _handleMessage(event: MessageEvent) {
    if (this._disposed || !this._frame || event.source !== this._frame.contentWindow) return;
    if (event.origin !== this._origin) return;
    const message: unknown = event.data;
    if (!isStandinMessage(message, this._id)) return;
    if (message.kind === 'ready') {
      this._ready = true;
      const queued = this._queue;
      this._queue = [];
      for (const item of queued) this._post(item);
      return;
    }
    if (message.kind !== 'event' || typeof message.name !== 'string') return;
    const data = message.data && typeof message.data === 'object' ? message.data : {};
    this._track(message.name, data);
    this.emit(message.name, data);
  }

  private _track(name: string, data: Record<string, unknown>) {
    if (name === 'videoConferenceJoined') this._local = { id: data.id, displayName: data.displayName, avatarURL: data.avatarURL, role: data.role, email: data.email };
    else if (name === 'participantRoleChanged' && this._local && data.id === this._local.id) this._local.role = data.role;
    else if (name === 'displayNameChange' && this._local && data.id === this._local.id) this._local.displayName = data.displayname;
    else if (name === 'videoConferenceLeft') this._local = null;
    else if (name === 'audioMuteStatusChanged') this._audioMuted = !!data.muted;
    else if (name === 'videoMuteStatusChanged') this._videoMuted = !!data.muted;
  }

  private _post(message: StandinMessage) {
    if (this._frame && this._frame.contentWindow) this._frame.contentWindow.postMessage(message, this._origin);
  }

  // EventEmitter-style listeners
  on(event: string, listener: Listener) {
    if (typeof listener !== 'function') return this;
    (this._listeners[event] = this._listeners[event] || []).push(listener);
    return this;
  }
  addListener(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  addEventListener(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  addEventListeners(listeners: Record<string, Listener>) {
    for (const event in listeners) if (Object.prototype.hasOwnProperty.call(listeners, event)) this.on(event, listeners[event]!);
  }
  once(event: string, listener: Listener) {
    const wrapper: Listener = (...args: unknown[]) => {
      this.off(event, wrapper);
      listener.apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }
  off(event: string, listener: Listener) {
    const list = this._listeners[event];
    if (!list) return this;
    this._listeners[event] = list.filter((l) => l !== listener && l.listener !== listener);
    return this;
  }
  removeListener(event: string, listener: Listener) {
    return this.off(event, listener);
  }
  removeEventListener(event: string) {
    delete this._listeners[event];
  }
  removeEventListeners(events: string[]) {
    for (const event of events) this.removeEventListener(event);
  }
  removeAllListeners(event?: string) {
    if (event === undefined) this._listeners = {};
    else delete this._listeners[event];
    return this;
  }
  listenerCount(event: string) {
    return (this._listeners[event] || []).length;
  }
  emit(event: string, ...args: unknown[]) {
    const list = (this._listeners[event] || []).slice();
    for (const listener of list) {
      try {
        listener.apply(this, args);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
    return list.length > 0;
  }

  // Commands
  executeCommand(name: string, ...args: unknown[]) {
    if (this._disposed) return;
    const message: StandinMessage = { protocol: STANDIN_PROTOCOL, apiId: this._id, kind: 'command', name: String(name), args };
    if (this._ready) this._post(message);
    else this._queue.push(message);
  }
  executeCommands(commands: Record<string, unknown[]>) {
    for (const name in commands) if (Object.prototype.hasOwnProperty.call(commands, name)) this.executeCommand(name, ...(commands[name] || []));
  }

  // Getters
  getIFrame() {
    return this._frame;
  }
  getNumberOfParticipants() {
    return this._local ? 1 : 0;
  }
  getParticipantsInfo() {
    if (!this._local) return [];
    const local = this._local;
    return [{ participantId: local.id, displayName: local.displayName, formattedDisplayName: String(local.displayName) + ' (me)', avatarURL: local.avatarURL, role: local.role }];
  }
  getDisplayName(id: unknown) {
    return this._local && this._local.id === id ? this._local.displayName : undefined;
  }
  getEmail(id: unknown) {
    return this._local && this._local.id === id ? this._local.email : undefined;
  }
  getAvatarURL(id: unknown) {
    return this._local && this._local.id === id ? this._local.avatarURL : undefined;
  }
  isAudioMuted() {
    return Promise.resolve(this._audioMuted);
  }
  isVideoMuted() {
    return Promise.resolve(this._videoMuted);
  }
  isAudioAvailable() {
    return Promise.resolve(false);
  }
  isVideoAvailable() {
    return Promise.resolve(false);
  }
  getAvailableDevices() {
    return Promise.resolve({ audioInput: [], audioOutput: [], videoInput: [] });
  }
  /** The devices asked for in the options (by label), as a real Jitsi reports the devices it uses. */
  getCurrentDevices() {
    const asked = this._devices;
    const device = (kind: string) => (typeof asked[kind] === 'string' ? { deviceId: '', groupId: '', kind: kind.toLowerCase(), label: asked[kind] } : undefined);
    return Promise.resolve({ audioInput: device('audioInput'), audioOutput: device('audioOutput'), videoInput: device('videoInput') });
  }
  getRoomsInfo() {
    const local = this._local;
    return Promise.resolve({
      rooms: local ? [{ isMainRoom: true, id: this._roomName, jid: this._roomName, participants: [{ id: local.id, jid: local.id, role: local.role, displayName: local.displayName }] }] : [],
    });
  }

  dispose() {
    if (this._disposed) return;
    this.emit('_willDispose');
    this._disposed = true;
    window.removeEventListener('message', this._onMessage);
    this._listeners = {};
    this._queue = [];
    if (this._frame) {
      this._frame.src = 'about:blank';
      if (this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
    }
    this._frame = null;
  }
}

// Installed the way Jitsi's own external_api.js does. Not declared on Window: the React SDK's types
// already declare Jitsi's real API there, and this stand-in only imitates it.
(window as unknown as { JitsiMeetExternalAPI: typeof JitsiMeetExternalAPI }).JitsiMeetExternalAPI = JitsiMeetExternalAPI;
