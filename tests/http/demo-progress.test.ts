// The demo's example progress of Settat's 2024–2025 programme: the dashboard shows what the
// seed's notes imply, agrees with the indicators' figures, marks every example record as such
// in each language, dates the history so past states read right, and loads only once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import type { OpenDatabase } from '../../src/platform/db/database.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { currentProgramme, loadProgrammeTree, rollUp } from '../../src/modules/programme/manifest.ts';
import { daysLate } from '../../src/modules/programme/progress.ts';
import { activityStatesOn } from '../../src/modules/evaluation/repository.ts';
import { indicatorValues } from '../../src/modules/tracking/repository.ts';
import { loadSeedProgramme } from '../../src/modules/programme/seed/load.ts';
import { settat as settatSeed } from '../../src/modules/programme/seed/settat.ts';
import { loadSettatProgress, settatNotes } from '../../src/modules/tracking/seed-progress.ts';

/** Each activity's state as the seed's notes leave it ("project.activity" → progress, status). */
function impliedStates(until = '9999-12-31') {
  const states = new Map<string, { progress: number; status: string }>();
  for (const n of [...settatNotes].sort((a, b) => a.on.localeCompare(b.on))) {
    if (n.on > until) continue;
    const s = states.get(n.activity) ?? { progress: 0, status: 'planned' };
    states.set(n.activity, { progress: n.progress ?? s.progress, status: n.status ?? s.status });
  }
  return states;
}

async function settat(database: OpenDatabase) {
  const cid = await collectivityId(database, 'settat');
  const programme = (await currentProgramme(database.db, cid))!;
  const tree = await loadProgrammeTree(database.db, cid, programme);
  const key = (a: { project_id: number; number: number }) => `${tree.projects.find((p) => p.id === a.project_id)!.number}.${a.number}`;
  return { cid, programme, tree, key };
}

const count = async (database: OpenDatabase, table: 'progress_note' | 'change_log' | 'indicator_measurement' | 'activity') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('the dashboard shows the progress the example notes imply: most done, two late with a reason, one not started', async (t) => {
  // a day after the programme's period, fixed: lateness is counted against it
  t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-03-02T12:00:00Z') });
  const { app, database } = await buildTestApp(t);
  const { tree, key } = await settat(database);
  const implied = impliedStates();

  // the activities are in the state the notes leave them, every one with at least one note
  assert.equal(tree.activities.length, 12);
  for (const a of tree.activities) {
    const s = implied.get(key(a));
    assert.ok(s, `activity ${key(a)} has example notes`);
    assert.deepEqual({ progress: a.progress, status: a.status }, s, `activity ${key(a)}`);
  }
  const done = tree.activities.filter((a) => a.status === 'done').map(key);
  assert.deepEqual(done, ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '3.2', '4.2']);
  const late = tree.activities.filter((a) => daysLate(a, '2026-03-02') > 0).map((a) => [key(a), a.status]);
  assert.deepEqual(late, [['2.4', 'delayed'], ['3.1', 'delayed'], ['4.1', 'planned']]);

  // the dashboard's roll-up is the one the seed implies: (9 × 100 + 75 + 83 + 0) / 12
  const overall = rollUp([...implied.values()].map((s) => ({ ...s, weight: 1 })));
  assert.equal(overall, Math.round((900 + 75 + 83) / 12));
  const res = await app.inject('/ar/c/settat/dashboard');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, new RegExp(`<progress max="100" value="${overall}" aria-label="نسبة الإنجاز الإجمالية"`));
  assert.match(res.body, /مثال توضيحي: تقدم هذا البرنامج/);
  const lateList = res.body.slice(res.body.indexOf('id="d-late"'));
  for (const a of late) {
    const id = tree.activities.find((x) => key(x) === a[0])!.id;
    assert.match(lateList, new RegExp(`/programme/activities/${id}"`), `activity ${a[0]} in the late list`);
  }
  const fr = await app.inject('/fr/c/settat/dashboard');
  assert.match(fr.body, /Exemple fictif : l'avancement de ce programme|Exemple fictif : l&#39;avancement de ce programme/);
  // the matrix, which shows the same percentages, says so too
  assert.match((await app.inject('/ar/c/settat/programme')).body, /<p class="notice">مثال توضيحي: نسب الإنجاز/);
  assert.match((await app.inject('/fr/c/settat/programme')).body, /<p class="notice">Exemple fictif : les taux d(&#39;|')avancement/);
  // and so do the home and the network card that show the percentage
  assert.match((await app.inject('/ar/c/settat')).body, /مثال توضيحي: تقدم مبني على ملاحظات تتبع مبتكرة/);
  const network = (await app.inject('/fr/')).body;
  const settatCard = network.slice(network.indexOf('href="/fr/c/settat"'));
  assert.match(settatCard.slice(0, settatCard.indexOf('</li>')), /exemple fictif : avancement tiré de notes de suivi inventées/);
});

test('the example progress agrees with the indicators: advisory opinions, portals, dialogue meetings', async (t) => {
  const { database } = await buildTestApp(t);
  const { cid, programme, tree, key } = await settat(database);
  const values = await indicatorValues(database.db, cid, programme.id, 'fr');
  const indicator = (project: number, kind: 'monitoring' | 'impact') => values.find((v) => v.kind === kind && tree.projects.find((p) => p.id === v.projectId)!.number === project)!;
  const activity = (k: string) => tree.activities.find((a) => key(a) === k)!;

  // 2.4: three advisory opinions of the four aimed at by the end of 2025
  const opinions = indicator(2, 'monitoring');
  assert.equal(opinions.latest!.value, 3);
  assert.equal(opinions.targets.at(-1)!.value, 4);
  assert.equal(activity('2.4').progress, Math.round((100 * opinions.latest!.value) / opinions.targets.at(-1)!.value));
  // 3.1: the share of platforms joined is the activity's progress
  const portals = indicator(3, 'monitoring');
  assert.equal(activity('3.1').progress, Math.round(portals.latest!.value));
  assert.ok(portals.latest!.value < portals.targets.at(-1)!.value);
  // every note on 2.4 and 3.1 that sets a progress matches the indicator's value on that day (2.4's
  // is counted from the commission's opinions, dated by their transmission to the council)
  for (const [k, series] of [['2.4', opinions.series.map((p) => ({ date: p.date, value: (100 * p.value) / 4 }))], ['3.1', portals.series]] as const) {
    for (const n of settatNotes.filter((x) => x.activity === k && x.progress !== undefined)) {
      const value = series.filter((p) => p.date <= n.on).at(-1)?.value;
      assert.equal(value === undefined ? undefined : Math.round(value), n.progress, `${k} on ${n.on}`);
    }
  }
  // 4.1: not started, and the meetings indicator stays below its target
  const meetings = indicator(4, 'monitoring');
  assert.equal(activity('4.1').status, 'planned');
  assert.ok(meetings.latest!.value < meetings.targets.at(-1)!.value);
  // 1.4: done on the day the 2025 participatory-budget round published its results
  const last14 = settatNotes.filter((n) => n.activity === '1.4').at(-1)!;
  assert.deepEqual([last14.on, last14.status], ['2025-07-01', 'done']);
  const round = await database.db.selectFrom('budget_round').select(['results_at']).where('collectivity_id', '=', cid).where('title_fr', '=', 'Budget participatif de la commune de Settat 2025').executeTakeFirst();
  if (round) assert.equal(new Date(round.results_at).toISOString() <= `${last14.on}T23:59:59Z`, true);
  // every note is within the programme's period, and the added measurements are marked
  for (const n of settatNotes) assert.ok(n.on >= '2024-01-01' && n.on <= '2025-12-31', n.on);
  const unmarked = await database.db.selectFrom('indicator_measurement').select('id').where('collectivity_id', '=', cid).where('is_demo', '=', 0).execute();
  assert.equal(unmarked.length, 0);
});

test('every example note carries the mark on the activity page, in Arabic and French, and the history gives the reasons', async (t) => {
  const { app, database } = await buildTestApp(t);
  const { cid, tree, key } = await settat(database);
  const a24 = tree.activities.find((a) => key(a) === '2.4')!;
  const notes = await database.db.selectFrom('progress_note').selectAll().where('collectivity_id', '=', cid).execute();
  assert.equal(notes.length, settatNotes.length);
  for (const n of notes) {
    assert.equal(n.is_demo, 1);
    assert.match(n.body_ar!, /\(مثال توضيحي\)$/);
    assert.match(n.body_fr!, /\(exemple fictif\)$/);
    assert.equal(n.created_at.slice(0, 10), n.noted_on);
  }

  const ar = await app.inject(`/ar/c/settat/programme/activities/${a24.id}`);
  assert.equal(ar.statusCode, 200);
  const section = ar.body.slice(ar.body.indexOf('id="progress-notes"'));
  const items = section.slice(0, section.indexOf('</ol>')).split('<li id="note-').slice(1);
  assert.equal(items.length, settatNotes.filter((n) => n.activity === '2.4').length);
  for (const li of items) assert.match(li, /<span class="status demo">مثال توضيحي<\/span>/);
  assert.match(section, /ملاحظات التتبع هذه مثال توضيحي/);
  assert.match(section, /دورة فبراير 2026/); // the reason it is late
  // the history lists each change since adoption with its reason, marked too
  assert.match(ar.body, /تأخر الرأي الاستشاري الرابع إلى دورة فبراير 2026 \(مثال توضيحي · exemple fictif\)/);

  const fr = await app.inject(`/fr/c/settat/programme/activities/${a24.id}`);
  const frItems = fr.body.slice(fr.body.indexOf('id="progress-notes"')).split('</ol>')[0].split('<li id="note-').slice(1);
  assert.equal(frItems.length, items.length);
  for (const li of frItems) assert.match(li, /<span class="status demo">exemple fictif<\/span>/);
});

test('the history is dated as the notes are: the 2024 report reads the end-of-2024 states', async (t) => {
  const { database } = await buildTestApp(t);
  const { cid, programme, tree, key } = await settat(database);
  const past = await activityStatesOn(database.db, cid, programme.id, '2024-12-31');
  const implied = impliedStates('2024-12-31');
  for (const a of tree.activities) {
    const then = { progress: past.get(a.id)?.progress ?? a.progress, status: past.get(a.id)?.status ?? a.status };
    assert.deepEqual(then, implied.get(key(a)) ?? { progress: 0, status: 'planned' }, `activity ${key(a)} at the end of 2024`);
  }
  assert.deepEqual(
    tree.activities.filter((a) => (past.get(a.id)?.status ?? a.status) === 'done').map(key),
    ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.2'],
  );
});

test('loading the demo again adds no note, change or measurement', async (t) => {
  const { database } = await buildTestApp(t);
  const cid = await collectivityId(database, 'settat');
  const before = { notes: await count(database, 'progress_note'), log: await count(database, 'change_log'), measurements: await count(database, 'indicator_measurement') };
  const version = (await database.db.selectFrom('collectivity').select('content_version').where('id', '=', cid).executeTakeFirstOrThrow()).content_version;
  assert.equal(await loadDemoContent(database.db), false);
  assert.deepEqual({ notes: await count(database, 'progress_note'), log: await count(database, 'change_log'), measurements: await count(database, 'indicator_measurement') }, before);
  assert.equal((await database.db.selectFrom('collectivity').select('content_version').where('id', '=', cid).executeTakeFirstOrThrow()).content_version, version);
});

test('a programme in real use is never given the example progress', async (t) => {
  const { database } = await buildTestApp(t, { seed: false });
  await loadSeedProgramme(database.db, settatSeed);
  // staff have recorded some progress of their own
  const cid = await collectivityId(database, 'settat');
  const first = await database.db.selectFrom('activity').select('id').where('collectivity_id', '=', cid).orderBy('id').executeTakeFirstOrThrow();
  await database.db.updateTable('activity').set({ status: 'in_progress', progress: 10 }).where('id', '=', first.id).execute();
  assert.equal(await loadSettatProgress(database.db), false);
  assert.equal(await count(database, 'progress_note'), 0);
});
