// Following a proposal: the follower is mailed its answer (see answer-proposal.ts). Following
// twice records one row (primary key); unfollowing removes it.
import { type Db, now } from '../../../platform/db/database.ts';
import '../tables.ts';

/** Whether the proposal exists in this collectivity and the person follows it; null if unknown. */
export async function followState(db: Db, collectivityId: number, proposalId: number, userId: number) {
  const proposal = await db.selectFrom('proposal').select(['id', 'title', 'lang', 'status']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  const row = await db.selectFrom('proposal_follow').select('user_id').where('proposal_id', '=', proposalId).where('user_id', '=', userId).executeTakeFirst();
  return { proposal, following: row !== undefined };
}

/** Follows or stops following; returns null when the proposal is not one of this collectivity.
 *  No page changes (who follows is private), so the content version is left alone. */
export async function setFollowing(db: Db, collectivityId: number, proposalId: number, userId: number, follow: boolean): Promise<boolean | null> {
  const proposal = await db.selectFrom('proposal').select('id').where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  if (follow) {
    // following again undoes an unsubscribe link
    await db.deleteFrom('proposal_mute').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposalId).where('user_id', '=', userId).execute();
    await db
      .insertInto('proposal_follow')
      .values({ proposal_id: proposalId, user_id: userId, collectivity_id: collectivityId, created_at: now() })
      .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('proposal_follow').where('collectivity_id', '=', collectivityId).where('proposal_id', '=', proposalId).where('user_id', '=', userId).execute();
  }
  return follow;
}
