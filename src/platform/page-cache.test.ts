// The page cache's bounds: one route cannot hold more than its share, so a query string varied
// on one route (`?before=` any id, a crawler walking every proposal) pushes out only that route's
// pages; when the whole cache is full, the route holding the most pages gives one up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PageCache } from './page-cache.ts';

test('3,000 pages of one route leave the other routes’ pages cached, and that route holds at most 500', () => {
  const cache = new PageCache();
  cache.set('programme:1:7|ar|/ar/c/settat/programme|2026-12-05', '<p>programme</p>');
  cache.set('collectivity:1:7::|ar|/ar/c/settat|2026-12-05', '<p>home</p>');
  for (let i = 0; i < 3000; i++) cache.set(`proposals:1:7:|||${i}|ar|/ar/c/settat/proposals|2026-12-05`, `<p>${i}</p>`);
  assert.equal(cache.entries, 502);
  assert.ok(cache.get('programme:1:7|ar|/ar/c/settat/programme|2026-12-05'));
  assert.ok(cache.get('collectivity:1:7::|ar|/ar/c/settat|2026-12-05'));
  // the route's most recent pages are the ones kept
  assert.ok(cache.get('proposals:1:7:|||2999|ar|/ar/c/settat/proposals|2026-12-05'));
  assert.equal(cache.get('proposals:1:7:|||2499|ar|/ar/c/settat/proposals|2026-12-05'), undefined);
  assert.ok(cache.get('proposals:1:7:|||2500|ar|/ar/c/settat/proposals|2026-12-05'));
  assert.equal(cache.hits, 4);
});

test('full: the route with the most pages gives up its least recently used one', () => {
  const cache = new PageCache();
  // 5 routes × 400 pages = 2,000; route 0's first page is read, so it is no longer its oldest
  for (let r = 0; r < 5; r++) for (let i = 0; i < 400; i++) cache.set(`r${r}:${i}`, 'x');
  assert.ok(cache.get('r0:0'));
  for (let i = 400; i < 450; i++) cache.set(`r0:${i}`, 'x');
  assert.equal(cache.entries, 2000);
  assert.ok(cache.get('r0:0'), 'read recently: kept');
  assert.equal(cache.get('r0:1'), undefined, 'route 0 holds the most pages: its oldest went');
  for (let r = 1; r < 5; r++) assert.ok(cache.get(`r${r}:0`), `route ${r} untouched`);
});

test('setting a page again replaces it without counting it twice; disabled keeps nothing', () => {
  const cache = new PageCache();
  cache.set('a:1', 'one');
  cache.set('a:1', 'two');
  assert.equal(cache.entries, 1);
  assert.equal(cache.get('a:1')!.html.toString(), 'two');
  const off = new PageCache(false);
  assert.ok(off.set('a:1', 'one').etag);
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
