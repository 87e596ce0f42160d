// Issue 11, the citizen's journey: the collectivity home as a hub (what is open now, computed at
// the request's moment), announcements and their feed, "my space", the verification link that
// signs in and returns (never elsewhere), the author's name, supports withdrawn, and mails on
// comments with an unsubscribe link honoured without login.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { deliverDueMail, mailSenderOf } from '../../src/platform/mail/index.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId } from '../helpers/app.ts';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const call = await db
    .insertInto('call_for_proposals')
    .values({
      collectivity_id: settatId,
      programme_id: programme.id,
      opens_at: at(-1),
      closes_at: at(5),
      channels: 'online',
      published_at: at(-2),
      title_ar: 'طلب اقتراحات الحي',
      title_fr: 'Appel à propositions du quartier',
      title_en: null,
      body_ar: 'نص الإعلان',
      body_fr: null,
      body_en: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const axis = await db.selectFrom('axis').select('id').where('collectivity_id', '=', settatId).where('programme_id', '=', programme.id).where('number', '=', 3).executeTakeFirstOrThrow();
  return { ...ctx, settatId, programmeId: programme.id, callId: call.id, axisId: String(axis.id) };
}

async function citizen(app: FastifyInstance, email: string, extra: { kind?: string; name?: string; locale?: string } = {}) {
  const db = app.db;
  const row = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: extra.name ?? 'مواطن' });
  await db.updateTable('app_user').set({ email_verified_at: new Date().toISOString(), locale: extra.locale ?? 'ar', account_kind: extra.kind ?? 'person' }).where('id', '=', row.id).execute();
  const client = new StaffClient(app);
  await client.get('/ar/account/login');
  assert.equal((await client.post('/ar/account/login', { email, password: TEST_PASSWORD })).statusCode, 303);
  return { client, id: row.id };
}

async function propose(client: StaffClient, axisId: string, title: string) {
  await client.get('/ar/c/settat/proposals/new');
  const res = await client.post('/ar/c/settat/proposals/new', { title, body: 'نص الاقتراح', axis_id: axisId, step: 'publish' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return String(res.headers.location);
}

test('the home says what is open now, from the records at this moment, and links to every part', async (t) => {
  const { app, database, callId } = await setup(t);
  const home = await app.inject('/fr/c/settat');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Ouvert en ce moment/);
  assert.match(home.body, new RegExp(`href="/fr/c/settat/announcements/${callId}">Appel à propositions du quartier`));
  assert.match(home.body, /jusqu’au <bdi>/);
  for (const part of ['programme', 'process', 'proposals', 'participation', 'budgets', 'dashboard', 'announcements']) {
    assert.match(home.body, new RegExp(`href="/fr/c/settat/${part}"`), part);
  }
  assert.match(home.body, /<link rel="alternate" type="application\/atom\+xml" href="\/fr\/c\/settat\/announcements\.atom"/);
  // the call's notice offers to propose to this call while it is open
  assert.match((await app.inject(`/fr/c/settat/announcements/${callId}`)).body, new RegExp(`href="/fr/c/settat/proposals/new\\?call=${callId}"`));

  // the call closes (time passes: no write bumps the content version): the home follows
  const { closes_at } = await database.db.selectFrom('call_for_proposals').select('closes_at').where('id', '=', callId).executeTakeFirstOrThrow();
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse(closes_at) + 60_000 });
  const later = await app.inject('/fr/c/settat');
  assert.doesNotMatch(later.body, /Appel à propositions du quartier/);
  assert.doesNotMatch((await app.inject(`/fr/c/settat/announcements/${callId}`)).body, /proposals\/new/);
  t.mock.timers.reset();
  // an upcoming committee meeting is announced as coming
  const settatId = await collectivityId(database, 'settat');
  const committee = await database.db.selectFrom('committee').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  await database.db
    .insertInto('committee_meeting')
    .values({ collectivity_id: settatId, committee_id: committee.id, held_on: at(3).slice(0, 10), subject_ar: 'اجتماع لجنة التتبع', subject_fr: 'Réunion du comité de suivi', subject_en: null, minutes_ar: null, minutes_fr: null, minutes_en: null })
    .execute();
  // written here directly: the version is bumped as the meeting's command would
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  const coming = await app.inject('/fr/c/settat');
  assert.match(coming.body, /Prochainement/);
  assert.match(coming.body, /Réunion du comité de suivi/);
});

test('announcements: calls, meetings, budget votes and reports, newest first, paged, and the same in the feed', async (t) => {
  const { app, database, settatId, programmeId, callId } = await setup(t);
  const list = await app.inject('/ar/c/settat/announcements');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /<html lang="ar" dir="rtl">/);
  assert.match(list.body, /طلب اقتراحات الحي/);
  assert.match(list.body, /تصويت الميزانية التشاركية/); // the demo's budget rounds
  assert.match(list.body, /<link rel="alternate" type="application\/atom\+xml" href="\/ar\/c\/settat\/announcements\.atom"/);

  // 25 more meetings: two pages, nothing shown twice, nothing lost
  for (let i = 0; i < 25; i++) {
    await database.db
      .insertInto('participation_event')
      .values({ collectivity_id: settatId, programme_id: programmeId, kind: 'meeting', held_on: `2020-01-${String(i + 1).padStart(2, '0')}`, title_ar: `لقاء ${i + 1}`, title_fr: null, title_en: null, place_ar: null, place_fr: null, place_en: null, attendance_total: null, attendance_women: null, attendance_ieecag: null, associations_represented: null })
      .execute();
  }
  // a write bumps the version in the app; here the rows were inserted directly
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  const seen: string[] = [];
  let href: string | null = '/ar/c/settat/announcements';
  let pages = 0;
  while (href && pages < 30) {
    const page: { statusCode: number; body: string } = await app.inject(href);
    assert.equal(page.statusCode, 200);
    seen.push(...[...page.body.matchAll(/>لقاء (\d+)</g)].map((m) => m[1]));
    href = /<a href="([^"]+)" rel="next">/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? null;
    pages++;
  }
  assert.ok(pages >= 2);
  assert.equal(seen.length, 25);
  assert.equal(new Set(seen).size, 25);
  assert.equal((await app.inject('/ar/c/settat/announcements?before=javascript:alert(1)')).statusCode, 200); // a bad cursor is the first page

  const feed = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['entry', 'link'].includes(n) }).parse((await app.inject('/fr/c/settat/announcements.atom')).body).feed;
  const ids = feed.entry.map((e: { id: string }) => e.id);
  assert.ok(ids.some((id: string) => id.endsWith(`/fr/c/settat/announcements/${callId}`)));
  assert.ok(ids.some((id: string) => id.includes('#budget-vote:')));
  assert.ok(ids.some((id: string) => id.includes('#event:')));
  assert.equal(new Set(ids).size, ids.length);
  assert.equal((await app.inject('/fr/c/nowhere/announcements')).statusCode, 404);
});

test('my space lists my proposals (paged), supports, follows, comments and ballots — whether I voted, never how', async (t) => {
  const { app, database, settatId, axisId } = await setup(t);
  const db = database.db;
  const amina = await citizen(app, 'amina@example.ma', { name: 'أمينة' });
  const other = await citizen(app, 'other@example.ma');
  const otherHref = await propose(other.client, axisId, 'اقتراح شخص آخر');
  // 12 proposals of mine (5 an hour: the limit is lifted for the test by clearing its counter)
  for (let i = 1; i <= 12; i++) {
    if (i % 5 === 1) await db.deleteFrom('rate_counter').execute();
    await propose(amina.client, axisId, `اقتراحي رقم ${i}`);
  }
  await amina.client.get(`${otherHref}/support`);
  await amina.client.post(`${otherHref}/support`, { support: '1' });
  await amina.client.get(`${otherHref}/comment`);
  await amina.client.post(`${otherHref}/comment`, { body: 'تعليقي' });
  // verified for the 2025 round and voted; verified for 2026 and not voted
  const rounds = await db.selectFrom('budget_round').select(['id', 'title_ar']).where('collectivity_id', '=', settatId).orderBy('id').execute();
  await db.insertInto('budget_voter').values([
    { collectivity_id: settatId, round_id: rounds[0].id, user_id: amina.id, voter_hash: 'h-voted', verified_at: new Date().toISOString() },
    { collectivity_id: settatId, round_id: rounds[1].id, user_id: amina.id, voter_hash: 'h-not-yet', verified_at: new Date().toISOString() },
  ]).execute();
  await db.insertInto('budget_voted').values({ collectivity_id: settatId, round_id: rounds[0].id, voter_hash: 'h-voted' }).execute();

  const space = await amina.client.get('/ar/account');
  assert.equal(space.statusCode, 200);
  assert.match(space.body, /<h1>فضائي<\/h1>/);
  assert.match(space.body, /href="\/ar\/c\/settat">/); // back to my collectivity
  const mine = [...space.body.matchAll(/>اقتراحي رقم (\d+)</g)].map((m) => Number(m[1]));
  assert.deepEqual(mine, [12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  assert.match(space.body, /اقتراح شخص آخر<\/a><br\/><small class="muted">[^]*تدعمه/);
  assert.match(space.body, /#comment-\d+"/);
  assert.match(space.body, /صوتت \(لا يظهر لأحد لمن صوتت\)/);
  assert.match(space.body, /تم التحقق، لم تصوت بعد/);
  const next = /href="(\/ar\/account\?proposals=\d+#my-proposals)"/.exec(space.body)?.[1];
  assert.ok(next);
  const second = await amina.client.get(next);
  assert.deepEqual([...second.body.matchAll(/>اقتراحي رقم (\d+)</g)].map((m) => Number(m[1])), [2, 1]);
  // another person's space shows none of it
  const theirs = await other.client.get('/ar/account');
  assert.doesNotMatch(theirs.body, /اقتراحي رقم/);
  // signed out: the login page, and back here afterwards
  const anonymous = await app.inject('/ar/account');
  assert.equal(anonymous.headers.location, '/ar/account/login?next=%2Far%2Faccount');
});

test('the verification link signs the person in and returns them to a page of ours, never elsewhere', async (t) => {
  const { app, database } = await setup(t);
  const signUp = async (email: string, next: string) => {
    await database.db.deleteFrom('rate_counter').execute(); // 5 sign-ups an hour from one address
    const visitor = new StaffClient(app);
    const form = await visitor.get(`/fr/account/signup?next=${encodeURIComponent(next)}`);
    const kept = /name="next" value="([^"]*)"/.exec(form.body)?.[1];
    const res = await visitor.post('/fr/account/signup', { kind: 'person', email, password: TEST_PASSWORD, display_name: 'Karim', next });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const mail = await database.db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).executeTakeFirstOrThrow();
    assert.doesNotMatch(mail.text_body, /next=|proposals/); // the mail carries the token only
    const link = /https?:\/\/[^\s]+/.exec(mail.text_body)![0];
    return { kept, link: new URL(link).pathname + new URL(link).search, browser: new StaffClient(app) };
  };

  const back = await signUp('karim@example.ma', '/fr/c/settat/proposals/new');
  assert.equal(back.kept, '/fr/c/settat/proposals/new');
  const verified = await back.browser.get(back.link); // another browser: the mail opened on the phone
  assert.equal(verified.statusCode, 303);
  assert.equal(verified.headers.location, '/fr/c/settat/proposals/new');
  const form = await back.browser.get('/fr/c/settat/proposals/new');
  assert.equal(form.statusCode, 200); // signed in and verified: the proposal form
  assert.match(form.body, /name="title"/);

  let n = 0;
  for (const evil of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', '/fr//evil.example', 'javascript:alert(1)', '/fr/c/settat\r\nLocation: https://evil.example']) {
    const attempt = await signUp(`evil${n++}@example.ma`, evil);
    assert.ok(!attempt.kept, evil); // not even kept in the form
    const res = await attempt.browser.get(attempt.link);
    assert.equal(res.headers.location, '/fr/account', evil);
  }
  // the login form does not keep an outside address either
  const login = await app.inject('/fr/account/login?next=https%3A%2F%2Fevil.example');
  assert.match(login.body, /name="next" value\/>/);
});

test('a proposal shows its author; authors and followers are mailed on comments; the unsubscribe link works without login', async (t) => {
  const { app, database, axisId } = await setup(t);
  const db = database.db;
  const asso = await citizen(app, 'asso@example.ma', { kind: 'association', name: 'جمعية الأمل', locale: 'fr' });
  const href = await propose(asso.client, axisId, 'مكتبة الحي');
  const page = await app.inject(href);
  assert.match(page.body, /اقترحه: <bdi>جمعية الأمل<\/bdi> \(جمعية\)/);

  const follower = await citizen(app, 'follower@example.ma');
  await follower.client.get(`${href}/follow`);
  await follower.client.post(`${href}/follow`, { follow: '1' });
  const commenter = await citizen(app, 'commenter@example.ma');
  await commenter.client.get(`${href}/comment`);
  assert.equal((await commenter.client.post(`${href}/comment`, { body: 'فكرة جيدة' })).statusCode, 303);
  const mails = async (to: string) => db.selectFrom('mail_outbox').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('id').execute();
  const [toAuthor] = await mails('asso@example.ma');
  assert.match(toAuthor.subject, /^Nouveau commentaire sur la proposition : مكتبة الحي/);
  assert.match(toAuthor.text_body, /votre proposition/);
  assert.doesNotMatch(toAuthor.text_body, /فكرة جيدة/); // the comment's words are not mailed
  assert.equal((await mails('follower@example.ma')).length, 1);
  assert.equal((await mails('commenter@example.ma')).length, 0); // not their own comment

  // the unsubscribe link, opened without any session
  const link = new URL(/https?:\/\/\S+unsubscribe\S+/.exec((await mails('follower@example.ma'))[0].text_body)![0]);
  const anonymous = new StaffClient(app);
  const confirm = await anonymous.get(link.pathname + link.search);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /إيقاف الرسائل/);
  // a forged or another person's signature is refused
  const forged = new URLSearchParams(link.search);
  forged.set('user', String(asso.id));
  assert.equal((await app.inject(`${link.pathname}?${forged}`)).statusCode, 404);
  assert.equal((await app.inject(`${link.pathname}?user=${follower.id}&token=x`)).statusCode, 404);
  // and the link is for this collectivity's proposal only
  assert.equal((await app.inject(`${link.pathname.replace('/settat/', '/province-settat/')}${link.search}`)).statusCode, 404);
  const done = await anonymous.post(link.pathname, { user: link.searchParams.get('user')!, token: link.searchParams.get('token')! });
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /لن تصلك بعد الآن رسائل/);
  assert.equal((await db.selectFrom('proposal_follow').selectAll().where('user_id', '=', follower.id).execute()).length, 0);

  // a second comment: the author is told; the follower who stopped the mails is not
  await commenter.client.post(`${href}/comment`, { body: 'تعليق ثان' });
  assert.equal((await mails('follower@example.ma')).length, 1);
  assert.equal((await mails('asso@example.ma')).length, 2);

  // the per-address limit: at most 5 mails an hour to one address, whatever the comments
  for (let i = 0; i < 6; i++) await commenter.client.post(`${href}/comment`, { body: `تعليق ${i}` });
  assert.equal((await mails('asso@example.ma')).length, 5);
});

test("a proposal's mails carry a one-click List-Unsubscribe (RFC 8058) that mail apps can POST to", async (t) => {
  const { app, database, axisId } = await setup(t);
  const db = database.db;
  const author = await citizen(app, 'author@example.ma', { locale: 'fr' });
  const href = await propose(author.client, axisId, 'حديقة الحي');
  const commenter = await citizen(app, 'neighbour@example.ma');
  await commenter.client.get(`${href}/comment`);
  assert.equal((await commenter.client.post(`${href}/comment`, { body: 'أوافق' })).statusCode, 303);
  const queued = await db.selectFrom('mail_outbox').select(['list_unsubscribe']).where('to_address', '=', 'author@example.ma').executeTakeFirstOrThrow();
  const address = new URL(queued.list_unsubscribe!);
  assert.match(address.pathname, /^\/fr\/c\/settat\/proposals\/\d+\/unsubscribe\/one-click$/);

  // the sender puts it in the headers, then forgets it (it is a signed link); the test app has
  // no SMTP server, so its mails were held: they are delivered here through a transport that keeps them,
  // once the app's own sender has stopped (a pass still running would hold them again)
  await mailSenderOf(app).stop();
  await db.updateTable('mail_outbox').set({ status: 'pending' }).where('status', '=', 'held').execute();
  const sent: { headers?: Record<string, string> }[] = [];
  await deliverDueMail(db, { sendMail: async (m) => sent.push(m) }, 'infitah@example.ma');
  const mail = sent.find((m) => m.headers?.['List-Unsubscribe']);
  assert.equal(mail?.headers?.['List-Unsubscribe'], `<${address.href}>`);
  assert.equal(mail?.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
  const after = await db.selectFrom('mail_outbox').select(['status', 'list_unsubscribe']).where('to_address', '=', 'author@example.ma').executeTakeFirstOrThrow();
  assert.deepEqual(after, { status: 'sent', list_unsubscribe: null });

  const post = (path: string, body: string) => app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
  const path = address.pathname + address.search;
  // a GET does nothing (scanners follow links); a POST without the one-click body, or with a forged signature, is refused
  assert.equal((await app.inject(path)).statusCode, 404);
  assert.equal((await post(path, 'x=1')).statusCode, 404);
  assert.equal((await post(path.replace(/token=[^&]+/, 'token=forged'), 'List-Unsubscribe=One-Click')).statusCode, 404);
  assert.equal((await post(path.replace('/settat/', '/province-settat/'), 'List-Unsubscribe=One-Click')).statusCode, 404);
  assert.equal((await db.selectFrom('proposal_mute').selectAll().execute()).length, 0);
  // the mail app's POST, without any session or CSRF token: no more mails about this proposal
  assert.equal((await post(path, 'List-Unsubscribe=One-Click')).statusCode, 204);
  await commenter.client.post(`${href}/comment`, { body: 'تعليق آخر' });
  assert.equal((await db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'author@example.ma').execute()).length, 1);
});
