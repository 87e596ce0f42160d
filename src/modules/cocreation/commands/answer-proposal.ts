// Staff answer a proposal: under review, retained (linked to what it fed), merged into another,
// or not retained with a public reason. Each answer is a step of the proposal's public trail.
import { recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { FieldErrors } from '../../../platform/validation.ts';
import { type MailLinks, notifyProposal } from '../notify.ts';
import type { AnswerInput } from '../schema.ts';
import type { Scope } from './events.ts';
import '../tables.ts';

/** Statuses from which staff may still answer (a withdrawn proposal stays withdrawn). */
const answerable = new Set(['submitted', 'under_review', 'retained', 'merged', 'not_retained']);

/** The author, the supporters and the followers get a mail with the answer, queued in the same
 *  transaction (notify.ts: not those who stopped these mails, within the per-address limit). */
export async function answerProposal(
  db: Db,
  scope: Scope,
  id: number,
  input: AnswerInput,
  links: MailLinks,
): Promise<CommandResult<number> | null> {
  const { collectivityId } = scope;
  const proposal = await db.selectFrom('proposal').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
  if (!proposal) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const errors: FieldErrors = {};
    if (!answerable.has(proposal.status)) errors.status = { key: 'errors.invalidTransition' };
    const owned = async (table: 'project' | 'activity' | 'proposal', value: number | null) =>
      value === null ||
      (await trx.selectFrom(table).select('id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', proposal.programme_id).where('id', '=', value).executeTakeFirst()) !== undefined;
    const retained = input.status === 'retained';
    if (retained && !(await owned('project', input.project_id))) errors.project_id = { key: 'errors.invalidChoice' };
    if (retained && !(await owned('activity', input.activity_id))) errors.activity_id = { key: 'errors.invalidChoice' };
    if (input.status === 'merged' && (input.merged_into_id === id || !(await owned('proposal', input.merged_into_id)))) {
      errors.merged_into_id = { key: 'errors.invalidChoice' };
    }
    if (Object.keys(errors).length) rollbackWith(errors);

    let projectId = retained ? input.project_id : null;
    if (retained && input.activity_id !== null && projectId === null) {
      projectId = (await trx.selectFrom('activity').select('project_id').where('id', '=', input.activity_id).executeTakeFirstOrThrow()).project_id;
    }
    await trx
      .updateTable('proposal')
      .set({
        status: input.status,
        project_id: projectId,
        activity_id: retained ? input.activity_id : null,
        merged_into_id: input.status === 'merged' ? input.merged_into_id : null,
      })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('proposal_step')
      .values({
        collectivity_id: collectivityId,
        proposal_id: id,
        at: now(),
        status: input.status,
        actor_role: scope.actor.role,
        answer_ar: input.answer_ar,
        answer_fr: input.answer_fr,
        answer_en: input.answer_en,
      })
      .execute();
    // The author, its supporters and its followers are told, each in their own language.
    await notifyProposal(trx, collectivityId, proposal, { kind: 'status', status: input.status, answer: { ar: input.answer_ar, fr: input.answer_fr, en: input.answer_en } }, links);
    await recordChange(trx, {
      collectivityId,
      programmeId: proposal.programme_id,
      entityType: 'proposal',
      entityId: id,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'status', before: proposal.status, after: input.status }],
      public: true,
    });
    return id;
  });
}
