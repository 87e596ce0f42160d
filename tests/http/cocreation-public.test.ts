// Settat's co-creation as the public sees it: the figures of the document, computed from records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.ts';

test('the participation API reproduces the document’s figures', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/api/v1/collectivities/settat/participation');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.proposals.total, 31);
  assert.deepEqual(body.proposals.byChannel, { online: 17, workshop: 14, other: 0 });
  // axes: 1 participatory budget, 2 IEECAG, 3 digitalisation, 4 dialogue
  const byAxis = Object.fromEntries(body.proposals.byAxis.map((a: any) => [a.axis, [a.byChannel.workshop, a.byChannel.online]]));
  assert.deepEqual(byAxis, { 1: [4, 1], 2: [2, 2], 3: [5, 9], 4: [3, 5] });
  const workshop = body.events.find((e: any) => e.date === '2023-05-17');
  assert.deepEqual(workshop.attendance, { total: 43, women: 22, ieecag: 11, associations: null });
  assert.equal(workshop.proposals, 14);
  assert.equal(workshop.kind, 'workshop');
  const consultationWorkshop = body.events.find((e: any) => e.date === '2023-07-06');
  assert.equal(consultationWorkshop.contributions, 16);
  assert.equal(body.consultation.total, 16);
  assert.deepEqual(Object.fromEntries(body.consultation.byAxis.map((a: any) => [a.axis, a.total])), { 1: 4, 2: 4, 3: 6, 4: 2 });
  const doc = (await app.inject('/api/v1/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/collectivities/{slug}/participation']);
  assert.equal((await app.inject('/api/v1/collectivities/nowhere/participation')).statusCode, 404);
});

test('the participation page shows the figures with charts and data tables, in Arabic and French', async (t) => {
  const { app } = await buildTestApp(t);
  const ar = await app.inject('/ar/c/settat/participation');
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /dir="rtl"/);
  assert.match(ar.body, /31 اقتراحا/);
  assert.match(ar.body, /<svg/);
  assert.match(ar.body, /<table/);
  assert.match(ar.body, /16 مساهمة في مسودة البرنامج/);
  const fr = await app.inject('/fr/c/settat/participation');
  assert.match(fr.body, /31 propositions/);
  assert.match(fr.body, /22 \(51%\)/);
});

test('the process timeline, the committee and the public notice with its Atom feed', async (t) => {
  const { app } = await buildTestApp(t);
  const ar = await app.inject('/ar/c/settat/process');
  assert.equal(ar.statusCode, 200);
  assert.equal((ar.body.match(/class="stage /g) ?? []).length, 12);
  assert.match(ar.body, /لقاء تواصلي بمقر الجهة/);
  assert.match(ar.body, /القرار رقم 93/);
  assert.match(ar.body, /المصطفى التاكوي/);
  assert.equal((ar.body.match(/ممثل هيئة المساواة/g) ?? []).length, 4);
  assert.match(ar.body, /أكتوبر 2023/);
  assert.match(ar.body, /اجتماعات اللجنة/);
  assert.match(ar.body, /دراسة الأفكار والمقترحات وتفريغها/);
  const fr = await app.inject('/fr/c/settat/process');
  assert.match(fr.body, /9 juin 2023 – 14 juin 2023/);
  assert.match(fr.body, /43 participants/);
  const link = /href="(\/fr\/c\/settat\/announcements\/\d+)"/.exec(fr.body)![1];
  const notice = await app.inject(link);
  assert.equal(notice.statusCode, 200);
  assert.match(notice.body, /Avis au public/);
  assert.match(notice.body, /clos/);
  const feed = await app.inject('/ar/c/settat/announcements.atom');
  assert.equal(feed.statusCode, 200);
  assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
  assert.match(feed.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.match(feed.body, /إعلان للعموم/);
});

test('proposals: filters, Arabic-aware search, pagination, and the trail to the project', async (t) => {
  const { app } = await buildTestApp(t);
  const all = await app.inject('/ar/c/settat/proposals');
  assert.equal(all.statusCode, 200);
  assert.equal((all.body.match(/<li><h2>/g) ?? []).length, 20);
  const next = /href="([^"]+)" rel="next"/.exec(all.body)![1].replace(/&amp;/g, '&');
  const second = await app.inject(next);
  assert.equal((second.body.match(/<li><h2>/g) ?? []).length, 11);
  assert.doesNotMatch(second.body, /rel="next"/);

  const workshop = await app.inject('/ar/c/settat/proposals?channel=workshop');
  assert.equal((workshop.body.match(/<li><h2>/g) ?? []).length, 14);
  // searching with diacritics, a different hamza and ta marbuta finds "الحالة المدنية"
  const search = await app.inject(`/ar/c/settat/proposals?q=${encodeURIComponent('الحالَة المدنيه')}`);
  const titles = [...search.body.matchAll(/<li><h2><a href="[^"]+" lang="ar">([^<]+)</g)].map((m) => m[1]);
  assert.ok(titles.length >= 2, titles.join(' | '));
  assert.ok(titles.includes('طلب وثائق الحالة المدنية عن بعد'));

  const id = /href="\/ar\/c\/settat\/proposals\/(\d+)" lang="ar">طلب وثائق الحالة المدنية عن بعد/.exec(search.body)![1];
  const page = await app.inject(`/fr/c/settat/proposals/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /exemple de démonstration/);
  assert.match(page.body, /Parcours/);
  assert.match(page.body, /Déposée/);
  assert.match(page.body, /Retenue/);
  assert.match(page.body, /href="\/fr\/c\/settat\/programme\/projects\/3"/);
  assert.match(page.body, /Atelier de co-création du programme/);
  assert.equal((await app.inject('/ar/c/settat/proposals/999999')).statusCode, 404);
});

test('the project card and the activity page list the proposals that fed them', async (t) => {
  const { app } = await buildTestApp(t);
  const card = await app.inject('/ar/c/settat/programme/projects/3');
  assert.match(card.body, /14 اقتراحا غذى هذا العنصر/); // digitalisation: 5 at the workshop + 9 online
  const link = /href="(\/ar\/c\/settat\/proposals\/\d+)" lang="ar">رقمنة أرشيف الحالة المدنية</.exec(card.body);
  assert.ok(link);
  assert.equal((await app.inject(link[1])).statusCode, 200);
  const fr = await app.inject('/fr/c/settat/programme/projects/1');
  assert.match(fr.body, /Les 5 propositions citoyennes qui l&#x27;ont nourri|Les 5 propositions citoyennes qui l'ont nourri/);
});
