// The benchmark's report: the side-by-side table (cached and fresh), the submissions against the
// POST baseline, the reads during writes, the targets, and the Markdown summary for the README
// (also written to data/bench/summary.md). Returns the exit status.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { CpuInfo } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatasetInfo } from './dataset.ts';
import type { LoadResult } from './measure.ts';
import type { MixedResult } from './mixed.ts';
import { type ProposalsInfo, SEARCH_WORD } from './proposals.ts';
import { MAX_PER_HOUR, type SubmitResult, type SubmitSetup } from './submit.ts';
import type { Measured, SubmitMeasured, Target, Verdict } from './targets.ts';
import type { TransferResult } from './transfer.ts';
import type { BudgetResult } from './budget.ts';
import type { UploadsResult } from './uploads.ts';

// Older targets, kept: the page's weight, flatness with the network's size and the list's length.
const TARGET_KB = 30; // programme page ≤ 30 KB gzip, CSS included
const FLAT_TOLERANCE = 0.8; // "independent of the network size": late/small page within 20% of the first/large one
const LIST_P99_MS = 50; // co-creation: proposals list p99 ≤ 50 ms at 50 connections (10,000 proposals)
const LIST_FLAT_FACTOR = 1.5; // …and 1,000 vs 100,000 proposals: req/s within 1.5× of each other

export interface RunInfo {
  database: 'SQLite' | 'PostgreSQL';
  connections: number;
  seconds: number;
  warmup: number;
  logLevel: string;
  national: DatasetInfo;
  small: DatasetInfo | null;
  proposals: ProposalsInfo | null;
  submitSetup: SubmitSetup | null;
  copies: string[];
  logs: string[];
  skipped: string[];
  loadAtStart: number;
  loadAtEnd: number;
  cpus: CpuInfo[];
  started: number;
  dataDir: string;
  /** req/s of each hello-world run, in order (before the default server, before the fresh one, at the end) */
  baselineRuns: number[];
}

const fmt = (n: number) => n.toLocaleString('en-US');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const times = (ratio: number) => `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (align[c] === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

function datasetLine(d: DatasetInfo, label: string) {
  const how = d.reused ? `reused (built earlier in ${d.buildSeconds.toFixed(1)} s)` : `built in ${d.buildSeconds.toFixed(1)} s`;
  return (
    `${label}: ${d.counts.collectivities} collectivities (${d.communes} generated communes + the Settat demo, regions, provinces), ` +
    `${d.counts.programmes} programmes, ${d.counts.projects} projects, ${d.counts.activities} activities, ${d.counts.partners} partners; ` +
    `${(d.fileBytes / 1024 / 1024).toFixed(1)} MB of SQLite; ${how}`
  );
}

function proposalsLine(p: ProposalsInfo) {
  const how = p.reused ? `reused (built earlier in ${p.buildSeconds.toFixed(1)} s)` : `built in ${p.buildSeconds.toFixed(1)} s`;
  const main = p.communes[1];
  return (
    `Proposals: ${p.communes.filter((c) => c.proposals > 0).map((c) => `${c.slug} ${fmt(c.proposals)}`).join(', ')} ` +
    `(one step each; ${fmt(p.total)} in the table), in ${p.communes.length} communes added to the national dataset, multi-row inserts, one transaction per commune; ${how}; ` +
    `search "${SEARCH_WORD}" matches ${(main.searchShare * 100).toFixed(1)}% of ${main.slug}; deep page before id ${main.middleId} (its middle)`
  );
}

function submitLine(s: SubmitSetup, m: SubmitMeasured | undefined) {
  return (
    `Submission: ${fmt(s.sessions.length)} verified citizen accounts (${s.accountsCreated} created now), a session each and an open call in ${s.slug}, prepared in ${s.seconds.toFixed(1)} s` +
    (m ? `; the throughput run's ${fmt(m.accounts)} fetched their CSRF tokens (GET the form) in ${m.csrfSeconds.toFixed(1)} s` : '')
  );
}

const bad = (r: LoadResult | null) => (r ? r.unexpected + r.errors + r.timeouts : 0);
const storedOk = (r: SubmitResult) => r.stored === (r.codes['303'] ?? 0) && r.steps === r.stored;
const unexpected303 = (s: SubmitResult) => s.requests - (s.codes['303'] ?? 0);
const codesText = (codes: Record<string, number>) => Object.entries(codes).map(([c, n]) => `${fmt(n)}× ${c}`).join(', ') || 'none';

export function report(args: {
  info: RunInfo;
  targets: Target[];
  results: Measured[];
  submitted: SubmitMeasured | undefined;
  mixed: MixedResult | null;
  verdicts: Verdict[];
  transfer: TransferResult | null;
  budget: BudgetResult | null;
  uploads: UploadsResult | null;
  /** satisfaction surveys: answers and results (bench/survey-submit.ts, bench/survey-results.ts) */
  surveys: { lines: string[]; errors: string[] } | null;
  /** the network's figures against their bare SQL (bench/network.ts) */
  network: { lines: string[]; errors: string[] } | null;
}): number {
  const { info, targets, results, submitted, mixed, verdicts, transfer, budget, uploads, surveys, network } = args;
  const { connections: C } = info;
  const find = (id: string, mode: 'cached' | 'fresh') => results.find((r) => r.target.id === id && r.mode === mode);
  const baseline = find('baseline', 'cached')!;
  const base = baseline.load!.rps;
  const out: string[] = [];

  // ── what was measured ────────────────────────────────────────────────────
  out.push('');
  out.push(`Infitah benchmark — node ${process.version}, ${info.cpus.length} CPU(s) (${info.cpus[0]?.model ?? '?'}), database: ${info.database}`);
  out.push(datasetLine(info.national, 'Dataset'));
  if (info.small) out.push(datasetLine(info.small, 'Small dataset'));
  if (info.proposals) out.push(proposalsLine(info.proposals));
  if (info.submitSetup) out.push(submitLine(info.submitSetup, submitted));
  for (const c of info.copies) out.push(`PostgreSQL: ${c}`);
  out.push(`Load: autocannon, ${C} connections, ${info.seconds} s per target after ${info.warmup} s warm-up; pages requested with accept-encoding: gzip; servers in child processes.`);
  out.push(
    `App servers: as \`npm start\` runs them, LOG_LEVEL=${info.logLevel}${info.logLevel === 'info' ? ' (the default)' : ' (BENCH_LOG_LEVEL; NOT the default)'}, ` +
      `the log written to a file: ${info.logs.map((f) => `${relative(process.cwd(), f)} ${existsSync(f) ? `${(statSync(f).size / 1024 / 1024).toFixed(1)} MB` : '(none)'}`).join(', ')}.`,
  );
  out.push(
    `Machine load average (1 min): ${info.loadAtStart.toFixed(2)} at the start, ${info.loadAtEnd.toFixed(2)} at the end, on ${info.cpus.length} CPU(s) — other work on the machine lowers every figure.`,
  );

  // ── pages and API: cached and fresh side by side ─────────────────────────
  out.push('');
  out.push(`Pages and API (${info.database}). "cached" = the app as it runs by default, page cache on; "fresh" = a second app server with PAGE_CACHE=off, every page rendered afresh.`);
  const runs = info.baselineRuns;
  out.push(
    `×hello = req/s ÷ the hello world's req/s in this run: the median of ${runs.length} runs (${runs.map((r) => r.toFixed(0)).join(', ')} req/s: before the default server, ` +
      `before the fresh one, at the end). CPU = server CPU ms per answered request (all threads).`,
  );
  if (Math.max(...runs) > 1.5 * Math.min(...runs)) {
    out.push(`WARNING: the hello-world runs differ by ${(Math.max(...runs) / Math.min(...runs)).toFixed(1)}×: the machine was busy with other work, and the ratios of this run are unreliable.`);
  }
  const head = ['target', 'path', 'cached req/s', '×hello', 'p50 ms', 'p99 ms', 'CPU', '|', 'fresh req/s', '×hello', 'p50 ms', 'p99 ms', 'CPU', '|', 'gzip KB', 'page+CSS KB', 'bad', 'errors'];
  const rows: string[][] = [head];
  const cols = (r: Measured | undefined): string[] => {
    if (!r) return ['-', '-', '-', '-', '-'];
    if (!r.load) return ['n/a', '-', '-', '-', '-'];
    if (r.load.requests === 0) return ['0 answered', '0×', '-', '-', r.cpu.toFixed(0)];
    return [r.load.rps.toFixed(0), r.target.kind === 'baseline' ? '1' : times(r.load.rps / base), ms(r.load.p50), ms(r.load.p99), r.cpu.toFixed(3)];
  };
  const notes: string[] = [];
  for (const t of targets) {
    const cached = find(t.id, 'cached');
    const fresh = find(t.id, 'fresh');
    if (!cached && !fresh) continue;
    for (const r of [cached, fresh]) if (r?.note) notes.push(`  ${t.label} (${r.mode}): ${r.note}`);
    const size = cached?.size ?? fresh?.size ?? null;
    const both = [cached, fresh].filter((r): r is Measured => r !== undefined);
    rows.push([
      t.notModified ? `${t.label} → 304` : t.label,
      decodeURI(t.path),
      ...cols(cached),
      '|',
      ...cols(fresh),
      '|',
      size ? kb(size.gzip) : '-',
      size ? kb(size.total) : '-',
      String(both.reduce((n, r) => n + (r.load?.unexpected ?? 0) + (r.warmup?.unexpected ?? 0), 0)),
      String(both.reduce((n, r) => n + (r.load ? r.load.errors + r.load.timeouts : 0) + (r.warmup ? r.warmup.errors + r.warmup.timeouts : 0), 0)),
    ]);
  }
  out.push(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r']));
  out.push('(bad: answers other than expected — a 2xx, or 304 on the If-None-Match row — warm-up included; errors: connection errors and timeouts.)');
  const cssBy = results.find((r) => r.size)?.size;
  if (cssBy) out.push(`(CSS: ${kb(cssBy.cssGzip)} KB gzip, ${cssBy.cssGzipByServer ? 'as sent by the server' : 'gzipped here, level 6: the server sent it uncompressed'})`);
  if (notes.length > 0) out.push('Notes:', ...notes);
  out.push('(autocannon ends a run without waiting for the requests in flight: on a page slower than the run, the slowest answers are missing from p99.)');

  // ── submissions against the POST baseline ────────────────────────────────
  if (submitted) {
    const s = submitted;
    const b = s.baseline;
    out.push('');
    out.push('Submissions (default server), against a POST baseline: the bare Fastify server parsing the same urlencoded forms (same cookies and sizes) and answering 303.');
    const srows = [
      ['run', 'path', 'req/s', '×POST baseline', 'p50 ms', 'p99 ms', 'CPU', 'not 303', 'errors'],
      ['POST baseline', 'POST /submit', b.rps.toFixed(0), '1', ms(b.p50), ms(b.p99), '-', String(b.unexpected), String(b.errors + b.timeouts)],
      [
        s.label,
        s.path,
        s.load.rps.toFixed(0),
        times(s.load.rps / b.rps),
        ms(s.load.p50),
        ms(s.load.p99),
        s.cpu.toFixed(3),
        String(unexpected303(s.load) + unexpected303(s.warmup)),
        String(s.load.errors + s.load.timeouts + s.warmup.errors + s.warmup.timeouts),
      ],
    ];
    out.push(table(srows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
    out.push(
      `(submission req/s = 303 answers per second, ${fmt(s.load.requests)} submissions in ${s.load.seconds.toFixed(1)} s (answers: ${codesText(s.load.codes)}) ` +
        `after a warm-up of ${fmt(s.warmup.requests)} (${codesText(s.warmup.codes)})` +
        `${s.capped ? `; cut short to stay within ${fmt(s.accounts)} accounts × ${MAX_PER_HOUR} submissions an hour (raise BENCH_ACCOUNTS)` : ''}; ` +
        `for scale: the POST baseline is ${times(b.rps / base)} of the GET hello world)`,
    );
  }

  // ── reads during writes ──────────────────────────────────────────────────
  if (mixed) {
    const m = mixed;
    out.push('');
    out.push(
      `Reads during writes (default server, page cache on): each page read for ${m.readSeconds.toFixed(1)} s on ${m.readConnections} keep-alive connections (a Node http client here, not autocannon) while ` +
        `${m.submissions.rps.toFixed(0)} submissions/s (asked ${m.submitRate}/s, evenly spaced, on connections opened before: ${fmt(m.submissions.requests)} over ${m.submissions.seconds.toFixed(1)} s) and ` +
        `${m.edits.rps.toFixed(1)} staff progress notes/s (asked ${m.editRate}/s) went to the same commune` +
        (m.submissions.rps < m.submitRate * 0.9 ? ' — the server did not keep up with the asked rate: the writes took longer than BENCH_SECONDS, and the reads lasted as long.' : '.'),
    );
    const bumps = m.versions[1] - m.versions[0];
    const reads = m.programme.requests + m.proposals.requests;
    out.push(
      `Every write bumps the commune's content version, which empties the pages showing citizens' writes: it went from ${m.versions[0]} to ${m.versions[1]} ` +
        `(${fmt(bumps)} bumps, ${(bumps / m.seconds).toFixed(0)}/s) during ${fmt(reads)} reads, so the proposals list is mostly rendered afresh (each version at least once). ` +
        `The programme page follows the plan's version, which only the staff's notes move: ${m.planVersions[0]} to ${m.planVersions[1]} (${fmt(m.planVersions[1] - m.planVersions[0])} bumps).`,
    );
    const mrows = [
      ['during writes', 'path', 'req/s', '×hello', 'p50 ms', 'p99 ms', 'answers', 'bad', 'errors'],
      ...[
        ['programme page', m.programmePath, m.programme],
        ['proposals list', m.proposalsPath, m.proposals],
      ].map(([name, path, r]) => {
        const l = r as LoadResult;
        return [name as string, path as string, l.rps.toFixed(0), times(l.rps / base), ms(l.p50), ms(l.p99), codesText(l.codes), String(l.unexpected), String(l.errors + l.timeouts)];
      }),
      [
        'submissions',
        'POST …/proposals/new',
        m.submissions.rps.toFixed(0),
        '-',
        ms(m.submissions.p50),
        ms(m.submissions.p99),
        codesText(m.submissions.codes),
        String(unexpected303(m.submissions) + (storedOk(m.submissions) ? 0 : 1)),
        String(m.submissions.errors + m.submissions.timeouts),
      ],
      [
        'staff progress notes',
        'POST /admin/…/notes',
        m.edits.rps.toFixed(1),
        '-',
        ms(m.edits.p50),
        ms(m.edits.p99),
        codesText(m.edits.codes),
        String(m.edits.requests - (m.edits.codes['303'] ?? 0)),
        String(m.edits.errors),
      ],
    ];
    out.push(table(mrows, ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r']));
    out.push(`(submissions: ${fmt(m.submissions.stored)} proposals stored for ${fmt(m.submissions.codes['303'] ?? 0)} answers 303; writes expect 303, reads a 2xx)`);
  }

  // ── the issue's targets ──────────────────────────────────────────────────
  out.push('');
  out.push(`Targets of issues 12 and 13 (${info.database}, this run):`);
  const mark = (met: boolean | null) => (met === null ? '      ' : met ? 'MET   ' : 'MISSED');
  for (const v of verdicts) {
    out.push(
      `  [${mark(v.met)}] ${v.measure} — ${v.served}: ${v.figure ?? (v.ratio === null ? 'not measured' : `${times(v.ratio)}${v.served.startsWith('POST') ? '' : ' hello world'}, p99 ${v.p99 === null ? 'n/a' : `${ms(v.p99)} ms`}`)} (target ${v.target})`,
    );
  }

  // ── the older targets ────────────────────────────────────────────────────
  out.push('');
  out.push('Other targets (from the page cache unless said):');
  const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
  const home = find('home', 'cached');
  const late = find('home-late', 'cached');
  if (home?.load && late?.load) {
    const ratio = late.load.rps / home.load.rps;
    out.push(
      `  [${verdict(ratio >= FLAT_TOLERANCE)}] network home independent of the position in the network: late page ${late.load.rps.toFixed(0)} req/s = ` +
        `${(ratio * 100).toFixed(1)}% of the first page's ${home.load.rps.toFixed(0)} req/s (within ${Math.round((1 - FLAT_TOLERANCE) * 100)}% counts as independent)`,
    );
  }
  const homeSmall = find('home-small', 'cached');
  if (home?.load && homeSmall?.load && info.small) {
    const ratio = home.load.rps / homeSmall.load.rps;
    out.push(
      `  [${verdict(ratio >= FLAT_TOLERANCE)}] network home independent of the network size: ${info.national.counts.collectivities} collectivities ${home.load.rps.toFixed(0)} req/s = ` +
        `${(ratio * 100).toFixed(1)}% of ${info.small.counts.collectivities} collectivities' ${homeSmall.load.rps.toFixed(0)} req/s`,
    );
  }
  for (const id of ['programme', 'settat']) {
    const r = find(id, 'cached');
    if (!r?.size) continue;
    out.push(
      `  [${verdict(r.size.total / 1024 <= TARGET_KB)}] ${r.target.label} weighs ${kb(r.size.total)} KB gzip with its CSS ` +
        `(${kb(r.size.gzip)} KB page + ${kb(r.size.cssGzip)} KB CSS; target ≤ ${TARGET_KB} KB)`,
    );
  }
  for (const id of ['proposals', 'proposals-filter', 'proposals-search', 'proposals-deep']) {
    for (const mode of ['cached', 'fresh'] as const) {
      const r = find(id, mode);
      if (!r?.load) continue;
      out.push(`  [${verdict(r.load.p99 <= LIST_P99_MS)}] ${r.target.label} (${mode}): p99 ${ms(r.load.p99)} ms (target ≤ ${LIST_P99_MS} ms), ${times(r.load.rps / base)} hello world`);
    }
  }
  for (const mode of ['cached', 'fresh'] as const) {
    const few = find('proposals-few', mode);
    const many = find('proposals-many', mode);
    if (!few?.load || !many?.load || !info.proposals) continue;
    const factor = Math.max(few.load.rps, many.load.rps) / Math.min(few.load.rps, many.load.rps);
    out.push(
      `  [${verdict(factor <= LIST_FLAT_FACTOR)}] proposals list cost flat as proposals grow (${mode}): ${fmt(info.proposals.communes[2].proposals)} proposals ${many.load.rps.toFixed(0)} req/s vs ` +
        `${fmt(info.proposals.communes[0].proposals)} proposals ${few.load.rps.toFixed(0)} req/s, ${factor.toFixed(2)}× apart (target within ${LIST_FLAT_FACTOR}×)`,
    );
  }
  if (submitted) {
    const s = submitted;
    const answered = (s.load.codes['303'] ?? 0) + (s.warmup.codes['303'] ?? 0);
    out.push(
      `  [${verdict(storedOk(s.load) && storedOk(s.warmup))}] every accepted submission stored: ${fmt(s.load.stored + s.warmup.stored)} proposals (${fmt(s.load.steps + s.warmup.steps)} steps) ` +
        `for ${fmt(answered)} answers 303 (warm-up and measured run counted apart)`,
    );
  }
  if (transfer) out.push(...transfer.lines);
  if (budget) out.push(...budget.lines);
  if (uploads) out.push(...uploads.lines);
  if (surveys) out.push(...surveys.lines);
  if (network) out.push(...network.lines);
  for (const s of info.skipped) out.push(`  (${s})`);

  // ── the Markdown summary ─────────────────────────────────────────────────
  const md = markdown(info, verdicts, base);
  out.push('');
  out.push(
    `Summary for the README (also in ${relative(process.cwd(), join(info.dataDir, 'summary.md'))}, after which comes the last run on the other database, if any, with its own heading):`,
  );
  out.push('');
  out.push(md);
  // summary-sqlite.md / summary-postgres.md: the last run on each; summary.md: both, this run first
  mkdirSync(info.dataDir, { recursive: true });
  const own = info.database === 'SQLite' ? 'sqlite' : 'postgres';
  const other = join(info.dataDir, `summary-${own === 'sqlite' ? 'postgres' : 'sqlite'}.md`);
  writeFileSync(join(info.dataDir, `summary-${own}.md`), `${md}\n`);
  writeFileSync(join(info.dataDir, 'summary.md'), `${md}\n${existsSync(other) ? `\n${readFileSync(other, 'utf8')}` : ''}`);

  // ── failures ─────────────────────────────────────────────────────────────
  const failures = results.filter((r) => bad(r.load) + bad(r.warmup) > 0);
  const submitFailed = submitted !== undefined && [submitted.warmup, submitted.load].some((r) => unexpected303(r) + r.errors + r.timeouts > 0 || !storedOk(r));
  const postBaselineFailed = submitted !== undefined && bad(submitted.baseline) > 0;
  const mixedFailed =
    mixed !== null &&
    (bad(mixed.programme) + bad(mixed.proposals) > 0 ||
      unexpected303(mixed.submissions) + mixed.submissions.errors + mixed.submissions.timeouts > 0 ||
      !storedOk(mixed.submissions) ||
      mixed.edits.requests - (mixed.edits.codes['303'] ?? 0) + mixed.edits.errors > 0);
  const budgetFailed = budget !== null && budget.errors.length > 0;
  const uploadsFailed = uploads !== null && uploads.errors.length > 0;
  const surveysFailed = surveys !== null && surveys.errors.length > 0;
  const networkFailed = network !== null && network.errors.length > 0;
  const failed = failures.length > 0 || submitFailed || postBaselineFailed || mixedFailed || budgetFailed || uploadsFailed || surveysFailed || networkFailed;
  out.push('');
  if (failed) {
    out.push("ERRORS during the load (exit status 1). A timeout is a request left unanswered for autocannon's 10 s; it is counted in errors:");
    for (const r of failures) {
      const l = r.load!;
      const w = r.warmup;
      out.push(
        `  ${r.target.label} (${r.mode}) ${r.target.path}: ${l.unexpected} unexpected answers (${codesText(l.codes)}), ${l.errors} errors, ${l.timeouts} timeouts` +
          (w ? ` (warm-up: ${w.unexpected} unexpected, ${w.errors} errors, ${w.timeouts} timeouts)` : ''),
      );
    }
    if (submitted && submitFailed) {
      for (const [name, r] of [
        ['warm-up', submitted.warmup],
        ['measured run', submitted.load],
      ] as const) {
        out.push(
          `  ${submitted.label} ${submitted.path} (${name}): ${unexpected303(r)} answers other than 303 (${codesText(r.codes)}), ${r.errors} errors, ${r.timeouts} timeouts; ` +
            `${r.stored} proposals and ${r.steps} steps stored for ${r.codes['303'] ?? 0} answers 303`,
        );
      }
    }
    if (submitted && postBaselineFailed) out.push(`  POST baseline: ${codesText(submitted.baseline.codes)}, ${submitted.baseline.errors} errors`);
    if (mixed && mixedFailed) {
      const m = mixed;
      out.push(
        `  reads during writes: programme ${codesText(m.programme.codes)} + ${m.programme.errors} errors; proposals ${codesText(m.proposals.codes)} + ${m.proposals.errors} errors; ` +
          `submissions ${codesText(m.submissions.codes)}, ${m.submissions.stored} stored, ${m.submissions.errors} errors; staff notes ${codesText(m.edits.codes)}, ${m.edits.errors} errors`,
      );
    }
    for (const e of budget?.errors ?? []) out.push(`  participatory budget: ${e}`);
    for (const e of uploads?.errors ?? []) out.push(`  uploads: ${e}`);
    for (const e of surveys?.errors ?? []) out.push(`  surveys: ${e}`);
    for (const e of network?.errors ?? []) out.push(`  network figures: ${e}`);
  } else {
    const n = results.reduce((s, r) => s + (r.load?.requests ?? 0), 0);
    out.push(
      `No unexpected answers or connection errors (${fmt(n)} measured requests)` +
        (submitted ? `; every submission answered 303 and stored (${fmt(submitted.load.requests + submitted.warmup.requests)} submissions).` : '.'),
    );
  }
  out.push(`Total time: ${((performance.now() - info.started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
  return failed ? 1 : 0;
}

function markdown(info: RunInfo, verdicts: Verdict[], base: number): string {
  const met = (v: Verdict) => (v.met === null ? '—' : v.met ? 'met' : '**not met**');
  const lines = [
    `Benchmark of ${new Date().toISOString().slice(0, 10)}: ${info.database}, ${info.national.counts.collectivities} collectivities, ${info.connections} connections, ` +
      `${info.seconds} s per target; hello world ${fmt(Math.round(base))} req/s (median of ${info.baselineRuns.length} runs) on ${info.cpus.length} CPU(s). Ratios are to the hello world of the same run ` +
      '(submissions: to a bare POST of the same forms). "page cache" = the app as it runs by default; "fresh" = PAGE_CACHE=off.',
    ...(Math.max(...info.baselineRuns) > 1.5 * Math.min(...info.baselineRuns)
      ? ['', `**Unreliable run**: the hello-world runs differ by ${(Math.max(...info.baselineRuns) / Math.min(...info.baselineRuns)).toFixed(1)}× (the machine was busy).`]
      : []),
    '',
    '| measure | served | database | ratio | p99 ms | target | |',
    '|---|---|---|---:|---:|---|---|',
    ...verdicts.map((v) => `| ${v.measure} | ${v.served} | ${info.database} | ${v.figure ?? (v.ratio === null ? 'n/a' : times(v.ratio))} | ${v.p99 === null ? 'n/a' : ms(v.p99)} | ${v.target} | ${met(v)} |`),
  ];
  return lines.join('\n');
}
