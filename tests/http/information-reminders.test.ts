// Deadline reminders to the person in charge: the first (5 working days before) and the last (1)
// reminder each go once; a missed sweep still reminds with the days left, never after the
// deadline; an extension re-arms them; the complaint's deadline is reminded too; without a person
// in charge the focal points are mailed and told why; example requests are not reminded; and two
// app instances sweeping at once on one database (PostgreSQL) queue each reminder once. "Now" is
// fixed.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { sendInformationReminders } from '../../src/modules/information/reminders.ts';
import type { InformationRequestTable } from '../../src/modules/information/tables.ts';
import { buildTestApp, collectivityId, createStaff, secondInstance, usingPostgres } from '../helpers/app.ts';

const mail = { baseUrl: 'https://infitah.example' };
/** 09:00 in Casablanca (UTC+1 outside Ramadan) on a day */
const at = (day: string) => new Date(`${day}T08:00:00Z`);

async function addRequest(db: Db, cId: number, values: Partial<Record<keyof InformationRequestTable, unknown>> = {}): Promise<number> {
  const row = await db
    .insertInto('information_request')
    .values({
      collectivity_id: cId,
      channel: 'online',
      subject: 'محضر دورة فبراير للمجلس الجماعي',
      details: 'أطلب نسخة من محضر الدورة العادية لشهر فبراير.',
      language: 'ar',
      delivery: 'electronic',
      status: 'processing',
      received_on: '2026-01-08',
      clock_from: '2026-01-08',
      // 20 working days after Thursday 8 January 2026 (11 and 14 January are holidays)
      due_on: '2026-02-06',
      created_at: '2026-01-08T10:00:00.000Z',
      updated_at: '2026-01-08T10:00:00.000Z',
      ...values,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const outbox = (db: Db) => db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body', 'collectivity_id']).where('text_body', 'like', '%/admin/c/settat/information/%').orderBy('id').execute();
const claims = (db: Db, id: number) => db.selectFrom('information_request').select(['reminded_first_for', 'reminded_last_for']).where('id', '=', id).executeTakeFirstOrThrow();

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  // only this test's requests are due: the demo's are examples, never reminded
  const officer = await createStaff(ctx.database, 'information@settat.ma', 'editor', 'settat');
  await db.updateTable('app_user').set({ locale: 'fr' }).where('id', '=', officer).execute();
  await db.deleteFrom('information_office').where('collectivity_id', '=', settat).execute();
  const stamp = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('information_office')
    .values({ collectivity_id: settat, officer_user_id: officer, officer_name: 'سعاد', email: null, phone: null, officer_title_ar: 'المكلفة بالمعلومات', officer_title_fr: null, officer_title_en: null, address_ar: null, address_fr: null, address_en: null, hours_ar: null, hours_fr: null, hours_en: null, created_at: stamp, updated_at: stamp })
    .execute();
  return { ctx, db, settat, officer };
}

test('the first and the last reminder go once each, never after the deadline; an extension re-arms them', async (t) => {
  const { db, settat } = await setup(t);
  const id = await addRequest(db, settat);
  // the demo's example requests are never reminded, whatever their deadline
  await addRequest(db, settat, { is_example: 1 });

  assert.equal(await sendInformationReminders(db, mail, at('2026-01-29')), 0, '6 working days ahead: too early');
  assert.equal(await sendInformationReminders(db, mail, at('2026-01-30')), 1, '5 working days ahead: the first');
  assert.equal(await sendInformationReminders(db, mail, at('2026-01-30')), 0, 'claimed');
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-02')), 0, '4 days ahead: the first went already');
  assert.deepEqual(await claims(db, id), { reminded_first_for: '2026-02-06', reminded_last_for: null });
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-05')), 1, '1 working day ahead: the last');
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-06')), 0);
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-09')), 0, 'after the deadline: nothing');

  const mails = await outbox(db);
  assert.equal(mails.length, 2);
  assert.ok(mails.every((m) => m.to_address === 'information@settat.ma' && m.collectivity_id === settat));
  // in the officer's language (French), with the subject, the deadline, the days left, the link
  assert.match(mails[0]!.subject, new RegExp(`Rappel : la réponse à la demande n° ${id} est due le 6 février 2026`));
  assert.match(mails[0]!.text_body, /« محضر دورة فبراير للمجلس الجماعي »/);
  assert.match(mails[0]!.text_body, /Il reste 5 jours ouvrables\./);
  assert.match(mails[0]!.text_body, new RegExp(`https://infitah\\.example/admin/c/settat/information/${id}\\b`));
  assert.doesNotMatch(mails[0]!.text_body, /points focaux/);
  assert.match(mails[1]!.text_body, /Il reste 1 jour ouvrable\./);

  // the extension: a new deadline (20 more working days), both reminders again
  await db.updateTable('information_request').set({ status: 'extended', extended: 1, due_on: '2026-03-06' }).where('id', '=', id).execute();
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-27')), 1);
  assert.equal(await sendInformationReminders(db, mail, at('2026-03-05')), 1);
  assert.deepEqual(await claims(db, id), { reminded_first_for: '2026-03-06', reminded_last_for: '2026-03-06' });
  // answered: nothing more
  await db.updateTable('information_request').set({ status: 'answered', answered_on: '2026-03-05' }).where('id', '=', id).execute();
  assert.equal(await sendInformationReminders(db, mail, at('2026-03-06')), 0);
});

test('a missed sweep still reminds with the days left; the complaint’s deadline is reminded', async (t) => {
  const { db, settat } = await setup(t);
  const late = await addRequest(db, settat);
  // nothing ran until the day before: the last reminder only, and the first is not sent after it
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-05')), 1);
  assert.deepEqual(await claims(db, late), { reminded_first_for: '2026-02-06', reminded_last_for: '2026-02-06' });
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-05')), 0);
  // on the deadline's day itself: still within reach (0 working days left)
  const today = await addRequest(db, settat, { subject: 'نتائج صفقة الإنارة العمومية', due_on: '2026-02-09' });
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-09')), 1);
  const complaint = await addRequest(db, settat, {
    subject: 'ميزانية الجماعة',
    status: 'complaint',
    answered_on: '2026-02-02',
    outcome: 'refused',
    complaint_on: '2026-02-10',
    complaint_due_on: '2026-03-03',
  });
  assert.equal(await sendInformationReminders(db, mail, at('2026-02-24')), 1);
  assert.deepEqual(await claims(db, complaint), { reminded_first_for: '2026-03-03', reminded_last_for: null });
  const mails = await outbox(db);
  assert.match(mails.at(-2)!.text_body, /L’échéance est aujourd’hui\./);
  assert.match(mails.at(-2)!.subject, new RegExp(`n° ${today}`));
  assert.match(mails.at(-1)!.subject, new RegExp(`la réclamation sur la demande n° ${complaint} doit être tranchée le 3 mars 2026`));
});

test('without a person in charge, the focal points are reminded and told why', async (t) => {
  const { ctx, db, settat } = await setup(t);
  await db.updateTable('information_office').set({ officer_user_id: null }).where('collectivity_id', '=', settat).execute();
  await createStaff(ctx.database, 'focal1@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal2@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'focal_point', 'province-settat');
  const focal = await db
    .selectFrom('role_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('u.email')
    .where('a.collectivity_id', '=', settat)
    .where('a.role', '=', 'focal_point')
    .execute();
  assert.ok(focal.length >= 2);
  await addRequest(db, settat);
  assert.equal(await sendInformationReminders(db, mail, at('2026-01-30')), focal.length);
  const mails = await outbox(db);
  assert.deepEqual(mails.map((m) => m.to_address).sort(), focal.map((f) => f.email).sort());
  // in Arabic (the accounts' default language), saying why the focal points get it
  assert.match(mails[0]!.subject, /تذكير: ينقضي أجل الرد على الطلب رقم \d+ في 6 فبراير 2026/);
  assert.match(mails[0]!.text_body, /بقيت 5 أيام عمل\./);
  assert.match(mails[0]!.text_body, /يرسل هذا التذكير إلى نقط الارتكاز/);
});

test('two instances sweeping at once queue each reminder once', async (t) => {
  const { ctx, db, settat } = await setup(t);
  // on PostgreSQL, two instances on one database; SQLite is one file written by one process (a
  // second connection in this process would block it), so there the sweeps race on one instance
  const dbs = usingPostgres ? [ctx.app.db, (await secondInstance(t, ctx)).app.db] : [ctx.app.db];
  const ids: number[] = [];
  for (let i = 0; i < 12; i++) ids.push(await addRequest(db, settat, { subject: `طلب رقم ${i}` }));
  const mailed = await Promise.all([0, 1, 2, 3].map((i) => sendInformationReminders(dbs[i % dbs.length]!, mail, at('2026-01-30'))));
  const mails = await outbox(db);
  assert.equal(mailed.reduce((a, b) => a + b, 0), mails.length);
  assert.ok(mails.length >= 1);
  for (const m of mails) assert.match(m.subject, /^Rappel : (\d+ demandes arrivent à échéance|la réponse à la demande n° \d+ est due le 6 février 2026)$/);
  // each request is in exactly one mail: a sweep lists the requests it claimed, in one mail
  for (const id of ids) {
    const link = new RegExp(`/admin/c/settat/information/${id}\\?`);
    assert.equal(mails.filter((m) => link.test(m.text_body)).length, 1, `request ${id}`);
    assert.equal((await claims(db, id)).reminded_first_for, '2026-02-06');
  }
  assert.equal(await sendInformationReminders(db, mail, at('2026-01-30')), 0);
});
