// Hostile files (issue 10, items 11 and 13). Images are re-encoded on upload: a photo's Exif GPS
// position is not republished, as evidence or as a budget photo; a file that claims to be an image
// but does not decode is refused with a localized message; PDFs are served as downloads. A
// multipart body is read only after the session, the role and the CSRF token are checked: the
// body of a refused request is left (almost) unread, which a metered body stream shows.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import sharp from 'sharp';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { HOUR, addRound, citizen } from '../helpers/budget.ts';
import type { Db } from '../../src/platform/db/database.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A 64 × 48 phone photo, stored sideways (orientation 6), with a GPS position and a camera in its Exif. */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SpyPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 0/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '7/1 37/1 4321/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** What a served image tells about itself: no Exif block, no GPS bytes, upright. */
async function assertClean(bytes: Buffer, what: string) {
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.exif, undefined, `${what}: no Exif`);
  assert.equal(bytes.includes('Exif'), false, `${what}: no Exif marker`);
  assert.equal(bytes.includes('SpyPhone'), false, `${what}: no camera name`);
  assert.equal(meta.orientation, undefined, `${what}: orientation applied, not kept`);
  assert.deepEqual([meta.width, meta.height], [48, 64], `${what}: turned upright`);
}

/** A JPEG signature (file-type says image/jpeg) followed by bytes that are no image. */
const FAKE_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(4000, 0x41)]);

async function roundInSubmission(db: Db, settatId: number) {
  const { roundId } = await addRound(db, settatId);
  // submission open now
  await db
    .updateTable('budget_round')
    .set({ information_at: new Date(Date.now() - 2 * HOUR).toISOString(), submission_at: new Date(Date.now() - HOUR).toISOString(), review_at: new Date(Date.now() + 10 * HOUR).toISOString(), voting_at: new Date(Date.now() + 20 * HOUR).toISOString(), results_at: new Date(Date.now() + 30 * HOUR).toISOString(), implementation_at: new Date(Date.now() + 40 * HOUR).toISOString() })
    .where('id', '=', roundId)
    .execute();
  return roundId;
}

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  const activity = await db.selectFrom('activity').select('id').where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  return { ...ctx, db, settatId, activityId: activity.id };
}

test('a photo with Exif GPS comes back without it, as evidence and as a budget photo; a PDF is a download', async (t) => {
  const { app, db, settatId, activityId } = await setup(t);
  const photo = await photoWithGps();
  const original = await sharp(photo).metadata();
  assert.ok(original.exif && original.orientation === 6, 'the test photo has Exif, sideways');
  assert.ok(photo.includes('SpyPhone'));

  // evidence of a progress note
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/activities/${activityId}`);
  const noted = await focal.postMultipart(`/admin/c/settat/tracking/activities/${activityId}/notes`, { noted_on: '2024-05-02', body_ar: 'صور الورش' }, [
    { name: 'ورش.jpg', type: 'image/jpeg', content: photo },
    { name: 'rapport.pdf', type: 'application/pdf', content: PDF },
  ]);
  assert.equal(noted.statusCode, 303, noted.body.slice(0, 300));
  const evidence = await db.selectFrom('evidence_file').select(['sha256', 'mime']).execute();
  const jpeg = evidence.find((e) => e.mime === 'image/jpeg')!;
  const served = await app.inject(`/c/settat/evidence/${jpeg.sha256}`);
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/jpeg');
  assert.match(String(served.headers['content-disposition']), /^inline; /);
  await assertClean(served.rawPayload, 'evidence');
  const pdf = evidence.find((e) => e.mime === 'application/pdf')!;
  const download = await app.inject(`/c/settat/evidence/${pdf.sha256}`);
  assert.match(String(download.headers['content-disposition']), /^attachment; filename="rapport.pdf"/);
  assert.ok(download.rawPayload.equals(PDF), 'a PDF is kept as it was');

  // a citizen's budget photo
  const roundId = await roundInSubmission(db, settatId);
  const url = `/ar/c/settat/budgets/${roundId}/propose`;
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(url);
  const project = { title: 'إنارة زنقة الأمل', description: 'تركيب مصابيح على طول الزنقة', neighbourhood: 'حي السلام', estimated_cost_mad: '250000', step: 'publish' };
  const published = await amina.postMultipart(url, project, [{ name: 'زنقة.jpg', type: 'image/jpeg', content: photo, field: 'images' }]);
  assert.equal(published.statusCode, 303, published.body.slice(0, 300));
  const image = await db.selectFrom('budget_project_image').select('sha256').executeTakeFirstOrThrow();
  const shown = await app.inject(`/c/settat/budget-images/${image.sha256}`);
  assert.equal(shown.statusCode, 200);
  await assertClean(shown.rawPayload, 'budget photo');
  assert.equal((await db.selectFrom('budget_project_image').select('id').execute()).length, 1);
});

test('a file that claims to be an image but does not decode is refused, in Arabic, French and English, nothing saved', async (t) => {
  const { app, db, settatId, activityId } = await setup(t);
  const count = async () => ({
    notes: (await db.selectFrom('progress_note').select('id').execute()).length,
    files: (await db.selectFrom('evidence_file').select('id').execute()).length,
    projects: (await db.selectFrom('budget_project').select('id').execute()).length,
  });
  const before = await count();
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(`/admin/c/settat/tracking/activities/${activityId}`);
  const url = `/admin/c/settat/tracking/activities/${activityId}/notes`;
  const messages = {
    ar: /تعذرت قراءة الصورة «broken.jpg»/,
    fr: /L(&#39;|')image « broken.jpg » n(&#39;|')a pas pu être lue/,
    en: /The image “broken.jpg” could not be read/,
  };
  for (const [lang, message] of Object.entries(messages)) {
    const res = await focal.postMultipart(`${url}?lang=${lang}`, { noted_on: '2024-05-02', body_ar: 'صورة' }, [{ name: 'broken.jpg', type: 'image/jpeg', content: FAKE_JPEG }]);
    assert.equal(res.statusCode, 400, lang);
    assert.match(res.body, new RegExp(`id="f-files-error">[^<]*${message.source}`), lang);
  }

  const roundId = await roundInSubmission(db, settatId);
  const propose = `/ar/c/settat/budgets/${roundId}/propose`;
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(propose);
  const project = { title: 'حديقة', description: 'تهيئة حديقة الحي', neighbourhood: 'حي السلام', estimated_cost_mad: '100000', step: 'publish' };
  const refused = await amina.postMultipart(propose, project, [{ name: 'broken.jpg', type: 'image/jpeg', content: FAKE_JPEG, field: 'images' }]);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, messages.ar);
  assert.deepEqual(await count(), { ...before, projects: before.projects + 4 }, 'nothing saved (the round came with 4 projects)');
});

// --- item 13: files read only after session → role → CSRF ---------------------------------------

/**
 * A multipart body (text fields first, as our forms send them, then one file of `size` bytes)
 * handed out 64 KB at a time, on demand: `pulled()` says how much of it the server asked for.
 */
function meteredBody(fields: Record<string, string>, file: { field: string; name: string; type: string; head: Buffer; size: number }) {
  const boundary = '----infitah-metered';
  const text = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const body = Buffer.concat([
    Buffer.from(`${text}--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.head,
    Buffer.alloc(file.size - file.head.length, 0x20),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= body.length) return void this.push(null);
      this.push(body.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${boundary}`, total: body.length, pulled: () => Math.min(offset, body.length) };
}

async function postMetered(client: StaffClient, url: string, fields: Record<string, string>, file: Parameters<typeof meteredBody>[1]) {
  const body = meteredBody(fields, file);
  const res = await client.app.inject({ method: 'POST', url, headers: { cookie: client.jar.header(), 'content-type': body.contentType }, payload: body.stream });
  return { status: res.statusCode, location: res.headers.location, pulled: body.pulled(), total: body.total };
}

test('multipart bodies are read only after session, role and CSRF: a refused request leaves its 6 MB file unread', async (t) => {
  const { app, db, settatId, activityId } = await setup(t);
  const notes = async () => (await db.selectFrom('progress_note').select('id').execute()).length;
  const before = await notes();
  const projects = async () => (await db.selectFrom('budget_project').select('id').where('author_id', 'is not', null).execute()).length;
  const MB = 1024 * 1024;
  const roundId = (await addRound(db, settatId)).roundId;
  const proposeRound = await roundInSubmission(db, settatId);
  const admin = await new StaffClient(app).login('admin@settat.ma');
  const committee = await new StaffClient(app).login('committee@settat.ma');
  const anonymous = new StaffClient(app);
  // a token of someone else's session (another CSRF secret)
  const stranger = await new StaffClient(app).login('focal@settat.ma');
  await stranger.get(`/admin/c/settat/tracking/activities/${activityId}`);
  await admin.get(`/admin/c/settat/tracking`);
  await committee.get('/admin');

  const forms: { url: string; fields: Record<string, string>; file: Parameters<typeof meteredBody>[1] }[] = [
    { url: `/admin/c/settat/tracking/activities/${activityId}/notes`, fields: { noted_on: '2024-05-02', body_ar: 'ملاحظة' }, file: { field: 'files', name: 'r.pdf', type: 'application/pdf', head: PDF, size: 6 * MB } },
    { url: `/admin/c/settat/budgets/${roundId}/census`, fields: {}, file: { field: 'file', name: 'census.csv', type: 'text/csv', head: Buffer.from('CIN;date\n'), size: 6 * MB } },
    { url: '/admin/c/settat/import/preview', fields: { title: 'خطة' }, file: { field: 'file', name: 'plan.csv', type: 'text/csv', head: Buffer.from('a;b\n'), size: 6 * MB } },
  ];
  for (const form of forms) {
    const cases = [
      { who: 'no session', client: anonymous, csrf: '', status: 303 },
      { who: 'wrong role', client: committee, csrf: committee.csrf, status: 403 },
      { who: 'no CSRF token', client: admin, csrf: '', status: 403 },
      { who: 'a foreign CSRF token', client: admin, csrf: stranger.csrf, status: 403 },
    ];
    for (const c of cases) {
      const res = await postMetered(c.client, form.url, { _csrf: c.csrf, ...form.fields }, form.file);
      assert.equal(res.status, c.status, `${form.url}, ${c.who}`);
      assert.ok(res.pulled < MB, `${form.url}, ${c.who}: ${res.pulled} of ${res.total} bytes read`);
    }
    // a token placed after the file does not count: the file is not read to find it
    const late = await postMetered(admin, form.url, form.fields, form.file);
    assert.equal(late.status, 403);
    assert.ok(late.pulled < MB, `${form.url}, token after the file: ${late.pulled} bytes read`);
  }

  // the citizen's form: no session → the login page; a foreign token → 403; both unread
  const propose = `/ar/c/settat/budgets/${proposeRound}/propose`;
  const project = { title: 'حديقة', description: 'تهيئة حديقة الحي', neighbourhood: 'حي السلام', estimated_cost_mad: '100000', step: 'publish' };
  const photo = { field: 'images', name: 'p.jpg', type: 'image/jpeg', head: await photoWithGps(), size: 6 * MB };
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get(propose);
  const nobody = await postMetered(anonymous, propose, { _csrf: '', ...project }, photo);
  assert.equal(nobody.status, 303);
  assert.match(String(nobody.location), /\/account\/login/);
  assert.ok(nobody.pulled < MB, `propose, no session: ${nobody.pulled} bytes read`);
  const forged = await postMetered(amina, propose, { _csrf: stranger.csrf, ...project }, photo);
  assert.equal(forged.status, 403);
  assert.ok(forged.pulled < MB, `propose, foreign token: ${forged.pulled} bytes read`);

  // the meter works: an accepted request reads the whole body (here, a file over the limit → its message)
  const accepted = await postMetered(admin, forms[0]!.url, { _csrf: admin.csrf, ...forms[0]!.fields }, forms[0]!.file);
  assert.equal(accepted.status, 400);
  assert.equal(accepted.pulled, accepted.total);
  assert.equal(await notes(), before);
  assert.equal(await projects(), 0);
});
