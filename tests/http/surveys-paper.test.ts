// Paper and desk answers typed in by staff (/admin/c/{slug}/surveys/{id}/entries): counted like
// online answers, marked by channel, with the respondent's gender and age band when given; who may
// type them in; and a person's signed answers in "download my data", detached on deletion.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deleteAccount } from '../../src/modules/accounts/commands/profile.ts';
import { submitAnswer } from '../../src/modules/surveys/commands/answer.ts';
import { collectPersonalData } from '../../src/platform/personal-data.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const DAY = 86_400_000;
const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

/** A published signed survey: a required CSAT and an optional gender question. */
async function makeSurvey(db: Db, cId: number, status = 'published') {
  const at = iso();
  const s = await db
    .insertInto('survey')
    .values({
      collectivity_id: cId, status, opens_at: iso(-DAY), closes_at: iso(10 * DAY), anonymous: 0, audience: 'everyone', meeting_id: null, service_id: null, topic: 'council', published_at: at,
      title_ar: 'الرضى عن عمل المجلس', title_fr: 'Satisfaction envers le conseil', title_en: null, intro_ar: null, intro_fr: null, intro_en: null, created_at: at, updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const csat = await db
    .insertInto('survey_question')
    .values({ collectivity_id: cId, survey_id: s.id, position: 1, kind: 'csat', required: 1, about: null, text_ar: 'ما مدى رضاك؟', text_fr: 'Êtes-vous satisfait·e ?', text_en: null, help_ar: null, help_fr: null, help_en: null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: s.id, csat: csat.id };
}

const entries = (id: number, slug = 'settat') => `/admin/c/${slug}/surveys/${id}/entries`;
const responses = (db: Db, surveyId: number) => db.selectFrom('survey_response').selectAll().where('survey_id', '=', surveyId).orderBy('id').execute();

test('staff type in 3 paper answers: stored without an account, by channel, counted on the page', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const editorId = await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const m = await makeSurvey(db, cId);

  const page = await editor.get(entries(m.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /name="channel"/);

  // a CSAT of 6: refused next to the question, the other fields kept, nothing stored
  const bad = await editor.post(entries(m.id), { channel: 'paper', gender: 'female', age_band: '', [`q${m.csat}`]: '6' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, new RegExp(`id="f-q${m.csat}-error">`));
  assert.match(bad.body, /<option value="female" selected/);
  assert.equal((await responses(db, m.id)).length, 0);

  for (const [value, gender] of [['5', 'female'], ['4', ''], ['2', 'male']]) {
    const res = await editor.post(entries(m.id), { channel: 'paper', gender, age_band: gender === 'male' ? '50_64' : '', [`q${m.csat}`]: value });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${entries(m.id)}?channel=paper`);
  }
  const desk = await editor.post(entries(m.id), { channel: 'desk', gender: '', age_band: '', [`q${m.csat}`]: '3' });
  assert.equal(desk.statusCode, 303);
  const rows = await responses(db, m.id);
  assert.deepEqual(rows.map((r) => r.channel), ['paper', 'paper', 'paper', 'desk']);
  assert.ok(rows.every((r) => r.user_id === null && r.entered_by === editorId));
  assert.deepEqual(rows.map((r) => [r.gender, r.age_band]), [['female', null], [null, null], ['male', '50_64'], [null, null]]);
  const values = await db.selectFrom('survey_answer').select('value').where('survey_id', '=', m.id).orderBy('id').execute();
  assert.deepEqual(values.map((v) => v.value), [5, 4, 2, 3]);

  const counted = await editor.get(`${entries(m.id)}?channel=paper`);
  assert.match(counted.body, /<dt>(Papier|ورقية|Paper)<\/dt><dd><bdi>3<\/bdi><\/dd>/);
  assert.match(counted.body, /<dt>(Guichet|في الشباك|Desk)<\/dt><dd><bdi>1<\/bdi><\/dd>/);
});

test('who may type answers in: a moderator, another collectivity and a missing CSRF token are refused; a draft has no entry page', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(database, 'moderator@settat.ma', 'moderator', 'settat');
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const moderator = await new StaffClient(app).login('moderator@settat.ma');
  const m = await makeSurvey(db, cId);
  const form = { channel: 'paper', [`q${m.csat}`]: '4' };
  assert.equal((await moderator.get(entries(m.id))).statusCode, 403);
  assert.equal((await moderator.post(entries(m.id), form)).statusCode, 403);
  const other = await db.selectFrom('collectivity').select('slug').where('id', '!=', cId).orderBy('id').executeTakeFirstOrThrow();
  assert.equal((await editor.post(entries(m.id, other.slug), form)).statusCode, 403);
  await editor.get(entries(m.id));
  assert.equal((await editor.post(entries(m.id), form, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await responses(db, m.id)).length, 0);
  const draft = await makeSurvey(db, cId, 'draft');
  assert.equal((await editor.get(entries(draft.id))).statusCode, 404);
});

test('personal data: signed answers are in the export, and detached (kept in the counts) when the account is deleted', async (t) => {
  const { database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const m = await makeSurvey(db, cId);
  const { id } = await db
    .insertInto('app_user')
    .values({ email: 'nadia@example.ma', password_hash: 'x', display_name: 'نادية', created_at: iso(), email_verified_at: iso(), account_kind: 'person', locale: 'ar', gender: 'female', age_band: '35_49' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sent = await submitAnswer(db, { collectivityId: cId, surveyId: m.id, respondent: { kind: 'account', userId: id } }, { [`q${m.csat}`]: '5' });
  assert.ok(sent.ok);
  const data = (await collectPersonalData(db, { id, email: 'nadia@example.ma' })) as Record<string, { surveyResponses?: { survey_id: number; answers: { value: number }[] }[] }>;
  const mine = data.surveyAnswers?.surveyResponses;
  assert.equal(mine?.length, 1);
  assert.equal(mine?.[0].survey_id, m.id);
  assert.equal(mine?.[0].answers[0].value, 5);

  assert.ok((await deleteAccount(db, id)).ok);
  const rows = await responses(db, m.id);
  assert.equal(rows.length, 1, 'the answer still counts');
  assert.equal(rows[0].user_id, null);
});
