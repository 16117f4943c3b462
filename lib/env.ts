import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Gatehouse's configuration, read from the process environment and validated once.
 * Every variable is documented in `.env.example`. A bad value stops start-up with a message that
 * names the variable and says what is expected.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
/** A shared secret or token: unset, or at least 32 bytes. */
const optionalSecret = optionalString.pipe(z.string().refine((v) => Buffer.byteLength(v, 'utf8') >= 32, 'must be at least 32 bytes (openssl rand -hex 32)').optional());

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// connection URL, e.g. postgresql://user:pass@db:5432/gatehouse');

const commaList = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** PostgreSQL connection URL. Unset: the embedded PGlite database under DATA_DIR. */
    DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
    /** Folder for the embedded database and generated local secrets. */
    DATA_DIR: optionalString.default('.data'),

    /** Signs session cookies and hashes email-link tokens. Generated under DATA_DIR outside production. */
    AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 33)').optional()),
    /** The portal's public URL, e.g. https://meet.example.com (links in mails). */
    AUTH_URL: optionalString.pipe(httpUrl.optional()),

    OIDC_ISSUER: optionalString.pipe(httpUrl.optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: optionalString.default('Single sign-on'),

    /** smtp://user:pass@host:587 or smtps://…:465. Enables sign-in by email link. */
    SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
    MAIL_FROM: optionalString,
    /** Minutes an email sign-in link stays valid (1–15). */
    EMAIL_LINK_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(15, 'must be 15 minutes or less').default(10),

    /** Employees' email domains, comma-separated: example.com,example.org */
    ALLOWED_EMAIL_DOMAINS: commaList,
    /** open: anyone at an allowed domain gets an account; invite-only: only existing users. */
    REGISTRATION_MODE: z.enum(['open', 'invite-only']).optional(),
    /** Addresses that become admins on their first sign-in, comma-separated. */
    ADMIN_EMAILS: commaList,

    /** The Jitsi Meet server, host[:port] without scheme. Unset outside production: the built-in stand-in. */
    JITSI_DOMAIN: optionalString.pipe(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'must be a host name with an optional port, e.g. meet.example.com (no https://)').optional()),
    /** Optional tenant: meetings open at https://<domain>/<tenant>/<room>. */
    JITSI_TENANT: optionalString.pipe(z.string().regex(/^[a-z0-9_-]+$/, 'must be lowercase letters, digits, - or _').optional()),
    JITSI_APP_ID: optionalString.default('gatehouse'),
    /** HS256 shared secret, the same as Prosody's app_secret (at least 32 bytes). */
    JITSI_APP_SECRET: optionalSecret,
    /** RS256 instead of a shared secret: a PKCS#8 private key file and its key id. */
    JITSI_PRIVATE_KEY_FILE: optionalString,
    JITSI_KEY_ID: optionalString.pipe(z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, dot, dash or underscore').optional()),
    /** Public keys still published during a rotation: kid=path/to/public.pem, comma-separated. */
    JITSI_PREVIOUS_PUBLIC_KEYS: optionalString,
    /** The token's aud; Prosody's asap_accepted_audiences must contain it. */
    JITSI_AUDIENCE: optionalString.default('jitsi'),
    /** Token lifetime in seconds (60–3600, default 600). */
    JITSI_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60, 'must be at least 60 seconds').max(3600, 'must be at most 3600 seconds').default(600),
    /** nbf is back-dated this many seconds to absorb clock skew between portal and Jitsi (0–300). */
    JITSI_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300, 'must be at most 300 seconds').default(30),
    /** Port of the built-in Jitsi stand-in on the embedded default (default 8443). */
    JITSI_STANDIN_PORT: z.coerce.number().int().min(1).max(65535).default(8443),

    /**
     * The bearer secret Jitsi's event_sync component sends (api_headers Authorization: Bearer …). Set:
     * attendance and "Live now" come from Jitsi's own events at /api/jitsi/events/…; unset: the receiver
     * answers 404 and attendance comes from the meeting pages.
     */
    JITSI_EVENTS_SECRET: optionalSecret,
    /**
     * Bearer token for GET /metrics (Prometheus: `authorization: { credentials: <token> }`). Unset:
     * /metrics answers 404 and request timing is not collected.
     */
    METRICS_TOKEN: optionalSecret,

    /** Minutes before a meeting's start when joining opens (0–120). */
    JOIN_WINDOW_MINUTES: z.coerce.number().int().min(0).max(120, 'must be 120 minutes or less').default(10),
    /**
     * How often the meeting page tells the portal the person is still in (1–300 s, default 30). A
     * session with no Leave ends at its last heartbeat once 2.5 intervals pass without one.
     */
    ATTENDANCE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1, 'must be at least 1 second').max(300, 'must be at most 300 seconds').default(30),

    /**
     * How many reverse proxies of yours stand in front of the portal (0–10). Each appends the address it
     * was reached from to X-Forwarded-For; only that many entries from the right are believed. 0
     * (default): the portal is reached directly and the connection's own address is the client's.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number({ error: 'must be a whole number from 0 to 10: how many proxies of yours stand in front of the portal' }).int('must be a whole number from 0 to 10').min(0, 'must be 0 or more').max(10, 'must be 10 or less').default(0),

    /** Where each audit event is also written as one JSON line for log collectors: stdout (default) or off. */
    SECURITY_LOG: z.enum(['stdout', 'off'], { error: 'must be stdout or off' }).default('stdout'),

    /**
     * Invitation mails this process sends at once (0–32, default 8). 0 in the web process: it only
     * queues them, and `npm run worker` (the image's `worker` command) sends them.
     */
    WORKERS: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.coerce.number({ error: 'must be a whole number from 0 to 32' }).int('must be a whole number from 0 to 32').min(0, 'must be a whole number from 0 to 32').max(32, 'must be a whole number from 0 to 32').default(8),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.JITSI_APP_SECRET && env.AUTH_SECRET && env.JITSI_APP_SECRET === env.AUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JITSI_APP_SECRET'], message: 'must differ from AUTH_SECRET: Jitsi holds this secret too, and must not be able to forge Gatehouse sessions' });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when OpenID Connect is configured (set all three or none)' });
      }
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required with SMTP_URL: the sender address, e.g. "Gatehouse <meet@example.com>"' });
    }
    if (env.REGISTRATION_MODE === 'open' && env.ALLOWED_EMAIL_DOMAINS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_EMAIL_DOMAINS'], message: 'is required when REGISTRATION_MODE=open (which domains may register?)' });
    }
    if (env.JITSI_PRIVATE_KEY_FILE && !env.JITSI_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['JITSI_KEY_ID'], message: 'is required with JITSI_PRIVATE_KEY_FILE (the kid Prosody looks the public key up by)' });
    }
    if (env.JITSI_DOMAIN && !env.JITSI_APP_SECRET && !env.JITSI_PRIVATE_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['JITSI_APP_SECRET'], message: 'is required with JITSI_DOMAIN (or use JITSI_PRIVATE_KEY_FILE and JITSI_KEY_ID for RS256)' });
    }
    if (env.NODE_ENV === 'production' && !env.JITSI_DOMAIN) {
      ctx.addIssue({ code: 'custom', path: ['JITSI_DOMAIN'], message: 'is required in production: the host name of your Jitsi Meet server' });
    }
    if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required in production: at least 32 random characters (openssl rand -base64 33)' });
    }
  })
  .transform((env) => ({
    ...env,
    REGISTRATION_MODE: env.REGISTRATION_MODE ?? (env.ALLOWED_EMAIL_DOMAINS.length ? 'open' : 'invite-only'),
  }));

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Gatehouse cannot start: its configuration has ${problems.length === 1 ? 'a problem' : 'problems'}:\n` +
      problems.map((p) => `  - ${p}`).join('\n') + '\nSee .env.example for every variable and its meaning.');
    this.name = 'EnvError';
  }
}

/** Validates a given environment (tests pass their own); throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process (validated on first use, then memoised). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The embedded default: no DATABASE_URL, not production. Only here does the development sign-in exist. */
export function isEmbeddedDevelopment(env = getEnv()): boolean {
  return !env.DATABASE_URL && env.NODE_ENV !== 'production';
}

/** A secret generated once under DATA_DIR (outside production only), e.g. for the Jitsi stand-in. */
export function localSecret(name: string, env = getEnv()): string {
  if (env.NODE_ENV === 'production') throw new EnvError([`${name}: is required in production`]);
  const file = path.resolve(env.DATA_DIR, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(33).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won the race
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * AUTH_SECRET, or outside production a random one generated once and kept under DATA_DIR, so a fresh
 * clone runs without configuration and sessions survive restarts.
 */
export function authSecret(env = getEnv()): string {
  return env.AUTH_SECRET ?? localSecret('auth-secret', env);
}
