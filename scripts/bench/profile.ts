/**
 * Where the server's CPU time goes: reads a V8 CPU profile written by `node --cpu-prof` (the portal run
 * under load), maps every sample back to its original source through the build's source maps, and sums
 * self time by area (Next's server, React's RSC encoder, Auth.js, Prisma, the pg driver, jose, the
 * portal's own code, Node internals, garbage collection).
 */
import fs from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  totalMs: number;
  areas: { area: string; ms: number; share: number }[];
  functions: { name: string; source: string; area: string; ms: number; share: number }[];
};

const AREAS: [string, RegExp][] = [
  ['Prisma client (query compiler, interpreter, result mapping)', /client-engine-runtime|@prisma|prisma[/_]client|query_compiler|lib\/generated\/prisma|src\/runtime\/|klona|driver-adapter-utils|adapter-pg/],
  ['pg driver (protocol, parsing, socket writes)', /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+|pgpass)\/|\[externals\]_pg|pg-pool|pg-protocol/],
  ['Auth.js (session lookup, cookies)', /next-auth|@auth\/|oauth4webapi|@panva|preact|lib\/auth\//],
  ['jose (token signing)', /jose/],
  ['zod (validation)', /zod/],
  ['React (RSC encoding, HTML rendering)', /react-server-dom|react-dom|next\/dist\/compiled\/react|node_modules\/react\/|compiled\/react/],
  ['Next.js server (routing, proxy, action handling)', /webpack:\/\/next|node_modules\/next\/|next\/dist|next\/src|\[turbopack\]|src\/server\/|src\/build\/|src\/shared\/|src\/client\//],
  ['Gatehouse code (app/, lib/, components/, proxy.ts)', /\[project\]\/(app|lib|components|proxy\.ts|instrumentation)|(^|\/)(app|lib|components)\/.*\.tsx?|proxy\.ts/],
  ['other packages', /node_modules\//],
];

/** Frames that do work on someone else's behalf: their time goes to the nearest caller with an area. */
const GENERIC = new Set(['Node.js internals (http, net, streams, crypto)', 'native code (builtins, WebAssembly)', 'other']);

function areaOf(source: string, url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 (program)';
  for (const [area, pattern] of AREAS) if (pattern.test(source)) return area;
  for (const [area, pattern] of AREAS) if (url && pattern.test(url)) return area;
  if (/^node:|^internal\//.test(source) || /^node:/.test(url)) return 'Node.js internals (http, net, streams, crypto)';
  if (!url) return 'native code (builtins, WebAssembly)';
  return 'other';
}

const maps = new Map<string, SourceMap | null>();
function sourceMapFor(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

function originalSource(frame: CallFrame): { source: string; name: string } {
  const { url, functionName } = frame;
  if (!url) return { source: '', name: functionName };
  const map = sourceMapFor(url);
  if (map) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; name?: string; originalLine?: number };
    if (entry?.originalSource) return { source: `${entry.originalSource}:${(entry.originalLine ?? 0) + 1}`, name: entry.name || functionName || '(anonymous)' };
  }
  return { source: `${url}:${frame.lineNumber + 1}`, name: functionName || '(anonymous)' };
}

/**
 * Sums CPU time per area. Time in Node internals and native code (socket writes, crypto, microtask
 * runs) goes to the nearest caller up the stack that has an area, so "pg writes to its socket" counts
 * for the pg driver and not for Node. Idle time is left out. `functions` lists self time as sampled.
 */
export function summarizeCpuProfile(file: string, topFunctions = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const resolved = new Map<number, { source: string; name: string; area: string }>();
  const info = (id: number) => {
    let r = resolved.get(id);
    if (!r) {
      const node = byId.get(id)!;
      const { source, name } = originalSource(node.callFrame);
      r = { source, name, area: areaOf(source, node.callFrame.url, node.callFrame.functionName) };
      resolved.set(id, r);
    }
    return r;
  };
  const attributed = (id: number) => {
    const own = info(id).area;
    if (!GENERIC.has(own)) return own;
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const area = info(p).area;
      if (!GENERIC.has(area) && area !== 'V8 (program)') return area;
    }
    return own;
  };
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; source: string; area: string; us: number }>();
  let total = 0;
  for (const [id, us] of selfUs) {
    if (!byId.has(id)) continue;
    const { source, name, area: ownArea } = info(id);
    if (ownArea === 'idle') continue;
    total += us;
    const area = attributed(id);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = `${name}@${source}`;
    const entry = functions.get(key) ?? { name, source, area, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const share = (us: number) => (total ? us / total : 0);
  return {
    totalMs: total / 1000,
    areas: [...areas.entries()].map(([area, us]) => ({ area, ms: us / 1000, share: share(us) })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topFunctions)
      .map((f) => ({ name: f.name, source: f.source.replace(/^.*\[project\]\//, '').replace(/^.*node_modules\//, 'node_modules/'), area: f.area, ms: f.us / 1000, share: share(f.us) })),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the given PostgreSQL backends (a backend that has exited counts as 0). */
export function postgresCpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}
