// Reads shared by the surveys module's pages, commands and results: a survey of a collectivity,
// its questions with their options in order, and where it stands at an instant. Every function
// takes the collectivity id.
import type { Db } from '../../platform/db/database.ts';
import type { SurveyOptionRow, SurveyQuestionRow, SurveyRow } from './tables.ts';
import './tables.ts';

export type SurveyState = 'draft' | 'upcoming' | 'open' | 'closed';

/** A draft is staff's only; a published survey takes answers from opens_at until closes_at. */
export function surveyState(s: Pick<SurveyRow, 'status' | 'opens_at' | 'closes_at'>, now: Date): SurveyState {
  if (s.status !== 'published') return 'draft';
  const at = now.toISOString();
  if (at < s.opens_at) return 'upcoming';
  return at < s.closes_at ? 'open' : 'closed';
}

export async function findSurvey(db: Db, collectivityId: number, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('survey').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

export type QuestionWithOptions = SurveyQuestionRow & { options: SurveyOptionRow[] };

/** The survey's questions in order, each with its options in order (two queries). */
export async function surveyQuestions(db: Db, collectivityId: number, surveyId: number): Promise<QuestionWithOptions[]> {
  const [questions, options] = await Promise.all([
    db.selectFrom('survey_question').selectAll().where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('survey_option').selectAll().where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).orderBy('position').orderBy('id').execute(),
  ]);
  const byQuestion = new Map<number, SurveyOptionRow[]>();
  for (const o of options) {
    const list = byQuestion.get(o.question_id) ?? [];
    list.push(o);
    byQuestion.set(o.question_id, list);
  }
  return questions.map((q) => ({ ...q, options: byQuestion.get(q.id) ?? [] }));
}
