// Answering a survey online (src/modules/surveys/routes.tsx, commands/answer.ts): a signed survey
// with a verified account (one answer per account, also under 50 concurrent submissions), an
// anonymous one with a device token and a limit per client address, a meeting's registrants only,
// a desk code used once; each question's error next to it with the answers kept, the window, and
// nothing half-saved on any refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { hashCode } from '../../src/modules/surveys/commands/build.ts';
import { ANONYMOUS_PER_ADDRESS_PER_HOUR, submitAnswer } from '../../src/modules/surveys/commands/answer.ts';
import { StaffClient, buildTestApp, collectivityId } from '../helpers/app.ts';

const DAY = 86_400_000;
const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

async function citizen(app: FastifyInstance, db: Db, email: string, options: { gender?: string; ageBand?: string; verified?: boolean } = {}) {
  const { id } = await db
    .insertInto('app_user')
    .values({ email, password_hash: 'x', display_name: email.split('@')[0], created_at: iso(), email_verified_at: options.verified === false ? null : iso(), account_kind: 'person', locale: 'ar', gender: options.gender ?? null, age_band: options.ageBand ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, id);
  const client = new StaffClient(app);
  client.jar.store(`infitah_session=${token}; Path=/`);
  return Object.assign(client, { id });
}

interface Made {
  id: number;
  q: { csat: number; yesNo: number; single: number; multiple: number; scale: number; text: number };
  options: { single: number[]; multiple: number[] };
}

/** A published survey of Settat with one question of each kind (CSAT and the choice required). */
async function makeSurvey(db: Db, cId: number, o: { anonymous?: boolean; audience?: string; meetingId?: number; opens?: number; closes?: number } = {}): Promise<Made> {
  const at = iso();
  const s = await db
    .insertInto('survey')
    .values({
      collectivity_id: cId, status: 'published', opens_at: iso(o.opens ?? -DAY), closes_at: iso(o.closes ?? 10 * DAY), anonymous: o.anonymous ? 1 : 0,
      audience: o.audience ?? 'everyone', meeting_id: o.meetingId ?? null, service_id: null, topic: 'services', published_at: at,
      title_ar: 'رضى المرتفقين عن الخدمات الرقمية', title_fr: 'Satisfaction des usagers', title_en: null, intro_ar: null, intro_fr: null, intro_en: null, created_at: at, updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const q = async (position: number, kind: string, required: number, options: string[] = []) => {
    const row = await db
      .insertInto('survey_question')
      .values({ collectivity_id: cId, survey_id: s.id, position, kind, required, about: null, text_ar: `سؤال ${position}`, text_fr: `Question ${position}`, text_en: null, help_ar: null, help_fr: null, help_en: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const [i, label] of options.entries()) {
      const opt = await db.insertInto('survey_option').values({ collectivity_id: cId, survey_id: s.id, question_id: row.id, position: i + 1, label_ar: label, label_fr: label, label_en: null }).returning('id').executeTakeFirstOrThrow();
      ids.push(opt.id);
    }
    return { id: row.id, ids };
  };
  const csat = await q(1, 'csat', 1);
  const yesNo = await q(2, 'yes_no', 0);
  const single = await q(3, 'single', 1, ['الشباك', 'وثيقة']);
  const multiple = await q(4, 'multiple', 0, ['الهاتف', 'الحاسوب', 'الشباك']);
  const scale = await q(5, 'scale', 0);
  const text = await q(6, 'text', 0);
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cId).execute();
  return {
    id: s.id,
    q: { csat: csat.id, yesNo: yesNo.id, single: single.id, multiple: multiple.id, scale: scale.id, text: text.id },
    options: { single: single.ids, multiple: multiple.ids },
  };
}

const good = (m: Made): Record<string, string | string[]> => ({
  [`q${m.q.csat}`]: '4',
  [`q${m.q.yesNo}`]: 'yes',
  [`q${m.q.single}`]: String(m.options.single[1]),
  [`q${m.q.multiple}`]: [String(m.options.multiple[0]), String(m.options.multiple[2])],
  [`q${m.q.scale}`]: '9',
  [`q${m.q.text}`]: 'الانتظار طويل صباح الاثنين',
});

const counts = async (db: Db, surveyId: number) => ({
  responses: (await db.selectFrom('survey_response').select('id').where('survey_id', '=', surveyId).execute()).length,
  answers: (await db.selectFrom('survey_answer').select('id').where('survey_id', '=', surveyId).execute()).length,
});

const path = (id: number, locale = 'ar') => `/${locale}/c/settat/surveys/${id}`;

test('journey in Arabic: errors next to each question with the answers kept, then one answer, then "you already answered"', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const m = await makeSurvey(db, cId);

  // not signed in: the questions to read, no form, and the way to sign in and come back; a
  // post is sent to sign in
  const anonymous = await app.inject(path(m.id));
  assert.equal(anonymous.statusCode, 200);
  assert.doesNotMatch(anonymous.body, /<form method="post" action="\/ar\/c\/settat\/surveys/);
  assert.match(anonymous.body, new RegExp(`href="/ar/account/login\\?next=${encodeURIComponent(path(m.id))}"`));
  assert.match(anonymous.body, /<ol><li>/);
  const posted = await app.inject({ method: 'POST', url: path(m.id), payload: {} });
  assert.ok([303, 403].includes(posted.statusCode), String(posted.statusCode));

  const amina = await citizen(app, db, 'amina@example.ma', { gender: 'female', ageBand: '25_34' });
  const form = await amina.get(path(m.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<html lang="ar" dir="rtl">/);
  assert.match(form.body, /يتطلب هذا الاستطلاع حسابا موثقا/, 'says what "signed" means');
  assert.match(form.body, /<time datetime="[^"]+"><bdi>/, 'the window, isolated');
  assert.match(form.body, /name="_csrf"/);

  // CSAT 6, required choice left empty, an option of another question
  const bad = await amina.post(path(m.id), { ...good(m), [`q${m.q.csat}`]: '6', [`q${m.q.single}`]: '', [`q${m.q.multiple}`]: String(m.options.single[0]), [`q${m.q.scale}`]: '11' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, new RegExp(`id="f-q${m.q.csat}-error">اختر قيمة من 1 إلى 5`));
  assert.match(bad.body, new RegExp(`id="f-q${m.q.single}-error">هذا السؤال إجباري`));
  assert.match(bad.body, new RegExp(`id="f-q${m.q.multiple}-error">هذا الاختيار ليس من اختيارات هذا السؤال`));
  assert.match(bad.body, new RegExp(`id="f-q${m.q.scale}-error">اختر قيمة من 0 إلى 10`));
  assert.match(bad.body, /الانتظار طويل صباح الاثنين/, 'the free text is kept');
  assert.match(bad.body, new RegExp(`name="q${m.q.yesNo}" value="yes" checked`), 'the choices are kept');
  assert.deepEqual(await counts(db, m.id), { responses: 0, answers: 0 });

  const sent = await amina.post(path(m.id), good(m));
  assert.equal(sent.statusCode, 303);
  assert.equal(sent.headers.location, `${path(m.id)}/thanks`);
  const thanks = await amina.get(sent.headers.location!);
  assert.match(thanks.body, new RegExp(`href="${path(m.id)}/results"`));
  const response = await db.selectFrom('survey_response').selectAll().where('survey_id', '=', m.id).executeTakeFirstOrThrow();
  assert.equal(response.user_id, amina.id);
  assert.equal(response.channel, 'online');
  assert.equal(response.gender, 'female', 'copied from the account');
  assert.equal(response.age_band, '25_34');
  const answers = await db.selectFrom('survey_answer').selectAll().where('response_id', '=', response.id).orderBy('id').execute();
  assert.equal(answers.length, 7, 'one row per question, one per chosen option of the multiple choice');
  assert.equal(answers.find((a) => a.question_id === m.q.text)?.text_status, 'pending');
  assert.equal(answers.find((a) => a.question_id === m.q.yesNo)?.value, 1);
  const log = await db.selectFrom('change_log').select('id').where('entity_type', 'like', 'survey%').execute();
  assert.equal(log.length, 0, 'a citizen\'s answer is not in the change log');

  // a second answer by the same account
  const again = await amina.get(path(m.id));
  assert.match(again.body, /لقد أجبت عن هذا الاستطلاع من قبل/);
  assert.ok(!again.body.includes('name="_csrf"'), 'no form');
  await amina.get(path(m.id, 'fr'));
  const twice = await amina.post(path(m.id, 'fr'), good(m), { csrf: amina.csrf });
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /Vous avez déjà répondu à cette enquête/);
  assert.deepEqual(await counts(db, m.id), { responses: 1, answers: 7 });
});

test('an unverified account is sent to verify its address', async (t) => {
  const { app, database } = await buildTestApp(t);
  const m = await makeSurvey(database.db, await collectivityId(database, 'settat'));
  const unverified = await citizen(app, database.db, 'new@example.ma', { verified: false });
  const res = await unverified.get(path(m.id));
  assert.equal(res.statusCode, 303);
  assert.match(res.headers.location!, /^\/ar\/account\/verify-email/);
});

test('outside the window: a localized refusal, nothing saved', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const closed = await makeSurvey(db, cId, { opens: -20 * DAY, closes: -DAY });
  const upcoming = await makeSurvey(db, cId, { opens: 2 * DAY, closes: 20 * DAY });
  const open = await makeSurvey(db, cId);
  const omar = await citizen(app, db, 'omar@example.ma');
  const closedPage = await omar.get(path(closed.id, 'fr'));
  assert.equal(closedPage.statusCode, 200);
  assert.match(closedPage.body, /ne reçoit pas de réponses en ce moment/);
  assert.match((await omar.get(path(upcoming.id, 'fr'))).body, /La période de réponse n'a pas encore commencé|La période de réponse n&#x27;a pas encore commencé|pas encore commencé/);
  // a token from an open survey's page, posted to the closed one
  await omar.get(path(open.id, 'fr'));
  const late = await omar.post(path(closed.id, 'fr'), good(closed));
  assert.equal(late.statusCode, 409);
  assert.deepEqual(await counts(db, closed.id), { responses: 0, answers: 0 });
  // the list shows each in its place
  const list = await app.inject('/fr/c/settat/surveys');
  assert.equal(list.statusCode, 200);
  const [openSection, upcomingSection, closedSection] = list.body.split(/<h2 id="surveys-(?:upcoming|closed)">/);
  assert.match(openSection, new RegExp(`/surveys/${open.id}"`));
  assert.match(upcomingSection, new RegExp(`/surveys/${upcoming.id}"`));
  assert.match(closedSection, new RegExp(`/surveys/${closed.id}/results"`));
});

test('50 concurrent submissions by one account: exactly one stored, the others told they already answered', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const m = await makeSurvey(db, cId);
  const hind = await citizen(app, db, 'hind@example.ma');
  await hind.get(path(m.id));
  const results = await Promise.all(Array.from({ length: 50 }, () => hind.post(path(m.id), good(m))));
  const codes = results.map((r) => r.statusCode);
  assert.equal(codes.filter((c) => c === 303).length, 1, `one accepted: ${codes.join(',')}`);
  assert.equal(codes.filter((c) => c === 409).length, 49);
  assert.deepEqual(await counts(db, m.id), { responses: 1, answers: 7 });

  // the command itself, without the page's look first: the unique index decides
  const karim = await citizen(app, db, 'karim@example.ma');
  const direct = await Promise.all(
    Array.from({ length: 50 }, () => submitAnswer(db, { collectivityId: cId, surveyId: m.id, respondent: { kind: 'account', userId: karim.id } }, good(m))),
  );
  assert.equal(direct.filter((r) => r.ok).length, 1);
  assert.ok(direct.every((r) => r.ok || r.errors.form?.key === 'surveys.errors.already'));
  assert.deepEqual(await counts(db, m.id), { responses: 2, answers: 14 });
});

test('anonymous: a device token in an httpOnly cookie (hashed), one answer per device, a limit per client address', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const m = await makeSurvey(db, await collectivityId(database, 'settat'), { anonymous: true });
  const device = new StaffClient(app);
  const page = await device.get(path(m.id, 'fr'));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`au plus ${ANONYMOUS_PER_ADDRESS_PER_HOUR} réponses par heure|plus de ${ANONYMOUS_PER_ADDRESS_PER_HOUR} réponses par heure`), 'says the limit');
  const cookie = [page.headers['set-cookie']].flat().find((c) => c?.startsWith('infitah_survey_device='))!;
  assert.match(cookie, /HttpOnly/i);
  const token = /infitah_survey_device=([^;]+)/.exec(cookie)![1];
  assert.equal((await device.post(path(m.id, 'fr'), good(m))).statusCode, 303);
  const row = await db.selectFrom('survey_response').selectAll().where('survey_id', '=', m.id).executeTakeFirstOrThrow();
  assert.equal(row.user_id, null);
  assert.notEqual(row.device_hash, token, 'the token is stored hashed');
  assert.equal(row.device_hash?.length, 64);
  // the same device again
  assert.match((await device.get(path(m.id, 'fr'))).body, /Vous avez déjà répondu/);
  assert.equal((await device.post(path(m.id, 'fr'), good(m))).statusCode, 409);

  // new devices from the same address, up to the limit; the next one is refused, its form kept
  for (let i = 1; i < ANONYMOUS_PER_ADDRESS_PER_HOUR; i++) {
    const other = new StaffClient(app);
    await other.get(path(m.id, 'fr'));
    assert.equal((await other.post(path(m.id, 'fr'), good(m))).statusCode, 303);
  }
  const over = new StaffClient(app);
  await over.get(path(m.id, 'fr'));
  const refused = await over.post(path(m.id, 'fr'), good(m));
  assert.equal(refused.statusCode, 429);
  assert.match(refused.body, /a atteint la limite/);
  assert.match(refused.body, /La attente|الانتظار طويل صباح الاثنين/);
  assert.deepEqual(await counts(db, m.id), { responses: ANONYMOUS_PER_ADDRESS_PER_HOUR, answers: 7 * ANONYMOUS_PER_ADDRESS_PER_HOUR });
});

test('a meeting\'s survey refuses an account not registered for it', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const meeting = await db.selectFrom('meeting').select('id').where('collectivity_id', '=', cId).orderBy('id').executeTakeFirstOrThrow();
  const m = await makeSurvey(db, cId, { audience: 'meeting', meetingId: meeting.id });
  const stranger = await citizen(app, db, 'stranger@example.ma');
  const page = await stranger.get(path(m.id, 'fr'));
  assert.match(page.body, /votre compte n'y est pas inscrit|votre compte n&#x27;y est pas inscrit/);
  // a token from another page, posted anyway
  const open = await makeSurvey(db, cId);
  await stranger.get(path(open.id, 'fr'));
  const refused = await stranger.post(path(m.id, 'fr'), good(m));
  assert.equal(refused.statusCode, 403);
  assert.deepEqual(await counts(db, m.id), { responses: 0, answers: 0 });

  const registered = await citizen(app, db, 'registered@example.ma');
  await db.insertInto('meeting_registration').values({ collectivity_id: cId, meeting_id: meeting.id, user_id: registered.id, seats: 1, status: 'confirmed', created_at: iso(), updated_at: iso() }).execute();
  await registered.get(path(m.id, 'fr'));
  assert.equal((await registered.post(path(m.id, 'fr'), good(m))).statusCode, 303);
});

test('a service\'s survey: a desk code is used once, and not used up by a refused answer', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cId = await collectivityId(database, 'settat');
  const m = await makeSurvey(db, cId, { anonymous: true, audience: 'service' });
  await db.insertInto('survey_code').values(['ABCDE23456', 'FGHJK78923'].map((c) => ({ collectivity_id: cId, survey_id: m.id, code_hash: hashCode(c), created_at: iso() }))).execute();
  const first = new StaffClient(app);
  const page = await first.get(path(m.id, 'fr'));
  assert.match(page.body, /name="code"/);
  // no code, a wrong code: refused
  assert.equal((await first.post(path(m.id, 'fr'), good(m))).statusCode, 400);
  assert.equal((await first.post(path(m.id, 'fr'), { ...good(m), code: 'ZZZZZ99999' })).statusCode, 400);
  // a good code with a required question empty: refused, the code still unused
  const empty = await first.post(path(m.id, 'fr'), { ...good(m), code: 'abcde-23456', [`q${m.q.csat}`]: '' });
  assert.equal(empty.statusCode, 400);
  assert.equal((await db.selectFrom('survey_code').select('used_at').where('code_hash', '=', hashCode('ABCDE23456')).executeTakeFirstOrThrow()).used_at, null);
  assert.equal((await first.post(path(m.id, 'fr'), { ...good(m), code: 'abcde-23456' })).statusCode, 303);
  // another device, the same code
  const second = new StaffClient(app);
  await second.get(path(m.id, 'fr'));
  const reused = await second.post(path(m.id, 'fr'), { ...good(m), code: 'ABCDE23456' });
  assert.equal(reused.statusCode, 400);
  assert.match(reused.body, /n'est pas valable ou a déjà servi|n&#x27;est pas valable ou a déjà servi/);
  assert.deepEqual(await counts(db, m.id), { responses: 1, answers: 7 });
});
