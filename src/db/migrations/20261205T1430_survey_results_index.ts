// Survey results (issue 15: a 100,000-answer survey counted within 2× a bare GROUP BY). Every
// question's counts and the CSAT answers' breakdowns by channel, gender and age band come from one
// GROUP BY over these columns (results.ts): in one index, in this order, it reads the index alone,
// in order, never the table. It replaces survey_answer_values, its prefix. The respondents by
// channel are counted from an index of their own, also without the table.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('survey_answer_results').on('survey_answer').columns(['survey_id', 'question_id', 'value', 'option_id', 'text_status', 'channel', 'gender', 'age_band']).execute();
  await db.schema.dropIndex('survey_answer_values').execute();
  await db.schema.createIndex('survey_response_channels').on('survey_response').columns(['survey_id', 'channel']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_response_channels').execute();
  await db.schema.createIndex('survey_answer_values').on('survey_answer').columns(['survey_id', 'question_id', 'value']).execute();
  await db.schema.dropIndex('survey_answer_results').execute();
}
