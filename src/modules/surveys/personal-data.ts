// A person's signed survey answers: their part of "download my data", and what deleting the
// account does to them. Deleting the account detaches the answers (user_id null) rather than
// deleting them: the results keep their counts, and an answer without its account names no one.
import { registerAccountDeletionHandler, registerPersonalDataExporter } from '../../platform/personal-data.ts';
import './tables.ts';

registerPersonalDataExporter('surveyAnswers', async (db, person) => {
  const responses = await db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .select(['r.id', 'r.collectivity_id', 'r.survey_id', 's.title_ar', 's.title_fr', 's.title_en', 'r.channel', 'r.created_at'])
    .where('r.user_id', '=', person.id)
    .orderBy('r.id')
    .execute();
  if (responses.length === 0) return null;
  const answers = await db
    .selectFrom('survey_answer as a')
    .innerJoin('survey_question as q', 'q.id', 'a.question_id')
    .leftJoin('survey_option as o', 'o.id', 'a.option_id')
    .select(['a.response_id', 'q.text_ar as question_ar', 'q.text_fr as question_fr', 'q.text_en as question_en', 'a.value', 'o.label_ar as option_ar', 'o.label_fr as option_fr', 'o.label_en as option_en', 'a.text'])
    .where('a.response_id', 'in', responses.map((r) => r.id))
    .orderBy('a.response_id')
    .orderBy('q.position')
    .orderBy('a.id')
    .execute();
  return {
    surveyResponses: responses.map((r) => ({
      ...r,
      answers: answers.filter((a) => a.response_id === r.id).map(({ response_id: _, ...a }) => a),
    })),
  };
});

registerAccountDeletionHandler('surveyAnswers', async (trx, person) => {
  // the counts stay: the results pages show nothing new or less, so no page version moves
  await trx.updateTable('survey_response').set({ user_id: null }).where('user_id', '=', person.id).execute();
});
