// Sealing a round's ballots once its voting has closed.
//
// Why: the "has voted" mark and the anonymous ballot are written in one transaction (so a vote is
// never half-recorded). On PostgreSQL every row keeps the id of the transaction that wrote it
// (`xmin`) and a table keeps rows in the order they were written (`ctid`): until rewritten, a
// mark and its ballot pair up through either, whatever the columns say. Sealing rewrites the
// round's ballots and choices in one transaction, under new random ids and in an order that is
// not the order of voting: they then all carry the seal's transaction id, which no mark shares.
// The keyed links of a changeable round are dropped too: once voting is closed nothing may change
// a ballot, so nothing needs to find one again.
//
// Each instance sweeps every minute; a round is claimed by a guarded update (`sealed_at is
// null`), so the rewrite runs once across N instances. The demo loader seals its closed round.
import type { Db } from '../../../platform/db/database.ts';
import { now } from '../../../platform/db/database.ts';
import { newBallotId } from '../model.ts';

const CHUNK = 500;

/** Seals every round whose voting closed by `at` and is not sealed yet; returns how many. */
export async function sealClosedRounds(db: Db, at = now()): Promise<number> {
  const due = await db
    .selectFrom('budget_round')
    .select(['id', 'collectivity_id'])
    .where('results_at', '<=', at)
    .where('sealed_at', 'is', null)
    .execute();
  let sealed = 0;
  for (const round of due) if (await sealRound(db, round.collectivity_id, round.id, at)) sealed++;
  return sealed;
}

async function sealRound(db: Db, collectivityId: number, roundId: number, at: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('budget_round')
      .set({ sealed_at: at })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', roundId)
      .where('sealed_at', 'is', null)
      .where('results_at', '<=', at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false; // another instance sealed it
    const ballots = await trx
      .selectFrom('budget_ballot')
      .select(['id', 'channel', 'cast_on', 'district_id'])
      .where('collectivity_id', '=', collectivityId)
      .where('round_id', '=', roundId)
      .execute();
    if (ballots.length === 0) return true;
    const choices = await trx
      .selectFrom('budget_ballot_choice as c')
      .innerJoin('budget_ballot as b', 'b.id', 'c.ballot_id')
      .select(['c.ballot_id', 'c.project_id'])
      .where('b.collectivity_id', '=', collectivityId)
      .where('b.round_id', '=', roundId)
      .execute();
    const renamed = new Map(ballots.map((b) => [b.id, newBallotId()]));
    const byNewId = <T>(rows: T[], id: (row: T) => string) => rows.sort((x, y) => id(x).localeCompare(id(y)));
    const fresh = byNewId(
      ballots.map((b) => ({ id: renamed.get(b.id)!, collectivity_id: collectivityId, round_id: roundId, channel: b.channel, cast_on: b.cast_on, district_id: b.district_id, change_key: null })),
      (b) => b.id,
    );
    const freshChoices = byNewId(
      choices.map((c) => ({ collectivity_id: collectivityId, ballot_id: renamed.get(c.ballot_id)!, project_id: c.project_id })),
      (c) => `${c.ballot_id}|${c.project_id}`,
    );
    const old = [...renamed.keys()];
    for (let i = 0; i < old.length; i += CHUNK) {
      const ids = old.slice(i, i + CHUNK);
      await trx.deleteFrom('budget_ballot_choice').where('collectivity_id', '=', collectivityId).where('ballot_id', 'in', ids).execute();
      await trx.deleteFrom('budget_ballot').where('collectivity_id', '=', collectivityId).where('id', 'in', ids).execute();
    }
    for (let i = 0; i < fresh.length; i += CHUNK) await trx.insertInto('budget_ballot').values(fresh.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < freshChoices.length; i += CHUNK) await trx.insertInto('budget_ballot_choice').values(freshChoices.slice(i, i + CHUNK)).execute();
    return true;
  });
}
