import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installPeerAddressHook } from './peer-address';
import { clientAddress } from '@/lib/rate-limit';

test('a client cannot choose its address with X-Forwarded-For: the peer address is appended before any handler runs', async () => {
  installPeerAddressHook();
  installPeerAddressHook(); // twice is harmless: one entry per request
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    seen.push(`${String(request.headers['x-forwarded-for'])} -> ${clientAddress(headers, 0)}`);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    // Spoofed addresses (issue 13, finding 4) all count against the one real peer.
    for (const spoof of [undefined, '6.6.6.6', '1.2.3.4, 5.6.7.8']) {
      await fetch(`http://127.0.0.1:${port}/`, { headers: spoof ? { 'X-Forwarded-For': spoof } : {} });
    }
  } finally {
    server.close();
  }
  assert.deepEqual(seen, ['127.0.0.1 -> 127.0.0.1', '6.6.6.6, 127.0.0.1 -> 127.0.0.1', '1.2.3.4, 5.6.7.8, 127.0.0.1 -> 127.0.0.1']);
});
