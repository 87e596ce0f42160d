// The library of practices and "reuse in my programme". The library's figures are checked
// against SQL counts over the same database; a focal point of Chefchaouen copies a Settat project
// into a draft programme (activities and indicators, not partners, notes or measurements), and
// the origin's page moves from "no collectivity" to one. Refused: the wrong role, no CSRF token,
// an adopted programme, another collectivity's draft, a project of one's own collectivity.
import assert from 'node:assert/strict';
import test from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const adopted = ['adopted', 'in_implementation', 'closed', 'archived'];

/** Projects of adopted programmes, by independent SQL. */
async function practiceIds(db: Db, where = sql`1 = 1`): Promise<number[]> {
  const r = await sql<{ id: number }>`
    select p.id from project p
    join programme g on g.id = p.programme_id
    join axis a on a.id = p.axis_id
    join collectivity c on c.id = p.collectivity_id
    left join network_theme t on t.id = a.theme_id
    where g.status in (${sql.join(adopted)}) and ${where}
    order by p.id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
const idsOnPage = (html: string) => [...html.matchAll(/<li id="practice-(\d+)"/g)].map((m) => Number(m[1]));

async function draftProgramme(db: Db, collectivity: number, years: [number, number]) {
  const row = await db
    .insertInto('programme')
    .values({ collectivity_id: collectivity, title_ar: 'برنامج عمل قيد الإعداد', start_year: years[0], end_year: years[1], status: 'draft', created_at: new Date().toISOString(), is_current: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

test('the library lists, searches and filters the practices as SQL counts them', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const all = await practiceIds(db);
  assert.ok(all.length > 0 && all.length <= 30);
  const page = await ctx.app.inject({ url: '/ar/network/practices' });
  assert.equal(page.statusCode, 200);
  assert.deepEqual(idsOnPage(page.body), all);
  assert.match(page.body, /dir="rtl"/);

  const digital = await practiceIds(db, sql`t.key = 'digitalisation'`);
  const theme = await db.selectFrom('network_theme').select('id').where('key', '=', 'digitalisation').executeTakeFirstOrThrow();
  assert.ok(digital.length > 0);
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: `/fr/network/practices?theme=${theme.id}` })).body), digital);

  const provinces = await practiceIds(db, sql`c.kind = 'province'`);
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: '/fr/network/practices?kind=province' })).body), provinces);

  const today = todayInCasablanca();
  const onTime = await practiceIds(
    db,
    sql`exists (select 1 from activity x where x.project_id = p.id and x.status <> 'cancelled')
        and not exists (select 1 from activity x where x.project_id = p.id and x.status not in ('done', 'cancelled') and x.end_date < ${today})`,
  );
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: '/fr/network/practices?outcome=on_time' })).body), onTime);
  const done = await practiceIds(
    db,
    sql`exists (select 1 from activity x where x.project_id = p.id and x.status = 'done')
        and not exists (select 1 from activity x where x.project_id = p.id and x.status not in ('done', 'cancelled'))`,
  );
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: '/fr/network/practices?outcome=done' })).body), done);

  // targets met: one project's targeted indicators measured at their targets today
  const measured = await db
    .selectFrom('indicator as i')
    .innerJoin('programme as g', 'g.id', 'i.programme_id')
    .select(['i.id', 'i.project_id', 'i.collectivity_id', 'i.target'])
    .where('i.target', 'is not', null)
    .where('g.status', 'in', adopted)
    .orderBy('i.project_id')
    .executeTakeFirstOrThrow();
  const targeted = await db.selectFrom('indicator').select(['id', 'target']).where('project_id', '=', measured.project_id).where('target', 'is not', null).execute();
  for (const i of targeted) {
    await db.insertInto('indicator_measurement').values({ collectivity_id: measured.collectivity_id, indicator_id: i.id, measured_on: today, value: i.target!, source_ar: 'سجل', source_fr: null, source_en: null, note_ar: null, note_fr: null, note_en: null }).execute();
  }
  const met = await practiceIds(
    db,
    sql`exists (select 1 from indicator i where i.project_id = p.id and i.target is not null)
        and not exists (select 1 from indicator i where i.project_id = p.id and i.target is not null
          and coalesce((select m.value from indicator_measurement m where m.indicator_id = i.id order by m.measured_on desc, m.id desc limit 1), ${-1e15}) < i.target)`,
  );
  assert.ok(met.includes(measured.project_id));
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: '/fr/network/practices?outcome=targets_met' })).body), met);

  // Arabic search, normalised: ta marbuta written as heh, no article, finds the digital services
  const searched = idsOnPage((await ctx.app.inject({ url: `/ar/network/practices?q=${encodeURIComponent('رقمنه')}` })).body);
  const byText = await practiceIds(db, sql`(p.title_ar like ${'%رقمنة%'} or p.objectives_ar like ${'%رقمنة%'} or exists (select 1 from activity x where x.project_id = p.id and x.title_ar like ${'%رقمنة%'}))`);
  assert.ok(byText.length > 0);
  assert.deepEqual(searched, byText);
  assert.deepEqual(idsOnPage((await ctx.app.inject({ url: `/ar/network/practices?q=${encodeURIComponent('كلمةلاتوجد')}` })).body), []);
});

test('a focal point reuses a Settat project in a draft; the origin counts it', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const chefchaouen = await collectivityId(ctx.database, 'chefchaouen');
  await createStaff(ctx.database, 'focal@chefchaouen.ma', 'focal_point', 'chefchaouen');
  await createStaff(ctx.database, 'committee@chefchaouen.ma', 'committee_member', 'chefchaouen');
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  const focal = await new StaffClient(ctx.app).login('focal@chefchaouen.ma');
  const committee = await new StaffClient(ctx.app).login('committee@chefchaouen.ma');
  const settatFocal = await new StaffClient(ctx.app).login('focal@settat.ma');

  const origin = await db.selectFrom('project as p').innerJoin('programme as g', 'g.id', 'p.programme_id').select(['p.id', 'p.title_ar', 'p.number']).where('p.collectivity_id', '=', settat).where('g.is_current', '=', 1).where('p.number', '=', 3).executeTakeFirstOrThrow();
  // drafts of periods to come, whatever the year the test runs in
  const Y = Number(todayInCasablanca().slice(0, 4));
  const draft = await draftProgramme(db, chefchaouen, [Y + 1, Y + 6]);
  const settatDraft = await draftProgramme(db, settat, [Y + 5, Y + 10]);
  const chefAdopted = await db.selectFrom('programme').select('id').where('collectivity_id', '=', chefchaouen).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const chefAxis = await db.selectFrom('axis').select('id').where('programme_id', '=', chefAdopted.id).executeTakeFirstOrThrow();
  const projects = async () => Number((await db.selectFrom('project').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', chefchaouen).executeTakeFirstOrThrow()).n);
  const before = await projects();

  const originPage = '/fr/c/settat/programme/projects/3';
  assert.match((await ctx.app.inject({ url: originPage })).body, /aucune collectivité ne l’a encore repris/);
  // the library, cached now, must follow the reuse
  const rowOf = (html: string) => html.slice(html.indexOf(`id="practice-${origin.id}"`)).slice(0, 3000);
  assert.match(rowOf((await ctx.app.inject({ url: '/fr/network/practices' })).body), /aucune collectivité ne l’a encore repris/);

  // the public library's link: one collectivity, so straight to its form
  const go = await focal.get(`/admin/practices/${origin.id}/reuse`);
  assert.equal(go.statusCode, 303);
  assert.equal(go.headers.location, `/admin/c/chefchaouen/practices/${origin.id}/reuse`);
  const form = await focal.get(go.headers.location as string);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`value="${draft}:new"`));
  assert.doesNotMatch(form.body, new RegExp(`value="${chefAdopted.id}:`));

  // refused: wrong role, no CSRF, an adopted programme, another collectivity's draft, one's own project
  assert.equal((await committee.get(`/admin/c/chefchaouen/practices/${origin.id}/reuse`)).statusCode, 403);
  assert.equal((await committee.post(`/admin/c/chefchaouen/practices/${origin.id}/reuse`, { target: `${draft}:new` })).statusCode, 403);
  assert.equal((await focal.post(`/admin/c/chefchaouen/practices/${origin.id}/reuse`, { target: `${draft}:new` }, { csrf: 'forged' })).statusCode, 403);
  const adoptedRefused = await focal.post(`/admin/c/chefchaouen/practices/${origin.id}/reuse`, { target: `${chefAdopted.id}:${chefAxis.id}` });
  assert.equal(adoptedRefused.statusCode, 400);
  assert.match(adoptedRefused.body, /programme en préparation|قيد الإعداد/);
  assert.equal((await focal.post(`/admin/c/chefchaouen/practices/${origin.id}/reuse`, { target: `${settatDraft}:new` })).statusCode, 400);
  assert.equal((await focal.post('/admin/c/settat/practices/' + origin.id + '/reuse', { target: `${settatDraft}:new` })).statusCode, 403);
  await settatFocal.get(`/admin/c/settat/practices/${origin.id}/reuse`);
  const own = await settatFocal.post(`/admin/c/settat/practices/${origin.id}/reuse`, { target: `${settatDraft}:new` });
  assert.equal(own.statusCode, 400);
  assert.match(own.body, /ترحيله|report/);
  assert.equal(await projects(), before);

  await focal.get(`/admin/c/chefchaouen/practices/${origin.id}/reuse`);
  const ok = await focal.post(`/admin/c/chefchaouen/practices/${origin.id}/reuse`, { target: `${draft}:new` });
  assert.equal(ok.statusCode, 303);
  assert.equal(await projects(), before + 1);
  const copy = await db.selectFrom('project').selectAll().where('collectivity_id', '=', chefchaouen).where('programme_id', '=', draft).executeTakeFirstOrThrow();
  assert.equal(copy.origin_project_id, origin.id);
  assert.equal(copy.title_ar, origin.title_ar);
  const axis = await db.selectFrom('axis').select('theme_id').where('id', '=', copy.axis_id).executeTakeFirstOrThrow();
  const originAxis = await db.selectFrom('axis as a').innerJoin('project as p', 'p.axis_id', 'a.id').select('a.theme_id').where('p.id', '=', origin.id).executeTakeFirstOrThrow();
  assert.equal(axis.theme_id, originAxis.theme_id);

  const n = async (table: 'activity' | 'indicator', project: number) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', project).executeTakeFirstOrThrow()).n);
  assert.equal(await n('activity', copy.id), await n('activity', origin.id));
  assert.equal(await n('indicator', copy.id), await n('indicator', origin.id));
  const copied = await db.selectFrom('activity').selectAll().where('project_id', '=', copy.id).execute();
  assert.ok(copied.every((a) => a.collectivity_id === chefchaouen && a.status === 'planned' && a.progress === 0 && a.funding_partner_id === null && a.start_date >= `${Y + 1}-01-01`));
  // none of the other collectivity's data
  assert.equal(Number((await db.selectFrom('project_partner').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', copy.id).executeTakeFirstOrThrow()).n), 0);
  const copiedIndicators = await db.selectFrom('indicator').select('id').where('project_id', '=', copy.id).execute();
  if (copiedIndicators.length > 0) {
    const m = await db.selectFrom('indicator_measurement').select((eb) => eb.fn.countAll().as('n')).where('indicator_id', 'in', copiedIndicators.map((i) => i.id)).executeTakeFirstOrThrow();
    assert.equal(Number(m.n), 0);
  }
  // audited in the target collectivity, with its origin
  const log = await db.selectFrom('change_log').select(['entity_type', 'changes']).where('collectivity_id', '=', chefchaouen).where('entity_id', '=', copy.id).where('entity_type', '=', 'project').execute();
  assert.ok(log.some((l) => l.changes.includes('"origin"')));

  // the origin's page and the library say so
  assert.match((await ctx.app.inject({ url: originPage })).body, /repris par <bdi[^>]*>1<\/bdi> collectivité|repris par 1 collectivité/);
  assert.match(rowOf((await ctx.app.inject({ url: '/fr/network/practices' })).body), /repris par (<bdi[^>]*>)?1(<\/bdi>)? collectivité/);
});
