// Participatory budget, from a citizen's project to the action plan: submission with photos and
// similar projects, the technical review (merge, mail to the author), districts with their own
// envelopes, registration in person, results by gender and age band and as CSV, winners becoming
// activities of the programme, and the roles and tenant checks of each new form.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../src/platform/db/database.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import { loadBerrechid } from '../helpers/berrechid.ts';
import { HOUR, citizen, iso, setup, uploadCensus, verify, vote } from '../helpers/budget.ts';
import { casablancaToIso, todayInCasablanca } from '../../src/platform/i18n/format.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A round of Settat whose phase now is `phase` (each phase lasts 10 hours around now). */
async function roundIn(db: Db, settatId: number, phase: 'information' | 'submission' | 'review' | 'voting' | 'results', envelope = 1_000_000) {
  const order = ['information', 'submission', 'review', 'voting', 'results', 'implementation'];
  const k = order.indexOf(phase);
  const at = (i: number) => iso((i - k) * 10 * HOUR - HOUR);
  const row = await db
    .insertInto('budget_round')
    .values({
      collectivity_id: settatId, title_ar: 'الميزانية التشاركية 2026', title_fr: 'Budget participatif 2026', title_en: null, envelope_mad: envelope, rule: 'knapsack',
      min_choices: null, max_choices: null, changeable: 0,
      information_at: at(0), submission_at: at(1), review_at: at(2), voting_at: at(3), results_at: at(4), implementation_at: at(5), created_at: iso(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function base(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  await db.deleteFrom('budget_round').execute();
  const settatId = await collectivityId(ctx.database, 'settat');
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(ctx.app).login('admin@settat.ma');
  return { ...ctx, db, settatId, admin };
}

const projectCount = async (db: Db, roundId: number) =>
  Number((await db.selectFrom('budget_project').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow()).n);

test('a citizen proposes a project with a photo during submission; similar projects are shown first', async (t) => {
  const { app, db, settatId } = await base(t);
  const roundId = await roundIn(db, settatId, 'submission');
  const url = `/ar/c/settat/budgets/${roundId}/propose`;
  const amina = await citizen(app, db, 'amina@example.ma');

  // the round page invites to propose
  const page = await app.inject(`/ar/c/settat/budgets/${roundId}`);
  assert.match(page.body, new RegExp(`href="${url}"`));

  const first = { title: 'إنارة زنقة الأمل', description: 'تركيب مصابيح على طول الزنقة لأمن الساكنة ليلاً', neighbourhood: 'حي السلام', estimated_cost_mad: '250000' };
  await amina.get(url);
  assert.equal((await amina.post(url, { ...first, step: 'check' })).statusCode, 200);
  const published = await amina.postMultipart(url, { ...first, step: 'publish' }, [{ name: 'زنقة.png', type: 'image/png', content: PNG, field: 'images' }]);
  assert.equal(published.statusCode, 303, published.body.slice(0, 300));
  const row = await db.selectFrom('budget_project').selectAll().where('round_id', '=', roundId).executeTakeFirstOrThrow();
  assert.equal(row.status, 'submitted');
  assert.notEqual(row.author_id, null);
  assert.match(row.search_text, /انار/);

  // the photo is served by the hash of its stored (re-encoded) bytes, with its type, and shown on the round page
  const stored = await db.selectFrom('budget_project_image').select(['sha256', 'content']).executeTakeFirstOrThrow();
  const sha = stored.sha256;
  assert.equal(sha, createHash('sha256').update(Buffer.from(stored.content)).digest('hex'));
  const image = await app.inject(`/c/settat/budget-images/${sha}`);
  assert.equal(image.statusCode, 200);
  assert.equal(image.headers['content-type'], 'image/png');
  assert.equal(image.headers['x-content-type-options'], 'nosniff');
  assert.match((await app.inject(`/ar/c/settat/budgets/${roundId}`)).body, new RegExp(`src="/c/settat/budget-images/${sha}"`));
  assert.equal((await app.inject(`/c/province-settat/budget-images/${sha}`)).statusCode, 404, 'not through another collectivity');

  // another citizen writing it differently (hamza, ta marbuta, no article) is shown the first one
  const omar = await citizen(app, db, 'omar@example.ma');
  await omar.get(url);
  const check = await omar.post(url, { title: 'انارة الزنقة الامل', description: 'مصابيح', neighbourhood: 'حي السلام', estimated_cost_mad: '200000', step: 'check' });
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /مشاريع مماثلة سبق اقتراحها/);
  assert.match(check.body, /إنارة زنقة الأمل/);
  assert.match(check.body, /enctype="multipart\/form-data"/, 'the publish step takes photos');
  assert.equal(await projectCount(db, roundId), 1, 'checking saves nothing');

  // a file that is not an image, or a second step without text: refused, nothing saved
  const fake = await omar.postMultipart(url, { title: 'ملعب', description: 'ملعب القرب', neighbourhood: 'البطوار', estimated_cost_mad: '100000', step: 'publish' }, [{ name: 'photo.png', type: 'image/png', content: Buffer.from('<svg onload=alert(1)>'), field: 'images' }]);
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /ليس من النوع الذي يدل عليه اسمه/);
  assert.match(fake.body, /value="ملعب"/, 'the text is kept');
  const empty = await omar.post(url, { title: '', description: '', neighbourhood: '', estimated_cost_mad: '-5', step: 'publish' });
  assert.equal(empty.statusCode, 400);
  assert.equal(await projectCount(db, roundId), 1);

  // at most 3 an hour per account
  for (let i = 0; i < 3; i++) {
    assert.equal((await omar.post(url, { title: `مشروع ${i}`, description: 'وصف', neighbourhood: 'حي الخير', estimated_cost_mad: '1000', step: 'publish' })).statusCode, 303);
  }
  const fourth = await omar.post(url, { title: 'مشروع رابع', description: 'وصف', neighbourhood: 'حي الخير', estimated_cost_mad: '1000', step: 'publish' });
  assert.equal(fourth.statusCode, 429);
  assert.equal(await projectCount(db, roundId), 4);

  // not signed in: sent to sign in; unverified account: not accepted
  const anonymous = await app.inject(url);
  assert.equal(anonymous.statusCode, 303);
  const unverified = await citizen(app, db, 'new@example.ma', false);
  const res = await unverified.get(url);
  assert.notEqual(res.statusCode, 200);
});

test('outside the submission phase a project is refused with a clear message and nothing is saved', async (t) => {
  const { app, db, settatId } = await base(t);
  const roundId = await roundIn(db, settatId, 'review');
  const url = `/fr/c/settat/budgets/${roundId}/propose`;
  const amina = await citizen(app, db, 'amina@example.ma');
  const page = await amina.get(url);
  assert.match(page.body, /Le dépôt des projets n'est pas ouvert/);
  const res = await amina.post(url, { title: 'Piste cyclable', description: 'Le long du boulevard', neighbourhood: 'Centre', estimated_cost_mad: '900000', step: 'publish' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /n&#39;est pas ouvert|n'est pas ouvert/);
  assert.equal(await projectCount(db, roundId), 0);
});

test('the review merges a duplicate into another and mails the author; merging into itself is refused', async (t) => {
  const { app, db, settatId, admin } = await base(t);
  const roundId = await roundIn(db, settatId, 'submission');
  const url = `/ar/c/settat/budgets/${roundId}/propose`;
  const amina = await citizen(app, db, 'amina@example.ma');
  await db.updateTable('app_user').set({ locale: 'fr' }).where('email', '=', 'amina@example.ma').execute();
  await amina.get(url);
  await amina.post(url, { title: 'Jardin du quartier', description: 'Un petit jardin', neighbourhood: 'Hay Salam', estimated_cost_mad: '300000', step: 'publish' });
  await amina.post(url, { title: 'Jardin public Hay Salam', description: 'Un jardin', neighbourhood: 'Hay Salam', estimated_cost_mad: '350000', step: 'publish' });
  const [a, b] = await db.selectFrom('budget_project').select('id').where('round_id', '=', roundId).orderBy('id').execute();

  const reviewUrl = (id: number) => `/admin/c/settat/budgets/${roundId}/projects/${id}/review`;
  await admin.get(`/admin/c/settat/budgets/${roundId}`);
  const self = await admin.post(reviewUrl(b!.id), { status: 'merged', review_reason: 'doublon', merged_into_id: String(b!.id) });
  assert.equal(self.statusCode, 400);
  const noReason = await admin.post(reviewUrl(b!.id), { status: 'merged', review_reason: '', merged_into_id: String(a!.id) });
  assert.equal(noReason.statusCode, 400);
  assert.equal((await db.selectFrom('budget_project').select('status').where('id', '=', b!.id).executeTakeFirstOrThrow()).status, 'submitted');

  const merged = await admin.post(reviewUrl(b!.id), { status: 'merged', review_reason: 'Même jardin que le projet voisin', merged_into_id: String(a!.id) });
  assert.equal(merged.statusCode, 303);
  const row = await db.selectFrom('budget_project').select(['status', 'merged_into_id']).where('id', '=', b!.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'merged', merged_into_id: a!.id });
  const mail = await db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body']).where('to_address', '=', 'amina@example.ma').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.match(mail.subject, /Étude technique de votre projet : Jardin public Hay Salam/);
  assert.match(mail.text_body, /Fusionné avec un projet semblable/);
  assert.match(mail.text_body, new RegExp(`/fr/c/settat/budgets/${roundId}#project-${a!.id}`));
  // the public page says what it joined
  const page = await app.inject(`/fr/c/settat/budgets/${roundId}`);
  assert.match(page.body, /Fusionné avec : Jardin du quartier/);
});

test('districts: each has its envelope; a ballot stays within its district; the tally is per district', async (t) => {
  const { app, db, settatId, admin } = await base(t);
  // districts come before projects: a project without one would reach no ballot
  const early = await roundIn(db, settatId, 'information');
  await admin.get(`/admin/c/settat/budgets/${early}`);
  assert.equal((await admin.post(`/admin/c/settat/budgets/${early}/projects`, { title: 'ملعب', description: 'ملعب القرب', neighbourhood: 'حي', estimated_cost_mad: '100000' })).statusCode, 303);
  const late = await admin.post(`/admin/c/settat/budgets/${early}/districts`, { name: 'مقاطعة', envelope_mad: '1000' });
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /توجد مشاريع مسجلة قبل تحديد المقاطعات/);

  const roundId = await roundIn(db, settatId, 'information', 1_000_000);
  const page = `/admin/c/settat/budgets/${roundId}`;
  await admin.get(page);
  assert.equal((await admin.post(`${page}/districts`, { name: 'مقاطعة سطات الشمالية', envelope_mad: '600000' })).statusCode, 303);
  const over = await admin.post(`${page}/districts`, { name: 'مقاطعة سطات الجنوبية', envelope_mad: '500000' });
  assert.equal(over.statusCode, 400, 'the districts may not add up to more than the round');
  assert.match(over.body, /يتجاوز غلاف الدورة/);
  assert.equal((await admin.post(`${page}/districts`, { name: 'مقاطعة سطات الجنوبية', envelope_mad: '400000' })).statusCode, 303);
  const [north, south] = await db.selectFrom('budget_district').select('id').where('round_id', '=', roundId).orderBy('id').execute();

  // a project must name its district
  const noDistrict = await admin.post(`${page}/projects`, { title: 'ملعب', description: 'ملعب القرب', neighbourhood: 'حي', estimated_cost_mad: '100000' });
  assert.equal(noDistrict.statusCode, 400);
  const add = async (title: string, cost: number, district: number) => {
    assert.equal((await admin.post(`${page}/projects`, { title, description: `وصف ${title}`, neighbourhood: 'حي', estimated_cost_mad: String(cost), district_id: String(district) })).statusCode, 303);
    return (await db.selectFrom('budget_project').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  };
  const n1 = await add('حديقة الشمال', 400_000, north!.id);
  const n2 = await add('إنارة الشمال', 300_000, north!.id);
  const s1 = await add('مكتبة الجنوب', 350_000, south!.id);
  for (const id of [n1, n2, s1]) await db.updateTable('budget_project').set({ status: 'feasible' }).where('id', '=', id).execute();
  // the vote opens
  const hour = (h: number) => iso(h * HOUR);
  await db.updateTable('budget_round').set({ information_at: hour(-40), submission_at: hour(-30), review_at: hour(-20), voting_at: hour(-1), results_at: hour(10), implementation_at: hour(20) }).where('id', '=', roundId).execute();
  assert.equal((await uploadCensus(admin, roundId)).statusCode, 303);

  const voter = await citizen(app, db, 'voter@example.ma');
  assert.equal((await verify(voter, roundId, 'BK123456', '1980-05-17')).statusCode, 303);
  const ballotPage = await voter.get(`/ar/c/settat/budgets/${roundId}/ballot`);
  assert.match(ballotPage.body, /اختر مقاطعتك/);
  const northPage = await voter.get(`/ar/c/settat/budgets/${roundId}/ballot?district=${north!.id}`);
  assert.match(northPage.body, /حديقة الشمال/);
  assert.doesNotMatch(northPage.body, /مكتبة الجنوب/, 'only the district’s projects');
  const cast = (projects: number[], district: number) => voter.post(`/ar/c/settat/budgets/${roundId}/ballot`, { projects: projects.map(String), district_id: String(district), action: 'cast' });
  assert.equal((await cast([n1, n2], north!.id)).statusCode, 400, '700,000 is over the north’s 600,000');
  assert.equal((await cast([n1, s1], north!.id)).statusCode, 400, 'a project of another district');
  assert.equal(Number((await db.selectFrom('budget_ballot').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow()).n), 0);
  assert.equal((await cast([n1], north!.id)).statusCode, 303);

  const other = await citizen(app, db, 'other@example.ma');
  await verify(other, roundId, 'W998877', '1975-01-30');
  await other.get(`/ar/c/settat/budgets/${roundId}/ballot?district=${south!.id}`);
  assert.equal((await other.post(`/ar/c/settat/budgets/${roundId}/ballot`, { projects: [String(s1)], district_id: String(south!.id), action: 'cast' })).statusCode, 303);

  await db.updateTable('budget_round').set({ results_at: hour(-0.5) }).where('id', '=', roundId).execute();
  const results = JSON.parse((await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results`)).body);
  assert.deepEqual(results.districts.map((d: { envelopeMad: number; allocatedMad: number }) => [d.envelopeMad, d.allocatedMad]), [[600_000, 400_000], [400_000, 350_000]]);
  const winners = results.projects.filter((p: { winner: boolean }) => p.winner).map((p: { id: number; districtId: number; rank: number }) => [p.id, p.districtId, p.rank]);
  assert.deepEqual(winners, [[n1, north!.id, 1], [s1, south!.id, 1]]);
  assert.equal(results.allocatedMad, 750_000);
});

test('staff register a resident in person; they vote on paper; results count by gender and age band, page, JSON and CSV agree', async (t) => {
  const { app, db, admin, roundId, p } = await setup(t);
  const page = `/admin/c/settat/budgets/${roundId}`;
  // the census file may give gender in a third column
  assert.equal((await uploadCensus(admin, roundId, [['CIN', 'naissance', 'sexe'], ['BK123456', '1980-05-17', 'F'], ['AB654321', '02/11/1992', 'ذكر'], ['W998877', '1975-01-30', '']])).statusCode, 303);
  const census = await db.selectFrom('budget_census').select(['gender', 'age_band', 'source']).where('round_id', '=', roundId).orderBy('gender').execute();
  assert.equal(census.length, 3);
  assert.deepEqual(census.map((c) => c.gender).sort(), ['f', 'm', null].sort());

  await admin.get(page);
  const inPerson = await admin.post(`${page}/in-person`, { cin: 'ZT 445566', birth_date: '2004-03-09', gender: 'f' });
  assert.equal(inPerson.statusCode, 303, inPerson.body.slice(0, 300));
  const again = await admin.post(`${page}/in-person`, { cin: 'ZT445566', birth_date: '2004-03-09', gender: 'f' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /مسجل من قبل/);
  assert.doesNotMatch(again.body, /445566/, 'the CIN is not sent back');
  const added = await db.selectFrom('budget_census').select(['gender', 'age_band', 'source']).where('round_id', '=', roundId).where('source', '=', 'in_person').execute();
  assert.deepEqual(added, [{ gender: 'f', age_band: '18-24', source: 'in_person' }]);
  // a new file replaces the file's list, not people registered in person
  assert.equal((await uploadCensus(admin, roundId, [['CIN', 'naissance', 'sexe'], ['BK123456', '1980-05-17', 'F'], ['AB654321', '02/11/1992', 'ذكر'], ['W998877', '1975-01-30', '']])).statusCode, 303);
  assert.equal((await db.selectFrom('budget_census').select('voter_hash').where('round_id', '=', roundId).execute()).length, 4);

  const { garden, lights } = p;
  await admin.get(page);
  assert.equal((await admin.post(`${page}/paper`, { cin: 'ZT445566', birth_date: '2004-03-09', projects: [String(garden)] })).statusCode, 303);
  const amina = await citizen(app, db, 'amina@example.ma');
  await verify(amina, roundId, 'BK123456', '1980-05-17');
  assert.equal((await vote(amina, roundId, [garden, lights])).statusCode, 303);
  const omar = await citizen(app, db, 'omar@example.ma');
  await verify(omar, roundId, 'AB654321', '1992-11-02');
  assert.equal((await vote(omar, roundId, [lights])).statusCode, 303);
  const said = await citizen(app, db, 'said@example.ma');
  await verify(said, roundId, 'W998877', '1975-01-30');
  assert.equal((await vote(said, roundId, [garden])).statusCode, 303);

  await db.updateTable('budget_round').set({ results_at: iso(-HOUR / 2) }).where('id', '=', roundId).execute();
  const doc = JSON.parse((await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results`)).body);
  const byKey = Object.fromEntries(doc.participationBreakdown.map((b: { gender: string | null; ageBand: string | null; ballots: number }) => [`${b.gender}/${b.ageBand}`, b.ballots]));
  // ages at the start of the vote: 1980 → 35-49 (46), 1992 → 25-34 (33 or 34), 1975 → 50-64 (51), 2004 → 18-24 (22)
  assert.deepEqual(byKey, { 'f/18-24': 1, 'f/35-49': 1, 'm/25-34': 1, 'null/50-64': 1 });
  assert.deepEqual(doc.participation, { total: 4, online: 3, paper: 1 });

  // the CSV carries the same figures as the JSON
  const csv = await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((r) => [Number(r.project_id), Number(r.votes), r.winner === 'yes']), doc.projects.map((x: { id: number; votes: number; winner: boolean }) => [x.id, x.votes, x.winner]));
  assert.equal(rows.find((r) => Number(r.project_id) === garden)!.votes, '3');

  // the public page shows the breakdown and links both files
  const pub = await app.inject(`/fr/c/settat/budgets/${roundId}`);
  assert.match(pub.body, /Participation par sexe et tranche d&#39;âge|Participation par sexe et tranche d'âge/);
  assert.match(pub.body, new RegExp(`href="/api/v1/collectivities/settat/budgets/${roundId}/results.csv"`));
  // a round still voting has no CSV
  const voting = await db.insertInto('budget_round').values({ ...(await db.selectFrom('budget_round').selectAll().where('id', '=', roundId).executeTakeFirstOrThrow()), id: undefined as never, results_at: iso(HOUR) }).returning('id').executeTakeFirstOrThrow();
  assert.equal((await app.inject(`/api/v1/collectivities/settat/budgets/${voting.id}/results.csv`)).statusCode, 409);
});

test('winning projects become activities of the programme, linked both ways, and an indicator can follow the rounds', async (t) => {
  const { app, db, admin, settatId, roundId, p } = await setup(t);
  const page = `/admin/c/settat/budgets/${roundId}`;
  const voter = await citizen(app, db, 'amina@example.ma');
  await verify(voter, roundId, 'BK123456', '1980-05-17');
  await vote(voter, roundId, [p.garden, p.lights]);
  const programmeProject = await db.selectFrom('project').select(['id', 'programme_id']).where('collectivity_id', '=', settatId).where('number', '=', 1).executeTakeFirstOrThrow();

  await admin.get(page);
  const early = await admin.post(`${page}/plan`, { project_id: String(programmeProject.id) });
  assert.equal(early.statusCode, 400, 'not before the results');
  // the implementation phase begins at midnight in Casablanca, ten days from now
  const phaseDay = new Date(Date.parse(`${todayInCasablanca()}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  await db.updateTable('budget_round').set({ results_at: iso(-HOUR / 2), implementation_at: casablancaToIso(`${phaseDay}T00:00`) }).where('id', '=', roundId).execute();
  await admin.get(page);
  await loadBerrechid(db);
  const foreign = await db.selectFrom('project').select('id').where('collectivity_id', '!=', settatId).executeTakeFirstOrThrow();
  assert.equal((await admin.post(`${page}/plan`, { project_id: String(foreign.id) })).statusCode, 400, 'a project of another collectivity');
  const before = Number((await db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', programmeProject.id).executeTakeFirstOrThrow()).n);
  const res = await admin.post(`${page}/plan`, { project_id: String(programmeProject.id) });
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  const linked = await db.selectFrom('budget_project').select(['id', 'activity_id']).where('round_id', '=', roundId).where('activity_id', 'is not', null).orderBy('id').execute();
  assert.deepEqual(linked.map((l) => l.id), [p.garden, p.lights].sort((x, y) => x - y));
  const activities = await db.selectFrom('activity').selectAll().where('id', 'in', linked.map((l) => l.activity_id!)).execute();
  assert.equal(activities.length, 2);
  assert.ok(activities.every((a) => a.project_id === programmeProject.id && a.status === 'planned' && a.cost_kind === 'amount'));
  assert.deepEqual(activities.map((a) => Number(a.cost_amount_mad)).sort(), [300_000, 400_000]);
  // inside the implementation phase (its first day, not the day before in UTC), for a year: not late
  const yearLater = `${Number(phaseDay.slice(0, 4)) + 1}${phaseDay.slice(4)}`;
  for (const a of activities) {
    assert.equal(a.start_date, phaseDay);
    assert.equal(a.end_date, new Date(Date.parse(`${yearLater}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  }
  // a title in each language of the programme's project: the citizen's words, quoted in the others
  const garden = activities.find((a) => a.title_ar === 'تهيئة حديقة الحي')!;
  assert.equal(garden.title_fr, 'Projet lauréat du budget participatif : « تهيئة حديقة الحي »');
  assert.equal(garden.title_en, 'Winning project of the participatory budget: “تهيئة حديقة الحي”');
  assert.equal(Number((await db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', programmeProject.id).executeTakeFirstOrThrow()).n), before + 2);
  // again: nothing left to add
  await admin.get(page);
  assert.equal((await admin.post(`${page}/plan`, { project_id: String(programmeProject.id) })).statusCode, 400);

  // the results link each winner to its activity, and the activity page links back
  const results = await app.inject(`/ar/c/settat/budgets/${roundId}`);
  for (const l of linked) assert.match(results.body, new RegExp(`href="/ar/c/settat/programme/activities/${l.activity_id}"`));
  const activity = activities.find((a) => a.title_ar === 'تهيئة حديقة الحي')!;
  const activityPage = await app.inject(`/ar/c/settat/programme/activities/${activity.id}`);
  assert.equal(activityPage.statusCode, 200);
  assert.match(activityPage.body, new RegExp(`href="/ar/c/settat/budgets/${roundId}#project-${p.garden}"`));

  // the consistency check: the project card's 12 months do not bind them, the programme's period
  // does, and the finding says why they fall outside it
  const check = async () => (await admin.get('/admin/c/settat/consistency?lang=en')).body.split('<li class="finding ').slice(1);
  const about = (findings: string[], id: number) => findings.filter((f) => f.includes(`href="/admin/c/settat/activities/${id}"`));
  for (const a of activities) {
    const findings = about(await check(), a.id);
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0]!, /Its dates follow the implementation of “الميزانية التشاركية 2025” \(from [\d-]+ to [\d-]+\), outside the programme.s period 2024–2025/);
  }
  await db.updateTable('programme').set({ end_year: Number(yearLater.slice(0, 4)) }).where('id', '=', programmeProject.programme_id).execute();
  const covered = await check();
  for (const a of activities) assert.deepEqual(about(covered, a.id), [], 'accepted once the period covers them');

  // the metrics an indicator can be bound to
  const { budgetMetrics } = await import('../../src/modules/budget/metrics.ts');
  const scope = { collectivityId: settatId, programmeId: programmeProject.programme_id };
  assert.equal((await budgetMetrics.roundsWithResults!.series(db, scope, null)).at(-1)?.value, 1);
  assert.equal((await budgetMetrics.ballots!.series(db, scope, null)).at(-1)?.value, 1);
  assert.equal((await budgetMetrics.winnersInPlan!.series(db, scope, null)).at(-1)?.value, 2);
});

test('the new forms: wrong role, another collectivity, no CSRF token are refused and nothing changes', async (t) => {
  const { app, db, database, roundId } = await setup(t);
  await createStaff(database, 'editor@settat.ma', 'committee_member', 'settat');
  await createStaff(database, 'admin@province.ma', 'focal_point', 'province-settat');
  const committee = await new StaffClient(app).login('editor@settat.ma');
  const other = await new StaffClient(app).login('admin@province.ma');
  const page = `/admin/c/settat/budgets/${roundId}`;
  const forms: [string, Record<string, string>][] = [
    [`${page}/districts`, { name: 'X', envelope_mad: '1000' }],
    [`${page}/in-person`, { cin: 'ZT445566', birth_date: '2004-03-09' }],
    [`${page}/plan`, { project_id: '1' }],
    [`${page}/edit`, { title_ar: 'x', envelope_mad: '5', rule: 'knapsack' }],
  ];
  const snapshot = async () => JSON.stringify([
    await db.selectFrom('budget_district').selectAll().execute(),
    await db.selectFrom('budget_census').select(['voter_hash', 'source']).orderBy('voter_hash').execute(),
    await db.selectFrom('budget_round').selectAll().orderBy('id').execute(),
    await db.selectFrom('budget_project').select(['id', 'activity_id']).orderBy('id').execute(),
  ]);
  const before = await snapshot();
  for (const [url, form] of forms) {
    await committee.get('/admin');
    assert.equal((await committee.post(url, form)).statusCode, 403, `committee member: ${url}`);
    await other.get('/admin');
    assert.equal((await other.post(url, form)).statusCode, 403, `another collectivity: ${url}`);
    assert.equal((await other.post(url.replace('/c/settat/', '/c/province-settat/'), form)).statusCode, 404, `its own collectivity, not its round: ${url}`);
  }
  const admin = await new StaffClient(app).login('admin@settat.ma');
  await admin.get(page);
  assert.equal((await admin.post(`${page}/in-person`, { cin: 'ZT445566', birth_date: '2004-03-09' }, { csrf: 'forged' })).statusCode, 403);
  assert.equal(await snapshot(), before);
});

test('editing a round: dates any time, envelope and rule not once voting has started', async (t) => {
  const { db, admin, roundId } = await setup(t);
  const url = `/admin/c/settat/budgets/${roundId}/edit`;
  const form = await admin.get(url);
  assert.equal(form.statusCode, 200);
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
  const fields = Object.fromEntries(['title_ar', 'title_fr', 'title_en', 'envelope_mad', 'rule', 'min_choices', 'max_choices', 'information_at', 'submission_at', 'review_at', 'voting_at', 'results_at', 'implementation_at'].map((n) => [n, value(n)]));
  fields.rule = 'knapsack';
  assert.equal(fields.envelope_mad, '1000000');
  const locked = await admin.post(url, { ...fields, envelope_mad: '2000000' });
  assert.equal(locked.statusCode, 400);
  assert.match(locked.body, /لا يمكن تغيير الغلاف والقاعدة/);
  const renamed = await admin.post(url, { ...fields, title_fr: 'Budget participatif de Settat 2025' });
  assert.equal(renamed.statusCode, 303, renamed.body.slice(0, 300));
  const row = await db.selectFrom('budget_round').select(['title_fr', 'envelope_mad']).where('id', '=', roundId).executeTakeFirstOrThrow();
  assert.deepEqual({ ...row, envelope_mad: Number(row.envelope_mad) }, { title_fr: 'Budget participatif de Settat 2025', envelope_mad: 1_000_000 });
});
