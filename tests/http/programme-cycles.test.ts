// Programmes over time: an imported programme is a draft until staff adopt it; adopting it closes
// the 2024–2025 plan, which stays public at /programmes/2024-2025 with its activities, evidence
// and history, while /programme follows the new one and old activity links redirect. Imported
// French text goes into the French columns. The next programme starts from the unfinished
// activities, linked both ways. Only the collectivity's administrators may do any of it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff, secondInstance } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settat-matrix.tsv'), 'utf8');
/** The same matrix, two years later: the 2026–2027 programme. */
const nextCycle = fixture.replaceAll('2024/', '2026/').replaceAll('2025/', '2027/');

const hidden = (html: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'") : null;
};

/** Imports a pasted table through the back office (preview, then confirm); the draft's id. */
async function importText(client: StaffClient, text: string, textLang = 'auto'): Promise<number> {
  await client.get('/admin/c/settat/import');
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('text', text);
  form.append('title', '');
  form.append('text_lang', textLang);
  const encoded = new Response(form);
  const preview = await client.app.inject({
    method: 'POST',
    url: '/admin/c/settat/import/preview',
    headers: { cookie: client.jar.header(), 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 2000));
  const res = await client.post('/admin/c/settat/import', {
    rows: hidden(preview.body, 'rows')!,
    title: '',
    text_lang: textLang,
    create_partners: '1',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return Number(/\/import\/(\d+)$/.exec(res.headers.location as string)![1]);
}

const version = async (t: TestApp) =>
  (await t.database.db.selectFrom('collectivity').select('content_version').where('slug', '=', 'settat').executeTakeFirstOrThrow()).content_version;

test('an imported programme is a draft until adopted; the adopted 2024–2025 plan stays public at its URL', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const get = (url: string) => app.app.inject({ url });
  // activity 1 has a progress note with its evidence (a PDF report)
  const db = app.database.db;
  const cid = await collectivityId(app.database, 'settat');
  const at = new Date().toISOString();
  const pdf = Buffer.from('%PDF-1.4\n% تقرير\n');
  const sha = createHash('sha256').update(pdf).digest('hex');
  const a1 = await db.selectFrom('activity').select('programme_id').where('id', '=', 1).executeTakeFirstOrThrow();
  const note = await db
    .insertInto('progress_note')
    .values({ collectivity_id: cid, programme_id: a1.programme_id, activity_id: 1, noted_on: '2024-06-01', progress: null, status: null, author_user_id: null, created_at: at, body_ar: 'نشرت المواد الأولى', body_fr: null, body_en: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('evidence_file').values({ collectivity_id: cid, note_id: note.id, sha256: sha, size: pdf.length, mime: 'application/pdf', original_name: 'تقرير.pdf', content: pdf, created_at: at }).execute();

  const oldActivity = await get('/ar/c/settat/programme/activities/1');
  assert.equal(oldActivity.statusCode, 200);
  const evidence = oldActivity.body.match(/\/c\/settat\/evidence\/[0-9a-f]{64}/g) ?? [];
  assert.ok(evidence.length > 0, 'the note and its evidence are shown');

  const id = await importText(admin, nextCycle);
  // a draft: not public, not listed, not in the API
  assert.equal((await get('/ar/c/settat/programmes/2026-2027')).statusCode, 404);
  const listed = await get('/api/v1/collectivities/settat/programmes');
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(listed.json().items.map((p: { period: { start: number } }) => p.period.start), [2024]);
  assert.equal((await get('/api/v1/collectivities/settat/programme')).json().programme.period.start, 2024);

  // adoption asks for the council's session
  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  const missing = await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_date: '2025-10-07' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /أدخلوا دورة المجلس/);

  const v0 = await version(app);
  const adopted = await admin.post(`/admin/c/settat/programmes/${id}/adopt`, {
    adoption_session_ar: 'دورة أكتوبر 2025',
    adoption_date: '2025-10-07',
    reason: 'برنامج الدورة الجديدة',
  });
  assert.equal(adopted.statusCode, 303, adopted.body.slice(0, 2000));
  assert.ok((await version(app)) > v0, 'the cached pages are invalidated');

  // the current programme is the new one; the old one is closed, never deleted
  const current = (await get('/api/v1/collectivities/settat/programme')).json().programme;
  assert.deepEqual({ start: current.period.start, status: current.status, date: current.adoption.date }, { start: 2026, status: 'adopted', date: '2025-10-07' });
  const items = (await get('/api/v1/collectivities/settat/programmes')).json().items;
  assert.deepEqual(
    items.map((p: { period: { start: number }; status: string; current: boolean }) => [p.period.start, p.status, p.current]),
    [[2026, 'adopted', true], [2024, 'closed', false]],
  );
  const openapi = (await get('/api/v1/openapi.json')).json();
  assert.ok(openapi.paths['/api/v1/collectivities/{slug}/programmes']);

  // old links: the activity redirects to its programme's URL, which shows it with its evidence
  const moved = await get('/ar/c/settat/programme/activities/1');
  assert.equal(moved.statusCode, 308);
  assert.equal(moved.headers.location, '/ar/c/settat/programmes/2024-2025/activities/1');
  const kept = await get('/ar/c/settat/programmes/2024-2025/activities/1');
  assert.equal(kept.statusCode, 200);
  assert.match(kept.body, /ليس البرنامج الحالي/);
  for (const href of evidence) assert.ok(kept.body.includes(href), href);
  assert.match(kept.body, /نشرت المواد الأولى/);
  assert.equal((await get(`/c/settat/evidence/${sha}`)).statusCode, 200);
  assert.equal((await get('/fr/c/settat/programmes/2024-2025/projects/3')).statusCode, 200);
  const oldMatrix = await get('/fr/c/settat/programmes/2024-2025');
  assert.equal(oldMatrix.statusCode, 200);
  assert.match(oldMatrix.body, /href="\/fr\/c\/settat\/programmes\/2024-2025\/activities\/1"/);
  const cards = await get('/fr/c/settat/programmes/2024-2025/cards');
  assert.equal(cards.statusCode, 200);
  assert.match(cards.body, /href="\/fr\/c\/settat\/programmes\/2024-2025"/);
  // the new programme at the short URLs and at its own
  assert.match((await get('/ar/c/settat/programme')).body, /2026/);
  assert.equal((await get('/ar/c/settat/programmes/2026-2027')).statusCode, 200);
  const list = await get('/fr/c/settat/programmes');
  assert.match(list.body, /href="\/fr\/c\/settat\/programmes\/2024-2025"/);
  assert.match(list.body, /href="\/fr\/c\/settat\/programmes\/2026-2027"/);
  // the adoption, with its reason, is in the new programme's public history
  assert.match((await get('/ar/c/settat/programme')).body, /برنامج الدورة الجديدة/);
  // "what became of this proposal" leads to the card in its own programme
  const fed = await db.selectFrom('proposal').select(['id', 'project_id']).where('collectivity_id', '=', cid).where('project_id', 'is not', null).executeTakeFirst();
  assert.ok(fed, 'the demo has a proposal that fed a project');
  const n = (await db.selectFrom('project').select('number').where('id', '=', fed.project_id!).executeTakeFirstOrThrow()).number;
  assert.match((await get(`/ar/c/settat/proposals/${fed.id}`)).body, new RegExp(`href="/ar/c/settat/programmes/2024-2025/projects/${n}"`));
  // unknown periods and malformed ones are not found
  assert.equal((await get('/ar/c/settat/programmes/1999-2000')).statusCode, 404);
  assert.equal((await get('/ar/c/settat/programmes/abc')).statusCode, 404);
  // the closed programme can be archived: still public at its URL
  await admin.get('/admin/c/settat/programmes');
  assert.equal((await admin.post(`/admin/c/settat/programmes/${a1.programme_id}/archived`, {})).statusCode, 303);
  assert.match((await get('/fr/c/settat/programmes/2024-2025')).body, /Archivé/);
  // the current one does not move by hand
  await admin.post(`/admin/c/settat/programmes/${id}/archived`, {});
  assert.equal((await db.selectFrom('programme').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'adopted');
  // adopting twice is refused (no longer a draft)
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'x', adoption_date: '2025-10-07' })).statusCode, 404);
});

test('only the collectivity administrators adopt, and only their own drafts', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(app.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(app.database, 'admin@province.ma', 'focal_point', 'province-settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const id = await importText(admin, nextCycle);
  const v0 = await version(app);
  const form = { adoption_session_ar: 'دورة أكتوبر', adoption_date: '2025-10-07' };
  const focal = await new StaffClient(app.app).login('focal@settat.ma');
  assert.equal((await focal.get('/admin/c/settat/programmes')).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/settat/programmes/${id}/adopt`, form)).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/settat/programmes/${id}/consultation`, {})).statusCode, 403);
  assert.equal((await focal.post('/admin/c/settat/programmes', { start_year: '2026', end_year: '2027' })).statusCode, 403);
  const province = await new StaffClient(app.app).login('admin@province.ma');
  assert.equal((await province.post(`/admin/c/settat/programmes/${id}/adopt`, form)).statusCode, 403);
  await province.get('/admin/c/province-settat/programmes');
  assert.equal((await province.post(`/admin/c/province-settat/programmes/${id}/adopt`, form)).statusCode, 404);
  assert.equal((await province.post(`/admin/c/province-settat/programmes/${id}/consultation`, {})).statusCode, 404);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, form, { csrf: '' })).statusCode, 403);
  assert.equal(await version(app), v0);
  const row = await app.database.db.selectFrom('programme').select(['status', 'is_current']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual({ status: row.status, current: Number(row.is_current) }, { status: 'draft', current: 0 });

  // in consultation a draft is public at its period's URL, not at /programme
  await admin.get('/admin/c/settat/programmes');
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/consultation`, {})).statusCode, 303);
  assert.equal((await app.app.inject({ url: '/ar/c/settat/programmes/2026-2027' })).statusCode, 200);
  assert.match((await app.app.inject({ url: '/ar/c/settat/programme' })).body, /2024/);
});

test('one current programme per collectivity, enforced by the database', async (t) => {
  const app = await buildTestApp(t);
  const cid = await collectivityId(app.database, 'settat');
  await assert.rejects(
    app.database.db
      .insertInto('programme')
      .values({ collectivity_id: cid, title_ar: 'ثان', start_year: 2026, end_year: 2027, status: 'draft', created_at: new Date().toISOString(), is_current: 1 })
      .execute(),
  );
});

test('a French matrix lands in the French columns; the Arabic pages fall back to it, marked French', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const french = [
    'Axes\tProjets\tActivités\tPartenaires\tCoût\tFinancement\tDurée\tDébut\tFin',
    "Axe 1 : Le budget participatif\tProjet 1 : Adopter le budget participatif\tActivité 1 : Publier des supports numériques de sensibilisation\t-\t-\tBudget propre\t1 an\t2026/01/01\t2026/12/31",
    "\t\tActivité 2 : Former les élus et les fonctionnaires\t-\t-\tBudget propre\t\t2026/01/01\t2027/06/30",
  ].join('\n');
  const id = await importText(admin, french);
  const db = app.database.db;
  const activity = await db.selectFrom('activity').selectAll().where('programme_id', '=', id).orderBy('number').executeTakeFirstOrThrow();
  assert.equal(activity.title_fr, 'Publier des supports numériques de sensibilisation');
  assert.equal(activity.title_ar, '');
  const axis = await db.selectFrom('axis').selectAll().where('programme_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([axis.title_ar, axis.title_fr], ['', 'Le budget participatif']);

  // chosen at import: the same text as English
  const english = await importText(admin, french.replaceAll('2026', '2028').replaceAll('2027', '2029'), 'en');
  const en = await db.selectFrom('activity').select(['title_ar', 'title_fr', 'title_en']).where('programme_id', '=', english).orderBy('number').executeTakeFirstOrThrow();
  assert.deepEqual([en.title_ar, en.title_fr, en.title_en], ['', null, 'Publier des supports numériques de sensibilisation']);

  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_fr: "Session d'octobre", adoption_date: '2025-10-07' })).statusCode, 303);
  const page = await app.app.inject({ url: '/ar/c/settat/programme' });
  assert.match(page.body, /lang="fr"[^>]*>Publier des supports numériques/);
  const api = (await app.app.inject({ url: '/api/v1/collectivities/settat/programme' })).json();
  assert.deepEqual(api.programme.axes[0].projects[0].activities[0].title, { fr: 'Publier des supports numériques de sensibilisation' });
});

test('the matrix history counts edits of activities, with the public reason the form asks for', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'focal@settat.ma', 'editor', 'settat');
  const focal = await new StaffClient(app.app).login('focal@settat.ma');
  const db = app.database.db;
  const cid = await collectivityId(app.database, 'settat');
  const project1 = await db.selectFrom('project').select('id').where('collectivity_id', '=', cid).where('number', '=', 1).executeTakeFirstOrThrow();
  const a = await db.selectFrom('activity').selectAll().where('project_id', '=', project1.id).where('number', '=', 2).executeTakeFirstOrThrow();
  const form = await focal.get(`/admin/c/settat/activities/${a.id}`);
  assert.match(form.body, /name="reason"/);
  const values: Record<string, string | string[]> = {};
  for (const m of form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) if (m[1] !== '_csrf') values[m[1]] = m[2];
  const body = {
    ...values,
    project_id: String(a.project_id),
    cost_kind: a.cost_kind,
    funding_kind: a.funding_kind,
    funding_partner_id: a.funding_partner_id ? String(a.funding_partner_id) : '',
    status: 'in_progress',
    progress: '40',
    reason: 'تأخر الشريك في تسليم المواد',
  };
  const saved = await focal.post(`/admin/c/settat/activities/${a.id}`, body);
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
  const matrix = await app.app.inject({ url: '/ar/c/settat/programme' });
  assert.doesNotMatch(matrix.body, /لا تغيير منذ المصادقة|No change since adoption/);
  assert.match(matrix.body, /تأخر الشريك في تسليم المواد/);
  assert.match(matrix.body, new RegExp(`href="/ar/c/settat/programme/activities/${a.id}"`));
  const activityPage = await app.app.inject({ url: `/ar/c/settat/programme/activities/${a.id}` });
  assert.match(activityPage.body, /تأخر الشريك في تسليم المواد/);
  // a reason too long is a message on the form, nothing saved
  const tooLong = await focal.post(`/admin/c/settat/activities/${a.id}`, { ...body, progress: '50', reason: 'س'.repeat(501) });
  assert.equal(tooLong.statusCode, 400);
  assert.equal((await db.selectFrom('activity').select('progress').where('id', '=', a.id).executeTakeFirstOrThrow()).progress, 40);
});

test('the next programme starts from the unfinished activities, carried over and linked both ways', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const db = app.database.db;
  const cid = await collectivityId(app.database, 'settat');
  const current = await db.selectFrom('programme').selectAll().where('collectivity_id', '=', cid).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const unfinished = await db
    .selectFrom('activity')
    .select(['id', 'number', 'title_ar'])
    .where('programme_id', '=', current.id)
    .where('status', 'not in', ['done', 'cancelled'])
    .orderBy('id')
    .execute();
  assert.ok(unfinished.length > 0);

  const page = await admin.get('/admin/c/settat/programmes');
  assert.match(page.body, /value="2026"/);
  const overlap = await admin.post('/admin/c/settat/programmes', { start_year: '2024', end_year: '2025' });
  assert.equal(overlap.statusCode, 400);
  const started = await admin.post('/admin/c/settat/programmes', { start_year: '2026', end_year: '2027' });
  assert.equal(started.statusCode, 303, started.body.slice(0, 2000));
  const id = Number(/\/admin\/c\/settat\/programmes\/(\d+)$/.exec(started.headers.location as string)![1]);
  const carried = await db.selectFrom('activity').select(['id', 'carried_from_id', 'title_ar']).where('programme_id', '=', id).orderBy('carried_from_id').execute();
  assert.deepEqual(carried.map((a) => a.carried_from_id), unfinished.map((a) => a.id));
  assert.deepEqual(carried.map((a) => a.title_ar), unfinished.map((a) => a.title_ar));

  // once the draft is adopted, each side links to the other
  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'دورة أكتوبر 2025', adoption_date: '2025-10-07' })).statusCode, 303);
  const from = await app.app.inject({ url: `/fr/c/settat/programmes/2024-2025/activities/${unfinished[0].id}` });
  assert.match(from.body, new RegExp(`href="/fr/c/settat/programmes/2026-2027/activities/${carried[0].id}"`));
  const to = await app.app.inject({ url: `/fr/c/settat/programme/activities/${carried[0].id}` });
  assert.equal(to.statusCode, 200);
  assert.match(to.body, new RegExp(`href="/fr/c/settat/programmes/2024-2025/activities/${unfinished[0].id}"`));
});

test('two drafts of one period adopted at once (two instances): one is adopted, the other told why; no error', async (t) => {
  const first = await buildTestApp(t);
  const other = await secondInstance(t, first);
  await createStaff(first.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(first.database, 'admin2@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(first.app).login('admin@settat.ma');
  const admin2 = await new StaffClient(other.app).login('admin2@settat.ma');
  const a = await importText(admin, nextCycle);
  const b = await importText(admin, nextCycle);
  const form = { adoption_session_ar: 'دورة أكتوبر 2025', adoption_date: '2025-10-07' };
  await admin.get(`/admin/c/settat/programmes/${a}/adopt`);
  await admin2.get(`/admin/c/settat/programmes/${b}/adopt`);
  const answers = await Promise.all([admin.post(`/admin/c/settat/programmes/${a}/adopt`, form), admin2.post(`/admin/c/settat/programmes/${b}/adopt`, form)]);
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 400], answers.map((r) => r.body.slice(0, 300)).join('\n'));
  const refused = answers.find((r) => r.statusCode === 400)!;
  assert.match(refused.body, /2026/);
  const rows = await first.database.db.selectFrom('programme').select(['id', 'status', 'is_current']).where('id', 'in', [a, b]).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => r.status).sort(), ['adopted', 'draft']);
  assert.equal(rows.filter((r) => Number(r.is_current) === 1).length, 1);
});
