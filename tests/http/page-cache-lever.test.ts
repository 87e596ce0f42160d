// Issue 12: the page cache must not be a lever against the server. A search (?q=) takes any
// value; were each one kept, 3,000 requests with random words would push every useful page out
// of the cache (2,000 entries), and every visitor after them would wait for a fresh render.
// Observed through the cache's hit counter and its number of entries, not through timings.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.ts';

test('3,000 searches with random words leave the cached programme page cached, and keep no page of their own', async (t) => {
  const { app } = await buildTestApp(t);
  const cache = app.pageCache;
  const first = await app.inject('/ar/c/settat/programme');
  assert.equal(first.statusCode, 200);
  const again = await app.inject('/ar/c/settat/programme');
  assert.equal(cache.hits, 1, 'the second visit is served from the cache');
  assert.equal(again.headers.etag, first.headers.etag);
  const kept = cache.entries;

  for (let i = 0; i < 3000; i++) {
    const word = i % 2 === 0 ? randomBytes(6).toString('hex') : `رقمنة ${randomBytes(3).toString('hex')}`;
    const search = await app.inject(`/ar/c/settat/proposals?q=${encodeURIComponent(word)}`);
    assert.equal(search.statusCode, 200);
  }
  assert.equal(cache.entries, kept, 'no search page was kept');
  assert.equal(cache.hits, 1, 'and none was served from the cache');

  const after = await app.inject('/ar/c/settat/programme');
  assert.equal(after.statusCode, 200);
  assert.equal(cache.hits, 2, 'the programme page is still served from the cache');
  assert.equal(after.headers.etag, first.headers.etag);
});

test('a search page is rendered afresh each time, with its ETag, and answers 304 to it', async (t) => {
  const { app } = await buildTestApp(t);
  const url = `/ar/c/settat/proposals?q=${encodeURIComponent('الحالة المدنية')}`;
  const search = await app.inject(url);
  assert.equal(search.statusCode, 200);
  assert.match(search.body, /طلب وثائق الحالة المدنية عن بعد/);
  assert.ok(search.headers.etag);
  const unchanged = await app.inject({ url, headers: { 'if-none-match': String(search.headers.etag) } });
  assert.equal(unchanged.statusCode, 304);
  assert.equal(app.pageCache.hits, 0);
  assert.equal(app.pageCache.entries, 0);
});
