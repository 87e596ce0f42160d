// Tools of the measurement: servers in child processes, autocannon runs, response sizes.
import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** CPU time the server process has used so far, in ms (user + system) */
  cpu(): Promise<number>;
}

/**
 * Forks bench/server.ts. Each server gets its own process so that the load generator
 * (autocannon, in the parent) does not share an event loop with the server it measures.
 */
export function startServer(args: string[], opts: { env?: Record<string, string>; logFile?: string } = {}): Promise<Server> {
  // the server's standard output (its request log) goes to a file, as an operator's would
  const out = opts.logFile ? openSync(opts.logFile, 'w') : 'inherit';
  const child = fork(join(import.meta.dirname, 'server.ts'), args, {
    // BENCH_PROF=1: each server writes a V8 CPU profile to data/bench/profiles/ when it stops
    // --max-semi-space-size: the flag `npm start` and the systemd unit give node
    execArgv: ['--import', 'tsx', '--max-semi-space-size=32', ...(process.env.BENCH_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(import.meta.dirname, '..', 'data', 'bench', 'profiles')}`] : [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  if (typeof out === 'number') closeSync(out); // the child has its own copy
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server ${args.join(' ')} exited with code ${code} before listening`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (msg: { port: number }) => {
      child.off('exit', onExit);
      const waiting: ((ms: number) => void)[] = [];
      child.on('message', (m: { cpu?: NodeJS.CpuUsage }) => {
        if (m.cpu) waiting.shift()?.((m.cpu.user + m.cpu.system) / 1000);
      });
      const cpu = () =>
        new Promise<number>((res) => {
          waiting.push(res);
          child.send('cpu');
        });
      resolve({ url: `http://127.0.0.1:${msg.port}`, child, stop, cpu });
    });
  });
}

/**
 * Waits until the server is idle: autocannon ends a run without waiting for the requests in
 * flight, and the server still works through them (up to one per connection, seconds of work on
 * a slow page), which would otherwise be counted against the next run. Idle = under 5% of one
 * core over 200 ms; gives up after `maxSeconds` and says how long it waited.
 */
export async function settle(server: Server, maxSeconds = 60): Promise<{ seconds: number; idle: boolean }> {
  const started = Date.now();
  let last = await server.cpu();
  while (Date.now() - started < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 200));
    const now = await server.cpu();
    if (now - last < 10) return { seconds: (Date.now() - started) / 1000, idle: true };
    last = now;
  }
  return { seconds: maxSeconds, idle: false };
}

export class Timeout extends Error {}

/** One request on a keep-alive agent, its body read and dropped: resolves with the status code,
 *  rejects on a connection error or after 10 s (a Timeout). */
export function send(agent: http.Agent, url: string, opts: { method?: string; headers?: Record<string, string | number>; body?: string } = {}): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const headers = opts.body === undefined ? opts.headers : { ...opts.headers, 'content-length': Buffer.byteLength(opts.body) };
    const req = http.request(url, { method: opts.method ?? 'GET', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Timeout('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The p-th percentile (0-100, nearest rank) of latencies sorted in ascending order; 0 when
 *  there are none. */
export const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]);

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** answers by status code */
  codes: Record<string, number>;
  /** answers with another status than the expected one (any 2xx, unless `expect` names one) */
  unexpected: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** the one status every answer must have (e.g. 304); default: any 2xx */
  expect?: number;
}

export async function load(url: string, opts: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers ?? {},
  });
  const codes = statusCodes(r);
  const unexpected = Object.entries(codes)
    .filter(([code]) => (opts.expect ? Number(code) !== opts.expect : !code.startsWith('2')))
    .reduce((n, [, count]) => n + count, 0);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    codes,
    unexpected,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export function statusCodes(r: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
}

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the bytes as sent on the wire (still gzipped if content-encoding says so) */
  body: Buffer;
}

/** One GET with exactly the given headers (fetch() would add accept-encoding and decode). */
export function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export interface PageSize {
  /** uncompressed HTML */
  html: number;
  /** the page as sent to a browser that accepts gzip */
  gzip: number;
  /** the stylesheet the page links to, gzipped */
  cssGzip: number;
  /** whether the server itself gzipped the stylesheet (else it was gzipped here, level 6) */
  cssGzipByServer: boolean;
  total: number;
}

export async function pageSize(base: string, path: string): Promise<PageSize> {
  const plain = await get(base + path);
  const zipped = await get(base + path, { 'accept-encoding': 'gzip' });
  if (plain.status !== 200 || zipped.status !== 200) throw new Error(`GET ${path}: ${plain.status}/${zipped.status}`);
  if (plain.headers['content-encoding']) throw new Error(`GET ${path} without accept-encoding came back ${plain.headers['content-encoding']}`);
  const gzip = zipped.headers['content-encoding'] === 'gzip' ? zipped.body.length : gzipSync(zipped.body, { level: 6 }).length;
  const cssHref = /<link rel="stylesheet" href="([^"]+)"/.exec(plain.body.toString('utf8'))?.[1] ?? '/static/app.css';
  const css = await get(base + cssHref.replace(/&amp;/g, '&'), { 'accept-encoding': 'gzip' });
  if (css.status !== 200) throw new Error(`GET ${cssHref}: ${css.status}`);
  const cssGzipByServer = css.headers['content-encoding'] === 'gzip';
  const cssGzip = cssGzipByServer ? css.body.length : gzipSync(css.body, { level: 6 }).length;
  return { html: plain.body.length, gzip, cssGzip, cssGzipByServer, total: gzip + cssGzip };
}
