// Editing a programme before its adoption: the back office addresses a programme by its id
// (/admin/c/{slug}/programmes/{id}/…). A draft's parts are corrected there, in private (no public
// history before adoption); a closed programme's are refused; another collectivity's programme
// is not found. "Start the next programme" takes up the proposals the last cycle did not retain,
// linked both ways: the draft lists them, the proposal's page names the programme.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

/** The values of a form as the browser would post them back (text inputs, selected options). */
function formValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== '_csrf' && !/type="checkbox"/.test(m[0])) values[m[1]] = m[2];
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2]);
    if (selected) values[m[1]] = selected[1];
  }
  return values;
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const cid = await collectivityId(app.database, 'settat');
  const current = await app.database.db.selectFrom('programme').selectAll().where('collectivity_id', '=', cid).where('is_current', '=', 1).executeTakeFirstOrThrow();
  return { ...app, admin, cid, current };
}

/** Starts the 2026–2027 draft from the current programme; its id. */
async function startNext(admin: StaffClient, extra: Record<string, string | string[]> = {}) {
  await admin.get('/admin/c/settat/programmes');
  const res = await admin.post('/admin/c/settat/programmes', { start_year: '2026', end_year: '2027', ...extra });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return Number(/^\/admin\/c\/settat\/programmes\/(\d+)$/.exec(res.headers.location as string)![1]);
}

const logsOf = (app: TestApp, programmeId: number) =>
  app.database.db.selectFrom('change_log').select(['entity_type', 'action', 'public']).where('programme_id', '=', programmeId).orderBy('id').execute();

test("a draft's activity is edited at its programme's URL, in private until adoption", async (t) => {
  const app = await setup(t);
  const { admin } = app;
  const db = app.database.db;
  const id = await startNext(admin);
  const list = await admin.get('/admin/c/settat/programmes');
  assert.match(list.body, new RegExp(`href="/admin/c/settat/programmes/${id}"`));

  const activity = await db.selectFrom('activity').selectAll().where('programme_id', '=', id).orderBy('id').executeTakeFirstOrThrow();
  const overview = await admin.get(`/admin/c/settat/programmes/${id}`);
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /هذه مسودة: لا تظهر للعموم/);
  assert.match(overview.body, new RegExp(`href="/admin/c/settat/programmes/${id}/activities/${activity.id}"`));
  // from there, the consistency review and the adoption
  assert.match(overview.body, new RegExp(`href="/admin/c/settat/import/${id}"`));
  assert.match(overview.body, new RegExp(`href="/admin/c/settat/programmes/${id}/adopt"`));
  // the current programme's overview points to the draft being prepared
  assert.match((await admin.get('/admin/c/settat')).body, new RegExp(`href="/admin/c/settat/programmes/${id}"`));

  const url = `/admin/c/settat/programmes/${id}/activities/${activity.id}`;
  const form = await admin.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`action="${url}"`));
  assert.doesNotMatch(form.body, /name="reason"/, 'a draft has no public history: no public reason asked');
  // the project list offers the draft's own projects, not the current programme's
  const draftProjects = await db.selectFrom('project').select('id').where('programme_id', '=', id).execute();
  const select = /name="project_id"[\s\S]*?<\/select>/.exec(form.body);
  assert.ok(select, 'the form has a project choice');
  const offered = [...select[0].matchAll(/<option value="(\d+)"/g)].map((o) => Number(o[1]));
  assert.deepEqual(offered.sort(), draftProjects.map((p) => p.id).sort());
  assert.ok(offered.length > 0);
  const values = formValues(form.body);
  const logsBefore = (await logsOf(app, id)).length;

  // bad input: the message in Arabic, then in French; nothing saved
  const bad = await admin.post(url, { ...values, title_ar: '', start_date: '2026-06-01', end_date: '2026-01-01' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /لا يمكن أن يسبق تاريخ الانتهاء تاريخ البدء/);
  assert.match(bad.body, new RegExp(`action="${url}"`));
  await admin.get(`${url}?lang=fr`);
  const badFr = await admin.post(url, { ...values, end_date: '2020-01-01' });
  assert.equal(badFr.statusCode, 400);
  assert.match(badFr.body, /La date de fin ne peut pas précéder la date de début/);
  await admin.get(`${url}?lang=ar`);
  const unchanged = await db.selectFrom('activity').selectAll().where('id', '=', activity.id).executeTakeFirstOrThrow();
  assert.deepEqual(unchanged, activity);
  assert.equal((await logsOf(app, id)).length, logsBefore);

  // a valid edit: saved, back to the draft's overview, recorded but not public
  const saved = await admin.post(url, { ...values, title_ar: 'نشاط مصحح في المسودة', start_date: '2026-02-01', end_date: '2026-11-30' });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
  assert.equal(saved.headers.location, `/admin/c/settat/programmes/${id}`);
  const edited = await db.selectFrom('activity').selectAll().where('id', '=', activity.id).executeTakeFirstOrThrow();
  assert.deepEqual([edited.title_ar, edited.start_date, edited.end_date], ['نشاط مصحح في المسودة', '2026-02-01', '2026-11-30']);
  const logs = await logsOf(app, id);
  assert.equal(logs.length, logsBefore + 1);
  assert.ok(logs.every((l) => Number(l.public) === 0), 'no change of a draft is public');
  // a new axis of the draft lands in the draft
  const axis = await admin.post(`/admin/c/settat/programmes/${id}/axes`, { number: '9', title_ar: 'محور جديد للمسودة' });
  assert.equal(axis.statusCode, 303, axis.body.slice(0, 2000));
  assert.equal((await db.selectFrom('axis').select('programme_id').where('title_ar', '=', 'محور جديد للمسودة').executeTakeFirstOrThrow()).programme_id, id);
  assert.equal((await app.app.inject({ url: '/ar/c/settat/programmes/2026-2027' })).statusCode, 404, 'a draft is not public');

  // a part of another programme is not found under this one's URL
  const other = await db.selectFrom('activity').select('id').where('programme_id', '=', app.current.id).executeTakeFirstOrThrow();
  assert.equal((await admin.get(`/admin/c/settat/programmes/${id}/activities/${other.id}`)).statusCode, 404);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/activities/${other.id}`, values)).statusCode, 404);
  // its short URL leads to its own programme's form
  const short = await admin.get(`/admin/c/settat/activities/${activity.id}`);
  assert.equal(short.statusCode, 303);
  assert.equal(short.headers.location, url);

  // adopted: the edit shows on the public page; the public history starts at adoption
  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'دورة أكتوبر 2025', adoption_date: '2025-10-07' })).statusCode, 303);
  const page = await app.app.inject({ url: `/ar/c/settat/programme/activities/${activity.id}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /نشاط مصحح في المسودة/);
  assert.match((await app.app.inject({ url: '/ar/c/settat/programme' })).body, /نشاط مصحح في المسودة/);
  const published = (await logsOf(app, id)).filter((l) => Number(l.public) === 1);
  assert.deepEqual(published.map((l) => l.entity_type), ['programme'], 'only the adoption');
});

test("a closed programme's parts are refused; another collectivity's programme is not found; roles are checked", async (t) => {
  const app = await setup(t);
  const { admin, current } = app;
  const db = app.database.db;
  await createStaff(app.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(app.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(app.database, 'admin@province.ma', 'focal_point', 'province-settat');
  const id = await startNext(admin);
  const draftActivity = await db.selectFrom('activity').selectAll().where('programme_id', '=', id).orderBy('id').executeTakeFirstOrThrow();

  // the editor edits the draft's content; a committee member may not; the province's focal
  // point does not find Settat's draft under the province
  const editor = await new StaffClient(app.app).login('editor@settat.ma');
  const editorView = await editor.get(`/admin/c/settat/programmes/${id}`);
  assert.equal(editorView.statusCode, 200);
  assert.doesNotMatch(editorView.body, /\/adopt"/, 'adoption is the focal point\'s');
  assert.equal((await editor.get(`/admin/c/settat/programmes/${id}/activities/${draftActivity.id}`)).statusCode, 200);
  assert.equal((await editor.post(`/admin/c/settat/programmes/${id}/activities/${draftActivity.id}/delete`, {})).statusCode, 303);
  const committee = await new StaffClient(app.app).login('committee@settat.ma');
  await committee.get('/admin/c/settat/cocreation');
  assert.equal((await committee.get(`/admin/c/settat/programmes/${id}/activities/${draftActivity.id}`)).statusCode, 403);
  assert.equal((await committee.post(`/admin/c/settat/programmes/${id}/axes`, { number: '8', title_ar: 'س' })).statusCode, 403);
  const province = await new StaffClient(app.app).login('admin@province.ma');
  await province.get('/admin/c/province-settat');
  assert.equal((await province.get(`/admin/c/province-settat/programmes/${id}`)).statusCode, 404);
  assert.equal((await province.get(`/admin/c/province-settat/programmes/${id}/axes/new`)).statusCode, 404);
  assert.equal((await province.post(`/admin/c/province-settat/programmes/${id}/axes`, { number: '8', title_ar: 'س' })).statusCode, 404);
  assert.equal((await province.post(`/admin/c/settat/programmes/${id}/axes`, { number: '8', title_ar: 'س' })).statusCode, 403);
  assert.equal(await db.selectFrom('axis').select('id').where('title_ar', '=', 'س').executeTakeFirst(), undefined);

  // adopting the draft closes the 2024–2025 programme: its parts are read, not changed
  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'دورة أكتوبر 2025', adoption_date: '2025-10-07' })).statusCode, 303);
  const old = await db.selectFrom('activity').selectAll().where('programme_id', '=', current.id).orderBy('id').executeTakeFirstOrThrow();
  const url = `/admin/c/settat/programmes/${current.id}/activities/${old.id}`;
  const refused = await admin.get(url);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /لا يمكن تعديل هذا البرنامج \(مختتم\)/);
  assert.match(refused.body, /href="\/ar\/c\/settat\/programmes\/2024-2025"/);
  const logs = (await logsOf(app, current.id)).length;
  const posted = await admin.post(url, { title_ar: 'تعديل بعد الاختتام', status: 'done', progress: '100' });
  assert.equal(posted.statusCode, 409);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${current.id}/axes`, { number: '8', title_ar: 'س' })).statusCode, 409);
  assert.equal((await admin.post(`${url}/delete`, {})).statusCode, 409);
  // nor through the short URL, which leads to the programme's own
  assert.equal((await admin.post(`/admin/c/settat/activities/${old.id}`, { title_ar: 'تعديل بعد الاختتام' })).statusCode, 409);
  const fr = await admin.get(`${url}?lang=fr`);
  assert.match(fr.body, /Ce programme ne peut plus être modifié \(Clôturé\)/);
  assert.deepEqual(await db.selectFrom('activity').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow(), old);
  assert.equal((await logsOf(app, current.id)).length, logs);
  // its overview is read only
  const overview = await admin.get(`/admin/c/settat/programmes/${current.id}`);
  assert.equal(overview.statusCode, 200);
  assert.doesNotMatch(overview.body, new RegExp(`href="/admin/c/settat/programmes/${current.id}/activities/`));
});

test('the next programme takes up the proposals not retained, linked both ways', async (t) => {
  const app = await setup(t);
  const { admin, cid, current } = app;
  const db = app.database.db;
  const axis = await db.selectFrom('axis').select('id').where('programme_id', '=', current.id).orderBy('number').executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const proposal = (title: string, status: string) =>
    db
      .insertInto('proposal')
      .values({ collectivity_id: cid, programme_id: current.id, axis_id: axis.id, channel: 'online', title, body: 'نص الاقتراح', lang: 'ar', search_text: title, status, submitted_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const notRetained = await proposal('فضاء رقمي لتتبع الشكايات', 'not_retained');
  const retained = await proposal('نشر محاضر الدورات', 'retained');
  const withdrawn = await proposal('اقتراح مسحوب', 'withdrawn');

  const list = await admin.get('/admin/c/settat/programmes');
  assert.match(list.body, /اقتراحات هذه الدورة التي لم تُعتمد/);
  assert.match(list.body, new RegExp(`name="carry" value="proposal:${notRetained}"`));
  for (const p of [retained, withdrawn]) assert.doesNotMatch(list.body, new RegExp(`value="proposal:${p}"`));

  // a proposal that is not the last cycle's to carry: refused, nothing created
  const programmes = async () => (await db.selectFrom('programme').select('id').where('collectivity_id', '=', cid).execute()).length;
  const before = await programmes();
  const bad = await admin.post('/admin/c/settat/programmes', { start_year: '2026', end_year: '2027', carry: [`proposal:${notRetained}`, `proposal:${retained}`] });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, new RegExp(`value="proposal:${notRetained}" checked`), 'the ticks are kept');
  assert.equal(await programmes(), before);
  assert.equal((await admin.post('/admin/c/settat/programmes', { start_year: '2026', end_year: '2027', carry: 'proposal:abc' })).statusCode, 400);
  assert.equal(await programmes(), before);

  const id = await startNext(admin, { carry: [`proposal:${notRetained}`] });
  const links = await db.selectFrom('proposal_carried').select(['proposal_id', 'programme_id']).where('collectivity_id', '=', cid).execute();
  assert.deepEqual(links, [{ proposal_id: notRetained, programme_id: id }]);
  // the draft lists it, linked to its back-office page
  const draft = await admin.get(`/admin/c/settat/programmes/${id}`);
  assert.match(draft.body, /اقتراحات منقولة من الدورة السابقة/);
  assert.match(draft.body, new RegExp(`href="/admin/c/settat/proposals/${notRetained}"[^>]*>فضاء رقمي لتتبع الشكايات`));
  // the proposal's page says so; the link comes when the programme is public
  const page = async () => (await app.app.inject({ url: `/ar/c/settat/proposals/${notRetained}` })).body;
  const drafted = await page();
  assert.match(drafted, /يُنظر في هذا الاقتراح لبرنامج الانفتاح المقبل/);
  assert.match(drafted, /<bdi>2026–2027<\/bdi>/);
  assert.doesNotMatch(drafted, /href="\/ar\/c\/settat\/programmes\/2026-2027"/);
  assert.doesNotMatch((await app.app.inject({ url: `/ar/c/settat/proposals/${retained}` })).body, /يُنظر في هذا الاقتراح/);
  await admin.get('/admin/c/settat/programmes');
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/consultation`, {})).statusCode, 303);
  assert.match(await page(), /href="\/ar\/c\/settat\/programmes\/2026-2027"><bdi>2026–2027<\/bdi>/);
  const fr = (await app.app.inject({ url: `/fr/c/settat/proposals/${notRetained}` })).body;
  assert.match(fr, /Cette proposition est à l(&#39;|')étude pour le prochain programme/);
});
