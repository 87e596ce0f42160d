// The equality commission's advisory opinions (issue 14): an IEECAG member drafts an opinion
// (numbered N/YEAR), the commission adopts and publishes it, the focal point transmits it to the
// council and records the council's response; the public register shows it with its trail, the
// API pages it, and project 2's indicators follow it. Bad input (a transmission before the
// adoption, a response before the transmission, "not followed" or "partly" without a reason), the
// wrong role, another collectivity's member, no CSRF token: refused, localized, nothing saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompiledQuery } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { isoToCasablanca, todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { draftOpinion } from '../../src/modules/ieecag/commands/opinions.ts';
import { ieecagMetrics } from '../../src/modules/ieecag/metrics.ts';
import { opinionForm } from '../../src/modules/ieecag/opinion-schema.ts';
import { opinionsPageQuery, opinionsSitemap } from '../../src/modules/ieecag/opinions.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff, usingPostgres } from '../helpers/app.ts';

const DAY = 86_400_000;
/** A Casablanca day `days` from now (YYYY-MM-DD): the tests never depend on the calendar year. */
const dayFromNow = (days: number) => isoToCasablanca(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10);
const thisYear = Number(todayInCasablanca().slice(0, 4));

/** A one-page PDF, as small as a valid one gets. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const SUBJECT = 'إدماج مقاربة النوع في برمجة الفضاءات الجماعية للقرب';

const opinionInput = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  subject_ar: SUBJECT,
  subject_fr: "L'approche genre dans la programmation des espaces communaux de proximité",
  subject_en: '',
  origin: 'council',
  requested_on: dayFromNow(-30),
  council_session_ar: 'دورة فبراير: برمجة الفضاءات الجماعية',
  body_ar: 'توصي الهيئة بمراعاة حاجيات النساء والفتيات في برمجة الفضاءات الجماعية للقرب وتوقيت فتحها.',
  body_fr: '',
  proposal_ids: '',
  budget_project_ids: '',
  ...over,
});

async function count(db: Db, table: 'ieecag_opinion' | 'ieecag_opinion_link' | 'ieecag_opinion_file') {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
const counts = async (db: Db) => ({ opinions: await count(db, 'ieecag_opinion'), links: await count(db, 'ieecag_opinion_link'), files: await count(db, 'ieecag_opinion_file') });

async function setup(t: Parameters<typeof buildTestApp>[0], options: { keepDemo?: boolean } = {}) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  // the demo's opinions are removed: every count here is of the opinions this file makes
  if (!options.keepDemo) await db.deleteFrom('ieecag_opinion').execute();
  await createStaff(ctx.database, 'member@settat.ma', 'ieecag_member', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(ctx.database, 'member@province.ma', 'ieecag_member', 'province-settat');
  const settatId = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select('id').where('collectivity_id', '=', settatId).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const project = (n: number) => db.selectFrom('project').select(['id', 'number']).where('programme_id', '=', programme.id).where('number', '=', n).executeTakeFirstOrThrow();
  return { ...ctx, db, settatId, programmeId: programme.id, project };
}

const latest = async (db: Db, scope: { collectivityId: number; programmeId: number }, name: keyof typeof ieecagMetrics) => (await ieecagMetrics[name].series(db, scope, null)).at(-1)?.value ?? 0;

test('an IEECAG member drafts, the commission adopts and publishes, the focal point transmits and records the response', async (t) => {
  const { app, db, settatId, programmeId, project } = await setup(t);
  const scope = { collectivityId: settatId, programmeId };
  const member = await new StaffClient(app).login('member@settat.ma');
  const focal = await new StaffClient(app).login('focal@settat.ma');
  const project3 = await project(3);
  const proposal = await db.selectFrom('proposal').select(['id', 'title']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const before = { transmitted: await latest(db, scope, 'opinions_transmitted'), projects: await latest(db, scope, 'projects_following') };

  const form = await member.get('/admin/c/settat/ieecag/opinions/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="requested_on"[^>]*type="date"|type="date"[^>]*name="requested_on"/);
  assert.match(form.body, new RegExp(`value="${project3.id}"`));

  // bad input: a localized message, the values kept, nothing saved
  const empty = await counts(db);
  const refused = async (over: Record<string, string | string[]>, message: RegExp) => {
    const res = await member.post('/admin/c/settat/ieecag/opinions', opinionInput(over));
    assert.equal(res.statusCode, 400, JSON.stringify(over));
    assert.match(res.body, message, JSON.stringify(over));
    assert.match(res.body, /L&#39;approche genre dans la programmation|L'approche genre dans la programmation/);
    assert.deepEqual(await counts(db), empty);
  };
  await refused({ subject_ar: '' }, /هذا الحقل إلزامي/);
  await refused({ requested_on: '' }, /أدخل تاريخ الطلب: طلب المجلس أو رئيسه هذا الرأي/);
  await refused({ requested_on: dayFromNow(3) }, /لا يمكن أن يكون هذا التاريخ في المستقبل/);
  await refused({ origin: 'mayor' }, /.+/);
  await refused({ proposal_ids: 'abc' }, /أدخل أرقاما فقط/);
  await refused({ proposal_ids: '999999999' }, /لا توجد في هذه الجماعة مقترحات بالأرقام: 999999999/);
  await refused({ budget_project_ids: '999999999' }, /لا توجد في هذه الجماعة مشاريع ميزانية تشاركية/);
  await refused({ project_ids: ['999999'] }, /هذا العنصر ليس من برنامج الجماعة الحالي/);
  // another collectivity's activity, proposal and budget project: not this opinion's to name
  const foreign = {
    activity: await db.selectFrom('activity').select('id').where('collectivity_id', '!=', settatId).orderBy('id').executeTakeFirst(),
    proposal: await db.selectFrom('proposal').select('id').where('collectivity_id', '!=', settatId).orderBy('id').executeTakeFirst(),
    budget: await db.selectFrom('budget_project').select('id').where('collectivity_id', '!=', settatId).orderBy('id').executeTakeFirst(),
  };
  if (foreign.activity) await refused({ activity_ids: [String(foreign.activity.id)] }, /هذا العنصر ليس من برنامج الجماعة الحالي/);
  if (foreign.proposal) await refused({ proposal_ids: String(foreign.proposal.id) }, /لا توجد في هذه الجماعة مقترحات/);
  if (foreign.budget) await refused({ budget_project_ids: String(foreign.budget.id) }, /لا توجد في هذه الجماعة مشاريع ميزانية تشاركية/);

  const budgetProject = await db.selectFrom('budget_project').select(['id', 'round_id', 'title']).where('collectivity_id', '=', settatId).orderBy('id').executeTakeFirstOrThrow();
  const created = await member.post('/admin/c/settat/ieecag/opinions', opinionInput({ project_ids: [String(project3.id)], proposal_ids: String(proposal.id), budget_project_ids: `${budgetProject.id}، ${budgetProject.id}` }));
  assert.equal(created.statusCode, 303, created.body.slice(0, 400));
  const o = await db.selectFrom('ieecag_opinion').selectAll().executeTakeFirstOrThrow();
  assert.equal(String(created.headers.location), `/admin/c/settat/ieecag/opinions/${o.id}`);
  assert.deepEqual([o.number, o.year, o.status, o.origin, o.response_status], [1, thisYear, 'draft', 'council', 'pending']);
  assert.equal(await count(db, 'ieecag_opinion_link'), 3);
  const base = `/admin/c/settat/ieecag/opinions/${o.id}`;

  // a draft is nobody's business but the commission's
  assert.equal((await app.inject(`/ar/c/settat/ieecag/opinions/${o.id}`)).statusCode, 404);
  assert.doesNotMatch((await app.inject('/ar/c/settat/ieecag/opinions')).body, new RegExp(SUBJECT));
  assert.equal((await app.inject('/api/v1/collectivities/settat/ieecag/opinions')).json().opinions.length, 0);

  // the PDF is checked by its bytes
  const page = await member.get(base);
  assert.equal(page.statusCode, 200);
  const fake = await member.postMultipart(`${base}/file`, {}, [{ name: 'opinion.pdf', type: 'application/pdf', content: Buffer.from('<html>not a pdf</html>'), field: 'opinion_file' }]);
  assert.equal(fake.statusCode, 400);
  assert.equal(await count(db, 'ieecag_opinion_file'), 0);
  const uploaded = await member.postMultipart(`${base}/file`, {}, [{ name: 'رأي الهيئة.pdf', type: 'application/pdf', content: pdf, field: 'opinion_file' }]);
  assert.equal(uploaded.statusCode, 303);
  assert.equal(await count(db, 'ieecag_opinion_file'), 1);

  // the commission adopts: not before the request, not in the future
  await member.get(base);
  const adoptRefused = async (day: string, message: RegExp) => {
    const res = await member.post(`${base}/adopt`, { adopted_on: day });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, message);
    assert.equal((await db.selectFrom('ieecag_opinion').select('status').where('id', '=', o.id).executeTakeFirstOrThrow()).status, 'draft');
  };
  await adoptRefused(dayFromNow(-31), /لا يمكن أن تصادق الهيئة على الرأي قبل تاريخ طلبه/);
  await adoptRefused(dayFromNow(2), /لا يمكن أن يكون هذا التاريخ في المستقبل/);
  await adoptRefused('2025-02-30', /أدخل تاريخا صحيحا/);

  // a transmission before the adoption: refused, whatever the date
  await focal.get(base);
  const early = await focal.post(`${base}/transmit`, { transmitted_on: dayFromNow(-10) });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /لا يحال الرأي على المجلس قبل مصادقة الهيئة عليه/);
  // nor a response before the transmission
  const noTransmission = await focal.post(`${base}/respond`, { response_status: 'followed', response_on: dayFromNow(-1) });
  assert.equal(noTransmission.statusCode, 400);
  assert.match(noTransmission.body, /لا يسجل جواب المجلس قبل إحالة الرأي عليه/);

  assert.equal((await member.post(`${base}/adopt`, { adopted_on: dayFromNow(-20) })).statusCode, 303);
  // adopted: no longer edited, nor deleted
  assert.equal((await member.get(`${base}/edit`)).statusCode, 303);
  await member.get(base);
  const edited = await member.post(`${base}/edit`, opinionInput({ subject_ar: 'موضوع آخر' }));
  assert.equal(edited.statusCode, 400);
  assert.match(edited.body, /صادقت الهيئة على هذا الرأي: لم يعد ممكنا تعديله ولا حذفه/);
  assert.equal((await member.post(`${base}/delete`, {})).statusCode, 400);
  assert.equal((await db.selectFrom('ieecag_opinion').select('subject_ar').where('id', '=', o.id).executeTakeFirstOrThrow()).subject_ar, SUBJECT);

  // adopted, not yet published: still not public; then published
  assert.equal((await app.inject(`/ar/c/settat/ieecag/opinions/${o.id}`)).statusCode, 404);
  assert.equal((await member.post(`${base}/publish`, {})).statusCode, 303);
  assert.equal((await app.inject(`/ar/c/settat/ieecag/opinions/${o.id}`)).statusCode, 200);

  // the focal point transmits: "transmitted before it was adopted" is refused
  await focal.get(base);
  const beforeAdoption = await focal.post(`${base}/transmit`, { transmitted_on: dayFromNow(-25) });
  assert.equal(beforeAdoption.statusCode, 400);
  assert.match(beforeAdoption.body, /لا يمكن أن تسبق إحالة الرأي على المجلس تاريخ مصادقة الهيئة عليه/);
  assert.equal((await db.selectFrom('ieecag_opinion').select('transmitted_on').where('id', '=', o.id).executeTakeFirstOrThrow()).transmitted_on, null);
  assert.equal((await focal.post(`${base}/transmit`, { transmitted_on: dayFromNow(-10) })).statusCode, 303);
  assert.equal(await latest(db, scope, 'opinions_transmitted'), before.transmitted + 1);

  // the response: not before the transmission, and with a reason unless followed
  await focal.get(base);
  const responseRefused = async (form: Record<string, string>, message: RegExp) => {
    const res = await focal.post(`${base}/respond`, form);
    assert.equal(res.statusCode, 400, JSON.stringify(form));
    assert.match(res.body, message);
    const row = await db.selectFrom('ieecag_opinion').select(['response_status', 'response_on']).where('id', '=', o.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { response_status: 'pending', response_on: null });
  };
  await responseRefused({ response_status: 'followed', response_on: dayFromNow(-11) }, /لا يمكن أن يسبق جواب المجلس تاريخ إحالة الرأي عليه/);
  await responseRefused({ response_status: 'partly', response_on: dayFromNow(-2) }, /التعليل إلزامي إذا لم يأخذ المجلس بالرأي أو أخذ به جزئيا/);
  await responseRefused({ response_status: 'not_followed', response_on: dayFromNow(-2), response_decision_ar: 'لا شيء' }, /التعليل إلزامي/);
  const reason = 'أخذ المجلس ببرمجة الفضاءات حسب حاجيات النساء، وأرجأ توسيع توقيت الفتح إلى حين توفر الموارد البشرية.';
  const answered = await focal.post(`${base}/respond`, { response_status: 'partly', response_on: dayFromNow(-2), response_reason_ar: reason, response_decision_ar: 'مقرر المجلس ببرمجة الفضاءات' });
  assert.equal(answered.statusCode, 303);
  assert.equal(await latest(db, scope, 'projects_following'), before.projects + 1);
  assert.equal(await latest(db, scope, 'opinions_followed_share'), 100);

  // the public page: the text, the PDF, the links with their titles, the full trail with dates
  const pub = await app.inject(`/ar/c/settat/ieecag/opinions/${o.id}`);
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /<html lang="ar" dir="rtl"/);
  for (const text of [SUBJECT, `<bdi dir="ltr">1/${thisYear}</bdi>`, 'طلب المجلس الرأي', 'صادقت الهيئة على الرأي', 'أحيل الرأي على المجلس', 'أخذ المجلس بالرأي جزئيا', reason, 'opinion.pdf', `/ar/c/settat/programme/projects/3`, 'المشروع 3', `/ar/c/settat/budgets/${budgetProject.round_id}#project-${budgetProject.id}`]) {
    assert.ok(pub.body.includes(text), text);
  }
  assert.ok(pub.body.indexOf('طلب المجلس الرأي') < pub.body.indexOf('صادقت الهيئة على الرأي') && pub.body.indexOf('صادقت الهيئة على الرأي') < pub.body.indexOf('أحيل الرأي على المجلس'));
  const fr = await app.inject(`/fr/c/settat/ieecag/opinions/${o.id}`);
  assert.match(fr.body, /Suivi en partie par le conseil/);
  assert.match(fr.body, /L&#39;approche genre dans la programmation|L'approche genre dans la programmation/);
  const file = await app.inject(`/ar/c/settat/ieecag/opinions/${o.id}/opinion.pdf`);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.match(String(file.headers['content-disposition']), /^attachment/);
  assert.equal((await app.inject(`/ar/c/province-settat/ieecag/opinions/${o.id}`)).statusCode, 404);

  const register = await app.inject('/ar/c/settat/ieecag/opinions');
  assert.match(register.body, new RegExp(SUBJECT));
  assert.match(register.body, /أخذ به المجلس جزئيا/);

  // the API
  const api = await app.inject('/api/v1/collectivities/settat/ieecag/opinions');
  assert.equal(api.statusCode, 200);
  const [doc] = api.json().opinions;
  assert.deepEqual([doc.number, doc.year, doc.origin, doc.subject.ar, doc.requestedOn, doc.adoptedOn, doc.transmittedOn], [1, thisYear, 'council', SUBJECT, dayFromNow(-30), dayFromNow(-20), dayFromNow(-10)]);
  assert.deepEqual(doc.councilResponse.status, 'partly');
  assert.equal(doc.councilResponse.date, dayFromNow(-2));
  assert.equal(doc.councilResponse.reason.ar, reason);
  assert.deepEqual(doc.links, [{ kind: 'budget_project', id: budgetProject.id }, { kind: 'project', id: project3.id }, { kind: 'proposal', id: proposal.id }]);
  assert.equal(doc.overdue, false);
  assert.equal(api.json().next, null);
  assert.equal((await app.inject('/api/v1/collectivities/nowhere/ieecag/opinions')).statusCode, 404);
  assert.ok((await app.inject('/api/v1/openapi.json')).json().paths['/api/v1/collectivities/{slug}/ieecag/opinions']);

  // every step is in the change log
  const log = await db.selectFrom('change_log').select(['action', 'changes']).where('entity_type', '=', 'ieecag_opinion').where('entity_id', '=', o.id).orderBy('id').execute();
  assert.equal(log.length, 6);
  assert.match(log.map((l) => l.changes).join(' '), /"adopted_on".*"published".*"transmitted_on".*"partly"/s);

  // another draft: transmitting it is refused, deleting it is not
  const second = await member.post('/admin/c/settat/ieecag/opinions', opinionInput({ origin: 'self', requested_on: '' }));
  assert.equal(second.statusCode, 303);
  const draft = await db.selectFrom('ieecag_opinion').selectAll().where('id', '!=', o.id).executeTakeFirstOrThrow();
  assert.deepEqual([draft.number, draft.requested_on], [2, null]);
  await focal.get(`/admin/c/settat/ieecag/opinions/${draft.id}`);
  const transmitDraft = await focal.post(`/admin/c/settat/ieecag/opinions/${draft.id}/transmit`, { transmitted_on: dayFromNow(0) });
  assert.equal(transmitDraft.statusCode, 400);
  assert.match(transmitDraft.body, /لا يحال الرأي على المجلس قبل مصادقة الهيئة عليه/);
  await member.get(`/admin/c/settat/ieecag/opinions/${draft.id}`);
  assert.equal((await member.post(`/admin/c/settat/ieecag/opinions/${draft.id}/delete`, {})).statusCode, 303);
  // nothing to adopt: neither a text nor a PDF
  assert.equal((await member.post('/admin/c/settat/ieecag/opinions', opinionInput({ origin: 'self', requested_on: '', body_ar: '' }))).statusCode, 303);
  const bare = await db.selectFrom('ieecag_opinion').select(['id', 'number']).where('id', '!=', o.id).executeTakeFirstOrThrow();
  assert.equal(bare.number, 2, 'the year\'s last number is taken again once its draft is deleted');
  await member.get(`/admin/c/settat/ieecag/opinions/${bare.id}`);
  const nothing = await member.post(`/admin/c/settat/ieecag/opinions/${bare.id}/adopt`, { adopted_on: dayFromNow(0) });
  assert.equal(nothing.statusCode, 400);
  assert.match(nothing.body, /أضف نص الرأي أو ملفه بصيغة PDF قبل المصادقة عليه/);
  assert.equal((await db.selectFrom('ieecag_opinion').select('status').where('id', '=', bare.id).executeTakeFirstOrThrow()).status, 'draft');
  assert.equal(await count(db, 'ieecag_opinion'), 2);
});

test('the wrong role, another collectivity, the programme, no CSRF token: refused, nothing saved', async (t) => {
  const { app, db, settatId } = await setup(t);
  const member = await new StaffClient(app).login('member@settat.ma');
  await member.get('/admin/c/settat/ieecag/opinions/new');
  assert.equal((await member.post('/admin/c/settat/ieecag/opinions', opinionInput())).statusCode, 303);
  const o = await db.selectFrom('ieecag_opinion').selectAll().executeTakeFirstOrThrow();
  const base = `/admin/c/settat/ieecag/opinions/${o.id}`;
  const before = { counts: await counts(db), row: o, log: await db.selectFrom('change_log').select('id').execute() };

  // an editor and a committee member do not draft opinions; the focal point does not draft nor adopt
  for (const email of ['editor@settat.ma', 'committee@settat.ma', 'focal@settat.ma']) {
    const client = await new StaffClient(app).login(email);
    await client.get('/admin');
    assert.equal((await client.get('/admin/c/settat/ieecag/opinions/new')).statusCode, 403, email);
    assert.equal((await client.post('/admin/c/settat/ieecag/opinions', opinionInput())).statusCode, 403, email);
    assert.equal((await client.post(`${base}/adopt`, { adopted_on: dayFromNow(-1) })).statusCode, 403, email);
    assert.equal((await client.post(`${base}/edit`, opinionInput({ subject_ar: 'تعديل' }))).statusCode, 403, email);
    assert.equal((await client.post(`${base}/delete`, {})).statusCode, 403, email);
  }
  // nor do an editor or a committee member transmit, nor an IEECAG member
  for (const email of ['editor@settat.ma', 'committee@settat.ma']) {
    const client = await new StaffClient(app).login(email);
    await client.get('/admin');
    assert.equal((await client.post(`${base}/transmit`, { transmitted_on: dayFromNow(0) })).statusCode, 403, email);
  }
  await member.get(base);
  assert.equal((await member.post(`${base}/transmit`, { transmitted_on: dayFromNow(0) })).statusCode, 403);
  assert.equal((await member.post(`${base}/respond`, { response_status: 'followed', response_on: dayFromNow(0) })).statusCode, 403);

  // an IEECAG member of another collectivity; an IEECAG member on the programme
  const other = await new StaffClient(app).login('member@province.ma');
  await other.get('/admin/c/province-settat/ieecag/opinions');
  assert.equal((await other.get(base)).statusCode, 403);
  assert.equal((await other.post('/admin/c/settat/ieecag/opinions', opinionInput())).statusCode, 403);
  assert.equal((await other.post(`${base}/adopt`, { adopted_on: dayFromNow(-1) })).statusCode, 403);
  assert.equal((await other.post(`${base}/delete`, {})).statusCode, 403);
  // Settat's opinion under the other collectivity's address: not found
  assert.equal((await other.post(`/admin/c/province-settat/ieecag/opinions/${o.id}/adopt`, { adopted_on: dayFromNow(-1) })).statusCode, 404);
  assert.equal((await member.get('/admin/c/settat/programme')).statusCode, 403);
  assert.equal((await member.post('/admin/c/settat/programme', { title_ar: 'برنامج' })).statusCode, 403);
  assert.equal((await member.get('/admin/c/settat/meetings')).statusCode, 403);

  // no CSRF token, or a forged one
  assert.equal((await member.post('/admin/c/settat/ieecag/opinions', opinionInput(), { csrf: '' })).statusCode, 403);
  assert.equal((await member.post(`${base}/adopt`, { adopted_on: dayFromNow(-1) }, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await member.postMultipart(`${base}/file`, {}, [{ name: 'a.pdf', type: 'application/pdf', content: pdf, field: 'opinion_file' }], { csrf: 'forged' })).statusCode, 403);
  const focal = await new StaffClient(app).login('focal@settat.ma');
  await focal.get(base);
  assert.equal((await focal.post(`${base}/transmit`, { transmitted_on: dayFromNow(0) }, { csrf: '' })).statusCode, 403);

  // no session: the login page
  const anonymous = await new StaffClient(app).get(base);
  assert.equal(anonymous.statusCode, 303);

  assert.deepEqual(await counts(db), before.counts);
  assert.deepEqual(await db.selectFrom('ieecag_opinion').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow(), before.row);
  assert.equal((await db.selectFrom('change_log').select('id').execute()).length, before.log.length);
  assert.equal(settatId > 0, true);
});

/** Published opinions written directly (for the register's pages, filters and "overdue"). */
async function insertPublished(db: Db, collectivityId: number, year: number, numbers: number[], over: (n: number) => Record<string, unknown> = () => ({})) {
  for (const number of numbers) {
    await db
      .insertInto('ieecag_opinion')
      .values({
        collectivity_id: collectivityId,
        number,
        year,
        origin: 'self',
        status: 'published',
        adopted_on: `${year}-01-10`,
        published_at: `${year}-01-11T10:00:00.000Z`,
        subject_ar: `رأي رقم ${number}/${year}`,
        body_ar: 'نص',
        created_at: `${year}-01-05T10:00:00.000Z`,
        updated_at: `${year}-01-05T10:00:00.000Z`,
        ...over(number),
      } as never)
      .execute();
  }
  // written outside a command: the cached pages are told as a command would
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) })).where('id', '=', collectivityId).execute();
}

test('the register: keyset pages newest first, filters by response and year, overdue after the delay', async (t) => {
  const { app, db, settatId } = await setup(t);
  const last = thisYear - 1;
  // 25 opinions last year: every third one transmitted 90 days ago with no response (overdue),
  // every fifth followed; 2 this year, transmitted yesterday
  await insertPublished(db, settatId, last, Array.from({ length: 25 }, (_, i) => i + 1), (n) =>
    n % 3 === 0 ? { transmitted_on: dayFromNow(-90) } : n % 5 === 0 ? { transmitted_on: dayFromNow(-80), response_status: 'followed', response_on: dayFromNow(-40) } : {},
  );
  await insertPublished(db, settatId, thisYear, [1, 2], () => ({ adopted_on: dayFromNow(-3), transmitted_on: dayFromNow(-1) }));

  const numbersOf = (html: string) => [...html.matchAll(/<bdi dir="ltr">(\d+\/\d{4})<\/bdi>/g)].map((m) => m[1]);
  const first = await app.inject('/ar/c/settat/ieecag/opinions');
  assert.equal(first.statusCode, 200);
  const page1 = numbersOf(first.body);
  assert.equal(page1.length, 20);
  assert.deepEqual(page1.slice(0, 3), [`2/${thisYear}`, `1/${thisYear}`, `25/${last}`]);
  const next = /href="([^"]*after=[^"]*)"/.exec(first.body)![1].replaceAll('&amp;', '&');
  const page2 = numbersOf((await app.inject(next)).body);
  assert.deepEqual(page2, [7, 6, 5, 4, 3, 2, 1].map((n) => `${n}/${last}`));

  // overdue: 8 of last year's (3, 6, … 24), in the list and on the page, with the figures
  const overdue = await app.inject('/ar/c/settat/ieecag/opinions?response=overdue');
  assert.deepEqual(numbersOf(overdue.body), [24, 21, 18, 15, 12, 9, 6, 3].map((n) => `${n}/${last}`));
  assert.equal(overdue.body.match(/class="status late">تجاوز أجل الجواب</g)?.length, 8);
  assert.match(overdue.body, /8 آراء دون جواب بعد مرور أكثر من 60 يوما على الإحالة/);
  const one = await db.selectFrom('ieecag_opinion').select('id').where('year', '=', last).where('number', '=', 3).executeTakeFirstOrThrow();
  const onePage = await app.inject(`/fr/c/settat/ieecag/opinions/${one.id}`);
  assert.match(onePage.body, /Transmis au conseil il y a plus de 60 jours, sans réponse/);
  // pending (transmitted, waiting): the overdue ones and this year's two
  assert.equal(numbersOf((await app.inject('/ar/c/settat/ieecag/opinions?response=pending')).body).length, 10);
  assert.deepEqual(numbersOf((await app.inject('/ar/c/settat/ieecag/opinions?response=followed')).body), [25, 20, 10, 5].map((n) => `${n}/${last}`));
  assert.deepEqual(numbersOf((await app.inject(`/ar/c/settat/ieecag/opinions?year=${thisYear}`)).body), [`2/${thisYear}`, `1/${thisYear}`]);
  // a filter it does not know is ignored, never an error page
  assert.equal((await app.inject('/ar/c/settat/ieecag/opinions?response=maybe&year=20x&after=zz')).statusCode, 200);

  // the commission's own delay: 120 days, and none is overdue
  const delayed = await db.updateTable('ieecag_commission').set({ response_delay_days: 120 }).where('collectivity_id', '=', settatId).executeTakeFirst();
  if (Number(delayed.numUpdatedRows) === 0) {
    await db.insertInto('ieecag_commission').values({ collectivity_id: settatId, response_delay_days: 120, created_at: new Date().toISOString(), updated_at: new Date().toISOString() } as never).execute();
  }
  await db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', settatId).execute();
  assert.equal(numbersOf((await app.inject('/ar/c/settat/ieecag/opinions?response=overdue')).body).length, 0);

  // the API pages the same way
  const api1 = (await app.inject('/api/v1/collectivities/settat/ieecag/opinions?limit=10')).json();
  assert.equal(api1.opinions.length, 10);
  assert.equal(api1.next, `${last}-18`);
  const api2 = (await app.inject(`/api/v1/collectivities/settat/ieecag/opinions?limit=10&after=${api1.next}`)).json();
  assert.equal(api2.opinions[0].number, 17);
  const followed = (await app.inject('/api/v1/collectivities/settat/ieecag/opinions?response=followed')).json();
  assert.deepEqual(followed.opinions.map((o: { councilResponse: { status: string } }) => o.councilResponse.status), ['followed', 'followed', 'followed', 'followed']);
  assert.equal((await app.inject('/api/v1/collectivities/settat/ieecag/opinions?limit=0')).statusCode, 400);

  // the page is read over the index, not a scan of the table
  if (!usingPostgres) {
    const compiled = opinionsPageQuery(db, settatId, { publishedOnly: true, after: { year: last, number: 10 }, limit: 20, overdueBefore: dayFromNow(-60) }).compile();
    const plan = (await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))).rows.map((r) => r.detail).join(' | ');
    assert.match(plan, /ieecag_opinion_(number|register)/);
    assert.doesNotMatch(plan, /TEMP B-TREE/);
  }
});

test('two members drafting at once get two numbers', async (t) => {
  const { db, settatId } = await setup(t);
  const memberId = (await db.selectFrom('app_user').select('id').where('email', '=', 'member@settat.ma').executeTakeFirstOrThrow()).id;
  const scope = { collectivityId: settatId, actor: { userId: memberId, role: 'ieecag_member' as const } };
  const input = opinionForm.parse(opinionInput({ origin: 'self', requested_on: '' }));
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([draftOpinion(db, scope, input), draftOpinion(db, scope, input)]);
    assert.ok(results.every((r) => r.ok), JSON.stringify(results));
  }
  const numbers = (await db.selectFrom('ieecag_opinion').select('number').where('collectivity_id', '=', settatId).orderBy('number').execute()).map((r) => r.number);
  assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6]);
});

test("the demo: Settat's example opinions in the register, project 2's indicators counted from them", async (t) => {
  const { app, db, settatId } = await setup(t, { keepDemo: true });
  const before = await db.selectFrom('ieecag_opinion').select(['id', 'status']).orderBy('id').execute();
  await loadDemoContent(db);
  assert.deepEqual(await db.selectFrom('ieecag_opinion').select(['id', 'status']).orderBy('id').execute(), before, 'loading the demo again changes nothing');
  assert.deepEqual(before.map((o) => o.status), ['published', 'published', 'published', 'draft']);

  const register = await app.inject('/ar/c/settat/ieecag/opinions');
  assert.equal(register.statusCode, 200);
  assert.equal([...register.body.matchAll(/<h2><a href="\/ar\/c\/settat\/ieecag\/opinions\/\d+"/g)].length, 3);
  assert.match(register.body, /أخذ به المجلس</);
  assert.match(register.body, /أخذ به المجلس جزئيا/);
  assert.doesNotMatch(register.body, /ولوجية الفضاءات العمومية/);
  // the sitemap names the register and the published opinions, never the draft
  const published = before.filter((o) => o.status === 'published').map((o) => o.id);
  assert.deepEqual(new Set(await opinionsSitemap(db, { id: settatId, slug: 'settat' }, 100)), new Set(['/c/settat/ieecag/opinions', ...published.map((id) => `/c/settat/ieecag/opinions/${id}`)]));
  assert.equal((await opinionsSitemap(db, { id: settatId, slug: 'settat' }, 2)).length, 2);
  const partly = await db.selectFrom('ieecag_opinion').select('id').where('collectivity_id', '=', settatId).where('response_status', '=', 'partly').executeTakeFirstOrThrow();
  const page = await app.inject(`/fr/c/settat/ieecag/opinions/${partly.id}`);
  assert.match(page.body, /Exemple fictif : cet avis fait partie des données de démonstration/);
  assert.match(page.body, /système de gestion intégrée des dépenses/);

  const indicators = (await app.inject('/api/v1/collectivities/settat/indicators')).json().items as { project: number; kind: string; metric: string | null; latest: { date: string; value: number } | null; targets: { date: string; value: number }[] }[];
  const monitoring = indicators.find((i) => i.project === 2 && i.kind === 'monitoring')!;
  const impact = indicators.find((i) => i.project === 2 && i.kind === 'impact')!;
  assert.equal(monitoring.metric, 'ieecag.opinions_transmitted');
  assert.deepEqual(monitoring.latest, { date: '2025-05-05', value: 3 });
  assert.deepEqual(monitoring.targets, [{ date: '2024-12-31', value: 2 }, { date: '2025-12-31', value: 4 }]);
  assert.equal(impact.metric, 'ieecag.projects_following');
  assert.deepEqual(impact.latest, { date: '2025-02-10', value: 2 });
  // no typed-in measurement is left on project 2's indicators
  const ids = (await db.selectFrom('indicator as i').innerJoin('project as p', 'p.id', 'i.project_id').select('i.id').where('i.collectivity_id', '=', settatId).where('p.number', '=', 2).execute()).map((r) => r.id);
  assert.equal((await db.selectFrom('indicator_measurement').select('id').where('indicator_id', 'in', ids).execute()).length, 0);
});
