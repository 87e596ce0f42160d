// Citizens' referrals to the equality commission (src/modules/ieecag/referral*.ts): submission by a
// verified account with its mails (author, commission), every refusal with the form kept and
// nothing saved, the limit per account and collectivity in 24 hours (also under concurrent
// submissions, on two instances on PostgreSQL), public and private answers, hiding, the author's
// identity never public, "my space", personal data and account deletion, and who may do what.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { deleteAccount } from '../../src/modules/accounts/commands/profile.ts';
import { referralsSitemap } from '../../src/modules/ieecag/referrals.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff, secondInstance, usingPostgres } from '../helpers/app.ts';

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

/** A verified account signed in by a session row. */
async function citizen(app: FastifyInstance, db: Db, email: string, options: { locale?: string; name?: string; kind?: 'person' | 'association' } = {}) {
  const { id } = await db
    .insertInto('app_user')
    .values({ email, password_hash: 'x', display_name: options.name ?? email.split('@')[0], created_at: iso(), email_verified_at: iso(), account_kind: options.kind ?? 'person', locale: options.locale ?? 'fr' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, id);
  const client = new StaffClient(app);
  client.jar.store(`infitah_session=${token}; Path=/`);
  return Object.assign(client, { id, email });
}

async function staff(app: FastifyInstance, database: Parameters<typeof createStaff>[0], email: string, role: Parameters<typeof createStaff>[2], slug = 'settat') {
  await createStaff(database, email, role, slug);
  return new StaffClient(app).login(email);
}

/** The commission's contact address, which is told of each new referral. */
async function setContact(db: Db, cId: number, email: string | null) {
  const at = iso();
  await db
    .insertInto('ieecag_commission')
    .values({ collectivity_id: cId, contact_email: email, created_at: at, updated_at: at } as never)
    .onConflict((oc) => oc.column('collectivity_id').doUpdateSet({ contact_email: email }))
    .execute();
}

const newPath = (locale = 'fr', slug = 'settat') => `/${locale}/c/${slug}/ieecag/referrals/new`;
const listPath = (locale = 'fr', slug = 'settat') => `/${locale}/c/${slug}/ieecag/referrals`;
const adminPath = (slug = 'settat') => `/admin/c/${slug}/ieecag/referrals`;

const SAMPLE = {
  subject: 'غياب ولوجيات للنساء في وضعية إعاقة بمكتب الحالة المدنية',
  body: 'مكتب الحالة المدنية بالطابق الأول ولا يوجد مصعد ولا ممر. أقترح فتح شباك في الطابق الأرضي.',
  concerns: 'مكتب الحالة المدنية',
};

async function submit(client: StaffClient, form: Record<string, string> = SAMPLE, options: { locale?: string; slug?: string; csrf?: string } = {}) {
  await client.get(newPath(options.locale, options.slug));
  return client.post(newPath(options.locale, options.slug), form, options.csrf === undefined ? {} : { csrf: options.csrf });
}

const referrals = (db: Db) => db.selectFrom('ieecag_referral').selectAll().orderBy('id').execute();
const mailsTo = (db: Db, to: string) => db.selectFrom('mail_outbox').select(['subject', 'text_body', 'html_body']).where('to_address', '=', to).orderBy('id').execute();
const idFrom = (location: string | undefined) => Number(/\/referrals\/(\d+)$/.exec(location ?? '')?.[1]);

test('journey: a citizen refers a matter (mails to the author and the commission), the commission answers publicly, the author is never named', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  await setContact(db, settatId, 'ieecag@settat.ma');

  // not signed in: the form and its POST send to the sign-in page, and back
  const anonymous = await app.inject(newPath('ar'));
  assert.equal(anonymous.statusCode, 303);
  assert.match(anonymous.headers.location!, new RegExp(`^/ar/account/login\\?next=${encodeURIComponent(newPath('ar')).replace(/[.?]/g, '\\$&')}`));

  const amina = await citizen(app, db, 'amina@example.ma', { locale: 'ar', name: 'أمينة الصالحي' });
  const form = await amina.get(newPath('ar'));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<html lang="ar" dir="rtl">/);
  assert.match(form.body, /المساواة أو بتكافؤ الفرص أو بمقاربة النوع/, 'the hint says what a referral is about');
  assert.match(form.body, /name="subject"[^>]*maxlength="150"|maxlength="150"[^>]*name="subject"/);
  assert.match(form.body, /maxlength="4000"/);
  const sent = await amina.post(newPath('ar'), SAMPLE);
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const id = idFrom(sent.headers.location);
  assert.ok(id > 0);

  // the confirmation page: the message, the status, what was sent
  const confirmation = await amina.get(sent.headers.location!);
  assert.equal(confirmation.statusCode, 200);
  assert.match(confirmation.body, /أُرسلت إحالتك إلى الهيئة/);
  assert.match(confirmation.body, /في انتظار الجواب/);
  assert.ok(confirmation.body.includes(SAMPLE.body));

  const [row] = await referrals(db);
  assert.deepEqual([row.collectivity_id, row.user_id, row.status, row.subject, row.concerns], [settatId, amina.id, 'received', SAMPLE.subject, SAMPLE.concerns]);

  // mails: the author's acknowledgement in the account's language; the commission's, naming nobody
  const [ack] = await mailsTo(db, 'amina@example.ma');
  assert.match(ack.subject, /^توصلت الهيئة بإحالتك: غياب ولوجيات/);
  assert.ok(ack.text_body.includes(`/ar/c/settat/ieecag/referrals/${id}`));
  const [told] = await mailsTo(db, 'ieecag@settat.ma');
  assert.match(told.subject, /^إحالة جديدة على الهيئة: /);
  assert.ok(told.text_body.includes(`/admin/c/settat/ieecag/referrals/${id}`));
  for (const part of [told.subject, told.text_body, told.html_body!]) {
    assert.ok(!part.includes('amina') && !part.includes('أمينة'), 'the commission’s mail names neither the author nor their address');
  }

  // not yet answered: counted on the public page, its content not shown; its page is the author's alone
  const before = await app.inject(listPath());
  assert.equal(before.statusCode, 200);
  assert.match(before.body, /L’instance a reçu 1 saisine/);
  assert.match(before.body, /Aucune réponse pour l’instant/);
  assert.ok(!before.body.includes(SAMPLE.body));
  assert.ok(before.body.includes(newPath()), 'the page links to the form');
  const stranger = await citizen(app, db, 'karim@example.ma');
  assert.equal((await stranger.get(`${listPath()}/${id}`)).statusCode, 404);
  const visitor = await app.inject(`${listPath()}/${id}`);
  assert.equal(visitor.statusCode, 303, 'a visitor (the mail’s link) is asked to sign in');
  assert.match(visitor.headers.location!, /^\/fr\/account\/login/);

  // an IEECAG member answers, published with the referral
  const member = await staff(app, database, 'member@ieecag.ma', 'ieecag_member');
  const adminPage = await member.get(`${adminPath()}/${id}`);
  assert.equal(adminPage.statusCode, 200);
  assert.ok(!adminPage.body.includes('amina@example.ma') && !adminPage.body.includes('أمينة'), 'staff do not see who sent it either');
  const answerText = 'ستبرمج الجماعة شباكًا في الطابق الأرضي ابتداءً من الشهر المقبل.';
  const answered = await member.post(`${adminPath()}/${id}/answer`, { answer: answerText, visibility: 'public' });
  assert.equal(answered.statusCode, 303, answered.body.slice(0, 400));
  const after = await referrals(db);
  assert.deepEqual([after[0].status, after[0].answer_public, after[0].answer], ['answered', 1, answerText]);
  assert.match(after[0].answered_on!, /^\d{4}-\d{2}-\d{2}$/);
  const log = await db.selectFrom('change_log').select(['actor_role', 'changes']).where('entity_type', '=', 'ieecag_referral').where('entity_id', '=', id).execute();
  assert.equal(log.length, 1, 'the answer is in the change log');
  assert.equal(log[0].actor_role, 'ieecag_member');

  // the author is mailed the answer
  const answerMail = (await mailsTo(db, 'amina@example.ma')).at(-1)!;
  assert.match(answerMail.subject, /^جواب الهيئة عن إحالتك/);
  assert.ok(answerMail.text_body.includes(answerText));
  assert.match(answerMail.text_body, /نُشرت إحالتك مع هذا الجواب/);

  // public now, in Arabic and French: subject, body, concerns, both dates, the answer; never the author
  for (const locale of ['ar', 'fr']) {
    const page = await app.inject(listPath(locale));
    assert.equal(page.statusCode, 200);
    for (const text of [SAMPLE.subject, SAMPLE.body, SAMPLE.concerns, answerText]) assert.ok(page.body.includes(text), `${locale}: ${text}`);
    assert.match(page.body, /<time datetime="\d{4}-\d{2}-\d{2}"><bdi>/);
    for (const who of ['amina', 'أمينة الصالحي']) assert.ok(!page.body.includes(who), `${locale}: the author is never named`);
  }
  assert.match((await app.inject(listPath('ar'))).body, /توصلت الهيئة بإحالة واحدة/);
  const single = await app.inject(`${listPath()}/${id}`);
  assert.equal(single.statusCode, 200);
  assert.ok(single.body.includes(answerText) && !single.body.includes('amina'));
  assert.equal((await stranger.get(`${listPath()}/${id}`)).statusCode, 200);
});

test('a private answer: not public, shown to its author (their page, my space, the mail), never to another citizen', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const amina = await citizen(app, db, 'amina@example.ma');
  const sent = await submit(amina, { subject: 'Horaires de la crèche municipale', body: 'Les horaires ne permettent pas aux mères qui travaillent d’y inscrire leurs enfants.', concerns: '' });
  assert.equal(sent.statusCode, 303);
  const id = idFrom(sent.headers.location);
  assert.equal((await referrals(db))[0].concerns, null, 'an empty optional field is absent');

  const member = await staff(app, database, 'member@ieecag.ma', 'ieecag_member');
  await member.get(`${adminPath()}/${id}`);
  const privateAnswer = 'Réponse privée : la commission a saisi le service de la petite enfance.';
  assert.equal((await member.post(`${adminPath()}/${id}/answer`, { answer: privateAnswer, visibility: 'private' })).statusCode, 303);

  const list = await app.inject(listPath());
  assert.ok(!list.body.includes(privateAnswer) && !list.body.includes('Horaires de la crèche'));
  assert.match(list.body, /1 saisine a reçu une réponse/, 'counted as answered');
  assert.match(list.body, /Aucune réponse publiée/);
  assert.equal((await app.inject(`${listPath()}/${id}`)).statusCode, 303);
  const karim = await citizen(app, db, 'karim@example.ma');
  const other = await karim.get(`${listPath()}/${id}`);
  assert.equal(other.statusCode, 404);
  assert.ok(!other.body.includes(privateAnswer));

  const mine = await amina.get(`${listPath()}/${id}`);
  assert.equal(mine.statusCode, 200);
  assert.ok(mine.body.includes(privateAnswer));
  assert.match(mine.body, /n’est visible que par vous/);
  const space = await amina.get('/fr/account');
  assert.match(space.body, /Mes saisines de l’instance/);
  assert.ok(space.body.includes('Horaires de la crèche municipale'));
  assert.ok(space.body.includes(`href="${listPath()}/${id}"`));
  assert.match(space.body, /réponse à l’auteur/);
  assert.ok(!(await karim.get('/fr/account')).body.includes('Horaires de la crèche'));
  const mail = (await mailsTo(db, 'amina@example.ma')).at(-1)!;
  assert.ok(mail.text_body.includes(privateAnswer));
  assert.match(mail.text_body, /n’est pas publiée/);

  // "download my data" has it, with the answer
  const data = await amina.get('/fr/account/export');
  assert.match(data.body, /"ieecagReferrals"[\s\S]*"referrals"/);
  assert.ok(data.body.includes('Horaires de la crèche municipale'));
});

test('bad input: empty or too long fields, no CSRF token, over the limit — localized, the form kept, nothing saved', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  await setContact(db, settatId, 'ieecag@settat.ma');
  const amina = await citizen(app, db, 'amina@example.ma', { locale: 'ar' });
  const outbox = async () => Number((await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const mails = await outbox();

  const empty = await submit(amina, { subject: '  ', body: SAMPLE.body, concerns: SAMPLE.concerns }, { locale: 'ar' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /هذا الحقل إلزامي/);
  assert.ok(empty.body.includes(SAMPLE.body) && empty.body.includes(SAMPLE.concerns), 'the other fields are kept');

  const longSubject = await submit(amina, { subject: 'ع'.repeat(151), body: SAMPLE.body }, { locale: 'ar' });
  assert.equal(longSubject.statusCode, 400);
  assert.match(longSubject.body, /هذا النص طويل جدا \(150 حرفا على الأكثر\)/);
  const longBody = await submit(amina, { subject: SAMPLE.subject, body: 'x'.repeat(4001) }, { locale: 'fr' });
  assert.equal(longBody.statusCode, 400);
  assert.match(longBody.body, /Ce texte est trop long \(4.000 caractères au plus\)/);
  assert.ok(longBody.body.includes(SAMPLE.subject));
  const longConcerns = await submit(amina, { subject: SAMPLE.subject, body: SAMPLE.body, concerns: 'x'.repeat(301) });
  assert.equal(longConcerns.statusCode, 400);

  assert.equal((await submit(amina, SAMPLE, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await submit(amina, SAMPLE, { csrf: '' })).statusCode, 403);
  assert.equal((await referrals(db)).length, 0);
  assert.equal(await outbox(), mails, 'no mail either');

  // a visitor without a session who posts is sent to sign in; nothing saved
  const visitor = new StaffClient(app);
  await visitor.get('/fr/account/login');
  const posted = await visitor.post(newPath(), SAMPLE);
  assert.equal(posted.statusCode, 303);
  assert.match(posted.headers.location!, /^\/fr\/account\/login/);

  // three in 24 hours, then refused with the form kept
  for (let i = 1; i <= 3; i++) assert.equal((await submit(amina, { ...SAMPLE, subject: `إحالة رقم ${i}` }, { locale: 'ar' })).statusCode, 303);
  const mailsBefore = await outbox();
  const fourth = await submit(amina, { ...SAMPLE, subject: 'إحالة رابعة' }, { locale: 'ar' });
  assert.equal(fourth.statusCode, 400);
  assert.match(fourth.body, /بلغت الحد المسموح به: 3 إحالات لكل حساب خلال 24 ساعة/);
  assert.ok(fourth.body.includes('إحالة رابعة'), 'the form is kept');
  assert.equal((await referrals(db)).length, 3);
  assert.equal(await outbox(), mailsBefore, 'a refused referral sends no mail');
  const french = await submit(amina, { ...SAMPLE, subject: 'Quatrième' }, { locale: 'fr' });
  assert.match(french.body, /Limite atteinte : 3 saisines par compte en 24 heures/);

  // the limit is per collectivity: the province's commission may still be seized
  assert.equal((await submit(amina, SAMPLE, { slug: 'province-settat' })).statusCode, 303);
  // and per 24 hours: once the oldest is more than a day old, one more passes
  const [oldest] = await referrals(db);
  await db.updateTable('ieecag_referral').set({ created_at: iso(-25 * 3_600_000) }).where('id', '=', oldest.id).execute();
  assert.equal((await submit(amina, { ...SAMPLE, subject: 'إحالة جديدة' })).statusCode, 303);
  assert.equal((await referrals(db)).filter((r) => r.collectivity_id === settatId).length, 4);
});

test('concurrent submissions at the limit: exactly one passes (two instances on PostgreSQL)', async (t) => {
  const first = await buildTestApp(t);
  const db = first.database.db;
  const apps = usingPostgres ? [first.app, (await secondInstance(t, first)).app] : [first.app];
  const amina = await citizen(first.app, db, 'amina@example.ma');
  for (let i = 0; i < 2; i++) assert.equal((await submit(amina, { ...SAMPLE, subject: `sujet ${i}` })).statusCode, 303);
  await amina.get(newPath());
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      apps[i % apps.length].inject({
        method: 'POST',
        url: newPath(),
        headers: { cookie: amina.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: amina.csrf, subject: `concurrent ${i}`, body: SAMPLE.body }).toString(),
      }),
    ),
  );
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [303, 400, 400, 400, 400, 400]);
  assert.equal((await referrals(db)).length, 3, 'never more than the limit');
});

test('hiding: the reason is required; a hidden referral is never public and cannot then be published', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const amina = await citizen(app, db, 'amina@example.ma');
  const a = idFrom((await submit(amina, { subject: 'Première saisine', body: 'Un texte avec le numéro de téléphone de ma voisine 0600000000.' })).headers.location);
  const b = idFrom((await submit(amina, { subject: 'Deuxième saisine', body: 'Les toilettes du souk ne sont pas adaptées aux femmes.' })).headers.location);

  const moderator = await staff(app, database, 'moderator@settat.ma', 'moderator');
  const page = await moderator.get(`${adminPath()}/${a}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /\/answer"/, 'a moderator has no answer form');
  const noReason = await moderator.post(`${adminPath()}/${a}/hide`, { reason: ' ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /id="f-reason-error">هذا الحقل إلزامي/);
  assert.equal((await referrals(db))[0].status, 'received', 'nothing changed');
  assert.equal((await moderator.post(`${adminPath()}/${a}/hide`, { reason: 'Données personnelles d’un tiers' })).statusCode, 303);
  assert.deepEqual([(await referrals(db))[0].status, (await referrals(db))[0].hidden_reason], ['hidden', 'Données personnelles d’un tiers']);

  // the commission cannot publish it, may answer privately
  const member = await staff(app, database, 'member@ieecag.ma', 'ieecag_member');
  await member.get(`${adminPath()}/${a}`);
  const publish = await member.post(`${adminPath()}/${a}/answer`, { answer: 'Réponse', visibility: 'public' });
  assert.equal(publish.statusCode, 400);
  assert.match(publish.body, /إحالة محجوبة لا تُنشر: أجب صاحبها بشكل خاص/);
  assert.ok(publish.body.includes('Réponse'), 'the answer is kept');
  assert.equal((await referrals(db))[0].answer, null, 'nothing saved');
  assert.equal((await member.post(`${adminPath()}/${a}/answer`, { answer: 'Merci, nous traitons la question sans ces données.', visibility: 'private' })).statusCode, 303);
  assert.deepEqual([(await referrals(db))[0].status, (await referrals(db))[0].answer_public], ['hidden', 0]);

  // answered publicly, then hidden: it leaves the public page for good
  assert.equal((await member.post(`${adminPath()}/${b}/answer`, { answer: 'Des travaux sont prévus.', visibility: 'public' })).statusCode, 303);
  assert.ok((await app.inject(listPath())).body.includes('Deuxième saisine'));
  await moderator.get(`${adminPath()}/${b}`);
  assert.equal((await moderator.post(`${adminPath()}/${b}/hide`, { reason: 'Injurieuse' })).statusCode, 303);
  const list = await app.inject(listPath());
  assert.ok(!list.body.includes('Première saisine') && !list.body.includes('Deuxième saisine') && !list.body.includes('0600000000'));
  assert.match(list.body, /2 saisines masquées par la modération/);
  assert.equal((await app.inject(`${listPath()}/${b}`)).statusCode, 303);
  // its author sees it hidden, with the reason
  const mine = await amina.get(`${listPath()}/${b}`);
  assert.match(mine.body, /masquée par la modération/);
  assert.match(mine.body, /Injurieuse/);

  // the back office lists them by status
  const hidden = await moderator.get(`${adminPath()}?status=hidden`);
  assert.ok(hidden.body.includes('Première saisine') && hidden.body.includes('Deuxième saisine'));
  const waiting = await moderator.get(`${adminPath()}?status=received`);
  assert.ok(!waiting.body.includes('Première saisine'));
});

test('a hide and a public answer at once never leave a hidden referral published (two instances on PostgreSQL)', async (t) => {
  const first = await buildTestApp(t);
  const db = first.database.db;
  const second = usingPostgres ? (await secondInstance(t, first)).app : first.app;
  const amina = await citizen(first.app, db, 'amina@example.ma');
  const moderator = await staff(first.app, first.database, 'moderator@settat.ma', 'moderator');
  const member = await staff(first.app, first.database, 'member@ieecag.ma', 'ieecag_member');
  const post = (app: FastifyInstance, who: StaffClient, url: string, form: Record<string, string>) =>
    app.inject({ method: 'POST', url, headers: { cookie: who.jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString() });
  for (let round = 0; round < 3; round++) {
    const id = idFrom((await submit(amina, { subject: `Saisine ${round}`, body: SAMPLE.body })).headers.location);
    await moderator.get(`${adminPath()}/${id}`);
    await member.get(`${adminPath()}/${id}`);
    await Promise.all([
      post(first.app, moderator, `${adminPath()}/${id}/hide`, { reason: 'Données personnelles' }),
      post(second, member, `${adminPath()}/${id}/answer`, { answer: 'Réponse publique', visibility: 'public' }),
    ]);
    const row = await db.selectFrom('ieecag_referral').select(['status', 'answer_public']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'hidden', `round ${round}: the hide holds`);
    assert.equal(row.answer_public, 0, `round ${round}: a hidden referral is never public`);
  }
});

test('who may do what: wrong roles, another collectivity’s IEECAG member, no CSRF token — refused, nothing changed', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const amina = await citizen(app, db, 'amina@example.ma');
  const id = idFrom((await submit(amina)).headers.location);
  const form = { answer: 'Réponse', visibility: 'public' };

  const editor = await staff(app, database, 'editor@settat.ma', 'editor');
  const committee = await staff(app, database, 'committee@settat.ma', 'committee_member');
  const elsewhere = await staff(app, database, 'member@province.ma', 'ieecag_member', 'province-settat');
  for (const who of [editor, committee, elsewhere]) {
    await who.get('/admin');
    assert.equal((await who.get(adminPath())).statusCode, 403);
    assert.equal((await who.get(`${adminPath()}/${id}`)).statusCode, 403);
    assert.equal((await who.post(`${adminPath()}/${id}/answer`, form)).statusCode, 403);
    assert.equal((await who.post(`${adminPath()}/${id}/hide`, { reason: 'x' })).statusCode, 403);
  }
  // a focal point and a moderator moderate but do not answer
  const focal = await staff(app, database, 'focal@settat.ma', 'focal_point');
  await focal.get(`${adminPath()}/${id}`);
  assert.equal((await focal.post(`${adminPath()}/${id}/answer`, form)).statusCode, 403);
  // the province's member in their own collectivity does not find Settat's referral
  assert.equal((await elsewhere.get(`${adminPath('province-settat')}/${id}`)).statusCode, 404);
  assert.equal((await elsewhere.post(`${adminPath('province-settat')}/${id}/answer`, form)).statusCode, 404);
  // a citizen is no staff
  assert.equal((await amina.get(adminPath())).statusCode, 403);
  // the commission, without the CSRF token
  const member = await staff(app, database, 'member@ieecag.ma', 'ieecag_member');
  await member.get(`${adminPath()}/${id}`);
  assert.equal((await member.post(`${adminPath()}/${id}/answer`, form, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await member.post(`${adminPath()}/${id}/hide`, { reason: 'x' }, { csrf: '' })).statusCode, 403);
  const [row] = await referrals(db);
  assert.deepEqual([row.status, row.answer, row.hidden_reason], ['received', null, null]);
  // an empty answer is refused with the form kept
  const emptyAnswer = await member.post(`${adminPath()}/${id}/answer`, { answer: '', visibility: 'public' });
  assert.equal(emptyAnswer.statusCode, 400);
  assert.match(emptyAnswer.body, /id="f-answer-error">هذا الحقل إلزامي/);
  const noChoice = await member.post(`${adminPath()}/${id}/answer`, { answer: 'Une réponse gardée' });
  assert.equal(noChoice.statusCode, 400);
  assert.ok(noChoice.body.includes('Une réponse gardée'));
  assert.equal((await referrals(db))[0].answer, null);
});

test('account deletion: a referral answered publicly stays without its author, the others go; lists are keyset pages', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const amina = await citizen(app, db, 'amina@example.ma');
  const kept = idFrom((await submit(amina, { subject: 'Publique', body: 'Texte public' })).headers.location);
  const privately = idFrom((await submit(amina, { subject: 'Privée', body: 'Texte privé' })).headers.location);
  const waiting = idFrom((await submit(amina, { subject: 'En attente', body: 'Texte en attente' })).headers.location);
  const member = await staff(app, database, 'member@ieecag.ma', 'ieecag_member');
  await member.get(`${adminPath()}/${kept}`);
  assert.equal((await member.post(`${adminPath()}/${kept}/answer`, { answer: 'Réponse publique', visibility: 'public' })).statusCode, 303);
  assert.equal((await member.post(`${adminPath()}/${privately}/answer`, { answer: 'Réponse privée', visibility: 'private' })).statusCode, 303);
  assert.match((await app.inject(listPath())).body, /L’instance a reçu 3 saisines/);

  assert.equal((await deleteAccount(db, amina.id)).ok, true);
  const left = await referrals(db);
  assert.deepEqual(left.map((r) => [r.id, r.user_id]), [[kept, null]]);
  assert.ok(!left.some((r) => r.id === waiting || r.id === privately));
  const page = await app.inject(listPath());
  assert.match(page.body, /L’instance a reçu 1 saisine/, 'the cached page was rebuilt');
  assert.ok(page.body.includes('Réponse publique'));

  // 45 answered publicly: three public pages of 20, 20 and 5, newest first; the back office pages too
  const at = iso();
  await db
    .insertInto('ieecag_referral')
    .values(Array.from({ length: 45 }, (_, i) => ({ collectivity_id: settatId, user_id: null, subject: `Saisine ${i + 1}`, body: 'Texte', status: 'answered', answer: 'Oui', answer_public: 1, answered_on: '2025-06-01', created_at: at, updated_at: at })))
    .execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  const first = await app.inject(listPath());
  const count = (html: string) => (html.match(/<article /g) ?? []).length;
  assert.equal(count(first.body), 20);
  assert.ok(first.body.includes('Saisine 45') && !first.body.includes('Saisine 25<'));
  const next = /href="([^"]+\?after=\d+)"/.exec(first.body)![1].replaceAll('&amp;', '&');
  const second = await app.inject(next);
  assert.equal(count(second.body), 20);
  assert.ok(second.body.includes('Saisine 25<'));
  const third = await app.inject(/href="([^"]+\?after=\d+)"/.exec(second.body)![1]);
  assert.equal(count(third.body), 6, 'the last 5 and the one kept');
  assert.doesNotMatch(third.body, /rel="next"/);
  const adminFirst = await member.get(`${adminPath()}?status=answered`);
  assert.match(adminFirst.body, /rel="next" [^>]*|href="[^"]*status=answered&amp;after=\d+"/);
  assert.match(adminFirst.body, /status=answered&amp;after=\d+/);

  // the sitemap: the page, then the public ones newest first, within the limit; never the others
  const paths = await referralsSitemap(db, { id: settatId, slug: 'settat' }, 4);
  assert.equal(paths.length, 4);
  assert.equal(paths[0], '/c/settat/ieecag/referrals');
  const newest = await db.selectFrom('ieecag_referral').select('id').where('collectivity_id', '=', settatId).orderBy('id', 'desc').limit(3).execute();
  assert.deepEqual(paths.slice(1), newest.map((r) => `/c/settat/ieecag/referrals/${r.id}`));
  assert.deepEqual(await referralsSitemap(db, { id: settatId, slug: 'settat' }, 0), []);
  const all = await referralsSitemap(db, { id: settatId, slug: 'settat' }, 1000);
  assert.equal(all.length, 1 + 46, 'the 45 and the one kept, answered publicly');
});
