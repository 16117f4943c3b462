/**
 * Runs before `next dev` / `next start`: validates the configuration, applies pending migrations and,
 * on the embedded default, adds demo data on first start. Prints where to open the portal.
 */
import nextEnv from '@next/env';
import { getEnv } from '../lib/env';
import { createPrismaClient, databaseTarget, describeTarget } from '../lib/db';
import { migrateDeploy } from '../prisma/migrate';
import { demoUsers, seedDemoData } from '../prisma/seed';

async function main() {
  nextEnv.loadEnvConfig(process.cwd(), process.argv.includes('--dev'));
  const env = getEnv();
  const target = databaseTarget(env);
  const applied = await migrateDeploy(target);
  console.log(`Database: ${describeTarget(target)} (${applied.length ? `applied ${applied.join(', ')}` : 'up to date'})`);

  if (target.kind === 'pglite') {
    const db = createPrismaClient(target);
    const seeded = await seedDemoData(db);
    if (seeded) console.log('First start: demo users, rooms and meetings added.');
    await db.$disconnect();
  }

  const port = process.env.PORT ?? '3000';
  console.log(`\nGatehouse will be at http://localhost:${port}`);
  if (target.kind === 'pglite') {
    console.log(`Demo accounts (development sign-in): ${demoUsers.map((u) => `${u.email} (${u.role.toLowerCase()})`).join(', ')}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error && ['EnvError', 'MigrationError'].includes(error.name) ? error.message : error);
    process.exit(1);
  },
);
