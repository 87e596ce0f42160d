// One support per account and proposal. The database's primary key decides: two concurrent
// supports by one account record one, on SQLite and PostgreSQL alike.
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import '../tables.ts';

/** Open proposals can be supported; answered or withdrawn ones keep their count. */
const supportable = new Set(['submitted', 'under_review']);

export async function supportProposal(db: Db, collectivityId: number, proposalId: number, userId: number): Promise<CommandResult<number> | null> {
  const proposal = await db.selectFrom('proposal').select(['id', 'status']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  if (!supportable.has(proposal.status)) return { ok: false, errors: { _: { key: 'cocreation.support.closed' } } };
  return tenantTransaction(db, collectivityId, async (trx) => {
    const inserted = await trx
      .insertInto('proposal_support')
      .values({ proposal_id: proposalId, user_id: userId, collectivity_id: collectivityId, created_at: now() })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) rollbackWith({ _: { key: 'cocreation.support.already' } });
    return proposalId;
  });
}

export async function supportCount(db: Db, collectivityId: number, proposalId: number): Promise<number> {
  const row = await db
    .selectFrom('proposal_support')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collectivity_id', '=', collectivityId)
    .where('proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
