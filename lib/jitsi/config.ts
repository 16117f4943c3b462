import 'server-only';
import fs from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { getEnv, localSecret, type Env } from '@/lib/env';

type JitsiSigning = { alg: 'HS256'; secret: Uint8Array } | { alg: 'RS256'; kid: string; privateKey: KeyObject };

/** Gatehouse's Jitsi connection, resolved once from the configuration. Holds secrets: server-only. */
export type JitsiSettings = {
  /** host[:port] the browser loads Jitsi from, and the token's `sub` unless a tenant is set. */
  domain: string;
  tenant?: string;
  appId: string;
  audience: string;
  ttlSeconds: number;
  skewSeconds: number;
  /** True on the embedded default: the built-in stand-in plays Jitsi. */
  standin: boolean;
  signing: JitsiSigning;
  /** RS256 public keys to publish for Prosody's asap_key_server (current first). */
  publishedKeys: { kid: string; pem: string }[];
};

function readKeys(env: Env): Pick<JitsiSettings, 'signing' | 'publishedKeys'> {
  if (env.JITSI_PRIVATE_KEY_FILE && env.JITSI_KEY_ID) {
    const privateKey = createPrivateKey(fs.readFileSync(env.JITSI_PRIVATE_KEY_FILE, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('JITSI_PRIVATE_KEY_FILE must hold an RSA private key (RS256).');
    const current = { kid: env.JITSI_KEY_ID, pem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
    const previous = (env.JITSI_PREVIOUS_PUBLIC_KEYS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [kid, file] = entry.split('=');
        if (!kid || !file) throw new Error(`JITSI_PREVIOUS_PUBLIC_KEYS: "${entry}" is not kid=path/to/public.pem`);
        return { kid, pem: createPublicKey(fs.readFileSync(file, 'utf8')).export({ type: 'spki', format: 'pem' }).toString() };
      });
    return { signing: { alg: 'RS256', kid: env.JITSI_KEY_ID, privateKey }, publishedKeys: [current, ...previous] };
  }
  const secret = env.JITSI_APP_SECRET ?? localSecret('jitsi-standin-secret', env);
  return { signing: { alg: 'HS256', secret: new TextEncoder().encode(secret) }, publishedKeys: [] };
}

export function resolveJitsiSettings(env: Env): JitsiSettings {
  const standin = !env.JITSI_DOMAIN;
  return {
    domain: env.JITSI_DOMAIN ?? `localhost:${env.JITSI_STANDIN_PORT}`,
    tenant: env.JITSI_TENANT,
    appId: env.JITSI_APP_ID,
    audience: env.JITSI_AUDIENCE,
    ttlSeconds: env.JITSI_TOKEN_TTL_SECONDS,
    skewSeconds: env.JITSI_CLOCK_SKEW_SECONDS,
    standin,
    ...readKeys(env),
  };
}

let cached: JitsiSettings | undefined;

export function jitsiSettings(): JitsiSettings {
  cached ??= resolveJitsiSettings(getEnv());
  return cached;
}

/** The file name Prosody asks the key server for: lowercase hex of sha256(kid), plus ".pem". */
export function keyFileName(kid: string): string {
  return `${createHash('sha256').update(kid, 'utf8').digest('hex')}.pem`;
}
