import { z } from 'zod';

/**
 * The four requests Jitsi's event_sync component sends (docs/jitsi-token-contract.md, "Server events"):
 * `<prefix>/events/room/created`, `/events/room/destroyed`, `/events/occupant/joined` and
 * `/events/occupant/left`. Times are whole epoch seconds; occupant `id`, `name` and `email` come from
 * the token's context.user and are missing without one. Unknown fields are ignored (newer module
 * versions add some, such as speaker statistics).
 */
const EVENT_PATHS = ['room/created', 'room/destroyed', 'occupant/joined', 'occupant/left'] as const;
export type EventPath = (typeof EVENT_PATHS)[number];

/** Epoch seconds from year 2000 to 2100: anything else is not a time Jitsi sends. */
const epochSeconds = z.number().int().min(946_684_800).max(4_102_444_800).transform((s) => new Date(s * 1000));
const text = (max: number) => z.string().max(max);

const occupant = z.object({
  occupant_jid: text(3071).min(1),
  joined_at: epochSeconds,
  left_at: epochSeconds.optional(),
  id: z.union([text(256), z.number().transform(String)]).optional(),
  name: text(1000).optional(),
  email: text(320).optional(),
});
export type EventOccupant = z.output<typeof occupant>;

const room = {
  event_name: text(64),
  room_name: text(1000).min(1),
  room_jid: text(3071).optional(),
  is_breakout: z.boolean().optional(),
  breakout_room_id: text(1000).optional(),
};

const schemas = {
  'room/created': z.object({ ...room, created_at: epochSeconds.optional() }),
  'room/destroyed': z.object({ ...room, created_at: epochSeconds.optional(), destroyed_at: epochSeconds, all_occupants: z.array(occupant).max(10_000).optional() }),
  'occupant/joined': z.object({ ...room, active_occupants_count: z.number().int().min(0).optional(), occupant }),
  'occupant/left': z.object({ ...room, active_occupants_count: z.number().int().min(0).optional(), occupant: occupant.extend({ left_at: epochSeconds }) }),
};

export type JitsiServerEvent =
  | ({ path: 'room/created' } & z.output<(typeof schemas)['room/created']>)
  | ({ path: 'room/destroyed' } & z.output<(typeof schemas)['room/destroyed']>)
  | ({ path: 'occupant/joined' } & z.output<(typeof schemas)['occupant/joined']>)
  | ({ path: 'occupant/left' } & z.output<(typeof schemas)['occupant/left']>);

export function isEventPath(path: string): path is EventPath {
  return (EVENT_PATHS as readonly string[]).includes(path);
}

/** The event in a request body, or the reason it is not one (in words for Jitsi's log). */
export function parseEvent(path: EventPath, body: unknown): { ok: true; event: JitsiServerEvent } | { ok: false; reason: string } {
  const parsed = schemas[path].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a ${path} event: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, event: { path, ...parsed.data } as JitsiServerEvent };
}

/**
 * The room a `room_name` names for this portal: under a tenant Jitsi reports `[tenant]room`; a room of
 * another tenant (or none when this portal has one) is not ours. Null: not a room of this portal.
 */
export function portalRoomName(roomName: string, tenant: string | undefined): string | null {
  const match = /^\[([^\]]+)\](.+)$/.exec(roomName);
  const [roomTenant, name] = match ? [match[1]!.toLowerCase(), match[2]!] : [undefined, roomName];
  if (roomTenant !== tenant) return null;
  return name.toLowerCase();
}

/** Who a token's `context.user.id` names: a user, or a guest's invite (`invite:<id>`). */
export function tokenHolder(id: string | undefined): { userId: string | null; inviteId: string | null } {
  if (!id) return { userId: null, inviteId: null };
  if (id.startsWith('invite:')) return { userId: null, inviteId: id.slice('invite:'.length) || null };
  return { userId: id, inviteId: null };
}
