// The consistency check of the current programme: each kind of finding, with a link to the item
// to fix. The Settat demo as the document gives it: impact indicators with neither a target nor a
// measurement. Its "-" costs mean "no cost" (beside own-budget funding): not a finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConsistency, windowEnd } from '../../src/modules/transfer/consistency.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

test('windowEnd: a duration in months from a start date', () => {
  assert.equal(windowEnd('2024-01-01', 12), '2024-12-31');
  assert.equal(windowEnd('2024-01-01', 24), '2025-12-31');
  assert.equal(windowEnd('2024-03-15', 6), '2024-09-14');
  assert.deepEqual(checkConsistency({ period: { start: 2024, end: 2025 }, axes: [], projects: [], activities: [], indicators: [] }), []);
});

test('an activity dated by another module (a budget winner) follows that, not the project card', () => {
  const title = { text: 'x', lang: null };
  const activity = (ref: number, start: string, end: string, scheduledBy?: { source: string; lang: string; from: string }) =>
    ({ kind: 'activity' as const, ref, label: `1.1.${ref}`, title, project: 1, start, end, fundingKind: 'own', fundingPartner: false, partners: 0, scheduledBy });
  const input = (end: number, activities: ReturnType<typeof activity>[]) => ({
    period: { start: 2024, end },
    axes: [{ kind: 'axis' as const, ref: 1, label: '1', title, number: 1 }],
    projects: [{ kind: 'project' as const, ref: 1, label: '1.1', title, axis: 1, number: 1, durationMonths: 12 }],
    activities,
    indicators: [],
  });
  const winner = { source: 'الميزانية التشاركية 2025', lang: 'ar', from: '2025-09-01' };
  const kinds = (end: number, a: ReturnType<typeof activity>[]) => checkConsistency(input(end, a)).map((f) => `${f.item.ref}:${f.kind}`);
  // the card's 12 months from 2024-01-01 end on 2024-12-31; the winner runs in 2025-2026
  const plan = [activity(1, '2024-01-01', '2024-12-31'), activity(2, '2025-09-01', '2026-08-31', winner)];
  assert.deepEqual(kinds(2026, plan), ['1:missingPartners']);
  const outside = checkConsistency(input(2025, plan)).find((f) => f.item.ref === 2)!;
  assert.equal(outside.kind, 'scheduledOutsidePeriod');
  assert.deepEqual(outside.values, { start: 2024, end: 2025, source: winner.source, from: '2025-09-01', until: '2026-08-31' });
  // without the schedule, the same dates break the card's duration and the period
  assert.deepEqual(kinds(2025, [plan[0]!, activity(2, '2025-09-01', '2026-08-31')]), ['1:missingPartners', '2:outsideProjectDuration', '2:outsidePeriod', '2:missingPartners']);
});

test('each finding is reported with a link to the item to fix', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cid = await collectivityId(database, 'settat');
  await createStaff(database, 'focal@settat.ma', 'editor', 'settat');
  const client = await new StaffClient(app).login('focal@settat.ma');

  const demo = await client.get('/admin/c/settat/consistency?lang=fr');
  assert.equal(demo.statusCode, 200);
  assert.match(demo.body, /3 remarques/);
  assert.doesNotMatch(demo.body, /Coût/);
  assert.equal(demo.body.match(/Indicateur sans cible/g)?.length, 2);
  // every indicator of the demo follows a figure counted from records, but project 1's impact
  assert.equal(demo.body.match(/Indicateur sans aucune mesure/g)?.length, 1);

  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', cid).executeTakeFirstOrThrow();
  const activity = (project: number, n: number) =>
    db.selectFrom('activity as a').innerJoin('project as p', 'p.id', 'a.project_id').select('a.id').where('a.collectivity_id', '=', cid).where('p.number', '=', project).where('a.number', '=', n).executeTakeFirstOrThrow();
  const late = await activity(1, 1); // project 1 lasts 12 months from 2024-01-01
  await db.updateTable('activity').set({ end_date: '2025-03-31' }).where('id', '=', late.id).execute();
  const reversed = await activity(1, 2);
  await db.updateTable('activity').set({ start_date: '2024-06-01', end_date: '2024-05-01' }).where('id', '=', reversed.id).execute();
  const outside = await activity(3, 1);
  await db.updateTable('activity').set({ end_date: '2026-06-30' }).where('id', '=', outside.id).execute();
  const unfunded = await activity(2, 2);
  await db.updateTable('activity').set({ funding_partner_id: null }).where('id', '=', unfunded.id).execute();
  const alone = await activity(4, 2);
  await db.deleteFrom('activity_partner').where('collectivity_id', '=', cid).where('activity_id', '=', alone.id).execute();
  const axis = await db.insertInto('axis').values({ collectivity_id: cid, programme_id: programme.id, number: 5, title_ar: 'محور بدون مشاريع' }).returning('id').executeTakeFirstOrThrow();
  const project = await db
    .insertInto('project')
    .values({ collectivity_id: cid, programme_id: programme.id, axis_id: axis.id, number: 5, title_ar: 'مشروع بدون أنشطة' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const emptyAxis = await db.insertInto('axis').values({ collectivity_id: cid, programme_id: programme.id, number: 6, title_ar: 'محور فارغ' }).returning('id').executeTakeFirstOrThrow();
  const indicator = await db
    .insertInto('indicator')
    .values({ collectivity_id: cid, programme_id: programme.id, project_id: project.id, kind: 'monitoring', statement_ar: 'عدد الورشات المنظمة', position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();

  const res = await client.get('/admin/c/settat/consistency?lang=fr');
  assert.equal(res.statusCode, 200);
  const item = (kind: string, id: number) => new RegExp(`href="/admin/c/settat/${kind}/${id}"`);
  const expect: [RegExp, RegExp][] = [
    [/Se termine le 2025-03-31, après la durée du projet \(12 mois, soit le 2024-12-31\)/, item('activities', late.id)],
    [/La fin \(2024-05-01\) précède le début \(2024-06-01\)/, item('activities', reversed.id)],
    [/Hors de la période du programme 2024-2025/, item('activities', outside.id)],
    [/Financement non indiqué/, item('activities', unfunded.id)],
    [/Sans partenaire/, item('activities', alone.id)],
    [/Projet sans activité/, item('projects', project.id)],
    [/Axe sans projet/, item('axes', emptyAxis.id)],
    [/Indicateur sans cible/, item('indicators', indicator.id)],
    [/Indicateur sans aucune mesure/, item('indicators', indicator.id)],
  ];
  const findings = res.body.split('<li class="finding ').slice(1);
  for (const [message, link] of expect) {
    assert.ok(findings.some((f) => message.test(f) && link.test(f)), `${message} → ${link}`);
  }
  // the axis with a project is not reported empty
  assert.ok(!findings.some((f) => /Axe sans projet/.test(f) && item('axes', axis.id).test(f)));
  // titles keep their own language and direction inside a French page
  assert.match(res.body, /<bdi lang="ar" dir="rtl">مشروع بدون أنشطة<\/bdi>/);

  const other = await createStaff(database, 'admin@province.ma', 'focal_point', 'province-settat');
  assert.ok(other);
  const province = await new StaffClient(app).login('admin@province.ma');
  assert.equal((await province.get('/admin/c/settat/consistency')).statusCode, 403);
  const anonymous = await app.inject({ url: '/admin/c/settat/consistency' });
  assert.equal(anonymous.statusCode, 303);
});

test('before adoption the programme form shows the consistency findings; once adopted it does not', async (t) => {
  const { app, database } = await buildTestApp(t);
  const cid = await collectivityId(database, 'settat');
  await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const adopted = await admin.get('/admin/c/settat/programme?lang=fr');
  assert.equal(adopted.statusCode, 200);
  assert.doesNotMatch(adopted.body, /remarques/);
  await database.db.updateTable('programme').set({ status: 'consultation' }).where('collectivity_id', '=', cid).execute();
  const draft = await admin.get('/admin/c/settat/programme?lang=fr');
  assert.match(draft.body, /3 remarques/);
  assert.match(draft.body, /tant que le programme n’est pas adopté/);
  assert.match(draft.body, /href="\/admin\/c\/settat\/indicators\/\d+"/);
});
