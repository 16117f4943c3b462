import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { requirePermission } from '@/lib/auth/session';
import { portalOrigin } from '@/lib/origin';
import { jitsiSettings } from '@/lib/jitsi/config';
import { jitsiServerSetup, OUTDATED_JITSI_SNIPPETS } from '@/lib/jitsi/server-config';
import { JitsiSetupBlocks } from '@/components/admin/jitsi-setup-blocks';
import { JitsiDoctor } from '@/components/admin/jitsi-doctor';
import { JitsiLiveCheck } from '@/components/admin/jitsi-live-check';
import { Notice } from '@/components/ui/notice';
import { getEnv } from '@/lib/env';
import { lastEventAt } from '@/lib/jitsi/events/live';

export const metadata: Metadata = { title: 'Jitsi setup' };

/** Whether Jitsi's event_sync reports to this portal, and when it last did. */
async function eventsFact(): Promise<string> {
  if (!getEnv().JITSI_EVENTS_SECRET) return 'off: attendance comes from the meeting pages (set JITSI_EVENTS_SECRET and add the event_sync block below for Jitsi’s own)';
  const last = await lastEventAt();
  return last ? `on: the last event arrived ${last.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'on, but no event has arrived yet: add the event_sync block below to Prosody';
}

export default async function JitsiSetupPage() {
  await requirePermission('jitsi.manage');
  const settings = jitsiSettings();
  const setup = jitsiServerSetup(settings, { publicOrigin: portalOrigin(await headers()), eventsSecret: getEnv().JITSI_EVENTS_SECRET });
  const facts: [string, string][] = [
    ['Jitsi server', `https://${settings.domain}${settings.tenant ? `/${settings.tenant}` : ''}/<room>`],
    ['Signing', settings.signing.alg === 'HS256' ? 'HS256 with a shared secret (JITSI_APP_SECRET)' : `RS256, key id ${settings.signing.kid}; public keys at ${setup.keyServerUrl}`],
    ['Issuer (app id)', settings.appId],
    ['Audience', settings.audience],
    ['Token lifetime', `${settings.ttlSeconds / 60} minutes (JITSI_TOKEN_TTL_SECONDS)`],
    ['Clock allowance', `${settings.skewSeconds} seconds: tokens are valid from that long before they are made (JITSI_CLOCK_SKEW_SECONDS)`],
    ['Room check by tenant', setup.domainVerification ? `on: tokens name the tenant “${settings.tenant}”` : 'off (one domain, no tenant)'],
    ['Jitsi events', await eventsFact()],
  ];

  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Jitsi setup</h1>
          <p className="max-w-3xl text-sm text-slate-600">
            Gatehouse gives each person a signed, short-lived token for one room. Your Jitsi server must check those tokens and take moderator
            rights from them. Copy the settings below into your Jitsi server, restart it, then use <a href="#doctor" className="font-medium text-brand-700 hover:underline">Check connection</a> and
            join a room to confirm. They follow Gatehouse’s current configuration; change that in the environment (see the README), not here.
          </p>
        </div>
        {settings.standin && (
          <Notice tone="warning" title="No Jitsi server is configured yet">
            Gatehouse is using its built-in stand-in at https://{settings.domain}, which only checks tokens and shows who joined. Set JITSI_DOMAIN and
            JITSI_APP_SECRET (or a key pair) to use your own Jitsi; the settings below then match it.
          </Notice>
        )}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-slate-500">{term}</dt>
              <dd className="text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
        {setup.notes.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {setup.notes.map((note) => <li key={note}>{note}</li>)}
          </ul>
        )}
      </section>

      <section aria-labelledby="settings-heading" className="space-y-4">
        <div>
          <h2 id="settings-heading" className="text-lg font-semibold text-slate-900">Settings for your Jitsi server</h2>
          <p className="text-sm text-slate-600">A Jitsi installed from packages needs the Prosody and Jicofo blocks; docker-jitsi-meet needs only the .env lines.</p>
        </div>
        <JitsiSetupBlocks blocks={setup.blocks} hasSecret={setup.blocks.some((b) => b.containsSecret)} />
      </section>

      <section id="doctor" aria-labelledby="doctor-heading" className="space-y-4">
        <div>
          <h2 id="doctor-heading" className="text-lg font-semibold text-slate-900">Check connection</h2>
          <p className="text-sm text-slate-600">
            From Gatehouse’s server: can it reach Jitsi over HTTPS, is the meeting script there, is the certificate valid, and do the clocks agree closely
            enough for short-lived tokens? On the command line: <code className="rounded bg-slate-100 px-1">npm run jitsi:doctor</code>.
          </p>
        </div>
        <JitsiDoctor configuredDomain={settings.domain} />
        <div className="space-y-3 pt-2">
          <h3 id="live-check-heading" className="text-base font-semibold text-slate-900">Live check: does Jitsi accept Gatehouse’s tokens?</h3>
          <p className="text-sm text-slate-600">
            Logs in to {settings.domain} the way Jitsi’s web client does, once with a participant token and once with a moderator token, for a
            throw-away room, and shows the role Jitsi gave each. On the command line: <code className="rounded bg-slate-100 px-1">npm run jitsi:doctor -- --live</code>.
          </p>
          <JitsiLiveCheck domain={settings.domain} />
        </div>
        <p className="text-sm text-slate-600">
          Someone still cannot get in? Look them up in the <Link href="/admin/audit" className="font-medium text-brand-700 hover:underline">audit log</Link> (tokens issued to them)
          and paste their meeting link into the <Link href="/admin/jitsi/inspect" className="font-medium text-brand-700 hover:underline">token inspector</Link>.
        </p>
      </section>

      <section aria-labelledby="outdated-heading" className="space-y-3">
        <h2 id="outdated-heading" className="text-lg font-semibold text-slate-900">Snippets from older guides that cause trouble</h2>
        <p className="text-sm text-slate-600">If your server has any of these from a blog post or an old tutorial, replace them.</p>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {OUTDATED_JITSI_SNIPPETS.map((s) => (
            <li key={s.id} className="space-y-1 px-4 py-3 text-sm">
              <code className="block overflow-x-auto whitespace-pre rounded bg-slate-100 px-2 py-1 text-xs">{s.snippet}</code>
              <p className="text-xs text-slate-500">{s.where}</p>
              <p className="text-slate-700">{s.why}</p>
              <p className="text-slate-900">Instead: {s.instead}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
