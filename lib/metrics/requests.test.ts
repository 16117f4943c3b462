import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestObservation } from './requests';

const span = (attributes: Record<string, unknown>, duration: [number, number] = [0, 250_000_000]) => ({ attributes, duration }) as Parameters<typeof requestObservation>[0];

test('a routed request span becomes one observation with the route pattern, never the path', () => {
  const observed = requestObservation(span({ 'next.span_type': 'BaseServer.handleRequest', 'next.route': '/meetings/[id]', 'http.method': 'POST', 'http.status_code': 303, 'http.target': '/meetings/abc123' }, [1, 500_000_000]));
  assert.deepEqual(observed, { labels: { method: 'POST', route: '/meetings/[id]', status: '303' }, seconds: 1.5 });
});

test('React Server Component requests are told apart from page loads', () => {
  const observed = requestObservation(span({ 'next.span_type': 'BaseServer.handleRequest', 'next.route': '/rooms', 'http.method': 'GET', 'http.status_code': 200, 'next.rsc': true }));
  assert.equal(observed?.labels.route, '/rooms (RSC)');
});

test('inner spans, and request spans without a route (the proxy pass), are not observed', () => {
  assert.equal(requestObservation(span({ 'next.span_type': 'AppRender.getBodyResult', 'next.route': '/rooms' })), null);
  assert.equal(requestObservation(span({ 'next.span_type': 'BaseServer.handleRequest', 'http.method': 'GET', 'http.status_code': 200 })), null);
});
