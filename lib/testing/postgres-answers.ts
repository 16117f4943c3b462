import pg from 'pg';

/**
 * Whether a PostgreSQL server answers at this URL. An error from the server itself (unknown
 * database, wrong password) still counts: the server is there, and the tests should report the real
 * problem rather than quietly use another server. Refused connections and timeouts do not.
 */
export async function postgresAnswers(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that goes away after connecting would otherwise crash the process with an 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch (error) {
    return error instanceof pg.DatabaseError;
  } finally {
    await client.end().catch(() => {});
  }
}
