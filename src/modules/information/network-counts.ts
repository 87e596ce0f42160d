// What the network's dashboard counts of access to information, per collectivity and the year
// a request was received: requests, those answered, and those answered by their legal deadline
// (due_on, which an extension moves). The demo's example requests (is_example) are left out.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

/** `ids`: only these collectivities (the network refreshes the ones that changed); else all. */
export async function requestsByYear(db: Db, ids?: readonly number[]) {
  if (ids?.length === 0) return [];
  const year = sql<string>`substr(received_on, 1, 4)`;
  const rows = await db
    .selectFrom('information_request')
    .where('is_example', '=', 0)
    .$if(ids !== undefined, (q) => q.where('collectivity_id', 'in', ids!))
    .select((eb) => [
      'collectivity_id',
      year.as('year'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('answered_on', 'is not', null).then(1).else(0).end()).as('answered'),
      eb.fn.sum<number>(eb.case().when('answered_on', '<=', eb.ref('due_on')).then(1).else(0).end()).as('on_time'),
    ])
    .groupBy(['collectivity_id', year])
    .execute();
  return rows.map((r) => ({ collectivityId: r.collectivity_id, year: r.year, requests: Number(r.n), answered: Number(r.answered ?? 0), onTime: Number(r.on_time ?? 0) }));
}
