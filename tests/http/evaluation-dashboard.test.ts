// The public programme dashboard: its figures are the programme's own roll-up, lateness is
// counted against the day, the Gantt timeline is an accessible SVG with the same data in tables,
// and every project card can be printed from one page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import type { OpenDatabase } from '../../src/platform/db/database.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { currentProgramme, loadProgrammeTree, presentProgramme, programmeSummaries, rollUp } from '../../src/modules/programme/manifest.ts';
import { asOfDay, lateActivities, readIndicator, targetAt, timelineSpan } from '../../src/modules/evaluation/model.ts';
import { timeScale } from '../../src/modules/evaluation/views/gantt.tsx';

/** Sets progress, status and weight of Settat activities by "project.activity", as staff would. */
async function setActivities(database: OpenDatabase, changes: Record<string, { progress?: number; status?: string; weight?: number }>) {
  const cid = await collectivityId(database, 'settat');
  for (const [key, set] of Object.entries(changes)) {
    const [project, activity] = key.split('.').map(Number);
    const row = await database.db
      .selectFrom('activity')
      .innerJoin('project', 'project.id', 'activity.project_id')
      .select('activity.id')
      .where('activity.collectivity_id', '=', cid)
      .where('project.number', '=', project)
      .where('activity.number', '=', activity)
      .executeTakeFirstOrThrow();
    await database.db.updateTable('activity').set(set).where('id', '=', row.id).execute();
  }
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cid).execute();
}

/** Puts every Settat activity back to the document's state (planned, 0%): the demo's example
 *  progress (tracking seed) would otherwise add to the figures these tests compute. */
async function documentState(database: OpenDatabase) {
  const cid = await collectivityId(database, 'settat');
  await database.db.updateTable('activity').set({ status: 'planned', progress: 0 }).where('collectivity_id', '=', cid).execute();
  await database.db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cid).execute();
}

async function settatView(database: OpenDatabase, locale: 'ar' | 'fr' = 'ar') {
  const cid = await collectivityId(database, 'settat');
  const programme = (await currentProgramme(database.db, cid))!;
  const tree = await loadProgrammeTree(database.db, cid, programme);
  return { cid, programme, tree, view: presentProgramme(tree, locale, translator(locale), `/${locale}/c/settat`) };
}

test('the dashboard shows the programme roll-up: overall and per axis, the same as the network home', async (t) => {
  const { app, database } = await buildTestApp(t);
  await documentState(database);
  await setActivities(database, { '1.1': { progress: 100, status: 'done' }, '1.2': { progress: 50, status: 'in_progress', weight: 3 }, '3.1': { progress: 40, status: 'in_progress' }, '4.2': { status: 'cancelled', progress: 90 } });
  const { cid, tree } = await settatView(database);

  const res = await app.inject('/ar/c/settat/dashboard');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="ar" dir="rtl">/);
  const overall = rollUp(tree.activities);
  // (100 + 50×3 + 40) / (1 + 3 + 1 + 1×8 others) — the cancelled activity does not count
  assert.equal(overall, Math.round((100 + 150 + 40) / 13));
  assert.equal((await programmeSummaries(database.db, [cid])).get(cid)!.progress, overall);
  assert.match(res.body, new RegExp(`<progress max="100" value="${overall}" aria-label="نسبة الإنجاز الإجمالية"`));

  // one row per axis with its own roll-up
  const table = res.body.slice(res.body.indexOf('class="axes-progress"'), res.body.indexOf('</table>', res.body.indexOf('class="axes-progress"')));
  const shown = [...table.matchAll(/<progress max="100" value="(\d+)"/g)].map((m) => Number(m[1]));
  const expected = tree.axes.map((axis) => rollUp(tree.activities.filter((a) => tree.projects.some((p) => p.axis_id === axis.id && p.id === a.project_id))));
  assert.deepEqual(shown, expected);
  assert.equal(expected[0], Math.round((100 + 150) / 6));
  assert.equal(expected[2], 20);

  // the French page carries the same numbers
  const fr = await app.inject('/fr/c/settat/dashboard');
  assert.equal(fr.statusCode, 200);
  assert.match(fr.body, /Tableau de bord du programme/);
  assert.match(fr.body, new RegExp(`value="${overall}"`));
});

test('lateness is counted against the given day, not the clock', async (t) => {
  const { database } = await buildTestApp(t);
  await documentState(database);
  await setActivities(database, { '1.1': { status: 'done', progress: 100 }, '2.1': { status: 'cancelled' } });
  const { view } = await settatView(database);

  // on the last day of 2024 nothing is late yet: eight activities end that day
  assert.deepEqual(lateActivities(asOfDay(view, '2024-12-31')), []);
  // the next day, the six that are neither done nor cancelled are one day late
  const jan1 = lateActivities(asOfDay(view, '2025-01-01'));
  assert.deepEqual(jan1.map((l) => `${l.project.number}.${l.activity.number}:${l.activity.daysLate}`), ['1.2:1', '1.3:1', '1.4:1', '2.2:1', '2.3:1', '3.2:1']);
  assert.equal(asOfDay(view, '2025-01-01').counts.late, 6);
  // in 2026, the 2025 ones are late too, the longest delays first
  const later = lateActivities(asOfDay(view, '2026-01-02'));
  assert.equal(later.length, 10);
  assert.equal(later[0].activity.daysLate, 367);
  assert.equal(later.at(-1)!.activity.daysLate, 2);
  assert.equal(asOfDay(view, '2026-01-02').axes[0].projects[0].late, 3);
});

test('indicators are read against the target in force on the day', () => {
  const targets = [{ date: '2024-12-31', value: 2 }, { date: '2025-12-31', value: 4 }];
  assert.deepEqual(targetAt(targets, '2024-06-01'), targets[0]);
  assert.deepEqual(targetAt(targets, '2025-01-01'), targets[1]);
  assert.deepEqual(targetAt(targets, '2026-03-01'), targets[1]);
  assert.equal(targetAt([], '2025-01-01'), null);
  const base = { id: 1, projectId: 9, kind: 'monitoring' as const, statement: { ar: 'عدد اللقاءات', fr: null, en: null }, unit: null, baseline: 0, targets };
  assert.equal(readIndicator({ ...base, series: [] }, 1, '2025-01-01').state, 'no_measure');
  assert.equal(readIndicator({ ...base, targets: [], series: [] }, 1, '2025-01-01').state, 'no_target');
  const r = readIndicator({ ...base, series: [{ date: '2024-10-01', value: 2 }, { date: '2025-06-01', value: 3 }] }, 1, '2024-12-31');
  assert.equal(r.state, 'reached');
  assert.deepEqual(r.latest, { date: '2024-10-01', value: 2 });
  // a measurement after the day is not read; the next target applies
  assert.equal(readIndicator({ ...base, series: [{ date: '2024-10-01', value: 2 }, { date: '2025-06-01', value: 3 }] }, 1, '2025-07-01').state, 'behind');
  // a target below the baseline is a reduction (processing time in days, say)
  assert.equal(readIndicator({ ...base, baseline: 60, targets: [{ date: '2025-12-31', value: 30 }], series: [{ date: '2025-03-01', value: 25 }] }, 1, '2025-06-01').state, 'reached');
});

test('the Gantt timeline: one accessible SVG per project, mirrored in Arabic, with the same data in tables', async (t) => {
  const { app, database } = await buildTestApp(t);
  const ar = await app.inject('/ar/c/settat/dashboard');
  const svgs = [...ar.body.matchAll(/<svg class="gantt" role="img" aria-labelledby="(gantt-\d+)-title"/g)].map((m) => m[1]);
  assert.deepEqual(svgs, ['gantt-1', 'gantt-2', 'gantt-3', 'gantt-4']);
  assert.match(ar.body, /<title id="gantt-1-title">الجدولة الزمنية لأنشطة المشروع 1 \(4 أنشطة\)/);
  assert.doesNotMatch(ar.body, /style=/);
  // the tables hold every activity with its dates, status and days late
  assert.equal((ar.body.match(/<table class="gantt-table">/g) ?? []).length, 4);
  const rows = ar.body.split('<table class="gantt-table">').slice(1).map((t) => (t.split('</table>')[0].match(/<th scope="row">/g) ?? []).length);
  assert.deepEqual(rows, [4, 4, 2, 2]);
  assert.match(ar.body, /<time datetime="2024-01-01">/);
  // today (Casablanca) is after the programme: every activity the demo's example progress leaves
  // unfinished is late (2.4, 3.1 and the not started 4.1), and listed
  assert.match(ar.body, /الأنشطة المتأخرة \(3\)/);

  // time runs right to left in Arabic, left to right in French
  const rtl = timeScale('2024-01-01', '2025-12-31', true);
  const ltr = timeScale('2024-01-01', '2025-12-31', false);
  assert.ok(rtl.x('2024-01-01') > rtl.x('2025-01-01'));
  assert.ok(ltr.x('2024-01-01') < ltr.x('2025-01-01'));
  assert.equal(rtl.x('2024-01-01') + ltr.x('2024-01-01'), 400);
  const { view, programme } = await settatView(database);
  assert.deepEqual(timelineSpan(view, programme.start_year, programme.end_year, '2025-05-01'), { from: '2024-01-01', to: '2025-12-31' });
  assert.deepEqual(timelineSpan(view, programme.start_year, programme.end_year, '2026-11-29'), { from: '2024-01-01', to: '2026-11-29' });
});

test('indicators against targets on the dashboard come from the tracking module', async (t) => {
  const { app, database } = await buildTestApp(t);
  const cid = await collectivityId(database, 'settat');
  const count = (await database.db.selectFrom('indicator').select('id').where('collectivity_id', '=', cid).execute()).length;
  const fr = await app.inject('/fr/c/settat/dashboard');
  const table = fr.body.slice(fr.body.indexOf('<table class="indicators">'));
  assert.equal((table.split('</table>')[0].match(/<th scope="row">/g) ?? []).length, count);
  assert.match(table, /Indicateur de suivi/);
  assert.match(table, /Cible atteinte|En deçà de la cible|Aucune mesure/);
});

test('links: the collectivity home and the programme lead to the dashboard and the printable cards', async (t) => {
  const { app } = await buildTestApp(t);
  const home = await app.inject('/ar/c/settat');
  assert.match(home.body, /href="\/ar\/c\/settat\/dashboard"/);
  const matrix = await app.inject('/fr/c/settat/programme');
  assert.match(matrix.body, /href="\/fr\/c\/settat\/dashboard"/);
  assert.match(matrix.body, /href="\/fr\/c\/settat\/programme\/cards"/);
  const card = await app.inject('/ar/c/settat/programme/projects/2');
  assert.match(card.body, /href="\/ar\/c\/settat\/programme\/cards"/);
  assert.match(card.body, /<h1 id="card-2">بطاقة المشروع/);
});

test('all project cards on one page, each its own block for print', async (t) => {
  const { app } = await buildTestApp(t);
  const ar = await app.inject('/ar/c/settat/programme/cards');
  assert.equal(ar.statusCode, 200);
  assert.equal((ar.body.match(/class="print-card"/g) ?? []).length, 4);
  assert.deepEqual([...ar.body.matchAll(/<h2 id="card-(\d)">/g)].map((m) => m[1]), ['1', '2', '3', '4']);
  assert.match(ar.body, /اعتماد الميزانية التشاركية في الميزانيات السنوية/);
  const fr = await app.inject('/fr/c/settat/programme/cards');
  assert.match(fr.body, /Fiche projet|fiche projet/i);
  assert.equal((await app.inject('/de/c/settat/programme/cards')).statusCode, 404);
  assert.equal((await app.inject('/ar/c/nowhere/dashboard')).statusCode, 404);
});
