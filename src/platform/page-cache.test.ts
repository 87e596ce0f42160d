// The page cache's bounds: one route cannot hold more than its share, so a query string varied
// on one route (`?before=` any id, a crawler walking every proposal) pushes out only that route's
// pages; when the whole cache is full, the route holding the most pages gives one up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { PageCache, etagOf, holds } from './page-cache.ts';

/** Until the render behind a held answer has kept its page (gzip runs on libuv's thread pool). */
async function untilCached(cache: PageCache, key: string) {
  for (let i = 0; i < 10_000 && !cache.get(key); i++) await new Promise((resolve) => setImmediate(resolve));
}

test('3,000 pages of one route leave the other routes’ pages cached, and that route holds at most 500', async () => {
  const cache = new PageCache();
  await cache.set('programme:1:7|ar|/ar/c/settat/programme|2026-12-05', '<p>programme</p>');
  await cache.set('collectivity:1:7::|ar|/ar/c/settat|2026-12-05', '<p>home</p>');
  for (let i = 0; i < 3000; i++) await cache.set(`proposals:1:7:|||${i}|ar|/ar/c/settat/proposals|2026-12-05`, `<p>${i}</p>`);
  assert.equal(cache.entries, 502);
  assert.ok(cache.get('programme:1:7|ar|/ar/c/settat/programme|2026-12-05'));
  assert.ok(cache.get('collectivity:1:7::|ar|/ar/c/settat|2026-12-05'));
  // the route's most recent pages are the ones kept
  assert.ok(cache.get('proposals:1:7:|||2999|ar|/ar/c/settat/proposals|2026-12-05'));
  assert.equal(cache.get('proposals:1:7:|||2499|ar|/ar/c/settat/proposals|2026-12-05'), undefined);
  assert.ok(cache.get('proposals:1:7:|||2500|ar|/ar/c/settat/proposals|2026-12-05'));
  assert.equal(cache.hits, 4);
});

test('full: the route with the most pages gives up its least recently used one', async () => {
  const cache = new PageCache();
  // 5 routes × 400 pages = 2,000; route 0's first page is read, so it is no longer its oldest
  for (let r = 0; r < 5; r++) for (let i = 0; i < 400; i++) await cache.set(`r${r}:${i}`, 'x');
  assert.ok(cache.get('r0:0'));
  for (let i = 400; i < 450; i++) await cache.set(`r0:${i}`, 'x');
  assert.equal(cache.entries, 2000);
  assert.ok(cache.get('r0:0'), 'read recently: kept');
  assert.equal(cache.get('r0:1'), undefined, 'route 0 holds the most pages: its oldest went');
  for (let r = 1; r < 5; r++) assert.ok(cache.get(`r${r}:0`), `route ${r} untouched`);
});

test('setting a page again replaces it without counting it twice; disabled keeps nothing', async () => {
  const cache = new PageCache();
  await cache.set('a:1', 'one');
  await cache.set('a:1', 'two');
  assert.equal(cache.entries, 1);
  assert.equal(cache.get('a:1')!.html.toString(), 'two');
  const off = new PageCache(false);
  assert.ok((await off.set('a:1', 'one')).etag);
  assert.equal(off.entries, 0);
  assert.equal(off.get('a:1'), undefined);
});

test('requests for a page being rendered wait for that render; a disabled cache renders each', async () => {
  for (const enabled of [true, false]) {
    const cache = new PageCache(enabled);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return '<p>page</p>';
    };
    const entries = await Promise.all(Array.from({ length: 10 }, () => cache.getOrRender('programme:1:7|ar|/p|d', render)));
    assert.equal(renders, enabled ? 1 : 10);
    assert.ok(entries.every((e) => e.etag === entries[0].etag));
    assert.equal(cache.entries, enabled ? 1 : 0);
  }
});

// A reader without credentials (held-reads.ts) asks for one address while writes move its
// collectivity's version: the page last served there as current is answered while the new one renders.
test('a held reader gets the previous page while the new version renders, within the window only', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const cache = new PageCache();
  const errors: unknown[] = [];
  const held = { address: '/ar/c/settat/proposals', windowMs: 1000, onError: (e: unknown) => errors.push(e) };
  const page = (html: string) => async () => html;
  let finish!: (html: string) => void;
  const slow = () => new Promise<string>((resolve) => (finish = resolve));

  assert.equal((await cache.getOrRender('proposals:1:7|ar', page('v7'), held)).html.toString(), 'v7');
  t.mock.timers.tick(900);
  // version 8: answered version 7 at once, the render goes on
  assert.equal((await cache.getOrRender('proposals:1:8|ar', slow, held)).html.toString(), 'v7');
  // someone with a cookie (no `held`) waits for the same render, which is not started twice
  const withCookie = cache.getOrRender('proposals:1:8|ar', page('second render'));
  finish('v8');
  assert.equal((await withCookie).html.toString(), 'v8');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await cache.getOrRender('proposals:1:8|ar', page('not rendered'), held)).html.toString(), 'v8');

  // version 9, 1.5 s after version 8 was last current: too old to answer, the reader waits
  t.mock.timers.tick(1500);
  const waiting = cache.getOrRender('proposals:1:9|ar', slow, held);
  finish('v9');
  assert.equal((await waiting).html.toString(), 'v9');
  assert.deepEqual(errors, []);
});

test('a failed render behind a held answer is reported, and the next request renders again', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const cache = new PageCache();
  const errors: unknown[] = [];
  const held = { address: '/fr/c/settat/programme', windowMs: 1000, onError: (e: unknown) => errors.push(e) };
  await cache.getOrRender('programme:1:7|fr', async () => 'v7', held);
  let fail!: (e: Error) => void;
  const failing = () => new Promise<string>((_, reject) => (fail = reject));
  // three visitors answered v7 while the one render of v8 fails: it is reported once
  for (let i = 0; i < 3; i++) assert.equal((await cache.getOrRender('programme:1:8|fr', failing, held)).html.toString(), 'v7');
  fail(new Error('database gone'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(errors.length, 1);
  assert.equal((errors[0] as Error).message, 'database gone');
  assert.equal((await cache.getOrRender('programme:1:8|fr', async () => 'v8', held)).html.toString(), 'v7', 'still within the window: answered v7, v8 renders');
  await untilCached(cache, 'programme:1:8|fr');
  assert.equal((await cache.getOrRender('programme:1:8|fr', async () => 'never', held)).html.toString(), 'v8');
});

test('a render that ends late does not make its older page the one answered while the next renders', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  const cache = new PageCache();
  const held = { address: '/ar/', windowMs: 1000, onError: () => {} };
  await cache.getOrRender('home:1|ar', async () => 'v1', held);
  let finish2!: (html: string) => void;
  t.mock.timers.tick(100);
  assert.equal((await cache.getOrRender('home:2|ar', () => new Promise<string>((r) => (finish2 = r)), held)).html.toString(), 'v1');
  t.mock.timers.tick(100);
  // version 3 asked for by someone else, rendered and served as current before version 2 ends
  assert.equal((await cache.getOrRender('home:3|ar', async () => 'v3')).html.toString(), 'v3');
  assert.equal((await cache.getOrRender('home:3|ar', async () => 'never', held)).html.toString(), 'v3');
  finish2('v2');
  await untilCached(cache, 'home:2|ar');
  t.mock.timers.tick(100);
  assert.equal((await cache.getOrRender('home:4|ar', () => new Promise<string>(() => {}), held)).html.toString(), 'v3');
});

test('a kept page’s ETag comes from its key; If-None-Match is compared weakly, in a list, or *', async () => {
  const key = 'programme:1:7|ar|/ar/c/settat/programme|2026-12-05';
  const etag = etagOf(key);
  assert.match(etag, /^W\/"[\w-]{22}"$/);
  assert.equal(etagOf(key), etag);
  assert.notEqual(etagOf(key.replace(':7|', ':8|')), etag, 'a new content version, a new ETag');
  assert.equal((await new PageCache().set(key, '<p>one</p>')).etag, etag);
  assert.equal((await new PageCache(false).getOrRender(key, async () => '<p>two</p>')).etag, etag);
  const asking = (header?: string) => ({ headers: header === undefined ? {} : { 'if-none-match': header } }) as FastifyRequest;
  assert.equal(holds(asking(), etag), false);
  assert.equal(holds(asking(etag), etag), true);
  assert.equal(holds(asking(etag.slice(2)), etag), true, 'the same tag sent as strong');
  assert.equal(holds(asking(`"x", ${etag}`), etag), true);
  assert.equal(holds(asking('*'), etag), true);
  assert.equal(holds(asking('W/"x"'), etag), false);
});
