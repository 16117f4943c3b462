/**
 * Calling the portal's server actions the way its pages do: a POST to the page that uses the action,
 * with the action's id from this build's manifest (`Next-Action`), the arguments encoded by React's own
 * `encodeReply` (what the browser runs), the session cookie and a same-origin `Origin` header (Next
 * refuses actions whose Origin does not match the host).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PORTAL_ORIGIN, ROOT, SESSION_COOKIE } from './config';

type Manifest = { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> };

/** The id of `exportedName` from `filename` (e.g. lib/jitsi/actions.ts, joinAction) in the current build. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} from ${filename} in .next/server/server-reference-manifest.json (run next build).`);
  return found[0];
}

const require = createRequire(import.meta.url);
type EncodeReply = (value: unknown) => Promise<string | FormData>;
const { encodeReply } = require('next/dist/compiled/react-server-dom-turbopack/client.node') as { encodeReply: EncodeReply };

/** The request body the browser sends for these arguments: a string, or multipart form data when a File/FormData is among them. */
export function encodeActionArguments(args: unknown[]): Promise<string | FormData> {
  return encodeReply(args);
}

export function actionHeaders(id: string, sessionToken: string, contentType = 'text/plain;charset=UTF-8'): Record<string, string> {
  return {
    'next-action': id,
    accept: 'text/x-component',
    'content-type': contentType,
    origin: PORTAL_ORIGIN,
    cookie: `${SESSION_COOKIE}=${sessionToken}`,
  };
}
