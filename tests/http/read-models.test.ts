// Read models and the API's versioned cache: what one instance keeps in memory is never served
// after an edit made through another instance, and a client holding the document gets 304.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, type TestApp, buildTestApp, collectivityId, createStaff, secondInstance } from '../helpers/app.ts';

const API = '/api/v1/collectivities/settat/programme';

/** The focal point renames Settat's programme in French through `through`'s back office. */
async function renameProgramme(through: TestApp, title: string) {
  const settat = await collectivityId(through.database, 'settat');
  const programme = await through.database.db.selectFrom('programme').selectAll().where('collectivity_id', '=', settat).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const admin = await new StaffClient(through.app).login('focal@settat.ma');
  await admin.get('/admin/c/settat/programme?lang=fr');
  const saved = await admin.post('/admin/c/settat/programme', {
    title_ar: programme.title_ar, title_fr: title, title_en: programme.title_en ?? '',
    start_year: String(programme.start_year), end_year: String(programme.end_year), status: programme.status,
    adoption_session_ar: programme.adoption_session_ar ?? '', adoption_reference_ar: programme.adoption_reference_ar ?? '', adoption_date: programme.adoption_date ?? '',
  });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
}

test('programme API: an ETag, 304 for a client that holds it, a new document after an edit on another instance', async (t) => {
  const first = await buildTestApp(t);
  const other = await secondInstance(t, first);
  await createStaff(first.database, 'focal@settat.ma', 'focal_point', 'settat');

  const before = await first.app.inject(API);
  assert.equal(before.statusCode, 200);
  assert.match(String(before.headers['content-type']), /^application\/json/);
  const etag = String(before.headers.etag);
  assert.match(etag, /^W\/"[\w-]+"$/);
  const held = await first.app.inject({ url: API, headers: { 'if-none-match': etag } });
  assert.equal(held.statusCode, 304);
  assert.equal(held.body, '');
  // the pages and the API share the tree: the page is read first, then the API, on both instances
  for (const app of [first.app, other.app]) assert.equal((await app.inject('/fr/c/settat/programme')).statusCode, 200);
  assert.equal((await other.app.inject(API)).headers.etag, etag, 'the same document on both instances');

  // the focal point renames the programme through the second instance
  await renameProgramme(other, 'Programme renommé pour le test');

  const after = await first.app.inject({ url: API, headers: { 'if-none-match': etag } });
  assert.equal(after.statusCode, 200, 'the old ETag no longer matches');
  assert.equal(after.json().programme.title.fr, 'Programme renommé pour le test');
  assert.notEqual(after.headers.etag, etag);
  assert.match((await first.app.inject('/fr/c/settat/programme')).body, /Programme renommé pour le test/);
});

test('a client holding a page gets 304 from an instance that never rendered it, before any render; a list of ETags too', async (t) => {
  const first = await buildTestApp(t);
  const other = await secondInstance(t, first);
  for (const url of [API, '/ar/c/settat/programme', '/fr/c/settat/proposals?status=retained']) {
    const page = await first.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(page.statusCode, 200, url);
    const etag = String(page.headers.etag);
    const lookups = [...other.app.pageCache.lookups.values()].reduce((n, c) => n + c.hits + c.misses, 0);
    const kept = other.app.pageCache.entries;
    const held = await other.app.inject({ url, headers: { 'if-none-match': `W/"other", ${etag}` } });
    assert.equal(held.statusCode, 304, url);
    assert.equal(held.headers.etag, etag);
    assert.equal(held.headers['cache-control'], 'no-cache');
    assert.equal(held.headers.vary, 'accept-encoding');
    assert.equal([...other.app.pageCache.lookups.values()].reduce((n, c) => n + c.hits + c.misses, 0), lookups, `${url}: answered before the cache was asked`);
    assert.equal(other.app.pageCache.entries, kept, `${url}: nothing rendered`);
    // the ETag names the page, not the encoding: the plain page carries it too
    assert.equal((await other.app.inject(url)).headers.etag, etag);
    assert.equal((await other.app.inject({ url: url.replace('/ar/', '/fr/'), headers: { 'if-none-match': etag } })).statusCode, url.startsWith('/ar/') ? 200 : 304, 'another locale is another page');
  }
});

test('read models are per collectivity: another commune’s programme is never served for Settat', async (t) => {
  const { app } = await buildTestApp(t);
  const settat = (await app.inject(API)).json();
  const other = await app.inject('/api/v1/collectivities/chefchaouen/programme');
  assert.equal(other.statusCode, 200);
  assert.equal(other.json().collectivity.slug, 'chefchaouen');
  assert.notDeepEqual(other.json().programme.title, settat.programme.title);
  assert.equal((await app.inject(API)).json().collectivity.slug, 'settat');
});

test('PAGE_FRESH_MS: a visitor without cookies may trail a write by the window (twice it while a page renders), on any instance; one with a cookie never does', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-03-02T10:00:00Z') });
  const first = await buildTestApp(t);
  const other = await secondInstance(t, first);
  other.app.config.pageFreshMs = 1000; // as deployed (PAGE_FRESH_MS's default)
  await createStaff(first.database, 'focal@settat.ma', 'focal_point', 'settat');
  const page = '/fr/c/settat/programme';
  const visitor = async (headers: Record<string, string> = {}) => (await other.app.inject({ url: page, headers })).body;
  const before = await visitor();

  // the focal point renames the programme through the first instance
  await renameProgramme(first, 'Programme renommé ailleurs');

  t.mock.timers.tick(500);
  assert.equal(await visitor(), before, 'within the window, a visitor without cookies gets the page as it was');
  assert.match(await visitor({ cookie: 'infitah_csrf=anything' }), /Programme renommé ailleurs/, 'any cookie reads the row as it is');
  assert.match(await visitor({ authorization: 'Bearer x' }), /Programme renommé ailleurs/, 'so does an Authorization header');
  assert.doesNotMatch((await other.app.inject(API)).body, /Programme renommé ailleurs/, 'the API of that collectivity shares the row held');
  t.mock.timers.tick(501);
  assert.match(await visitor(), /Programme renommé ailleurs/, 'after the window, everyone gets the new page');

  // a write through this very instance: the same window (during a run of writes, a page is
  // rendered once per window, not once per write), and the writer, who has cookies, sees it at once
  await renameProgramme(other, 'Programme renommé ici');
  assert.match(await visitor({ cookie: 'infitah_csrf=anything' }), /Programme renommé ici/);
  t.mock.timers.tick(500);
  assert.doesNotMatch(await visitor(), /Programme renommé ici/, 'within the window, even on the writing instance');
  t.mock.timers.tick(501);
  assert.match(await visitor(), /Programme renommé ici/, 'after it, everyone');

  // Past the window with nobody having rendered the new page yet: a visitor without cookies is
  // answered the page served at that address within the window, at once, while the new one
  // renders; the next requests get the new page (platform/page-cache.ts). The page lists the
  // renames below, so its <title> tells which version it is.
  const title = async () => /<title>([^<]*) · Infitah<\/title>/.exec(await visitor())?.[1];
  await renameProgramme(first, 'Programme renommé encore');
  t.mock.timers.tick(900);
  assert.equal(await title(), 'Programme renommé ici', 'within the window');
  t.mock.timers.tick(200);
  assert.equal(await title(), 'Programme renommé ici', 'the previous page, answered while the new one renders');
  let next: string | undefined;
  for (let i = 0; i < 200 && next !== 'Programme renommé encore'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    next = await title();
  }
  assert.equal(next, 'Programme renommé encore', 'then the new page, rendered without anyone waiting for it');
  // an unknown slug is still a 404 (and is not held: src/platform/held-reads.test.ts)
  assert.equal((await other.app.inject('/fr/c/no-such-place/programme')).statusCode, 404);
});
