// One support per account and proposal. The database's primary key decides: two concurrent
// supports by one account record one, on SQLite and PostgreSQL alike.
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import '../tables.ts';

/** Open proposals can be supported; answered or withdrawn ones keep their count. */
const supportable = new Set(['submitted', 'under_review']);

/** The proposal, whether this person supports it, and whether it is their own; null if unknown. */
export async function supportState(db: Db, collectivityId: number, proposalId: number, userId: number) {
  const proposal = await db.selectFrom('proposal').select(['id', 'title', 'lang', 'status', 'author_user_id']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  const row = await db.selectFrom('proposal_support').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst();
  return { proposal, supporting: row !== undefined, own: proposal.author_user_id === userId, open: supportable.has(proposal.status) };
}

export async function supportProposal(db: Db, collectivityId: number, proposalId: number, userId: number): Promise<CommandResult<number> | null> {
  const proposal = await db.selectFrom('proposal').select(['id', 'status', 'author_user_id']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  // a support counts someone else's agreement: the author's own would inflate the count
  if (proposal.author_user_id === userId) return { ok: false, errors: { _: { key: 'cocreation.support.own' } } };
  if (!supportable.has(proposal.status)) return { ok: false, errors: { _: { key: 'cocreation.support.closed' } } };
  return tenantTransaction(db, collectivityId, async (trx) => {
    // supporting follows: mails about it start again if the person had stopped them
    await trx.deleteFrom('proposal_mute').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposalId).where('user_id', '=', userId).execute();
    const inserted = await trx
      .insertInto('proposal_support')
      .values({ proposal_id: proposalId, user_id: userId, collectivity_id: collectivityId, created_at: now() })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) rollbackWith({ _: { key: 'cocreation.support.already' } });
    return proposalId;
  }, { planUnchanged: true });
}

/** Withdraws a support while the proposal is open (an answered proposal keeps its count). */
export async function withdrawSupport(db: Db, collectivityId: number, proposalId: number, userId: number): Promise<CommandResult<number> | null> {
  const proposal = await db.selectFrom('proposal').select(['id', 'status']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  if (!supportable.has(proposal.status)) return { ok: false, errors: { _: { key: 'cocreation.support.closed' } } };
  return tenantTransaction(db, collectivityId, async (trx) => {
    const deleted = await trx
      .deleteFrom('proposal_support')
      .where('collectivity_id', '=', collectivityId)
      .where('proposal_id', '=', proposalId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) rollbackWith({ _: { key: 'cocreation.support.notSupporting' } });
    return proposalId;
  }, { planUnchanged: true });
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
