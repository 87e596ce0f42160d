// A long public history is paged, never cut: the activity page lists 50 entries, then a link to
// the next 50 (`?history=`, its own cache entry); a cursor from another history is not found. The
// matrix shows the programme's latest changes and links to its whole history, paged the same way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, collectivityId } from '../helpers/app.ts';

test('an activity with 51 public changes: the oldest is on page 2 of its history', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const [activity, other] = await db.selectFrom('activity').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).orderBy('id').limit(2).execute();
  await db.deleteFrom('change_log').where('entity_type', '=', 'activity').where('entity_id', '=', activity.id).execute();
  const entry = (entityId: number, k: number) => ({
    collectivity_id: settatId, programme_id: activity.programme_id, entity_type: 'activity', entity_id: entityId, action: 'update',
    // two entries share each time: a page break falls between them
    at: new Date(Date.UTC(2025, 0, 1, 0, Math.floor(k / 2))).toISOString(),
    actor_user_id: null, actor_role: 'focal_point', changes: JSON.stringify([{ field: 'progress', before: k - 1, after: k }]), public: 1,
  });
  for (let k = 1; k <= 51; k++) await db.insertInto('change_log').values(entry(activity.id, k)).execute();
  const url = `/fr/c/settat/programme/activities/${activity.id}`;
  const listed = (html: string) => [...html.matchAll(/<ins>(?:<bdi>)?(\d+)%/g)].map((m) => Number(m[1]));
  const first = (await app.inject(url)).body;
  assert.deepEqual(listed(first), Array.from({ length: 50 }, (_, i) => 51 - i));
  const next = /<a href="([^"#]+)#history" rel="next">/.exec(first)?.[1]?.replace(/&amp;/g, '&');
  assert.match(String(next), new RegExp(`^${url}\\?history=\\d+$`));
  const second = (await app.inject(String(next))).body;
  assert.deepEqual(listed(second), [1], 'page 2 (its own cache entry) has the oldest change');
  assert.match(second, new RegExp(`<a href="${url}#history">Première page</a>`));
  assert.equal(listed((await app.inject(url)).body).length, 50, 'page 1 is still page 1');

  // an entry of another activity's history is no cursor here
  const stray = await db.insertInto('change_log').values(entry(other.id, 1)).returning('id').executeTakeFirstOrThrow();
  assert.equal((await app.inject(`${url}?history=${stray.id}`)).statusCode, 404);
});

test('the matrix shows the latest 5 changes; the programme’s history page pages them all, activities included', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const settatId = await collectivityId(database, 'settat');
  const activity = await db.selectFrom('activity').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  for (let k = 1; k <= 55; k++) {
    await db.insertInto('change_log').values({
      collectivity_id: settatId, programme_id: activity.programme_id, entity_type: 'activity', entity_id: activity.id, action: 'update',
      at: new Date(Date.UTC(2099, 0, 1, 0, k)).toISOString(),
      actor_user_id: null, actor_role: 'editor', changes: JSON.stringify([{ field: 'progress', before: k - 1, after: k }]), public: 1,
    }).execute();
  }
  const url = '/fr/c/settat/programme';
  const entries = (html: string) => [...(/<ol class="history">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
  const matrix = (await app.inject(url)).body;
  assert.deepEqual(entries(matrix), [55, 54, 53, 52, 51].map((k) => new Date(Date.UTC(2099, 0, 1, 0, k)).toISOString()), 'the newest five');
  // each entry names what it is about, linked to its page
  assert.match(matrix, new RegExp(`<a href="${url}/activities/${activity.id}">`));
  assert.match(matrix, new RegExp(`<a href="${url}/history">Toutes les modifications</a>`));
  assert.doesNotMatch(matrix, /rel="next"/, 'no pager on the matrix');

  const first = (await app.inject(`${url}/history`)).body;
  assert.equal(entries(first).length, 50);
  assert.equal(entries(first)[0], entries(matrix)[0]);
  assert.match(first, /<h2 id="history">Historique des modifications<\/h2>/);
  const next = /<a href="([^"#]+)#history" rel="next">/.exec(first)?.[1]?.replace(/&amp;/g, '&');
  assert.match(String(next), new RegExp(`^${url}/history\\?history=\\d+$`));
  const second = entries((await app.inject(String(next))).body);
  assert.equal(second.filter((at) => at.startsWith('2099-')).length, 5, 'page 2 goes on where page 1 stopped');

  // the programme at its own address has the same history there; old links to a later page of
  // the matrix's history lead to the history's page
  assert.deepEqual(entries((await app.inject('/fr/c/settat/programmes/2024-2025/history')).body), entries(first));
  const cursor = new URL(String(next), 'http://x').searchParams.get('history');
  const old = await app.inject(`${url}?history=${cursor}`);
  assert.equal(old.statusCode, 308);
  assert.equal(old.headers.location, `${url}/history?history=${cursor}#history`);
  assert.match((await app.inject('/c/settat/sitemap.xml')).body, /\/fr\/c\/settat\/programme\/history</);
});
