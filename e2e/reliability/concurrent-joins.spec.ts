import { randomBytes } from 'node:crypto';
import { test, expect } from '../support/fixtures';
import { builtAction } from '../support/actions';
import { PORTAL_URL, STANDIN_DOMAIN } from '../support/ports';
import { STANDIN_SECRET } from '../support/portal-env';
import { verifyJitsiToken } from '../../lib/jitsi/verify';

const REQUESTS = 1_000;
const ROOMS = 50;
const PEOPLE = 200;

test('1,000 simultaneous joins over 50 rooms: no unexpected errors, every token valid, every jti unique', async ({ db }) => {
  test.setTimeout(180_000);
  const suffix = randomBytes(4).toString('hex');
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: `load${suffix}u${i}`, email: `load-${suffix}-${i}@example.com`, name: `Load ${i}` }));
  await db.user.createMany({ data: people.map((p) => ({ ...p, emailVerified: new Date() })) });
  const sessions = people.map((p) => ({ sessionToken: randomBytes(32).toString('hex'), userId: p.id, expires: new Date(Date.now() + 3_600_000) }));
  await db.session.createMany({ data: sessions });
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({ id: `load${suffix}r${i}`, slug: `load-${suffix}-${i}`, name: `Load room ${i}`, ownerId: people[i]!.id, jitsiName: `ld${suffix}x${i}`, alwaysOpen: true }));
  await db.room.createMany({ data: rooms });
  // Everyone takes part in every room, so each request is a real, allowed join.
  await db.roomMember.createMany({ data: rooms.flatMap((r, i) => people.filter((_, j) => j !== i).map((p) => ({ roomId: r.id, userId: p.id, role: 'PARTICIPANT' as const }))) });

  const join = builtAction('lib/jitsi/actions.ts#joinAction');
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const room = rooms[i % ROOMS]!;
      const session = sessions[i % PEOPLE]!;
      try {
        const response = await fetch(`${PORTAL_URL}${join.page}`, {
          method: 'POST',
          headers: { 'Next-Action': join.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Cookie: `authjs.session-token=${session.sessionToken}` },
          body: JSON.stringify([{ kind: 'room', slug: room.slug }]),
        });
        return { room, status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
      } catch (error) {
        return { room, status: 0, retryAfter: null, text: String(error) };
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;

  const tokens: { room: (typeof rooms)[number]; token: string }[] = [];
  const unexpected: string[] = [];
  for (const r of results) {
    const token = /"token":"(eyJ[\w-]+\.[\w-]+\.[\w-]+)"/.exec(r.text)?.[1];
    if (r.status === 200 && token) tokens.push({ room: r.room, token });
    // Overload answers: the proxy's 503/429 with Retry-After, or the action's own "busy, try again" result
    // (a server action answers 200 with its result and cannot set Retry-After).
    else if (!(((r.status === 429 || r.status === 503) && r.retryAfter) || (r.status === 200 && r.text.includes('"code":"UNAVAILABLE"')))) unexpected.push(`${r.status} ${r.text.slice(0, 120)}`);
  }
  console.log(`${REQUESTS} joins in ${seconds.toFixed(1)} s: ${tokens.length} tokens, ${REQUESTS - tokens.length - unexpected.length} overload answers, ${unexpected.length} unexpected`);
  expect(unexpected).toEqual([]);
  expect(tokens.length).toBeGreaterThan(0);

  const config = { domain: STANDIN_DOMAIN, appId: 'gatehouse', acceptedAudiences: ['jitsi'], algorithm: 'HS256' as const, appSecret: STANDIN_SECRET };
  const jtis = new Set<string>();
  for (const { room, token } of tokens) {
    const verdict = await verifyJitsiToken(token, { room: room.jitsiName }, config);
    expect(verdict.accepted, verdict.accepted ? '' : verdict.reason).toBe(true);
    if (verdict.accepted) jtis.add(String(verdict.claims.jti));
  }
  expect(jtis.size).toBe(tokens.length);
  expect(await db.attendance.count({ where: { roomId: { in: rooms.map((r) => r.id) } } })).toBe(tokens.length);
});
