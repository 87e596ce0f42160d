// Registration for meetings (src/modules/dialogue/registration*.ts): seats and the waiting list,
// the confirmation mail with the meeting's .ics and a signed cancellation link, cancellation that
// promotes the waiting list, every refusal with nothing saved, the last seat under 50 concurrent
// requests (two instances on PostgreSQL), the reminder claimed once across instances, "my space",
// personal data, and the door list (HTML, CSV, XLSX) for staff only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../src/platform/auth/sessions.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { deleteAccount } from '../../src/modules/accounts/commands/profile.ts';
import { fillFreedSeats, mailMeetingCancelled } from '../../src/modules/dialogue/registration.ts';
import { sendMeetingReminders } from '../../src/modules/dialogue/reminders.ts';
import { allRegistrations, doorList } from '../../src/modules/dialogue/registrations-export.ts';
import type { MeetingTable } from '../../src/modules/dialogue/tables.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff, secondInstance, usingPostgres } from '../helpers/app.ts';

const HOUR = 3_600_000;
const iso = (offset: number, from = Date.now()) => new Date(from + offset).toISOString();

async function addMeeting(db: Db, cId: number, values: Partial<Record<keyof MeetingTable, unknown>> = {}): Promise<number> {
  const starts = (values.starts_at as string | undefined) ?? iso(72 * HOUR);
  const row = await db
    .insertInto('meeting')
    .values({
      collectivity_id: cId,
      kind: 'local_actors',
      starts_at: starts,
      ends_at: iso(2 * HOUR, Date.parse(starts)),
      title_ar: 'لقاء تواصلي مع جمعيات المجتمع المدني',
      title_fr: 'Rencontre avec les associations',
      title_en: null,
      place_ar: 'قاعة الاجتماعات بمقر الجماعة',
      place_fr: 'Salle des réunions de la commune',
      place_en: null,
      registration_enabled: 1,
      capacity: 2,
      created_at: iso(-HOUR),
      updated_at: iso(-HOUR),
      ...values,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A verified account signed in by a session row (no password hashing: fast enough for 50). */
async function citizen(app: FastifyInstance, db: Db, email: string, options: { kind?: 'person' | 'association'; locale?: string; name?: string } = {}) {
  const { id } = await db
    .insertInto('app_user')
    .values({ email, password_hash: 'x', display_name: options.name ?? email.split('@')[0], created_at: iso(0), email_verified_at: iso(0), account_kind: options.kind ?? 'person', locale: options.locale ?? 'fr' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, id);
  const client = new StaffClient(app);
  client.jar.store(`infitah_session=${token}; Path=/`);
  return Object.assign(client, { id, email });
}

const page = (meetingId: number, slug = 'settat', locale = 'fr') => `/${locale}/c/${slug}/meetings/${meetingId}/register`;

async function register(client: StaffClient, meetingId: number, form: Record<string, string> = {}, options: { csrf?: string; slug?: string } = {}) {
  await client.get(page(meetingId, options.slug));
  return client.post(page(meetingId, options.slug), form, options.csrf === undefined ? {} : { csrf: options.csrf });
}

const registrations = (db: Db, meetingId: number) =>
  db.selectFrom('meeting_registration').select(['id', 'user_id', 'seats', 'status']).where('meeting_id', '=', meetingId).orderBy('id').execute();

const mailsTo = (db: Db, to: string) =>
  db.selectFrom('mail_outbox').select(['id', 'subject', 'text_body', 'html_body', 'attachment_name', 'attachment_type', 'attachment_content']).where('to_address', '=', to).orderBy('id').execute();

const cancelPathIn = (text: string) => /\/(?:ar|fr|en)\/c\/[\w-]+\/meetings\/\d+\/cancel-registration\?user=\d+&token=[\w-]+/.exec(text)?.[0];

test('journey: confirmed with the .ics, full, wait-listed, cancelled by the mail link, the first that fits is promoted and mailed', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const meetingId = await addMeeting(db, settatId, { capacity: 2 });

  // an anonymous visitor is sent to log in, and comes back here
  const anonymous = await app.inject(page(meetingId));
  assert.equal(anonymous.statusCode, 303);
  assert.match(anonymous.headers.location!, new RegExp(`/fr/account/login\\?next=${encodeURIComponent(page(meetingId)).replace(/[.?]/g, '\\$&')}`));

  const amina = await citizen(app, db, 'amina@example.ma', { locale: 'ar' });
  const form = await amina.get(page(meetingId, 'settat', 'ar'));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /بقي مقعدان من أصل 2/);
  assert.equal((await amina.post(page(meetingId, 'settat', 'ar'), {})).statusCode, 303);
  assert.match((await amina.get(page(meetingId, 'settat', 'ar'))).body, /تسجيلك مؤكد: مقعد واحد/);

  // the confirmation, in the account's language, with the meeting's .ics and a cancellation link
  const [confirmation] = await mailsTo(db, 'amina@example.ma');
  assert.match(confirmation.subject, /^تأكيد التسجيل: لقاء تواصلي/);
  assert.equal(confirmation.attachment_name, `meeting-${meetingId}.ics`);
  assert.equal(confirmation.attachment_type, 'text/calendar; charset=utf-8; method=PUBLISH');
  assert.match(confirmation.attachment_content!, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*UID:meeting-\d+@/);
  assert.match(confirmation.attachment_content!, /X-WR-TIMEZONE:Africa\/Casablanca/);
  const aminaCancel = cancelPathIn(confirmation.text_body);
  assert.ok(aminaCancel, 'the mail has the cancellation link');
  assert.ok(confirmation.html_body!.includes('cancel-registration'), 'the HTML part has it too');

  // an association registers 2 members: 1 + 2 > 2, wait-listed first in line
  const asso = await citizen(app, db, 'asso@example.ma', { kind: 'association', name: 'جمعية الأمل' });
  const assoForm = await asso.get(page(meetingId));
  assert.match(assoForm.body, /name="seats"/, 'an association says how many members come');
  assert.equal((await asso.post(page(meetingId), { seats: '2' })).statusCode, 303);
  assert.match((await asso.get(page(meetingId))).body, /vous êtes n° 1 sur la liste d’attente \(2 places\)/);
  const [waitMail] = await mailsTo(db, 'asso@example.ma');
  assert.match(waitMail.subject, /^Liste d’attente/);
  assert.match(waitMail.text_body, /n° 1 sur la liste d’attente/);
  assert.equal(waitMail.attachment_name, `meeting-${meetingId}.ics`);

  // one seat is still free: a person after the association gets it (it fits, the association does not)
  const karim = await citizen(app, db, 'karim@example.ma');
  assert.equal((await register(karim, meetingId)).statusCode, 303);
  const salma = await citizen(app, db, 'salma@example.ma');
  assert.equal((await register(salma, meetingId)).statusCode, 303);
  const full = await salma.get(page(meetingId));
  assert.match(full.body, /vous êtes n° 2 sur la liste d’attente/);
  assert.deepEqual((await registrations(db, meetingId)).map((r) => r.status), ['confirmed', 'waitlisted', 'confirmed', 'waitlisted']);
  const other = await citizen(app, db, 'other@example.ma');
  assert.match((await other.get(page(meetingId))).body, /La rencontre est complète : toute nouvelle inscription va sur la liste d’attente \(2 personnes attendent\)/);

  // the mail's link: the GET only asks, and works without a session
  const visitor = new StaffClient(app);
  const ask = await visitor.get(aminaCancel!);
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /name="token"/);
  assert.equal((await registrations(db, meetingId))[0].status, 'confirmed', 'a GET changes nothing');
  const token = new URL(aminaCancel!, 'http://x').searchParams;
  const done = await visitor.post(aminaCancel!.split('?')[0], { user: token.get('user')!, token: token.get('token')! });
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /أُلغي تسجيلك/);

  // amina's seat went to salma (1 seat fits), not to the association (2 do not)
  assert.deepEqual((await registrations(db, meetingId)).map((r) => r.status), ['cancelled', 'waitlisted', 'confirmed', 'confirmed']);
  const promoted = (await mailsTo(db, 'salma@example.ma')).at(-1)!;
  assert.match(promoted.subject, /^Une place s’est libérée/);
  assert.equal(promoted.attachment_name, `meeting-${meetingId}.ics`);
  assert.ok(cancelPathIn(promoted.text_body));
  assert.match((await asso.get(page(meetingId))).body, /n° 1 sur la liste d’attente/);

  // the meeting's editor raises the capacity: fillFreedSeats gives the association its seats
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('meeting').set({ capacity: 4 }).where('id', '=', meetingId).execute();
    assert.deepEqual((await fillFreedSeats(trx, settatId, meetingId)).map((p) => p.userId), [asso.id]);
  });
  assert.match((await mailsTo(db, 'asso@example.ma')).at(-1)!.subject, /^Une place s’est libérée/);

  // cancelled, amina may register again: the same row, at the end of the queue
  const again = await register(amina, meetingId);
  assert.equal(again.statusCode, 303);
  const rows = await registrations(db, meetingId);
  assert.equal(rows.length, 4);
  assert.equal(rows[0].status, 'waitlisted');

  // the meeting is cancelled (by its editor): everyone registered is told, with an .ics that removes it
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('meeting').set({ status: 'cancelled', cancel_reason_fr: 'Salle indisponible', sequence: 1 }).where('id', '=', meetingId).execute();
    assert.equal(await mailMeetingCancelled(trx, settatId, meetingId), 4);
  });
  const told = (await mailsTo(db, 'karim@example.ma')).at(-1)!;
  assert.match(told.subject, /^Rencontre annulée/);
  assert.match(told.text_body, /Motif : Salle indisponible/);
  assert.doesNotMatch(told.text_body, /cancel-registration/);
  assert.match(told.attachment_content!, /STATUS:CANCELLED/);
  assert.match(told.attachment_content!, /SEQUENCE:1/);
  assert.match((await amina.get('/fr/account')).body, /rencontre annulée/);
});

test('refusals, each with a localized message and nothing saved: past, started, cancelled, not enabled, before and after the window, twice, too many seats, no CSRF, another collectivity', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const amina = await citizen(app, db, 'amina@example.ma');
  const asso = await citizen(app, db, 'asso@example.ma', { kind: 'association' });
  const count = async () => ({
    registrations: (await db.selectFrom('meeting_registration').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    mails: (await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  });
  const before = await count();
  // a page that takes registrations gives the CSRF token (a closed one shows no form): the
  // posts below are what a page left open in a browser would send
  const open = await addMeeting(db, settatId);
  const refused = async (meetingId: number, message: RegExp, client = amina, form: Record<string, string> = {}) => {
    await client.get(page(open));
    const res = await client.post(page(meetingId), form);
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    assert.match(res.body, message);
  };

  await refused(await addMeeting(db, settatId, { starts_at: iso(-2 * HOUR) }), /Cette rencontre a commencé ou est passée/);
  await refused(await addMeeting(db, settatId, { status: 'held', starts_at: iso(-30 * HOUR) }), /a commencé ou est passée/);
  await refused(await addMeeting(db, settatId, { status: 'cancelled', cancel_reason_fr: 'Intempéries' }), /Cette rencontre est annulée/);
  await refused(await addMeeting(db, settatId, { registration_enabled: 0 }), /ne demande pas d’inscription/);
  const opens = iso(24 * HOUR);
  await refused(await addMeeting(db, settatId, { registration_opens_at: opens }), /Les inscriptions ouvrent le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);
  await refused(await addMeeting(db, settatId, { registration_closes_at: iso(-HOUR) }), /Les inscriptions ont fermé le \d{1,2} \S+ \d{4} à/);
  const small = await addMeeting(db, settatId, { capacity: 3 });
  await refused(small, /La rencontre n’a que 3 places/, asso, { seats: '4' });
  await refused(small, /Saisissez un nombre d’au moins 1/, asso, { seats: '0' });
  await refused(small, /Saisissez un nombre de 50 au plus/, asso, { seats: '51' });
  await refused(small, /Saisissez un nombre entier/, asso, { seats: 'beaucoup' });
  assert.deepEqual(await count(), before, 'nothing saved, no mail');

  // no CSRF token
  assert.equal((await register(amina, open, {}, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await register(amina, open, {}, { csrf: '' })).statusCode, 403);
  // Settat's meeting through another collectivity's address is unknown
  assert.equal((await amina.get(page(open, 'province-settat'))).statusCode, 404);
  assert.equal((await amina.post(page(open, 'province-settat'), {})).statusCode, 404);
  assert.deepEqual(await count(), before);

  // twice: the second is refused, the first stays
  assert.equal((await register(amina, open)).statusCode, 303);
  await refused(open, /Vous êtes déjà inscrit\(e\) à cette rencontre/);
  assert.equal((await registrations(db, open)).length, 1);
  // the window's closing refuses a person who comes too late (also in Arabic)
  const ar = await amina.get(page(await addMeeting(db, settatId, { registration_closes_at: iso(-HOUR) }), 'settat', 'ar'));
  assert.match(ar.body, /أُغلق التسجيل في/);
});

test('50 concurrent registrations for the last seat: exactly one confirmed, 49 wait-listed in order', async (t) => {
  const first = await buildTestApp(t);
  const db = first.database.db;
  // on PostgreSQL, two instances on one database share the requests; SQLite is one file written by one process
  const apps = usingPostgres ? [first.app, (await secondInstance(t, first)).app] : [first.app];
  const settatId = await collectivityId(first.database, 'settat');
  const meetingId = await addMeeting(db, settatId, { capacity: 5 });
  for (let i = 0; i < 4; i++) assert.equal((await register(await citizen(first.app, db, `early${i}@example.ma`), meetingId)).statusCode, 303);
  const people = [];
  for (let i = 0; i < 50; i++) {
    const c = await citizen(first.app, db, `p${i}@example.ma`);
    await c.get(page(meetingId));
    people.push(c);
  }
  const answers = await Promise.all(
    people.map((c, i) =>
      apps[i % apps.length].inject({
        method: 'POST',
        url: page(meetingId),
        headers: { cookie: c.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: c.csrf }).toString(),
      }),
    ),
  );
  assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [303]);
  const ids = new Set(people.map((p) => p.id));
  const rows = (await registrations(db, meetingId)).filter((r) => ids.has(r.user_id));
  assert.equal(rows.length, 50);
  assert.equal(rows.filter((r) => r.status === 'confirmed').length, 1);
  assert.equal(rows.filter((r) => r.status === 'waitlisted').length, 49);
  const seats = await db.selectFrom('meeting_registration').select((eb) => eb.fn.sum<number>('seats').as('n')).where('meeting_id', '=', meetingId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
  assert.equal(Number(seats.n), 5, 'never more seats than the capacity');
  // positions 1…49, each once
  const positions = await Promise.all(
    people.map(async (p) => /n° (\d+) sur la liste d’attente/.exec((await p.get(page(meetingId))).body)?.[1]),
  );
  assert.deepEqual(positions.filter(Boolean).map(Number).sort((a, b) => a - b), Array.from({ length: 49 }, (_, i) => i + 1));
});

test('the reminder the day before is claimed once across two instances: one mail per confirmed registrant', async (t) => {
  const first = await buildTestApp(t);
  const db = first.database.db;
  const other = usingPostgres ? (await secondInstance(t, first)).database.db : db;
  const settatId = await collectivityId(first.database, 'settat');
  // a fixed "now", far from the real one: only these meetings are in its window
  const at = new Date('2031-03-10T09:00:00.000Z');
  const due = await addMeeting(db, settatId, { starts_at: iso(20 * HOUR, at.getTime()), capacity: 3 });
  const later = await addMeeting(db, settatId, { starts_at: iso(40 * HOUR, at.getTime()) });
  const cancelled = await addMeeting(db, settatId, { starts_at: iso(20 * HOUR, at.getTime()), status: 'cancelled' });
  const people = [];
  for (const [i, status] of (['confirmed', 'confirmed', 'waitlisted', 'cancelled'] as const).entries()) {
    const c = await citizen(first.app, db, `r${i}@example.ma`, { locale: i === 0 ? 'ar' : 'fr' });
    for (const m of [due, later, cancelled]) {
      await db.insertInto('meeting_registration').values({ collectivity_id: settatId, meeting_id: m, user_id: c.id, seats: 1, status, created_at: iso(i), updated_at: iso(i) }).execute();
    }
    people.push(c);
  }
  const settings = { baseUrl: first.app.config.baseUrl, secret: first.app.config.sessionSecret };
  const counts = await Promise.all([sendMeetingReminders(db, settings, at), sendMeetingReminders(other, settings, at)]);
  assert.equal(counts[0] + counts[1], 2);
  assert.equal(await sendMeetingReminders(db, settings, at), 0, 'claimed once');
  for (const [i, p] of people.entries()) {
    const reminders = (await mailsTo(db, p.email)).filter((m) => /^(Rappel|تذكير)/.test(m.subject));
    assert.equal(reminders.length, i < 2 ? 1 : 0, p.email);
    if (i === 0) {
      assert.match(reminders[0].subject, /^تذكير: لقاء تواصلي/);
      assert.equal(reminders[0].attachment_name, `meeting-${due}.ics`);
      assert.ok(cancelPathIn(reminders[0].text_body));
    }
  }
  const claimed = await db.selectFrom('meeting').select(['id', 'reminder_claimed_at']).where('id', 'in', [due, later, cancelled]).orderBy('id').execute();
  assert.deepEqual(claimed.map((m) => m.reminder_claimed_at), [at.toISOString(), null, null]);
});

test('my space lists the registrations, upcoming first; cancelling there needs the session and the CSRF token; personal data and account deletion', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const soon = await addMeeting(db, settatId, { title_fr: 'Réunion de quartier Mabrouka', starts_at: iso(48 * HOUR), capacity: 1 });
  const later = await addMeeting(db, settatId, { title_fr: 'Rencontre thématique sur l’eau', starts_at: iso(500 * HOUR) });
  const past = await addMeeting(db, settatId, { title_fr: 'Rencontre passée avec les médias', starts_at: iso(-500 * HOUR) });
  const amina = await citizen(app, db, 'amina@example.ma');
  for (const m of [later, soon]) assert.equal((await register(amina, m)).statusCode, 303);
  await db.insertInto('meeting_registration').values({ collectivity_id: settatId, meeting_id: past, user_id: amina.id, seats: 1, status: 'confirmed', created_at: iso(-600 * HOUR), updated_at: iso(-600 * HOUR) }).execute();
  const karim = await citizen(app, db, 'karim@example.ma');
  assert.equal((await register(karim, soon)).statusCode, 303);

  const space = (await amina.get('/fr/account')).body;
  const order = ['Réunion de quartier Mabrouka', 'Rencontre thématique sur l’eau', 'Rencontre passée avec les médias'].map((title) => space.indexOf(title));
  assert.ok(order.every((i) => i > 0), 'every registration is listed');
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'upcoming first (soonest first), then the past');
  assert.ok(space.includes(`href="${page(soon)}"`), 'each links to its registration page, which has the cancel button');
  assert.match(space, /inscrit\(e\), 1 place/);
  const pastPage = await amina.get(page(past));
  assert.match(pastPage.body, /Votre inscription est confirmée/);
  assert.doesNotMatch(pastPage.body, /register\/cancel/, 'a meeting that has started offers no cancellation');

  // cancelling from the registration page: no CSRF token, no session, another collectivity are refused
  const cancel = `${page(soon)}/cancel`;
  assert.equal((await amina.post(cancel, {}, { csrf: 'forged' })).statusCode, 403);
  const anonymous = new StaffClient(app);
  await anonymous.get('/fr/account/login');
  const sent = await anonymous.post(cancel, {});
  assert.equal(sent.statusCode, 303, 'a visitor without a session is sent to log in');
  assert.match(sent.headers.location!, /^\/fr\/account\/login/);
  assert.equal((await amina.post(`${page(soon, 'province-settat')}/cancel`, {})).statusCode, 404);
  assert.equal((await registrations(db, soon)).find((r) => r.user_id === amina.id)!.status, 'confirmed', 'nothing changed');
  await amina.get(page(soon));
  const res = await amina.post(cancel, {});
  assert.equal(res.statusCode, 303);
  assert.match((await amina.get(page(soon))).body, /Votre inscription est annulée/);
  assert.equal((await registrations(db, soon)).find((r) => r.user_id === karim.id)!.status, 'confirmed', 'karim, who waited, has the seat');
  assert.doesNotMatch((await amina.get('/fr/account')).body, /Réunion de quartier Mabrouka/, 'a cancelled registration leaves my space');

  // "download my data" lists the registrations
  const data = await amina.get('/fr/account/export');
  assert.match(data.body, /"meetingRegistrations"/);
  assert.match(data.body, new RegExp(`"meeting_id":\\s*${later}`));

  // deleting karim's account frees his seat for amina, who registered again and waits
  assert.equal((await register(amina, soon)).statusCode, 303);
  assert.equal((await registrations(db, soon)).find((r) => r.user_id === amina.id)!.status, 'waitlisted');
  assert.equal((await deleteAccount(db, karim.id)).ok, true);
  const left = await registrations(db, soon);
  assert.deepEqual(left.map((r) => [r.user_id, r.status]), [[amina.id, 'confirmed']]);
  assert.match((await mailsTo(db, 'amina@example.ma')).at(-1)!.subject, /^Une place s’est libérée/);
});

test('the mail link: a forged or another person’s signature, another collectivity, no CSRF token are refused and change nothing', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const meetingId = await addMeeting(db, settatId);
  const amina = await citizen(app, db, 'amina@example.ma');
  const karim = await citizen(app, db, 'karim@example.ma');
  for (const c of [amina, karim]) assert.equal((await register(c, meetingId)).statusCode, 303);
  const link = cancelPathIn((await mailsTo(db, 'amina@example.ma'))[0].text_body)!;
  const q = new URL(link, 'http://x').searchParams;
  const karimToken = new URL(cancelPathIn((await mailsTo(db, 'karim@example.ma'))[0].text_body)!, 'http://x').searchParams.get('token')!;
  const base = link.split('?')[0];
  const visitor = new StaffClient(app);
  await visitor.get(link);
  for (const [user, token] of [[q.get('user')!, 'forged'], [q.get('user')!, karimToken], [String(karim.id), q.get('token')!]]) {
    assert.equal((await visitor.get(`${base}?user=${user}&token=${token}`)).statusCode, 404);
    assert.equal((await visitor.post(base, { user, token })).statusCode, 404);
  }
  assert.equal((await visitor.get(link.replace('/c/settat/', '/c/province-settat/'))).statusCode, 404);
  assert.equal((await visitor.post(base, { user: q.get('user')!, token: q.get('token')! }, { csrf: 'forged' })).statusCode, 403);
  assert.deepEqual((await registrations(db, meetingId)).map((r) => r.status), ['confirmed', 'confirmed']);
  // the real link, twice: the second says there is nothing left to cancel
  assert.equal((await visitor.post(base, { user: q.get('user')!, token: q.get('token')! })).statusCode, 200);
  const twice = await visitor.get(link);
  assert.equal(twice.statusCode, 200);
  assert.match(twice.body, /Il n’y a pas d’inscription à annuler/);
  assert.doesNotMatch(twice.body, /name="token"/);
  assert.deepEqual((await registrations(db, meetingId)).map((r) => r.status), ['cancelled', 'confirmed']);
});

test('the door list: HTML, CSV and XLSX for staff who run meetings only, in their collectivity', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const meetingId = await addMeeting(db, settatId, { capacity: 3 });
  for (const [email, kind, name, seats] of [
    ['amina@example.ma', 'person', 'أمينة العلوي', '1'],
    ['asso@example.ma', 'association', 'جمعية الأمل للتنمية', '2'],
    ['evil@example.ma', 'person', '=HYPERLINK("http://evil")', '1'],
  ] as const) {
    assert.equal((await register(await citizen(app, db, email, { kind, name }), meetingId, kind === 'association' ? { seats } : {})).statusCode, 303);
  }
  await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(database, 'admin@network.ma', 'network_admin', null);
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const url = `/admin/c/settat/meetings/${meetingId}/registrations`;

  const html = await editor.get(url);
  assert.equal(html.statusCode, 200);
  const order = ['أمينة العلوي', 'جمعية الأمل للتنمية', '=HYPERLINK'].map((n) => html.body.indexOf(n));
  assert.ok(order[0] > 0 && order[0] < order[1] && order[1] < order[2], 'confirmed first (in their order), then the waiting list');
  assert.ok(html.body.includes(`href="${url}.csv"`) && html.body.includes(`href="${url}.xlsx"`));

  const csv = await editor.get(`${url}.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'الاسم,الصفة,المقاعد,الحالة,تاريخ التسجيل');
  assert.match(lines[1], /^أمينة العلوي,شخص,1,مؤكد,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.match(lines[2], /^جمعية الأمل للتنمية,جمعية,2,مؤكد,/);
  assert.match(lines[3], /^"'=HYPERLINK\(""http:\/\/evil""\)",شخص,1,في الانتظار,/, 'a formula is quoted');
  assert.equal(lines.length, 4);

  const xlsx = await editor.get(`${url}.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as never);
  const sheet = book.worksheets[0];
  assert.equal(sheet.getRow(2).getCell(1).value, 'أمينة العلوي');
  assert.equal(sheet.getRow(3).getCell(3).value, 2);
  assert.equal(sheet.getRow(4).getCell(1).value, `'=HYPERLINK("http://evil")`);

  // a committee member may not; nor may Settat's editor in another collectivity; a network
  // admin under another collectivity's address does not find Settat's meeting
  const committee = await new StaffClient(app).login('committee@settat.ma');
  for (const suffix of ['', '.csv', '.xlsx']) {
    assert.equal((await committee.get(`${url}${suffix}`)).statusCode, 403);
    assert.equal((await editor.get(`/admin/c/province-settat/meetings/${meetingId}/registrations${suffix}`)).statusCode, 403);
  }
  const admin = await new StaffClient(app).login('admin@network.ma');
  assert.equal((await admin.get(`/admin/c/province-settat/meetings/${meetingId}/registrations.csv`)).statusCode, 404);
  assert.equal((await admin.get(url)).statusCode, 200);
  const anonymous = await app.inject(`${url}.csv`);
  assert.notEqual(anonymous.statusCode, 200);

  // pages of one follow on across the statuses, in the same order as the whole list
  const whole = (await allRegistrations(db, settatId, meetingId)).map((r) => r.id);
  const paged: number[] = [];
  for (let after: number | null = null; ; ) {
    const one: { rows: { id: number }[]; next: number | null } = (await doorList(db, settatId, meetingId, { after, limit: 1 }))!;
    paged.push(...one.rows.map((r) => r.id));
    if (one.next === null) break;
    after = one.next;
  }
  assert.deepEqual(paged, whole);
  assert.equal(whole.length, 3);
  assert.equal((await editor.get(`${url}?after=${whole[0]}`)).statusCode, 200);
  assert.equal((await editor.get(`${url}?after=nothing`)).statusCode, 404);
  assert.equal((await editor.get(`${url}?after=999999`)).statusCode, 404);
});
