// Long tracking lists are paged, never cut: an activity's progress notes (public page and back
// office, 100 a page), an indicator's measurements in the back office (200 a page) and its values
// on its own public page (100 a page). Rows on the same date stay in order across a page break;
// a cached page is kept per page; a cursor from another activity or collectivity is not found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await loadBerrechid(ctx.database.db);
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@berrechid.ma', 'focal_point', 'berrechid');
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const berrechidId = await collectivityId(ctx.database, 'berrechid');
  return { ...ctx, db, settatId, berrechidId };
}

/** The day `n` days after 2024-01-01: two rows share each day, so a page break falls inside one. */
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(n / 2) * 86_400_000).toISOString().slice(0, 10);
/** The pager's next link, without its fragment. */
const nextOf = (html: string) => /<a href="([^"#]+)(?:#[^"]*)?" rel="next">/.exec(html)?.[1].replace(/&amp;/g, '&');

test('an activity with 101 progress notes: the oldest is on page 2, publicly and in the back office', async (t) => {
  const { app, db, settatId, berrechidId } = await setup(t);
  const activity = await db.selectFrom('activity').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  await db.deleteFrom('progress_note').where('activity_id', '=', activity.id).execute();
  for (let k = 1; k <= 101; k++) {
    await db
      .insertInto('progress_note')
      .values({ collectivity_id: settatId, programme_id: activity.programme_id, activity_id: activity.id, noted_on: day(k), progress: null, status: null, author_user_id: null, created_at: new Date().toISOString(), body_ar: `ملاحظة ${k}`, body_fr: `Note n°${k}.`, body_en: null })
      .execute();
  }
  const url = `/fr/c/settat/programme/activities/${activity.id}`;
  const first = (await app.inject(url)).body;
  const onPage = (html: string) => [...html.matchAll(/Note n°(\d+)\./g)].map((m) => Number(m[1]));
  const page1 = onPage(first);
  assert.equal(page1.length, 100);
  assert.equal(page1[0], 101, 'newest first');
  assert.ok(!page1.includes(1), 'the oldest is not on page 1');
  const next = nextOf(first);
  assert.match(String(next), new RegExp(`^${url}\\?before=\\d+$`));
  const second = await app.inject(String(next));
  assert.equal(second.statusCode, 200);
  assert.deepEqual(onPage(second.body), [1], 'page 2 (its own cache entry) has the oldest note');
  assert.equal(nextOf(second.body), undefined, 'no page 3');
  assert.ok(second.body.includes(`<a href="${url}#progress-notes">Première page</a>`), 'a link back to the first page');
  // every note exactly once, in (date, id) order
  assert.deepEqual([...page1, 1], Array.from({ length: 101 }, (_, i) => 101 - i));
  // page 1 again is still page 1 (the cache keys the two apart)
  assert.equal(onPage((await app.inject(url)).body).length, 100);

  // a cursor that is not one of this activity's notes: not found
  const other = await db.selectFrom('activity').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).where('id', '<>', activity.id).executeTakeFirstOrThrow();
  const stray = await db.insertInto('progress_note').values({ collectivity_id: settatId, programme_id: other.programme_id, activity_id: other.id, noted_on: '2024-06-01', progress: null, status: null, author_user_id: null, created_at: new Date().toISOString(), body_ar: 'أخرى', body_fr: null, body_en: null }).returning('id').executeTakeFirstOrThrow();
  assert.equal((await app.inject(`${url}?before=${stray.id}`)).statusCode, 404);
  const foreignActivity = await db.selectFrom('activity').select(['id', 'programme_id']).where('collectivity_id', '=', berrechidId).executeTakeFirstOrThrow();
  const foreign = await db.insertInto('progress_note').values({ collectivity_id: berrechidId, programme_id: foreignActivity.programme_id, activity_id: foreignActivity.id, noted_on: '2024-06-01', progress: null, status: null, author_user_id: null, created_at: new Date().toISOString(), body_ar: 'برشيد', body_fr: null, body_en: null }).returning('id').executeTakeFirstOrThrow();
  assert.equal((await app.inject(`${url}?before=${foreign.id}`)).statusCode, 404);

  // the back office pages the same way; Berrechid's focal point may not read Settat's
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const admin = `/admin/c/settat/tracking/activities/${activity.id}`;
  const adminFirst = (await editor.get(`${admin}?lang=fr`)).body;
  assert.equal(onPage(adminFirst).length, 100);
  const adminNext = nextOf(adminFirst);
  assert.match(String(adminNext), new RegExp(`^${admin}\\?before=\\d+$`));
  assert.deepEqual(onPage((await editor.get(String(adminNext))).body), [1]);
  const berrechid = await new StaffClient(app).login('focal@berrechid.ma');
  assert.equal((await berrechid.get(String(adminNext))).statusCode, 403);
});

test('an indicator with 201 measurements: its own public page lists them 100 a page, the back office 200', async (t) => {
  const { app, db, settatId } = await setup(t);
  const indicator = await db
    .selectFrom('indicator')
    .select(['id', 'project_id'])
    .where('collectivity_id', '=', settatId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('indicator_metric').select('indicator_id').whereRef('indicator_metric.indicator_id', '=', 'indicator.id'))))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('indicator_measurement').where('indicator_id', '=', indicator.id).execute();
  const ids: number[] = [];
  for (let k = 1; k <= 201; k++) {
    const row = await db
      .insertInto('indicator_measurement')
      .values({ collectivity_id: settatId, indicator_id: indicator.id, measured_on: day(k), value: k, source_ar: null, source_fr: `Relevé n°${k}`, source_en: null, note_ar: null, note_fr: null, note_en: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const project = await db.selectFrom('project').select('number').where('id', '=', indicator.project_id).executeTakeFirstOrThrow();

  // the project page shows the latest values and links to every value
  const card = (await app.inject(`/fr/c/settat/programme/projects/${project.number}`)).body;
  const own = `/fr/c/settat/indicators/${indicator.id}`;
  assert.match(card, new RegExp(`<a href="${own}">Toutes les valeurs \\(201\\)</a>`));
  const rowsOf = (html: string) => [...html.matchAll(/<td>Relevé n°(\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.equal(rowsOf(card).length, 24);

  const page1 = (await app.inject(own)).body;
  assert.deepEqual(rowsOf(page1), Array.from({ length: 100 }, (_, i) => 201 - i));
  assert.match(page1, /Valeurs 1 à 100 sur 201/);
  assert.equal(nextOf(page1), `${own}?page=2`);
  const page2 = (await app.inject(`${own}?page=2`)).body;
  assert.deepEqual(rowsOf(page2), Array.from({ length: 100 }, (_, i) => 101 - i), 'item 101 (the 101st newest) is on page 2');
  const page3 = (await app.inject(`${own}?page=3`)).body;
  assert.deepEqual(rowsOf(page3), [1]);
  assert.equal(nextOf(page3), undefined);
  assert.equal((await app.inject(`${own}?page=4`)).statusCode, 404);
  assert.equal((await app.inject(`${own}?page=0`)).statusCode, 404);
  assert.deepEqual(rowsOf((await app.inject(own)).body).length, 100, 'page 1 is still page 1');
  // not under another collectivity's address
  assert.equal((await app.inject(`/fr/c/berrechid/indicators/${indicator.id}`)).statusCode, 404);

  // the back office: 200 newest, then the oldest on page 2
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const admin = `/admin/c/settat/tracking/indicators/${indicator.id}`;
  const listed = (html: string) => [...html.matchAll(/measurements\/(\d+)\/delete/g)].map((m) => Number(m[1]));
  const adminFirst = (await editor.get(admin)).body;
  assert.deepEqual(listed(adminFirst), ids.slice(1).reverse());
  const adminNext = nextOf(adminFirst);
  assert.equal(adminNext, `${admin}?before=${ids[1]}`);
  assert.deepEqual(listed((await editor.get(String(adminNext))).body), [ids[0]]);
  // a measurement of another indicator is no cursor here
  const otherIndicator = await db.selectFrom('indicator').select('id').where('collectivity_id', '=', settatId).where('id', '<>', indicator.id).orderBy('id').executeTakeFirstOrThrow();
  const otherMeasurement = await db
    .insertInto('indicator_measurement')
    .values({ collectivity_id: settatId, indicator_id: otherIndicator.id, measured_on: day(1), value: 1, source_ar: null, source_fr: null, source_en: null, note_ar: null, note_fr: null, note_en: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  assert.equal((await editor.get(`${admin}?before=${otherMeasurement.id}`)).statusCode, 404);
});
