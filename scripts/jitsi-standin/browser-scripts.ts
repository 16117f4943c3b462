/**
 * The stand-in's browser code, bundled from its TypeScript sources (`external-api.ts`,
 * `meeting-page.ts`) with esbuild, once per process and in memory: nothing is written to disk, and
 * `tsc` type-checks the sources like the rest of the project.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type BrowserScripts = {
  /** Served as /external_api.js: the JitsiMeetExternalAPI that @jitsi/react-sdk loads. */
  externalApi: string;
  /** Inlined (with a nonce) into every meeting page. */
  meetingPage: string;
};

async function bundle(file: string, banner: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(HERE, file)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: banner },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

let scripts: Promise<BrowserScripts> | undefined;

/** The bundled browser scripts (built on first use, then kept). */
export function browserScripts(): Promise<BrowserScripts> {
  scripts ??= Promise.all([
    bundle('external-api.ts', '/* Gatehouse Jitsi stand-in: JitsiMeetExternalAPI (not a real video bridge) */'),
    bundle('meeting-page.ts', '/* Gatehouse Jitsi stand-in: meeting page */'),
  ]).then(([externalApi, meetingPage]) => ({ externalApi, meetingPage }));
  return scripts;
}
