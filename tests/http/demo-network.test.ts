// Issue 11, "a demo that looks alive": the demo's network has a second, smaller commune in another
// region (Chefchaouen, Tanger-Tétouan-Al Hoceïma). Its content is invented, and every page of it
// says so; Settat's pages do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.ts';

/** The card of the network page that links to `href`. */
function cardOf(body: string, href: string): string {
  const card = body.split('<li>').find((li) => li.includes(`<a href="${href}">`));
  assert.ok(card, href);
  return card.slice(0, card.indexOf('</li>'));
}

const notice = { ar: /class="notice demo-place">مثال توضيحي/, fr: /class="notice demo-place">Exemple fictif/ };

test('the network page lists both communes with their region and progress; the example is flagged', async (t) => {
  const { app } = await buildTestApp(t);
  const expected = {
    ar: { settat: ['جماعة سطات', 'إقليم سطات', 'جهة الدار البيضاء سطات'], chefchaouen: ['جماعة شفشاون', 'إقليم شفشاون', 'جهة طنجة تطوان الحسيمة'], mark: 'مثال توضيحي' },
    fr: { settat: ['Commune de Settat', 'Province de Settat', 'Région Casablanca-Settat'], chefchaouen: ['Commune de Chefchaouen', 'Province de Chefchaouen', 'Région Tanger-Tétouan-Al Hoceïma'], mark: 'exemple fictif' },
  };
  for (const locale of ['ar', 'fr'] as const) {
    const res = await app.inject(`/${locale}/`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /demo-place/, 'the network page names no collectivity: no notice');
    const e = expected[locale];
    const settat = cardOf(res.body, `/${locale}/c/settat`);
    const chefchaouen = cardOf(res.body, `/${locale}/c/chefchaouen`);
    for (const name of e.settat) assert.ok(settat.includes(name), `${locale}: ${name}`);
    for (const name of e.chefchaouen) assert.ok(chefchaouen.includes(name), `${locale}: ${name}`);
    // each with its programme's progress bar; the example's is computed from its seeded activities
    assert.match(settat, /<progress max="100" value="\d+"/);
    assert.match(chefchaouen, /<progress max="100" value="73"/);
    assert.match(chefchaouen, /<bdi>2025–2026<\/bdi>/);
    // the example says so on its card, in its programme's title and on its progress; Settat is a
    // real commune (no card mark) whose progress in the demo is the example's, and says so once
    assert.equal(chefchaouen.split(e.mark).length - 1, 3, chefchaouen);
    assert.ok(chefchaouen.includes(`<span class="status">${e.mark}</span>`));
    assert.ok(!settat.includes(`<span class="status">${e.mark}</span>`));
    assert.equal(settat.split(e.mark).length - 1, 1, settat);
  }
});

test("every public page of the example commune carries the example notice; Settat's do not", async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'chefchaouen').executeTakeFirstOrThrow();
  const activity = await db
    .selectFrom('activity as a')
    .innerJoin('project as p', 'p.id', 'a.project_id')
    .select('a.id')
    .where('a.collectivity_id', '=', c.id)
    .where('p.number', '=', 1)
    .where('a.number', '=', 2)
    .executeTakeFirstOrThrow();
  for (const locale of ['ar', 'fr'] as const) {
    for (const path of ['', '/programme', '/programme/projects/2', `/programme/activities/${activity.id}`, '/indicators', '/dashboard', '/proposals']) {
      const res = await app.inject(`/${locale}/c/chefchaouen${path}`);
      assert.equal(res.statusCode, 200, `${locale}${path}`);
      assert.match(res.body, notice[locale], `${locale}/c/chefchaouen${path}`);
      // and so does its link when shared (WhatsApp, Facebook read og:description)
      assert.match(res.body, locale === 'ar' ? /<meta property="og:description" content="مثال توضيحي: / : /<meta property="og:description" content="Exemple fictif : /);
    }
    // the programme itself says it was not adopted by the council
    const matrix = (await app.inject(`/${locale}/c/chefchaouen/programme`)).body;
    assert.match(matrix, locale === 'ar' ? /ليس برنامج جماعة شفشاون ولم يصادق عليه مجلسها/ : /ce n'est pas le programme de la commune de Chefchaouen|ce n&#39;est pas le programme de la commune de Chefchaouen/);
    // its progress note (invented too) is on the activity's page
    const page = (await app.inject(`/${locale}/c/chefchaouen/programme/activities/${activity.id}`)).body;
    assert.match(page, locale === 'ar' ? /نشرت أربعة محاضر من أصل ستة متوقعة/ : /Quatre procès-verbaux publiés sur les six prévus/);
    for (const path of ['', '/programme', '/programme/projects/2']) {
      const res = await app.inject(`/${locale}/c/settat${path}`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /demo-place|content="(مثال توضيحي|Exemple fictif)/, `${locale}/c/settat${path}`);
    }
    // the province and the region are real and hold nothing invented
    assert.doesNotMatch((await app.inject(`/${locale}/c/province-chefchaouen`)).body, /demo-place/);
  }
});

test('the open-data API lists both communes and flags the example', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/api/v1/collectivities');
  assert.equal(res.statusCode, 200);
  const items = res.json().items as { slug: string; kind: string; parent?: string; demo?: true }[];
  const by = (slug: string) => items.find((i) => i.slug === slug);
  assert.deepEqual(by('settat'), { ...by('settat'), kind: 'commune', parent: 'province-settat' });
  assert.equal(by('settat')!.demo, undefined);
  assert.deepEqual([by('chefchaouen')!.kind, by('chefchaouen')!.parent, by('chefchaouen')!.demo], ['commune', 'province-chefchaouen', true]);
  assert.equal(by('province-chefchaouen')!.parent, 'tanger-tetouan-al-hoceima');
  assert.deepEqual(items.filter((i) => i.demo).map((i) => i.slug), ['chefchaouen']);
  // its programme, with the mark in its title
  const programme = await app.inject('/api/v1/collectivities/chefchaouen/programme');
  assert.equal(programme.statusCode, 200);
  assert.match(programme.body, /مثال توضيحي/);
  assert.match(programme.body, /exemple fictif/);
});
