/**
 * The doctor's check of Jitsi's server events (event_sync): does this portal's events address answer
 * where Jitsi will post (AUTH_URL), and has an event arrived lately? Never throws.
 */
import 'server-only';
import { getEnv } from '@/lib/env';
import { lastEventAt } from '@/lib/jitsi/events/live';
import { configuredOrigin } from '@/lib/origin';

export type EventsCheck = { status: 'ok' | 'warn' | 'skipped'; detail: string };

/** An event within this long means event_sync is working (a quiet week without meetings is not a fault). */
const RECENT_MS = 7 * 24 * 3600 * 1000;
const SETUP = 'The Jitsi setup page (Admin → Jitsi) generates the event_sync lines for Prosody.';

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 2) return 'just now';
  if (minutes < 120) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

/**
 * GET on the events address: the route only takes POST, so 405 is this portal answering. Anything else
 * is something in between (a reverse proxy that does not pass the path, another site on the address).
 */
async function probeAddress(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    await response.body?.cancel();
    if (response.status === 405) return null;
    return `${url} answered ${response.status} instead of this portal's events receiver: check that the reverse proxy passes /api/jitsi/events to Gatehouse.`;
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return `Could not reach ${url} from Gatehouse itself (${why}). Jitsi must be able to reach this address: check AUTH_URL and the reverse proxy.`;
  }
}

export async function checkJitsiEvents(options: { timeoutMs: number; now?: Date }): Promise<EventsCheck> {
  if (!getEnv().JITSI_EVENTS_SECRET) {
    return { status: 'skipped', detail: `Off: JITSI_EVENTS_SECRET is not set, so attendance comes from the meeting pages and rooms cannot have a participant limit. ${SETUP}` };
  }
  const url = `${configuredOrigin()}/api/jitsi/events/events/room/created`;
  const [unreachable, last] = await Promise.all([probeAddress(url, options.timeoutMs), lastEventAt().catch(() => undefined)]);
  if (unreachable) return { status: 'warn', detail: unreachable };
  if (last === undefined) return { status: 'warn', detail: 'The events address answers, but the database could not be asked when the last event arrived.' };
  if (!last) {
    return { status: 'warn', detail: `The events address answers, but no event has arrived from Jitsi yet. Events come when someone joins a meeting; if someone has, Prosody does not load event_sync or cannot reach ${url}. ${SETUP}` };
  }
  const age = (options.now ?? new Date()).getTime() - last.getTime();
  if (age > RECENT_MS) {
    return { status: 'warn', detail: `The last event from Jitsi arrived ${ago(age)}. If meetings took place since, event_sync no longer reaches Gatehouse (a Prosody upgrade, a new secret?).` };
  }
  return { status: 'ok', detail: `The events address answers, and the last event from Jitsi arrived ${ago(age)}.` };
}
