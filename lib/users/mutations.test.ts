import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let mutations: typeof import('./mutations');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url; // the portal's own client (lib/db) now points at this database
  mutations = await import('./mutations');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

const person = (email: string, role: 'ADMIN' | 'MEMBER' = 'MEMBER') => database.db.user.create({ data: { email, role } });

test('disabling deletes every session at once and is audited', async () => {
  const admin = await person('admin1@example.com', 'ADMIN');
  const member = await person('member1@example.com');
  await database.db.session.createMany({
    data: [1, 2].map((i) => ({ sessionToken: `t-${i}`, userId: member.id, expires: new Date(Date.now() + 3_600_000) })),
  });
  await mutations.disableUser(admin, member.id);
  assert.equal(await database.db.session.count({ where: { userId: member.id } }), 0);
  assert.ok((await database.db.user.findUniqueOrThrow({ where: { id: member.id } })).disabledAt);
  assert.equal(await database.db.auditEvent.count({ where: { kind: 'user.disabled', subjectUserId: member.id, actorId: admin.id } }), 1);
  await mutations.enableUser(admin, member.id);
  assert.equal((await database.db.user.findUniqueOrThrow({ where: { id: member.id } })).disabledAt, null);
});

test('the last active admin can be neither demoted nor disabled, and nobody can disable themselves', async () => {
  await database.db.user.updateMany({ where: { role: 'ADMIN' }, data: { role: 'MEMBER' } });
  const only = await person('only-admin@example.com', 'ADMIN');
  const other = await person('other-admin@example.com', 'ADMIN');
  await mutations.disableUser(only, other.id); // fine: `only` remains
  await assert.rejects(mutations.changeUserRole(other, only.id, 'MEMBER'), { code: 'LAST_ADMIN' });
  await assert.rejects(mutations.disableUser(other, only.id), { code: 'LAST_ADMIN' });
  await assert.rejects(mutations.disableUser(only, only.id), { code: 'SELF' });
  assert.equal((await database.db.user.findUniqueOrThrow({ where: { id: only.id } })).role, 'ADMIN');
});

test('two admins demoting each other at the same moment leave one admin', async () => {
  await database.db.user.updateMany({ where: { role: 'ADMIN' }, data: { role: 'MEMBER' } });
  const a = await person('race-a@example.com', 'ADMIN');
  const b = await person('race-b@example.com', 'ADMIN');
  const results = await Promise.allSettled([mutations.changeUserRole(a, b.id, 'MEMBER'), mutations.changeUserRole(b, a.id, 'MEMBER')]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  assert.equal(await database.db.user.count({ where: { role: 'ADMIN', disabledAt: null } }), 1);
});

test('an unknown user is NOT_FOUND', async () => {
  const admin = await person('admin-nf@example.com', 'ADMIN');
  await assert.rejects(mutations.disableUser(admin, 'does-not-exist'), { code: 'NOT_FOUND' });
  await assert.rejects(mutations.changeUserRole(admin, 'does-not-exist', 'ADMIN'), { code: 'NOT_FOUND' });
});
