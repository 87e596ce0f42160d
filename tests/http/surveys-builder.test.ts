// The surveys' builder (src/modules/surveys/admin-routes.tsx): a survey made, its questions added,
// edited, moved and deleted, published (not without a question), frozen once answered; desk codes
// shown once and stored hashed; who may do it, in which collectivity, and only with CSRF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const ADMIN = '/admin/c/settat/surveys';

const SURVEY = {
  title_ar: 'رضى المرتفقين عن مكتب الحالة المدنية',
  title_fr: "Satisfaction des usagers du bureau d'état civil",
  title_en: '',
  intro_ar: '',
  intro_fr: '',
  intro_en: '',
  opens_at: '2026-01-10T09:00',
  closes_at: '2026-02-10T18:00',
  signature: 'signed',
  audience: 'everyone',
  meeting_id: '',
  service_id: '',
  topic: 'services',
};

const CSAT = { kind: 'csat', required: '1', about: '', text_ar: 'ما مدى رضاك عن الاستقبال؟', text_fr: "Êtes-vous satisfait·e de l'accueil ?", text_en: '', help_ar: '', help_fr: '', help_en: '', options_ar: '', options_fr: '', options_en: '' };

async function staff(t: Parameters<typeof buildTestApp>[0], role: 'focal_point' | 'editor' | 'moderator' | 'committee_member', slug = 'settat') {
  const built = await buildTestApp(t);
  await createStaff(built.database, `${role}@settat.ma`, role, slug);
  return { ...built, client: await new StaffClient(built.app).login(`${role}@settat.ma`) };
}

const idFrom = (location: string | undefined) => Number(/\/surveys\/(\d+)/.exec(location ?? '')?.[1]);

test('an editor makes a survey, adds, edits, moves and deletes questions, and publishes it', async (t) => {
  const { database, client } = await staff(t, 'editor');
  const db = database.db;
  await client.get(`${ADMIN}/new`);
  const created = await client.post(`${ADMIN}/new`, SURVEY);
  assert.equal(created.statusCode, 303);
  const id = idFrom(created.headers.location);
  const base = `${ADMIN}/${id}`;
  const s = await db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(s.status, 'draft');
  assert.equal(s.opens_at, '2026-01-10T08:00:00.000Z', 'Casablanca time (UTC+1) to UTC');
  assert.equal(s.anonymous, 0);

  // publishing without a question is refused, with the reason
  await client.get(base);
  const early = await client.post(`${base}/publish`, {});
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /Une enquête sans question ne peut être publiée|لا يمكن نشر استطلاع بدون أسئلة/);
  assert.equal((await db.selectFrom('survey').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'draft');

  assert.equal((await client.post(`${base}/questions`, CSAT)).statusCode, 303);
  const single = await client.post(`${base}/questions`, { ...CSAT, kind: 'single', text_ar: 'كيف تقدمت بطلبك؟', options_ar: 'في الشباك\nعبر وثيقة\n', options_fr: 'Au guichet\nPar Watiqa' });
  assert.equal(single.statusCode, 303);
  // one option only: refused, the form kept
  const one = await client.post(`${base}/questions`, { ...CSAT, kind: 'multiple', text_ar: 'سؤال بخيار واحد', options_ar: 'وحيد' });
  assert.equal(one.statusCode, 400);
  assert.match(one.body, /من 2 إلى 20|de 2 à 20/);
  assert.match(one.body, /سؤال بخيار واحد/);
  const gender = await client.post(`${base}/questions`, { ...CSAT, kind: 'single', about: 'gender', required: '0', text_ar: 'الجنس' });
  assert.equal(gender.statusCode, 303);

  const questions = await db.selectFrom('survey_question').selectAll().where('survey_id', '=', id).orderBy('position').execute();
  assert.deepEqual(questions.map((q) => q.kind), ['csat', 'single', 'single']);
  const options = await db.selectFrom('survey_option').selectAll().where('survey_id', '=', id).orderBy('question_id').orderBy('position').execute();
  assert.deepEqual(options.filter((o) => o.question_id === questions[1].id).map((o) => [o.label_ar, o.label_fr]), [['في الشباك', 'Au guichet'], ['عبر وثيقة', 'Par Watiqa']]);
  assert.deepEqual(options.filter((o) => o.question_id === questions[2].id).map((o) => o.label_fr), ['Femme', 'Homme'], 'the platform fixes a gender question\'s options');

  // edit, move up, delete
  await client.get(`${base}/questions/${questions[0].id}`);
  assert.equal((await client.post(`${base}/questions/${questions[0].id}`, { ...CSAT, text_ar: 'ما مدى رضاك عن مدة الانتظار؟' })).statusCode, 303);
  assert.equal((await client.post(`${base}/questions/${questions[1].id}/move`, { direction: 'up' })).statusCode, 303);
  assert.equal((await client.post(`${base}/questions/${questions[2].id}/delete`, {})).statusCode, 303);
  const after = await db.selectFrom('survey_question').select(['id', 'text_ar']).where('survey_id', '=', id).orderBy('position').execute();
  assert.deepEqual(after.map((q) => q.id), [questions[1].id, questions[0].id]);
  assert.equal(after[1].text_ar, 'ما مدى رضاك عن مدة الانتظار؟');

  assert.equal((await client.post(`${base}/publish`, {})).statusCode, 303);
  const published = await db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(published.status, 'published');
  assert.ok(published.published_at);
  const log = await db.selectFrom('change_log').select('entity_type').where('entity_type', 'in', ['survey', 'survey_question']).execute();
  assert.ok(log.length >= 6, 'staff writes are audited');

  // once answered, the questions are frozen (and the page says so)
  const at = new Date().toISOString();
  await db.insertInto('survey_response').values({ collectivity_id: s.collectivity_id, survey_id: id, channel: 'paper', created_at: at }).execute();
  const page = await client.get(base);
  assert.match(page.body, /ne peuvent plus être modifiées|لم يعد بالإمكان تعديل الأسئلة/);
  const frozen = await client.post(`${base}/questions`, CSAT);
  assert.equal(frozen.statusCode, 400);
  assert.equal((await client.post(`${base}/questions/${after[0].id}/delete`, {})).statusCode, 400);
  assert.equal((await db.selectFrom('survey_question').select('id').where('survey_id', '=', id).execute()).length, 2);
  // signed answers stay signed; the title may still be corrected
  const resigned = await client.post(base, { ...SURVEY, signature: 'anonymous' });
  assert.equal(resigned.statusCode, 400);
  assert.match(resigned.body, /ne peut plus changer|لم يعد بالإمكان تغيير هوية المجيبين/);
  assert.equal((await client.post(base, { ...SURVEY, title_fr: 'Satisfaction au guichet' })).statusCode, 303);
  const edited = await db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([edited.anonymous, edited.title_fr], [0, 'Satisfaction au guichet']);
});

test('bad input: the window backwards, a meeting of another collectivity, no title: 400, nothing saved', async (t) => {
  const { database, client } = await staff(t, 'focal_point');
  const db = database.db;
  const before = (await db.selectFrom('survey').select('id').execute()).length;
  await client.get(`${ADMIN}/new`);
  const backwards = await client.post(`${ADMIN}/new`, { ...SURVEY, closes_at: '2026-01-01T09:00' });
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.body, /La clôture doit suivre l'ouverture|يجب أن تكون نهاية الإجابة بعد بدايتها/);
  assert.match(backwards.body, /رضى المرتفقين عن مكتب الحالة المدنية/, 'values kept');
  assert.equal((await client.post(`${ADMIN}/new`, { ...SURVEY, title_ar: '' })).statusCode, 400);
  // a meeting that is not Settat's
  const settat = await collectivityId(database, 'settat');
  const other = await db.selectFrom('meeting').select('id').where('collectivity_id', '!=', settat).executeTakeFirst();
  const foreign = other?.id ?? 999_999;
  assert.equal((await client.post(`${ADMIN}/new`, { ...SURVEY, audience: 'meeting', meeting_id: String(foreign) })).statusCode, 400);
  assert.equal((await client.post(`${ADMIN}/new`, { ...SURVEY, audience: 'meeting' })).statusCode, 400);
  const own = await db.selectFrom('meeting').select('id').where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  const anonymousMeeting = await client.post(`${ADMIN}/new`, { ...SURVEY, audience: 'meeting', meeting_id: String(own.id), signature: 'anonymous' });
  assert.equal(anonymousMeeting.statusCode, 400);
  assert.match(anonymousMeeting.body, /demande un compte vérifié|يتطلب حسابا موثقا/);
  assert.equal((await db.selectFrom('survey').select('id').execute()).length, before);
});

test('who may build: a moderator is refused, another collectivity is refused, no CSRF is refused', async (t) => {
  const { app, database, client } = await staff(t, 'editor');
  await createStaff(database, 'moderator@settat.ma', 'moderator', 'settat');
  const moderator = await new StaffClient(app).login('moderator@settat.ma');
  assert.equal((await moderator.get(ADMIN)).statusCode, 403);
  assert.equal((await moderator.post(`${ADMIN}/new`, SURVEY)).statusCode, 403);
  const elsewhere = await db_other(database);
  assert.equal((await client.get(`/admin/c/${elsewhere}/surveys`)).statusCode, 403);
  assert.equal((await client.post(`/admin/c/${elsewhere}/surveys/new`, SURVEY)).statusCode, 403);
  await client.get(`${ADMIN}/new`);
  const noCsrf = await client.post(`${ADMIN}/new`, SURVEY, { csrf: 'wrong' });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal((await database.db.selectFrom('survey').select('id').where('title_ar', '=', SURVEY.title_ar).execute()).length, 0);

  // a survey of Settat is not reachable through another collectivity's address
  const created = await client.post(`${ADMIN}/new`, SURVEY);
  const id = idFrom(created.headers.location);
  assert.equal((await client.get(`/admin/c/${elsewhere}/surveys/${id}`)).statusCode, 403);
});

async function db_other(database: Parameters<typeof collectivityId>[0]) {
  const row = await database.db.selectFrom('collectivity').select('slug').where('slug', '!=', 'settat').orderBy('id').executeTakeFirstOrThrow();
  return row.slug;
}

test('desk codes: made for a service survey, shown once, stored as SHA-256', async (t) => {
  const { database, client } = await staff(t, 'editor');
  const db = database.db;
  const settat = await collectivityId(database, 'settat');
  const at = new Date().toISOString();
  const service = await db
    .insertInto('public_service')
    .values({ collectivity_id: settat, position: 99, name_ar: 'تصحيح الإمضاء', name_fr: 'Légalisation de signature', name_en: null, created_at: at, updated_at: at } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await client.get(`${ADMIN}/new`);
  const created = await client.post(`${ADMIN}/new`, { ...SURVEY, signature: 'anonymous', audience: 'service', service_id: String(service.id) });
  assert.equal(created.statusCode, 303);
  const id = idFrom(created.headers.location);
  await client.get(`${ADMIN}/${id}`);
  assert.equal((await client.post(`${ADMIN}/${id}/codes`, { count: '501' })).statusCode, 400);
  const made = await client.post(`${ADMIN}/${id}/codes`, { count: '12' });
  assert.equal(made.statusCode, 200);
  const codes = [...made.body.matchAll(/<strong><bdi dir="ltr">([A-Z0-9]{5})-([A-Z0-9]{5})<\/bdi><\/strong>/g)].map((m) => m[1] + m[2]);
  assert.equal(codes.length, 12);
  const stored = await db.selectFrom('survey_code').select('code_hash').where('survey_id', '=', id).execute();
  assert.equal(stored.length, 12);
  assert.ok(stored.some((s) => s.code_hash === createHash('sha256').update(codes[0]).digest('hex')));
  assert.ok(!stored.some((s) => s.code_hash === codes[0]), 'never in clear');
  const again = await client.get(`${ADMIN}/${id}`);
  assert.ok(!again.body.includes(codes[0]), 'shown once');
});
