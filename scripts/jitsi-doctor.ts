/**
 * npm run jitsi:doctor [-- --json] [--domain <host[:port]>]
 * Checks the Jitsi server Gatehouse is configured for (or --domain): HTTPS reachable, external_api.js
 * served, certificate valid, clock in sync with the token allowance. With the built-in stand-in its
 * cached certificate is trusted for the check. Exit codes: 0 no check failed, 1 a check failed,
 * 2 usage or configuration problem.
 */
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';

const USAGE = 'Usage: npm run jitsi:doctor [-- --json] [--domain <host[:port]>]';
const MARKS = { ok: '✓', warn: '!', fail: '✗', skipped: '–' } as const;

nextEnv.loadEnvConfig(process.cwd());

async function main(): Promise<number> {
  let values: { json: boolean; domain?: string; help: boolean };
  try {
    ({ values } = parseArgs({ options: { json: { type: 'boolean', default: false }, domain: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }));
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

  const { runJitsiDoctorForGatehouse } = await import('../lib/jitsi/doctor');
  let report: Awaited<ReturnType<typeof runJitsiDoctorForGatehouse>>;
  try {
    report = await runJitsiDoctorForGatehouse({ domain: values.domain?.trim() });
  } catch (error) {
    // The doctor itself never throws: this is the configuration (environment, key files).
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`Jitsi doctor: ${report.url} (token clock allowance ${report.skewSeconds} s)\n`);
    for (const check of report.checks) console.log(`  ${MARKS[check.status]} ${check.label} — ${check.detail}`);
    console.log(`\n${report.verdict.toUpperCase()}: ${report.summary}`);
  }
  return report.verdict === 'fail' ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
