// Progress notes with evidence files: a focal point records progress; wrong roles, another
// collectivity, no session, no CSRF token and bad files are refused with nothing saved; the
// files are served with safe headers; the activity page shows the notes, its history the change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, type Upload, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';

// The smallest real files of each kind (file-type reads their signatures).
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const postMultipart = (client: StaffClient, url: string, fields: Record<string, string>, files: Upload[], options: { csrf?: string } = {}) => client.postMultipart(url, fields, files, options);

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await loadBerrechid(ctx.database.db);
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'focal@berrechid.ma', 'editor', 'berrechid');
  // a role in Settat without the 'edit' ability
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  const berrechidId = await collectivityId(ctx.database, 'berrechid');
  const activity = await ctx.database.db.selectFrom('activity').selectAll().where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const foreign = await ctx.database.db.selectFrom('activity').select('id').where('collectivity_id', '=', berrechidId).executeTakeFirstOrThrow();
  const db = ctx.database.db;
  const counts = async () => ({
    notes: (await db.selectFrom('progress_note').select('id').execute()).length,
    files: (await db.selectFrom('evidence_file').select('id').execute()).length,
    activity: await db.selectFrom('activity').select(['progress', 'status']).where('id', '=', activity.id).executeTakeFirstOrThrow(),
    version: (await db.selectFrom('collectivity').select('content_version').where('id', '=', settatId).executeTakeFirstOrThrow()).content_version,
  });
  return { ...ctx, settatId, activity, foreign, counts };
}

test('a focal point adds a dated note in Arabic with a PDF and a photo, and sets progress and status', async (t) => {
  const { app, database, activity, counts } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  // the demo has example notes of its own (Settat's example progress, the example commune's)
  const before = await counts();
  const loggedNotes = async () => (await database.db.selectFrom('change_log').select('id').where('entity_type', '=', 'progress_note').execute()).length;
  const loggedBefore = await loggedNotes();
  const page = await focal.get(`/admin/c/settat/tracking/activities/${activity.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  const res = await postMultipart(
    focal,
    `/admin/c/settat/tracking/activities/${activity.id}/notes`,
    { noted_on: '2024-05-02', body_ar: 'نشرت <b>كبسولات</b> تحسيسية حول الميزانية التشاركية.', progress: '60', status: 'in_progress' },
    [
      { name: 'تقرير الإنجاز.pdf', type: 'application/pdf', content: PDF },
      { name: 'photo.PNG', type: 'image/png', content: PNG },
    ],
  );
  assert.equal(res.statusCode, 303, res.body);
  const after = await counts();
  assert.equal(after.notes, before.notes + 1);
  assert.equal(after.files, before.files + 2);
  assert.deepEqual(after.activity, { progress: 60, status: 'in_progress' });

  // the public activity page shows the note (escaped) and links its files
  const html = (await app.inject(`/ar/c/settat/programme/activities/${activity.id}`)).body;
  assert.match(html, /ملاحظات حول سير الإنجاز/);
  assert.match(html, /نشرت &lt;b>كبسولات&lt;\/b> تحسيسية/);
  assert.match(html, /نسبة الإنجاز: 60%/);
  const sha = createHash('sha256').update(PDF).digest('hex');
  assert.match(html, new RegExp(`href="/c/settat/evidence/${sha}">تقرير الإنجاز.pdf</a>`));
  // the activity's public history records the progress set by the note (the programme is adopted)
  assert.match(html, new RegExp(`<del><bdi>${before.activity.progress}%</bdi></del> ← <ins><bdi>60%</bdi></ins>`)); // the arrow points the Arabic reading direction
  // and the change log has the note itself (after the demo's example notes)
  const log = await database.db.selectFrom('change_log').select(['entity_type', 'changes', 'actor_role']).where('entity_type', '=', 'progress_note').orderBy('id', 'desc').execute();
  assert.equal(log.length, loggedBefore + 1);
  assert.match(log[0]!.changes, /تقرير الإنجاز.pdf/);
  assert.equal(log[0]!.actor_role, 'editor');

  // the file is served with its type, as a download (a PDF never opens inside the site), nosniff and a year of cache
  const file = await app.inject(`/c/settat/evidence/${sha}`);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.equal(file.headers['x-content-type-options'], 'nosniff');
  assert.match(String(file.headers['content-disposition']), /^attachment; filename="[^"]*\.pdf"; filename\*=UTF-8''%D8%AA/);
  assert.match(String(file.headers['cache-control']), /max-age=31536000, immutable/);
  assert.ok(file.rawPayload.equals(PDF));
  // the photo is re-encoded (no metadata): its address is the hash of the stored bytes
  const photo = /href="\/c\/settat\/evidence\/([0-9a-f]{64})">photo.PNG</.exec(html)?.[1];
  assert.ok(photo);
  const png = await app.inject(`/c/settat/evidence/${photo}`);
  assert.equal(png.headers['content-type'], 'image/png');
  assert.match(String(png.headers['content-disposition']), /^inline; /);
  assert.equal(createHash('sha256').update(png.rawPayload).digest('hex'), photo);
  // not under another collectivity's address, nor a made-up hash
  assert.equal((await app.inject(`/c/berrechid/evidence/${sha}`)).statusCode, 404);
  assert.equal((await app.inject(`/c/settat/evidence/${'0'.repeat(64)}`)).statusCode, 404);
  assert.equal((await app.inject(`/c/settat/evidence/..%2f..%2fetc`)).statusCode, 404);
});

test('bad input: a localized message per field, values kept, nothing saved', async (t) => {
  const { app, activity, counts } = await setup(t);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/activities/${activity.id}`);
  const before = await counts();
  const url = `/admin/c/settat/tracking/activities/${activity.id}/notes`;
  const body = 'تقدم الأشغال حسب البرمجة';
  const tomorrow = new Date(Date.parse(`${todayInCasablanca()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  const cases: { fields: Record<string, string>; files?: Upload[]; field: string; message: RegExp }[] = [
    { fields: { noted_on: '2024-05-02', body_ar: body, progress: '140' }, field: 'progress', message: /يجب أن تكون نسبة الإنجاز بين 0 و100/ },
    { fields: { noted_on: '2024-05-02', body_ar: body, progress: 'ستون' }, field: 'progress', message: /أدخل عددا صحيحا|أدخل رقما/ },
    { fields: { noted_on: tomorrow, body_ar: body }, field: 'noted_on', message: /لا يمكن أن يكون هذا التاريخ في المستقبل/ },
    { fields: { noted_on: '2024-02-30', body_ar: body }, field: 'noted_on', message: /أدخل تاريخا صحيحا/ },
    { fields: { noted_on: '2024-05-02', body_ar: '  ' }, field: 'body_ar', message: /اكتب نص الملاحظة/ },
    { fields: { noted_on: '2024-05-02', body_ar: body }, files: [{ name: 'report.pdf', type: 'application/pdf', content: Buffer.from('<html><script>alert(1)</script></html>') }], field: 'files', message: /ليس من النوع الذي يدل عليه اسمه/ },
    { fields: { noted_on: '2024-05-02', body_ar: body }, files: [{ name: 'photo.pdf', type: 'application/pdf', content: PNG }], field: 'files', message: /«photo.pdf» ليس من النوع/ },
    { fields: { noted_on: '2024-05-02', body_ar: body }, files: [{ name: 'page.html', type: 'text/html', content: Buffer.from('<p>x</p>') }], field: 'files', message: /غير مقبول: PDF \/ JPEG/ },
    { fields: { noted_on: '2024-05-02', body_ar: body }, files: [{ name: 'big.pdf', type: 'application/pdf', content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }], field: 'files', message: /يتجاوز 5 ميغابايت/ },
  ];
  for (const c of cases) {
    const res = await postMultipart(focal, url, c.fields, c.files ?? [{ name: 'ok.pdf', type: 'application/pdf', content: PDF }]);
    assert.equal(res.statusCode, 400, `${c.field}: ${res.statusCode}`);
    assert.match(res.body, new RegExp(`id="f-${c.field}-error">[^<]*${c.message.source}`), c.field);
    if (c.fields.body_ar.trim()) assert.match(res.body, new RegExp(body), 'the text is kept');
    assert.deepEqual(await counts(), before, `${c.field}: nothing saved`);
  }
  // French messages for a French-speaking focal point
  const fr = await postMultipart(focal, `${url}?lang=fr`, { noted_on: '2024-05-02', body_fr: 'Avancement', progress: '101' }, []);
  assert.equal(fr.statusCode, 400);
  assert.match(fr.body, /L&#39;avancement doit être compris entre 0 et 100|L'avancement doit être compris entre 0 et 100/);
});

test('wrong role, another collectivity, no session, no CSRF token: refused, nothing changed', async (t) => {
  const { app, activity, foreign, counts } = await setup(t);
  const before = await counts();
  const fields = { noted_on: '2024-05-02', body_ar: 'ملاحظة', progress: '50' };
  const files = [{ name: 'r.pdf', type: 'application/pdf', content: PDF }];
  const url = `/admin/c/settat/tracking/activities/${activity.id}/notes`;

  const other = await new StaffClient(app).login('focal@berrechid.ma');
  await other.get('/admin/c/berrechid/tracking');
  assert.equal((await other.get(`/admin/c/settat/tracking/activities/${activity.id}`)).statusCode, 403);
  assert.equal((await postMultipart(other, url, fields, files)).statusCode, 403);
  // its own back office, but naming Settat's activity: not found
  assert.equal((await postMultipart(other, `/admin/c/berrechid/tracking/activities/${activity.id}/notes`, fields, files)).statusCode, 404);

  const committee = await new StaffClient(app).login('committee@settat.ma');
  assert.equal((await postMultipart(committee, url, fields, files)).statusCode, 403);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/activities/${activity.id}`);
  // Berrechid's activity under Settat's address: not found
  assert.equal((await postMultipart(focal, `/admin/c/settat/tracking/activities/${foreign.id}/notes`, fields, files)).statusCode, 404);
  assert.equal((await postMultipart(focal, url, fields, files, { csrf: 'forged' })).statusCode, 403);

  const anonymous = new StaffClient(app);
  const res = await postMultipart(anonymous, url, fields, files, { csrf: '' });
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/admin\/login/);
  assert.deepEqual(await counts(), before);
});
