// Staff keep the participatory process up to date: its stages, the monitoring committee and its
// members, the committee's meetings. Only staff of the collectivity, with a CSRF token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'editor', 'province-settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  const focal = await new StaffClient(ctx.app).login('focal@settat.ma');
  return { ...ctx, settatId, focal };
}

const stage = { kind: 'workshop', title_ar: 'ورشة تقييم البرنامج', title_fr: 'Atelier d’évaluation', starts_on: '2026-11-12', status: 'planned' };

test('staff create, edit and delete a stage; the public process page follows, markup shown as text', async (t) => {
  const { app, database, settatId, focal } = await setup(t);
  const page = await focal.get('/admin/c/settat/process');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /لقاء تواصلي بمقر الجهة/);
  assert.equal((await focal.get('/admin/c/settat/process/stages/new')).statusCode, 200);

  const created = await focal.post('/admin/c/settat/process/stages', { ...stage, title_ar: '<b>ورشة</b> تقييم البرنامج', description_ar: 'تقييم <script>alert(1)</script>', document_url: 'https://settat.ma/pv.pdf' });
  assert.equal(created.statusCode, 303);
  assert.equal(created.headers.location, '/admin/c/settat/process');
  const row = await database.db.selectFrom('process_stage').selectAll().where('collectivity_id', '=', settatId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(row.title_ar, '<b>ورشة</b> تقييم البرنامج');
  assert.equal(row.month_only, 0);
  assert.equal(row.ends_on, null);
  assert.equal(row.document_url, 'https://settat.ma/pv.pdf');
  let pub = await app.inject('/ar/c/settat/process');
  assert.equal((pub.body.match(/class="stage /g) ?? []).length, 13);
  assert.match(pub.body, /&lt;b>ورشة&lt;\/b> تقييم البرنامج/);
  assert.doesNotMatch(pub.body, /<b>ورشة/);
  assert.match(pub.body, /datetime="2026-11-12"/);

  // the edit form shows the stored values; a month-only stage on the 1st is accepted
  const edit = await focal.get(`/admin/c/settat/process/stages/${row.id}`);
  assert.match(edit.body, /value="2026-11-12"/);
  assert.match(edit.body, /&lt;b>ورشة&lt;\/b>/);
  const edited = await focal.post(`/admin/c/settat/process/stages/${row.id}`, { ...stage, title_ar: 'مصادقة المجلس في دورة نونبر', kind: 'council_vote', starts_on: '2026-11-01', month_only: '1', status: 'in_progress' });
  assert.equal(edited.statusCode, 303);
  const after = await database.db.selectFrom('process_stage').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  assert.equal(after.month_only, 1);
  assert.equal(after.kind, 'council_vote');
  assert.equal(after.document_url, null);
  pub = await app.inject('/ar/c/settat/process');
  assert.match(pub.body, /مصادقة المجلس في دورة نونبر/);
  assert.match(pub.body, /نوفمبر 2026|نونبر 2026/);
  assert.doesNotMatch(pub.body, /ورشة<\/b>|&lt;b>ورشة/);
  const logged = await database.db.selectFrom('change_log').selectAll().where('entity_type', '=', 'process_stage').where('entity_id', '=', row.id).orderBy('id').execute();
  assert.deepEqual(logged.map((l) => l.action), ['create', 'update']);
  assert.equal(logged[1].actor_role, 'editor');
  assert.ok(JSON.parse(logged[1].changes).some((c: { field: string }) => c.field === 'month_only'));

  const deleted = await focal.post(`/admin/c/settat/process/stages/${row.id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal(await database.db.selectFrom('process_stage').select('id').where('id', '=', row.id).executeTakeFirst(), undefined);
  pub = await app.inject('/ar/c/settat/process');
  assert.equal((pub.body.match(/class="stage /g) ?? []).length, 12);
  assert.doesNotMatch(pub.body, /مصادقة المجلس في دورة نونبر/);
  assert.equal((await focal.get(`/admin/c/settat/process/stages/${row.id}`)).statusCode, 404);
});

test('a stage with a month-only date not on the 1st, an end before its start, or a non-web link is refused', async (t) => {
  const { database, settatId, focal } = await setup(t);
  const count = async () => (await database.db.selectFrom('process_stage').select('id').where('collectivity_id', '=', settatId).execute()).length;
  const before = await count();
  await focal.get('/admin/c/settat/process/stages/new');

  const monthOnly = await focal.post('/admin/c/settat/process/stages', { ...stage, starts_on: '2026-11-12', month_only: '1' });
  assert.equal(monthOnly.statusCode, 400);
  assert.match(monthOnly.body, /id="f-starts_on-error">عندما يكون الشهر وحده معروفا، أدخل اليوم الأول من الشهر/);
  assert.match(monthOnly.body, /value="ورشة تقييم البرنامج"/);
  assert.match(monthOnly.body, /name="month_only" value="1" checked/);

  const endBefore = await focal.post('/admin/c/settat/process/stages', { ...stage, ends_on: '2026-11-10' });
  assert.equal(endBefore.statusCode, 400);
  assert.match(endBefore.body, /id="f-ends_on-error">/);
  assert.match(endBefore.body, /value="2026-11-10"/);

  const link = await focal.post('/admin/c/settat/process/stages', { ...stage, document_url: 'javascript:alert(1)' });
  assert.equal(link.statusCode, 400);
  assert.match(link.body, /id="f-document_url-error">أدخل عنوانا إلكترونيا/);

  const missing = await focal.post('/admin/c/settat/process/stages', { kind: 'nope', starts_on: '2026-02-30', status: 'done' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /id="f-title_ar-error">هذا الحقل إلزامي/);
  assert.match(missing.body, /id="f-kind-error">/);
  assert.match(missing.body, /id="f-starts_on-error">/);

  // French back office: the same rule, in French
  const fr = await focal.get('/admin/c/settat/process/stages/new?lang=fr');
  assert.equal(fr.statusCode, 200);
  const frBad = await focal.post('/admin/c/settat/process/stages', { ...stage, starts_on: '2026-11-12', ends_on: '2026-11-01' });
  assert.equal(frBad.statusCode, 400);
  assert.match(frBad.body, /id="f-ends_on-error">La date de fin ne peut pas précéder la date de début/);
  assert.equal(await count(), before);
});

test('the committee: its decision, a member added and edited, a second chair refused, reordering and removal', async (t) => {
  const { app, database, settatId, focal } = await setup(t);
  const committee = await database.db.selectFrom('committee').selectAll().where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const members = () => database.db.selectFrom('committee_member').selectAll().where('committee_id', '=', committee.id).orderBy('position').orderBy('id').execute();

  const form = await focal.get('/admin/c/settat/process/committee');
  assert.match(form.body, /value="93"/);
  const saved = await focal.post('/admin/c/settat/process/committee', {
    name_ar: committee.name_ar, name_fr: committee.name_fr ?? '', decision_number: '93/2023', decision_date: '2023-05-08', decision_text_ar: committee.decision_text_ar ?? '',
  });
  assert.equal(saved.statusCode, 303);
  assert.match((await app.inject('/fr/c/settat/process')).body, /93\/2023/);
  const noName = await focal.post('/admin/c/settat/process/committee', { name_ar: ' ', decision_date: '2023-13-01' });
  assert.equal(noName.statusCode, 400);
  assert.match(noName.body, /id="f-name_ar-error"/);
  assert.match(noName.body, /id="f-decision_date-error"/);

  // a new member, no account needed
  await focal.get('/admin/c/settat/process/members/new');
  const added = await focal.post('/admin/c/settat/process/members', { name: 'سعاد الإدريسي', title_ar: 'ممثلة جمعيات الأحياء', title_fr: 'Représentante des associations de quartier', role: 'member', represents_ieecag: '1' });
  assert.equal(added.statusCode, 303);
  let list = await members();
  assert.equal(list.length, 8);
  const souad = list.at(-1)!;
  assert.equal(souad.name, 'سعاد الإدريسي');
  assert.equal(souad.represents_ieecag, 1);
  assert.equal(souad.position, 7);

  // a second chair is refused, on creation and on edition; nothing is saved
  const chair = list.find((m) => m.role === 'chair')!;
  const second = await focal.post('/admin/c/settat/process/members', { name: 'رئيس ثان', role: 'chair' });
  assert.equal(second.statusCode, 400);
  assert.match(second.body, /id="f-role-error">للجنة رئيس بالفعل/);
  assert.match(second.body, /value="رئيس ثان"/);
  await focal.get(`/admin/c/settat/process/members/${souad.id}`);
  const promote = await focal.post(`/admin/c/settat/process/members/${souad.id}`, { name: 'سعاد الإدريسي', role: 'chair' });
  assert.equal(promote.statusCode, 400);
  assert.equal((await members()).length, 8);
  assert.equal((await members()).filter((m) => m.role === 'chair').length, 1);
  // the chair itself may be edited, and once it is a member, another may chair
  assert.equal((await focal.post(`/admin/c/settat/process/members/${chair.id}`, { name: chair.name, title_ar: chair.title_ar ?? '', role: 'member' })).statusCode, 303);
  assert.equal((await focal.post(`/admin/c/settat/process/members/${souad.id}`, { name: 'سعاد الإدريسي', role: 'chair' })).statusCode, 303);
  list = await members();
  assert.deepEqual(list.filter((m) => m.role === 'chair').map((m) => m.id), [souad.id]);
  assert.equal(list.find((m) => m.id === souad.id)!.represents_ieecag, 0); // unchecked box: no longer IEECAG

  // reorder: up twice, down once; the first one cannot go up
  await focal.get('/admin/c/settat/process');
  assert.equal((await focal.post(`/admin/c/settat/process/members/${souad.id}/up`, {})).statusCode, 303);
  assert.equal((await focal.post(`/admin/c/settat/process/members/${souad.id}/up`, {})).statusCode, 303);
  list = await members();
  assert.equal(list.findIndex((m) => m.id === souad.id), 5);
  assert.deepEqual(list.map((m) => m.position), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal((await focal.post(`/admin/c/settat/process/members/${souad.id}/down`, {})).statusCode, 303);
  assert.equal((await members()).findIndex((m) => m.id === souad.id), 6);
  const first = (await members())[0];
  assert.equal((await focal.post(`/admin/c/settat/process/members/${first.id}/up`, {})).statusCode, 303);
  assert.equal((await members())[0].id, first.id);
  const pub = (await app.inject('/ar/c/settat/process')).body;
  const names = [...pub.matchAll(/<td lang="ar">([^<]+)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(names, (await members()).map((m) => m.name));

  // removal
  assert.equal((await focal.post(`/admin/c/settat/process/members/${souad.id}/delete`, {})).statusCode, 303);
  assert.equal((await members()).length, 7);
  assert.doesNotMatch((await app.inject('/ar/c/settat/process')).body, /سعاد الإدريسي/);
  // two staff name a chair at the same moment: one wins, the other gets the form back (never a 500)
  const [a, b] = (await members()).filter((m) => m.role === 'member').slice(0, 2);
  assert.equal((await members()).filter((m) => m.role === 'chair').length, 0); // the chair was removed above
  const race = await Promise.all([a, b].map((m) => focal.post(`/admin/c/settat/process/members/${m.id}`, { name: m.name, role: 'chair' })));
  assert.deepEqual(race.map((r) => r.statusCode).sort(), [303, 400]);
  assert.equal((await members()).filter((m) => m.role === 'chair').length, 1);
  const log = await database.db.selectFrom('change_log').select('action').where('entity_type', '=', 'committee_member').where('entity_id', '=', souad.id).orderBy('id').execute();
  assert.deepEqual(log.map((l) => l.action), ['create', 'update', 'update', 'update', 'update', 'delete']);
});

test('committee meetings: recorded, edited and deleted; the subject is required', async (t) => {
  const { database, settatId, focal } = await setup(t);
  // the demo already has the document's meeting of 2023-06-15; the new one comes last
  const meetings = () => database.db.selectFrom('committee_meeting').selectAll().where('collectivity_id', '=', settatId).orderBy('id', 'desc').execute();
  const demoMeetings = (await meetings()).length;
  await focal.get('/admin/c/settat/process/meetings/new');
  const bad = await focal.post('/admin/c/settat/process/meetings', { held_on: '2023-06-15', minutes_ar: 'محضر' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-subject_ar-error">هذا الحقل إلزامي/);
  assert.match(bad.body, />محضر<\/textarea>/);
  const ok = await focal.post('/admin/c/settat/process/meetings', { held_on: '2023-06-15', subject_ar: 'دراسة الأفكار والمقترحات', subject_fr: 'Étude des idées et propositions', minutes_ar: 'تمت دراسة 31 اقتراحا.' });
  assert.equal(ok.statusCode, 303);
  const [m] = await meetings();
  assert.equal(m.subject_fr, 'Étude des idées et propositions');
  const overview = await focal.get('/admin/c/settat/process');
  assert.match(overview.body, new RegExp(`href="/admin/c/settat/process/meetings/${m.id}"`));
  assert.match((await focal.get(`/admin/c/settat/process/meetings/${m.id}`)).body, /تمت دراسة 31 اقتراحا/);
  assert.equal((await focal.post(`/admin/c/settat/process/meetings/${m.id}`, { held_on: '2023-06-16', subject_ar: 'دراسة الأفكار' })).statusCode, 303);
  const [edited] = await meetings();
  assert.equal(edited.held_on, '2023-06-16');
  assert.equal(edited.minutes_ar, null);
  assert.equal((await focal.post(`/admin/c/settat/process/meetings/${m.id}/delete`, {})).statusCode, 303);
  assert.equal((await meetings()).length, demoMeetings);
});

test('another collectivity’s staff get 403 and nothing changes; anonymous visitors are sent to log in; CSRF is required', async (t) => {
  const { app, database, settatId, focal } = await setup(t);
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        database.db.selectFrom('process_stage').selectAll().where('collectivity_id', '=', settatId).orderBy('id').execute(),
        database.db.selectFrom('committee').selectAll().where('collectivity_id', '=', settatId).orderBy('id').execute(),
        database.db.selectFrom('committee_member').selectAll().where('collectivity_id', '=', settatId).orderBy('id').execute(),
        database.db.selectFrom('committee_meeting').selectAll().where('collectivity_id', '=', settatId).orderBy('id').execute(),
        database.db.selectFrom('collectivity').select('content_version').where('id', '=', settatId).execute(),
      ]),
    );
  const before = await snapshot();
  const stageRow = await database.db.selectFrom('process_stage').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const member = await database.db.selectFrom('committee_member').select('id').where('collectivity_id', '=', settatId).orderBy('position', 'desc').executeTakeFirstOrThrow();

  const other = await new StaffClient(app).login('focal@province.ma');
  await other.get('/admin/c/province-settat');
  assert.equal((await other.get('/admin/c/settat/process')).statusCode, 403);
  assert.equal((await other.get(`/admin/c/settat/process/stages/${stageRow.id}`)).statusCode, 403);
  const writes: [string, Record<string, string>][] = [
    ['/admin/c/settat/process/stages', stage],
    [`/admin/c/settat/process/stages/${stageRow.id}`, stage],
    [`/admin/c/settat/process/stages/${stageRow.id}/delete`, {}],
    ['/admin/c/settat/process/committee', { name_ar: 'لجنة أخرى' }],
    ['/admin/c/settat/process/members', { name: 'x', role: 'member' }],
    [`/admin/c/settat/process/members/${member.id}`, { name: 'x', role: 'member' }],
    [`/admin/c/settat/process/members/${member.id}/up`, {}],
    [`/admin/c/settat/process/members/${member.id}/delete`, {}],
    ['/admin/c/settat/process/meetings', { held_on: '2024-01-01', subject_ar: 'x' }],
  ];
  for (const [url, form] of writes) assert.equal((await other.post(url, form)).statusCode, 403, url);
  // with a programme of their own, they manage their process, but settat's ids are not reachable through it
  const province = await collectivityId(database, 'province-settat');
  await database.db
    .insertInto('programme')
    .values({ collectivity_id: province, title_ar: 'برنامج انفتاح الإقليم', start_year: 2024, end_year: 2027, status: 'draft', created_at: new Date().toISOString(), is_current: 1 })
    .execute();
  const own = await other.get('/admin/c/province-settat/process');
  assert.equal(own.statusCode, 200);
  assert.doesNotMatch(own.body, /لقاء تواصلي بمقر الجهة/);
  assert.equal((await other.get(`/admin/c/province-settat/process/stages/${stageRow.id}`)).statusCode, 404);
  assert.equal((await other.post(`/admin/c/province-settat/process/stages/${stageRow.id}`, stage)).statusCode, 404);
  assert.equal((await other.post(`/admin/c/province-settat/process/stages/${stageRow.id}/delete`, {})).statusCode, 404);
  // no committee yet: a member cannot be added, and settat's members are out of reach
  const orphan = await other.post('/admin/c/province-settat/process/members', { name: 'x', role: 'member' });
  assert.equal(orphan.statusCode, 400);
  assert.match(orphan.body, /أحدث لجنة التتبع أولا/);
  assert.equal((await other.post('/admin/c/province-settat/process/committee', { name_ar: 'لجنة التتبع الإقليمية' })).statusCode, 303);
  assert.equal((await other.post(`/admin/c/province-settat/process/members/${member.id}`, { name: 'x', role: 'member' })).statusCode, 404);
  assert.equal((await other.post(`/admin/c/province-settat/process/members/${member.id}/up`, {})).statusCode, 404);
  assert.equal((await other.post(`/admin/c/province-settat/process/members/${member.id}/delete`, {})).statusCode, 404);
  assert.equal((await other.post('/admin/c/province-settat/process/members', { name: 'رئيس اللجنة الإقليمية', role: 'chair' })).statusCode, 303);

  const anon = new StaffClient(app);
  const redirected = await anon.post('/admin/c/settat/process/stages', stage);
  assert.equal(redirected.statusCode, 303);
  assert.match(String(redirected.headers.location), /\/admin\/login/);

  await focal.get('/admin/c/settat/process');
  assert.equal((await focal.post('/admin/c/settat/process/stages', stage, { csrf: '' })).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/settat/process/members/${member.id}/up`, {}, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/settat/process/stages/${stageRow.id}/delete`, {}, { csrf: '' })).statusCode, 403);
  assert.equal(await snapshot(), before);
});
