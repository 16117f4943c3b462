import test from 'node:test';
import assert from 'node:assert/strict';
import { isConnectionError, isOverloadError } from '@/lib/db-state';
import { fromError } from '@/lib/action-result';

test('lost connections and overload are told apart from failing queries', () => {
  assert.ok(isConnectionError(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
  assert.ok(isConnectionError(new Error('Connection terminated unexpectedly')));
  assert.ok(isConnectionError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })));
  assert.ok(!isConnectionError(new Error('Unique constraint failed on the fields: (`slug`)')));
  assert.ok(isOverloadError(new Error('Transaction API error: Unable to start a transaction in the given time.')));
  assert.ok(!isOverloadError(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
});

test('an action under overload answers "busy, try again" instead of failing', () => {
  assert.deepEqual(fromError(new Error('Transaction API error: Unable to start a transaction in the given time.')), {
    ok: false,
    code: 'UNAVAILABLE',
    message: 'Gatehouse is very busy right now. Try again in a few seconds.',
  });
  assert.throws(() => fromError(new Error('something else')));
});
