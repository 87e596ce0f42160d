// Dialogue meetings (issue 13): staff create, postpone and cancel a meeting (registrants told by
// mail in their language); the public reads the calendar and the meeting's page in Arabic and
// French, each meeting's .ics (UID stable, SEQUENCE bumped, STATUS:CANCELLED) and the feed; the
// open-data API pages with from/to. Bad input, the wrong role, another collectivity, no session
// and no CSRF token are refused and change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { casablancaToIso, isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { meetingsPageQuery, monthRange } from '../../src/modules/dialogue/repository.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff, usingPostgres } from '../helpers/app.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Casablanca day `days` from now (YYYY-MM-DD): the tests never depend on the calendar year. */
const dayFromNow = (days: number) => isoToCasablanca(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10);
const localFromNow = (hours: number) => isoToCasablanca(new Date(Date.now() + hours * HOUR).toISOString());

const meetingInput = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  kind: 'local_actors',
  title_ar: 'لقاء تواصلي مع جمعيات المجتمع المدني حول الميزانية التشاركية',
  title_fr: 'Rencontre avec les associations sur le budget participatif',
  title_en: '',
  description_ar: 'تقديم حصيلة السنة ومناقشة المقترحات.',
  date: dayFromNow(10),
  start_time: '10:00',
  duration_minutes: '',
  end_time: '12:30',
  place_ar: 'قاعة الاجتماعات بمقر جماعة سطات',
  place_fr: 'Salle de réunion, siège de la commune de Settat',
  map_url: 'https://www.openstreetmap.org/#map=17/33.0010/-7.6166',
  online_url: '',
  languages: ['ar', 'ary'],
  organizer_ar: 'مصلحة التواصل',
  accessibility_ar: 'القاعة في الطابق الأرضي، مع ترجمة إلى لغة الإشارة.',
  agenda_ar: 'تقديم حصيلة الآلية الدائمة للتحاور\nمناقشة مقترحات الجمعيات\nتحديد الالتزامات',
  agenda_fr: 'Bilan du mécanisme permanent de dialogue\nDébat sur les propositions des associations\nEngagements',
  agenda_en: '',
  registration_enabled: '1',
  capacity: '30',
  registration_opens_at: localFromNow(-24),
  registration_closes_at: `${dayFromNow(9)}T18:00`,
  proposal_ids: '',
  ...over,
});

async function count(db: Db, table: 'meeting' | 'meeting_agenda_point' | 'meeting_link' | 'mail_outbox') {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
const counts = async (db: Db) => ({ meetings: await count(db, 'meeting'), points: await count(db, 'meeting_agenda_point'), links: await count(db, 'meeting_link') });

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  // the demo's meetings, if any, are removed: every count here is of the meetings this file makes
  await db.deleteFrom('meeting').execute();
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(ctx.database, 'moderator@settat.ma', 'moderator', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'focal_point', 'province-settat');
  const editor = await new StaffClient(ctx.app).login('editor@settat.ma');
  return { ...ctx, db, editor, settatId: await collectivityId(ctx.database, 'settat') };
}

/** A meeting written directly (for lists, paging and the API). */
async function insertMeeting(db: Db, collectivityId: number, startsAt: string, over: Record<string, unknown> = {}) {
  const row = await db
    .insertInto('meeting')
    .values({
      collectivity_id: collectivityId,
      kind: 'thematic',
      starts_at: startsAt,
      ends_at: new Date(Date.parse(startsAt) + 2 * HOUR).toISOString(),
      title_ar: `لقاء ${startsAt.slice(0, 10)}`,
      place_ar: 'دار الشباب',
      created_at: startsAt,
      updated_at: startsAt,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

test('an editor creates, postpones and cancels a meeting; the public, calendars and registrants follow', async (t) => {
  const { app, db, editor, settatId } = await setup(t);
  const form = await editor.get('/admin/c/settat/meetings/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="registration_closes_at"[^>]*type="datetime-local"|type="datetime-local"[^>]*name="registration_closes_at"/);

  // the programme's items to link, and a proposal of Settat
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const project = await db.selectFrom('project').select(['id', 'number']).where('programme_id', '=', programme.id).orderBy('number').executeTakeFirstOrThrow();
  const activity = await db.selectFrom('activity').select('id').where('programme_id', '=', programme.id).orderBy('id').executeTakeFirstOrThrow();
  const proposal = await db.selectFrom('proposal').select(['id', 'title']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const foreign = await db.selectFrom('activity').select('id').where('collectivity_id', '!=', settatId).orderBy('id').executeTakeFirst();

  // bad input: a localized message, values kept, nothing saved
  const before = await counts(db);
  const refused = async (over: Record<string, string | string[]>, message: RegExp) => {
    const res = await editor.post('/admin/c/settat/meetings', meetingInput(over));
    assert.equal(res.statusCode, 400, JSON.stringify(over));
    assert.match(res.body, message, JSON.stringify(over));
    assert.match(res.body, /value="Rencontre avec les associations sur le budget participatif"/);
    assert.deepEqual(await counts(db), before);
  };
  await refused({ title_ar: '' }, /هذا الحقل إلزامي/);
  await refused({ end_time: '09:00' }, /لا يمكن أن ينتهي اللقاء قبل أن يبدأ/);
  await refused({ end_time: '', duration_minutes: '' }, /أدخلوا مدة اللقاء أو ساعة نهايته/);
  await refused({ date: '2027-02-30', end_time: '', duration_minutes: '60' }, /أدخل تاريخا صحيحا/);
  await refused({ start_time: '25:00', end_time: '', duration_minutes: '60' }, /أدخلوا ساعة على شكل HH:MM/);
  await refused({ end_time: '', duration_minutes: '5' }, /يجب أن تكون المدة بين 15 دقيقة و24 ساعة/);
  await refused({ online_url: 'http://meet.example.org/settat' }, /أدخلوا رابطا كاملا يبدأ بـ https/);
  await refused({ online_url: 'javascript:alert(1)' }, /أدخلوا رابطا كاملا يبدأ بـ https/);
  await refused({ registration_closes_at: `${dayFromNow(10)}T11:00` }, /يجب أن ينتهي التسجيل قبل بداية اللقاء/);
  await refused({ registration_opens_at: `${dayFromNow(9)}T19:00` }, /يجب أن يبدأ التسجيل قبل نهايته/);
  await refused({ capacity: '0' }, /يجب أن يكون عدد المقاعد مقعدا واحدا على الأقل/);
  await refused({ languages: [] }, /اختاروا لغة واحدة على الأقل/);
  await refused({ place_ar: '', place_fr: '', online_url: '' }, /أدخلوا مكان اللقاء أو رابط المشاركة عن بعد/);
  await refused({ proposal_ids: '999999999' }, /هذه المقترحات غير موجودة في هذه الجماعة/);
  await refused({ project_ids: ['999999'] }, /ليس من برنامج عمل هذه الجماعة/);
  if (foreign) await refused({ activity_ids: [String(foreign.id)] }, /ليس من برنامج عمل هذه الجماعة/);

  const input = meetingInput({ project_ids: [String(project.id)], activity_ids: [String(activity.id)], proposal_ids: String(proposal.id) });
  const created = await editor.post('/admin/c/settat/meetings', input);
  assert.equal(created.statusCode, 303, created.body.slice(0, 500));
  const m = await db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
  assert.equal(String(created.headers.location), `/admin/c/settat/meetings/${m.id}`);
  assert.equal(m.starts_at, casablancaToIso(`${input.date}T10:00`));
  assert.equal(m.ends_at, casablancaToIso(`${input.date}T12:30`));
  assert.equal(m.status, 'planned');
  assert.equal(m.sequence, 0);
  assert.equal(m.languages, 'ar,ary');
  assert.equal(await count(db, 'meeting_agenda_point'), 3);
  assert.equal(await count(db, 'meeting_link'), 3);
  assert.ok(await db.selectFrom('change_log').select('id').where('entity_type', '=', 'meeting').where('entity_id', '=', m.id).executeTakeFirst(), 'audited');
  assert.equal((await editor.get(`/admin/c/settat/meetings/${m.id}/edit`)).statusCode, 200);

  // the public calendar and page, in Arabic and French
  const list = await app.inject('/ar/c/settat/meetings');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /لقاء تواصلي مع جمعيات المجتمع المدني/);
  assert.match(list.body, new RegExp(`href="/ar/c/settat/meetings/${m.id}"`));
  assert.match((await app.inject('/fr/c/settat/meetings')).body, /Rencontre avec les associations sur le budget participatif/);
  const page = await app.inject(`/ar/c/settat/meetings/${m.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /مناقشة مقترحات الجمعيات/);
  assert.match(page.body, /بقي 30 مقعد|بقيت 30 مقاعد|بقي 30 مقعدا/);
  assert.match(page.body, new RegExp(`href="/ar/c/settat/meetings/${m.id}/register"`));
  assert.match(page.body, new RegExp(`href="/ar/c/settat/meetings/${m.id}.ics"`));
  assert.match(page.body, new RegExp(`href="/ar/c/settat/programme/projects/${project.number}"`));
  assert.match(page.body, new RegExp(`href="/ar/c/settat/programme/activities/${activity.id}"`));
  assert.match(page.body, new RegExp(`href="/ar/c/settat/proposals/${proposal.id}"`));
  assert.match(page.body, /href="https:\/\/www.openstreetmap.org/);
  const fr = await app.inject(`/fr/c/settat/meetings/${m.id}`);
  assert.match(fr.body, /Débat sur les propositions des associations/);
  assert.match(fr.body, /30 places restantes sur 30/);
  assert.equal((await app.inject(`/ar/c/province-settat/meetings/${m.id}`)).statusCode, 404);
  assert.equal((await app.inject('/ar/c/settat/meetings/999999')).statusCode, 404);

  const ics = async () => {
    const res = await app.inject(`/fr/c/settat/meetings/${m.id}.ics`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/calendar; charset=utf-8/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent')!);
    return { event, body: res.body };
  };
  const first = await ics();
  assert.equal(first.event.summary, 'Rencontre avec les associations sur le budget participatif');
  assert.equal(first.event.startDate.toJSDate().toISOString(), m.starts_at);
  assert.equal(first.event.component.getFirstPropertyValue('sequence'), 0);

  // registrations, written directly (the registration page is another part): two confirmed (one
  // an association's 3 members), one waiting, one cancelled
  const person = async (email: string, locale: string) => {
    const u = await upsertUser(db, { email, password: 'كلمة-سر-طويلة-2024', displayName: email.split('@')[0], verified: true });
    await db.updateTable('app_user').set({ locale }).where('id', '=', u.id).execute();
    return u.id;
  };
  const at = new Date().toISOString();
  const register = async (userId: number, status: string, seats = 1) =>
    db.insertInto('meeting_registration').values({ collectivity_id: settatId, meeting_id: m.id, user_id: userId, seats, status, created_at: at, updated_at: at }).execute();
  await register(await person('amina@example.ma', 'ar'), 'confirmed');
  await register(await person('association@example.ma', 'fr'), 'confirmed', 3);
  await register(await person('youssef@example.ma', 'ar'), 'waitlisted');
  await register(await person('gone@example.ma', 'ar'), 'cancelled');

  // the capacity cannot drop below the 4 seats confirmed
  await editor.get(`/admin/c/settat/meetings/${m.id}/edit`);
  const lowered = await editor.post(`/admin/c/settat/meetings/${m.id}/edit`, { ...input, capacity: '3' });
  assert.equal(lowered.statusCode, 400);
  assert.match(lowered.body, /لا يمكن أن يقل عدد المقاعد عن المقاعد المحجوزة بتسجيلات مؤكدة: 4 مقاعد محجوزة/);
  assert.equal((await db.selectFrom('meeting').select('capacity').executeTakeFirstOrThrow()).capacity, 30);
  // an edit a calendar sees bumps the sequence; one it does not see keeps it
  assert.equal((await editor.post(`/admin/c/settat/meetings/${m.id}/edit`, { ...input, capacity: '4' })).statusCode, 303);
  assert.equal((await db.selectFrom('meeting').select('sequence').executeTakeFirstOrThrow()).sequence, 0);
  assert.match((await app.inject(`/fr/c/settat/meetings/${m.id}`)).body, /Complet/);
  // one seat more: the first waiting takes it, and is told
  assert.equal((await editor.post(`/admin/c/settat/meetings/${m.id}/edit`, { ...input, capacity: '5' })).statusCode, 303);
  const youssef = await db.selectFrom('meeting_registration as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select('r.status').where('u.email', '=', 'youssef@example.ma').executeTakeFirstOrThrow();
  assert.equal(youssef.status, 'confirmed');
  assert.match((await db.selectFrom('mail_outbox').select('subject').where('to_address', '=', 'youssef@example.ma').executeTakeFirstOrThrow()).subject, /^تحرر مقعد/);

  // postponed: the first start kept, the status said, the calendar told
  await editor.get(`/admin/c/settat/meetings/${m.id}`);
  const badPostpone = await editor.post(`/admin/c/settat/meetings/${m.id}/postpone`, { date: dayFromNow(12), start_time: '10:00', duration_minutes: '', end_time: '08:00' });
  assert.equal(badPostpone.statusCode, 400);
  assert.match(badPostpone.body, /لا يمكن أن ينتهي اللقاء قبل أن يبدأ/);
  const postponed = await editor.post(`/admin/c/settat/meetings/${m.id}/postpone`, { date: dayFromNow(12), start_time: '16:00', duration_minutes: '90', end_time: '' });
  assert.equal(postponed.statusCode, 303, postponed.body.slice(0, 500));
  const after = await db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
  assert.equal(after.status, 'postponed');
  assert.equal(after.postponed_from, m.starts_at);
  assert.equal(after.starts_at, casablancaToIso(`${dayFromNow(12)}T16:00`));
  assert.equal(Date.parse(after.ends_at) - Date.parse(after.starts_at), 90 * 60_000);
  assert.equal(after.sequence, 1);
  const second = await ics();
  assert.equal(second.event.uid, first.event.uid);
  assert.equal(second.event.component.getFirstPropertyValue('sequence'), 1);
  assert.equal(second.event.startDate.toJSDate().toISOString(), after.starts_at);
  assert.match((await app.inject(`/ar/c/settat/meetings/${m.id}`)).body, /أُجّل من/);

  // cancelled with a reason: the registrants still expecting it are told, each in their language
  await editor.get(`/admin/c/settat/meetings/${m.id}`);
  const mailsBefore = await count(db, 'mail_outbox');
  const noReason = await editor.post(`/admin/c/settat/meetings/${m.id}/cancel`, { cancel_reason_ar: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /هذا الحقل إلزامي/);
  assert.equal(await count(db, 'mail_outbox'), mailsBefore);
  const cancelled = await editor.post(`/admin/c/settat/meetings/${m.id}/cancel`, { cancel_reason_ar: 'تزامن اللقاء مع دورة استثنائية للمجلس.', cancel_reason_fr: "Le conseil tient une session extraordinaire le même jour." });
  assert.equal(cancelled.statusCode, 303);
  const final = await db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
  assert.equal(final.status, 'cancelled');
  assert.equal(final.sequence, 2);
  const mails = await db.selectFrom('mail_outbox').selectAll().where('id', '>', 0).orderBy('id').execute();
  const sent = mails.slice(mailsBefore);
  assert.deepEqual(sent.map((x) => x.to_address).sort(), ['amina@example.ma', 'association@example.ma', 'youssef@example.ma']);
  const french = sent.find((x) => x.to_address === 'association@example.ma')!;
  assert.match(french.subject, /^Rencontre annulée : Rencontre avec les associations/);
  assert.match(french.text_body, /session extraordinaire/);
  assert.match(french.text_body, new RegExp(`/fr/c/settat/meetings/${m.id}`));
  assert.match(sent.find((x) => x.to_address === 'amina@example.ma')!.subject, /^إلغاء اللقاء/);
  assert.equal(french.collectivity_id, settatId);
  // with the cancelled event, for a calendar that took the confirmation's .ics
  assert.equal(french.attachment_name, `meeting-${m.id}.ics`);
  assert.match(french.attachment_content ?? '', /STATUS:CANCELLED/);
  assert.match(french.attachment_content ?? '', /SEQUENCE:2/);
  assert.match(french.attachment_content ?? '', new RegExp(`UID:${first.event.uid}`));

  const third = await ics();
  assert.equal(third.event.uid, first.event.uid);
  assert.match(third.body, /STATUS:CANCELLED/);
  assert.equal(third.event.component.getFirstPropertyValue('sequence'), 2);
  const cancelledPage = await app.inject(`/ar/c/settat/meetings/${m.id}`);
  assert.match(cancelledPage.body, /تزامن اللقاء مع دورة استثنائية للمجلس/);
  assert.doesNotMatch(cancelledPage.body, /\/register"/);
  // a cancelled meeting is cancelled once, and is not postponed
  await editor.get(`/admin/c/settat/meetings/${m.id}`);
  const again = await editor.post(`/admin/c/settat/meetings/${m.id}/postpone`, { date: dayFromNow(14), start_time: '10:00', duration_minutes: '60', end_time: '' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /هذا اللقاء ملغى/);
});

test('the wrong role, another collectivity, no session and no CSRF token are refused and change nothing', async (t) => {
  const { app, db, editor } = await setup(t);
  await editor.get('/admin/c/settat/meetings/new');
  assert.equal((await editor.post('/admin/c/settat/meetings', meetingInput())).statusCode, 303);
  const m = await db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
  const base = `/admin/c/settat/meetings/${m.id}`;
  const before = { ...(await counts(db)), log: await db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() };
  const writes: [string, Record<string, string | string[]>][] = [
    ['/admin/c/settat/meetings', meetingInput({ title_ar: 'لقاء آخر' })],
    [`${base}/edit`, meetingInput({ title_ar: 'عنوان مغير' })],
    [`${base}/postpone`, { date: dayFromNow(20), start_time: '10:00', duration_minutes: '60', end_time: '' }],
    [`${base}/cancel`, { cancel_reason_ar: 'سبب' }],
  ];
  for (const email of ['committee@settat.ma', 'moderator@settat.ma', 'focal@province.ma']) {
    const other = await new StaffClient(app).login(email);
    assert.equal((await other.get('/admin/c/settat/meetings')).statusCode, 403, email);
    assert.equal((await other.get(base)).statusCode, 403, email);
    for (const [url, body] of writes) assert.equal((await other.post(url, body)).statusCode, 403, `${email} ${url}`);
  }
  // the province's focal point, on the province's URL, does not reach Settat's meeting
  const province = await new StaffClient(app).login('focal@province.ma');
  await province.get('/admin/c/province-settat/meetings');
  assert.equal((await province.get(`/admin/c/province-settat/meetings/${m.id}`)).statusCode, 404);
  assert.equal((await province.post(`/admin/c/province-settat/meetings/${m.id}/cancel`, { cancel_reason_ar: 'سبب' })).statusCode, 404);
  assert.equal((await province.post(`/admin/c/province-settat/meetings/${m.id}/edit`, meetingInput({ title_ar: 'عنوان مغير' }))).statusCode, 404);
  // no session: to the login page
  const anon = new StaffClient(app);
  for (const [url, body] of writes) {
    const res = await anon.post(url, body);
    assert.equal(res.statusCode, 303, url);
    assert.match(String(res.headers.location), /\/admin\/login/);
  }
  // no or a forged CSRF token
  await editor.get(base);
  for (const [url, body] of writes) {
    assert.equal((await editor.post(url, body, { csrf: '' })).statusCode, 403, url);
    assert.equal((await editor.post(url, body, { csrf: 'forged' })).statusCode, 403, url);
  }
  const now = { ...(await counts(db)), log: await db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() };
  assert.deepEqual(now, before);
  const still = await db.selectFrom('meeting').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual(still, m);
  // the focal point may (meeting.manage)
  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await focal.get(base)).statusCode, 200);
});

test('the calendar pages upcoming and past meetings, filters by kind and month; the feed and the home follow', async (t) => {
  const { app, db, settatId } = await setup(t);
  const now = Date.now();
  // 25 upcoming (days 1..25, at 10:00 UTC), 30 past (days -1..-30), one long past (-200 days)
  const at = (days: number) => new Date(Math.floor((now + days * DAY) / DAY) * DAY + 10 * HOUR).toISOString();
  for (let d = 1; d <= 25; d++) await insertMeeting(db, settatId, at(d), d === 3 ? { kind: 'district', title_ar: 'لقاء الحي الثالث' } : {});
  for (let d = 1; d <= 30; d++) await insertMeeting(db, settatId, at(-d), d === 2 ? { status: 'cancelled', cancel_reason_ar: 'عطلة رسمية' } : {});
  const old = await insertMeeting(db, settatId, at(-200));
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();

  const ids = (html: string, section: 'upcoming' | 'past') => {
    const part = html.split('id="past"')[section === 'upcoming' ? 0 : 1];
    return [...part.matchAll(/href="\/ar\/c\/settat\/meetings\/(\d+)"/g)].map((x) => Number(x[1]));
  };
  const first = await app.inject('/ar/c/settat/meetings');
  assert.equal(first.statusCode, 200);
  assert.equal(ids(first.body, 'upcoming').length, 20);
  assert.equal(ids(first.body, 'past').length, 20);
  const upcomingNext = /href="(\/ar\/c\/settat\/meetings\?upcoming=[^"#]+)#upcoming"/.exec(first.body)?.[1];
  assert.ok(upcomingNext, 'a link to the next upcoming page');
  const second = await app.inject(upcomingNext.replaceAll('&amp;', '&'));
  assert.equal(second.statusCode, 200);
  const rest = ids(second.body, 'upcoming');
  assert.equal(rest.length, 5);
  assert.equal(new Set([...ids(first.body, 'upcoming'), ...rest]).size, 25, 'no meeting twice, none missed');
  // soonest first; past newest first
  const rows = await db.selectFrom('meeting').select(['id', 'starts_at']).execute();
  const start = new Map(rows.map((r) => [r.id, r.starts_at]));
  const upcoming = ids(first.body, 'upcoming').map((id) => start.get(id)!);
  assert.deepEqual(upcoming, [...upcoming].sort());
  const past = ids(first.body, 'past').map((id) => start.get(id)!);
  assert.deepEqual(past, [...past].sort().reverse());
  assert.match(first.body, /عطلة رسمية/);

  const district = await app.inject('/ar/c/settat/meetings?kind=district');
  assert.deepEqual(ids(district.body, 'upcoming').length, 1);
  assert.match(district.body, /لقاء الحي الثالث/);
  const month = at(-200).slice(0, 7);
  const inMonth = await app.inject(`/ar/c/settat/meetings?month=${month}`);
  assert.ok(ids(inMonth.body, 'past').includes(old));
  // junk in the query string is ignored, not an error
  assert.equal((await app.inject('/ar/c/settat/meetings?kind=x&month=2025-13&upcoming=zz')).statusCode, 200);

  // the feed: upcoming and the last 90 days, cancellations included
  const feed = await app.inject('/ar/c/settat/meetings.ics');
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers['content-type']), /^text\/calendar; charset=utf-8/);
  assert.ok(feed.headers.etag);
  const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent');
  assert.equal(events.length, 55);
  assert.ok(!feed.body.includes(`meeting-${old}@`), 'older than 90 days: not in the feed');
  assert.match(feed.body, /STATUS:CANCELLED/);
  assert.equal((await app.inject({ url: '/ar/c/settat/meetings.ics', headers: { 'if-none-match': String(feed.headers.etag) } })).statusCode, 304);

  // the home shows the next meeting and links to the calendar
  const home = await app.inject('/ar/c/settat');
  assert.match(home.body, /href="\/ar\/c\/settat\/meetings"/);
  const next = rows.filter((r) => r.starts_at > new Date().toISOString()).sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0];
  assert.match(home.body, new RegExp(`href="/ar/c/settat/meetings/${next.id}"`));
  // and the sitemap lists the calendar and the meetings
  const sitemap = await app.inject('/c/settat/sitemap.xml');
  assert.match(sitemap.body, /\/ar\/c\/settat\/meetings</);
  assert.match(sitemap.body, new RegExp(`/ar/c/settat/meetings/${next.id}<`));
});

test('the API lists meetings with attendance and commitments, a page at a time, between two dates', async (t) => {
  const { app, db, settatId, database } = await setup(t);
  const day = (d: string, time = '09:00') => casablancaToIso(`${d}T${time}`);
  const a = await insertMeeting(db, settatId, day('2025-03-04'), { title_fr: 'Rencontre de mars', is_example: 1 });
  const b = await insertMeeting(db, settatId, day('2025-03-20'), { status: 'held', attendance_total: 64, attendance_women: 29, attendance_men: 35, attendance_youth: 18 });
  const c = await insertMeeting(db, settatId, day('2025-04-02'));
  await insertMeeting(db, settatId, day('2025-05-15'), { status: 'cancelled', cancel_reason_ar: 'سبب الإلغاء' });
  await insertMeeting(db, await collectivityId(database, 'province-settat'), day('2025-03-10'));
  const activity = await db.selectFrom('activity').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const stamp = new Date().toISOString();
  await db
    .insertInto('meeting_commitment')
    .values([
      { collectivity_id: settatId, meeting_id: b, position: 1, what_ar: 'نشر محضر اللقاء', who_ar: 'مصلحة التواصل', due_on: '2025-04-01', status: 'done', closed_on: '2025-03-28', created_at: stamp, updated_at: stamp },
      { collectivity_id: settatId, meeting_id: b, position: 2, what_ar: 'تهيئة فضاء للجمعيات', due_on: '2025-09-30', status: 'in_progress', activity_id: activity.id, created_at: stamp, updated_at: stamp },
    ])
    .execute();

  const res = await app.inject('/api/v1/collectivities/settat/meetings?limit=2');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(body.meetings.map((m: { id: number }) => m.id), [a, b]);
  assert.deepEqual(body.meetings[0].title, { ar: 'لقاء 2025-03-04', fr: 'Rencontre de mars' });
  assert.equal(body.meetings[0].attendance, null);
  assert.equal(body.meetings[0].demo, true);
  assert.equal(body.meetings[0].kind, 'thematic');
  assert.equal(body.meetings[0].startsAt, day('2025-03-04'));
  assert.deepEqual(body.meetings[0].place, { ar: 'دار الشباب' });
  assert.equal(body.meetings[1].attendance.total, 64);
  assert.equal(body.meetings[1].attendance.women, 29);
  assert.equal(body.meetings[1].attendance.online, null);
  assert.deepEqual(body.meetings[1].commitments, [
    { id: body.meetings[1].commitments[0].id, what: { ar: 'نشر محضر اللقاء' }, who: { ar: 'مصلحة التواصل' }, dueOn: '2025-04-01', status: 'done', closedOn: '2025-03-28', activityId: null },
    { id: body.meetings[1].commitments[1].id, what: { ar: 'تهيئة فضاء للجمعيات' }, dueOn: '2025-09-30', status: 'in_progress', closedOn: null, activityId: activity.id },
  ]);
  assert.ok(body.next);
  const page2 = (await app.inject(`/api/v1/collectivities/settat/meetings?limit=2&after=${encodeURIComponent(body.next)}`)).json();
  assert.deepEqual(page2.meetings.map((m: { id: number }) => m.id).length, 2);
  assert.equal(page2.meetings[0].id, c);
  assert.equal(page2.meetings[1].status, 'cancelled');
  assert.deepEqual(page2.meetings[1].cancelReason, { ar: 'سبب الإلغاء' });
  assert.equal(page2.next, null);

  const between = (await app.inject('/api/v1/collectivities/settat/meetings?from=2025-03-20&to=2025-04-02')).json();
  assert.deepEqual(between.meetings.map((m: { id: number }) => m.id), [b, c]);
  const cached = await app.inject('/api/v1/collectivities/settat/meetings?from=2025-03-20&to=2025-04-02');
  assert.equal((await app.inject({ url: '/api/v1/collectivities/settat/meetings?from=2025-03-20&to=2025-04-02', headers: { 'if-none-match': String(cached.headers.etag) } })).statusCode, 304);

  // bad queries and unknown collectivities: problem+json
  for (const q of ['from=2025-02-30', 'from=2025-05-01&to=2025-04-01', 'limit=0', 'after=x']) {
    const bad = await app.inject(`/api/v1/collectivities/settat/meetings?${q}`);
    assert.equal(bad.statusCode, 400, q);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  }
  assert.equal((await app.inject('/api/v1/collectivities/nowhere/meetings')).statusCode, 404);

  // in the OpenAPI document
  const doc = (await app.inject('/api/v1/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/collectivities/{slug}/meetings']?.get, 'documented');
  assert.ok(doc.components.schemas.Meeting && doc.components.schemas.MeetingCommitment && doc.components.schemas.MeetingAttendance);
});

test('the calendar reads a page from the indexes, not over every meeting (SQLite query plans)', async (t) => {
  if (usingPostgres) return t.skip('plans of SQLite; PostgreSQL picks by its statistics');
  const { db, settatId } = await setup(t);
  const start = Date.parse('2025-01-01T09:00:00Z');
  const rows = Array.from({ length: 500 }, (_, i) => ({
    collectivity_id: settatId, kind: i % 3 === 0 ? 'district' : 'thematic', starts_at: new Date(start + i * DAY).toISOString(), ends_at: new Date(start + i * DAY + HOUR).toISOString(),
    title_ar: `لقاء ${i}`, created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z',
  }));
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('meeting').values(rows.slice(i, i + 100)).execute();
  await sql`analyze`.execute(db);
  const cursor = { startsAt: new Date(start + 250 * DAY).toISOString(), id: 1 };
  const month = monthRange('2025-06');
  const variants: [string, Parameters<typeof meetingsPageQuery>[2], RegExp][] = [
    ['upcoming, a later page', { from: rows[100].starts_at, after: cursor, limit: 20, order: 'asc' }, /meeting_calendar/],
    ['past, a later page', { to: rows[400].starts_at, after: cursor, limit: 20, order: 'desc' }, /meeting_calendar/],
    ['by kind and month', { kind: 'district', from: month.from, to: month.to, after: null, limit: 20, order: 'asc' }, /meeting_kind/],
  ];
  for (const [name, options, index] of variants) {
    const compiled = meetingsPageQuery(db, settatId, options).compile();
    const plan = (await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))).rows.map((r) => r.detail).join(' | ');
    assert.match(plan, /SEARCH meeting USING INDEX/, `${name}: ${plan}`);
    assert.match(plan, index, `${name}: ${plan}`);
    assert.match(plan, /starts_at[<>]/, `${name}: the index seeks on the start: ${plan}`);
    assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, `${name}: no sort of the whole range: ${plan}`);
  }
});
