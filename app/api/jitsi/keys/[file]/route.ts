// GET /api/jitsi/keys/:sha256(kid).pem — RS256 public keys in the layout of Prosody's asap_key_server.
import { jitsiSettings, keyFileName } from '@/lib/jitsi/config';

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = (await params).file;
  if (!/^[0-9a-f]{64}\.pem$/.test(file)) return new Response('Not found', { status: 404 });
  const key = jitsiSettings().publishedKeys.find((k) => keyFileName(k.kid) === file);
  if (!key) return new Response('Not found', { status: 404 });
  return new Response(key.pem, { headers: { 'Content-Type': 'application/x-pem-file', 'Cache-Control': 'public, max-age=300' } });
}
