// The `infitah` command's start-up (issue 12): `--help`, and `serve` ready (the first 200 from
// /healthz) with its resident memory, on a migrated SQLite file and on a new one (migrations and
// the Settat demo). The measuring is scripts/startup-time.js's, which also runs on its own.
import { median, startupTimes } from '../scripts/startup-time.js';
import type { Verdict } from './targets.ts';

export const HELP_MS = 500; // `infitah --help` ≤ 0.5 s…
export const READY_MS = 1000; // …`infitah serve` ready ≤ 1 s…
export const READY_RSS_MB = 120; // …with ≤ 120 MB resident

const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

export async function benchStartup(runs: number, log: (line: string) => void): Promise<Verdict[]> {
  log(`start-up: \`infitah --help\` ${runs} times, \`serve\` on a new SQLite file, then ${runs} times on it migrated`);
  const { helps, first, again } = await startupTimes(runs);
  const help = median(helps);
  const ready = median(again.map((r) => r.ready));
  const rss = median(again.map((r) => r.rssReady));
  log(`  --help: ${helps.map(ms).join(', ')}`);
  log(`  serve, migrated: ready ${again.map((r) => ms(r.ready)).join(', ')}; RSS ${again.map((r) => mb(r.rssReady)).join(', ')}`);
  log(`  serve, new database: ready ${ms(first.ready)}, RSS ${mb(first.rssReady)}`);
  return [
    { measure: '`infitah --help`', served: `median of ${runs}`, ratio: null, p99: null, target: `≤ ${HELP_MS} ms`, met: help <= HELP_MS, figure: ms(help) },
    {
      measure: '`infitah serve` ready on a migrated database (SQLite), resident memory',
      served: `median of ${runs}; single starts ${mb(Math.min(...again.map((r) => r.rssReady)))}–${mb(Math.max(...again.map((r) => r.rssReady)))}`,
      ratio: null,
      p99: null,
      target: `≤ ${READY_MS / 1000} s, ≤ ${READY_RSS_MB} MB`,
      met: ready <= READY_MS && rss <= READY_RSS_MB,
      figure: `${ms(ready)}, ${mb(rss)}`,
    },
    {
      measure: '`infitah serve` on a new database (migrations and the demo), resident memory',
      served: 'once',
      ratio: null,
      p99: null,
      target: '—',
      met: null,
      figure: `${ms(first.ready)}, ${mb(first.rssReady)}`,
    },
  ];
}
