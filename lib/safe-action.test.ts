import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AppError, fieldError } from './errors';
import { serverAction } from './safe-action';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const caller = async () => ({ id: 'u1' });

test('runs with the caller and the parsed input, and answers its data', async () => {
  const action = serverAction({ caller, input: z.strictObject({ n: z.coerce.number() }), run: async (user, { n }) => ({ who: user.id, twice: n * 2 }) });
  assert.deepEqual(await action(null, form({ n: '21' })), { ok: true, data: { who: 'u1', twice: 42 } });
});

test('a caller that refuses stops the action before the input is read or anything runs', async () => {
  let ran = false;
  const action = serverAction({
    caller: () => Promise.reject(new AppError('FORBIDDEN')),
    input: z.strictObject({}),
    run: async () => void (ran = true),
  });
  await assert.rejects(action(null, form({ anything: 'x' })), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN');
  assert.equal(ran, false);
});

test('bad input is a VALIDATION result with field errors, and nothing runs', async () => {
  let ran = false;
  const action = serverAction({ caller, input: z.strictObject({ name: z.string().min(2, 'Too short.') }), run: async () => void (ran = true) });
  const result = await action(null, form({ name: 'x' }));
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.fieldErrors, { name: ['Too short.'] });
  assert.equal((await action(null, form({ name: 'fine', role: 'ADMIN' }))).ok, false, 'unknown fields are refused');
  assert.equal(ran, false);
});

test('commands on one record answer a mangled id as NOT_FOUND', async () => {
  const action = serverAction({ caller, input: z.strictObject({ id: z.string().max(3) }), invalidInput: 'not-found', run: async () => undefined });
  const result = await action(null, form({ id: 'far too long' }));
  assert.deepEqual(result, { ok: false, code: 'NOT_FOUND', message: (result as { message: string }).message });
});

test('arguments before the form are validated by the same schema as the fields', async () => {
  const action = serverAction({
    caller,
    input: z.strictObject({ roomId: z.string().regex(/^r\d+$/), name: z.string() }),
    args: ['roomId'],
    run: async (_user, input) => input,
  });
  assert.deepEqual(await action('r1', null, form({ name: 'A' })), { ok: true, data: { roomId: 'r1', name: 'A' } });
  assert.equal((await action('../admin', null, form({ name: 'A' }))).ok, false);
  // A form field cannot override an argument.
  assert.deepEqual(await action('r1', null, form({ name: 'A', roomId: 'r2' })), { ok: true, data: { roomId: 'r1', name: 'A' } });
});

test('an AppError becomes its result with its field errors; other errors are not swallowed', async () => {
  const refusing = serverAction({ caller, input: z.strictObject({}), run: () => Promise.reject(fieldError('slug', 'Taken.')) });
  assert.deepEqual(await refusing(null, form({})), { ok: false, code: 'VALIDATION', message: 'Some fields need your attention.', fieldErrors: { slug: ['Taken.'] } });
  const crashing = serverAction({ caller, input: z.strictObject({}), run: () => Promise.reject(new TypeError('bug')) });
  await assert.rejects(crashing(null, form({})), TypeError);
});

test('redirects after success, never after a failure', async () => {
  const action = serverAction({
    caller,
    input: z.strictObject({ slug: z.string().min(1) }),
    run: async (_user, { slug }) => ({ slug }),
    redirectTo: ({ slug }) => `/rooms/${slug}`,
  });
  await assert.rejects(action(null, form({ slug: 'team' })), (e: unknown) => String((e as { digest?: string }).digest).includes('/rooms/team'));
  assert.equal((await action(null, form({ slug: '' }))).ok, false);
});

test('an action without a form (called from code) reads an empty input', async () => {
  const action = serverAction({ caller, input: z.strictObject({}), run: async () => 'done' });
  assert.deepEqual(await action(), { ok: true, data: 'done' });
});
