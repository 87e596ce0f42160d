// The surveys module's forms (one zod schema each, messages as i18n keys) and the reading of an
// answer form, whose fields depend on the survey's questions (`q{id}` for each question).
import { z } from 'zod';
import { ageBands, genders } from '../accounts/schema.ts';
import { type FieldErrors, type FormValues, choice, localDateTime, optionalInt, optionalText, requiredInt, requiredText } from '../../platform/validation.ts';
import type { QuestionWithOptions } from './repository.ts';
import { type QuestionKind, questionKinds, surveyAudiences, surveyTopics } from './tables.ts';

export const TITLE_MAX = 200;
export const INTRO_MAX = 4000;
export const QUESTION_MAX = 500;
export const HELP_MAX = 1000;
export const OPTION_MAX = 200;
export const OPTIONS_MIN = 2;
export const OPTIONS_MAX = 20;
export const ANSWER_TEXT_MAX = 2000;
export const CODES_MAX = 500;

const localized = (name: string, max: number, required = false) => ({
  [`${name}_ar`]: required ? requiredText(max) : optionalText(max),
  [`${name}_fr`]: optionalText(max),
  [`${name}_en`]: optionalText(max),
});

/** A survey's settings. The window is typed in Casablanca time; the audience names a meeting or
 *  a service of the same collectivity (checked in the command's transaction). */
export const surveyForm = z
  .object({
    ...localized('title', TITLE_MAX, true),
    ...localized('intro', INTRO_MAX),
    opens_at: localDateTime(),
    closes_at: localDateTime(),
    signature: choice(['signed', 'anonymous'] as const),
    audience: choice(surveyAudiences),
    meeting_id: optionalInt(1, 999_999_999, 'errors.invalidChoice'),
    service_id: optionalInt(1, 999_999_999, 'errors.invalidChoice'),
    topic: choice(surveyTopics),
  })
  .superRefine((v, ctx) => {
    if (v.closes_at <= v.opens_at) ctx.addIssue({ code: 'custom', path: ['closes_at'], message: 'surveys.errors.closesBeforeOpens' });
    if (v.audience === 'meeting' && v.meeting_id === null) ctx.addIssue({ code: 'custom', path: ['meeting_id'], message: 'surveys.errors.meetingRequired' });
    // who registered for a meeting is known by their account only
    if (v.audience === 'meeting' && v.signature === 'anonymous') ctx.addIssue({ code: 'custom', path: ['signature'], message: 'surveys.errors.meetingNeedsSigned' });
    if (v.audience === 'service' && v.service_id === null) ctx.addIssue({ code: 'custom', path: ['service_id'], message: 'surveys.errors.serviceRequired' });
  });
export type SurveyInput = {
  title: Record<'ar' | 'fr' | 'en', string | null>;
  intro: Record<'ar' | 'fr' | 'en', string | null>;
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  audience: (typeof surveyAudiences)[number];
  meetingId: number | null;
  serviceId: number | null;
  topic: (typeof surveyTopics)[number];
};

const lines = (v: string | null) => (v ?? '').split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');

/** A question. Options are typed one a line per language (the Arabic list decides how many);
 *  a question "about" gender or age band takes the platform's options, whatever is typed. */
export const questionForm = z
  .object({
    kind: choice(questionKinds),
    required: z.string().optional().transform((v) => v === '1'),
    about: z.enum(['', 'gender', 'age_band'], { error: 'errors.invalidChoice' }).optional().transform((v) => (v ? v : null)),
    ...localized('text', QUESTION_MAX, true),
    ...localized('help', HELP_MAX),
    options_ar: optionalText(OPTIONS_MAX * (OPTION_MAX + 2)),
    options_fr: optionalText(OPTIONS_MAX * (OPTION_MAX + 2)),
    options_en: optionalText(OPTIONS_MAX * (OPTION_MAX + 2)),
  })
  .superRefine((v, ctx) => {
    if (v.about !== null) {
      if (v.kind !== 'single') ctx.addIssue({ code: 'custom', path: ['about'], message: 'surveys.errors.aboutIsSingle' });
      return;
    }
    if (v.kind !== 'single' && v.kind !== 'multiple') return;
    const ar = lines(v.options_ar);
    if (ar.length < OPTIONS_MIN || ar.length > OPTIONS_MAX) {
      ctx.addIssue({ code: 'custom', path: ['options_ar'], message: 'surveys.errors.optionsCount' });
    } else if (ar.some((o) => o.length > OPTION_MAX)) {
      ctx.addIssue({ code: 'custom', path: ['options_ar'], message: 'errors.tooLong' });
    }
    for (const l of ['fr', 'en'] as const) {
      const other = lines(v[`options_${l}`]);
      if (other.length > 0 && other.length !== ar.length) ctx.addIssue({ code: 'custom', path: [`options_${l}`], message: 'surveys.errors.optionsMismatch' });
    }
  });

export interface QuestionInput {
  kind: QuestionKind;
  required: boolean;
  about: 'gender' | 'age_band' | null;
  text: Record<'ar' | 'fr' | 'en', string | null>;
  help: Record<'ar' | 'fr' | 'en', string | null>;
  /** single and multiple choice: the labels in order (none for other kinds, nor for `about`) */
  options: { ar: string; fr: string | null; en: string | null }[];
}

export function questionInput(v: z.output<typeof questionForm>): QuestionInput {
  const r = v as unknown as Record<string, string | null>;
  const ar = v.about === null && (v.kind === 'single' || v.kind === 'multiple') ? lines(v.options_ar) : [];
  const fr = lines(v.options_fr);
  const en = lines(v.options_en);
  return {
    kind: v.about !== null ? 'single' : v.kind,
    required: v.required,
    about: v.about as QuestionInput['about'],
    text: { ar: r.text_ar, fr: r.text_fr, en: r.text_en },
    help: { ar: r.help_ar, fr: r.help_fr, en: r.help_en },
    options: ar.map((label, i) => ({ ar: label, fr: fr[i] ?? null, en: en[i] ?? null })),
  };
}

export function surveyInput(v: z.output<typeof surveyForm>, toIso: (local: string) => string): SurveyInput {
  const r = v as Record<string, string | null>;
  return {
    title: { ar: r.title_ar, fr: r.title_fr, en: r.title_en },
    intro: { ar: r.intro_ar, fr: r.intro_fr, en: r.intro_en },
    opensAt: toIso(v.opens_at),
    closesAt: toIso(v.closes_at),
    anonymous: v.signature === 'anonymous',
    audience: v.audience,
    meetingId: v.audience === 'meeting' ? v.meeting_id : null,
    serviceId: v.audience === 'service' ? v.service_id : null,
    topic: v.topic,
  };
}

export const codesForm = z.object({ count: requiredInt(1, CODES_MAX, 'surveys.errors.codesCount') });

export const moveForm = z.object({ direction: choice(['up', 'down'] as const) });

/** Who answered on paper or at the desk, as far as they said. */
export const entryForm = z.object({
  channel: choice(['paper', 'desk'] as const),
  gender: z.enum(['', ...genders], { error: 'errors.invalidChoice' }).optional().transform((v) => (v ? v : null)),
  age_band: z.enum(['', ...ageBands], { error: 'errors.invalidChoice' }).optional().transform((v) => (v ? v : null)),
});

export const listQuery = z.object({
  after: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
});

/** One question's answer as stored: a value (csat, scale, yes/no), chosen options, or a text. */
export type AnswerValue = { questionId: number; value: number | null; optionIds: number[]; text: string | null };

export interface ReadAnswers {
  answers: AnswerValue[];
  errors: FieldErrors;
  /** the answers to the questions about who answers, as the response's columns */
  gender: string | null;
  ageBand: string | null;
}

export const fieldOf = (q: { id: number }) => `q${q.id}`;

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== '');

/**
 * Reads an answer form against the survey's questions: one message per question, next to it
 * (a required one left empty, a CSAT outside 1–5, a scale outside 0–10, an option that is not one
 * of the question's). Unanswered optional questions store nothing.
 */
export function readAnswers(questions: QuestionWithOptions[], body: FormValues): ReadAnswers {
  const answers: AnswerValue[] = [];
  const errors: FieldErrors = {};
  let gender: string | null = null;
  let ageBand: string | null = null;
  for (const q of questions) {
    const name = fieldOf(q);
    const given = asList(body[name]);
    const fail = (key: string, values?: Record<string, number>) => {
      errors[name] = { key, values };
    };
    if (given.length === 0) {
      if (q.required === 1) fail('surveys.errors.required');
      continue;
    }
    const one = given[0];
    const int = /^\d{1,2}$/.test(one) ? Number(one) : null;
    switch (q.kind as QuestionKind) {
      case 'csat':
        if (given.length !== 1 || int === null || int < 1 || int > 5) fail('surveys.errors.csatRange', { min: 1, max: 5 });
        else answers.push({ questionId: q.id, value: int, optionIds: [], text: null });
        break;
      case 'scale':
        if (given.length !== 1 || int === null || int > 10) fail('surveys.errors.scaleRange', { min: 0, max: 10 });
        else answers.push({ questionId: q.id, value: int, optionIds: [], text: null });
        break;
      case 'yes_no':
        if (given.length !== 1 || (one !== 'yes' && one !== 'no')) fail('surveys.errors.notAnOption');
        else answers.push({ questionId: q.id, value: one === 'yes' ? 1 : 0, optionIds: [], text: null });
        break;
      case 'single':
      case 'multiple': {
        const ids = given.map((g) => (/^\d{1,9}$/.test(g) ? Number(g) : -1));
        const positions = ids.map((id) => q.options.findIndex((o) => o.id === id));
        if (positions.some((p) => p < 0) || (q.kind === 'single' && ids.length !== 1) || new Set(ids).size !== ids.length) {
          fail('surveys.errors.notAnOption');
          break;
        }
        answers.push({ questionId: q.id, value: null, optionIds: ids, text: null });
        // the platform's options, in order: genders, or the account's age bands
        if (q.about === 'gender') gender = genders[positions[0]] ?? null;
        if (q.about === 'age_band') ageBand = ageBands[positions[0]] ?? null;
        break;
      }
      case 'text': {
        const text = given.join('\n');
        if (text.length > ANSWER_TEXT_MAX) fail('surveys.errors.textTooLong', { max: ANSWER_TEXT_MAX });
        else answers.push({ questionId: q.id, value: null, optionIds: [], text });
        break;
      }
      default:
        fail('surveys.errors.notAnOption');
    }
  }
  return { answers, errors, gender, ageBand };
}
