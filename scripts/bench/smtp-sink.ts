/**
 * A counting SMTP sink for the mail-throughput benchmark. Unlike the end-to-end suite's sink
 * (e2e/support/smtp-sink.ts), which parses and keeps every message for the tests to read, this one only
 * counts messages and bytes and notes when the first and the last arrived, so that the sink is never
 * what limits the measured rate.
 *
 *   SMTP on 127.0.0.1:$BENCH_SMTP_PORT (default 2625), no TLS, no auth
 *   GET    /health  200 "ok"
 *   GET    /stats   { messages, bytes, firstAt, lastAt } (epoch milliseconds)
 *   DELETE /stats   start counting again
 *
 * Run: node --import tsx scripts/bench/smtp-sink.ts
 */
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { SMTP_SINK_HTTP_PORT, SMTP_SINK_PORT } from './config';

const HOST = '127.0.0.1';
let stats = { messages: 0, bytes: 0, firstAt: null as number | null, lastAt: null as number | null };

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  banner: 'Gatehouse benchmark SMTP sink',
  logger: false,
  // No reverse DNS lookup of the client per connection (it waits for a resolver and would be what limits the rate).
  disableReverseLookup: true,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    stream.on('error', callback);
    stream.on('end', () => {
      const now = Date.now();
      stats.messages++;
      stats.bytes += bytes;
      stats.firstAt ??= now;
      stats.lastAt = now;
      callback();
    });
  },
});
smtp.on('error', (error) => console.error('bench smtp sink:', error.message));

const api = http.createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, 'ok');
  if (req.url === '/stats' && req.method === 'GET') return send(200, stats);
  if (req.url === '/stats' && req.method === 'DELETE') {
    stats = { messages: 0, bytes: 0, firstAt: null, lastAt: null };
    return send(200, stats);
  }
  send(404, 'not found');
});

smtp.listen(SMTP_SINK_PORT, HOST);
api.listen(SMTP_SINK_HTTP_PORT, HOST, () => console.log(`bench smtp sink on ${HOST}:${SMTP_SINK_PORT}, stats on http://${HOST}:${SMTP_SINK_HTTP_PORT}/stats`));

const stop = () => {
  setTimeout(() => process.exit(0), 2000).unref();
  api.close();
  api.closeAllConnections();
  smtp.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
