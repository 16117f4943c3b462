import type { APIRequestContext, Page } from '@playwright/test';

/** A server-action call as the browser made it: enough to replay it as someone else. */
export type CapturedAction = { url: string; actionId: string; contentType: string; body: Buffer };

/** Runs `trigger` and returns the server-action POST it caused. */
export async function captureAction(page: Page, trigger: () => Promise<unknown>): Promise<CapturedAction> {
  const call = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await trigger();
  const request = await call;
  return {
    url: request.url(),
    actionId: request.headers()['next-action']!,
    contentType: request.headers()['content-type'] ?? 'text/plain;charset=UTF-8',
    body: request.postDataBuffer() ?? Buffer.alloc(0),
  };
}

/** Sends a captured action again from another session, optionally with some text of the body replaced. */
export async function replayAction(request: APIRequestContext, action: CapturedAction, replace: [string, string][] = []) {
  let body = action.body.toString('utf8');
  for (const [from, to] of replace) body = body.replaceAll(from, to);
  const response = await request.post(action.url, {
    headers: { 'Next-Action': action.actionId, 'Content-Type': action.contentType, Accept: 'text/x-component' },
    data: Buffer.from(body, 'utf8'),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}
