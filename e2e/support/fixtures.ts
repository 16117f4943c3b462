/**
 * Test fixtures: each test creates its own people (unique addresses) in the suite's database and, when
 * it needs a signed-in browser, a real database session for them.
 */
import { randomBytes } from 'node:crypto';
import { test as base, type BrowserContext } from '@playwright/test';
import { createPrismaClient } from '../../lib/db';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { assertLocal } from '../../lib/testing/database';
import { E2E_DATABASE_URL, PORTAL_URL } from './ports';

assertLocal(E2E_DATABASE_URL);

export type TestUser = { id: string; email: string; name: string; role: 'ADMIN' | 'MEMBER' };

/** A unique address at the allowed domain, e.g. member-3f9a1c@example.com. */
export function uniqueEmail(prefix: string, domain = 'example.com'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@${domain}`;
}

type Fixtures = {
  db: PrismaClient;
  createUser: (options?: { role?: 'ADMIN' | 'MEMBER'; prefix?: string }) => Promise<TestUser>;
  signInAs: (context: BrowserContext, user: TestUser) => Promise<void>;
};

export const test = base.extend<Fixtures, { workerDb: PrismaClient }>({
  workerDb: [
    async ({}, use) => {
      const client = createPrismaClient({ kind: 'postgres', url: E2E_DATABASE_URL });
      await use(client);
      await client.$disconnect();
    },
    { scope: 'worker' },
  ],
  db: async ({ workerDb }, use) => use(workerDb),
  createUser: async ({ workerDb }, use) => {
    await use(async ({ role = 'MEMBER', prefix = role.toLowerCase() } = {}) => {
      const email = uniqueEmail(prefix);
      const name = `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${email.slice(prefix.length + 1, email.indexOf('@'))}`;
      const user = await workerDb.user.create({ data: { email, name, role, emailVerified: new Date(), lastSignInAt: new Date() } });
      return { id: user.id, email, name, role };
    });
  },
  signInAs: async ({ workerDb }, use) => {
    await use(async (context, user) => {
      const sessionToken = randomBytes(32).toString('hex');
      const expires = new Date(Date.now() + 24 * 3600 * 1000);
      await workerDb.session.create({ data: { sessionToken, userId: user.id, expires } });
      await context.addCookies([{ name: 'authjs.session-token', value: sessionToken, url: PORTAL_URL, httpOnly: true, sameSite: 'Lax', expires: expires.getTime() / 1000 }]);
    });
  },
});

export { expect } from '@playwright/test';
