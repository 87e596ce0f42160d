// Tables of the satisfaction surveys module, added to the application's Database type
// (declaration merging). The migration is src/db/migrations/20261205T1300_services_surveys.ts.
import type { Generated, Selectable } from 'kysely';

type L10n<Name extends string> = { [K in `${Name}_ar` | `${Name}_fr` | `${Name}_en`]: string | null };

export const surveyStatuses = ['draft', 'published'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
/** who may answer: anyone, the people registered for a dialogue meeting, or holders of a code
 *  handed out at a service's desk */
export const surveyAudiences = ['everyone', 'meeting', 'service'] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];
/** what the satisfaction is about (the satisfaction metric's variants) */
export const surveyTopics = ['services', 'council', 'meeting', 'other'] as const;
export type SurveyTopic = (typeof surveyTopics)[number];
/** csat: 1–5; yes_no: 1/0; single/multiple: options; scale: 0–10; text: free, moderated */
export const questionKinds = ['csat', 'yes_no', 'single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof questionKinds)[number];
/** a question that asks who answers, for breakdowns (anonymous surveys) */
export const questionAbouts = ['gender', 'age_band'] as const;
export const responseChannels = ['online', 'paper', 'desk'] as const;
export type ResponseChannel = (typeof responseChannels)[number];
export const textStatuses = ['pending', 'public', 'hidden'] as const;
export type TextStatus = (typeof textStatuses)[number];
/** the satisfaction rule, stated on every results page: CSAT answers of 4 or 5 over all CSAT answers */
export const SATISFIED_FROM = 4;

export type SurveyTable = {
  id: Generated<number>;
  collectivity_id: number;
  status: Generated<string>;
  opens_at: string;
  closes_at: string;
  anonymous: Generated<number>;
  audience: Generated<string>;
  meeting_id: number | null;
  service_id: number | null;
  topic: Generated<string>;
  published_at: string | null;
  is_example: Generated<number>;
  title_ar: string;
  title_fr: string | null;
  title_en: string | null;
  created_at: string;
  updated_at: string;
} & L10n<'intro'>;

export type SurveyQuestionTable = {
  id: Generated<number>;
  collectivity_id: number;
  survey_id: number;
  position: number;
  kind: string;
  required: Generated<number>;
  about: string | null;
  text_ar: string;
  text_fr: string | null;
  text_en: string | null;
  created_at: string;
  updated_at: string;
} & L10n<'help'>;

export type SurveyOptionTable = {
  id: Generated<number>;
  collectivity_id: number;
  survey_id: number;
  question_id: number;
  position: number;
  label_ar: string;
  label_fr: string | null;
  label_en: string | null;
};

export interface SurveyResponseTable {
  id: Generated<number>;
  collectivity_id: number;
  survey_id: number;
  user_id: number | null;
  device_hash: string | null;
  channel: string;
  entered_by: number | null;
  gender: string | null;
  age_band: string | null;
  is_example: Generated<number>;
  created_at: string;
}

export interface SurveyAnswerTable {
  id: Generated<number>;
  collectivity_id: number;
  survey_id: number;
  response_id: number;
  question_id: number;
  option_id: number | null;
  value: number | null;
  text: string | null;
  text_status: string | null;
  /** the response's, copied: results are counted without a join */
  channel: string;
  gender: string | null;
  age_band: string | null;
}

export interface SurveyCodeTable {
  id: Generated<number>;
  collectivity_id: number;
  survey_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    survey: SurveyTable;
    survey_question: SurveyQuestionTable;
    survey_option: SurveyOptionTable;
    survey_response: SurveyResponseTable;
    survey_answer: SurveyAnswerTable;
    survey_code: SurveyCodeTable;
  }
}

export type SurveyRow = Selectable<SurveyTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionTable>;
export type SurveyOptionRow = Selectable<SurveyOptionTable>;
export type SurveyResponseRow = Selectable<SurveyResponseTable>;
export type SurveyAnswerRow = Selectable<SurveyAnswerTable>;
