import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI wants a native schema engine that cannot be downloaded here. `prisma generate` only
// checks that the file exists; migrations run on the WASM engine instead (prisma/migrate.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('prisma', 'schema-engine-stub.sh');

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
});
