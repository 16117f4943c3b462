/**
 * Whether the portal can currently reach PostgreSQL, shared through globalThis by the database client
 * (which notices lost connections and probes until they are back) and proxy.ts (which then answers 503
 * at once instead of letting every request wait for the database). No imports: the proxy loads it.
 */
const state = globalThis as unknown as { gatehouseDatabaseDownSince?: number };

export function databaseDownSince(): number | null {
  return state.gatehouseDatabaseDownSince ?? null;
}

export function markDatabaseDown(now = Date.now()): boolean {
  if (state.gatehouseDatabaseDownSince) return false;
  state.gatehouseDatabaseDownSince = now;
  return true;
}

export function markDatabaseUp(): void {
  delete state.gatehouseDatabaseDownSince;
}

/** Errors that mean "no connection to the database", as opposed to a failing query. */
export function isConnectionError(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const causeText = cause instanceof Error ? `${cause.name} ${cause.message}` : typeof cause === 'string' ? cause : '';
  const text = error instanceof Error ? `${error.name} ${error.message} ${causeText} ${(error as { code?: string }).code ?? ''}` : String(error);
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection (is )?closed|Can't reach database|terminating connection|the database system is (starting up|shutting down)|\b(57P01|57P03|P1001|P1017)\b|DatabaseNotReachable|Client has encountered a connection error/i.test(text);
}

/** Errors that mean "the database is there but too busy right now" (pool or transaction wait exceeded). */
export function isOverloadError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : String(error);
  return /Unable to start a transaction in the given time|Timed out fetching a new connection|\b(P2024|P2028)\b|timeout exceeded when trying to connect/i.test(text);
}

/** The message people see while the database is unreachable. */
export const DATABASE_UNAVAILABLE = 'Gatehouse cannot reach its database right now. It retries by itself: try again in a few seconds.';

export const OVERLOADED = 'Gatehouse is very busy right now. Try again in a few seconds.';
