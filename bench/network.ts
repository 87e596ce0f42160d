// The network's view (issue 17) in `npm run bench`, behind BENCH_NETWORK=1: the national
// dashboard (all of it, and one region) and the summary API on the national dataset (1,500
// communes with programmes, by default), cached and fresh, against hello world.
//
// "fresh" (PAGE_CACHE=off) renders the page again each time from the network's facts, which are
// kept per network version like the read models (modules/network/figures.ts): the bench makes
// no write, so it measures rendering, not the facts' first read after a write.
// Left for later: BENCH_NETWORK_SCALE (proposals and ballots scaled to 100,000 and 1,000,000) and
// the summary API against the bare SQL aggregates it needs.
import type { Target } from './targets.ts';

export const NETWORK = process.env.BENCH_NETWORK === '1';
export const NETWORK_FRESH_P99_MS = 200; // the dashboard rendered fresh: p99 ≤ 200 ms…
export const NETWORK_CACHED_RATIO = 0.4; // …and from the cache ≥ 0.40× hello world

export function networkTargets(page: (id: string, label: string, path: string) => Target): Target[] {
  if (!NETWORK) return [];
  return [
    page('network', 'national dashboard', '/ar/network'),
    page('network-region', 'national dashboard, one region', '/fr/network?region=region-06'),
    { id: 'network-api', label: 'network summary API', where: 'app', path: '/api/v1/network/summary', headers: {}, kind: 'api', size: false },
  ];
}
