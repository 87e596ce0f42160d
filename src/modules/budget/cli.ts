// `infitah tally --collectivity SLUG --round ID`: the results recomputed from the ballots, as the
// API publishes them (same roundResults() and resultsDocument()): JSON on stdout, or a table.
import type { Db } from '../../platform/db/database.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { resultsDocument } from './api.ts';
import { resultsPublished } from './model.ts';
import { findRound, roundResults } from './repository.ts';

export async function tallyCommand(db: Db, opts: { collectivity: string; round: string; format?: string }): Promise<number> {
  const c = await findCollectivity(db, opts.collectivity);
  if (!c) throw new Error(`Unknown collectivity ${opts.collectivity}`);
  const id = /^\d{1,9}$/.test(opts.round) ? Number(opts.round) : null;
  const round = id === null ? undefined : await findRound(db, c.id, id);
  if (!round) throw new Error(`Unknown round ${opts.round} in ${opts.collectivity}`);
  const at = new Date().toISOString();
  if (!resultsPublished(round, at)) console.error('Voting has not closed yet: these figures are not published.');
  const doc = resultsDocument(round, await roundResults(db, c.id, round), at);
  if (opts.format === 'table') {
    console.log(`${doc.round.title.fr ?? doc.round.title.ar} — ${doc.participation.total} ballots (online ${doc.participation.online}, paper ${doc.participation.paper})`);
    console.table(doc.projects.map((p) => ({ district: p.districtId ?? '', rank: p.rank, id: p.id, title: p.title, votes: p.votes, costMad: p.costMad, winner: p.winner })));
    console.log(`Allocated: ${doc.allocatedMad} of ${doc.round.envelopeMad} MAD. ${doc.rule}`);
  } else {
    console.log(JSON.stringify(doc, null, 2));
  }
  return 0;
}
