// After a dialogue meeting: staff record attendance, minutes (text and PDF), photos, questions and
// commitments (which can become programme activities, linked both ways); people registered rate
// it for 14 days; the figures feed indicators (Settat's project 4). Every write is refused to the
// wrong role, another collectivity's staff and a form without its CSRF token, changing nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import sharp from 'sharp';
import { upsertUser } from '../../src/platform/auth/users.ts';
import { collectPersonalData, runAccountDeletionHandlers } from '../../src/platform/personal-data.ts';
import { dialogueMetrics, onTimeSeries } from '../../src/modules/dialogue/metrics.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { indicatorValues } from '../../src/modules/tracking/manifest.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff, freshDatabase } from '../helpers/app.ts';

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** A meeting as the other part's back office would create it (inserted directly here). */
async function meeting(db: Db, cid: number, opts: { startsIn?: number; hours?: number; status?: string; title?: string } = {}) {
  const starts = opts.startsIn ?? -3 * DAY;
  const row = await db
    .insertInto('meeting')
    .values({
      collectivity_id: cid,
      kind: 'local_actors',
      status: opts.status ?? 'planned',
      starts_at: iso(starts),
      ends_at: iso(starts + (opts.hours ?? 2) * 3_600_000),
      title_ar: opts.title ?? 'لقاء تواصلي مع الفاعلين المحليين',
      title_fr: 'Rencontre avec les acteurs locaux',
      created_at: iso(0),
      updated_at: iso(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function scopeOf(db: Db, cid: number) {
  const p = await db.selectFrom('programme').select('id').where('collectivity_id', '=', cid).where('is_current', '=', 1).executeTakeFirstOrThrow();
  return { collectivityId: cid, programmeId: p.id };
}
const last = (s: { value: number }[]) => s.at(-1)?.value ?? 0;

const attendance = { attendance_total: '40', attendance_women: '18', attendance_men: '22', attendance_youth: '12', attendance_associations: '9', attendance_media: '3', attendance_elected: '4', attendance_ieecag: '2', attendance_online: '10' };

/** A one-page PDF, as small as a valid one gets. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function staffClients(ctx: Awaited<ReturnType<typeof buildTestApp>>) {
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(ctx.database, 'editor@province.ma', 'editor', 'province-settat');
  return {
    editor: await new StaffClient(ctx.app).login('editor@settat.ma'),
    committee: await new StaffClient(ctx.app).login('committee@settat.ma'),
    other: await new StaffClient(ctx.app).login('editor@province.ma'),
  };
}

test('recording attendance marks the meeting held and moves the metrics; bad figures are refused and change nothing', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const scope = await scopeOf(db, settat);
  const { editor } = await staffClients(ctx);
  const id = await meeting(db, settat);
  const before = last(await dialogueMetrics.meetings_held.series(db, scope, null));
  const peopleBefore = last(await dialogueMetrics.attendance.series(db, scope, null));

  const page = await editor.get(`/admin/c/settat/meetings/${id}/record`);
  assert.equal(page.statusCode, 200);

  // women and men together over the total; a category over the total; a negative count; letters
  for (const [bad, field] of [
    [{ attendance_women: '30', attendance_men: '20' }, 'attendance_women'],
    [{ attendance_youth: '41' }, 'attendance_youth'],
    [{ attendance_online: '-1' }, 'attendance_online'],
    [{ attendance_total: 'quarante' }, 'attendance_total'],
  ] as const) {
    const res = await editor.post(`/admin/c/settat/meetings/${id}/record?lang=fr`, { ...attendance, ...bad });
    assert.equal(res.statusCode, 400, JSON.stringify(bad));
    assert.match(res.body, new RegExp(`id="f-${field}-error"`));
    assert.match(res.body, /dépasser le total|nombre entier/);
  }
  const untouched = await db.selectFrom('meeting').select(['status', 'attendance_total']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(untouched, { status: 'planned', attendance_total: null });

  const res = await editor.post(`/admin/c/settat/meetings/${id}/record`, { ...attendance, minutes_ar: 'ناقش اللقاء برمجة المشاريع.\n\nوتقرر نشر المحضر.', questions_fr: 'Quand le parc sera-t-il ouvert ?' });
  assert.equal(res.statusCode, 303);
  const row = await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'held');
  assert.equal(row.attendance_total, 40);
  assert.equal(row.attendance_online, 10);
  assert.equal(last(await dialogueMetrics.meetings_held.series(db, scope, null)), before + 1);
  assert.equal(last(await dialogueMetrics.meetings_held_by_kind.series(db, scope, 'local_actors')) >= 1, true);
  assert.equal(last(await dialogueMetrics.attendance.series(db, scope, null)), peopleBefore + 40);
  assert.ok(last(await dialogueMetrics.attendance_women_share.series(db, scope, null)) > 0);
  const log = await db.selectFrom('change_log').select(['entity_type', 'actor_role']).where('collectivity_id', '=', settat).where('entity_type', '=', 'meeting').where('entity_id', '=', id).execute();
  assert.deepEqual(log, [{ entity_type: 'meeting', actor_role: 'editor' }]);

  // the public outcome: attendance with women's share, the minutes, the questions (French falls back)
  const outcome = await new StaffClient(ctx.app).get(`/ar/c/settat/meetings/${id}`);
  assert.equal(outcome.statusCode, 200);
  assert.match(outcome.body, /شارك <bdi>|شارك 40 شخصا/);
  assert.match(outcome.body, /منهم 18 امرأة <bdi>\(45 %\)<\/bdi>/);
  assert.match(outcome.body, /ناقش اللقاء برمجة المشاريع/);
  assert.match(outcome.body, /<div class="body" lang="fr" dir="ltr"><p>Quand le parc/);
  const fr = await new StaffClient(ctx.app).get(`/fr/c/settat/meetings/${id}`);
  assert.match(fr.body, /40 personnes ont participé/);
  assert.match(fr.body, /18 femmes <bdi>\(45 %\)<\/bdi>/);

  // participation statistics: the meeting with its attendance by gender, online people in the total
  const participation = await new StaffClient(ctx.app).get('/fr/c/settat/participation');
  assert.equal(participation.statusCode, 200);
  assert.match(participation.body, /<h2>Rencontres de dialogue<\/h2>/);
  assert.match(participation.body, new RegExp(`<a href="/fr/c/settat/meetings/${id}">Rencontre avec les acteurs locaux</a></td><td>40</td><td>18 \\(45%\\)</td><td>22 \\(55%\\)</td><td>10</td>`));

  // a meeting still to come, and a cancelled one, cannot be recorded as held
  const future = await meeting(db, settat, { startsIn: 2 * DAY });
  const cancelled = await meeting(db, settat, { status: 'cancelled' });
  for (const [mid, message] of [[future, /n'a pas encore commencé/], [cancelled, /annulée ne peut pas/]] as const) {
    const r = await editor.post(`/admin/c/settat/meetings/${mid}/record?lang=fr`, attendance);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, message);
    const m = await db.selectFrom('meeting').select(['status', 'attendance_total']).where('id', '=', mid).executeTakeFirstOrThrow();
    assert.equal(m.attendance_total, null);
  }
});

test('the minutes PDF is checked by its bytes, photos lose their metadata, both served for this collectivity only', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const { editor } = await staffClients(ctx);
  const id = await meeting(db, settat);
  await editor.get(`/admin/c/settat/meetings/${id}/record`);

  // a text file named .pdf
  const fake = await editor.postMultipart(`/admin/c/settat/meetings/${id}/record/minutes-file`, {}, [{ name: 'محضر.pdf', type: 'application/pdf', content: Buffer.from('not a pdf at all'), field: 'minutes_file' }]);
  assert.equal(fake.statusCode, 400);
  assert.equal(await db.selectFrom('meeting_minutes_file').select('id').where('meeting_id', '=', id).executeTakeFirst(), undefined);

  const ok = await editor.postMultipart(`/admin/c/settat/meetings/${id}/record/minutes-file`, {}, [{ name: 'محضر اللقاء.pdf', type: 'application/pdf', content: pdf, field: 'minutes_file' }]);
  assert.equal(ok.statusCode, 303);
  const file = await ctx.app.inject({ method: 'GET', url: `/ar/c/settat/meetings/${id}/minutes.pdf` });
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.match(String(file.headers['content-disposition']), /^attachment;/);
  assert.equal(file.headers['x-content-type-options'], 'nosniff');
  assert.deepEqual(file.rawPayload, pdf);
  assert.equal((await ctx.app.inject({ method: 'GET', url: `/ar/c/province-settat/meetings/${id}/minutes.pdf` })).statusCode, 404);

  // a JPEG carrying Exif (an author, a GPS position would be the same)
  const withExif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .withExif({ IFD0: { Artist: 'Photographe de la commune', Copyright: 'Settat' } })
    .jpeg()
    .toBuffer();
  assert.ok((await sharp(withExif).metadata()).exif, 'the upload carries Exif');
  const up = await editor.postMultipart(`/admin/c/settat/meetings/${id}/record/photos`, { caption_ar: 'جانب من اللقاء' }, [{ name: 'photo.jpg', type: 'image/jpeg', content: withExif, field: 'photos' }]);
  assert.equal(up.statusCode, 303);
  const photo = await db.selectFrom('meeting_photo').select(['id', 'caption_ar']).where('meeting_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(photo.caption_ar, 'جانب من اللقاء');
  const served = await ctx.app.inject({ method: 'GET', url: `/fr/c/settat/meetings/${id}/photos/${photo.id}` });
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/jpeg');
  assert.match(String(served.headers['cache-control']), /max-age=31536000/);
  assert.equal((await sharp(served.rawPayload).metadata()).exif, undefined, 'served without Exif');
  assert.equal((await ctx.app.inject({ method: 'GET', url: `/fr/c/province-settat/meetings/${id}/photos/${photo.id}` })).statusCode, 404);
  // an image that is not what its name says
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer();
  const lying = await editor.postMultipart(`/admin/c/settat/meetings/${id}/record/photos`, {}, [{ name: 'photo.jpg', type: 'image/jpeg', content: png, field: 'photos' }]);
  assert.equal(lying.statusCode, 400);
  assert.equal((await db.selectFrom('meeting_photo').select('id').where('meeting_id', '=', id).execute()).length, 1);

  const outcome = await ctx.app.inject({ method: 'GET', url: `/ar/c/settat/meetings/${id}` });
  assert.match(outcome.body, new RegExp(`href="/ar/c/settat/meetings/${id}/minutes.pdf"`));
  assert.match(outcome.body, new RegExp(`src="/ar/c/settat/meetings/${id}/photos/${photo.id}"`));
  assert.match(outcome.body, /<figcaption>جانب من اللقاء<\/figcaption>/);

  // a photo is deleted from its meeting only
  await editor.get(`/admin/c/settat/meetings/${id}/record`);
  const other = await meeting(db, settat);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${other}/record/photos/${photo.id}/delete`, {})).statusCode, 404);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/photos/${photo.id}/delete`, {})).statusCode, 303);
  assert.equal((await ctx.app.inject({ method: 'GET', url: `/fr/c/settat/meetings/${id}/photos/${photo.id}` })).statusCode, 404);
});

test('a commitment is followed in public, marked overdue, and becomes a programme activity linked both ways', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const province = await collectivityId(ctx.database, 'province-settat');
  const { editor } = await staffClients(ctx);
  const id = await meeting(db, settat);
  await editor.get(`/admin/c/settat/meetings/${id}/record`);
  const commitment = { what_ar: 'تهيئة فضاء للقراءة بحي السلام', who_ar: 'مصلحة الشؤون الثقافية', due_on: '2020-01-31', status: 'open' };

  // commitments are made at a meeting that was held
  const early = await editor.post(`/admin/c/settat/meetings/${id}/record/commitments`, commitment);
  assert.equal(early.statusCode, 400);
  assert.equal((await db.selectFrom('meeting_commitment').select('id').where('meeting_id', '=', id).execute()).length, 0);
  await editor.post(`/admin/c/settat/meetings/${id}/record`, attendance);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/commitments`, { ...commitment, what_ar: '' })).statusCode, 400);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/commitments`, { ...commitment, due_on: '2025-02-30' })).statusCode, 400);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/commitments`, commitment)).statusCode, 303);
  const c = await db.selectFrom('meeting_commitment').selectAll().where('meeting_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(c.status, 'open');
  assert.equal(c.closed_on, null);

  const outcome = await ctx.app.inject({ method: 'GET', url: `/fr/c/settat/meetings/${id}` });
  assert.match(outcome.body, /تهيئة فضاء للقراءة/);
  assert.match(outcome.body, /<span class="status late">en retard<\/span>/);

  // another collectivity's project is refused
  const theirs = await db.selectFrom('project').select('id').where('collectivity_id', '!=', settat).executeTakeFirst();
  const ours = await db
    .selectFrom('project as p')
    .innerJoin('programme as g', 'g.id', 'p.programme_id')
    .select(['p.id', 'p.number'])
    .where('p.collectivity_id', '=', settat)
    .where('g.is_current', '=', 1)
    .where('p.number', '=', 4)
    .executeTakeFirstOrThrow();
  const activitiesBefore = Number((await db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (theirs) {
    const refused = await editor.post(`/admin/c/settat/meetings/${id}/record/commitments/${c.id}/activity`, { project_id: String(theirs.id) });
    assert.equal(refused.statusCode, 400);
  }
  assert.equal(Number((await db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), activitiesBefore);

  const made = await editor.post(`/admin/c/settat/meetings/${id}/record/commitments/${c.id}/activity`, { project_id: String(ours.id) });
  assert.equal(made.statusCode, 303);
  const linked = await db.selectFrom('meeting_commitment').select('activity_id').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.ok(linked.activity_id);
  const activity = await db.selectFrom('activity').selectAll().where('id', '=', linked.activity_id!).executeTakeFirstOrThrow();
  assert.equal(activity.collectivity_id, settat);
  assert.equal(activity.project_id, ours.id);
  assert.equal(activity.title_ar, commitment.what_ar);
  // twice is refused
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/commitments/${c.id}/activity`, { project_id: String(ours.id) })).statusCode, 400);
  // the activity's page says where it came from; the meeting's outcome links to the activity
  const activityPage = await ctx.app.inject({ method: 'GET', url: `/ar/c/settat/programme/activities/${activity.id}` });
  assert.equal(activityPage.statusCode, 200);
  assert.match(activityPage.body, new RegExp(`href="/ar/c/settat/meetings/${id}#commitment-${c.id}"`));
  const after = await ctx.app.inject({ method: 'GET', url: `/ar/c/settat/meetings/${id}` });
  assert.match(after.body, new RegExp(`href="/ar/c/settat/programme/activities/${activity.id}"`));

  // closing sets the day it closed; the metric counts it (done after its due date: late)
  assert.equal((await editor.post(`/admin/c/settat/meetings/${id}/record/commitments/${c.id}`, { ...commitment, status: 'done', follow_up_fr: 'Espace ouvert.' })).statusCode, 303);
  const closed = await db.selectFrom('meeting_commitment').select(['status', 'closed_on', 'follow_up_fr']).where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(closed.status, 'done');
  assert.match(closed.closed_on ?? '', /^\d{4}-\d{2}-\d{2}$/);
  const scope = await scopeOf(db, settat);
  assert.ok((await dialogueMetrics.commitments_on_time.series(db, scope, null)).length > 0);
  // a commitment of a meeting of this collectivity, through another collectivity's meeting id: 404
  const elsewhere = await meeting(db, province);
  assert.equal((await editor.post(`/admin/c/settat/meetings/${elsewhere}/record/commitments/${c.id}`, commitment)).statusCode, 404);
});

test('commitments kept on time: closed or due ones, done by their due date', () => {
  const rows = [
    { due_on: '2025-03-01', status: 'done', closed_on: '2025-02-20' }, // on time
    { due_on: '2025-03-01', status: 'done', closed_on: '2025-04-02' }, // late
    { due_on: '2025-05-01', status: 'open', closed_on: null }, // due, not kept
    { due_on: '2026-01-01', status: 'open', closed_on: null }, // not due yet: not counted
    { due_on: null, status: 'dropped', closed_on: '2025-06-01' }, // dropped
  ];
  assert.deepEqual(onTimeSeries(rows, '2025-12-31'), [
    { date: '2025-02-20', value: 100 },
    { date: '2025-03-01', value: 50 },
    { date: '2025-04-02', value: 50 },
    { date: '2025-05-01', value: 33.3 },
    { date: '2025-06-01', value: 25 },
  ]);
});

test('feedback: registered people only, after the end and for 14 days, once each (a second one replaces it)', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const scope = await scopeOf(db, settat);
  const user = await upsertUser(db, { email: 'citoyenne@example.ma', password: TEST_PASSWORD, displayName: 'مواطنة', verified: true });
  const citizen = await new StaffClient(ctx.app).login('citoyenne@example.ma');
  const register = (meetingId: number, status = 'confirmed') =>
    db.insertInto('meeting_registration').values({ collectivity_id: settat, meeting_id: meetingId, user_id: user.id, seats: 1, status, created_at: iso(0), updated_at: iso(0) }).execute();
  const feedbackCount = async (meetingId: number) => Number((await db.selectFrom('meeting_feedback').select((eb) => eb.fn.countAll().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).n);

  const held = await meeting(db, settat, { status: 'held' });
  const url = `/fr/c/settat/meetings/${held}/feedback`;
  // anonymous: sent to log in
  const anon = await ctx.app.inject({ method: 'GET', url });
  assert.equal(anon.statusCode, 303);
  // not registered: told so, nothing saved
  const page = await citizen.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Seules les personnes dont l'inscription/);
  assert.equal((await citizen.post(url, { rating: '4' })).statusCode, 400);
  // wait-listed is not confirmed
  await register(held, 'waitlisted');
  assert.equal((await citizen.post(url, { rating: '4' })).statusCode, 400);
  assert.equal(await feedbackCount(held), 0);
  await db.updateTable('meeting_registration').set({ status: 'confirmed' }).where('meeting_id', '=', held).execute();

  await citizen.get(url);
  for (const rating of ['0', '6', '', 'cinq']) {
    const r = await citizen.post(url, { rating });
    assert.equal(r.statusCode, 400, rating);
    assert.match(r.body, /Choisissez une note de 1 à 5|obligatoire|entier/);
  }
  // no CSRF token
  assert.equal((await citizen.post(url, { rating: '4' }, { csrf: '' })).statusCode, 403);
  assert.equal(await feedbackCount(held), 0);

  // project 4's card, its impact bound to the meetings' satisfaction (the demo binds it to the survey
  // on the council's work): cached before the opinion, it shows the new value after
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settat).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const impact = await db.selectFrom('indicator as i').innerJoin('project as p', 'p.id', 'i.project_id').select('i.id')
    .where('i.programme_id', '=', programme.id).where('p.number', '=', 4).where('i.kind', '=', 'impact').executeTakeFirstOrThrow();
  await db.updateTable('indicator_metric').set({ metric: 'dialogue.meeting_satisfaction', variant: null }).where('indicator_id', '=', impact.id).execute();
  const card = async () => (await ctx.app.inject({ method: 'GET', url: '/fr/c/settat/programme/projects/4' })).body;
  assert.doesNotMatch(await card(), /Dernière valeur : 80/);
  assert.equal((await citizen.post(url, { rating: '4', comment: 'لقاء مفيد' })).statusCode, 303);
  assert.match(await card(), /Dernière valeur : 80/);
  await citizen.get(url);
  const again = await citizen.post(url, { rating: '2' });
  assert.equal(again.statusCode, 303);
  const rows = await db.selectFrom('meeting_feedback').select(['rating', 'comment']).where('meeting_id', '=', held).execute();
  assert.deepEqual(rows, [{ rating: 2, comment: null }]);
  assert.equal(last(await dialogueMetrics.meeting_satisfaction.series(db, scope, null)) > 0, true);
  const outcome = await ctx.app.inject({ method: 'GET', url: `/fr/c/settat/meetings/${held}` });
  assert.match(outcome.body, /1 avis ; note moyenne : <bdi>2 \/ 5<\/bdi>/);

  // "download my data" holds the opinion; deleting the account removes its comment, keeps the rating
  await citizen.get(url);
  await citizen.post(url, { rating: '3', comment: 'تعليق شخصي' });
  const mine = (await collectPersonalData(db, { id: user.id, email: 'citoyenne@example.ma' }))['dialogue-feedback'] as { meetingFeedback: { comment: string }[] };
  assert.deepEqual(mine.meetingFeedback.map((f) => f.comment), ['تعليق شخصي']);
  await db.transaction().execute((trx) => runAccountDeletionHandlers(trx, { id: user.id, email: 'citoyenne@example.ma' }));
  assert.deepEqual(await db.selectFrom('meeting_feedback').select(['rating', 'comment']).where('meeting_id', '=', held).execute(), [{ rating: 3, comment: null }]);

  // before the end, after 14 days, cancelled: refused, nothing saved
  const running = await meeting(db, settat, { startsIn: -3_600_000, hours: 3 });
  const old = await meeting(db, settat, { startsIn: -20 * DAY, status: 'held' });
  const cancelled = await meeting(db, settat, { status: 'cancelled' });
  for (const [mid, message] of [[running, /pas terminée/], [old, /14 jours/], [cancelled, /annulée/]] as const) {
    await register(mid);
    const u = `/fr/c/settat/meetings/${mid}/feedback`;
    const p = await citizen.get(u);
    assert.match(p.body, message);
    const r = await citizen.post(u, { rating: '5' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, message);
    assert.equal(await feedbackCount(mid), 0);
  }
  // a meeting of another collectivity is not found under this one
  const province = await collectivityId(ctx.database, 'province-settat');
  const theirs = await meeting(db, province, { status: 'held' });
  assert.equal((await citizen.get(`/fr/c/settat/meetings/${theirs}/feedback`)).statusCode, 404);
});

test('every write of the record page is refused to the wrong role, another collectivity and without CSRF, and changes nothing', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const { editor, committee, other } = await staffClients(ctx);
  const id = await meeting(db, settat);
  await editor.post(`/admin/c/settat/meetings/${id}/record`, attendance, { csrf: '' });
  await editor.get(`/admin/c/settat/meetings/${id}/record`);
  await editor.post(`/admin/c/settat/meetings/${id}/record`, attendance);
  await editor.post(`/admin/c/settat/meetings/${id}/record/commitments`, { what_ar: 'التزام', status: 'open' });
  const c = await db.selectFrom('meeting_commitment').select('id').where('meeting_id', '=', id).executeTakeFirstOrThrow();
  await editor.postMultipart(`/admin/c/settat/meetings/${id}/record/photos`, {}, [{ name: 'a.png', type: 'image/png', content: await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer(), field: 'photos' }]);
  const photo = await db.selectFrom('meeting_photo').select('id').where('meeting_id', '=', id).executeTakeFirstOrThrow();
  const project = await db.selectFrom('project').select('id').where('collectivity_id', '=', settat).executeTakeFirstOrThrow();

  const snapshot = async () => ({
    meeting: await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    commitments: await db.selectFrom('meeting_commitment').selectAll().where('meeting_id', '=', id).execute(),
    photos: (await db.selectFrom('meeting_photo').select('id').where('meeting_id', '=', id).execute()).length,
    files: (await db.selectFrom('meeting_minutes_file').select('id').where('meeting_id', '=', id).execute()).length,
    version: (await db.selectFrom('collectivity').select('content_version').where('id', '=', settat).executeTakeFirstOrThrow()).content_version,
  });
  const before = await snapshot();
  const base = `/admin/c/settat/meetings/${id}/record`;
  const writes: [string, Record<string, string>][] = [
    [base, { ...attendance, attendance_total: '99' }],
    [`${base}/commitments`, { what_ar: 'آخر', status: 'open' }],
    [`${base}/commitments/${c.id}`, { what_ar: 'معدل', status: 'done' }],
    [`${base}/commitments/${c.id}/activity`, { project_id: String(project.id) }],
    [`${base}/photos/${photo.id}/delete`, {}],
  ];
  for (const [url, form] of writes) {
    assert.equal((await committee.post(url, form)).statusCode, 403, `committee ${url}`);
    assert.equal((await other.post(url, form)).statusCode, 403, `other collectivity ${url}`);
    assert.equal((await editor.post(url, form, { csrf: 'wrong' })).statusCode, 403, `no CSRF ${url}`);
  }
  for (const path of ['minutes-file', 'photos']) {
    const files = [{ name: 'x.pdf', type: 'application/pdf', content: pdf, field: path === 'photos' ? 'photos' : 'minutes_file' }];
    assert.equal((await committee.postMultipart(`${base}/${path}`, {}, files)).statusCode, 403);
    assert.equal((await other.postMultipart(`${base}/${path}`, {}, files)).statusCode, 403);
    assert.equal((await editor.postMultipart(`${base}/${path}`, {}, files, { csrf: 'wrong' })).statusCode, 403);
  }
  assert.equal((await committee.get(base)).statusCode, 403);
  assert.equal((await other.get(base)).statusCode, 403);
  assert.deepEqual(await snapshot(), before);
});

test("the demo: Settat's example meetings of 2024–2025, the next ones from the load day, project 4's indicators live; loading twice changes nothing", async (t) => {
  const { database } = await freshDatabase(t);
  const db = database.db;
  const today = '2031-04-20';
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ['meeting', 'meeting_commitment', 'meeting_photo', 'meeting_feedback', 'activity', 'change_log', 'indicator_metric'] as const) {
      out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };
  await loadDemoContent(db, { today });
  const first = await counts();
  await loadDemoContent(db, { today });
  assert.deepEqual(await counts(), first);

  const settat = await collectivityId(database, 'settat');
  const meetings = await db.selectFrom('meeting').selectAll().where('collectivity_id', '=', settat).orderBy('starts_at').execute();
  assert.ok(meetings.every((m) => m.is_example === 1 && /مثال توضيحي/.test(m.title_ar!) && /exemple fictif/.test(m.title_fr!)));
  const past = meetings.filter((m) => m.starts_at < '2026-01-01');
  assert.ok(past.length >= 5 && past.every((m) => m.status === 'held' && m.attendance_total! > 0 && m.attendance_women! + m.attendance_men! <= m.attendance_total!));
  assert.ok(past.every((m) => m.starts_at >= '2024-01-01'));
  // the next meetings are placed from the load day; one takes registrations on it
  const next = meetings.filter((m) => m.starts_at > `${today}T00:00:00Z`);
  assert.ok(next.length >= 1);
  const open = next.filter((m) => m.registration_enabled === 1);
  assert.equal(open.length, 1);
  assert.ok(open[0]!.capacity! > 0 && open[0]!.registration_opens_at! < `${today}T12:00:00Z` && open[0]!.registration_closes_at! > `${today}T12:00:00Z`);
  // commitments: some kept, one closed late, one overdue in progress; each closed one has its day
  const commitments = await db.selectFrom('meeting_commitment').selectAll().where('collectivity_id', '=', settat).execute();
  assert.ok(commitments.some((c) => c.status === 'done') && commitments.some((c) => c.status === 'in_progress'));
  assert.ok(commitments.every((c) => (c.status === 'done' || c.status === 'dropped') === (c.closed_on !== null)));

  // project 4's indicators follow the meetings held and the satisfaction survey on the council's work
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settat).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const values = await indicatorValues(db, settat, programme.id, 'ar');
  const project4 = await db.selectFrom('project').select('id').where('programme_id', '=', programme.id).where('number', '=', 4).executeTakeFirstOrThrow();
  const monitoring = values.find((v) => v.projectId === project4.id && v.kind === 'monitoring')!;
  const impact = values.find((v) => v.projectId === project4.id && v.kind === 'impact')!;
  assert.equal(monitoring.metric, 'dialogue.meetings_held');
  assert.equal(impact.metric, 'surveys.satisfaction:topic:council');
  assert.deepEqual(monitoring.latest, { date: past.at(-1)!.starts_at.slice(0, 10), value: past.length });
  // counted independently: the meetings held in the programme's years
  assert.equal(past.length, meetings.filter((m) => m.status === 'held').length);
});

test("the outcome, feedback and back-office pages are valid HTML (Nu HTML Checker), on the demo's meetings", async (t) => {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) {
    t.skip('Java not found: run `apt-get install -y default-jre-headless` (Debian) to validate the pages');
    return;
  }
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const held = await db.selectFrom('meeting').select('id').where('collectivity_id', '=', settat).where('status', '=', 'held').orderBy('starts_at').execute();
  const commitment = await db.selectFrom('meeting_commitment').select(['id', 'meeting_id']).where('collectivity_id', '=', settat).orderBy('id').executeTakeFirstOrThrow();
  const { editor } = await staffClients(ctx);
  const user = await upsertUser(db, { email: 'citoyen@example.ma', password: TEST_PASSWORD, displayName: 'مواطن', verified: true });
  await db.insertInto('meeting_registration').values({ collectivity_id: settat, meeting_id: held[0]!.id, user_id: user.id, seats: 1, status: 'confirmed', created_at: iso(0), updated_at: iso(0) }).execute();
  const citizen = await new StaffClient(ctx.app).login('citoyen@example.ma');
  const dir = mkdtempSync(join(tmpdir(), 'infitah-vnu-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = new Map<string, string>();
  for (const [client, url] of [
    [editor, `/ar/c/settat/meetings/${held[0]!.id}`],
    [editor, `/fr/c/settat/meetings/${held.at(-2)!.id}`],
    [editor, '/ar/c/settat/participation'],
    [citizen, `/ar/c/settat/meetings/${held[0]!.id}/feedback`],
    [editor, `/admin/c/settat/meetings/${held[0]!.id}/record`],
    [editor, `/admin/c/settat/meetings/${commitment.meeting_id}/record/commitments/${commitment.id}?lang=fr`],
  ] as const) {
    const res = await client.get(url);
    assert.equal(res.statusCode, 200, url);
    const file = join(dir, `${files.size}.html`);
    writeFileSync(file, res.body);
    files.set(file, url);
  }
  const run = spawnSync('java', ['-jar', createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar'), '--format', 'json', '--errors-only', ...files.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const messages = (JSON.parse(run.stderr) as { messages: { type: string; url: string; message: string }[] }).messages;
  assert.deepEqual(messages.filter((m) => m.type === 'error').map((m) => `${files.get(m.url.replace(/^file:/, ''))}: ${m.message}`), []);
});
