import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { databaseTarget, db } from '@/lib/db';

export type Health =
  | { status: 'ok'; database: { kind: 'postgres' | 'pglite'; migrations: number } }
  | { status: 'unavailable'; database: { kind: 'postgres' | 'pglite' }; reason: string };

/** Names of the migrations shipped with this build (prisma/migrations next to the app). */
function shippedMigrations(): string[] {
  const dir = path.join(process.cwd(), 'prisma', 'migrations');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
}

/**
 * Is the database reachable and fully migrated? The reason is written for an operator; it names no
 * host, user or password, because the health check is public.
 */
export async function checkHealth(): Promise<Health> {
  const kind = databaseTarget().kind;
  let applied: string[];
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /_prisma_migrations.*does not exist/i.test(message)
      ? 'The database has no tables yet: run npm run db:migrate.'
      : 'The database cannot be reached.';
    return { status: 'unavailable', database: { kind }, reason };
  }
  const pending = shippedMigrations().filter((name) => !applied.includes(name));
  if (pending.length) {
    return { status: 'unavailable', database: { kind }, reason: `${pending.length} migration(s) not applied: run npm run db:migrate.` };
  }
  return { status: 'ok', database: { kind, migrations: applied.length } };
}
