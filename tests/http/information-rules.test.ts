// The network's access-to-information rules and holidays: the network administrator changes the
// day counts, weekend and reminders (each field states the law's default and article), and the
// change is logged field by field; holidays are listed by year, added, edited and deleted, with a
// notice when a year has no Islamic (dated) holiday yet. Bad input (zero or negative counts, seven
// weekend days, invalid or duplicate dates) gets a localized message with the form kept and saves
// nothing; two administrators adding the same day at once save it once. Collectivity staff and a
// forged CSRF token are refused.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { addWorkingDays, loadRules } from '../../src/modules/information/calendar.ts';
import { StaffClient, buildTestApp, createStaff } from '../helpers/app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;

const rulesForm = {
  answer_days: '20',
  extension_days: '20',
  urgent_days: '3',
  complaint_window_days: '20',
  complaint_answer_days: '15',
  cdai_window_days: '30',
  weekend: ['6', '7'],
  reminder_days: '5,1',
  daily_limit: '5',
};

const rulesRow = (db: Db) => db.selectFrom('information_rules').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
const logCount = async (db: Db) => Number((await db.selectFrom('information_rules_change').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const holidayCount = async (db: Db) => Number((await db.selectFrom('public_holiday').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function network(ctx: Ctx) {
  await createStaff(ctx.database, 'dgct@interieur.ma', 'network_admin', null);
  return new StaffClient(ctx.app).login('dgct@interieur.ma');
}

test('the network administrator changes the rules; the change is logged and applies to new deadlines', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const admin = await network(ctx);

  assert.match((await admin.get('/admin')).body, /href="\/admin\/information\/rules"/);
  const page = await admin.get('/admin/information/rules');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<html lang="ar" dir="rtl"/);
  assert.match(page.body, /name="answer_days"[^>]*value="20"/);
  assert.match(page.body, /20 يوم عمل \(المادة 16 من القانون 31\.13\)/);
  assert.match(page.body, /3 أيام عمل \(المادة 17/);
  assert.match(page.body, /30 يوما \(المادة 20/);
  assert.match(page.body, /name="weekend" value="6" checked/);
  assert.match(page.body, /لا تسري التغييرات إلا على الآجال/);

  const versions = await db.selectFrom('collectivity').select(['id', 'content_version']).orderBy('id').execute();
  const before = await loadRules(db);
  const saved = await admin.post('/admin/information/rules', { ...rulesForm, answer_days: '15', weekend: ['5', '6'], reminder_days: '1 ، 3' });
  assert.equal(saved.statusCode, 303);
  const row = await rulesRow(db);
  assert.equal(row.answer_days, 15);
  assert.equal(row.weekend, '5,6');
  assert.equal(row.reminder_days, '3,1', 'the reminders are kept largest first');
  const after = await db.selectFrom('collectivity').select(['id', 'content_version']).orderBy('id').execute();
  assert.ok(after.every((c, i) => Number(c.content_version) > Number(versions[i]!.content_version)), 'every collectivity’s pages are renewed');

  // new deadlines follow the new rules (a Thursday: Friday is now off)
  const rules = await loadRules(db);
  assert.equal(addWorkingDays(rules.calendar, '2026-03-05', 1), '2026-03-08');
  assert.equal(addWorkingDays(before.calendar, '2026-03-05', 1), '2026-03-06');

  const log = await db.selectFrom('information_rules_change').selectAll().execute();
  assert.equal(log.length, 1);
  assert.equal(log[0]!.entity_type, 'rules');
  assert.equal(log[0]!.actor_role, 'network_admin');
  assert.deepEqual(
    JSON.parse(log[0]!.changes).map((c: { field: string }) => c.field).sort(),
    ['answer_days', 'reminder_days', 'weekend'],
  );
  const shown = await admin.get('/admin/information/rules?lang=fr');
  assert.match(shown.body, /Journal des modifications/);
  assert.match(shown.body, /Délai de réponse \(jours ouvrables\)\s?: <bdi>20<\/bdi> → <bdi>15<\/bdi>/);
  assert.match(shown.body, /<bdi>Samedi, Dimanche<\/bdi> → <bdi>Vendredi, Samedi<\/bdi>/);

  // saving the same values again logs nothing
  assert.equal((await admin.post('/admin/information/rules', { ...rulesForm, answer_days: '15', weekend: ['5', '6'], reminder_days: '3,1' })).statusCode, 303);
  assert.equal(await logCount(db), 1);
});

test('bad rules are refused with a message per field, the form kept, nothing saved', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const admin = await network(ctx);
  await admin.get('/admin/information/rules?lang=fr');
  const before = await rulesRow(db);
  const cases: [Record<string, string | string[]>, string, RegExp][] = [
    [{ answer_days: '0' }, 'answer_days', /nombre entier de jours, de 1 à 365/],
    [{ urgent_days: '-3' }, 'urgent_days', /nombre entier de jours, de 1 à 365/],
    [{ cdai_window_days: 'trente' }, 'cdai_window_days', /nombre entier/],
    [{ complaint_window_days: '' }, 'complaint_window_days', /./],
    [{ weekend: ['1', '2', '3', '4', '5', '6', '7'] }, 'weekend', /sept jours de la semaine ne peuvent pas/],
    [{ weekend: ['8'] }, 'weekend', /./],
    [{ reminder_days: '5,3,1' }, 'reminder_days', /un ou deux nombres de 1 à 30/],
    [{ reminder_days: '0' }, 'reminder_days', /un ou deux nombres/],
    [{ daily_limit: '0' }, 'daily_limit', /de 1 à 1000/],
  ];
  for (const [change, field, message] of cases) {
    const res = await admin.post('/admin/information/rules', { ...rulesForm, ...change });
    assert.equal(res.statusCode, 400, JSON.stringify(change));
    assert.match(res.body, new RegExp(`id="f-${field}-error">[^<]*`), field);
    const error = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(res.body)![1]!;
    assert.match(error, message, field);
  }
  // the form keeps what was typed
  const kept = await admin.post('/admin/information/rules', { ...rulesForm, answer_days: '0', extension_days: '25' });
  assert.match(kept.body, /name="extension_days"[^>]*value="25"/);
  assert.match(kept.body, /name="answer_days"[^>]*value="0"/);
  assert.deepEqual(await rulesRow(db), before);
  assert.equal(await logCount(db), 0);
});

test('holidays: listed by year, added, edited, deleted; duplicates and invalid dates refused', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const admin = await network(ctx);
  const year = Number(todayInCasablanca().slice(0, 4));
  // a year with no religious holiday entered: the notice says so (whatever the demo entered)
  await db.deleteFrom('public_holiday').where('kind', '=', 'dated').where('on_date', '>=', `${year + 1}-01-01`).where('on_date', '<=', `${year + 1}-12-31`).execute();

  const list = await admin.get(`/admin/information/holidays?year=${year}`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /عيد الاستقلال/);
  assert.match(list.body, new RegExp(`لم يدخل بعد أي عيد ديني لسنة ${year + 1}`));
  const rules = await admin.get('/admin/information/rules');
  assert.match(rules.body, new RegExp(`لم يدخل بعد أي عيد ديني لسنة ${year + 1}`));
  // the Amazigh New Year counts from 2024 on only
  assert.doesNotMatch((await admin.get('/admin/information/holidays?year=2023')).body, /رأس السنة الأمازيغية/);
  assert.match((await admin.get('/admin/information/holidays?year=2024')).body, /رأس السنة الأمازيغية/);

  const countBefore = await holidayCount(db);
  const form = await admin.get(`/admin/information/holidays/new?kind=dated&year=${year + 1}`);
  assert.equal(form.statusCode, 200);
  const eid = { kind: 'dated', on_date: `${year + 1}-03-20`, name_ar: 'عيد الفطر', name_fr: 'Aïd al-Fitr', name_en: '' };
  const added = await admin.post('/admin/information/holidays', eid);
  assert.equal(added.statusCode, 303);
  assert.match(String(added.headers.location), new RegExp(`year=${year + 1}#holiday-\\d+`));
  assert.equal(await holidayCount(db), countBefore + 1);
  const next = await admin.get(`/admin/information/holidays?year=${year + 1}&lang=fr`);
  assert.match(next.body, /Aïd al-Fitr/);
  assert.doesNotMatch(next.body, new RegExp(`Aucune fête religieuse n’est encore saisie pour ${year + 1}`));
  // a new deadline skips it
  const r = await loadRules(db);
  assert.ok(r.calendar.dated.has(`${year + 1}-03-20`));

  // refused: a duplicate date, an impossible date, a fixed holiday on an impossible or taken day
  await admin.get('/admin/information/holidays/new?lang=fr');
  const refusals: [Record<string, string>, string, RegExp][] = [
    [{ ...eid, name_ar: 'عيد آخر' }, 'on_date', /Un jour férié existe déjà à cette date/],
    [{ ...eid, on_date: `${year + 1}-02-30` }, 'on_date', /./],
    [{ ...eid, on_date: '' }, 'on_date', /./],
    [{ kind: 'fixed', month_day: '02-30', name_ar: 'يوم' }, 'month_day', /MM-JJ/],
    [{ kind: 'fixed', month_day: '11-18', name_ar: 'يوم' }, 'month_day', /Un jour férié fixe existe déjà/],
    [{ kind: 'fixed', month_day: '12-31', from_year: '1900', name_ar: 'يوم' }, 'from_year', /entre 1956 et 2100/],
    [{ kind: '', on_date: `${year + 1}-03-22`, name_ar: 'يوم' }, 'kind', /./],
    [{ kind: 'weekly', on_date: `${year + 1}-03-22`, name_ar: 'يوم' }, 'kind', /./],
    [{ ...eid, on_date: `${year + 1}-03-21`, name_ar: '' }, 'name_ar', /./],
  ];
  for (const [values, field, message] of refusals) {
    const res = await admin.post('/admin/information/holidays', values);
    assert.equal(res.statusCode, 400, JSON.stringify(values));
    const error = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(res.body)?.[1];
    assert.ok(error, `${field}: ${JSON.stringify(values)}`);
    assert.match(error, message);
  }
  assert.equal(await holidayCount(db), countBefore + 1);

  // edit, then delete; both logged
  const id = Number(/#holiday-(\d+)/.exec(String(added.headers.location))![1]);
  assert.equal((await admin.get(`/admin/information/holidays/${id}`)).statusCode, 200);
  assert.equal((await admin.post(`/admin/information/holidays/${id}`, { ...eid, on_date: `${year + 1}-03-21` })).statusCode, 303);
  assert.equal((await db.selectFrom('public_holiday').select('on_date').where('id', '=', id).executeTakeFirstOrThrow()).on_date, `${year + 1}-03-21`);
  assert.equal((await admin.post(`/admin/information/holidays/${id}/delete`, {})).statusCode, 303);
  assert.equal(await holidayCount(db), countBefore);
  assert.equal((await admin.post(`/admin/information/holidays/${id}/delete`, {})).statusCode, 404);
  assert.equal((await admin.get('/admin/information/holidays/999999')).statusCode, 404);
  const log = await db.selectFrom('information_rules_change').select(['entity_type', 'entity_id', 'action']).orderBy('id').execute();
  assert.deepEqual(log.map((l) => l.action), ['create', 'update', 'delete']);
  assert.ok(log.every((l) => l.entity_type === 'holiday' && l.entity_id === id));
});

test('collectivity staff cannot change the rules; a forged CSRF token is refused', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const admin = await network(ctx);
  const holiday = await db.selectFrom('public_holiday').select('id').orderBy('id').executeTakeFirstOrThrow();
  const writes: [string, Record<string, string | string[]>][] = [
    ['/admin/information/rules', { ...rulesForm, answer_days: '10' }],
    ['/admin/information/holidays', { kind: 'dated', on_date: '2031-01-02', name_ar: 'عطلة' }],
    [`/admin/information/holidays/${holiday.id}`, { kind: 'fixed', month_day: '01-01', name_ar: 'عطلة' }],
    [`/admin/information/holidays/${holiday.id}/delete`, {}],
  ];
  for (const role of ['focal_point', 'editor', 'committee_member', 'moderator'] as const) {
    await createStaff(ctx.database, `${role}@settat.ma`, role, 'settat');
    const who = await new StaffClient(ctx.app).login(`${role}@settat.ma`);
    assert.equal((await who.get('/admin/information/rules')).statusCode, 403, role);
    assert.equal((await who.get('/admin/information/holidays')).statusCode, 403, role);
    for (const [url, form] of writes) assert.equal((await who.post(url, form)).statusCode, 403, `${role} ${url}`);
  }
  await admin.get('/admin/information/rules');
  for (const [url, form] of writes) assert.equal((await admin.post(url, form, { csrf: 'forged' })).statusCode, 403, url);
  assert.equal((await rulesRow(db)).answer_days, 20);
  assert.ok(await db.selectFrom('public_holiday').select('id').where('id', '=', holiday.id).executeTakeFirst());
  assert.equal(await logCount(db), 0);
});

test('two administrators adding the same holiday at once: one is saved, the other told', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  await createStaff(ctx.database, 'dgct@interieur.ma', 'network_admin', null);
  await createStaff(ctx.database, 'remacto@interieur.ma', 'network_admin', null);
  const admins = [await new StaffClient(ctx.app).login('dgct@interieur.ma'), await new StaffClient(ctx.app).login('remacto@interieur.ma')];
  for (const a of admins) await a.get('/admin/information/holidays/new?lang=fr');
  const before = await holidayCount(db);
  const answers = await Promise.all(admins.map((a) => a.post('/admin/information/holidays', { kind: 'dated', on_date: '2031-01-24', name_ar: 'عيد الفطر' })));
  assert.deepEqual(answers.map((a) => a.statusCode).sort(), [303, 400]);
  assert.match(answers.find((a) => a.statusCode === 400)!.body, /Un jour férié existe déjà à cette date/);
  assert.equal(await holidayCount(db), before + 1);
  assert.equal(await logCount(db), 1);
});
