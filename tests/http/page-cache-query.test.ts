// Issue 10 item 15: the page cache keys a page on its path, so a cached page must render nothing
// from the query string it was first asked with: the language links come from the path alone,
// and a page that shows a query value (the proposals' search box) keys on that value as shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, secondInstance } from '../helpers/app.ts';

/** The hrefs of the language switcher and of the hreflang alternates. */
const languageLinks = (html: string) => [...html.matchAll(/<(?:a|link)[^>]*hreflang="(?:ar|fr|en)"[^>]*>/g)].map((m) => /href="([^"]*)"/.exec(m[0])![1]);

test('after a write, a first visit with ?utm=X does not put ?utm=X into the language links every later visitor gets', async (t) => {
  const first = await buildTestApp(t);
  const other = await secondInstance(t, first);
  // a write: the collectivity's content version moves on, so the next visit renders the page again
  await sql`update collectivity set content_version = content_version + 1 where slug = 'settat'`.execute(first.database.db);

  const tagged = await first.app.inject('/en/c/settat/programme?utm=X&utm_source=mail');
  assert.equal(tagged.statusCode, 200);
  // the switcher's links, then the alternates (absolute, for search engines and shared links)
  const site = first.app.config.baseUrl;
  assert.deepEqual(languageLinks(tagged.body).sort(), ['/ar/c/settat/programme', '/fr/c/settat/programme', ...['ar', 'fr', 'en'].map((l) => `${site}/${l}/c/settat/programme`)].sort());

  for (const { app } of [first, other]) {
    await app.inject('/en/c/settat/programme?utm=X');
    const plain = await app.inject('/en/c/settat/programme');
    assert.equal(plain.statusCode, 200);
    assert.ok(!plain.body.includes('utm'), 'no trace of the first visitor’s query string');
    assert.ok(languageLinks(plain.body).includes('/fr/c/settat/programme'));
  }
});

test('proposals: two searches with the same terms but typed differently each see their own text in the search box', async (t) => {
  const { app } = await buildTestApp(t);
  const hamza = await app.inject(`/ar/c/settat/proposals?q=${encodeURIComponent('أحمد')}`);
  assert.equal(hamza.statusCode, 200);
  assert.match(hamza.body, /name="q" value="أحمد"/);
  const plain = await app.inject(`/ar/c/settat/proposals?q=${encodeURIComponent('احمد')}`);
  assert.match(plain.body, /name="q" value="احمد"/);
  assert.ok(!plain.body.includes('أحمد'), 'nothing from the other visitor’s search');
});
