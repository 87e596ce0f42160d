// The Settat programme as citizens and open-data users see it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.ts';

test('the programme API returns Settat’s structure as in the document', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/api/v1/collectivities/settat/programme');
  assert.equal(res.statusCode, 200);
  const { collectivity, programme } = res.json();
  assert.equal(collectivity.slug, 'settat');
  assert.equal(collectivity.kind, 'commune');
  assert.equal(collectivity.parent, 'province-settat');
  assert.deepEqual(programme.period, { start: 2024, end: 2025 });
  assert.equal(programme.axes.length, 4);
  const projects = programme.axes.flatMap((a: any) => a.projects);
  assert.deepEqual(projects.map((p: any) => p.number), [1, 2, 3, 4]);
  const activities = projects.flatMap((p: any) => p.activities);
  assert.equal(activities.length, 12);
  assert.deepEqual(projects.map((p: any) => p.activities.length), [4, 4, 2, 2]);
  assert.deepEqual(projects.map((p: any) => p.durationMonths), [12, 24, 24, 24]);

  // every activity starts on 2024-01-01; these four end in 2025, the others in 2024 (the matrix)
  assert.ok(activities.every((a: any) => a.start === '2024-01-01'));
  const endsIn2025 = projects.flatMap((p: any) => p.activities.filter((a: any) => a.end === '2025-12-31').map((a: any) => `${p.number}.${a.number}`));
  assert.deepEqual(endsIn2025, ['2.4', '3.1', '4.1', '4.2']);

  // funding: ENABEL pays for 3 activities (1.3, 1.4, 2.2, 2.4), the commune's own budget the rest
  const enabel = projects.flatMap((p: any) =>
    p.activities.filter((a: any) => a.funding.kind === 'partner').map((a: any) => `${p.number}.${a.number}:${a.funding.partner.name.fr}`),
  );
  assert.equal(enabel.length, 4);
  assert.ok(enabel.every((e: string) => /Enabel/i.test(e)), enabel.join());
  assert.deepEqual(enabel.map((e: string) => e.split(':')[0]), ['1.3', '1.4', '2.2', '2.4']);
  // cost: "to be set by the implementing party" exactly where ENABEL funds; "-" elsewhere
  assert.deepEqual(
    activities.map((a: any) => a.cost.kind),
    activities.map((a: any) => (a.funding.kind === 'partner' ? 'tbd' : 'none')),
  );
  // partners as in the matrix
  const p11 = projects[0].activities[0];
  assert.match(p11.partners[0].name.ar, /المديرية العامة للجماعات الترابية/);
  assert.equal(projects[0].activities[1].partners[0].name.ar, 'جامعة الحسن الأول');
  assert.equal(projects[3].activities[0].partners.length, 2);
  // card indicators: one monitoring and one impact per project; project 3 states its impact as two
  // figures (documents processed online, citizens' satisfaction), kept apart
  for (const p of projects) assert.deepEqual(p.indicators.map((i: any) => i.kind).sort(), p.number === 3 ? ['impact', 'impact', 'monitoring'] : ['impact', 'monitoring']);
  // a missing translation is absent, never ""
  assert.ok(!JSON.stringify(res.json()).includes('""'));
});

test('the Arabic programme page is right to left and shows the matrix; French shows French titles', async (t) => {
  const { app } = await buildTestApp(t);
  const ar = await app.inject('/ar/c/settat/programme');
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl">/);
  assert.match(ar.body, /المحور 1: الميزانية التشاركية/);
  assert.match(ar.body, /اعتماد الميزانية التشاركية في الميزانيات السنوية/);
  assert.equal((ar.body.match(/class="activity"/g) ?? []).length, 12);
  assert.match(ar.body, /hreflang="fr" lang="fr">Français/);

  const fr = await app.inject('/fr/c/settat/programme');
  assert.match(fr.body, /<html lang="fr" dir="ltr">/);
  assert.match(fr.body, /Axe 1: Budget participatif/);
  assert.doesNotMatch(fr.body, /المحور 1/);
  const en = await app.inject('/en/c/settat/programme');
  assert.match(en.body, /<html lang="en" dir="ltr">/);
  assert.match(en.body, /Axis 3: Digitali[sz]ation/);
});

test('network home, collectivity home, project card and activity pages', async (t) => {
  const { app } = await buildTestApp(t);
  assert.equal((await app.inject('/')).headers.location, '/ar/');
  const home = await app.inject('/ar/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /جماعة سطات/);
  const c = await app.inject('/fr/c/settat');
  assert.match(c.body, /Commune de Settat/);
  assert.match(c.body, /href="\/fr\/c\/settat\/programme"/);
  const card = await app.inject('/ar/c/settat/programme/projects/2');
  assert.equal(card.statusCode, 200);
  assert.match(card.body, /بطاقة المشروع 2/);
  assert.match(card.body, /الأهداف/);
  assert.match(card.body, /مساهمة الشركاء/);
  assert.match(card.body, /عدد الآراء الاستشارية المقدمة لمجلس الجماعة/);
  const api = (await app.inject('/api/v1/collectivities/settat/programme')).json();
  const id = api.programme.axes[2].projects[0].activities[0].id;
  const activity = await app.inject(`/fr/c/settat/programme/activities/${id}`);
  assert.equal(activity.statusCode, 200);
  assert.match(activity.body, /Activité 1/);
  assert.match(activity.body, /31 décembre 2025/);
});

test('unknown collectivity, project or activity: localized 404 page; API: problem+json', async (t) => {
  const { app } = await buildTestApp(t);
  for (const url of ['/ar/c/nowhere', '/ar/c/nowhere/programme', '/ar/c/settat/programme/projects/9', '/ar/c/settat/programme/activities/99999', '/ar/c/settat/programme/activities/abc']) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 404, url);
    assert.match(res.body, /الصفحة غير موجودة/, url);
    assert.match(res.body, /dir="rtl"/);
  }
  const fr = await app.inject('/fr/c/nowhere');
  assert.match(fr.body, /Page introuvable/);
  const api = await app.inject('/api/v1/collectivities/nowhere/programme');
  assert.equal(api.statusCode, 404);
  assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(api.json().status, 404);
  assert.match(api.json().type, /collectivity_not_found/);
});

test('collectivities API, OpenAPI document and health check', async (t) => {
  const { app } = await buildTestApp(t);
  const list = (await app.inject('/api/v1/collectivities')).json();
  // the demo's two regions, by slug: Settat's, and the example commune's (Chefchaouen)
  assert.deepEqual(list.items.map((c: any) => c.slug), ['casablanca-settat', 'chefchaouen', 'province-chefchaouen', 'province-settat', 'settat', 'tanger-tetouan-al-hoceima']);
  assert.deepEqual(list.items[4].name, { ar: 'جماعة سطات', fr: 'Commune de Settat', en: 'Settat Commune' });
  const page = (await app.inject('/api/v1/collectivities?limit=2')).json();
  assert.equal(page.items.length, 2);
  assert.equal(page.next, 'chefchaouen');
  const next = (await app.inject(`/api/v1/collectivities?limit=3&after=${page.next}`)).json();
  assert.deepEqual(next.items.map((c: any) => c.slug), ['province-chefchaouen', 'province-settat', 'settat']);
  assert.equal(next.next, 'settat');
  const last = (await app.inject(`/api/v1/collectivities?limit=3&after=${next.next}`)).json();
  assert.deepEqual([last.items.map((c: any) => c.slug), last.next], [['tanger-tetouan-al-hoceima'], null]);
  const bad = await app.inject('/api/v1/collectivities?limit=0');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().status, 400);

  const doc = (await app.inject('/api/v1/openapi.json')).json();
  assert.match(doc.openapi, /^3\./);
  assert.ok(doc.paths['/api/v1/collectivities']);
  assert.ok(doc.paths['/api/v1/collectivities/{slug}/programme']);
  assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/admin')));
  const home = await app.inject('/ar/');
  assert.match(String(home.headers['content-security-policy']), /script-src 'self'/);
  assert.match(String(home.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(home.headers['x-content-type-options'], 'nosniff');
  const health = await app.inject('/healthz');
  assert.equal(health.statusCode, 200);
  assert.equal(health.json().status, 'ok');
});
