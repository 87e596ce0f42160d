// The audit log in the back office (issue 18): a collectivity's change log for its focal point and
// the network administrator, refused to other roles and other collectivities; newest first, 50 a
// page; filtered by actor, kind of record and dates; exported as CSV with spreadsheet-safe cells;
// and the network's page across collectivities.
import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from 'csv-parse/sync';
import { recordChange } from '../../src/platform/audit.ts';
import { packageVersion } from '../../src/platform/version.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const entriesOf = (html: string) => [...html.matchAll(/<tr id="entry-(\d+)"/g)].map((m) => Number(m[1]));
const nextOf = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1].replaceAll('&amp;', '&');

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const province = await collectivityId(ctx.database, 'province-settat');
  const focal = await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  const editor = await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  const otherFocal = await createStaff(ctx.database, 'focal@province.ma', 'focal_point', 'province-settat');
  await createStaff(ctx.database, 'admin@network.ma', 'network_admin', null);
  const entry = (collectivity: number, at: string, actor: number, role: string, type: string, id: number, changes: object[]) => ({
    collectivity_id: collectivity, programme_id: null, entity_type: type, entity_id: id, action: 'update', at,
    actor_user_id: actor, actor_role: role, changes: JSON.stringify(changes), public: 0, reason: null,
  });
  // 60 changes of axes by the focal point on 1 March 2025, a minute apart
  await db.insertInto('change_log').values(Array.from({ length: 60 }, (_, i) =>
    entry(settat, new Date(Date.UTC(2025, 2, 1, 9, i)).toISOString(), focal, 'focal_point', 'axis', 1000 + i, [{ field: 'position', before: i, after: i + 1 }]),
  )).execute();
  // three changes of partners by the editor on 10 April 2025, one with a formula typed as a name
  await db.insertInto('change_log').values([
    entry(settat, '2025-04-10T11:00:00.000Z', editor, 'editor', 'partner', 7, [{ field: 'name', before: { ar: 'جمعية الأمل', fr: null, en: null }, after: { ar: '=HYPERLINK("http://x")', fr: null, en: null } }]),
    entry(settat, '2025-04-10T12:00:00.000Z', editor, 'editor', 'partner', 7, [{ field: 'kind', before: 'association', after: 'cooperative' }, { field: 'email', before: null, after: '+212600000000' }]),
    entry(settat, '2025-04-10T13:00:00.000Z', editor, 'editor', 'partner', 8, []),
  ]).execute();
  // another collectivity's change, written as a command writes it
  await recordChange(db, { collectivityId: province, programmeId: null, entityType: 'project', entityId: 5, action: 'create', actor: { userId: otherFocal, role: 'focal_point' }, changes: [{ field: 'title', before: null, after: { ar: 'مشروع الإقليم' } }], public: false });
  const logged = async (collectivity: number) => Number((await db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).where('collectivity_id', '=', collectivity).executeTakeFirstOrThrow()).n);
  return { ...ctx, settatEntries: await logged(settat), editor };
}

test('the audit log is the focal point\'s and the network administrator\'s, in their collectivity only', async (t) => {
  const { app } = await setup(t);
  const anonymous = new StaffClient(app);
  const res = await anonymous.get('/admin/c/settat/audit');
  assert.equal(res.statusCode, 303);
  const editor = await new StaffClient(app).login('editor@settat.ma');
  const otherFocal = await new StaffClient(app).login('focal@province.ma');
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const admin = await new StaffClient(app).login('admin@network.ma');
  for (const url of ['/admin/c/settat/audit', '/admin/c/settat/audit.csv']) {
    assert.equal((await editor.get(url)).statusCode, 403, `editor: ${url}`);
    assert.equal((await otherFocal.get(url)).statusCode, 403, `another collectivity's focal point: ${url}`);
    assert.equal((await focal.get(url)).statusCode, 200, `focal point: ${url}`);
    assert.equal((await admin.get(url)).statusCode, 200, `network admin: ${url}`);
  }
  // linked from the collectivity's home for those who may read it, and only for them
  assert.match((await focal.get('/admin/c/settat')).body, /href="\/admin\/c\/settat\/audit"/);
  assert.doesNotMatch((await editor.get('/admin/c/settat')).body, /\/audit"/);
  // the back office's footer names the version and the database's last migration
  const home = (await focal.get('/admin/c/settat')).body;
  assert.match(home, new RegExp(`انفتاح ${packageVersion.replaceAll('.', '\\.')} · آخر ترحيل لقاعدة البيانات: \\d{8}T\\d{4}_\\w+`));
});

test('newest first, 50 a page, every entry once; filtered by actor, kind of record and dates', async (t) => {
  const { app, settatEntries, editor } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const seen: number[] = [];
  let url: string | undefined = '/admin/c/settat/audit';
  let pages = 0;
  while (url) {
    const res = await focal.get(url);
    assert.equal(res.statusCode, 200);
    const ids = entriesOf(res.body);
    assert.ok(ids.length <= 50 && ids.length > 0, `${ids.length} on a page`);
    seen.push(...ids);
    url = nextOf(res.body);
    pages++;
  }
  t.diagnostic(`${settatEntries} entries of settat in ${pages} pages`);
  assert.equal(new Set(seen).size, seen.length, 'no entry twice');
  assert.equal(seen.length, settatEntries, 'every entry of the collectivity, none of another');

  const first = (await focal.get('/admin/c/settat/audit?kind=axis')).body;
  const axes = entriesOf(first);
  assert.equal(axes.length, 50);
  // newest first: the 60th change of 1 March (09:59) leads
  assert.match(first, /<tr id="entry-\d+"><td><time datetime="2025-03-01T09:59:00.000Z">/);
  const rest = entriesOf((await focal.get(nextOf(first)!)).body);
  assert.equal(rest.length, 10);
  assert.ok(Math.min(...axes) > Math.max(...rest));

  const byEditor = (await focal.get(`/admin/c/settat/audit?actor=${editor}`)).body;
  assert.equal(entriesOf(byEditor).length, 3);
  assert.match(byEditor, /editor &lt;editor@settat\.ma>/);
  assert.match(byEditor, /<code>kind<\/code>: <del><bdi>association<\/bdi><\/del> → <ins><bdi>cooperative<\/bdi><\/ins>/);
  assert.match(byEditor, /جمعية الأمل/);
  // days are Casablanca's: 10 April holds the editor's three changes, 1 March the 60 others
  assert.equal(entriesOf((await focal.get('/admin/c/settat/audit?from=2025-04-10&to=2025-04-10')).body).length, 3);
  assert.equal(entriesOf((await focal.get('/admin/c/settat/audit?kind=axis&from=2025-03-01&to=2025-03-01')).body).length, 50);
  assert.equal(entriesOf((await focal.get('/admin/c/settat/audit?kind=axis&from=2025-03-02')).body).length, 0);
  assert.equal(entriesOf((await focal.get('/admin/c/settat/audit?kind=partner&to=2025-03-31')).body).length, 0);
  // a filter that does not parse is ignored, never a 500
  assert.equal((await focal.get('/admin/c/settat/audit?actor=x&from=2025-13-45&kind=DROP%20TABLE&before=abc')).statusCode, 200);
});

test('the CSV export: what is filtered, one line per field changed, formulas neutralised', async (t) => {
  const { app, editor } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const res = await focal.get(`/admin/c/settat/audit.csv?actor=${editor}`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="settat-audit\.csv"/);
  assert.ok(res.body.startsWith('\uFEFF'), 'a BOM, for spreadsheets to read UTF-8');
  const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
  // three entries: one field, two fields, none
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => [r.record_type, r.record_id, r.field]), [['partner', '8', ''], ['partner', '7', 'kind'], ['partner', '7', 'email'], ['partner', '7', 'name']]);
  assert.equal(rows[0].actor_email, 'editor@settat.ma');
  assert.equal(rows[0].actor_role, 'editor');
  assert.equal(rows[0].collectivity, 'settat');
  assert.equal(rows[3].before, 'جمعية الأمل');
  assert.equal(rows[3].after, `'=HYPERLINK("http://x")`, 'a formula is text');
  assert.equal(rows[2].after, `'+212600000000`);
  assert.equal(rows[1].at, '2025-04-10T12:00:00.000Z');

  // unfiltered, every entry of the collectivity and none of another
  const all = parse((await focal.get('/admin/c/settat/audit.csv')).body.slice(1), { columns: true }) as Record<string, string>[];
  assert.ok(all.length >= 64);
  assert.ok(all.every((r) => r.collectivity === 'settat'));
});

test("the network's audit log: every collectivity for the network administrator, their own for a focal point", async (t) => {
  const { app } = await setup(t);
  const admin = await new StaffClient(app).login('admin@network.ma');
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const network = await admin.get('/admin/audit?kind=project');
  assert.equal(network.statusCode, 200);
  assert.equal(entriesOf(network.body).length, 1);
  assert.match(network.body, /مشروع الإقليم/);
  assert.equal(entriesOf((await admin.get('/admin/audit?kind=partner')).body).length, 3);
  const csv = parse((await admin.get('/admin/audit.csv?kind=project')).body.slice(1), { columns: true }) as Record<string, string>[];
  assert.deepEqual(csv.map((r) => [r.collectivity, r.actor_email, r.action]), [['province-settat', 'focal@province.ma', 'create']]);
  // the collectivity's page links the network administrator to the network's
  assert.match((await admin.get('/admin/c/settat/audit')).body, /href="\/admin\/audit"/);
  assert.doesNotMatch((await focal.get('/admin/c/settat/audit')).body, /href="\/admin\/audit"/);
  // a focal point's network page holds their collectivity only
  assert.equal(entriesOf((await focal.get('/admin/audit?kind=project')).body).length, 0);
  assert.equal(entriesOf((await focal.get('/admin/audit?kind=partner')).body).length, 3);
});
