// Indicators: dated targets, measurements, and values computed from live co-creation data; the
// open-data API; bad input, wrong roles, another collectivity, no session and no CSRF token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff, secondInstance } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await loadBerrechid(ctx.database.db);
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@berrechid.ma', 'editor', 'berrechid');
  await createStaff(ctx.database, 'moderator@settat.ma', 'moderator', 'settat');
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const berrechidId = await collectivityId(ctx.database, 'berrechid');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).executeTakeFirstOrThrow();
  const indicators = await db
    .selectFrom('indicator as i')
    .innerJoin('project as p', 'p.id', 'i.project_id')
    .select(['i.id', 'i.kind', 'p.number as project'])
    .where('i.collectivity_id', '=', settatId)
    .orderBy('p.number')
    .orderBy('i.position')
    .execute();
  const indicator = (project: number, kind: string) => indicators.find((i) => i.project === project && i.kind === kind)!.id;
  const foreign = (await db.selectFrom('indicator').select('id').where('collectivity_id', '=', berrechidId).executeTakeFirstOrThrow()).id;
  const counts = async () => ({
    targets: (await db.selectFrom('indicator_target').select(['indicator_id', 'target_on', 'value']).orderBy('id').execute()),
    measurements: (await db.selectFrom('indicator_measurement').select('id').execute()).length,
    bindings: (await db.selectFrom('indicator_metric').selectAll().orderBy('indicator_id').execute()),
  });
  return { ...ctx, db, settatId, programmeId: programme.id, indicator, foreign, counts };
}

const apiItem = async (app: Awaited<ReturnType<typeof setup>>['app'], id: number) => {
  const res = await app.inject('/api/v1/collectivities/settat/indicators?lang=fr');
  assert.equal(res.statusCode, 200);
  return res.json().items.find((i: { id: number }) => i.id === id);
};

test('the API returns every indicator with targets and values; the demo loads once', async (t) => {
  const { app, db, settatId, indicator, counts } = await setup(t);
  const before = await counts();
  await loadDemoContent(db);
  assert.deepEqual(await counts(), before, 'loading the demo again changes nothing');

  const res = await app.inject('/api/v1/collectivities/settat/indicators');
  assert.equal(res.statusCode, 200);
  const { items } = res.json();
  assert.equal(items.length, 9);
  // project 3's share of platforms joined: counted from the memberships (the services module)
  const digital = items.find((i: { id: number }) => i.id === indicator(3, 'monitoring'));
  assert.deepEqual(Object.keys(digital).sort(), ['baseline', 'id', 'kind', 'latest', 'metric', 'project', 'series', 'statement', 'targets', 'unit']);
  assert.equal(digital.project, 3);
  assert.equal(digital.kind, 'monitoring');
  assert.match(digital.statement.ar, /نسبة البرامج والبوابات الرسمية/);
  assert.deepEqual(digital.targets, [{ date: '2024-12-31', value: 50 }, { date: '2025-12-31', value: 100 }]);
  assert.equal(digital.metric, 'services.platforms_joined_share');
  const offered = await db.selectFrom('digital_platform').select('id').where('retired', '=', 0).execute();
  const joined = await db.selectFrom('platform_membership').select('joined_on').where('collectivity_id', '=', settatId).where('joined', '=', 1).orderBy('joined_on').execute();
  assert.deepEqual(digital.latest, { date: joined.at(-1)!.joined_on, value: Math.round((1000 * joined.length) / offered.length) / 10 });
  // an impact indicator without values: present, with empty lists and no unit
  const impact = items.find((i: { id: number }) => i.id === indicator(1, 'impact'));
  assert.deepEqual([impact.targets, impact.series, impact.latest, 'unit' in impact], [[], [], null, false]);

  // project 4's communication meetings follow the dialogue meetings held, counted here independently
  const meetings = items.find((i: { id: number }) => i.id === indicator(4, 'monitoring'));
  assert.equal(meetings.metric, 'dialogue.meetings_held');
  const held = await db.selectFrom('meeting').select('starts_at').where('collectivity_id', '=', settatId).where('status', '=', 'held').orderBy('starts_at').execute();
  assert.ok(held.length > 0);
  assert.deepEqual(meetings.latest, { date: held.at(-1)!.starts_at.slice(0, 10), value: held.length });

  const unknown = await app.inject('/api/v1/collectivities/nowhere/indicators');
  assert.equal(unknown.statusCode, 404);
  assert.match(String(unknown.headers['content-type']), /application\/problem\+json/);
  const openapi = (await app.inject('/api/v1/openapi.json')).json();
  assert.ok(openapi.paths['/api/v1/collectivities/{slug}/indicators']);
});

test('an indicator bound to the proposals metric follows the proposals; by axis and women\'s share too', async (t) => {
  const { app, db, settatId, programmeId, indicator } = await setup(t);
  const id = indicator(1, 'impact');
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const page = await focal.get(`/admin/c/settat/tracking/indicators/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<option value="cocreation.proposals">الاقتراحات والأفكار المتوصل بها<\/option>/);
  assert.match(page.body, /<option value="cocreation.proposalsByAxis:2">الاقتراحات المتوصل بها في المحور 2<\/option>/);
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${id}/metric`, { metric: 'cocreation.proposals' })).statusCode, 303);

  const proposals = async (axisNumber?: number) => {
    let q = db.selectFrom('proposal as p').innerJoin('axis as a', 'a.id', 'p.axis_id').select('p.id').where('p.collectivity_id', '=', settatId).where('p.programme_id', '=', programmeId).where('p.status', '!=', 'withdrawn');
    if (axisNumber) q = q.where('a.number', '=', axisNumber);
    return (await q.execute()).length;
  };
  const total = await proposals();
  assert.ok(total > 0);
  assert.equal((await apiItem(app, id)).latest.value, total);
  assert.equal((await apiItem(app, id)).metric, 'cocreation.proposals');

  // a workshop's proposals entered by staff: the value follows, nothing typed in
  const event = await db.selectFrom('participation_event').select('id').where('collectivity_id', '=', settatId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const axis2 = await db.selectFrom('axis').select('id').where('collectivity_id', '=', settatId).where('number', '=', 2).executeTakeFirstOrThrow();
  await focal.get(`/admin/c/settat/events/${event.id}/proposals`);
  const added = await focal.post(`/admin/c/settat/events/${event.id}/proposals`, { title_0: 'فضاء رقمي للهيئة', axis_0: String(axis2.id) });
  assert.equal(added.statusCode, 303);
  assert.equal((await apiItem(app, id)).latest.value, total + 1);
  assert.equal(await proposals(), total + 1);
  // the public pages say where the value comes from
  const fr = (await app.inject('/fr/c/settat/indicators')).body;
  assert.match(fr, /Valeur calculée automatiquement à partir des données de la plateforme : Propositions et idées reçues/);
  assert.match(fr, new RegExp(`Dernière valeur : ${total + 1} `));
  assert.match((await app.inject('/ar/c/settat/programme/projects/1')).body, /قيمة محسوبة تلقائيا من معطيات المنصة/);

  // by axis
  await focal.get(`/admin/c/settat/tracking/indicators/${id}`);
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${id}/metric`, { metric: 'cocreation.proposalsByAxis:2' })).statusCode, 303);
  assert.equal((await apiItem(app, id)).latest.value, await proposals(2));

  // women's share of attendance, over the events where both were counted
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${id}/metric`, { metric: 'cocreation.womenShare' })).statusCode, 303);
  const counted = await db
    .selectFrom('participation_event')
    .select(['attendance_total', 'attendance_women'])
    .where('collectivity_id', '=', settatId)
    .where('attendance_total', '>', 0)
    .where('attendance_women', 'is not', null)
    .execute();
  const women = counted.reduce((n, e) => n + e.attendance_women!, 0);
  const people = counted.reduce((n, e) => n + e.attendance_total!, 0);
  assert.equal((await apiItem(app, id)).latest.value, Math.round((women / people) * 1000) / 10);

  // unbinding: back to measurements (none yet)
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${id}/metric`, { metric: '' })).statusCode, 303);
  assert.deepEqual([(await apiItem(app, id)).metric, (await apiItem(app, id)).latest], [null, null]);
  // the change log has each binding
  const log = await db.selectFrom('change_log').select('changes').where('entity_type', '=', 'indicator_metric').where('entity_id', '=', id).execute();
  assert.equal(log.length, 4);
});

test('the indicators, computed once per version: a value recorded through another instance shows at once on every page of them', async (t) => {
  const first = await setup(t);
  const other = await secondInstance(t, first);
  const id = first.indicator(1, 'impact');
  const pages = ['/fr/c/settat/indicators', `/fr/c/settat/indicators/${id}`, '/fr/c/settat/programme/projects/1'];
  for (const url of pages) assert.doesNotMatch((await first.app.inject(url)).body, /Procès-verbal de la session de test/, url);
  const focal = await new StaffClient(other.app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/indicators/${id}`);
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${id}/measurements`, { measured_on: '2025-02-14', value: '7', source_fr: 'Procès-verbal de la session de test' })).statusCode, 303);
  for (const url of pages) assert.match((await first.app.inject(url)).body, /Procès-verbal de la session de test/, `${url}, on the instance that computed them before`);
});

test('targets and measurements: saved, replaced by date, listed publicly; bad input is refused with nothing saved', async (t) => {
  const { app, db, settatId, indicator, counts } = await setup(t);
  // the one indicator of the demo that follows no figure
  const id = indicator(1, 'impact');
  // a measurement typed in before its indicator followed a figure (project 3's share of platforms)
  await db.insertInto('indicator_measurement').values({ collectivity_id: settatId, indicator_id: indicator(3, 'monitoring'), measured_on: '2024-03-31', value: 33, source_ar: null, source_fr: null, source_en: null, is_demo: 1 }).execute();
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/indicators/${id}`);
  const base = `/admin/c/settat/tracking/indicators/${id}`;
  assert.equal((await focal.post(`${base}/targets`, { target_on: '2025-12-31', target_value: '3' })).statusCode, 303);
  assert.equal((await focal.post(`${base}/targets`, { target_on: '2025-12-31', target_value: '4' })).statusCode, 303);
  assert.equal((await focal.post(`${base}/measurements`, { measured_on: '2024-11-15', value: '1', source_ar: 'محضر دورة أكتوبر' })).statusCode, 303);
  assert.equal((await focal.post(`${base}/measurements`, { measured_on: '2025-03-10', value: '2,5' })).statusCode, 303);
  const item = await apiItem(app, id);
  assert.deepEqual(item.targets, [{ date: '2025-12-31', value: 4 }]);
  assert.deepEqual(item.series, [{ date: '2024-11-15', value: 1, source: 'محضر دورة أكتوبر' }, { date: '2025-03-10', value: 2.5 }]);
  const html = (await app.inject('/ar/c/settat/indicators')).body;
  assert.match(html, /<svg [^>]*role="img" aria-label="تطور المؤشر عبر الزمن"/);
  assert.match(html, /محضر دورة أكتوبر/);
  assert.doesNotMatch(html, / style="/, 'no inline styles (CSP)');

  const before = await counts();
  const tomorrow = new Date(Date.parse(`${todayInCasablanca()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const bad: [string, Record<string, string>, string, RegExp][] = [
    ['measurements', { measured_on: tomorrow, value: '3' }, 'measured_on', /لا يمكن أن يكون هذا التاريخ في المستقبل/],
    ['measurements', { measured_on: '2025-01-10', value: 'ثلاثة' }, 'value', /أدخل رقما/],
    ['measurements', { measured_on: '2025-01-10', value: '3e400' }, 'value', /أدخل رقما/],
    ['measurements', { measured_on: '', value: '3' }, 'measured_on', /هذا الحقل إلزامي/],
    ['targets', { target_on: '2025-13-01', target_value: '3' }, 'target_on', /أدخل تاريخا صحيحا/],
    ['targets', { target_on: '2025-12-31', target_value: 'كثير' }, 'target_value', /أدخل رقما/],
  ];
  for (const [form, values, field, message] of bad) {
    const res = await focal.post(`${base}/${form}`, values);
    assert.equal(res.statusCode, 400, `${form}.${field}`);
    assert.match(res.body, new RegExp(`id="f-${field}-error">${message.source}`), `${form}.${field}`);
    if (values.value) assert.match(res.body, new RegExp(`name="value"[^>]*value="${values.value}"`), 'the value is kept');
  }
  // a bound indicator takes no typed-in measurement
  const bound = indicator(4, 'monitoring');
  await focal.get(`/admin/c/settat/tracking/indicators/${bound}`);
  const refused = await focal.post(`/admin/c/settat/tracking/indicators/${bound}/measurements`, { measured_on: '2025-01-10', value: '3' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /هذا المؤشر محسوب تلقائيا من المعطيات الحية/);
  // an unknown metric
  const metric = await focal.post(`${base}/metric`, { metric: 'cocreation.nothing' });
  assert.equal(metric.statusCode, 400);
  assert.match(metric.body, /id="f-metric-error">اختر إحدى القيم المقترحة/);
  assert.deepEqual(await counts(), before);

  // deleting: a measurement of another indicator is not found; the indicator's own goes
  const [first] = await focal.get(`/admin/c/settat/tracking/indicators/${indicator(3, 'monitoring')}`).then((r) => [...r.body.matchAll(/measurements\/(\d+)\/delete/g)].map((m) => m[1]));
  assert.equal((await focal.post(`${base}/measurements/${first}/delete`, {})).statusCode, 404);
  assert.equal((await counts()).measurements, before.measurements);
  const own = [...(await focal.get(base)).body.matchAll(/measurements\/(\d+)\/delete/g)].map((m) => m[1]);
  assert.equal(own.length, 2);
  assert.equal((await focal.post(`${base}/measurements/${own[0]}/delete`, {})).statusCode, 303);
  assert.equal((await counts()).measurements, before.measurements - 1);
  assert.equal((await apiItem(app, id)).series.length, 1);
});

test('wrong role, another collectivity, no session, no CSRF token: refused, nothing changed', async (t) => {
  const { app, indicator, foreign, counts } = await setup(t);
  const id = indicator(2, 'monitoring');
  const base = `/admin/c/settat/tracking/indicators/${id}`;
  const before = await counts();
  const measurement = { measured_on: '2025-01-10', value: '3' };
  const target = { target_on: '2025-12-31', target_value: '9' };

  const other = await new StaffClient(app).login('focal@berrechid.ma');
  await other.get('/admin/c/berrechid/tracking');
  assert.equal((await other.get(base)).statusCode, 403);
  for (const [path, form] of [['measurements', measurement], ['targets', target], ['metric', { metric: 'cocreation.proposals' }]] as const) {
    assert.equal((await other.post(`${base}/${path}`, form)).statusCode, 403, path);
    // Settat's indicator under Berrechid's address: not found
    assert.equal((await other.post(`/admin/c/berrechid/tracking/indicators/${id}/${path}`, form)).statusCode, 404, path);
  }
  const moderator = await new StaffClient(app).login('moderator@settat.ma');
  assert.equal((await moderator.post(`${base}/measurements`, measurement)).statusCode, 403);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(base);
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${foreign}/measurements`, measurement)).statusCode, 404);
  assert.equal((await focal.post(`/admin/c/settat/tracking/indicators/${foreign}/targets`, target)).statusCode, 404);
  assert.equal((await focal.post(`${base}/measurements`, measurement, { csrf: 'forged' })).statusCode, 403);

  const anonymous = new StaffClient(app);
  const res = await anonymous.post(`${base}/targets`, target, { csrf: '' });
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/admin\/login/);
  assert.deepEqual(await counts(), before);
});
