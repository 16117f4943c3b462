/**
 * The connection doctor: can browsers load Gatehouse's meetings from this Jitsi, and will its clock
 * accept Gatehouse's tokens? Four checks in order — HTTPS reachable, external_api.js served,
 * certificate valid, clock in sync — each with a plain-language detail. A check that cannot run because
 * an earlier one failed is `skipped` and says why. Uses node:tls / node:https only.
 */
import 'server-only';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { getEnv } from '@/lib/env';
import { jitsiSettings, type JitsiSettings } from '@/lib/jitsi/config';
import { checkJitsiEvents } from '@/lib/jitsi/events/doctor';

export type DoctorStatus = 'ok' | 'warn' | 'fail' | 'skipped';
type DoctorCheckId = 'reachable' | 'external-api' | 'certificate' | 'clock' | 'events';
type DoctorCheck = { id: DoctorCheckId; label: string; status: DoctorStatus; detail: string };

export type DoctorReport = {
  /** As given (host[:port]). */
  domain: string;
  url: string;
  checkedAt: string;
  skewSeconds: number;
  /** fail when any check failed, warn when any warned, else ok. */
  verdict: 'ok' | 'warn' | 'fail';
  summary: string;
  checks: DoctorCheck[];
};

export type DoctorOptions = {
  /** The Jitsi host, with an optional port: meet.example.com or localhost:8443. */
  domain: string;
  /** JITSI_CLOCK_SKEW_SECONDS: how far nbf is back-dated. */
  skewSeconds: number;
  /**
   * Extra certificates (PEM) to trust for this check only — meant for the built-in stand-in's
   * self-signed certificate. Public CAs stay trusted.
   */
  ca?: string | string[];
  /** Per network step (default 5000 ms). */
  timeoutMs?: number;
};

const LABELS: Record<DoctorCheckId, string> = {
  reachable: 'HTTPS reachable',
  'external-api': 'external_api.js served',
  certificate: 'Certificate valid',
  clock: 'Clock in sync',
  events: 'Jitsi events',
};
const DEFAULT_TIMEOUT_MS = 5_000;
const CERT_WARN_DAYS = 14;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const DAY_MS = 24 * 3600 * 1000;
const USER_AGENT = 'Gatehouse Jitsi doctor';

type Target = { host: string; port: number; hostPort: string };

function parseTarget(domain: string): Target | null {
  const text = domain.trim().replace(/^https?:\/\//i, '').replace(/[/?#].*$/, '');
  if (!text) return null;
  try {
    const url = new URL(`https://${text}`);
    if (!url.hostname || url.username || url.password) return null;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 443, hostPort: url.host };
  } catch {
    return null;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function pemBlocks(ca: string | string[] | undefined): string[] {
  const texts = ca === undefined ? [] : Array.isArray(ca) ? ca : [ca];
  return texts.flatMap((text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []);
}

// --- TLS ------------------------------------------------------------------------------------------

type TlsProbe =
  | {
      ok: true;
      address: string;
      protocol: string | null;
      authorized: boolean;
      authorizationError: string | null;
      leaf: X509Certificate | null;
      chainFingerprints: string[];
      elapsedMs: number;
    }
  | { ok: false; stage: 'dns' | 'connect' | 'tls'; code: string; message: string };

function probeTls(target: Target, ca: string[] | undefined, timeoutMs: number): Promise<TlsProbe> {
  return new Promise((resolve) => {
    const started = Date.now();
    let stage: 'dns' | 'connect' | 'tls' = net.isIP(target.host) ? 'connect' : 'dns';
    let settled = false;
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: net.isIP(target.host) ? undefined : target.host,
      ca,
      // Verification is judged below (certificate check), so that a bad certificate does not hide the rest.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const finish = (result: TlsProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, stage, code: 'TIMEOUT', message: `no answer within ${seconds(timeoutMs)}` }), timeoutMs);
    socket.on('lookup', (error) => {
      if (!error) stage = 'connect';
    });
    socket.on('connect', () => {
      stage = 'tls';
    });
    socket.once('secureConnect', () => {
      const chain: string[] = [];
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (cert && cert.fingerprint256 && !chain.includes(cert.fingerprint256)) {
        chain.push(cert.fingerprint256);
        cert = cert.issuerCertificate;
      }
      const authorizationError = socket.authorizationError;
      finish({
        ok: true,
        address: socket.remoteAddress ?? target.host,
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        authorizationError: authorizationError ? String((authorizationError as Error & { code?: string }).code ?? authorizationError) : null,
        leaf: socket.getPeerX509Certificate() ?? null,
        chainFingerprints: chain,
        elapsedMs: Date.now() - started,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? (error instanceof AggregateError ? ((error.errors[0] as NodeJS.ErrnoException | undefined)?.code ?? '') : '');
      finish({ ok: false, stage, code, message: error.message || String(error) });
    });
  });
}

function unreachableDetail(target: Target, probe: Extract<TlsProbe, { ok: false }>, timeoutMs: number): string {
  const { host, port } = target;
  if (probe.code === 'TIMEOUT') {
    if (probe.stage === 'dns') return `Looking up ${host} in DNS did not finish within ${seconds(timeoutMs)}: the DNS server is not answering.`;
    if (probe.stage === 'connect') return `Nothing answered on ${host} port ${port} within ${seconds(timeoutMs)}: a firewall is probably dropping the connection, or the server is down.`;
    return `${host}:${port} accepted the connection but did not finish the TLS handshake within ${seconds(timeoutMs)}: is this port really HTTPS?`;
  }
  switch (probe.code) {
    case 'ENOTFOUND':
      return `The name ${host} does not exist in DNS: check JITSI_DOMAIN for typos and the server's DNS record.`;
    case 'EAI_AGAIN':
      return `DNS could not look up ${host} right now (temporary failure): check this server's DNS settings and try again.`;
    case 'ECONNREFUSED':
      return `${host} was found, but nothing accepts connections on port ${port} (connection refused): is Jitsi's web server (nginx) running and listening there?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `There is no network route to ${host} from this server (${probe.code}): check the network and firewalls between them.`;
    case 'ECONNRESET':
      return `${host}:${port} closed the connection during the TLS handshake: something other than an HTTPS server may be listening, or a firewall cuts it.`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `${host}:${port} does not speak HTTPS (${probe.message}): maybe plain HTTP on that port? Jitsi must be served over https.`;
    default:
      return `Could not open an HTTPS connection to ${host}:${port}: ${probe.code ? `${probe.code}, ` : ''}${probe.message}.`;
  }
}

// --- Certificate ----------------------------------------------------------------------------------

function certificateCheck(target: Target, probe: Extract<TlsProbe, { ok: true }>, extraFingerprints: Set<string>, now: number): DoctorCheck {
  const check = (status: DoctorStatus, detail: string): DoctorCheck => ({ id: 'certificate', label: LABELS.certificate, status, detail });
  const leaf = probe.leaf;
  if (!leaf) return check('fail', 'The server sent no certificate.');
  const names = leaf.subjectAltName ?? leaf.subject.replace(/\n/g, ', ');
  const issuer = /(?:^|\n)O=([^\n]+)/.exec(leaf.issuer)?.[1] ?? /(?:^|\n)CN=([^\n]+)/.exec(leaf.issuer)?.[1] ?? leaf.issuer.replace(/\n/g, ', ');
  const validTo = new Date(leaf.validTo);
  const days = Math.floor((validTo.getTime() - now) / DAY_MS);
  const until = `valid until ${validTo.toISOString().slice(0, 10)} (${days} day${days === 1 ? '' : 's'} left)`;
  const browsersRefuse = `Browsers will refuse the embedded meeting (the meeting frame stays blank or shows a certificate error) unless every user first opens https://${target.hostPort} and accepts the warning.`;
  const hostMatches = net.isIP(target.host) ? leaf.checkIP(target.host) !== undefined : leaf.checkHost(target.host) !== undefined;

  if (!probe.authorized) {
    const code = probe.authorizationError ?? 'unknown';
    switch (code) {
      case 'DEPTH_ZERO_SELF_SIGNED_CERT':
        return check(
          'fail',
          `The certificate is self-signed (it vouches for itself; for ${names}). ${browsersRefuse} Use a certificate from a public CA (e.g. Let's Encrypt). For Gatehouse's built-in stand-in this is expected: open it once in your browser and accept it.`,
        );
      case 'SELF_SIGNED_CERT_IN_CHAIN':
        return check('fail', `The certificate chain ends in a root no browser trusts (a private CA or a self-signed root; issuer ${issuer}). ${browsersRefuse}`);
      case 'CERT_HAS_EXPIRED':
        return check('fail', `The certificate expired on ${validTo.toISOString().slice(0, 10)}. ${browsersRefuse} Renew it (e.g. certbot renew) and reload the web server.`);
      case 'CERT_NOT_YET_VALID':
        return check('fail', `The certificate is not valid yet (from ${new Date(leaf.validFrom).toISOString()}): the server's or this machine's clock is wrong, or it was issued with a future date.`);
      case 'ERR_TLS_CERT_ALTNAME_INVALID':
        return check('fail', `The certificate is for ${names}, not ${target.host}. ${browsersRefuse} Get a certificate that names ${target.host}.`);
      case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      case 'UNABLE_TO_GET_ISSUER_CERT':
        return check('fail', `The chain cannot be verified (${code}): the server probably sends its certificate without the intermediate certificate (issuer ${issuer}). Configure the full chain (fullchain.pem).`);
      default:
        return check('fail', `The certificate is not trusted (${code}; issuer ${issuer}, for ${names}). ${browsersRefuse}`);
    }
  }
  if (!hostMatches) return check('fail', `The certificate is for ${names}, not ${target.host}. ${browsersRefuse}`);

  const viaExtra = probe.chainFingerprints.some((fingerprint) => extraFingerprints.has(fingerprint));
  const trusted = viaExtra
    ? `This is the built-in Jitsi stand-in's self-signed certificate, trusted only for this check (browsers still need it accepted once at https://${target.hostPort}); ${until}.`
    : `Trusted, issued by ${issuer} for ${names}; ${until}.`;
  if (days < CERT_WARN_DAYS) {
    return check('warn', `${trusted} It expires in under ${CERT_WARN_DAYS} days: renew it now (automatic renewal may be failing), or browsers will refuse meetings.`);
  }
  return check('ok', trusted);
}

// --- HTTP -----------------------------------------------------------------------------------------

type HttpAnswer =
  | { ok: true; url: string; status: number; headers: IncomingHttpHeaders; body: string; sentAt: number; receivedAt: number }
  | { ok: false; url: string; message: string };

function httpGet(url: URL, ca: string[] | undefined, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const sentAt = Date.now();
    let settled = false;
    const finish = (answer: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const request = https.request(
      {
        host,
        port: url.port ? Number(url.port) : 443,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        servername: net.isIP(host) ? undefined : host,
        ca,
        rejectUnauthorized: false, // judged by the certificate check
        agent: false,
        headers: { 'user-agent': USER_AGENT, accept: '*/*' },
      },
      (response) => {
        const receivedAt = Date.now();
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= MAX_BODY_BYTES) return;
          size += chunk.length;
          chunks.push(chunk);
          if (size >= MAX_BODY_BYTES) response.destroy();
        });
        const done = () =>
          finish({ ok: true, url: url.href, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), sentAt, receivedAt });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, url: url.href, message: `no answer within ${seconds(timeoutMs)}` });
    }, timeoutMs);
    request.on('error', (error) => finish({ ok: false, url: url.href, message: error.message }));
    request.end();
  });
}

async function fetchExternalApi(target: Target, ca: string[] | undefined, timeoutMs: number) {
  let url = new URL(`https://${target.hostPort}/external_api.js`);
  const first = await httpGet(url, ca, timeoutMs);
  let last = first;
  const hops: string[] = [];
  while (last.ok && [301, 302, 303, 307, 308].includes(last.status) && typeof last.headers.location === 'string' && hops.length < MAX_REDIRECTS) {
    url = new URL(last.headers.location, url);
    hops.push(url.href);
    if (url.protocol !== 'https:') break;
    last = await httpGet(url, ca, timeoutMs);
  }
  return { first, last, hops };
}

function externalApiCheck(target: Target, fetched: Awaited<ReturnType<typeof fetchExternalApi>>): DoctorCheck {
  const check = (status: DoctorStatus, detail: string): DoctorCheck => ({ id: 'external-api', label: LABELS['external-api'], status, detail });
  const where = `https://${target.hostPort}/external_api.js`;
  const blank = 'Without it the embedded meeting shows a blank page: Gatehouse loads the meeting through this script.';
  const { last, hops } = fetched;
  if (!last.ok) return check('fail', `${where} did not answer (${last.message}). ${blank}`);
  const lastHop = hops.at(-1);
  const redirected = lastHop ? ` (after a redirect to ${lastHop})` : '';
  if (lastHop && !lastHop.startsWith('https:')) {
    return check('fail', `${where} redirects to ${lastHop}, which is not https; browsers block that script on an https page. ${blank}`);
  }
  if (last.status !== 200) {
    return check('fail', `${where} answered HTTP ${last.status}${redirected}, not 200. ${blank} Check that the web server serves Jitsi Meet's files at the site root.`);
  }
  const type = String(last.headers['content-type'] ?? '');
  if (!/javascript|ecmascript/i.test(type)) {
    return check('fail', `${where} is served as ${type || 'no content type'}${redirected}, not JavaScript — probably an error or login page; browsers refuse to run it. ${blank}`);
  }
  if (!last.body.includes('JitsiMeetExternalAPI')) {
    return check('fail', `${where} is JavaScript but does not define JitsiMeetExternalAPI${redirected}: it is not Jitsi Meet's IFrame API. ${blank}`);
  }
  const size = Buffer.byteLength(last.body);
  return check('ok', `Served${redirected} as ${type.split(';')[0]} (${size >= 1024 ? `${Math.round(size / 1024)} KB` : `${size} bytes`}) and defines JitsiMeetExternalAPI.`);
}

/**
 * Jitsi's clock minus ours, in whole seconds, from the HTTP Date header (1 s resolution): 0 when the
 * Date falls within the seconds the request was in flight.
 */
function clockDifference(dateHeader: string, sentAt: number, receivedAt: number): number | null {
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  const serverSecond = Math.floor(server / 1000);
  const first = Math.floor(sentAt / 1000);
  const last = Math.floor(receivedAt / 1000);
  if (serverSecond < first) return serverSecond - first;
  if (serverSecond > last) return serverSecond - last;
  return 0;
}

function clockCheck(answer: Extract<HttpAnswer, { ok: true }>, skewSeconds: number): DoctorCheck {
  const check = (status: DoctorStatus, detail: string): DoctorCheck => ({ id: 'clock', label: LABELS.clock, status, detail });
  const date = answer.headers.date;
  const allowance = `the token allowance is ${skewSeconds} s (JITSI_CLOCK_SKEW_SECONDS)`;
  if (!date) return check('warn', `The server sent no HTTP Date header, so its clock could not be compared; ${allowance}.`);
  const diff = clockDifference(date, answer.sentAt, answer.receivedAt);
  if (diff === null) return check('warn', `The server's Date header (${date}) is not a valid date, so its clock could not be compared; ${allowance}.`);
  if (diff === 0) return check('ok', `Jitsi's clock agrees with Gatehouse's (to the 1 s resolution of the HTTP Date header); ${allowance}.`);
  const size = Math.abs(diff);
  const direction = diff > 0 ? 'ahead of' : 'behind';
  const effect =
    diff > 0
      ? `Tokens expire ${size} s early there (Jitsi checks exp with its own clock and no tolerance).`
      : `Fresh tokens arrive "from the future" there: nbf is back-dated only ${skewSeconds} s and Jitsi applies no tolerance, so users are refused with "Not acceptable by nbf".`;
  const measured = `Jitsi's clock is ${size} s ${direction} Gatehouse's; ${allowance}.`;
  if (size > skewSeconds) return check('fail', `${measured} ${effect} Sync both clocks (NTP).`);
  if (size > skewSeconds / 2) return check('warn', `${measured} That is more than half the allowance: sync both clocks (NTP) before it grows.`);
  return check('ok', `${measured} Within the allowance.`);
}

// --- The doctor -----------------------------------------------------------------------------------

function report(domain: string, url: string, skewSeconds: number, now: number, checks: DoctorCheck[]): DoctorReport {
  const failed = checks.filter((check) => check.status === 'fail');
  const warned = checks.filter((check) => check.status === 'warn');
  const verdict = failed.length ? 'fail' : warned.length ? 'warn' : 'ok';
  const summary =
    verdict === 'ok'
      ? `Jitsi at ${domain} is reachable and ready for Gatehouse's meetings.`
      : verdict === 'fail'
        ? `${failed.length} of ${checks.length} checks failed (${failed.map((check) => check.label).join(', ')}): meetings will not work until ${failed.length === 1 ? 'it is' : 'they are'} fixed.`
        : `Meetings should work, but look at: ${warned.map((check) => check.label).join(', ')}.`;
  return { domain, url, checkedAt: new Date(now).toISOString(), skewSeconds, verdict, summary, checks };
}

/** Runs the four checks against `https://<domain>`; never throws. */
export async function runJitsiDoctor(options: DoctorOptions): Promise<DoctorReport> {
  try {
    return await diagnose(options);
  } catch (error) {
    const why = 'the doctor could not run (see the first check).';
    const skipped = (id: DoctorCheckId): DoctorCheck => ({ id, label: LABELS[id], status: 'skipped', detail: `Skipped: ${why}` });
    return report(options.domain, `https://${options.domain}/`, options.skewSeconds, Date.now(), [
      { id: 'reachable', label: LABELS.reachable, status: 'fail', detail: `Could not check ${options.domain}: ${error instanceof Error ? error.message : String(error)}.` },
      skipped('external-api'),
      skipped('certificate'),
      skipped('clock'),
    ]);
  }
}

async function diagnose(options: DoctorOptions): Promise<DoctorReport> {
  const now = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = parseTarget(options.domain);
  const url = target ? `https://${target.hostPort}/` : `https://${options.domain}/`;
  const skipped = (id: DoctorCheckId, why: string): DoctorCheck => ({ id, label: LABELS[id], status: 'skipped', detail: `Skipped: ${why}` });

  if (!target) {
    const detail = `'${options.domain}' is not a host name (expected something like meet.example.com or meet.example.com:8443, without https://).`;
    const why = 'there is no valid host name to check.';
    return report(options.domain, url, options.skewSeconds, now, [
      { id: 'reachable', label: LABELS.reachable, status: 'fail', detail },
      skipped('external-api', why),
      skipped('certificate', why),
      skipped('clock', why),
    ]);
  }

  const extra = pemBlocks(options.ca);
  const extraFingerprints = new Set<string>();
  for (const pem of extra) {
    try {
      extraFingerprints.add(new X509Certificate(pem).fingerprint256);
    } catch {
      // not a certificate: ignored (it cannot make anything trusted either)
    }
  }
  // `ca` replaces Node's trusted roots, so keep the public ones next to the extra certificates.
  const ca = extra.length ? [...tls.rootCertificates, ...extra] : undefined;

  const probe = await probeTls(target, ca, timeoutMs);
  if (!probe.ok) {
    const why = `Jitsi at ${target.hostPort} could not be reached (see the first check).`;
    return report(options.domain, url, options.skewSeconds, now, [
      { id: 'reachable', label: LABELS.reachable, status: 'fail', detail: unreachableDetail(target, probe, timeoutMs) },
      skipped('external-api', why),
      skipped('certificate', why),
      skipped('clock', why),
    ]);
  }
  const reachable: DoctorCheck = {
    id: 'reachable',
    label: LABELS.reachable,
    status: 'ok',
    detail: `Connected to ${target.hostPort} (${probe.address}) over ${probe.protocol ?? 'TLS'} in ${probe.elapsedMs} ms.`,
  };

  const fetched = await fetchExternalApi(target, ca, timeoutMs);
  const checks: DoctorCheck[] = [
    reachable,
    externalApiCheck(target, fetched),
    certificateCheck(target, probe, extraFingerprints, Date.now()),
    fetched.first.ok ? clockCheck(fetched.first, options.skewSeconds) : skipped('clock', `no HTTP answer to read the server's Date header from (${fetched.first.message}).`),
  ];
  return report(options.domain, url, options.skewSeconds, now, checks);
}

/**
 * Where the built-in stand-in caches its self-signed certificate: `<DATA_DIR>/jitsi-standin/` when
 * `npm run dev|start` starts it (scripts/prepare-portal.ts), `<repo>/.data/jitsi-standin/` when it runs
 * on its own (npm run jitsi:standin). The end-to-end suite's stand-in keeps its certificate in memory.
 */
export function standinCertificatePaths(dataDir: string = getEnv().DATA_DIR): string[] {
  return [...new Set([path.resolve(dataDir, 'jitsi-standin', 'cert.pem'), path.resolve(process.cwd(), '.data', 'jitsi-standin', 'cert.pem')])];
}

/** With the built-in stand-in (no JITSI_DOMAIN), its cached self-signed certificate, to trust for the checks. */
export function standinCertificates(settings: JitsiSettings): string[] {
  if (!settings.standin) return [];
  return standinCertificatePaths().flatMap((file) => {
    try {
      return [fs.readFileSync(file, 'utf8')];
    } catch {
      return [];
    }
  });
}

/**
 * The doctor for Gatehouse's own Jitsi settings (`domain` overrides JITSI_DOMAIN), plus the check of
 * Jitsi's server events. With the built-in stand-in, its cached certificate is trusted for this check.
 */
export async function runJitsiDoctorForGatehouse(options: { domain?: string; timeoutMs?: number } = {}): Promise<DoctorReport> {
  const settings = jitsiSettings();
  const ca = standinCertificates(settings);
  const [result, events] = await Promise.all([
    runJitsiDoctor({ domain: options.domain ?? settings.domain, skewSeconds: settings.skewSeconds, ca: ca.length ? ca : undefined, timeoutMs: options.timeoutMs }),
    checkJitsiEvents({ timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }),
  ]);
  let checks = result.checks;
  if (settings.standin && !options.domain && checks[0]?.status === 'fail') {
    const hint = ' No JITSI_DOMAIN is set, so this is the built-in stand-in: it runs while `npm run dev` or `npm start` does (or on its own: npm run jitsi:standin).';
    checks = checks.map((check, i) => (i === 0 ? { ...check, detail: check.detail + hint } : check));
  }
  return report(result.domain, result.url, result.skewSeconds, Date.parse(result.checkedAt), [...checks, { id: 'events', label: LABELS.events, ...events }]);
}
