// What search engines and messaging apps read: each public page's description, Open Graph tags
// and absolute language alternates, the collectivity's picture, the favicon, robots.txt, and the
// sitemaps (every listed page answers, in every language).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { buildApp } from '../../src/app.ts';
import { buildTestApp } from '../helpers/app.ts';

const ORIGIN = 'https://infitah.example.ma';

/** The app on the Settat demo, its pages addressed under ORIGIN. */
async function appAt(t: Parameters<typeof buildTestApp>[0]) {
  const { app: first, database } = await buildTestApp(t);
  const app = await buildApp({ ...first.config, baseUrl: ORIGIN }, database, { logger: false });
  t.after(() => app.close());
  return app;
}

const metas = (html: string) => new Map([...html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]));
const alternates = (html: string) => new Map([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!]));

test('a public page has a description, Open Graph tags naming its collectivity, and absolute alternates', async (t) => {
  const app = await appAt(t);
  // a first visit with a tracking parameter: the cached page must not keep it
  const res = await app.inject('/fr/c/settat/programme/projects/1?utm_source=whatsapp');
  assert.equal(res.statusCode, 200);
  const m = metas(res.body);
  assert.match(m.get('description')!, /Commune de Settat sur Infitah/);
  assert.equal(m.get('og:description'), m.get('description'));
  assert.match(m.get('og:title')!, /^Fiche projet 1 — /);
  assert.equal(m.get('og:site_name'), 'Commune de Settat · Infitah');
  assert.equal(m.get('og:url'), `${ORIGIN}/fr/c/settat/programme/projects/1`);
  assert.equal(m.get('og:image'), `${ORIGIN}/c/settat/share.png`);
  assert.equal(m.get('og:locale'), 'fr_FR');
  assert.equal(m.get('twitter:card'), 'summary_large_image');
  assert.deepEqual(Object.fromEntries(alternates(res.body)), {
    ar: `${ORIGIN}/ar/c/settat/programme/projects/1`,
    fr: `${ORIGIN}/fr/c/settat/programme/projects/1`,
    en: `${ORIGIN}/en/c/settat/programme/projects/1`,
    'x-default': `${ORIGIN}/ar/c/settat/programme/projects/1`,
  });
  assert.doesNotMatch(res.body, /utm_source/);
  assert.match(res.body, /<link rel="icon" href="\/static\/favicon\.svg\?v=[0-9a-f]+" type="image\/svg\+xml"\/>/);

  // in Arabic, the collectivity's home: its own description, in Arabic
  const home = metas((await app.inject('/ar/c/settat')).body);
  assert.equal(home.get('description'), 'جماعة سطات على منصة انفتاح: برنامج الانفتاح وتقدّم إنجاز مشاريعه، ومشاركة المواطنين، والبيانات المفتوحة.');
  assert.equal(home.get('og:image:alt'), 'جماعة سطات على منصة انفتاح');

  // the network's home names no collectivity and shows the site's picture
  const network = metas((await app.inject('/en/')).body);
  assert.equal(network.get('og:site_name'), 'Infitah');
  assert.equal(network.get('og:image'), `${ORIGIN}/share.png`);
  assert.ok(network.get('description'));

  // the back office is not for search engines and shares nothing
  const login = await app.inject('/admin/login');
  assert.equal(metas(login.body).get('robots'), 'noindex');
  assert.equal(metas(login.body).get('og:title'), undefined);
});

test('the shared picture names the collectivity: a PNG of 1200 × 630, small, cached', async (t) => {
  const app = await appAt(t);
  const res = await app.inject('/c/settat/share.png');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'image/png');
  const meta = await sharp(res.rawPayload).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 630]);
  assert.ok(res.rawPayload.length < 100_000, `${res.rawPayload.length} bytes`);
  const again = await app.inject({ url: '/c/settat/share.png', headers: { 'if-none-match': String(res.headers.etag) } });
  assert.equal(again.statusCode, 304);
  // another collectivity, another picture
  const region = await app.inject('/c/casablanca-settat/share.png');
  assert.equal(region.statusCode, 200);
  assert.notEqual(region.headers.etag, res.headers.etag);
  assert.equal((await app.inject('/c/nowhere/share.png')).statusCode, 404);
  assert.equal((await sharp((await app.inject('/share.png')).rawPayload).metadata()).width, 1200);
});

test('/favicon.ico is an icon, and robots.txt points at the sitemap', async (t) => {
  const app = await appAt(t);
  const icon = await app.inject('/favicon.ico');
  assert.equal(icon.statusCode, 200);
  assert.equal(icon.headers['content-type'], 'image/x-icon');
  assert.deepEqual([...icon.rawPayload.subarray(0, 4)], [0, 0, 1, 0]);
  const robots = await app.inject('/robots.txt');
  assert.equal(robots.statusCode, 200);
  assert.match(robots.body, /^Disallow: \/admin$/m);
  assert.match(robots.body, new RegExp(`^Sitemap: ${ORIGIN}/sitemap.xml$`, 'm'));
});

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) });
type Url = { loc: string; 'xhtml:link': { '@_hreflang': string; '@_href': string }[] };

test('the sitemaps list each collectivity\'s public pages in every language, and each answers', async (t) => {
  const app = await appAt(t);
  const index = await app.inject('/sitemap.xml');
  assert.equal(index.statusCode, 200);
  assert.match(String(index.headers['content-type']), /^application\/xml/);
  assert.equal(XMLValidator.validate(index.body), true);
  const sitemaps = (parser.parse(index.body).sitemapindex.sitemap as { loc: string }[]).map((s) => s.loc);
  assert.ok(sitemaps.includes(`${ORIGIN}/c/settat/sitemap.xml`), sitemaps.join(' '));

  const res = await app.inject('/c/settat/sitemap.xml');
  assert.equal(res.statusCode, 200);
  assert.equal(XMLValidator.validate(res.body), true);
  const urls = parser.parse(res.body).urlset.url as Url[];
  const locs = urls.map((u) => u.loc);
  for (const path of ['', '/programme', '/programme/projects/4', '/process', '/proposals', '/participation', '/indicators', '/dashboard', '/budgets']) {
    for (const l of ['ar', 'fr', 'en']) assert.ok(locs.includes(`${ORIGIN}/${l}/c/settat${path}`), `${l}/c/settat${path}`);
  }
  assert.ok(locs.some((l) => /\/ar\/c\/settat\/programme\/activities\/\d+$/.test(l)));
  assert.ok(locs.some((l) => /\/ar\/c\/settat\/proposals\/\d+$/.test(l)));
  assert.equal(new Set(locs).size, locs.length, 'no page twice');
  // each entry names its three languages and the default
  const project = urls.find((u) => u.loc === `${ORIGIN}/en/c/settat/programme/projects/1`)!;
  assert.deepEqual(Object.fromEntries(project['xhtml:link'].map((a) => [a['@_hreflang'], a['@_href']])), {
    ar: `${ORIGIN}/ar/c/settat/programme/projects/1`,
    fr: `${ORIGIN}/fr/c/settat/programme/projects/1`,
    en: `${ORIGIN}/en/c/settat/programme/projects/1`,
    'x-default': `${ORIGIN}/ar/c/settat/programme/projects/1`,
  });
  // every listed page exists (the Arabic ones: the others are the same routes)
  for (const loc of locs.filter((l) => l.startsWith(`${ORIGIN}/ar/`))) {
    const page = await app.inject(loc.slice(ORIGIN.length));
    assert.equal(page.statusCode, 200, loc);
  }

  // another collectivity's sitemap lists its own pages only
  const region = parser.parse((await app.inject('/c/casablanca-settat/sitemap.xml')).body).urlset.url as Url[];
  assert.ok(region.length > 0);
  assert.ok(region.every((u) => u.loc.includes('/c/casablanca-settat')), region.map((u) => u.loc).join(' '));
  for (const u of region.filter((u) => u.loc.startsWith(`${ORIGIN}/ar/`))) assert.equal((await app.inject(u.loc.slice(ORIGIN.length))).statusCode, 200, u.loc);
  assert.equal((await app.inject('/c/nowhere/sitemap.xml')).statusCode, 404);

  // the example commune of another region: its own sitemap, every page of it answers
  assert.ok(sitemaps.includes(`${ORIGIN}/c/chefchaouen/sitemap.xml`), sitemaps.join(' '));
  const example = (parser.parse((await app.inject('/c/chefchaouen/sitemap.xml')).body).urlset.url as Url[]).map((u) => u.loc);
  for (const path of ['', '/programme', '/programme/projects/3', '/indicators', '/dashboard']) assert.ok(example.includes(`${ORIGIN}/fr/c/chefchaouen${path}`), path);
  assert.ok(example.every((l) => l.includes('/c/chefchaouen')));
  for (const loc of example.filter((l) => l.startsWith(`${ORIGIN}/ar/`))) assert.equal((await app.inject(loc.slice(ORIGIN.length))).statusCode, 200, loc);
});
