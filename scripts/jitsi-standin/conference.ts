/**
 * The stand-in's conferences: who is in which room, who waits in its lobby, and what moderators did.
 * It models what Prosody's lobby modules do with Gatehouse's tokens (docs/jitsi-token-contract.md,
 * "Lobby"): `context.user.lobby: true` (token_lobby_ondemand) makes a person wait unless they also
 * carry `context.user.lobby_bypass: true` (token_lobby_bypass); anything but a JSON `true` is ignored;
 * a person who must wait needs a display name. A moderator in the room admits or refuses who waits,
 * and may end the conference for everyone. A test control drops one person's connection.
 *
 * The meeting page speaks to it over HTTP (POST /conference/<action>, JSON). An occupant is named by
 * a random id that only its own page knows; every action checks that id's room and role. A page that
 * stops asking for its state (a closed tab) is gone after `GONE_AFTER_MS`, as Prosody notices a closed
 * connection.
 *
 * With `onEvent` it reports what Jitsi's event_sync component reports (docs/jitsi-token-contract.md,
 * "Server events"): room/created when the first person is in, occupant/joined and occupant/left,
 * and room/destroyed with all_occupants when the last one is out — same paths, same JSON, whole
 * epoch seconds, the real-JID-shaped occupant_jid, and id/name/email from the token's context.user.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Verdict } from '../../lib/jitsi/verify';

export type OccupantStatus = 'joined' | 'waiting' | 'refused' | 'ended' | 'dropped' | 'left';

type Occupant = {
  id: string;
  room: string;
  name: string;
  role: 'moderator' | 'participant';
  status: OccupantStatus;
  since: number;
  /** Last time its page asked for its state. */
  seen: number;
  /** What event_sync reports of the person: the real full JID and the token's context.user. */
  jid: string;
  user: { id?: string; name?: string; email?: string };
  /** Epoch seconds of the current stay in the room (while joined). */
  joinedAt: number | null;
};

/** The four paths event_sync posts to (after its api_prefix). */
type StandinEventPath = 'room/created' | 'room/destroyed' | 'occupant/joined' | 'occupant/left';
export type StandinEventSink = (path: StandinEventPath, body: Record<string, unknown>) => void;

/** A page that has not asked for its state this long is gone (closed tab, lost laptop). */
const GONE_AFTER_MS = 10_000;

/** What a page learns when it asks: its own status and, for a joined moderator, who waits. */
export type ConferenceState = { status: OccupantStatus; waiting?: { id: string; name: string }[] };

export type ConferenceAnswer = { status: number; body: Record<string, unknown> };

/** At most this many occupants across all rooms: the stand-in is a test tool, its memory stays bounded. */
const MAX_OCCUPANTS = 2_000;
/** Occupants that left or were sent away are forgotten after this long. */
const FORGET_AFTER_MS = 10 * 60_000;

const bad = (message: string): ConferenceAnswer => ({ status: 400, body: { error: message } });
const notFound = (): ConferenceAnswer => ({ status: 404, body: { error: 'no such occupant' } });
const forbidden = (message: string): ConferenceAnswer => ({ status: 403, body: { error: message } });

function claimsUser(verdict: Extract<Verdict, { accepted: true }>): Record<string, unknown> {
  const context = verdict.claims.context;
  const user = context && typeof context === 'object' ? (context as Record<string, unknown>).user : undefined;
  return user && typeof user === 'object' ? (user as Record<string, unknown>) : {};
}

/**
 * Whether Prosody's lobby modules hold this person back: `lobby: true` (token_lobby_ondemand) without
 * `lobby_bypass: true` (token_lobby_bypass); anything but a JSON true counts as absent.
 */
export function waitsInLobby(verdict: Extract<Verdict, { accepted: true }>): boolean {
  const user = claimsUser(verdict);
  return user.lobby === true && user.lobby_bypass !== true;
}

export function createConferences(now: () => number = Date.now, options: { onEvent?: StandinEventSink; xmppDomain?: () => string } = {}) {
  const occupants = new Map<string, Occupant>();
  /** Rooms with someone in: when they were created and every stay since (room/destroyed's all_occupants). */
  const rooms = new Map<string, { createdAt: number; stays: Record<string, unknown>[] }>();
  const seconds = () => Math.floor(now() / 1000);
  const domain = () => options.xmppDomain?.() ?? 'meet.jitsi';

  /** event_sync's room fields: under a tenant the room's name is `[tenant]room`. */
  function roomFields(room: string) {
    const [tenant, name] = room.includes('/') ? (room.split('/', 2) as [string, string]) : [null, room];
    const node = tenant ? `[${tenant}]${name}` : name;
    return { room_name: node, room_jid: `${node}@conference.${domain()}`, is_breakout: false };
  }

  function occupantFields(o: Occupant, leftAt?: number) {
    return { ...o.user, occupant_jid: o.jid, joined_at: o.joinedAt ?? seconds(), ...(leftAt !== undefined ? { left_at: leftAt } : {}) };
  }

  function joinedRoom(o: Occupant) {
    o.joinedAt = seconds();
    if (!options.onEvent) return;
    let room = rooms.get(o.room);
    if (!room) {
      room = { createdAt: o.joinedAt, stays: [] };
      rooms.set(o.room, room);
      options.onEvent('room/created', { event_name: 'muc-room-created', ...roomFields(o.room), created_at: room.createdAt });
    }
    const count = inRoom(o.room, 'joined').length;
    options.onEvent('occupant/joined', { event_name: 'muc-occupant-joined', ...roomFields(o.room), active_occupants_count: count, occupant: occupantFields(o) });
  }

  function leftRoom(o: Occupant) {
    const leftAt = seconds();
    const stay = occupantFields(o, leftAt);
    o.joinedAt = null;
    const room = rooms.get(o.room);
    if (!options.onEvent || !room) return;
    room.stays.push(stay);
    const count = inRoom(o.room, 'joined').length;
    options.onEvent('occupant/left', { event_name: 'muc-occupant-left', ...roomFields(o.room), active_occupants_count: count, occupant: stay });
    if (count > 0) return;
    rooms.delete(o.room);
    options.onEvent('room/destroyed', { event_name: 'muc-room-destroyed', ...roomFields(o.room), created_at: room.createdAt, destroyed_at: leftAt, all_occupants: room.stays });
  }

  function sweep() {
    const cutoff = now() - FORGET_AFTER_MS;
    const gone = now() - GONE_AFTER_MS;
    for (const [id, o] of occupants) {
      if ((o.status === 'joined' || o.status === 'waiting') && o.seen < gone) setStatus(o, 'left');
      if (o.status !== 'joined' && o.status !== 'waiting' && o.since < cutoff) occupants.delete(id);
    }
  }
  const sweeper = setInterval(sweep, 2_000);
  sweeper.unref();

  function inRoom(room: string, status?: OccupantStatus): Occupant[] {
    return [...occupants.values()].filter((o) => o.room === room && (!status || o.status === status));
  }

  function setStatus(o: Occupant, status: OccupantStatus) {
    const was = o.status;
    o.status = status;
    o.since = now();
    if (was !== 'joined' && status === 'joined') joinedRoom(o);
    if (was === 'joined' && status !== 'joined') leftRoom(o);
  }

  /** A person whose token Jitsi accepted enters `room` (tenant-qualified, backend-safe): in, or into the lobby. */
  function enter(room: string, verdict: Extract<Verdict, { accepted: true }>): ConferenceAnswer {
    sweep();
    if (occupants.size >= MAX_OCCUPANTS) return { status: 503, body: { error: 'the stand-in is full' } };
    const user = claimsUser(verdict);
    const waits = waitsInLobby(verdict);
    const name = typeof user.name === 'string' ? user.name.trim() : '';
    if (waits && !name) return { status: 200, body: { status: 'refused', reason: 'displayname-required' } };
    const id = randomBytes(12).toString('hex');
    const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
    const person = { id: text(user.id), name: text(user.name), email: text(user.email) };
    const jid = `${randomUUID()}@${domain()}/${randomBytes(4).toString('hex')}`;
    const o: Occupant = { id, room, name: name || 'Fellow Jitster', role: verdict.role, status: 'waiting', since: now(), seen: now(), jid, user: person, joinedAt: null };
    occupants.set(id, o);
    if (!waits) setStatus(o, 'joined');
    return { status: 200, body: { occupant: id, status: waits ? 'waiting' : 'joined', lobbyRoom: waits ? `${room}@lobby` : undefined } };
  }

  function state(id: string): ConferenceAnswer {
    const o = occupants.get(id);
    if (!o) return notFound();
    o.seen = now();
    const body: ConferenceState = { status: o.status };
    if (o.status === 'joined' && o.role === 'moderator') body.waiting = inRoom(o.room, 'waiting').map((w) => ({ id: w.id, name: w.name }));
    return { status: 200, body };
  }

  /** Admit or refuse someone waiting in the moderator's own room. */
  function decide(moderatorId: string, targetId: string, admit: boolean): ConferenceAnswer {
    const moderator = occupants.get(moderatorId);
    if (!moderator) return notFound();
    if (moderator.status !== 'joined' || moderator.role !== 'moderator') return forbidden('only a moderator in the meeting can admit or refuse');
    const target = occupants.get(targetId);
    if (!target || target.room !== moderator.room || target.status !== 'waiting') return notFound();
    setStatus(target, admit ? 'joined' : 'refused');
    return { status: 200, body: { status: target.status } };
  }

  /** End the conference for everyone in the moderator's room. */
  function end(moderatorId: string): ConferenceAnswer {
    const moderator = occupants.get(moderatorId);
    if (!moderator) return notFound();
    if (moderator.status !== 'joined' || moderator.role !== 'moderator') return forbidden('only a moderator in the meeting can end it for everyone');
    const room = inRoom(moderator.room).filter((o) => o.status === 'joined' || o.status === 'waiting');
    for (const o of room) setStatus(o, 'ended');
    return { status: 200, body: { ended: room.length } };
  }

  /** Leave, or (test control) lose the connection. */
  function leave(id: string, dropped: boolean): ConferenceAnswer {
    const o = occupants.get(id);
    if (!o) return notFound();
    if (o.status !== 'joined' && o.status !== 'waiting') return { status: 409, body: { error: `not in the meeting (${o.status})` } };
    setStatus(o, dropped ? 'dropped' : 'left');
    return { status: 200, body: { status: o.status } };
  }

  /** Routes POST /conference/<action> (the body is already parsed JSON). `verify` checks a token for a room. */
  async function handle(action: string, body: Record<string, unknown>, verify: (token: unknown, room: unknown, tenant: unknown) => Promise<{ verdict: Verdict; roomKey: string } | ConferenceAnswer>): Promise<ConferenceAnswer> {
    const id = body.occupant;
    if (action === 'join') {
      const checked = await verify(body.token, body.room, body.tenant);
      if (!('verdict' in checked)) return checked;
      if (!checked.verdict.accepted) return { status: 200, body: { verdict: checked.verdict } };
      const entered = enter(checked.roomKey, checked.verdict);
      return { status: entered.status, body: { verdict: checked.verdict, ...entered.body } };
    }
    if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) return bad('occupant (the id from join) is required');
    switch (action) {
      case 'state':
        return state(id);
      case 'admit':
      case 'refuse':
        if (typeof body.target !== 'string') return bad('target (a waiting occupant id) is required');
        return decide(id, body.target, action === 'admit');
      case 'end':
        return end(id);
      case 'leave':
        return leave(id, false);
      case 'drop':
        return leave(id, true);
      default:
        return { status: 404, body: { error: 'unknown conference action' } };
    }
  }

  /** Stops the sweeper (the stand-in is closing). */
  const close = () => clearInterval(sweeper);

  return { handle, enter, state, decide, end, leave, close };
}
