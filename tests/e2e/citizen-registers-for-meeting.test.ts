// A citizen of Settat finds the next dialogue meeting from the commune's home on a phone, in
// Arabic with JavaScript off, registers for its last seat, gets the confirmation mail with the
// .ics, and later cancels from her space: the seat goes to the first on the waiting list, who is
// told by mail. Then staff record the meeting once held — attendance and a commitment — and the
// indicator "meetings held" on project 4's card moves.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, test } from 'node:test';
import ICAL from 'ical.js';
import { createMeeting } from '../../src/modules/dialogue/commands/meetings.ts';
import { registerForMeeting } from '../../src/modules/dialogue/registration.ts';
import { meetingForm } from '../../src/modules/dialogue/schema.ts';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { isoToCasablanca } from '../../src/platform/i18n/format.ts';
import { TEST_PASSWORD, collectivityId, createStaff } from '../helpers/app.ts';
import { closeBrowser, logIn, seriousA11yProblems, start, textOf } from './browser.ts';

after(closeBrowser);

const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-MA' };
const SHOTS = process.env.E2E_SCREENSHOTS;
const TITLE = 'لقاء تواصلي حول الميزانية التشاركية مع جمعيات الحي';

test('a citizen registers for the next meeting from the home, cancels from her space, and the waiting list is served', async (t) => {
  const { page, database, base, context } = await start(t, { ...PHONE, javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const shot = async (name: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const staffId = await createStaff(database, 'editor@settat.ma', 'editor', 'settat');

  // one seat left: the meeting in three days, its registration open since yesterday
  const day = (offset: number) => isoToCasablanca(new Date(Date.now() + offset * 86_400_000).toISOString()).slice(0, 10);
  const created = await createMeeting(
    db,
    { collectivityId: settatId, actor: { userId: staffId, role: 'editor' } },
    meetingForm.parse({
      kind: 'local_actors',
      title_ar: TITLE,
      title_fr: 'Rencontre sur le budget participatif avec les associations du quartier',
      date: day(3),
      start_time: '17:00',
      duration_minutes: '120',
      place_ar: 'قاعة الاجتماعات بمقر الجماعة',
      languages: ['ar', 'fr'],
      agenda_ar: 'تقديم حصيلة السنة\nمقترحات الجمعيات',
      registration_enabled: '1',
      capacity: '1',
      registration_opens_at: `${day(-1)}T09:00`,
      registration_closes_at: `${day(3)}T12:00`,
    }),
  );
  assert.ok(created.ok, JSON.stringify(created));
  const meetingId = created.value;
  const citizen = async (email: string, name: string) => {
    const u = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: name, verified: true });
    return u.id;
  };
  await citizen('amina@example.ma', 'أمينة');
  const youssefId = await citizen('youssef@example.ma', 'يوسف');

  // the commune's home shows the meeting coming; its page says one seat is left
  await page.goto('/ar/c/settat');
  await shot('1-home');
  await Promise.all([page.waitForURL(`**/ar/c/settat/meetings/${meetingId}`), page.getByRole('link', { name: TITLE }).first().click()]);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await textOf(page, 'h1'), TITLE);
  assert.match(await textOf(page, 'main'), /بقي مقعد واحد من أصل 1/);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'no sideways scrolling');
  await shot('2-meeting');

  // registering asks her to sign in, and brings her back
  await Promise.all([page.waitForURL('**/ar/account/login?**'), page.getByRole('link', { name: 'التسجيل في اللقاء' }).click()]);
  await page.getByLabel('البريد الإلكتروني').fill('amina@example.ma');
  await page.getByLabel('كلمة المرور').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL(`**/ar/c/settat/meetings/${meetingId}/register`), page.locator('main form button[type="submit"]').click()]);
  await shot('3-register');
  await Promise.all([page.waitForURL(`**/meetings/${meetingId}/register`), page.getByRole('button', { name: 'التسجيل', exact: true }).click()]);
  await shot('4-registered');
  assert.match(await textOf(page, '.flash'), /تم تسجيلك/);
  assert.deepEqual(await db.selectFrom('meeting_registration').select(['status', 'seats']).where('meeting_id', '=', meetingId).execute(), [{ status: 'confirmed', seats: 1 }]);

  // the confirmation mail carries the meeting as an .ics
  const confirmation = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'amina@example.ma').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.match(confirmation.subject, /^تأكيد التسجيل/);
  assert.equal(confirmation.attachment_name, `meeting-${meetingId}.ics`);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(confirmation.attachment_content!)).getFirstSubcomponent('vevent')!);
  assert.equal(event.summary, TITLE);
  const meeting = await db.selectFrom('meeting').select(['starts_at']).where('id', '=', meetingId).executeTakeFirstOrThrow();
  assert.equal(event.startDate.toJSDate().toISOString(), meeting.starts_at);

  // the meeting is full: the next one waits
  const youssef = await registerForMeeting(db, { collectivityId: settatId, meetingId, person: { id: youssefId, email: 'youssef@example.ma', kind: 'person', locale: 'ar' } }, 1, { baseUrl: base, secret: 'unused-in-this-test-unused-in-this-test' });
  assert.ok(youssef.ok && youssef.value.status === 'waitlisted');
  await page.goto(`/ar/c/settat/meetings/${meetingId}`);
  assert.match(await textOf(page, 'main'), /اكتملت المقاعد/);

  // from her space, she cancels
  await page.goto('/ar/account');
  await shot('5-my-space');
  await Promise.all([page.waitForURL(`**/meetings/${meetingId}/register`), page.getByRole('link', { name: TITLE }).click()]);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'إلغاء تسجيلي' }).click()]);
  await shot('6-cancelled');
  assert.match(await textOf(page, '.flash'), /أُلغي تسجيلك|ألغي تسجيلك|تم إلغاء/);
  const statuses = await db.selectFrom('meeting_registration as r').innerJoin('app_user as u', 'u.id', 'r.user_id').select(['u.email', 'r.status']).where('r.meeting_id', '=', meetingId).orderBy('u.email').execute();
  assert.deepEqual(statuses, [
    { email: 'amina@example.ma', status: 'cancelled' },
    { email: 'youssef@example.ma', status: 'confirmed' },
  ]);
  const promoted = await db.selectFrom('mail_outbox').select(['subject', 'attachment_name']).where('to_address', '=', 'youssef@example.ma').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.match(promoted.subject, /^تحرر مقعد/);
  assert.equal(promoted.attachment_name, `meeting-${meetingId}.ics`);

  // the calendar and the meeting's page pass the automatic accessibility checks (axe runs in the page: JavaScript on)
  const js = await context.browser()!.newContext({ ...PHONE, baseURL: base });
  t.after(() => js.close());
  const reader = await js.newPage();
  for (const path of ['/ar/c/settat/meetings', `/ar/c/settat/meetings/${meetingId}`, `/fr/c/settat/meetings/${meetingId}`]) {
    await reader.goto(path);
    assert.deepEqual(await seriousA11yProblems(reader), [], path);
  }
});

test('staff record a held meeting on a phone; its page and project 4’s indicator "meetings held" follow', async (t) => {
  const { page, database } = await start(t, { ...PHONE, javaScriptEnabled: false });
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const staffId = await createStaff(database, 'editor@settat.ma', 'editor', 'settat');
  const day = (offset: number) => isoToCasablanca(new Date(Date.now() + offset * 86_400_000).toISOString()).slice(0, 10);
  const created = await createMeeting(
    db,
    { collectivityId: settatId, actor: { userId: staffId, role: 'editor' } },
    meetingForm.parse({ kind: 'local_actors', title_ar: 'لقاء تواصلي مع جمعيات حي مبروكة', date: day(-2), start_time: '15:00', duration_minutes: '120', place_ar: 'دار الشباب', languages: ['ar'] }),
  );
  assert.ok(created.ok, JSON.stringify(created));
  const meetingId = created.value;

  // what project 4's card says before: the latest value of "meetings with local actors"
  const held = async () => {
    await page.goto('/ar/c/settat/programme/projects/4');
    const line = await page.locator('article.indicator', { hasText: 'عدد اللقاءات التواصلية' }).locator('p.muted').first().innerText();
    return Number(/آخر قيمة: (\d+)/.exec(line)?.[1] ?? '0');
  };
  const before = await held();

  await logIn(page, 'editor@settat.ma', { lang: 'ar' });
  await page.goto(`/admin/c/settat/meetings/${meetingId}`);
  await Promise.all([page.waitForURL(`**/meetings/${meetingId}/record`), page.getByRole('link', { name: 'تسجيل اللقاء' }).click()]);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'no sideways scrolling');
  // women and men more than the total: refused, said, nothing saved
  await page.locator('input[name="attendance_total"]').fill('30');
  await page.locator('input[name="attendance_women"]').fill('18');
  await page.locator('input[name="attendance_men"]').fill('22');
  await page.getByRole('button', { name: 'حفظ' }).first().click();
  assert.equal((await db.selectFrom('meeting').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status, 'planned');
  assert.ok((await page.locator('.error, [role="alert"]').count()) > 0, 'the form says what is wrong');
  await page.locator('input[name="attendance_total"]').fill('40');
  await Promise.all([page.waitForURL(`**/meetings/${meetingId}/record`), page.getByRole('button', { name: 'حفظ' }).first().click()]);
  assert.equal(await textOf(page, '.flash'), 'سُجّل اللقاء.');
  await page.locator('textarea[name="what_ar"]').fill('إحداث ملعب للقرب بحي مبروكة');
  await page.locator('input[name="who_ar"]').fill('مصلحة الأشغال');
  await page.locator('input[name="due_on"]').fill(day(90));
  await Promise.all([page.waitForURL(`**/meetings/${meetingId}/record**`), page.getByRole('button', { name: 'إضافة الالتزام' }).click()]);
  assert.equal(await textOf(page, '.flash'), 'أضيف الالتزام.');

  // the public page shows it, and the indicator counts one more meeting held
  await page.goto(`/ar/c/settat/meetings/${meetingId}`);
  const outcome = await textOf(page, 'section.meeting-outcome');
  assert.match(outcome, /شارك 40 شخصا/);
  assert.match(outcome, /إحداث ملعب للقرب بحي مبروكة/);
  assert.equal(await held(), before + 1);
});
