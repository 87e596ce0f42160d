// Surveys written straight into the tables, for the tests of results, exports, moderation, the API
// and metrics (the builder's and the answer form's commands are tested on their own).
import type { Insertable } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import type { QuestionKind, ResponseChannel, SurveyAnswerTable, TextStatus } from '../../src/modules/surveys/tables.ts';

export interface QuestionSpec {
  kind: QuestionKind;
  text?: string;
  options?: string[];
  about?: 'gender' | 'age_band';
}

export interface MadeSurvey {
  id: number;
  questions: { id: number; kind: QuestionKind; options: number[] }[];
}

const DAY = 86_400_000;

export async function makeSurvey(
  db: Db,
  collectivityId: number,
  spec: { questions: QuestionSpec[]; status?: 'draft' | 'published'; anonymous?: boolean; topic?: string; title?: string; opensAt?: string; closesAt?: string },
): Promise<MadeSurvey> {
  const now = new Date().toISOString();
  const survey = await db
    .insertInto('survey')
    .values({
      collectivity_id: collectivityId,
      status: spec.status ?? 'published',
      opens_at: spec.opensAt ?? new Date(Date.now() - 30 * DAY).toISOString(),
      closes_at: spec.closesAt ?? new Date(Date.now() + 30 * DAY).toISOString(),
      anonymous: spec.anonymous ? 1 : 0,
      topic: spec.topic ?? 'services',
      published_at: (spec.status ?? 'published') === 'published' ? now : null,
      title_ar: spec.title ?? 'استطلاع رضا المرتفقين عن خدمات الجماعة',
      title_fr: 'Satisfaction des usagers des services de la commune',
      title_en: null,
      intro_ar: null,
      intro_fr: null,
      intro_en: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const questions: MadeSurvey['questions'] = [];
  for (const [i, q] of spec.questions.entries()) {
    const row = await db
      .insertInto('survey_question')
      .values({ collectivity_id: collectivityId, survey_id: survey.id, position: i + 1, kind: q.kind, required: 0, about: q.about ?? null, text_ar: q.text ?? `سؤال ${i + 1}`, text_fr: `Question ${i + 1}`, text_en: null, help_ar: null, help_fr: null, help_en: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const options: number[] = [];
    for (const [j, label] of (q.options ?? []).entries()) {
      const o = await db
        .insertInto('survey_option')
        .values({ collectivity_id: collectivityId, survey_id: survey.id, question_id: row.id, position: j + 1, label_ar: label, label_fr: `${label} (fr)`, label_en: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      options.push(o.id);
    }
    questions.push({ id: row.id, kind: q.kind, options });
  }
  return { id: survey.id, questions };
}

/** One answer per question, in the survey's order: a number (csat, scale, yes_no), an option
 *  index or indexes (single, multiple), a text with its status, or undefined (not answered). */
export type AnswerSpec = number | number[] | { text: string; status?: TextStatus } | undefined;

export async function answer(
  db: Db,
  collectivityId: number,
  survey: MadeSurvey,
  answers: AnswerSpec[],
  who: { channel?: ResponseChannel; gender?: string | null; ageBand?: string | null; userId?: number | null; deviceHash?: string | null; enteredBy?: number | null; at?: string } = {},
): Promise<number> {
  const response = await db
    .insertInto('survey_response')
    .values({
      collectivity_id: collectivityId,
      survey_id: survey.id,
      user_id: who.userId ?? null,
      device_hash: who.deviceHash ?? null,
      channel: who.channel ?? 'online',
      entered_by: who.enteredBy ?? null,
      gender: who.gender ?? null,
      age_band: who.ageBand ?? null,
      created_at: who.at ?? new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = survey.questions.flatMap((q, i): Insertable<SurveyAnswerTable>[] => {
    const a = answers[i];
    const base: Insertable<SurveyAnswerTable> = {
      collectivity_id: collectivityId, survey_id: survey.id, response_id: response.id, question_id: q.id, option_id: null, value: null, text: null, text_status: null,
      channel: who.channel ?? 'online', gender: who.gender ?? null, age_band: who.ageBand ?? null,
    };
    if (a === undefined) return [];
    if (q.kind === 'single' || q.kind === 'multiple') return (Array.isArray(a) ? a : [a as number]).map((k) => ({ ...base, option_id: q.options[k]! }));
    if (q.kind === 'text') {
      const t = a as { text: string; status?: TextStatus };
      return [{ ...base, text: t.text, text_status: t.status ?? 'pending' }];
    }
    return [{ ...base, value: a as number }];
  });
  if (rows.length > 0) await db.insertInto('survey_answer').values(rows).execute();
  return response.id;
}
