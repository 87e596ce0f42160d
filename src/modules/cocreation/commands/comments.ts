// Comments on proposals: verified accounts comment, readers report, staff moderate. A hidden
// comment keeps its place with the moderator's public reason; nothing is deleted silently.
import { recordChange } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { consume } from '../../../platform/rate-limit.ts';
import { type MailLinks, notifyProposal } from '../notify.ts';
import '../tables.ts';

export const MAX_COMMENTS_PER_HOUR = 10;

/** Adds a comment; the proposal's author and followers are mailed (notify.ts). */
export async function addComment(db: Db, collectivityId: number, proposalId: number, userId: number, body: string, lang: string, links: MailLinks): Promise<CommandResult<number> | null> {
  const proposal = await db.selectFrom('proposal').select(['id', 'status', 'title', 'author_user_id']).where('collectivity_id', '=', collectivityId).where('id', '=', proposalId).executeTakeFirst();
  if (!proposal) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const usage = await consume(trx, { key: `comment:user:${userId}`, max: MAX_COMMENTS_PER_HOUR, windowSeconds: 3600 });
    if (!usage.allowed) rollbackWith({ _: { key: 'cocreation.comments.tooMany', values: { max: MAX_COMMENTS_PER_HOUR } } });
    const row = await trx
      .insertInto('proposal_comment')
      .values({ collectivity_id: collectivityId, proposal_id: proposalId, author_user_id: userId, body, lang, created_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notifyProposal(trx, collectivityId, proposal, { kind: 'comment', by: userId }, links);
    return row.id;
  }, { planUnchanged: true });
}

/** One report per account and comment (primary key). */
export async function reportComment(db: Db, collectivityId: number, commentId: number, userId: number, reason: string): Promise<CommandResult<number> | null> {
  const comment = await db.selectFrom('proposal_comment').select('id').where('collectivity_id', '=', collectivityId).where('id', '=', commentId).executeTakeFirst();
  if (!comment) return null;
  const inserted = await db
    .insertInto('comment_report')
    .values({ comment_id: commentId, user_id: userId, collectivity_id: collectivityId, reason, created_at: now() })
    .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
    .executeTakeFirst();
  // a report changes no public page: no content-version bump
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0 ? { ok: false, errors: { _: { key: 'cocreation.comments.alreadyReported' } } } : { ok: true, value: commentId };
}

export async function moderateComment(
  db: Db,
  scope: { actor: Actor; collectivityId: number },
  commentId: number,
  decision: { hide: true; reason: string } | { hide: false },
): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  const comment = await db.selectFrom('proposal_comment').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', commentId).executeTakeFirst();
  if (!comment) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    await trx
      .updateTable('proposal_comment')
      .set(
        decision.hide
          ? { hidden_at: now(), hidden_reason: decision.reason, hidden_by_role: scope.actor.role }
          : { hidden_at: null, hidden_reason: null, hidden_by_role: null },
      )
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', commentId)
      .execute();
    if (!decision.hide) await trx.deleteFrom('comment_report').where('collectivity_id', '=', collectivityId).where('comment_id', '=', commentId).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'proposal_comment',
      entityId: commentId,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'hidden', before: comment.hidden_at ? comment.hidden_reason : null, after: decision.hide ? decision.reason : null }],
      public: true,
    });
    return commentId;
  });
}
