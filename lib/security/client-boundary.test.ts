/**
 * Secrets never reach the browser through an import: starting from every client component
 * ('use client'), follow the imports the bundler would follow (stopping at 'use server' files, which
 * the client only calls by reference) and make sure no module that holds or reads a secret is reachable.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Modules that read configuration secrets, mint or verify tokens, or talk to the database. */
const SECRET_MODULES = [
  'lib/env.ts',
  'lib/db.ts',
  'lib/auth/config.ts',
  'lib/jitsi/config.ts',
  'lib/jitsi/token.ts',
  'lib/jitsi/server-config.ts',
  'lib/mail/send.ts',
  'lib/invites/tokens.ts',
  'lib/calendar/feed.ts',
];

/** Modules that must refuse to load outside the server (the `server-only` guard). */
const SERVER_ONLY = ['lib/auth/config.ts', 'lib/jitsi/config.ts', 'lib/jitsi/token.ts', 'lib/jitsi/server-config.ts', 'lib/mail/send.ts'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [rel] : [];
  });
}

function directive(file: string): string | null {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  const match = /^['"](use client|use server)['"]/.exec(text);
  return match ? match[1]! : null;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.join(path.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    const full = path.join(ROOT, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return path.normalize(candidate);
  }
  return null;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found = new Set<string>();
  // Type-only imports are erased and never reach the bundle.
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) found.add(match[1]!);
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(match[1]!);
  return [...found].map((s) => resolveImport(file, s)).filter((f): f is string => !!f);
}

test('no client component can reach a module that holds a secret', () => {
  const clients = ['app', 'components', 'lib'].flatMap(sourceFiles).filter((f) => directive(f) === 'use client');
  assert.ok(clients.length > 10, 'the walk found the client components');
  const problems: string[] = [];
  for (const client of clients) {
    const seen = new Map<string, string[]>([[client, [client]]]);
    const queue = [client];
    while (queue.length) {
      const file = queue.shift()!;
      for (const next of imports(file)) {
        if (seen.has(next) || directive(next) === 'use server') continue;
        const trail = [...seen.get(file)!, next];
        seen.set(next, trail);
        if (SECRET_MODULES.includes(next)) problems.push(trail.join(' → '));
        queue.push(next);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the walk itself notices a forbidden import', () => {
  // Guards the test above against passing because it resolves nothing.
  assert.deepEqual(imports('lib/jitsi/token.ts').filter((f) => SECRET_MODULES.includes(f)).sort(), ['lib/jitsi/config.ts']);
});

/** Loaded by scripts, the seed and Playwright fixtures, which run outside Next's server build. */
const RUN_OUTSIDE_NEXT = ['lib/db.ts', 'lib/testing/database.ts'];

test('token, key and mail modules, and every module that uses the database, refuse to load outside the server', () => {
  const usesDatabase = sourceFiles('lib').filter((f) => !RUN_OUTSIDE_NEXT.includes(f) && imports(f).includes('lib/db.ts'));
  assert.ok(usesDatabase.length > 20, 'the walk found the database modules');
  for (const file of [...SERVER_ONLY, ...usesDatabase]) assert.match(fs.readFileSync(path.join(ROOT, file), 'utf8'), /^import 'server-only';/m, file);
});
