/**
 * The stand-in's configuration: the Jitsi server it pretends to be, read from the JITSI_* variables
 * (listed in ../jitsi-standin.ts), mirroring Prosody's options.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JitsiServerConfig } from '../../lib/jitsi/verify';
import { MISCONFIGURATIONS, type Misconfiguration } from './xmpp';

export type StandinOptions = {
  host: string;
  port: number;
  /** The Jitsi config to enforce; `domain` may be omitted to get 'localhost:<actual port>'. */
  config: Omit<JitsiServerConfig, 'domain'> & { domain?: string };
  /** Directory for the cached certificate, or null for memory only. */
  certDir: string | null;
  /** Test control: behave like a Jitsi set up with one of the usual mistakes (see ./xmpp.ts). */
  misconfiguration?: Misconfiguration | null;
  /** Like Jitsi's event_sync component: post room and occupant events to `url` (its api_prefix) with the bearer `secret`. */
  events?: { url: string; secret: string } | null;
};

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KEY_CACHE_MS = 60_000;

/** A bad JITSI_* variable: the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be 'true' or 'false', got '${value}'`);
}

function parseList(value: string | undefined): string[] | undefined {
  const list = value?.split(',').map((item) => item.trim()).filter(Boolean);
  return list && list.length > 0 ? list : undefined;
}

/** Fetches `<base>/<lowercase hex sha256(kid)>.pem` like Prosody's get_public_key, with a short cache. */
function asapKeyServer(baseUrl: string, cacheMs = KEY_CACHE_MS): (kid: string) => Promise<KeyObject | null> {
  const cache = new Map<string, { key: KeyObject; until: number }>();
  const base = baseUrl.replace(/\/+$/, '');
  return async (kid) => {
    const cached = cache.get(kid);
    if (cached && cached.until > Date.now()) return cached.key;
    const url = `${base}/${createHash('sha256').update(kid, 'utf8').digest('hex')}.pem`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status !== 200 && response.status !== 204) return null;
      const key = createPublicKey(await response.text());
      cache.set(kid, { key, until: Date.now() + cacheMs });
      return key;
    } catch {
      return null;
    }
  };
}

export function standinOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StandinOptions {
  const portText = env.JITSI_STANDIN_PORT?.trim() || '8443';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`JITSI_STANDIN_PORT must be a port number, got '${portText}'`);
  const host = env.JITSI_STANDIN_HOST?.trim() || '127.0.0.1';
  const appId = env.JITSI_APP_ID?.trim() || 'gatehouse';
  const keyServer = env.JITSI_ASAP_KEY_SERVER?.trim() || undefined;
  const algorithmText = (env.JITSI_ALGORITHM?.trim() || (keyServer && !env.JITSI_APP_SECRET ? 'RS256' : 'HS256')).toUpperCase();
  if (algorithmText !== 'HS256' && algorithmText !== 'RS256') throw new ConfigError(`JITSI_ALGORITHM must be HS256 or RS256, got '${algorithmText}'`);
  const algorithm: 'HS256' | 'RS256' = algorithmText;
  const appSecret = env.JITSI_APP_SECRET || undefined;
  if (algorithm === 'HS256' && !appSecret) throw new ConfigError('JITSI_APP_SECRET is required for HS256 (or set JITSI_ALGORITHM=RS256 with JITSI_ASAP_KEY_SERVER)');
  if (algorithm === 'RS256') {
    if (!keyServer) throw new ConfigError('JITSI_ASAP_KEY_SERVER is required for RS256');
    try {
      new URL(keyServer);
    } catch {
      throw new ConfigError(`JITSI_ASAP_KEY_SERVER must be a URL, got '${keyServer}'`);
    }
  }
  const cache = parseBoolean('JITSI_STANDIN_CERT_CACHE', env.JITSI_STANDIN_CERT_CACHE, true);
  const misconfiguration = env.JITSI_STANDIN_MISCONFIGURATION?.trim() || null;
  if (misconfiguration !== null && !MISCONFIGURATIONS.includes(misconfiguration as Misconfiguration)) {
    throw new ConfigError(`JITSI_STANDIN_MISCONFIGURATION must be ${MISCONFIGURATIONS.join(' or ')} (or unset), got '${misconfiguration}'`);
  }
  const eventsUrl = env.JITSI_STANDIN_EVENTS_URL?.trim() || undefined;
  if (eventsUrl && !/^https?:\/\/[^/]+/.test(eventsUrl)) throw new ConfigError(`JITSI_STANDIN_EVENTS_URL must be an http(s) URL (event_sync's api_prefix), got '${eventsUrl}'`);
  if (eventsUrl && !env.JITSI_EVENTS_SECRET) throw new ConfigError('JITSI_STANDIN_EVENTS_URL needs JITSI_EVENTS_SECRET (sent as Authorization: Bearer …)');
  return {
    host,
    port,
    misconfiguration: misconfiguration as Misconfiguration | null,
    events: eventsUrl ? { url: eventsUrl.replace(/\/+$/, ''), secret: env.JITSI_EVENTS_SECRET! } : null,
    certDir: cache ? path.join(REPO_ROOT, '.data', 'jitsi-standin') : null,
    config: {
      domain: env.JITSI_DOMAIN?.trim() || undefined,
      appId,
      acceptedIssuers: parseList(env.JITSI_ACCEPTED_ISSUERS),
      acceptedAudiences: parseList(env.JITSI_AUDIENCE) ?? ['jitsi'],
      algorithm,
      appSecret: algorithm === 'HS256' ? appSecret : undefined,
      publicKeys: algorithm === 'RS256' && keyServer ? asapKeyServer(keyServer) : undefined,
      enableDomainVerification: parseBoolean('JITSI_DOMAIN_VERIFICATION', env.JITSI_DOMAIN_VERIFICATION, true),
      allowEmptyToken: parseBoolean('JITSI_ALLOW_EMPTY_TOKEN', env.JITSI_ALLOW_EMPTY_TOKEN, false),
    },
  };
}

/** One line that says which Jitsi the stand-in is pretending to be. */
export function describe(config: JitsiServerConfig): string {
  return [
    `domain ${config.domain}`,
    config.algorithm,
    `app_id ${config.appId}`,
    `iss ${(config.acceptedIssuers ?? [config.appId]).join(',')}`,
    `aud ${(config.acceptedAudiences ?? ['*']).join(',')}`,
    `domain verification ${config.enableDomainVerification === false ? 'off' : 'on'}`,
    ...(config.allowEmptyToken ? ['empty tokens allowed'] : []),
  ].join(', ');
}
