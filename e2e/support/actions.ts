import fs from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { PORTAL_URL } from './ports';

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

/** How a direct call passes its arguments: JSON, or a form (optionally after bound arguments and the previous state). */
export type Call = { kind: 'json'; args: unknown[] } | { kind: 'form'; bound?: unknown[]; prev: boolean; fields: Record<string, string | Blob> };

/** The built action with this `file#export` key. */
export function builtAction(key: string): BuiltAction {
  const action = builtActions().find((a) => a.key === key);
  if (!action) throw new Error(`No server action ${key} in the build`);
  return action;
}

type ManifestEntry = { exportedName: string; filename: string; workers: Record<string, unknown> };
export type BuiltAction = { id: string; key: string; page: string };

/** A URL of a page that uses the action ('app/(meeting)/rooms/[slug]/join/page' → '/rooms/x/join'). */
function pageOf(worker: string): string {
  const segments = worker.replace(/^app/, '').replace(/\/page$/, '').split('/').filter((s) => s && !s.startsWith('('));
  return `/${segments.map((s) => (s.startsWith('[') ? 'x' : s)).join('/')}`;
}

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8')) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, key: `${entry.filename}#${entry.exportedName}`, page: pageOf(Object.keys(entry.workers)[0]!) }));
}

/** Sends one action call the way React's client encodes it (encodeReply), so the server decodes it for real. */
export async function callAction(request: APIRequestContext, { id, page }: BuiltAction, call: Call) {
  const headers = { 'Next-Action': id, Origin: PORTAL_URL, Accept: 'text/x-component' };
  let response;
  if (call.kind === 'json') {
    response = await request.post(page, { headers: { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' }, data: JSON.stringify(call.args), maxRedirects: 0 });
  } else {
    const args = [...(call.bound ?? []), ...(call.prev ? [null] : []), '$K1'];
    // Root part last, as React sends it: the server decodes the parts as they stream in.
    const multipart = new FormData();
    for (const [key, value] of Object.entries(call.fields)) {
      if (typeof value === 'string') multipart.append(`_1_${key}`, value);
      else multipart.append(`_1_${key}`, value, 'attendees.csv');
    }
    multipart.append('0', JSON.stringify(args));
    response = await request.post(page, { headers, multipart, maxRedirects: 0 });
  }
  const location = response.headers()['x-action-redirect'] ?? response.headers()['location'] ?? '';
  // The action really ran: an RSC answer or a redirect it asked for (not, say, the proxy's sign-in redirect).
  expect(location || response.headers()['content-type'], `${id} reached`).toMatch(/text\/x-component|^\S+;(push|replace)$/);
  return { status: response.status(), text: await response.text(), location };
}

/** The people, rooms and addresses a test's direct calls aim at. */
export type FingerprintScope = { userIds: string[]; roomIds: string[]; emails: string[] };

/**
 * A fingerprint of every row an action aimed at `scope` could write (audit events and rate-limit
 * counters may grow on refusals). Scoped, so tests running in parallel do not disturb it.
 */
export async function fingerprint(db: PrismaClient, { userIds, roomIds, emails }: FingerprintScope): Promise<string> {
  const where: Record<string, string> = {
    User: `id = ANY($1) OR email = ANY($3)`,
    Account: `"userId" = ANY($1)`,
    Session: `"userId" = ANY($1)`,
    VerificationToken: `identifier = ANY($3)`,
    Room: `id = ANY($2) OR "ownerId" = ANY($1)`,
    RoomMember: `"roomId" = ANY($2) OR "userId" = ANY($1)`,
    Meeting: `"roomId" = ANY($2) OR "organizerId" = ANY($1)`,
    Invite: `"roomId" = ANY($2) OR email = ANY($3)`,
    Attendance: `"roomId" = ANY($2) OR "userId" = ANY($1)`,
  };
  const parts = await Promise.all(
    Object.entries(where).map(async ([table, condition]) => {
      const rows = await db.$queryRawUnsafe<{ h: string }[]>(`SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h FROM "${table}" x WHERE cardinality($1::text[] || $2::text[] || $3::text[]) > 0 AND (${condition})`, userIds, roomIds, emails);
      return `${table}:${rows[0]!.h}`;
    }),
  );
  return parts.join('\n');
}

