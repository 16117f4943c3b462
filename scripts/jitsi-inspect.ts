/**
 * npm run jitsi:inspect -- <token-or-link> [--room <name>] [--json]
 * Says what a Jitsi configured as Gatehouse's setup blocks describe would do with a token: every check
 * in Prosody's order and the verdict. Takes a bare JWT or a meeting link (#jwt= / ?jwt=); `-` reads it
 * from stdin. Exit codes: 0 accepted, 1 refused, 2 usage or configuration problem.
 */
import { parseArgs } from 'node:util';
import nextEnv from '@next/env';

const USAGE = 'Usage: npm run jitsi:inspect -- <token-or-link> [--room <name>] [--json]\n       (pass - to read the token or link from stdin)';

nextEnv.loadEnvConfig(process.cwd());

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let values: { room?: string; json: boolean; help: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: { room: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(positionals.length === 0 ? `Give a token or a meeting link.\n${USAGE}` : `Give exactly one token or link (got ${positionals.length}); quote links that contain spaces.\n${USAGE}`);
    return 2;
  }
  const input = positionals[0] === '-' ? await readStdin() : (positionals[0] ?? '');
  if (!input.trim()) {
    console.error(`Nothing to inspect${positionals[0] === '-' ? ' on stdin' : ''}.\n${USAGE}`);
    return 2;
  }

  const { formatInspection, inspectTokenForGatehouse } = await import('../lib/jitsi/inspect');
  let result: Awaited<ReturnType<typeof inspectTokenForGatehouse>>;
  try {
    result = await inspectTokenForGatehouse(input, { room: values.room });
  } catch (error) {
    // The inspector itself never throws: this is the configuration (environment, key files).
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  console.log(values.json ? JSON.stringify(result, null, 2) : formatInspection(result));
  return result.accepted ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
