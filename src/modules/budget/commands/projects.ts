// Writes about the projects of a round: a citizen submits one (with images) during the
// submission phase, staff enter one, and the technical review marks each feasible, not feasible
// or merged into a duplicate, with a public reason; the author is told by mail.
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { consume } from '../../../platform/rate-limit.ts';
import { isLocale, translator } from '../../../platform/i18n/i18n.ts';
import { queueMail } from '../../../platform/mail/index.ts';
import { normalize } from '../../../platform/text/normalize.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import { phaseAt } from '../model.ts';
import { districtsOf, findProject, findRound } from '../repository.ts';
import type { ProjectInput, ReviewInput } from '../schema.ts';
import type { Scope } from './rounds.ts';

/** Projects one account may submit in an hour. */
export const MAX_SUBMISSIONS_PER_HOUR = 3;

type Trx = Db;

/** The row of a new project, after checking its district belongs to the round (required when it has districts). */
async function insertProject(trx: Trx, collectivityId: number, roundId: number, input: ProjectInput, authorId: number | null, images: CheckedFile[]): Promise<number> {
  const districts = await districtsOf(trx, collectivityId, roundId);
  if (districts.length > 0 && !districts.some((d) => d.id === input.district_id)) rollbackWith({ district_id: { key: input.district_id === null ? 'errors.required' : 'errors.invalidChoice' } });
  if (districts.length === 0 && input.district_id !== null) rollbackWith({ district_id: { key: 'errors.invalidChoice' } });
  const row = await trx
    .insertInto('budget_project')
    .values({
      collectivity_id: collectivityId,
      round_id: roundId,
      title: input.title,
      description: input.description,
      neighbourhood: input.neighbourhood,
      estimated_cost_mad: input.estimated_cost_mad,
      district_id: input.district_id,
      author_id: authorId,
      search_text: normalize(`${input.title} ${input.description}`),
      status: 'submitted',
      review_reason: null,
      staff_cost_mad: null,
      created_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const f of images) {
    await trx
      .insertInto('budget_project_image')
      .values({ collectivity_id: collectivityId, project_id: row.id, mime: f.mime, size: f.size, sha256: f.sha256, content: f.content, created_at: now() })
      .execute();
  }
  return row.id;
}

const auditCreate = (trx: Trx, collectivityId: number, id: number, input: ProjectInput, actor: Scope['actor'] | null) =>
  recordChange(trx, {
    collectivityId,
    programmeId: null,
    entityType: 'budget_project',
    entityId: id,
    action: 'create',
    actor,
    changes: diff({}, { title: input.title, neighbourhood: input.neighbourhood, estimated_cost_mad: input.estimated_cost_mad, status: 'submitted' }),
    public: true,
  });

/** Staff enter a project (from a paper form, a meeting), whatever the phase. */
export async function addProject(db: Db, scope: Scope, roundId: number, input: ProjectInput, images: CheckedFile[] = []): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    if (!(await findRound(trx, scope.collectivityId, roundId))) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    const id = await insertProject(trx, scope.collectivityId, roundId, input, null, images);
    await auditCreate(trx, scope.collectivityId, id, input, scope.actor);
    return id;
  });
}

/** A verified citizen submits a project while the round's submission phase is open. */
export async function submitProject(
  db: Db,
  who: { collectivityId: number; roundId: number; userId: number },
  input: ProjectInput,
  images: CheckedFile[],
): Promise<CommandResult<number>> {
  const { collectivityId, roundId, userId } = who;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const round = await findRound(trx, collectivityId, roundId);
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    if (phaseAt(round, now()).phase !== 'submission') return rollbackWith({ form: { key: 'budget.errors.submissionClosed' } });
    // counted before the insert, atomically: concurrent posts count each other
    const usage = await consume(trx, { key: `budget-project:${collectivityId}:user:${userId}`, max: MAX_SUBMISSIONS_PER_HOUR, windowSeconds: 3600 });
    if (!usage.allowed) return rollbackWith({ form: { key: 'budget.errors.tooManyProjects', values: { max: MAX_SUBMISSIONS_PER_HOUR } } });
    const id = await insertProject(trx, collectivityId, roundId, input, userId, images);
    await auditCreate(trx, collectivityId, id, input, null);
    return id;
  });
}

/**
 * The technical review. Once a ballot counts a project its status and cost no longer change. A
 * project merged into another leaves the ballot; the one it joins must be in the round and not
 * itself merged. The author gets the outcome by mail, in their language.
 */
export async function reviewProject(
  db: Db,
  scope: Scope,
  roundId: number,
  projectId: number,
  input: ReviewInput,
  links: { baseUrl: string; slug: string },
): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const before = await findProject(trx, collectivityId, roundId, projectId);
    if (!before) return rollbackWith({ form: { key: 'budget.errors.noProject' } });
    const used = await trx
      .selectFrom('budget_ballot_choice')
      .select('ballot_id')
      .where('collectivity_id', '=', collectivityId)
      .where('project_id', '=', projectId)
      .limit(1)
      .executeTakeFirst();
    if (used) return rollbackWith({ status: { key: 'budget.errors.alreadyOnBallots' } });
    let mergedInto = null;
    if (input.status === 'merged') {
      const target = input.merged_into_id === projectId ? undefined : await findProject(trx, collectivityId, roundId, input.merged_into_id ?? -1);
      if (!target || target.status === 'merged') return rollbackWith({ merged_into_id: { key: 'budget.errors.mergeTarget' } });
      mergedInto = target.id;
      // nothing may still point at this project as its duplicate target
      await trx.updateTable('budget_project').set({ merged_into_id: target.id }).where('collectivity_id', '=', collectivityId).where('merged_into_id', '=', projectId).execute();
    }
    const after = { status: input.status, review_reason: input.review_reason, staff_cost_mad: input.status === 'merged' ? null : input.staff_cost_mad, merged_into_id: mergedInto };
    await trx.updateTable('budget_project').set(after).where('collectivity_id', '=', collectivityId).where('id', '=', projectId).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId: null,
      entityType: 'budget_project',
      entityId: projectId,
      action: 'update',
      actor: scope.actor,
      changes: diff({ status: before.status, review_reason: before.review_reason, staff_cost_mad: before.staff_cost_mad, merged_into_id: before.merged_into_id }, after),
      public: true,
    });
    if (before.author_id !== null && before.status !== input.status) {
      const author = await trx.selectFrom('app_user').select(['email', 'locale']).where('id', '=', before.author_id).where('deleted_at', 'is', null).executeTakeFirst();
      if (author) {
        const locale = isLocale(author.locale) ? author.locale : 'ar';
        const t = translator(locale);
        await queueMail(trx, {
          to: author.email,
          collectivityId,
          subject: t('budget.mail.reviewedSubject', { title: before.title }),
          text: t('budget.mail.reviewedText', {
            title: before.title,
            status: t(`budget.status.${input.status}`),
            reason: input.review_reason ?? '',
            link: `${links.baseUrl}/${locale}/c/${links.slug}/budgets/${roundId}#project-${mergedInto ?? projectId}`,
          }),
        });
      }
    }
    return projectId;
  });
}
