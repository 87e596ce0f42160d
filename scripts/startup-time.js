// Measures the `infitah` command's start-up as a user runs it: `--help`, then `serve` on a new
// SQLite file (migrations and demo), then `serve` again on that migrated database. Prints each
// run's wall time to `--help`'s exit or to the first 200 from /healthz, and the process's resident
// memory then and after one fresh programme page. Usage: node scripts/startup-time.js [runs]
// `npm run bench` runs the same (bench/startup.ts) and judges issue 12's start-up targets.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(import.meta.dirname, '..', 'bin', 'infitah.js');

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
// user + system CPU time of a running process (clock ticks of 10 ms): on a busy machine, a
// fairer figure than the wall time, which includes waiting for a core
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function help(env) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, '--help'], { env, stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - started;
}

/** A port free now (the machine is shared), asked of the system. */
const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

async function serve(env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=32', bin, 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ready = performance.now() - started;
    const cpu = cpuMs(child.pid);
    const rssReady = rssMb(child.pid);
    await fetch(`http://127.0.0.1:${port}/ar/c/settat/programme`).then((r) => r.text());
    return { ready, cpu, rssReady, rssPage: rssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}

/**
 * `runs` times `--help`; `serve` once on a new SQLite file (migrations and the demo), then `runs`
 * times on that migrated file. Times in ms, resident memory in MB.
 */
export async function startupTimes(runs) {
  const dir = mkdtempSync(join(tmpdir(), 'infitah-startup-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'warn', PAGE_CACHE: 'off' };
  try {
    const helps = [];
    for (let i = 0; i < runs; i++) helps.push(await help(env));
    const first = await serve(env);
    const again = [];
    for (let i = 0; i < runs; i++) again.push(await serve(env));
    return { helps, first, again };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { helps, first, again } = await startupTimes(Number(process.argv[2] ?? 5));
  console.log(`--help: median ${median(helps).toFixed(0)} ms (${helps.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`serve, new database (migrate + demo): ready in ${first.ready.toFixed(0)} ms (CPU ${first.cpu} ms), RSS ${first.rssReady.toFixed(0)} MB, ${first.rssPage.toFixed(0)} MB after one page`);
  console.log(`serve, migrated database: ready median ${median(again.map((r) => r.ready)).toFixed(0)} ms (${again.map((r) => r.ready.toFixed(0)).join(', ')}), ` +
    `CPU median ${median(again.map((r) => r.cpu))} ms, ` +
    `RSS median ${median(again.map((r) => r.rssReady)).toFixed(0)} MB, ${median(again.map((r) => r.rssPage)).toFixed(0)} MB after one page`);
}
