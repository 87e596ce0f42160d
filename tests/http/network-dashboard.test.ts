// The national dashboard: every figure of the API, the page and the exports equals an
// independent SQL count over the same database, unfiltered and for one region; the demo's
// example commune is left out; a write moves the figures (network version); the back-office
// twin and its delayed list are for the network administrator only.
import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/platform/db/schema.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, type TestApp, buildTestApp, collectivityId, createStaff, demoDay, secondInstance } from '../helpers/app.ts';

type Db = Kysely<Database>;
const NOW = Date.parse(`${demoDay}T12:00:00Z`);
const yearOf = (d: string, years: number) => String(Number(d.slice(0, 4)) + years);
const plusDays = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A second region's commune with a current programme: a classified axis, activities late, done and to come. */
async function addTetouan(db: Db): Promise<number> {
  const province = await db.selectFrom('collectivity').select('id').where('slug', '=', 'province-chefchaouen').executeTakeFirstOrThrow();
  const c = await db
    .insertInto('collectivity')
    .values({ slug: 'oued-laou', name_ar: 'جماعة واد لاو', name_fr: '=HYPERLINK("x") Oued Laou', name_en: null, kind: 'commune', parent_id: province.id, created_at: new Date(NOW).toISOString(), joined_on: `${yearOf(demoDay, -1)}-03-01` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const start = Number(demoDay.slice(0, 4)) - 1;
  const p = await db
    .insertInto('programme')
    .values({ collectivity_id: c.id, title_ar: 'برنامج انفتاح واد لاو', title_fr: null, title_en: null, start_year: start, end_year: start + 1, status: 'in_implementation', is_current: 1, created_at: new Date(NOW).toISOString(), adoption_session_ar: null, adoption_session_fr: null, adoption_session_en: null, adoption_date: null, adoption_reference_ar: null, adoption_reference_fr: null, adoption_reference_en: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const theme = await db.selectFrom('network_theme').select('id').where('key', '=', 'digitalisation').executeTakeFirstOrThrow();
  const axis = await db.insertInto('axis').values({ collectivity_id: c.id, programme_id: p.id, number: 1, title_ar: 'الرقمنة', title_fr: null, title_en: null, theme_id: theme.id }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('axis').values({ collectivity_id: c.id, programme_id: p.id, number: 2, title_ar: 'محور آخر', title_fr: null, title_en: null }).execute();
  const project = await db
    .insertInto('project')
    .values({ collectivity_id: c.id, programme_id: p.id, axis_id: axis.id, number: 1, title_ar: 'بوابة رقمية', title_fr: null, title_en: null, objectives_ar: null, objectives_fr: null, objectives_en: null, expected_results_ar: null, expected_results_fr: null, expected_results_en: null, partners_contribution_ar: null, partners_contribution_fr: null, partners_contribution_en: null, duration_months: 12 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = (number: number, end: string, status: string, progress: number) => ({
    collectivity_id: c.id, programme_id: p.id, project_id: project.id, number, title_ar: `نشاط ${number}`, title_fr: null, title_en: null, cost_kind: 'none', cost_amount_mad: null,
    cost_note_ar: null, cost_note_fr: null, cost_note_en: null, funding_kind: 'own', funding_partner_id: null, start_date: `${start}-01-01`, end_date: end, status, progress, carried_from_id: null,
  });
  await db.insertInto('activity').values([
    activity(1, plusDays(demoDay, -40), 'in_progress', 50),
    activity(2, plusDays(demoDay, -10), 'not_started', 0),
    activity(3, plusDays(demoDay, -5), 'done', 100),
    activity(4, plusDays(demoDay, 30), 'in_progress', 20),
    activity(5, plusDays(demoDay, -60), 'cancelled', 0),
  ]).execute();
  await db.insertInto('proposal').values({ collectivity_id: c.id, programme_id: p.id, axis_id: axis.id, channel: 'workshop', call_id: null, event_id: null, author_user_id: null, title: 'شباك رقمي', body: 'اقتراح', lang: 'ar', search_text: 'شباك رقمي', status: 'submitted', merged_into_id: null, project_id: null, activity_id: null, submitted_at: new Date(NOW - 86_400_000).toISOString() }).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', c.id).execute();
  return c.id;
}

async function setUp(t: TestContext): Promise<TestApp> {
  const ctx = await buildTestApp(t);
  t.mock.timers.enable({ apis: ['Date'], now: NOW });
  const db = ctx.database.db;
  await addTetouan(db);
  // the demo's rows are examples, left out of the national figures: half of them are taken as
  // real here, so the counts below see both kinds
  await db.updateTable('proposal').set({ is_demo: 0 }).where(sql<boolean>`id % 2 = 0`).execute();
  await db.updateTable('meeting').set({ is_example: 0 }).where(sql<boolean>`id % 2 = 0`).execute();
  await db.updateTable('survey_response').set({ is_example: 0 }).where(sql<boolean>`id % 2 = 0`).execute();
  await db.updateTable('information_request').set({ is_example: 0 }).where(sql<boolean>`id % 2 = 0`).execute();
  return ctx;
}

const n = (v: unknown) => Number(v ?? 0);

/** The members (is_demo = 0) of a region, or all: ids, by SQL of its own. */
async function memberIds(db: Db, region: string | null): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select c.id from collectivity c
      left join collectivity p on p.id = c.parent_id
      left join collectivity g on g.id = p.parent_id
     where c.is_demo = 0
       ${region === null ? sql`` : sql`and ((c.kind = 'region' and c.slug = ${region}) or (p.kind = 'region' and p.slug = ${region}) or (g.kind = 'region' and g.slug = ${region}))`}`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** The dashboard's figures counted again in plain SQL over `ids`. */
async function expected(db: Db, ids: number[], today: string) {
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => n((await q.execute(db)).rows[0]?.n);
  const list = sql.join(ids);
  const current = sql`programme_id in (select id from programme where is_current = 1 and collectivity_id in (${list}))`;
  return {
    members: ids.length,
    programmes: await count(sql`select count(*) as n from programme where status <> 'draft' and collectivity_id in (${list})`),
    current: await count(sql`select count(*) as n from programme where is_current = 1 and collectivity_id in (${list})`),
    activities: await count(sql`select count(*) as n from activity where status <> 'cancelled' and ${current}`),
    due: await count(sql`select count(*) as n from activity where status <> 'cancelled' and end_date < ${today} and ${current}`),
    dueDone: await count(sql`select count(*) as n from activity where status = 'done' and end_date < ${today} and ${current}`),
    lateDigital: await count(sql`select count(*) as n from activity a join project x on x.id = a.project_id join axis ax on ax.id = x.axis_id join network_theme th on th.id = ax.theme_id
                                  where th.key = 'digitalisation' and a.status not in ('done', 'cancelled') and a.end_date < ${today} and a.programme_id in (select id from programme where is_current = 1 and collectivity_id in (${list}))`),
    axesDigital: await count(sql`select count(*) as n from axis ax join network_theme th on th.id = ax.theme_id where th.key = 'digitalisation' and ${current}`),
    axesUnclassified: await count(sql`select count(*) as n from axis where theme_id is null and ${current}`),
    proposals: await count(sql`select count(*) as n from proposal where is_demo = 0 and collectivity_id in (${list})`),
    proposalsWorkshop: await count(sql`select count(*) as n from proposal where is_demo = 0 and channel = 'workshop' and collectivity_id in (${list})`),
    workshops: await count(sql`select count(*) as n from participation_event where collectivity_id in (${list})`),
    workshopAttendance: await count(sql`select coalesce(sum(attendance_total), 0) as n from participation_event where collectivity_id in (${list})`),
    meetings: await count(sql`select count(*) as n from meeting where is_example = 0 and attendance_total is not null and collectivity_id in (${list})`),
    meetingAttendance: await count(sql`select coalesce(sum(attendance_total), 0) as n from meeting where is_example = 0 and collectivity_id in (${list})`),
    women: (await count(sql`select coalesce(sum(attendance_women), 0) as n from participation_event where collectivity_id in (${list})`)) +
      (await count(sql`select coalesce(sum(attendance_women), 0) as n from meeting where is_example = 0 and attendance_total is not null and collectivity_id in (${list})`)),
    // ballots count once their round's results are out (no page shows them before)
    ballots: await count(sql`select count(*) as n from budget_ballot b join budget_round r on r.id = b.round_id where r.results_at <= ${new Date(Date.now()).toISOString()} and b.collectivity_id in (${list})`),
    surveyAnswers: await count(sql`select count(*) as n from survey_response where is_example = 0 and collectivity_id in (${list})`),
    requests: await count(sql`select count(*) as n from information_request where is_example = 0 and collectivity_id in (${list})`),
    requestsOnTime: await count(sql`select count(*) as n from information_request where is_example = 0 and answered_on <= due_on and collectivity_id in (${list})`),
  };
}

type Summary = {
  members: { total: number; byRegion: { key: string | null; count: number }[] };
  programmes: { total: number };
  progress: { programmes: number; activities: number; due: number; dueDone: number; onTimeShare: number | null; lateByTheme: { key: string | null; count: number }[] };
  participation: { totals: Record<string, number> };
  themes: { key: string | null; axes: number; collectivities: number }[];
};

function assertSummary(s: Summary, e: Awaited<ReturnType<typeof expected>>, label: string) {
  assert.equal(s.members.total, e.members, `${label}: members`);
  assert.equal(s.programmes.total, e.programmes, `${label}: programmes`);
  assert.equal(s.progress.programmes, e.current, `${label}: current programmes`);
  assert.equal(s.progress.activities, e.activities, `${label}: activities`);
  assert.equal(s.progress.due, e.due, `${label}: due`);
  assert.equal(s.progress.dueDone, e.dueDone, `${label}: due and done`);
  assert.equal(s.progress.onTimeShare, e.due ? Math.round((e.dueDone / e.due) * 1000) / 10 : null);
  assert.equal(s.progress.lateByTheme.find((c) => c.key === 'digitalisation')?.count ?? 0, e.lateDigital, `${label}: late, digitalisation`);
  assert.equal(s.themes.find((c) => c.key === 'digitalisation')!.axes, e.axesDigital, `${label}: axes, digitalisation`);
  assert.equal(s.themes.find((c) => c.key === null)!.axes, e.axesUnclassified, `${label}: axes not classified`);
  const p = s.participation.totals;
  for (const k of ['proposals', 'proposalsWorkshop', 'workshops', 'workshopAttendance', 'meetings', 'meetingAttendance', 'women', 'ballots', 'surveyAnswers', 'requests', 'requestsOnTime'] as const) {
    assert.equal(p[k], e[k], `${label}: ${k}`);
  }
}

test('every figure equals an independent SQL count, for the network and for one region', async (t) => {
  const ctx = await setUp(t);
  const db = ctx.database.db;
  const today = todayInCasablanca();
  const all = await memberIds(db, null);
  const demo = await collectivityId(ctx.database, 'chefchaouen');
  assert.ok(!all.includes(demo), 'the demo commune is not a member of the figures');

  const e = await expected(db, all, today);
  assert.ok(e.due > 0 && e.lateDigital > 0 && e.proposals > 0 && e.ballots > 0 && e.meetings > 0 && e.surveyAnswers > 0 && e.requests > 0, 'the data set exercises the figures');
  const examples = n((await sql<{ n: number }>`select count(*) as n from meeting where is_example = 1 and attendance_total is not null`.execute(db)).rows[0]!.n);
  assert.ok(examples > 0, 'and example rows that it leaves out');
  const s = JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary;
  assertSummary(s, e, 'network');

  const region = 'casablanca-settat';
  const r = JSON.parse((await ctx.app.inject(`/api/v1/network/summary?region=${region}`)).body) as Summary;
  assertSummary(r, await expected(db, await memberIds(db, region), today), region);
  assert.deepEqual(r.members.byRegion.map((c) => c.key), [region]);
  // the two regions together are the network
  const other = JSON.parse((await ctx.app.inject('/api/v1/network/summary?region=tanger-tetouan-al-hoceima')).body) as Summary;
  assert.equal(r.members.total + other.members.total, s.members.total);
  assert.equal(r.participation.totals.proposals + other.participation.totals.proposals, s.participation.totals.proposals);

  const th = JSON.parse((await ctx.app.inject('/api/v1/network/themes')).body) as { themes: { key: string | null; axes: number; name?: { ar?: string } }[] };
  const themeRows = await db.selectFrom('network_theme').select(['key']).execute();
  assert.equal(th.themes.length, themeRows.length + 1, 'every theme and "not classified"');
  assert.equal(th.themes.find((x) => x.key === 'digitalisation')!.axes, e.axesDigital);
  assert.ok(th.themes.find((x) => x.key === 'digitalisation')!.name?.ar);
});

test('filters by kind and period; the collectivities behind a figure', async (t) => {
  const ctx = await setUp(t);
  const db = ctx.database.db;
  const communes = JSON.parse((await ctx.app.inject('/api/v1/network/summary?kind=commune')).body) as Summary;
  const nCommunes = n((await sql<{ n: number }>`select count(*) as n from collectivity where kind = 'commune' and is_demo = 0`.execute(db)).rows[0]!.n);
  assert.equal(communes.members.total, nCommunes);
  const start = Number(demoDay.slice(0, 4)) - 1;
  const period = `${start}-${start + 1}`;
  const byPeriod = JSON.parse((await ctx.app.inject(`/api/v1/network/summary?period=${period}`)).body) as Summary & { participation: { byYear: { key: string }[] } };
  const nPeriod = n((await sql<{ n: number }>`select count(*) as n from programme p join collectivity c on c.id = p.collectivity_id where c.is_demo = 0 and p.status <> 'draft' and p.start_year = ${start} and p.end_year = ${start + 1}`.execute(db)).rows[0]!.n);
  assert.equal(byPeriod.programmes.total, nPeriod);
  assert.ok(byPeriod.participation.byYear.every((y) => y.key === String(start) || y.key === String(start + 1)));
  assert.equal((await ctx.app.inject('/api/v1/network/summary?kind=village')).statusCode, 400);

  // the list behind "axes in digitalisation": the members that classified an axis so, counted here
  const list = await ctx.app.inject('/fr/network/collectivities?theme=digitalisation');
  assert.equal(list.statusCode, 200);
  const classified = (await sql<{ slug: string }>`select distinct c.slug from axis a join network_theme t on t.id = a.theme_id join programme p on p.id = a.programme_id join collectivity c on c.id = a.collectivity_id where t.key = 'digitalisation' and c.is_demo = 0 and p.is_current = 1 and p.status <> 'draft'`.execute(db)).rows.map((r) => r.slug);
  assert.ok(classified.includes('oued-laou'));
  for (const slug of ['oued-laou', 'settat']) {
    if (classified.includes(slug)) assert.match(list.body, new RegExp(`href="/fr/c/${slug}"`));
    else assert.doesNotMatch(list.body, new RegExp(`href="/fr/c/${slug}"`));
  }
  assert.match(list.body, new RegExp(`<p>${classified.length} collectivités?</p>`));
  assert.equal((await ctx.app.inject('/fr/network/collectivities?theme=astrology')).statusCode, 404);
  assert.match((await ctx.app.inject('/fr/')).body, /href="\/fr\/network"/);
  const late = await ctx.app.inject('/ar/network/collectivities?region=casablanca-settat&late=digitalisation');
  assert.doesNotMatch(late.body, /href="\/ar\/c\/oued-laou"/);
});

test('the page and its exports show the same figures; a write moves them', async (t) => {
  const ctx = await setUp(t);
  const db = ctx.database.db;
  const s = JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary;
  const page = await ctx.app.inject('/fr/network');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`${s.members.total} collectivités membres`));
  assert.match(page.body, /<svg[^>]*role="img"/);
  assert.match(page.body, /href="\/fr\/network\/collectivities\?theme=digitalisation"/);
  assert.match(page.body, /href="\/fr\/network\.csv"/);
  const ar = await ctx.app.inject('/ar/network?region=tanger-tetouan-al-hoceima');
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  assert.match(ar.body, /<bdi dir="ltr">/);

  const csv = await ctx.app.inject('/fr/network.csv?region=tanger-tetouan-al-hoceima');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const r = JSON.parse((await ctx.app.inject('/api/v1/network/summary?region=tanger-tetouan-al-hoceima')).body) as Summary;
  const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n');
  assert.match(lines[0]!, /Section,Chiffre,Clé,Libellé,Valeur/);
  assert.ok(lines.includes(`members,total,,Membres,${r.members.total}`));
  assert.ok(lines.includes(`participation,totals.proposals,,,${r.participation.totals.proposals}`));
  assert.ok(lines.includes(`progress,due,,Activités échues,${r.progress.due}`));

  // text a spreadsheet would run as a formula is quoted (platform/spreadsheet-safe.ts)
  await db.updateTable('collectivity').set({ name_fr: '=HYPERLINK("http://x")', content_version: 1 }).where('slug', '=', 'tanger-tetouan-al-hoceima').execute();
  const unsafe = await ctx.app.inject('/fr/network.csv');
  assert.match(unsafe.body, /members,byRegion,tanger-tetouan-al-hoceima,"'=HYPERLINK\(""http:\/\/x""\)",/);

  const xlsx = await ctx.app.inject('/ar/network.xlsx');
  assert.equal(xlsx.statusCode, 200);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const total = sheet.getRow(2).values as unknown[];
  assert.deepEqual(total.slice(1, 3), ['members', 'total']);
  assert.equal(total[5], s.members.total);

  // a write in one commune (its content version moves): the cached page shows the new figure
  const settat = await collectivityId(ctx.database, 'settat');
  const before = s.participation.totals.ballots;
  const round = await db
    .selectFrom('budget_ballot as b')
    .innerJoin('budget_round as r', 'r.id', 'b.round_id')
    .select(['b.round_id'])
    .where('b.collectivity_id', '=', settat)
    .where('r.results_at', '<=', new Date(NOW).toISOString())
    .executeTakeFirstOrThrow();
  await db.insertInto('budget_ballot').values({ id: 'f'.repeat(32), collectivity_id: settat, round_id: round.round_id, channel: 'paper', cast_on: demoDay }).execute();
  const same = JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary;
  assert.equal(same.participation.totals.ballots, before, 'a row written without a version bump is not read again');
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settat).execute();
  const after = JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary;
  assert.equal(after.participation.totals.ballots, before + 1);
});

test('the back-office twin: the network admin only, with the delayed programmes in order', async (t) => {
  const ctx = await setUp(t);
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'reseau@infitah.ma', 'network_admin', null);
  const focal = await new StaffClient(ctx.app).login('focal@settat.ma');
  assert.equal((await focal.get('/admin/network')).statusCode, 403);
  const anonymous = await ctx.app.inject('/admin/network');
  assert.notEqual(anonymous.statusCode, 200);
  const admin = await new StaffClient(ctx.app).login('reseau@infitah.ma');
  assert.match((await admin.get('/admin')).body, /href="\/admin\/network"/);
  const res = await admin.get('/admin/network?lang=fr');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /elle n&#39;est pas publiée|elle n'est pas publiée/);
  // order: late activities, then the oldest delay (independent SQL over the current programmes)
  const today = todayInCasablanca();
  const rows = await sql<{ slug: string; late: number; oldest: string }>`
    select c.slug, count(*) as late, min(a.end_date) as oldest from activity a
      join programme p on p.id = a.programme_id and p.is_current = 1
      join collectivity c on c.id = a.collectivity_id and c.is_demo = 0
     where a.status not in ('done', 'cancelled') and a.end_date < ${today}
     group by c.slug order by count(*) desc, min(a.end_date) asc, c.slug`.execute(ctx.database.db);
  assert.ok(rows.rows.length >= 2);
  const section = res.body.slice(res.body.indexOf('id="delayed"'));
  const shown = [...section.matchAll(/href="\/fr\/c\/([a-z0-9-]+)\/dashboard"/g)].map((m) => m[1]);
  assert.deepEqual(shown, rows.rows.map((r) => r.slug));
  // not on the public page
  assert.doesNotMatch((await ctx.app.inject('/fr/network')).body, /id="delayed"/);
});

test('the API is in the OpenAPI document; a region and a province show their communes', async (t) => {
  const ctx = await setUp(t);
  const doc = JSON.parse((await ctx.app.inject('/api/v1/openapi.json')).body) as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/api/v1/network/summary']);
  assert.ok(doc.paths['/api/v1/network/themes']);
  const first = await ctx.app.inject('/api/v1/network/summary?region=casablanca-settat');
  const again = await ctx.app.inject({ url: '/api/v1/network/summary?region=casablanca-settat', headers: { 'if-none-match': String(first.headers.etag) } });
  assert.equal(again.statusCode, 304, 'the same network version answers 304 to its ETag');
  const region = await ctx.app.inject('/fr/c/tanger-tetouan-al-hoceima');
  assert.match(region.body, /id="network-figures"/);
  assert.match(region.body, /href="\/fr\/network\/collectivities\?region=tanger-tetouan-al-hoceima&amp;kind=commune"/);
  const province = await ctx.app.inject('/ar/c/province-settat');
  assert.match(province.body, /id="network-figures"/);
  assert.doesNotMatch((await ctx.app.inject('/fr/c/settat')).body, /id="network-figures"/);
  // a province's link keeps its filter on the dashboard, as a field of the form
  const byProvince = await ctx.app.inject('/fr/network?province=province-settat&kind=commune');
  assert.match(byProvince.body, /<option value="province-settat" selected/);
  const p = JSON.parse((await ctx.app.inject('/api/v1/network/summary?province=province-settat&kind=commune')).body) as Summary;
  assert.equal(p.members.total, n((await sql<{ n: number }>`select count(*) as n from collectivity c join collectivity p on p.id = c.parent_id where p.slug = 'province-settat' and c.kind = 'commune' and c.is_demo = 0`.execute(ctx.database.db)).rows[0]!.n));
});

test('another instance follows a write within its freshness window, and reads only what changed', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: NOW });
  const a = await buildTestApp(t);
  const b = await secondInstance(t, a);
  b.app.config.networkFreshMs = 1000; // as deployed (NETWORK_FRESH_MS's default)
  const db = a.database.db;
  const total = async (app: TestApp) => (JSON.parse((await app.app.inject('/api/v1/network/summary')).body) as Summary).participation.totals.proposals;
  const before = await total(b);
  const page = await b.app.inject('/fr/network');

  // a proposal in a member commune, written through the first instance's database
  const tetouan = await addTetouan(db);
  assert.equal(await total(a), before + 1, 'the writing side (window 0) reads it at once');
  t.mock.timers.tick(500);
  assert.equal(await total(b), before, 'within the window: the facts held');
  assert.equal((await b.app.inject('/fr/network')).body, page.body, 'and the page cached from them');
  t.mock.timers.tick(501);
  assert.equal(await total(b), before + 1, 'after it: the new figure');
  assert.notEqual((await b.app.inject('/fr/network')).body, page.body);

  // a second write: the other members' rows are kept, the changed one is read again
  const held = new Set((JSON.parse((await b.app.inject('/api/v1/network/summary')).body) as Summary).members.byRegion.map((k) => k.key));
  await db.updateTable('proposal').set({ channel: 'online' }).where('collectivity_id', '=', tetouan).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', tetouan).execute();
  t.mock.timers.tick(1001);
  const r = JSON.parse((await b.app.inject('/api/v1/network/summary')).body) as Summary;
  assert.equal(r.participation.totals.proposals, before + 1);
  assert.deepEqual(new Set(r.members.byRegion.map((k) => k.key)), held);
  assertSummary(r, await expected(db, await memberIds(db, null), todayInCasablanca()), 'after a partial refresh');
});

test("a round's ballots count from its results on; a new day counts lateness again", async (t) => {
  const ctx = await setUp(t);
  const db = ctx.database.db;
  const ballots = async () => (JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary).participation.totals.ballots;
  const before = await ballots();
  const tetouan = await collectivityId(ctx.database, 'oued-laou');
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const round = await db
    .insertInto('budget_round')
    .values({ collectivity_id: tetouan, title_ar: 'الميزانية التشاركية', title_fr: null, title_en: null, envelope_mad: 1_000_000, rule: 'knapsack', min_choices: null, max_choices: null, changeable: 0, information_at: at(-100), submission_at: at(-80), review_at: at(-60), voting_at: at(-40), results_at: at(2), implementation_at: at(100), created_at: at(-101) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('budget_ballot').values({ id: 'e'.repeat(32), collectivity_id: tetouan, round_id: round.id, channel: 'online', cast_on: demoDay }).execute();
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', tetouan).execute();
  assert.equal(await ballots(), before, 'before its results: not counted');
  t.mock.timers.tick(2 * 3_600_000 + 1000);
  assert.equal(await ballots(), before + 1, 'once they are out, with no write in between');

  t.mock.timers.tick(24 * 3_600_000);
  const s = JSON.parse((await ctx.app.inject('/api/v1/network/summary')).body) as Summary;
  assertSummary(s, await expected(db, await memberIds(db, null), todayInCasablanca()), 'a day later');
});
