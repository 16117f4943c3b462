/**
 * Bundles the commands that run beside the web server — `prisma/migrate.ts` and `scripts/worker.ts` —
 * into single files (prisma/migrate.mjs, scripts/worker.mjs) for the container image, whose
 * standalone Next output has no TypeScript runner and only the node_modules the web server uses.
 * Packages that load WASM or data files from their own folder stay outside the bundle; the
 * Containerfile copies them. Run by the Containerfile: `npx tsx scripts/bundle-commands.ts`.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['prisma/migrate.ts', 'scripts/worker.ts'],
  outbase: '.',
  outdir: '.',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // `server-only` resolves to its empty server build, as in the Next server and the unit tests.
  conditions: ['react-server'],
  external: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg-native'],
  // Bundled CommonJS packages call require() and read __dirname (pg, nodemailer, @next/env…).
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "const require = __createRequire(import.meta.url);",
      'const __filename = import.meta.filename;',
      'const __dirname = import.meta.dirname;',
    ].join(' '),
  },
  logLevel: 'warning',
});
