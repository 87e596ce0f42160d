// What the benchmark measures, and the issue's targets (issue 12), evaluated on one run's figures.
import type { LoadResult, PageSize } from './measure.ts';
import type { SubmitResult } from './submit.ts';
import type { MixedResult } from './mixed.ts';
import { NETWORK_CACHED_RATIO, NETWORK_FRESH_P99_MS } from './network.ts';

export type Where = 'baseline' | 'app' | 'small';
/** cached: the app as it runs by default (page cache on); fresh: PAGE_CACHE=off, every page rendered afresh */
export type Mode = 'cached' | 'fresh';

export interface Target {
  id: string;
  label: string;
  where: Where;
  path: string;
  headers: Record<string, string>;
  kind: 'baseline' | 'page' | 'api';
  /** measure the page's size (HTML pages) */
  size: boolean;
  /** send the ETag of a first answer back in If-None-Match: every answer must be a 304 */
  notModified?: boolean;
}

export interface Measured {
  target: Target;
  mode: Mode;
  /** null when the target could not be measured (see note) */
  load: LoadResult | null;
  warmup: LoadResult | null;
  size: PageSize | null;
  /** CPU time of the server per answered request, in ms: less sensitive than req/s to other work on the machine */
  cpu: number;
  note?: string;
}

export interface SubmitMeasured {
  label: string;
  path: string;
  accounts: number;
  csrfSeconds: number;
  warmup: SubmitResult;
  load: SubmitResult;
  /** the measured run was cut short to stay within accounts × MAX_PER_HOUR */
  capped: boolean;
  /** server CPU ms per submission */
  cpu: number;
  /** the bare Fastify POST /submit (parse the same form, answer 303), measured right after */
  baseline: LoadResult;
}

// ── the issue's targets ───────────────────────────────────────────────────
export const FRESH_RATIO = 0.03; // programme page rendered fresh ≥ 0.03× hello world…
export const FRESH_P99_MS = 50; // …with p99 ≤ 50 ms
export const CACHED_OTHER_RATIO = 0.3; // every other public page from the cache ≥ 0.30×
export const API_RATIO = 0.25; // programme API ≥ 0.25× "fresh or versioned with ETag/304": the 304 rows…
export const API_P99_MS = 20; // …p99 ≤ 20 ms
export const CACHED_PROGRAMME_RATIO = 0.4; // programme page from the cache, default logging ≥ 0.40×
export const MIXED_P99_MS = 100; // reads during writes: p99 ≤ 100 ms, 0 errors
export const MEETINGS_P99_MS = 50; // issue 13: meetings page and .ics feed, cached and fresh, p99 ≤ 50 ms…
export const FLAT_CPU = 1.5; // …and flat: 5,000 past meetings cost at most 1.5× the CPU of 50

export interface Verdict {
  measure: string;
  /** how it was served */
  served: string;
  ratio: number | null;
  p99: number | null;
  target: string;
  /** null: no target, shown for comparison */
  met: boolean | null;
  /** the figure judged, when it is neither a ratio nor a p99 */
  figure?: string;
}

const ratioTarget = (min: number, p99?: number) => `≥ ${min.toFixed(2)}×${p99 ? `, p99 ≤ ${p99} ms` : ''}`;

export function issueVerdicts(args: {
  targets: Target[];
  results: Measured[];
  baselineRps: number;
  submitted?: SubmitMeasured;
  mixed?: MixedResult | null;
  logLevel: string;
}): Verdict[] {
  const { results, baselineRps, submitted, mixed, logLevel } = args;
  const out: Verdict[] = [];
  const logging = logLevel === 'info' ? 'default logging (info)' : `logging at ${logLevel}, NOT the default`;
  const served = (r: Measured) =>
    r.target.notModified ? `If-None-Match → 304 (${r.mode === 'cached' ? 'default server' : 'PAGE_CACHE=off'})` : r.mode === 'cached' ? `page cache on, ${logging}` : 'fresh (PAGE_CACHE=off)';
  const add = (r: Measured, target: string, test: ((ratio: number, p99: number) => boolean) | null) => {
    if (!r.load) {
      // e.g. no ETag to send back: nothing measured, nothing judged
      out.push({ measure: r.target.label, served: `${served(r)}: ${r.note ?? 'not measured'}`, ratio: null, p99: null, target, met: null });
      return;
    }
    if (r.load.requests === 0) {
      // nothing answered within the run: no latency to show, and no target met
      out.push({ measure: r.target.label, served: `${served(r)}: ${r.note}`, ratio: 0, p99: null, target, met: test ? false : null });
      return;
    }
    const ratio = r.load.rps / baselineRps;
    out.push({ measure: r.target.label, served: served(r), ratio, p99: r.load.p99, target, met: test ? test(ratio, r.load.p99) : null });
  };
  // in the order of the targets, the cached and fresh figures of each next to each other
  const order = (r: Measured) => args.targets.indexOf(r.target) * 2 + (r.mode === 'cached' ? 0 : 1);
  for (const r of [...results].sort((a, b) => order(a) - order(b))) {
    const t = r.target;
    if (t.kind === 'baseline') continue;
    const programme = t.id === 'programme' || t.id === 'settat';
    if (t.id === 'network-api') add(r, '— (from nothing: see its bare SQL row)', null);
    else if (t.id.startsWith('network') && r.mode === 'fresh') add(r, `p99 ≤ ${NETWORK_FRESH_P99_MS} ms`, (_ratio, p99) => p99 <= NETWORK_FRESH_P99_MS);
    else if (t.id.startsWith('network')) add(r, ratioTarget(NETWORK_CACHED_RATIO), (ratio) => ratio >= NETWORK_CACHED_RATIO);
    else if (t.id.startsWith('meetings')) add(r, `p99 ≤ ${MEETINGS_P99_MS} ms`, (_ratio, p99) => p99 <= MEETINGS_P99_MS);
    else if (t.kind === 'api' && t.notModified) add(r, ratioTarget(API_RATIO, API_P99_MS), (ratio, p99) => ratio >= API_RATIO && p99 <= API_P99_MS);
    // the document itself, rendered or from memory: what a client without it pays once
    else if (t.kind === 'api') add(r, '— (versioned with an ETag: judged on its If-None-Match rows)', null);
    else if (programme && r.mode === 'fresh') add(r, ratioTarget(FRESH_RATIO, FRESH_P99_MS), (ratio, p99) => ratio >= FRESH_RATIO && p99 <= FRESH_P99_MS);
    else if (programme) add(r, ratioTarget(CACHED_PROGRAMME_RATIO), (ratio) => ratio >= CACHED_PROGRAMME_RATIO && logLevel === 'info');
    // free text is never cached (decision 003: a random ?q= must not evict useful pages): its
    // target is the search's own p99, measured by bench/search.ts
    else if (t.id === 'proposals-search') add(r, '— (never cached: see the search rows)', null);
    else if (r.mode === 'cached') add(r, ratioTarget(CACHED_OTHER_RATIO), (ratio) => ratio >= CACHED_OTHER_RATIO);
    else add(r, '— (no target)', null);
  }
  // the meetings' cost as the history grows: CPU per request, many ÷ few, in each mode
  for (const [few, many, what] of [
    ['meetings-few', 'meetings', 'meetings page'],
    ['meetings-ics-few', 'meetings-ics', 'meetings .ics feed'],
  ] as const) {
    for (const mode of ['cached', 'fresh'] as const) {
      const a = results.find((r) => r.target.id === few && r.mode === mode);
      const b = results.find((r) => r.target.id === many && r.mode === mode);
      if (!a?.load?.requests || !b?.load?.requests || a.cpu <= 0) continue;
      const growth = b.cpu / a.cpu;
      out.push({
        measure: `${what}: CPU per request, ${b.target.label.match(/\(([^)]*)\)/)?.[1]} ÷ ${a.target.label.match(/\(([^)]*)\)/)?.[1]}`,
        figure: `${growth.toFixed(2)}× (${b.cpu.toFixed(3)} ÷ ${a.cpu.toFixed(3)} ms)`,
        served: mode === 'cached' ? 'page cache on' : 'fresh (PAGE_CACHE=off)',
        ratio: null,
        p99: null,
        target: `flat: ≤ ${FLAT_CPU}×`,
        met: growth <= FLAT_CPU,
      });
    }
  }
  if (submitted) {
    const s = submitted;
    out.push({
      measure: s.label,
      served: 'POST, ratio to the POST baseline',
      ratio: s.load.rps / s.baseline.rps,
      p99: s.load.p99,
      target: '— (no target)',
      met: null,
    });
  }
  if (mixed) {
    for (const [name, r] of [
      ['programme page', mixed.programme],
      ['proposals list', mixed.proposals],
    ] as const) {
      out.push({
        measure: `${name} during writes (${mixed.submissions.rps.toFixed(0)} submissions/s + ${mixed.edits.rps.toFixed(1)} staff edits/s)`,
        served: 'page cache on, during writes',
        ratio: r.rps / baselineRps,
        p99: r.p99,
        target: `p99 ≤ ${MIXED_P99_MS} ms, 0 errors`,
        met: r.p99 <= MIXED_P99_MS && r.unexpected + r.errors + r.timeouts === 0,
      });
    }
  }
  return out;
}
