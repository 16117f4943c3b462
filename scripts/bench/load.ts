/**
 * The load generator, run as its own process so that it does not share an event loop with the
 * benchmark driver: autocannon against one server, cycling through a list of prepared requests (many
 * users, rooms and meetings), checking every response's status and body. Reads a LoadSpec from the JSON
 * file named on the command line and prints one JSON LoadResult.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';

export type LoadRequest = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };

export type LoadSpec = {
  origin: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  timeoutSeconds: number;
  requests: LoadRequest[];
  /** A response counts as good only with this status and, if given, this text in its body. */
  expect: { status: number; bodyIncludes?: string };
};

export type LoadResult = {
  connections: number;
  durationSeconds: number;
  requests: number;
  good: number;
  /** Connection errors, timeouts, unexpected statuses and unexpected bodies, together. */
  errors: number;
  detail: { connectionErrors: number; timeouts: number; badStatus: number; badBody: number; statuses: Record<string, number> };
  goodPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** Responses over the whole run, warm-up included (for CPU time per request). */
  totalResponses: number;
  /** Mean response size in bytes (headers and body) inside the window. */
  meanBytes: number;
  firstBadResponse?: string;
};

/**
 * One continuous run of warm-up + measurement, so no connection is dropped between them (dropped
 * requests would keep the server busy into the measurement). Only responses that complete inside the
 * measurement window count, for throughput and for latency.
 */
async function measure(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  let lastVerdict: { good: boolean; status: number } = { good: false, status: 0 };
  let firstBad: string | undefined;
  const samples: { at: number; ms: number; good: boolean; status: number; bytes: number }[] = [];
  const errorsAt: { at: number; timeout: boolean }[] = [];
  const total = spec.warmupSeconds + spec.durationSeconds;
  const started = performance.now();
  const windowStart = started + spec.warmupSeconds * 1000;
  const instance = autocannon(
    {
      url: spec.origin,
      connections: spec.connections,
      duration: total,
      timeout: spec.timeoutSeconds,
      requests: [
        {
          setupRequest: (request) => {
            const r = spec.requests[next++ % spec.requests.length]!;
            return { ...request, method: r.method, path: r.path, headers: r.headers, ...(r.body === undefined ? {} : { body: r.body }) };
          },
          // Called for every response just before autocannon's 'response' event for the same response.
          onResponse: (status, body) => {
            const text = String(body);
            const good = status === spec.expect.status && (!spec.expect.bodyIncludes || text.includes(spec.expect.bodyIncludes));
            if (!good && performance.now() >= windowStart) firstBad ??= `HTTP ${status}: ${text.slice(0, 300)}`;
            lastVerdict = { good, status };
          },
        },
      ],
    },
    () => undefined,
  );
  instance.on('response', (_client: unknown, _status: number, bytes: number, responseTime: number) => {
    samples.push({ at: performance.now(), ms: responseTime, good: lastVerdict.good, status: lastVerdict.status, bytes });
  });
  instance.on('reqError', (error: Error) => errorsAt.push({ at: performance.now(), timeout: /timed out/.test(error.message) }));
  const result = await new Promise<autocannon.Result>((resolve) => instance.on('done', resolve));
  const windowEnd = Math.min(performance.now(), started + result.duration * 1000);
  const inWindow = samples.filter((s) => s.at >= windowStart && s.at <= windowEnd);
  const errors = errorsAt.filter((e) => e.at >= windowStart && e.at <= windowEnd);
  const seconds = (windowEnd - windowStart) / 1000;
  // A response slower than the whole window still has a latency worth reporting: fall back to the warm-up's.
  const latencies = (inWindow.length ? inWindow : samples).map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : NaN);
  const statuses: Record<string, number> = {};
  for (const s of inWindow) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  const good = inWindow.filter((s) => s.good).length;
  const badStatus = inWindow.filter((s) => s.status !== spec.expect.status).length;
  const badBody = inWindow.length - good - badStatus;
  const timeouts = errors.filter((e) => e.timeout).length;
  return {
    connections: spec.connections,
    durationSeconds: seconds,
    requests: inWindow.length + errors.length,
    good,
    errors: errors.length + badStatus + badBody,
    detail: { connectionErrors: errors.length - timeouts, timeouts, badStatus, badBody, statuses },
    goodPerSecond: good / seconds,
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1), max: latencies.at(-1) ?? NaN },
    totalResponses: samples.length,
    meanBytes: inWindow.reduce((sum, s) => sum + s.bytes, 0) / (inWindow.length || 1),
    ...(firstBad ? { firstBadResponse: firstBad } : {}),
  };
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  process.stdout.write(`${JSON.stringify(await measure(spec))}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
