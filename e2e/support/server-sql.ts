import pg from 'pg';
import { E2E_DATABASE_URL } from './ports';

/** Runs SQL on the suite's PostgreSQL server through its maintenance database (CREATE/DROP DATABASE). */
export async function onServer(sql: string): Promise<void> {
  const url = new URL(E2E_DATABASE_URL);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
