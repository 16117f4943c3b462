/** Small helpers for the benchmark: child processes, readiness, the local database, formatting. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { assertLocal } from '../../lib/testing/database';
import { BENCH_SERVER_URL } from './config';

const started = new Set<ChildProcess>();

/**
 * Starts a child in its own process group, so that stopping it also stops what it started (npm, next's
 * server worker). Every child is stopped again by `stopAll`, also when the benchmark fails.
 */
export function startProcess(command: string, args: string[], options: SpawnOptions & { name: string; quiet?: boolean }): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: options.quiet === false ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    started.delete(child);
    if (code && !stopping.has(child)) console.error(`[bench] ${options.name} exited with ${code ?? signal}:\n${log.join('').slice(-4000)}`);
  });
  (child as ChildProcess & { recentOutput?: () => string }).recentOutput = () => log.join('');
  return child;
}

export function recentOutput(child: ChildProcess): string {
  return (child as ChildProcess & { recentOutput?: () => string }).recentOutput?.() ?? '';
}

const stopping = new Set<ChildProcess>();

/** Stops one child (its process group) and waits until it is gone. */
export async function stopProcess(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  stopping.add(child);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutMs);
  await gone;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcess(child)));
}

/** Runs a command to the end; resolves with its output, rejects with it on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`))));
  });
}

/** Polls a URL until it answers 200 (or the child dies, or the time is up). */
export async function waitForUrl(url: string, child: ChildProcess | null, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the process for ${url} exited (${child.exitCode}):\n${recentOutput(child).slice(-4000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer in ${timeoutMs / 1000} s (${last})${child ? `:\n${recentOutput(child).slice(-4000)}` : ''}`);
}

/** The distinct error messages in a server's recent output (stack lines left out), newest last. */
export function errorLines(output: string, max = 3): string[] {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /error/i.test(line) && !line.startsWith('at ') && line.length > 10)
    .map((line) => line.replace(/\s+/g, ' ').slice(0, 300));
  return [...new Set(lines)].slice(-max);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs SQL on the local server's maintenance database (create and drop the benchmark database). */
export async function adminQuery(sql: string): Promise<void> {
  assertLocal(BENCH_SERVER_URL);
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' / ');
}

/** 12345.6 → "12,346"; small numbers keep one decimal. */
export function fmt(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : 1);
  return value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function kib(bytes: number): string {
  return `${fmt(bytes / 1024, 1)} KiB`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function log(message: string): void {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`[bench ${time}] ${message}`);
}
