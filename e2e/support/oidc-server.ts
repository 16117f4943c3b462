/**
 * OpenID Connect provider for the end-to-end suite (oidc-provider v9).
 *
 * Issuer http://localhost:$OIDC_PORT (default 3901), one confidential client
 * (`gatehouse-e2e`) whose redirect URI is the portal's Auth.js callback on
 * http://localhost:$PORTAL_PORT (default 3100).
 *
 * Sign-in uses oidc-provider's built-in development interactions: a form with
 * a "login" text field (any value: it becomes the account id), a "password"
 * field (any non-empty value) and a "Sign-in" button. Consent is granted
 * automatically for our client, so there is no second page. Claims for the
 * typed account id `<id>`:
 *   sub            <id>
 *   email          <id> if it contains "@", else `<id>@example.com`
 *   email_verified false if <id> starts with "unverified.", else true
 *   name           the local part split on . _ - +, capitalised ("oidc.alice@x" -> "Oidc Alice")
 * They are put in the ID token itself (Auth.js reads the profile from it).
 *
 * Readiness: GET /health -> 200 "ok" (discovery at /.well-known/openid-configuration).
 * Run: node --import tsx e2e/support/oidc-server.ts
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
// @ts-expect-error -- oidc-provider ships no type declarations (and @types/oidc-provider is not installed);
// the small part of its API used here is described by the interfaces below.
import UntypedProvider from 'oidc-provider';

// --- the slice of oidc-provider's API this file touches ----------------------

interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

interface OidcContext {
  oidc: {
    provider: Provider;
    client?: { clientId: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
  };
}

/** Koa context, as seen by middleware added with provider.use(). */
interface KoaContext {
  body: unknown;
  response: { is(type: string): string | false };
}

interface Account {
  accountId: string;
  claims(): Promise<Record<string, unknown>>;
}

interface Provider {
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
  callback(): http.RequestListener;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, listener: (ctx: unknown, error: Error) => void): void;
}

type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => Provider;
const OidcProvider = UntypedProvider as ProviderConstructor;

// --- settings -----------------------------------------------------------------

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  }
  return port;
}

const OIDC_PORT = portFromEnv('OIDC_PORT', 3901);
const PORTAL_PORT = portFromEnv('PORTAL_PORT', 3100);
const ISSUER = `http://localhost:${OIDC_PORT}`;

const CLIENT_ID = 'gatehouse-e2e';
const CLIENT_SECRET = 'gatehouse-e2e-secret-0123456789abcdef';
const SCOPE = 'openid email profile';

// --- test accounts ----------------------------------------------------------------

/** "oidc.alice@example.com" -> "Oidc Alice" */
function nameFor(login: string): string {
  const local = login.split('@')[0] ?? login;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Every typed login is a valid account; its claims are derived from the login itself. */
function findAccount(_ctx: unknown, id: string): Account | undefined {
  if (!id) return undefined;
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        email: id.includes('@') ? id : `${id}@example.com`,
        email_verified: !id.startsWith('unverified.'),
        name: nameFor(id),
      };
    },
  };
}

/**
 * Grants `openid email profile` to our client without showing the consent
 * page (the default implementation only reuses grants already in the session).
 */
async function loadExistingGrant(ctx: OidcContext): Promise<Grant | undefined> {
  const { provider, client, session, result } = ctx.oidc;
  if (!client || !session) return undefined;

  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  if (grantId) return provider.Grant.find(grantId);

  if (client.clientId !== CLIENT_ID || !session.accountId) return undefined;
  const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope(SCOPE);
  await grant.save();
  return grant;
}

// --- provider -------------------------------------------------------------------

// Keys live only as long as this process; fine for a test run.
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new OidcProvider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [`http://localhost:${PORTAL_PORT}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // Auth.js' default. oidc-provider treats client_secret_basic and
      // client_secret_post as interchangeable, so both work for this client.
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  findAccount,
  loadExistingGrant,
  scopes: ['openid', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // By default scope-requested claims only go to /userinfo once an access
  // token is issued; Auth.js builds the profile from the ID token instead.
  conformIdTokenClaims: false,
  // Auth.js always sends an S256 PKCE challenge; insist on it.
  pkce: { required: () => true },
  jwks: { keys: [{ ...signingKey, kid: 'e2e-signing-key', alg: 'RS256', use: 'sig' }] },
  cookies: {
    keys: [randomBytes(32).toString('hex')],
    // Cookies ignore ports, so the portal on the same "localhost" sees these;
    // give them names that cannot clash with anything of the portal's.
    names: { session: 'e2e_oidc_session', interaction: 'e2e_oidc_interaction', resume: 'e2e_oidc_resume' },
  },
  // Explicit lifetimes (seconds) for everything a login creates; the defaults
  // work too but print a notice the first time each is used.
  ttl: { AuthorizationCode: 60, AccessToken: 3600, IdToken: 3600, Interaction: 3600, Session: 86400, Grant: 86400 },
  features: {
    devInteractions: { enabled: true }, // the default; stated because the tests rely on its form
  },
});

// The dev interaction pages @import a Google Fonts stylesheet; strip it so the
// login page never waits on the internet.
provider.use(async (ctx, next) => {
  await next();
  if (typeof ctx.body === 'string' && ctx.response.is('html')) {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  }
});

// Surface protocol errors in the Playwright output; they explain most failed logins.
for (const event of ['authorization.error', 'grant.error', 'userinfo.error']) {
  provider.on(event, (_ctx, error: Error & { error_description?: string; error_detail?: string }) => {
    const detail = [error.error_description, error.error_detail].filter(Boolean).join(' - ');
    console.error(`oidc-server: ${event}: ${error.message}${detail ? ` (${detail})` : ''}`);
  });
}
provider.on('server_error', (_ctx, error) => console.error('oidc-server: server_error:', error));

// --- HTTP ---------------------------------------------------------------------------

const handleOidc = provider.callback();
const handler: http.RequestListener = (req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
    return;
  }
  void handleOidc(req, res);
};

function listen(host: string): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(OIDC_PORT, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

const servers = [await listen('127.0.0.1')];
// "localhost" resolves to ::1 first on some machines; answer there too when IPv6 exists.
try {
  servers.push(await listen('::1'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') throw error;
}
console.log(`oidc-server: issuer ${ISSUER} (client ${CLIENT_ID}), ready at ${ISSUER}/health`);

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`oidc-server: ${signal} received, shutting down`);
  setTimeout(() => process.exit(0), 3000).unref(); // in case a connection lingers
  for (const server of servers) {
    server.close();
    server.closeAllConnections();
  }
}
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
