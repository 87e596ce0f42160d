// A closed programme keeps all its public pages at URLs that name it: after a new programme is
// adopted, the 2024–2025 dashboard, indicators (and each indicator's page), yearly reports,
// downloads, API document and sitemap entries answer with the 2024–2025 data, say it is not the
// current programme and link to the current one; the short URLs follow the new programme; a
// draft's period answers 404 everywhere, as its matrix does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settat-matrix.tsv'), 'utf8');
/** The same matrix two (or four) years later: the next programmes, without indicators. */
const shifted = (by: number) => fixture.replaceAll('2024/', `${2024 + by}/`).replaceAll('2025/', `${2025 + by}/`);

const hidden = (html: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'") : null;
};

/** Imports a pasted table through the back office (preview, then confirm); the draft's id. */
async function importText(client: StaffClient, text: string): Promise<number> {
  await client.get('/admin/c/settat/import');
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('text', text);
  form.append('title', '');
  form.append('text_lang', 'auto');
  const encoded = new Response(form);
  const preview = await client.app.inject({
    method: 'POST',
    url: '/admin/c/settat/import/preview',
    headers: { cookie: client.jar.header(), 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 2000));
  const res = await client.post('/admin/c/settat/import', { rows: hidden(preview.body, 'rows')!, title: '', text_lang: 'auto', create_partners: '1' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return Number(/\/import\/(\d+)$/.exec(res.headers.location as string)![1]);
}

const notCurrent = { ar: /ليس البرنامج الحالي/, fr: /pas le programme actuel/ };

test('after a new programme is adopted, the 2024–2025 dashboard, indicators, reports, downloads, API and sitemap stay at its URLs', async (t) => {
  // spring 2026: the 2024–2025 programme's period is over
  t.mock.timers.enable({ apis: ['Date'], now: new Date('2026-03-16T10:00:00Z') });
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  const get = (url: string) => app.app.inject({ url });
  const db = app.database.db;
  const cid = await collectivityId(app.database, 'settat');
  const old = await db.selectFrom('programme').select(['id', 'title_ar']).where('collectivity_id', '=', cid).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const oldIndicators = (await db.selectFrom('indicator').select('id').where('programme_id', '=', old.id).orderBy('id').execute()).map((i) => i.id);
  assert.ok(oldIndicators.length > 0, 'the demo programme has indicators');
  const indicator = oldIndicators[0];

  // one activity as the adopted document left it (planned, without the demo's example progress
  // and its history): late at the end of 2025, so the report links to it
  const first = await db.selectFrom('activity').select('id').where('programme_id', '=', old.id).orderBy('id').executeTakeFirstOrThrow();
  await db.deleteFrom('progress_note').where('activity_id', '=', first.id).execute();
  await db.deleteFrom('change_log').where('entity_type', '=', 'activity').where('entity_id', '=', first.id).execute();
  await db.updateTable('activity').set({ status: 'planned', progress: 0 }).where('id', '=', first.id).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cid).execute();

  // the 2025 report of the 2024–2025 programme, published while it is current
  assert.equal((await admin.post('/admin/c/settat/reports', { year: '2025' })).statusCode, 303);
  assert.equal((await admin.post('/admin/c/settat/reports/2025/publish', {})).statusCode, 303);

  // read (and cached) while 2024–2025 is current: no notice
  const before = await get('/ar/c/settat/programmes/2024-2025/dashboard');
  assert.equal(before.statusCode, 200);
  assert.doesNotMatch(before.body, notCurrent.ar);

  const id = await importText(admin, shifted(2));
  await admin.get(`/admin/c/settat/programmes/${id}/adopt`);
  const adopted = await admin.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'دورة فبراير 2026', adoption_date: '2026-02-03' });
  assert.equal(adopted.statusCode, 303, adopted.body.slice(0, 2000));

  // the dashboard of 2024–2025: its own activities, lateness as of the end of its period, the
  // notice (the cached page was replaced) and a link to the current programme
  for (const locale of ['ar', 'fr'] as const) {
    const dashboard = await get(`/${locale}/c/settat/programmes/2024-2025/dashboard`);
    assert.equal(dashboard.statusCode, 200, `${locale} dashboard`);
    assert.match(dashboard.body, notCurrent[locale]);
    assert.match(dashboard.body, new RegExp(`href="/${locale}/c/settat/programme"`));
    assert.match(dashboard.body, new RegExp(`href="/${locale}/c/settat/programmes/2024-2025/activities/\\d+"`));
    assert.match(dashboard.body, new RegExp(`href="/${locale}/c/settat/programmes/2024-2025/indicators"`));
    assert.match(dashboard.body, /2025-12-31/);
    assert.match(dashboard.body, /<bdi>2024–2025<\/bdi>/);
  }
  assert.match((await get('/ar/c/settat/programmes/2024-2025/dashboard')).body, new RegExp(old.title_ar));
  assert.match((await get('/fr/c/settat/programmes/2024-2025/dashboard')).body, /fin de la période du programme \(31 décembre 2025\)/);
  // the short URL follows the new programme
  const now = await get('/fr/c/settat/dashboard');
  assert.equal(now.statusCode, 200);
  assert.doesNotMatch(now.body, notCurrent.fr);
  assert.match(now.body, /<bdi>2026–2027<\/bdi>/);
  assert.doesNotMatch(now.body, /programmes\/2024-2025\/activities/);

  // indicators: the list of 2024–2025, and each indicator's page under its programme
  for (const locale of ['ar', 'fr'] as const) {
    const list = await get(`/${locale}/c/settat/programmes/2024-2025/indicators`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, notCurrent[locale]);
    for (const i of oldIndicators) assert.ok(list.body.includes(`id="indicator-${i}"`), `indicator ${i}`);
    assert.ok(list.body.includes(`href="/${locale}/c/settat/programmes/2024-2025/projects/1"`));
    const moved = await get(`/${locale}/c/settat/indicators/${indicator}`);
    assert.equal(moved.statusCode, 308);
    assert.equal(moved.headers.location, `/${locale}/c/settat/programmes/2024-2025/indicators/${indicator}`);
    const page = await get(`/${locale}/c/settat/programmes/2024-2025/indicators/${indicator}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, notCurrent[locale]);
    assert.match(page.body, new RegExp(`href="/${locale}/c/settat/programmes/2024-2025"`), 'links to its programme');
    assert.match(page.body, new RegExp(`href="/${locale}/c/settat/programme"`), 'and to the current one');
  }
  // an indicator asked under another programme's period goes to its own
  const wrong = await get(`/fr/c/settat/programmes/2026-2027/indicators/${indicator}?page=1`);
  assert.equal(wrong.statusCode, 308);
  assert.equal(wrong.headers.location, `/fr/c/settat/programmes/2024-2025/indicators/${indicator}`);
  const current = await get('/fr/c/settat/indicators');
  assert.equal(current.statusCode, 200);
  assert.ok(!current.body.includes('id="indicator-'), 'the new programme has no indicators yet');
  // the project page of the old programme links to the old programme's indicators
  assert.match((await get('/fr/c/settat/programmes/2024-2025/projects/1')).body, /href="\/fr\/c\/settat\/programmes\/2024-2025\/indicators"/);

  // the matrix of 2024–2025 links to its dashboard, indicators, reports and downloads
  const matrix = (await get('/fr/c/settat/programmes/2024-2025')).body;
  for (const href of ['/fr/c/settat/programmes/2024-2025/dashboard', '/fr/c/settat/programmes/2024-2025/indicators', '/fr/c/settat/programmes/2024-2025/reports', '/api/v1/collectivities/settat/programmes/2024-2025.xlsx']) {
    assert.ok(matrix.includes(`href="${href}"`), href);
  }
  assert.ok((await get('/fr/c/settat/programme')).body.includes('href="/api/v1/collectivities/settat/programme.xlsx"'));

  // the reports of 2024–2025
  const reports = await get('/ar/c/settat/programmes/2024-2025/reports');
  assert.equal(reports.statusCode, 200);
  assert.match(reports.body, notCurrent.ar);
  assert.match(reports.body, /href="\/ar\/c\/settat\/programmes\/2024-2025\/reports\/2025"/);
  for (const url of ['/ar/c/settat/programmes/2024-2025/reports/2025', '/ar/c/settat/reports/2025', '/ar/c/settat/programmes/2024-2025/reports/2025/versions/1']) {
    const report = await get(url);
    assert.equal(report.statusCode, 200, url);
    assert.match(report.body, notCurrent.ar, url);
    assert.match(report.body, /href="\/ar\/c\/settat\/programmes\/2024-2025"/, url);
    assert.match(report.body, /href="\/ar\/c\/settat\/programmes\/2024-2025\/activities\/\d+"/, url);
  }
  assert.match((await get('/ar/c/settat/programmes/2024-2025/reports/2025')).body, /<a href="\/ar\/c\/settat\/programmes\/2024-2025\/reports">/, 'its list in the breadcrumbs');
  assert.equal((await get('/ar/c/settat/programmes/2026-2027/reports/2025')).statusCode, 404, 'not a report of the new programme');
  assert.equal((await get('/ar/c/settat/programmes/2026-2027/reports')).statusCode, 200);

  // the API by period, and its downloads
  const doc = await get('/api/v1/collectivities/settat/programmes/2024-2025');
  assert.equal(doc.statusCode, 200);
  assert.deepEqual([doc.json().programme.period.start, doc.json().programme.status], [2024, 'closed']);
  assert.equal((await get('/api/v1/collectivities/settat/programme')).json().programme.period.start, 2026);
  const listed = (await get('/api/v1/collectivities/settat/programmes')).json().items;
  assert.deepEqual(listed.map((p: { api: string }) => p.api), ['/api/v1/collectivities/settat/programmes/2026-2027', '/api/v1/collectivities/settat/programmes/2024-2025']);
  const oldValues = await get('/api/v1/collectivities/settat/programmes/2024-2025/indicators?lang=fr');
  assert.equal(oldValues.statusCode, 200);
  assert.deepEqual(oldValues.json().items.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b), oldIndicators);
  assert.deepEqual((await get('/api/v1/collectivities/settat/indicators')).json().items, []);
  const json = await get('/api/v1/collectivities/settat/programmes/2024-2025.json');
  assert.equal(json.statusCode, 200);
  assert.equal(JSON.parse(json.body).programme.period.start, 2024);
  const csv = await get('/api/v1/collectivities/settat/programmes/2024-2025.csv?lang=fr');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-disposition']), /settat-programme-2024-2025-fr\.csv/);
  assert.match(csv.body, /2024-01-01/);
  const xlsx = await get('/api/v1/collectivities/settat/programmes/2024-2025.xlsx');
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  assert.equal((await get('/api/v1/collectivities/settat/programmes/2024-2025.ics')).statusCode, 200);
  const shortCsv = await get('/api/v1/collectivities/settat/programme.csv');
  assert.match(String(shortCsv.headers['content-disposition']), /2026-2027/);
  assert.notEqual(shortCsv.headers.etag, csv.headers.etag);
  const openapi = (await get('/api/v1/openapi.json')).json();
  for (const path of ['/api/v1/collectivities/{slug}/programmes/{period}', '/api/v1/collectivities/{slug}/programmes/{period}/indicators']) assert.ok(openapi.paths[path], path);

  // the sitemap lists the 2024–2025 pages at their period's URLs, the current ones at the short URLs
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'url' });
  const locs = (parser.parse((await get('/c/settat/sitemap.xml')).body).urlset.url as { loc: string }[]).map((u) => new URL(u.loc).pathname);
  for (const path of ['/programmes/2024-2025', '/programmes/2024-2025/dashboard', '/programmes/2024-2025/indicators', '/programmes/2024-2025/cards', '/programmes/2024-2025/reports', '/programmes/2024-2025/projects/1', '/programme', '/dashboard', '/indicators']) {
    assert.ok(locs.includes(`/fr/c/settat${path}`), path);
  }
  assert.ok(locs.includes(`/ar/c/settat/programmes/2024-2025/activities/1`));
  assert.ok(!locs.some((l) => l.includes('/programmes/2026-2027')), 'the current programme only at its short URLs');
  assert.equal(new Set(locs).size, locs.length, 'no page twice');
  for (const loc of locs.filter((l) => l.startsWith('/ar/c/settat/programmes/2024-2025'))) assert.equal((await get(loc)).statusCode, 200, loc);

  // a draft's period: nothing public
  await importText(admin, shifted(4));
  for (const url of [
    '/ar/c/settat/programmes/2028-2029',
    '/ar/c/settat/programmes/2028-2029/dashboard',
    '/ar/c/settat/programmes/2028-2029/cards',
    '/ar/c/settat/programmes/2028-2029/indicators',
    '/ar/c/settat/programmes/2028-2029/reports',
    '/api/v1/collectivities/settat/programmes/2028-2029',
    '/api/v1/collectivities/settat/programmes/2028-2029/indicators',
    '/api/v1/collectivities/settat/programmes/2028-2029.csv',
    '/api/v1/collectivities/settat/programmes/2028-2029.xlsx',
  ]) {
    assert.equal((await get(url)).statusCode, 404, url);
  }
  assert.ok(!(await get('/c/settat/sitemap.xml')).body.includes('2028-2029'));
});
