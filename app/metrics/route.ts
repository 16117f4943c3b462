// GET /metrics — Prometheus metrics of this process, for a scraper holding METRICS_TOKEN.
import { getEnv } from '@/lib/env';
import { scrapeMetrics } from '@/lib/metrics/scrape';
import { bearerMatches } from '@/lib/security/bearer';

export const dynamic = 'force-dynamic';

const plain = (status: number, text: string) => new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export async function GET(request: Request) {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return plain(404, 'Metrics are off: set METRICS_TOKEN to turn them on.');
  if (!bearerMatches(request.headers.get('authorization'), token)) {
    return new Response('Send the configured token as "Authorization: Bearer <METRICS_TOKEN>".\n', {
      status: 401,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' },
    });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}
