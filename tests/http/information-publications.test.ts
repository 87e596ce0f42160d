// Proactive publication: staff add, edit and delete entries (a link or a document); a wrong role,
// another collectivity's staff and a missing CSRF token are refused, bad links and bad input
// answered on the same form with the values kept; the public list groups the entries by category
// with what Infitah already publishes (the adopted programme, budget results) shown by itself.
import assert from 'node:assert/strict';
import test from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const base = '/admin/c/settat/information/publications';

test('staff publish a link and a document; the public list shows them with the automatic entries', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  // the demo's example publications set aside: the counts below are this test's own entries
  await ctx.database.db.deleteFrom('information_publication').where('collectivity_id', '=', settat).where('is_example', '=', 1).execute();
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  const editor = await new StaffClient(ctx.app).login('editor@settat.ma');

  const list = await editor.get(base);
  assert.equal(list.statusCode, 200);
  await editor.get(`${base}/new`);

  // a bad link, no title: 400, the same form with the values kept and a message per field
  const bad = await editor.postMultipart(base, { category: 'budget', published_on: '2025-02-01', title_en: 'Only English', url: 'javascript:alert(1)' }, []);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /http:\/\/ أو https:\/\//);
  assert.match(bad.body, /أدخل العنوان بالعربية أو بالفرنسية/);
  assert.match(bad.body, /value="Only English"/);
  // neither a link nor a document
  const neither = await editor.postMultipart(base, { category: 'budget', published_on: '2025-02-01', title_ar: 'الميزانية' }, []);
  assert.equal(neither.statusCode, 400);
  assert.match(neither.body, /أضف رابطا أو وثيقة/);
  // a file that is not what it says
  const fake = await editor.postMultipart(base, { category: 'budget', published_on: '2025-02-01', title_ar: 'الميزانية' }, [{ name: 'budget.pdf', type: 'application/pdf', content: Buffer.from('not a pdf'), field: 'file' }]);
  assert.equal(fake.statusCode, 400);
  assert.equal((await db.selectFrom('information_publication').select('id').where('collectivity_id', '=', settat).execute()).length, 0, 'nothing half-saved');

  const link = await editor.postMultipart(base, { category: 'council_decisions', published_on: '2025-03-10', title_ar: 'مقررات دورة مارس', title_fr: 'Décisions de la session de mars', url: 'https://settat.ma/decisions' }, []);
  assert.equal(link.statusCode, 303);
  const doc = await editor.postMultipart(base, { category: 'budget', published_on: '2025-01-15', title_fr: 'Budget 2025', description_fr: 'Le budget voté' }, [{ name: 'budget-2025.pdf', type: 'application/pdf', content: PDF, field: 'file' }]);
  assert.equal(doc.statusCode, 303);
  const rows = await db.selectFrom('information_publication').select(['id', 'title_ar', 'title_fr', 'original_name', 'url']).where('collectivity_id', '=', settat).orderBy('id').execute();
  assert.equal(rows.length, 2);
  const [linkRow, docRow] = rows as [(typeof rows)[0], (typeof rows)[0]];
  assert.equal(docRow.original_name, 'budget-2025.pdf');

  const ar = await ctx.app.inject({ url: '/ar/c/settat/information/published' });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /مقررات دورة مارس/);
  assert.ok(ar.body.includes('href="https://settat.ma/decisions"'));
  assert.ok(ar.body.includes(`/c/settat/information/published/${docRow.id}/file`));
  assert.match(ar.body, /<span lang="fr" dir="ltr">Budget 2025<\/span>/, 'a French-only title falls back, marked as French');
  // automatic entries: the adopted programme and the participatory budget's results
  assert.match(ar.body, /برنامج الانفتاح <bdi[^>]*>2024-2025<\/bdi>|برنامج الانفتاح 2024-2025/);
  assert.ok(ar.body.includes('href="/ar/c/settat/programme"'));
  assert.match(ar.body, /نتائج الميزانية التشاركية/);
  assert.match(ar.body, /منشور على انفتاح/);
  const fr = await ctx.app.inject({ url: '/fr/c/settat/information/published' });
  assert.match(fr.body, /Décisions de la session de mars/);
  assert.match(fr.body, /Programme d’ouverture|Programme d'ouverture|Programme d&#39;ouverture/);

  const file = await ctx.app.inject({ url: `/c/settat/information/published/${docRow.id}/file` });
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.match(String(file.headers['content-disposition']), /^attachment;/);
  assert.equal((await ctx.app.inject({ url: `/c/settat/information/published/${linkRow.id}/file` })).statusCode, 404, 'a link has no file');
  assert.equal((await ctx.app.inject({ url: `/c/province-settat/information/published/${docRow.id}/file` })).statusCode, 404, "not under another collectivity");

  // edit: the document replaced by a link drops the file
  const form = await editor.get(`${base}/${docRow.id}`);
  assert.match(form.body, /value="Budget 2025"/);
  const edited = await editor.postMultipart(`${base}/${docRow.id}`, { category: 'budget', published_on: '2025-01-15', title_ar: 'ميزانية 2025', title_fr: 'Budget 2025', url: 'http://settat.ma/budget' }, []);
  assert.equal(edited.statusCode, 303);
  const after = await db.selectFrom('information_publication').select(['title_ar', 'url', 'original_name']).where('id', '=', docRow.id).executeTakeFirstOrThrow();
  assert.deepEqual(after, { title_ar: 'ميزانية 2025', url: 'http://settat.ma/budget', original_name: null });
  // the cached public page follows the write
  assert.match((await ctx.app.inject({ url: '/ar/c/settat/information/published' })).body, /ميزانية 2025/);

  // delete
  await editor.get(base);
  const del = await editor.post(`${base}/${linkRow.id}/delete`, {});
  assert.equal(del.statusCode, 303);
  assert.ok(!(await ctx.app.inject({ url: '/ar/c/settat/information/published' })).body.includes('مقررات دورة مارس'));
  const log = await db.selectFrom('change_log').select(['action']).where('entity_type', '=', 'information_publication').where('collectivity_id', '=', settat).orderBy('id').execute();
  assert.deepEqual(log.map((l) => l.action), ['create', 'create', 'update', 'delete']);
});

test('a wrong role, another collectivity and a missing CSRF token are refused', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  // the demo's example publications set aside: the counts below are this test's own entries
  await ctx.database.db.deleteFrom('information_publication').where('collectivity_id', '=', settat).where('is_example', '=', 1).execute();
  await createStaff(ctx.database, 'moderator@settat.ma', 'moderator', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'focal_point', 'province-settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  const at = new Date().toISOString();
  const entry = await db.insertInto('information_publication').values({ collectivity_id: settat, category: 'other', published_on: '2025-01-01', url: 'https://settat.ma', title_ar: 'رابط', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const input = { category: 'other', published_on: '2025-01-01', title_ar: 'محاولة', url: 'https://example.ma' };

  const moderator = await new StaffClient(ctx.app).login('moderator@settat.ma');
  assert.equal((await moderator.get(base)).statusCode, 403);
  assert.equal((await moderator.postMultipart(base, input, [])).statusCode, 403);
  assert.equal((await moderator.post(`${base}/${entry.id}/delete`, {})).statusCode, 403);

  const other = await new StaffClient(ctx.app).login('focal@province.ma');
  assert.equal((await other.get(base)).statusCode, 403);
  assert.equal((await other.postMultipart(base, input, [])).statusCode, 403);
  assert.equal((await other.post(`${base}/${entry.id}/delete`, {})).statusCode, 403);
  // its own space does not reach Settat's entry
  await other.get('/admin/c/province-settat/information/publications');
  assert.equal((await other.post(`/admin/c/province-settat/information/publications/${entry.id}/delete`, {})).statusCode, 404);
  assert.equal((await other.get(`/admin/c/province-settat/information/publications/${entry.id}`)).statusCode, 404);

  const focal = await new StaffClient(ctx.app).login('focal@settat.ma');
  await focal.get(base);
  assert.equal((await focal.postMultipart(base, input, [], { csrf: 'forged' })).statusCode, 403);
  assert.equal((await focal.post(`${base}/${entry.id}/delete`, {}, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await db.selectFrom('information_publication').select('id').where('collectivity_id', '=', settat).execute()).length, 1, 'nothing written');
  assert.equal((await focal.postMultipart(base, input, [])).statusCode, 303, 'the focal point may');
});
