// Moderation of free-text answers: a moderator publishes or hides each one. Pending and hidden
// texts are never shown in public (results page, export, API). One transaction: the answer is
// looked up with its survey and collectivity, its status set, the change logged (not public).
import { type Actor, recordChange } from '../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import type { Db } from '../../platform/db/database.ts';
import './tables.ts';

export const moderationActions = { publish: 'public', hide: 'hidden' } as const;
export type ModerationAction = keyof typeof moderationActions;

export async function moderateText(
  db: Db,
  scope: { actor: Actor; collectivityId: number },
  surveyId: number,
  answerId: number,
  action: ModerationAction,
): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await trx
        .selectFrom('survey_answer')
        .select(['id', 'text_status'])
        .where('collectivity_id', '=', scope.collectivityId)
        .where('survey_id', '=', surveyId)
        .where('id', '=', answerId)
        .where('text_status', 'is not', null)
        .executeTakeFirst();
      if (!before) return rollbackWith({ answer: { key: 'surveys.moderation.notFound' } });
      const status = moderationActions[action];
      await trx.updateTable('survey_answer').set({ text_status: status }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', answerId).execute();
      await recordChange(trx, {
        collectivityId: scope.collectivityId,
        programmeId: null,
        entityType: 'survey_answer',
        entityId: answerId,
        action: 'update',
        actor: scope.actor,
        changes: [{ field: 'text_status', before: before.text_status, after: status }],
        public: false,
      });
      return answerId;
    },
    // the results page shows the published texts; no metric counts them
    { planUnchanged: true },
  );
}
