import http from 'node:http';

export type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One HTTP request whose connection comes from `localAddress`. On Linux every 127.x.y.z is loopback, so
 * a test can be several real clients, each with an address of its own, as a proxy in front sees them.
 */
export function requestFrom(localAddress: string, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, localAddress, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
