/**
 * npm run jitsi:doctor [-- --json] [--domain <host[:port]>] [--live]
 * Checks the Jitsi server Gatehouse is configured for (or --domain): HTTPS reachable, external_api.js
 * served, certificate valid, clock in sync with the token allowance. With --live it then logs in over
 * Jitsi's XMPP WebSocket with a participant and a moderator token (lib/jitsi/live-check.ts) and says
 * which role each got (the configured server only: the tokens name it). With the built-in stand-in its
 * cached certificate is trusted for the check. Exit codes: 0 no check failed, 1 a check failed,
 * 2 usage or configuration problem.
 */
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';

const USAGE = 'Usage: npm run jitsi:doctor [-- --json] [--domain <host[:port]>] [--live]';
const MARKS = { ok: '✓', warn: '!', fail: '✗', skipped: '–' } as const;

nextEnv.loadEnvConfig(process.cwd());

async function main(): Promise<number> {
  let values: { json: boolean; domain?: string; live: boolean; help: boolean };
  try {
    ({ values } = parseArgs({
      options: { json: { type: 'boolean', default: false }, domain: { type: 'string' }, live: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.domain !== undefined && !values.domain.trim()) {
    console.error(`--domain needs a host name, e.g. meet.example.com.\n${USAGE}`);
    return 2;
  }
  if (values.live && values.domain !== undefined) {
    console.error(`--live checks the configured Jitsi only (its tokens name that server); leave out --domain.\n${USAGE}`);
    return 2;
  }

  const { runJitsiDoctorForGatehouse } = await import('../lib/jitsi/doctor');
  let report: Awaited<ReturnType<typeof runJitsiDoctorForGatehouse>>;
  try {
    report = await runJitsiDoctorForGatehouse({ domain: values.domain?.trim() });
  } catch (error) {
    // The doctor itself never throws: this is the configuration (environment, key files).
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  let live: import('../lib/jitsi/live-check').LiveCheckReport | null = null;
  if (values.live) {
    const { runLiveCheckForGatehouse } = await import('../lib/jitsi/live-check');
    live = await runLiveCheckForGatehouse();
  }
  if (values.json) {
    console.log(JSON.stringify(live ? { ...report, live } : report, null, 2));
  } else {
    console.log(`Jitsi doctor: ${report.url} (token clock allowance ${report.skewSeconds} s)\n`);
    for (const check of report.checks) console.log(`  ${MARKS[check.status]} ${check.label} — ${check.detail}`);
    console.log(`\n${report.verdict.toUpperCase()}: ${report.summary}`);
    if (live) {
      console.log(`\nLive check (room ${live.room}):\n`);
      // A lobby token held in the lobby is what should happen; a participant or moderator token held there is not.
      const expected = (a: (typeof live.attempts)[number]) => a.outcome === (a.token === 'lobby' ? 'waiting' : 'joined');
      for (const attempt of live.attempts) console.log(`  ${expected(attempt) ? MARKS.ok : attempt.token === 'lobby' ? MARKS.warn : MARKS.fail} ${attempt.token} token — ${attempt.detail}`);
      console.log(`\n${live.verdict.toUpperCase()}: ${live.summary}`);
    }
  }
  if (live?.verdict === 'fail') return 1;
  return report.verdict === 'fail' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
