import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOutageLog, isMailServerDown, isMailServerDownText, isPermanentMailError } from './send';

function recorder() {
  const lines: string[] = [];
  return { lines, log: { error: (line: string) => void lines.push(`error ${line}`), info: (line: string) => void lines.push(`info ${line}`) } };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
const tryLater = Object.assign(new Error('421 Try again later'), { responseCode: 421 });
const noMailbox = Object.assign(new Error('550 No such mailbox'), { responseCode: 550 });

test('only 5xx replies are permanent; refused connections and 4xx are retried', () => {
  assert.equal(isPermanentMailError(noMailbox), true);
  assert.equal(isPermanentMailError(tryLater), false);
  assert.equal(isPermanentMailError(refused), false);
  assert.equal(isPermanentMailError(null), false);
});

test('an outage is logged once when it starts and once when it ends, however many mails fail', () => {
  const { lines, log } = recorder();
  let clock = 1_000_000;
  const outage = createOutageLog(log, () => clock);
  outage.sent();
  for (let i = 0; i < 150; i++) outage.failed(i % 2 ? tryLater : refused);
  clock += 38_000;
  outage.sent();
  outage.sent();
  assert.deepEqual(lines, [
    'error [mail] mail server unreachable (connect ECONNREFUSED 127.0.0.1:2525); mails stay queued and are retried',
    'info [mail] mail server reachable again after 38 s (150 failed attempts); queued mails are being sent',
  ]);
});

test('a server that is down or refuses service is told apart from one deferring a single message', () => {
  const deferred = Object.assign(new Error("Can't send mail - all recipients were rejected: 451 4.7.1 Greylisted"), { responseCode: 451 });
  assert.deepEqual([refused, tryLater, deferred, noMailbox].map(isMailServerDown), [true, true, false, false]);
  for (const [text, down] of [
    ['connect ECONNREFUSED 10.0.0.1:587', true],
    ['Connection timeout', true],
    ['Greeting never received', true],
    ["Can't send mail - all recipients were rejected: 421 4.3.2 Service not available, try again later", true],
    ["Can't send mail - all recipients were rejected: 451 4.7.1 Greylisted, try again", false],
    ['Message failed: 452 4.3.1 Insufficient system storage', false],
  ] as const) {
    assert.equal(isMailServerDownText(text), down, text);
  }
});

test('neither a permanent refusal nor a deferred message is an outage', () => {
  const { lines, log } = recorder();
  const outage = createOutageLog(log);
  outage.failed(noMailbox);
  outage.failed(Object.assign(new Error('451 Greylisted'), { responseCode: 451 }));
  outage.sent();
  assert.deepEqual(lines, []);
});

test('a second outage is logged again', () => {
  const { lines, log } = recorder();
  const outage = createOutageLog(log, () => 0);
  outage.failed(refused);
  outage.sent();
  outage.failed(tryLater);
  assert.equal(lines.length, 3);
  assert.match(lines[2]!, /^error \[mail\] mail server unreachable \(421 Try again later\)/);
});
