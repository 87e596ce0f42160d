// Staff's writes on a survey: its settings, its questions (added, edited, moved, deleted: only
// while no one has answered), publishing it, and the single-use codes of a service's desk. Each
// is one tenantTransaction, audited in the change log (not public: a survey is not the plan).
import { createHash, randomInt } from 'node:crypto';
import { type Actor, type Change, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/errors.ts';
import { translator } from '../../../platform/i18n/i18n.ts';
import { ageBands, genders } from '../../accounts/schema.ts';
import { isMeetingOf } from '../../dialogue/participants.ts';
import '../../services/tables.ts';
import { findSurvey } from '../repository.ts';
import type { QuestionInput, SurveyInput } from '../schema.ts';
import type { SurveyRow } from '../tables.ts';
import { moveInList } from '../../../platform/reorder.ts';
import { planUnlessFollowed } from '../../tracking/followed.ts';

export interface StaffScope {
  actor: Actor;
  collectivityId: number;
}

const audit = (trx: Db, scope: StaffScope, entityType: string, entityId: number, action: 'create' | 'update' | 'delete', changes: Change[]) =>
  recordChange(trx, { collectivityId: scope.collectivityId, programmeId: null, entityType, entityId, action, actor: scope.actor, changes, public: false });

const surveyColumns = (input: SurveyInput) => ({
  title_ar: input.title.ar!,
  title_fr: input.title.fr,
  title_en: input.title.en,
  intro_ar: input.intro.ar,
  intro_fr: input.intro.fr,
  intro_en: input.intro.en,
  opens_at: input.opensAt,
  closes_at: input.closesAt,
  anonymous: input.anonymous ? 1 : 0,
  audience: input.audience,
  meeting_id: input.meetingId,
  service_id: input.serviceId,
  topic: input.topic,
});

const logged = (s: ReturnType<typeof surveyColumns>) => ({
  title: { ar: s.title_ar, fr: s.title_fr, en: s.title_en },
  intro: { ar: s.intro_ar, fr: s.intro_fr, en: s.intro_en },
  opens_at: s.opens_at,
  closes_at: s.closes_at,
  anonymous: s.anonymous,
  audience: s.audience,
  meeting_id: s.meeting_id,
  service_id: s.service_id,
  topic: s.topic,
});

/** The meeting or service a survey is limited to must be the collectivity's own. */
async function checkAudience(trx: Db, collectivityId: number, input: SurveyInput) {
  if (input.meetingId !== null && !(await isMeetingOf(trx, collectivityId, input.meetingId))) rollbackWith({ meeting_id: { key: 'errors.invalidChoice' } });
  if (input.serviceId !== null) {
    const service = await trx.selectFrom('public_service').select('id').where('collectivity_id', '=', collectivityId).where('id', '=', input.serviceId).executeTakeFirst();
    if (!service) rollbackWith({ service_id: { key: 'errors.invalidChoice' } });
  }
}

async function requireSurvey(trx: Db, collectivityId: number, surveyId: number): Promise<SurveyRow> {
  const s = await findSurvey(trx, collectivityId, surveyId);
  if (!s) throw notFound('survey_not_found');
  return s;
}

/** Questions can change only while no one has answered: answers point at them. */
async function requireUnanswered(trx: Db, collectivityId: number, surveyId: number, field = 'form') {
  const answered = await trx.selectFrom('survey_response').select('id').where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
  if (answered) rollbackWith({ [field]: { key: field === 'form' ? 'surveys.errors.frozen' : 'surveys.errors.signatureFrozen' } });
}

export async function createSurvey(db: Db, scope: StaffScope, input: SurveyInput): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      await checkAudience(trx, scope.collectivityId, input);
      const at = now();
      const columns = surveyColumns(input);
      const row = await trx
        .insertInto('survey')
        .values({ collectivity_id: scope.collectivityId, status: 'draft', ...columns, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'survey', row.id, 'create', diff({}, logged(columns)));
      return row.id;
    },
    { planUnchanged: true },
  );
}

export async function updateSurvey(db: Db, scope: StaffScope, surveyId: number, input: SurveyInput): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await requireSurvey(trx, scope.collectivityId, surveyId);
      await checkAudience(trx, scope.collectivityId, input);
      // answers already taken as signed (or anonymous) stay what their authors were told
      if ((before.anonymous === 1) !== input.anonymous) await requireUnanswered(trx, scope.collectivityId, surveyId, 'signature');
      const columns = surveyColumns(input);
      await trx.updateTable('survey').set({ ...columns, updated_at: now() }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', surveyId).execute();
      await audit(trx, scope, 'survey', surveyId, 'update', diff(logged(before as never), logged(columns)));
      return surveyId;
    },
    // a survey's window and topic decide which answers the satisfaction metric counts: the plan's
    // pages follow when an indicator follows it
    { planUnchanged: planUnlessFollowed(scope.collectivityId, ['surveys.satisfaction', 'surveys.respondents']) },
  );
}

/** Publishing needs at least one question; the survey is then listed publicly. */
export async function publishSurvey(db: Db, scope: StaffScope, surveyId: number): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await requireSurvey(trx, scope.collectivityId, surveyId);
      if (before.status === 'published') return surveyId;
      const q = await trx.selectFrom('survey_question').select('id').where('collectivity_id', '=', scope.collectivityId).where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
      if (!q) rollbackWith({ form: { key: 'surveys.errors.noQuestions' } });
      const at = now();
      await trx.updateTable('survey').set({ status: 'published', published_at: at, updated_at: at }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', surveyId).execute();
      await audit(trx, scope, 'survey', surveyId, 'update', [{ field: 'status', before: 'draft', after: 'published' }]);
      return surveyId;
    },
    { planUnchanged: true, serialize: true },
  );
}

/** The platform's options of a question about who answers, in the three languages. */
function platformOptions(about: 'gender' | 'age_band'): QuestionInput['options'] {
  const [ar, fr, en] = (['ar', 'fr', 'en'] as const).map((l) => translator(l));
  const values: readonly string[] = about === 'gender' ? genders : ageBands;
  return values.map((v) => ({ ar: ar(`surveys.answer.who.${v}`), fr: fr(`surveys.answer.who.${v}`), en: en(`surveys.answer.who.${v}`) }));
}

async function writeOptions(trx: Db, collectivityId: number, surveyId: number, questionId: number, input: QuestionInput) {
  const options = input.about !== null ? platformOptions(input.about) : input.options;
  if (options.length === 0) return;
  await trx
    .insertInto('survey_option')
    .values(options.map((o, i) => ({ collectivity_id: collectivityId, survey_id: surveyId, question_id: questionId, position: i + 1, label_ar: o.ar, label_fr: o.fr, label_en: o.en })))
    .execute();
}

const questionColumns = (input: QuestionInput) => ({
  kind: input.kind,
  required: input.required ? 1 : 0,
  about: input.about,
  text_ar: input.text.ar!,
  text_fr: input.text.fr,
  text_en: input.text.en,
  help_ar: input.help.ar,
  help_fr: input.help.fr,
  help_en: input.help.en,
});

const loggedQuestion = (q: ReturnType<typeof questionColumns>, options: string) => ({
  kind: q.kind,
  required: q.required,
  about: q.about,
  text: { ar: q.text_ar, fr: q.text_fr, en: q.text_en },
  help: { ar: q.help_ar, fr: q.help_fr, en: q.help_en },
  options,
});

const optionsText = (input: QuestionInput) => input.options.map((o) => o.ar).join(' | ');

export async function addQuestion(db: Db, scope: StaffScope, surveyId: number, input: QuestionInput): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      await requireSurvey(trx, collectivityId, surveyId);
      await requireUnanswered(trx, collectivityId, surveyId);
      const last = await trx.selectFrom('survey_question').select((eb) => eb.fn.max('position').as('p')).where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).executeTakeFirst();
      const at = now();
      const columns = questionColumns(input);
      const row = await trx
        .insertInto('survey_question')
        .values({ collectivity_id: collectivityId, survey_id: surveyId, position: Number(last?.p ?? 0) + 1, ...columns, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeOptions(trx, collectivityId, surveyId, row.id, input);
      await audit(trx, scope, 'survey_question', row.id, 'create', diff({}, loggedQuestion(columns, optionsText(input))));
      return row.id;
    },
    { planUnchanged: true, serialize: true },
  );
}

async function requireQuestion(trx: Db, collectivityId: number, surveyId: number, questionId: number) {
  const q = await trx.selectFrom('survey_question').selectAll().where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).where('id', '=', questionId).executeTakeFirst();
  if (!q) throw notFound('question_not_found');
  return q;
}

/** Replaces a question's text, kind and options (its options are written anew). */
export async function updateQuestion(db: Db, scope: StaffScope, surveyId: number, questionId: number, input: QuestionInput): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      await requireSurvey(trx, collectivityId, surveyId);
      const before = await requireQuestion(trx, collectivityId, surveyId, questionId);
      await requireUnanswered(trx, collectivityId, surveyId);
      const oldOptions = await trx.selectFrom('survey_option').select('label_ar').where('collectivity_id', '=', collectivityId).where('question_id', '=', questionId).orderBy('position').execute();
      const columns = questionColumns(input);
      await trx.updateTable('survey_question').set({ ...columns, updated_at: now() }).where('collectivity_id', '=', collectivityId).where('id', '=', questionId).execute();
      await trx.deleteFrom('survey_option').where('collectivity_id', '=', collectivityId).where('question_id', '=', questionId).execute();
      await writeOptions(trx, collectivityId, surveyId, questionId, input);
      await audit(trx, scope, 'survey_question', questionId, 'update', diff(loggedQuestion(before as never, oldOptions.map((o) => o.label_ar).join(' | ')), loggedQuestion(columns, optionsText(input))));
      return questionId;
    },
    { planUnchanged: true, serialize: true },
  );
}

export async function deleteQuestion(db: Db, scope: StaffScope, surveyId: number, questionId: number): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const before = await requireQuestion(trx, collectivityId, surveyId, questionId);
      await requireUnanswered(trx, collectivityId, surveyId);
      await trx.deleteFrom('survey_option').where('collectivity_id', '=', collectivityId).where('question_id', '=', questionId).execute();
      await trx.deleteFrom('survey_question').where('collectivity_id', '=', collectivityId).where('id', '=', questionId).execute();
      await audit(trx, scope, 'survey_question', questionId, 'delete', [{ field: 'text', before: { ar: before.text_ar, fr: before.text_fr, en: before.text_en }, after: null }]);
      return questionId;
    },
    { planUnchanged: true, serialize: true },
  );
}

/** Swaps a question with its neighbour above or below (nothing at either end). */
export async function moveQuestion(db: Db, scope: StaffScope, surveyId: number, questionId: number, direction: 'up' | 'down'): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      await requireQuestion(trx, collectivityId, surveyId, questionId);
      await requireUnanswered(trx, collectivityId, surveyId);
      const all = await trx.selectFrom('survey_question').select(['id', 'position']).where('collectivity_id', '=', collectivityId).where('survey_id', '=', surveyId).orderBy('position').orderBy('id').execute();
      const moved = moveInList(all, questionId, direction);
      if (!moved || moved.changes.length === 0) return questionId;
      for (const c of moved.changes) {
        await trx.updateTable('survey_question').set({ position: c.position }).where('collectivity_id', '=', collectivityId).where('id', '=', c.id).execute();
      }
      await audit(trx, scope, 'survey_question', questionId, 'update', [{ field: 'position', before: moved.from, after: moved.to }]);
      return questionId;
    },
    { planUnchanged: true, serialize: true },
  );
}

// no 0/O, 1/I/L: read aloud or copied from a slip without confusion
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
export const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

/** N single-use codes for a service's desk: returned once (printed), stored as their SHA-256. */
export async function generateCodes(db: Db, scope: StaffScope, surveyId: number, count: number): Promise<CommandResult<string[]>> {
  const { collectivityId } = scope;
  return tenantTransaction(
    db,
    collectivityId,
    async (trx) => {
      const s = await requireSurvey(trx, collectivityId, surveyId);
      if (s.audience !== 'service') rollbackWith({ count: { key: 'surveys.errors.codesNotService' } });
      const codes = new Set<string>();
      while (codes.size < count) codes.add(Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''));
      const at = now();
      const list = [...codes];
      for (let i = 0; i < list.length; i += 100) {
        await trx
          .insertInto('survey_code')
          .values(list.slice(i, i + 100).map((c) => ({ collectivity_id: collectivityId, survey_id: surveyId, code_hash: hashCode(c), created_at: at })))
          .execute();
      }
      await audit(trx, scope, 'survey', surveyId, 'update', [{ field: 'codes', before: null, after: count }]);
      return list;
    },
    // no public page shows the codes
    { planUnchanged: true, changesPages: false },
  );
}
