// One answer to a survey, online (a signed account, or an anonymous device) or typed in by staff
// from paper or at the desk. The window and the answers are checked against the survey read just
// before; then one transaction checks the audience, claims the desk code if one is needed, and
// writes the response and its answers. No change-log entry: the response row says when it came,
// and the log would keep who answered.
//
// "One answer per account / per device" is decided by the unique indexes survey_response_account
// and survey_response_device, not by a read first: of 50 concurrent submissions by one account,
// one insert wins and the others fail on the index, roll back whole, and are told "you already
// answered".
import type { Insertable } from 'kysely';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isUniqueViolation } from '../../../platform/db/database.ts';
import { consume } from '../../../platform/rate-limit.ts';
import type { FormValues } from '../../../platform/validation.ts';
import { isRegisteredFor } from '../../dialogue/participants.ts';
import { planUnlessFollowed } from '../../tracking/followed.ts';
import { type QuestionWithOptions, findSurvey, surveyQuestions, surveyState } from '../repository.ts';
import { readAnswers } from '../schema.ts';
import type { SurveyAnswerTable, SurveyRow } from '../tables.ts';
import { hashCode } from './build.ts';

/** Anonymous answers from one client address, per survey and hour (a household or a desk
 *  computer shares an address: more than one, but not a flood). */
export const ANONYMOUS_PER_ADDRESS_PER_HOUR = 20;

export type Respondent =
  | { kind: 'account'; userId: number }
  | { kind: 'device'; deviceHash: string; ip: string }
  | { kind: 'staff'; staffId: number; channel: 'paper' | 'desk'; gender: string | null; ageBand: string | null };

/** Why an answer was refused (the form's `form` error, one of surveys.errors.*). */
export const refusals = {
  closed: 'surveys.errors.closed',
  already: 'surveys.errors.already',
  notRegistered: 'surveys.errors.notRegistered',
  code: 'surveys.errors.codeInvalid',
  rateLimited: 'surveys.errors.rateLimited',
} as const;

export const ALREADY = { form: { key: refusals.already } };

// The questions of surveys that have answers, per database: they can no longer change (the
// builder refuses once a response exists, and responses are never removed but with the survey),
// so every instance may keep them instead of reading them for each answer.
const frozenQuestions = new WeakMap<Db, Map<string, QuestionWithOptions[]>>();
const FROZEN_KEPT = 200;

async function questionsOf(db: Db, collectivityId: number, surveyId: number): Promise<QuestionWithOptions[]> {
  return frozenQuestions.get(db)?.get(`${collectivityId}:${surveyId}`) ?? surveyQuestions(db, collectivityId, surveyId);
}

function keepFrozen(db: Db, collectivityId: number, surveyId: number, questions: QuestionWithOptions[]) {
  let kept = frozenQuestions.get(db);
  if (!kept) frozenQuestions.set(db, (kept = new Map()));
  const key = `${collectivityId}:${surveyId}`;
  if (kept.has(key)) return;
  if (kept.size >= FROZEN_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, questions);
}

export async function submitAnswer(
  db: Db,
  target: { collectivityId: number; surveyId: number; respondent: Respondent; code?: string | null; /** the survey's row, when the caller has just read it */ survey?: SurveyRow },
  body: FormValues,
): Promise<CommandResult<number>> {
  const { collectivityId, surveyId, respondent } = target;
  // Read before the transaction, to keep it short (on SQLite it holds the one connection): the
  // survey, its questions (which cannot change once anyone answered: the options named by the
  // form are checked against them) and the account's gender and age band.
  const [survey, questions, person] = await Promise.all([
    target.survey ?? findSurvey(db, collectivityId, surveyId),
    questionsOf(db, collectivityId, surveyId),
    respondent.kind === 'account' ? db.selectFrom('app_user').select(['gender', 'age_band']).where('id', '=', respondent.userId).executeTakeFirst() : undefined,
  ]);
  const at = new Date();
  const state = survey ? surveyState(survey, at) : 'draft';
  // staff type in paper answers after the survey closed too; online answers only while open
  if (!survey || (respondent.kind === 'staff' ? state === 'draft' : state !== 'open')) return invalid({ form: { key: refusals.closed } });
  const read = readAnswers(questions, body);
  if (Object.keys(read.errors).length > 0) return invalid(read.errors);
  try {
    const result = await tenantTransaction(
      db,
      collectivityId,
      async (trx) => {
        const s = survey;
        let gender = read.gender;
        let ageBand = read.ageBand;
        if (respondent.kind === 'account') {
          if (s.audience === 'meeting' && (s.meeting_id === null || !(await isRegisteredFor(trx, collectivityId, s.meeting_id, respondent.userId)))) {
            rollbackWith({ form: { key: refusals.notRegistered } });
          }
          gender = person?.gender ?? null;
          ageBand = person?.age_band ?? null;
        }
        if (respondent.kind === 'device') {
          const usage = await consume(trx, { key: `survey:${surveyId}:ip:${respondent.ip}`, max: ANONYMOUS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 });
          if (!usage.allowed) rollbackWith({ form: { key: refusals.rateLimited, values: { max: ANONYMOUS_PER_ADDRESS_PER_HOUR } } });
        }
        if (s.audience === 'service' && respondent.kind !== 'staff') {
          // claimed by a guarded update: of two answers with the same code, one finds it unused
          const claimed = target.code
            ? await trx
                .updateTable('survey_code')
                .set({ used_at: at.toISOString() })
                .where('collectivity_id', '=', collectivityId)
                .where('survey_id', '=', surveyId)
                .where('code_hash', '=', hashCode(target.code))
                .where('used_at', 'is', null)
                .executeTakeFirst()
            : null;
          if (!claimed || Number(claimed.numUpdatedRows) !== 1) rollbackWith({ code: { key: target.code ? refusals.code : 'surveys.errors.codeRequired' } });
        }
        // who answered, copied onto each answer row so that results need no join
        const who = {
          channel: respondent.kind === 'staff' ? respondent.channel : 'online',
          gender: respondent.kind === 'staff' ? (respondent.gender ?? gender) : gender,
          age_band: respondent.kind === 'staff' ? (respondent.ageBand ?? ageBand) : ageBand,
        };
        const response = await trx
          .insertInto('survey_response')
          .values({
            collectivity_id: collectivityId,
            survey_id: surveyId,
            user_id: respondent.kind === 'account' ? respondent.userId : null,
            device_hash: respondent.kind === 'device' ? respondent.deviceHash : null,
            entered_by: respondent.kind === 'staff' ? respondent.staffId : null,
            ...who,
            created_at: at.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const rows = read.answers.flatMap((a): Insertable<SurveyAnswerTable>[] => {
          const base = { collectivity_id: collectivityId, survey_id: surveyId, response_id: response.id, question_id: a.questionId, ...who };
          if (a.optionIds.length > 0) return a.optionIds.map((o) => ({ ...base, option_id: o, value: null, text: null, text_status: null }));
          // free text waits for a moderator before it is public
          return [{ ...base, option_id: null, value: a.value, text: a.text, text_status: a.text !== null ? 'pending' : null }];
        });
        if (rows.length > 0) await trx.insertInto('survey_answer').values(rows).execute();
        return response.id;
      },
      // the results page counts it; the plan's pages only when an indicator follows satisfaction
      { planUnchanged: planUnlessFollowed(collectivityId, ['surveys.satisfaction', 'surveys.respondents']) },
    );
    // committed: the survey has an answer, its questions are final
    if (result.ok) keepFrozen(db, collectivityId, surveyId, questions);
    return result;
  } catch (e) {
    if (isUniqueViolation(e)) return invalid(ALREADY);
    throw e;
  }
}
