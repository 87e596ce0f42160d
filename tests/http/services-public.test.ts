// The digital services' public side: the services page, a service's guide and the campaigns in
// Arabic and French (the demo: Settat), the API's shape and ETag, the sitemap, and the metrics'
// values compared with counts made here from the rows.
import assert from 'node:assert/strict';
import test from 'node:test';
import { servicesMetrics } from '../../src/modules/services/metrics.ts';
import { loadSettatServices } from '../../src/modules/services/seed/settat.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId, demoDay } from '../helpers/app.ts';

test('the services page, a guide and the campaigns in Arabic and French, at 360 px without script', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const joined = await db.selectFrom('platform_membership as m').innerJoin('digital_platform as p', 'p.id', 'm.platform_id').select('p.key').where('m.collectivity_id', '=', settat).where('m.joined', '=', 1).where('p.retired', '=', 0).execute();
  const offered = await db.selectFrom('digital_platform').select('id').where('retired', '=', 0).execute();
  assert.ok(!joined.some((j) => j.key === 'watiqa'), 'Watiqa is left for staff to join');
  const share = Math.round((joined.length / offered.length) * 1000) / 10;

  const ar = await ctx.app.inject({ url: '/ar/c/settat/services' });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  assert.ok(ar.body.includes(`المنصات المنضم إليها: ${joined.length} من أصل ${offered.length} — <bdi>${share}%</bdi>`), 'indicator');
  assert.match(ar.body, /<svg/);
  assert.match(ar.body, /نسخ عقود الحالة المدنية/);
  assert.match(ar.body, /ملصقات ورموز QR بالشبابيك/);
  assert.ok(!/<script/.test(ar.body));

  const fr = await ctx.app.inject({ url: '/fr/c/settat/services' });
  assert.equal(fr.statusCode, 200);
  assert.match(fr.body, /Plateformes rejointes/);
  assert.match(fr.body, /Part en ligne/);

  const service = await db.selectFrom('public_service').selectAll().where('collectivity_id', '=', settat).where('platform_id', 'is not', null).orderBy('position').executeTakeFirstOrThrow();
  for (const [locale, words] of [['ar', /الوثائق المطلوبة/], ['fr', /Pièces à fournir/]] as const) {
    const guide = await ctx.app.inject({ url: `/${locale}/c/settat/services/${service.id}` });
    assert.equal(guide.statusCode, 200);
    assert.match(guide.body, words);
    assert.match(guide.body, /55[.-]19/);
    assert.ok(!/<svg/.test(guide.body), 'the guide stays light: a table, no chart');
    assert.ok(guide.body.length < 40_000, `guide of ${guide.body.length} bytes`);
  }
  assert.equal((await ctx.app.inject({ url: '/ar/c/settat/services/999999' })).statusCode, 404);
  assert.equal((await ctx.app.inject({ url: '/ar/c/nowhere/services' })).statusCode, 404);
  // another collectivity's service is not found under Settat
  const other = await collectivityId(ctx.database, 'province-settat');
  const at = new Date().toISOString();
  const foreign = await db.insertInto('public_service').values({ collectivity_id: other, position: 1, name_ar: 'خدمة الإقليم', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  assert.equal((await ctx.app.inject({ url: `/ar/c/settat/services/${foreign.id}` })).statusCode, 404);

  const campaigns = await ctx.app.inject({ url: '/ar/c/settat/services/campaigns' });
  assert.equal(campaigns.statusCode, 200);
  assert.match(campaigns.body, /الإذاعة/);
  const frCampaigns = await ctx.app.inject({ url: '/fr/c/settat/services/campaigns' });
  assert.match(frCampaigns.body, /5 campagnes/);
  assert.match(frCampaigns.body, /part des femmes : <bdi>\d+(\.\d)? %<\/bdi>/);

  const sitemap = await ctx.app.inject({ url: '/c/settat/sitemap.xml' });
  assert.match(sitemap.body, /\/c\/settat\/services\/campaigns/);
  assert.ok(sitemap.body.includes(`/c/settat/services/${service.id}`));
});

test('the campaigns are paged by date, newest first', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const at = new Date().toISOString();
  for (let i = 1; i <= 20; i++) {
    await db.insertInto('awareness_campaign').values({ collectivity_id: settat, held_on: `2023-01-${String(i).padStart(2, '0')}`, channel: 'radio', title_ar: `حملة قديمة ${i}`, created_at: at, updated_at: at }).execute();
  }
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settat).execute();
  const first = await ctx.app.inject({ url: '/ar/c/settat/services/campaigns' });
  const next = /href="([^"]+\?after=[^"]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(next, 'a next page');
  assert.ok(!first.body.includes('حملة قديمة 1<'));
  const second = await ctx.app.inject({ url: next });
  assert.equal(second.statusCode, 200);
  assert.match(second.body, /حملة قديمة 1</);
  assert.ok(!second.body.includes('ملصقات ورموز QR'));
});

test('the API: platforms, services and months summed over services, with an ETag', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const res = await ctx.app.inject({ url: '/api/v1/collectivities/settat/services' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.deepEqual(Object.keys(doc), ['platforms', 'services', 'monthly']);
  assert.deepEqual(Object.keys(doc.platforms[0]), ['key', 'name', 'joined', 'joinedOn']);
  const watiqa = doc.platforms.find((p: { key: string }) => p.key === 'watiqa');
  assert.deepEqual(watiqa, { key: 'watiqa', name: { ar: 'وثيقة', fr: 'Watiqa', en: 'Watiqa' }, joined: false, joinedOn: null });
  assert.ok(doc.platforms.find((p: { key: string }) => p.key === 'rokhas').joined);
  assert.equal(doc.services.length, 6);
  assert.equal(doc.services[0].name.ar, 'نسخ عقود الحالة المدنية (ولادة، زواج، وفاة)');
  const rows = await db.selectFrom('service_month').select(['month', 'received', 'online', 'paper']).where('collectivity_id', '=', settat).execute();
  const march = rows.filter((r) => r.month === '2024-03');
  const api = doc.monthly.find((m: { month: string }) => m.month === '2024-03');
  assert.deepEqual(api, { month: '2024-03', received: march.reduce((a, r) => a + r.received, 0), online: march.reduce((a, r) => a + r.online, 0), paper: march.reduce((a, r) => a + r.paper, 0) });
  assert.equal(doc.monthly.length, new Set(rows.map((r) => r.month)).size);
  const etag = res.headers.etag as string;
  assert.ok(etag);
  assert.equal((await ctx.app.inject({ url: '/api/v1/collectivities/settat/services', headers: { 'if-none-match': etag } })).statusCode, 304);
  assert.equal((await ctx.app.inject({ url: '/api/v1/collectivities/nowhere/services' })).statusCode, 404);
  const openapi = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json();
  assert.ok(openapi.paths['/api/v1/collectivities/{slug}/services']?.get);
  assert.ok(openapi.components.schemas.DigitalServices && openapi.components.schemas.PublicService);
});

test('the metrics are computed from the rows', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select(['id', 'start_year', 'end_year', 'is_current']).where('collectivity_id', '=', settat).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const scope = { collectivityId: settat, programmeId: programme.id };
  const from = `${programme.start_year}-01-01`;
  const today = todayInCasablanca();

  const members = await db.selectFrom('platform_membership as m').innerJoin('digital_platform as p', 'p.id', 'm.platform_id').select('m.joined_on').where('m.collectivity_id', '=', settat).where('m.joined', '=', 1).where('p.retired', '=', 0).execute();
  const offered = (await db.selectFrom('digital_platform').select('id').where('retired', '=', 0).execute()).length;
  const count = await servicesMetrics.platforms_joined!.series(db, scope, null);
  assert.equal(count[0]!.date, from);
  assert.equal(count[0]!.value, members.filter((m) => m.joined_on! <= from).length);
  assert.equal(count.at(-1)!.value, members.length);
  for (const p of count) assert.equal(p.value, members.filter((m) => m.joined_on! <= p.date).length, p.date);
  const share = await servicesMetrics.platforms_joined_share!.series(db, scope, null);
  assert.equal(share.at(-1)!.value, Math.round((members.length / offered) * 1000) / 10);

  const online = await servicesMetrics.documents_online!.series(db, scope, null);
  const rows = await db.selectFrom('service_month').select(['month', 'online']).where('collectivity_id', '=', settat).where('month', '>=', from.slice(0, 7)).execute();
  assert.equal(online.at(-1)!.value, rows.reduce((a, r) => a + r.online, 0));
  assert.equal(online[0]!.date, `${from.slice(0, 7)}-31`);
  assert.equal(online[0]!.value, rows.filter((r) => r.month === from.slice(0, 7)).reduce((a, r) => a + r.online, 0));
  assert.ok(online.every((p) => p.date <= today));

  // a retired platform no longer counts, in either metric
  const rokhas = await db.selectFrom('digital_platform').select('id').where('key', '=', 'rokhas').executeTakeFirstOrThrow();
  await db.updateTable('digital_platform').set({ retired: 1 }).where('id', '=', rokhas.id).execute();
  const after = await servicesMetrics.platforms_joined_share!.series(db, scope, null);
  assert.equal(after.at(-1)!.value, Math.round(((members.length - 1) / (offered - 1)) * 1000) / 10);
});

test('loading the demo again changes nothing', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const count = async () => Promise.all(['platform_membership', 'public_service', 'service_month', 'awareness_campaign'].map(async (table) => Number((await db.selectFrom(table as 'public_service').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
  const before = await count();
  assert.ok(before.every((n) => n > 0));
  assert.equal(await loadSettatServices(db, { today: demoDay }), false);
  assert.deepEqual(await count(), before);
  // figures run up to the month before the demo's day
  const last = await db.selectFrom('service_month').select((eb) => eb.fn.max('month').as('m')).executeTakeFirstOrThrow();
  assert.ok(String(last.m) < demoDay.slice(0, 7));
});
