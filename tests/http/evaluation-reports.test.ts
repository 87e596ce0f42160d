// The yearly evaluation report: staff with the 'manage' ability prepare a year's draft (figures
// computed from the records), add the committee's notes and the reasons for late activities, and
// publish frozen versions the public reads. Wrong role, other collectivity, no session and a
// missing CSRF token change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { checkYear, saveDraft } from '../../src/modules/evaluation/commands/reports.ts';
import { currentProgramme } from '../../src/modules/programme/manifest.ts';
import type { ProgrammeRow } from '../../src/platform/db/schema.ts';

/** `documentState`: every Settat activity as the document has it (planned, 0%), without the
 *  demo's example progress, so that the activities that ended in 2024 are late in 2025. */
async function setup(t: Parameters<typeof buildTestApp>[0], options: { documentState?: boolean } = {}) {
  const ctx = await buildTestApp(t);
  if (options.documentState) {
    await ctx.database.db.updateTable('activity').set({ status: 'planned', progress: 0 }).where('collectivity_id', '=', await collectivityId(ctx.database, 'settat')).execute();
  }
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'admin@province.ma', 'focal_point', 'province-settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  const admin = await new StaffClient(ctx.app).login('admin@settat.ma');
  return { ...ctx, settatId, admin };
}

const counts = async (db: Awaited<ReturnType<typeof setup>>['database']['db']) => ({
  reports: (await db.selectFrom('evaluation_report').select('id').execute()).length,
  reasons: (await db.selectFrom('evaluation_late_reason').select('report_id').execute()).length,
  versions: (await db.selectFrom('evaluation_version').select('id').execute()).length,
});

test('the 2024 report lists Settat’s axes and projects with their progress, and is published for the public', async (t) => {
  const { app, database, settatId, admin } = await setup(t);
  assert.match((await admin.get('/admin/c/settat')).body, /href="\/admin\/c\/settat\/reports"/);
  const list = await admin.get('/admin/c/settat/reports');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /تقارير التقييم السنوية/);

  const started = await admin.post('/admin/c/settat/reports', { year: '2024' });
  assert.equal(started.statusCode, 303);
  assert.equal(started.headers.location, '/admin/c/settat/reports/2024');
  // starting the same year again opens the same draft
  assert.equal((await admin.post('/admin/c/settat/reports', { year: '2024' })).statusCode, 303);
  assert.equal((await counts(database.db)).reports, 1);

  const draft = await admin.get('/admin/c/settat/reports/2024');
  assert.equal(draft.statusCode, 200);
  assert.match(draft.body, /مسودة تقرير التقييم 2024/);
  for (const title of ['اعتماد الميزانية التشاركية في الميزانيات السنوية', 'تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع']) assert.match(draft.body, new RegExp(title));
  // as of the last day of 2024 nothing had passed its end date yet
  assert.match(draft.body, /لم يكن أي نشاط متأخرا في هذا التاريخ/);
  assert.match(draft.body, /<time datetime="2024-12-31">/);

  const published = await admin.post('/admin/c/settat/reports/2024/publish', {});
  assert.equal(published.statusCode, 303);
  const row = await database.db.selectFrom('evaluation_version').selectAll().where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  assert.equal(row.version, 1);
  const content = JSON.parse(row.content);
  assert.equal(content.year, 2024);
  assert.equal(content.asOf, '2024-12-31');
  assert.deepEqual(content.axes.map((a: { number: number }) => a.number), [1, 2, 3, 4]);
  assert.deepEqual(content.axes.flatMap((a: { projects: { number: number; activities: number }[] }) => a.projects.map((p) => `${p.number}:${p.activities}`)), ['1:4', '2:4', '3:2', '4:2']);
  assert.equal(content.counts.activities, 12);
  assert.equal(content.counts.dueByAsOf, 8);

  const pub = await app.inject('/ar/c/settat/reports/2024');
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /التقرير السنوي لتقييم برنامج الانفتاح 2024/);
  assert.match(pub.body, /المشروع 1: اعتماد الميزانية التشاركية في الميزانيات السنوية/);
  assert.match(pub.body, /الصيغة 1/);
  const fr = await app.inject('/fr/c/settat/reports/2024');
  assert.match(fr.body, /Adoption du budget participatif dans les budgets annuels/);
  // listed on the collectivity's home and on the reports page
  assert.match((await app.inject('/ar/c/settat')).body, /href="\/ar\/c\/settat\/reports\/2024"/);
  assert.match((await app.inject('/en/c/settat/reports')).body, /Yearly evaluation report of the openness programme 2024/);
  assert.equal((await app.inject('/ar/c/settat/reports/2025')).statusCode, 404);
  assert.equal((await app.inject('/ar/c/settat/reports/2024/versions/2')).statusCode, 404);
});

test('late items carry the reasons staff give; a published version never changes, republishing adds one', async (t) => {
  const { app, database, settatId, admin } = await setup(t, { documentState: true });
  await admin.post('/admin/c/settat/reports', { year: '2025' });
  const draft = await admin.get('/admin/c/settat/reports/2025');
  // as of 2025-12-31, the eight activities that ended in 2024 are 365 days late
  const lateIds = [...draft.body.matchAll(/name="reason_(\d+)_ar"/g)].map((m) => Number(m[1]));
  assert.equal(lateIds.length, 8);
  assert.match(draft.body, /تأخر 365 يوما|365/);

  const saved = await admin.post('/admin/c/settat/reports/2025', {
    notes_ar: 'صادقت لجنة التتبع على التقرير في اجتماعها المنعقد بتاريخ 2026-01-15.',
    notes_fr: 'Le comité de suivi a validé le rapport le 15 janvier 2026.',
    [`reason_${lateIds[0]}_ar`]: 'تأخر توقيع اتفاقية الشراكة مع مؤسسة ENABEL.',
    [`reason_${lateIds[0]}_fr`]: 'Retard de signature de la convention avec Enabel.',
  });
  assert.equal(saved.statusCode, 303);
  const kept = await admin.get('/admin/c/settat/reports/2025');
  assert.match(kept.body, /تأخر توقيع اتفاقية الشراكة مع مؤسسة ENABEL\./);
  assert.match(kept.body, /Le comité de suivi a validé le rapport/);
  const logged = await database.db.selectFrom('change_log').selectAll().where('entity_type', '=', 'evaluation_report').orderBy('id').execute();
  assert.deepEqual(logged.map((l) => l.action), ['create', 'update']);
  assert.equal(logged[1].actor_role, 'focal_point');

  assert.equal((await admin.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 303);
  const v1 = await app.inject('/ar/c/settat/reports/2025');
  assert.match(v1.body, /صادقت لجنة التتبع على التقرير/);
  assert.match(v1.body, /تأخر توقيع اتفاقية الشراكة مع مؤسسة ENABEL\./);
  assert.match(v1.body, /الأنشطة المتأخرة وأسباب التأخير \(8\)/);
  const frozen = (await database.db.selectFrom('evaluation_version').select('content').where('version', '=', 1).executeTakeFirstOrThrow()).content;

  // the data and the draft change after publication
  const activity = await database.db.selectFrom('activity').select('id').where('id', '=', lateIds[1]).executeTakeFirstOrThrow();
  await database.db.updateTable('activity').set({ status: 'done', progress: 100 }).where('id', '=', activity.id).execute();
  await admin.post('/admin/c/settat/reports/2025', { notes_ar: 'ملاحظات محينة للجنة التتبع.' });
  assert.equal((await database.db.selectFrom('evaluation_version').select('content').where('version', '=', 1).executeTakeFirstOrThrow()).content, frozen);
  const stillV1 = await app.inject('/ar/c/settat/reports/2025');
  assert.match(stillV1.body, /صادقت لجنة التتبع على التقرير/);
  assert.match(stillV1.body, /\(8\)/);

  // republishing makes version 2; version 1 stays readable and listed
  assert.equal((await admin.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 303);
  const v2 = await app.inject('/ar/c/settat/reports/2025');
  assert.match(v2.body, /الصيغة 2/);
  assert.match(v2.body, /ملاحظات محينة للجنة التتبع/);
  assert.match(v2.body, /الأنشطة المتأخرة وأسباب التأخير \(7\)/);
  assert.match(v2.body, /href="\/ar\/c\/settat\/reports\/2025\/versions\/1"/);
  const old = await app.inject('/ar/c/settat/reports/2025/versions/1');
  assert.equal(old.statusCode, 200);
  assert.match(old.body, /صادقت لجنة التتبع على التقرير/);
  assert.match(old.body, /href="\/ar\/c\/settat\/reports\/2025">عرض آخر صيغة/);
  const versions = await database.db.selectFrom('evaluation_version').select(['version', 'content']).where('collectivity_id', '=', settatId).orderBy('version').execute();
  assert.deepEqual(versions.map((v) => v.version), [1, 2]);
  assert.equal(versions[0].content, frozen);
  // publications are in the public history, with the publisher's role
  const pubs = await database.db.selectFrom('change_log').selectAll().where('entity_type', '=', 'evaluation_version').execute();
  assert.equal(pubs.length, 2);
  assert.ok(pubs.every((p) => p.public === 1 && p.actor_role === 'focal_point'));
});

test('a year outside the programme, not a number, or a note too long: a message on the field, values kept, nothing saved', async (t) => {
  const { database, admin } = await setup(t, { documentState: true });
  await admin.get('/admin/c/settat/reports');
  const before = await counts(database.db);
  const outside = await admin.post('/admin/c/settat/reports', { year: '2023' });
  assert.equal(outside.statusCode, 400);
  assert.match(outside.body, /id="f-year-error">اختر سنة ضمن فترة البرنامج \(2024-2025\)/);
  assert.match(outside.body, /value="2023"/);
  const words = await admin.post('/admin/c/settat/reports', { year: 'ألفان' });
  assert.equal(words.statusCode, 400);
  assert.match(words.body, /id="f-year-error">أدخل عددا صحيحا/);
  assert.match(words.body, /value="ألفان"/);
  const empty = await admin.post('/admin/c/settat/reports', { year: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-year-error">/);
  await admin.get('/admin/c/settat/reports?lang=fr');
  const fr = await admin.post('/admin/c/settat/reports', { year: '2031' });
  assert.match(fr.body, /id="f-year-error">Choisissez une année de la période du programme \(2024–2025\)/);
  assert.deepEqual(await counts(database.db), before);

  // a year that has not begun (checked against the day, with a programme ending later)
  const programme = { start_year: 2026, end_year: 2027 } as ProgrammeRow;
  assert.deepEqual(checkYear(programme, 2027, '2026-11-29'), { ok: false, errors: { year: { key: 'evaluation.errors.yearInFuture' } } });
  assert.deepEqual(checkYear(programme, 2026, '2026-11-29'), { ok: true, value: 2026 });

  // notes over the limit: the draft keeps what it had, the form keeps what was typed
  await admin.post('/admin/c/settat/reports', { year: '2025' });
  const draft = await admin.get('/admin/c/settat/reports/2025');
  const lateId = Number(/name="reason_(\d+)_ar"/.exec(draft.body)![1]);
  await admin.post('/admin/c/settat/reports/2025', { notes_ar: 'ملاحظات اللجنة', [`reason_${lateId}_ar`]: 'سبب أول' });
  const long = await admin.post('/admin/c/settat/reports/2025', { notes_ar: 'م'.repeat(4001), [`reason_${lateId}_ar`]: 'سبب ثان' });
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /id="f-notes_ar-error">Ce texte est trop long/);
  assert.match(long.body, /سبب ثان/);
  const report = await database.db.selectFrom('evaluation_report').selectAll().where('year', '=', 2025).executeTakeFirstOrThrow();
  assert.equal(report.notes_ar, 'ملاحظات اللجنة');
  const reason = await database.db.selectFrom('evaluation_late_reason').selectAll().where('report_id', '=', report.id).execute();
  assert.deepEqual(reason.map((r) => r.reason_ar), ['سبب أول']);
});

test('only staff who manage this collectivity prepare and publish; nothing changes otherwise', async (t) => {
  const { app, database, settatId, admin } = await setup(t);
  await admin.post('/admin/c/settat/reports', { year: '2025' });
  const before = await counts(database.db);

  // a focal point (edit, not manage)
  const focal = await new StaffClient(app).login('focal@settat.ma');
  assert.equal((await focal.get('/admin/c/settat/reports')).statusCode, 403);
  assert.equal((await focal.get('/admin/c/settat/reports/2025')).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/reports', { year: '2024' })).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/reports/2025', { notes_ar: 'تعديل غير مسموح' })).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 403);

  // another collectivity's administrator
  const other = await new StaffClient(app).login('admin@province.ma');
  assert.equal((await other.get('/admin/c/settat/reports/2025')).statusCode, 403);
  assert.equal((await other.post('/admin/c/settat/reports', { year: '2024' })).statusCode, 403);
  assert.equal((await other.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 403);

  // no session: to the login page
  const anonymous = await app.inject({ method: 'POST', url: '/admin/c/settat/reports/2025/publish', payload: '' });
  assert.equal(anonymous.statusCode, 303);
  assert.match(String(anonymous.headers.location), /^\/admin\/login/);
  assert.equal((await app.inject('/admin/c/settat/reports')).statusCode, 303);

  // the right person without the form's CSRF token
  assert.equal((await admin.post('/admin/c/settat/reports/2025/publish', {}, { csrf: '' })).statusCode, 403);
  assert.equal((await admin.post('/admin/c/settat/reports', { year: '2024' }, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await admin.post('/admin/c/settat/reports/2025', { notes_ar: 'بدون رمز' }, { csrf: '' })).statusCode, 403);

  assert.deepEqual(await counts(database.db), before);
  const report = await database.db.selectFrom('evaluation_report').selectAll().where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  assert.equal(report.notes_ar, null);
  assert.equal((await app.inject('/ar/c/settat/reports/2025')).statusCode, 404);
});

test('a reason naming another collectivity’s activity is refused inside the transaction', async (t) => {
  const { database, settatId, admin } = await setup(t);
  await admin.post('/admin/c/settat/reports', { year: '2025' });
  const programme = (await currentProgramme(database.db, settatId))!;
  const report = await database.db.selectFrom('evaluation_report').selectAll().where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  // an activity of another collectivity's programme
  const provinceId = await collectivityId(database, 'province-settat');
  const pp = await database.db
    .insertInto('programme')
    .values({ collectivity_id: provinceId, title_ar: 'برنامج انفتاح الإقليم', start_year: 2024, end_year: 2025, status: 'draft', created_at: new Date().toISOString(), is_current: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const axis = await database.db.insertInto('axis').values({ collectivity_id: provinceId, programme_id: pp.id, number: 1, title_ar: 'محور' }).returning('id').executeTakeFirstOrThrow();
  const project = await database.db.insertInto('project').values({ collectivity_id: provinceId, programme_id: pp.id, axis_id: axis.id, number: 1, title_ar: 'مشروع' }).returning('id').executeTakeFirstOrThrow();
  const foreign = await database.db
    .insertInto('activity')
    .values({ collectivity_id: provinceId, programme_id: pp.id, project_id: project.id, number: 1, title_ar: 'نشاط', cost_kind: 'none', funding_kind: 'own', start_date: '2024-01-01', end_date: '2024-06-30', status: 'planned', progress: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor = { userId: 1, role: 'focal_point' as const };
  const result = await saveDraft(database.db, { actor, collectivityId: settatId, programme }, report.id, {
    notes: { ar: 'ملاحظات', fr: null, en: null },
    reasons: new Map([[foreign.id, { ar: 'سبب', fr: null, en: null }]]),
  });
  assert.equal(result.ok, false);
  const after = await database.db.selectFrom('evaluation_report').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
  assert.equal(after.notes_ar, null);
  assert.equal((await database.db.selectFrom('evaluation_late_reason').select('report_id').execute()).length, 0);
});

test('the 2025 report: one reference date, the budget vote among the meetings and votes, nothing after its year', async (t) => {
  const { app, database, settatId, admin } = await setup(t);
  const db = database.db;
  const programme = (await currentProgramme(db, settatId))!;
  // a period stays one left-to-right run in Arabic pages ("2024–2025", never "2025–2024")
  assert.match((await app.inject('/ar/')).body, /<bdi>2024–2025<\/bdi>/);
  // activity 1.1 ended on 2024-12-31; it was marked done in March 2026, after the 2025 report's date
  const activity = await db
    .selectFrom('activity as a')
    .innerJoin('project as p', 'p.id', 'a.project_id')
    .select(['a.id'])
    .where('a.collectivity_id', '=', settatId)
    .where('p.number', '=', 1)
    .where('a.number', '=', 1)
    .executeTakeFirstOrThrow();
  await db.updateTable('activity').set({ status: 'done', progress: 100 }).where('id', '=', activity.id).execute();
  await db
    .insertInto('change_log')
    .values({
      collectivity_id: settatId,
      programme_id: programme.id,
      entity_type: 'activity',
      entity_id: activity.id,
      action: 'update',
      at: '2026-03-01T10:00:00.000Z',
      actor_user_id: null,
      actor_role: 'editor',
      changes: JSON.stringify([{ field: 'status', before: 'in_progress', after: 'done' }, { field: 'progress', before: 40, after: 100 }]),
      public: 1,
    })
    .execute();
  // a workshop held in January 2026 belongs to the 2026 report, not to 2025's
  const event = await db.selectFrom('participation_event').selectAll().where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  await db.insertInto('participation_event').values({ ...event, id: undefined as never, held_on: '2026-01-15', title_ar: 'ورشة يناير 2026' }).execute();

  assert.equal((await admin.post('/admin/c/settat/reports', { year: '2025' })).statusCode, 303);
  assert.equal((await admin.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 303);
  const row = await db.selectFrom('evaluation_version').selectAll().where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const content = JSON.parse(row.content);
  assert.equal(content.asOf, '2025-12-31');
  // on 2025-12-31 the activity was in progress, a year late: it is neither done nor on time
  const late = content.late.find((l: { activityId: number }) => l.activityId === activity.id);
  assert.ok(late, 'late as of the report date');
  assert.equal(late.daysLate, 365);
  assert.equal(late.status, 'in_progress');
  // the participatory budget's 2025 vote (1,100 ballots) is counted with the meetings
  const vote = content.participation.events.find((e: { kind: string }) => e.kind === 'vote');
  assert.ok(vote, 'the 2025 vote');
  assert.equal(vote.attendance, 1_100);
  assert.ok(content.participation.events.every((e: { date: string }) => e.date >= '2025-01-01' && e.date <= '2025-12-31'));
  assert.ok(!content.participation.events.some((e: { title: { ar: string } }) => e.title.ar === 'ورشة يناير 2026'));

  const page = (await admin.get('/admin/c/settat/reports/2025')).body;
  // one date for the whole report, and the counts in their Arabic plural forms
  assert.match(page, /كل الأرقام تصف الوضعية بتاريخ <time datetime="2025-12-31">/);
  assert.doesNotMatch(page, /الأرقام محسوبة بتاريخ|التأخير محسوب بتاريخ/);
  assert.match(page, /12 نشاطا في البرنامج/);
  assert.doesNotMatch(page, /\b[0-2] نشاطا/);
  assert.match(page, /اللقاء أو التصويت/);
  assert.match(page, /الميزانية التشاركية لجماعة سطات 2025/);
});
