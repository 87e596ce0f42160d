// The steps of a request (admin-routes.tsx, request-routes.tsx, commands/requests.ts): each one
// dated, on the trail, applied to the request's columns, mailed to the requester and logged; the
// law's refusals (a date before receipt or in the future, a second extension, a refusal without
// an exception, a complaint too early or too late) answered 400 with nothing saved; two staff
// answering at once; deciding a complaint is the focal point's; other collectivities refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRules } from '../../src/modules/information/calendar.ts';
import { complaintDue } from '../../src/modules/information/model.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp } from '../helpers/app.ts';
import { base, citizen, fileAtDesk, mailsTo, onlyFixedHolidays, step, team } from '../helpers/information.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const requestOf = (db: Db, id: number) => db.selectFrom('information_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const trail = async (db: Db, id: number) => (await db.selectFrom('information_step').select('kind').where('request_id', '=', id).orderBy('id').execute()).map((s) => s.kind);
// one address gets at most 5 mails an hour (platform/mail): forget the count between steps
const forgetMailCounts = (db: Db) => db.deleteFrom('rate_counter').where('key', 'like', 'mail:%').execute();

test('a desk request through every step, with the law’s refusals', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await onlyFixedHolidays(db);
  const { focal, editor } = await team(app, database);
  const id = await fileAtDesk(editor); // received Monday 2 June 2025, due Monday 30 June
  const mails = async () => (await mailsTo(db, 'fatima@example.ma')).length;
  const expectRefused = async (kind: string, form: Record<string, string | string[]>, message: RegExp, who = editor) => {
    const before = { row: await requestOf(db, id), steps: await trail(db, id), mails: await mails() };
    const res = await step(who, id, kind, form);
    assert.equal(res.statusCode, 400, `${kind} ${JSON.stringify(form)}`);
    assert.match(res.body, message);
    assert.deepEqual(await requestOf(db, id), before.row, 'nothing saved');
    assert.deepEqual(await trail(db, id), before.steps);
    assert.equal(await mails(), before.mails);
    return res;
  };
  const expectTaken = async (kind: string, form: Record<string, string | string[]>, who = editor) => {
    await forgetMailCounts(db);
    const n = await mails();
    const res = await step(who, id, kind, form);
    assert.equal(res.statusCode, 303, `${kind}: ${res.body.slice(0, 2000)}`);
    assert.equal(await mails(), n + 1, `a mail for ${kind}`);
    return requestOf(db, id);
  };

  // clarification: the question is required; then the clock stops
  await expectRefused('clarification_asked', { on_date: '2025-06-03' }, /هذا الحقل إلزامي/);
  let r = await expectTaken('clarification_asked', { on_date: '2025-06-03', note: 'هل تقصدون الدورات العادية فقط؟' });
  assert.equal(r.status, 'clarification');
  await expectRefused('processing', { on_date: '2025-06-04' }, /لا يمكن القيام بهذه الخطوة في الوضعية الحالية للطلب/);
  // the clarification received on Tuesday 10 June: 20 working days from it
  r = await expectTaken('clarified', { on_date: '2025-06-10' });
  assert.equal(r.status, 'received');
  assert.equal(r.clock_from, '2025-06-10');
  assert.equal(r.due_on, '2025-07-08');
  r = await expectTaken('processing', { on_date: '2025-06-11' });
  assert.equal(r.status, 'processing');

  // extension: a public reason, once; 20 working days more, Throne Day (30 July) skipped
  await expectRefused('extended', { on_date: '2025-06-20' }, /هذا الحقل إلزامي/);
  r = await expectTaken('extended', { on_date: '2025-06-20', note: 'المحاضر مؤرشفة في مصلحة أخرى.' });
  assert.equal(r.status, 'extended');
  assert.equal(r.extended, 1);
  assert.equal(r.due_on, '2025-08-06');
  assert.equal(r.extension_reason, 'المحاضر مؤرشفة في مصلحة أخرى.');

  // the answer: not before receipt, not in the future, exceptions for a refusal, a reason to keep it unpublished
  const answer = { on_date: '2025-07-15', outcome: 'partial', exceptions: ['private_life'], answer: 'تجدون رفقته المحاضر، مع حذف المعطيات الشخصية.', publish: '1' };
  await expectRefused('answered', { ...answer, on_date: '2025-06-01' }, /لا يمكن أن يسبق التاريخ تاريخ التوصل بالطلب/);
  await expectRefused('answered', { ...answer, on_date: '2999-01-01' }, /لا يمكن أن يكون التاريخ في المستقبل/);
  const refused = await expectRefused('answered', { ...answer, outcome: 'refused', exceptions: [] }, /يجب ذكر استثناء واحد على الأقل/);
  assert.match(refused.body, /مع حذف المعطيات الشخصية/, 'the answer typed is kept');
  await expectRefused('answered', { ...answer, publish: '' }, /اذكر سبب عدم نشر الرد/);
  await expectRefused('answered', { ...answer, outcome: 'transferred', exceptions: [] }, /هذا الحقل إلزامي/);

  // a file that is not what its name says is refused, and nothing is saved
  const beforeFake = { row: await requestOf(db, id), steps: await trail(db, id) };
  await editor.get(`${base}/${id}`);
  const fake = await editor.postMultipart(`${base}/${id}/answered`, { on_date: answer.on_date, outcome: 'full', answer: answer.answer, publish: '1' }, [
    { name: 'محضر.pdf', type: 'application/pdf', content: Buffer.from('<script>alert(1)</script>') },
  ]);
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /class="error" role="alert"/);
  assert.deepEqual({ row: await requestOf(db, id), steps: await trail(db, id) }, beforeFake);
  assert.equal((await db.selectFrom('information_file').select('id').where('request_id', '=', id).execute()).length, 0);

  await forgetMailCounts(db);
  await editor.get(`${base}/${id}`);
  const res = await editor.postMultipart(`${base}/${id}/answered`, { on_date: answer.on_date, outcome: answer.outcome, exceptions: 'private_life', answer: answer.answer, publish: '1' }, [
    { name: 'محضر.pdf', type: 'application/pdf', content: PDF },
  ]);
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  r = await requestOf(db, id);
  assert.equal(r.status, 'answered');
  assert.equal(r.answered_on, '2025-07-15');
  assert.equal(r.outcome, 'partial');
  assert.deepEqual(JSON.parse(r.exceptions!), ['private_life']);
  assert.equal(r.answer_public, 1);
  assert.match(r.search_text, /المحاضر/, 'a published answer is searched');
  const files = await db.selectFrom('information_file').select(['id', 'original_name', 'mime']).where('request_id', '=', id).execute();
  assert.deepEqual(files.map((f) => [f.original_name, f.mime]), [['محضر.pdf', 'application/pdf']]);
  const download = await editor.get(`${base}/${id}/files/${files[0]!.id}`);
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-disposition']), /^attachment/);
  assert.match(String(download.headers['cache-control']), /private/);
  const answerMail = (await mailsTo(db, 'fatima@example.ma')).at(-1)!;
  assert.match(answerMail.text_body, /تم تقديم المعلومات جزئياً/);
  assert.match(answerMail.text_body, /الحياة الخاصة للأفراد/);
  await expectRefused('extended', { on_date: '2025-07-16', note: 'مرة ثانية' }, /لا يمكن القيام بهذه الخطوة/);

  // the complaint, within its window; only the focal point decides it, not before it was made
  r = await expectTaken('complaint', { on_date: '2025-07-21', note: 'شكاية ورقية مودعة بالمكتب.' });
  assert.equal(r.status, 'complaint');
  assert.equal(r.complaint_due_on, complaintDue(await loadRules(db), '2025-07-21'));
  await editor.get(`${base}/${id}`);
  const byEditor = await editor.post(`${base}/${id}/complaint_decided`, { on_date: '2025-07-25', complaint_outcome: 'upheld' });
  assert.equal(byEditor.statusCode, 403);
  assert.doesNotMatch((await editor.get(`${base}/${id}`)).body, /complaint_decided"/, 'the editor is not offered the form');
  await expectRefused('complaint_decided', { on_date: '2025-07-18', complaint_outcome: 'upheld' }, /لا يمكن أن يسبق البت تاريخ الشكاية/, focal);
  r = await expectTaken('complaint_decided', { on_date: '2025-07-25', complaint_outcome: 'upheld', note: 'تقدم المحاضر كاملة.' }, focal);
  assert.equal(r.complaint_outcome, 'upheld');
  // upheld: a new answer follows
  r = await expectTaken('answered', { on_date: '2025-07-28', outcome: 'full', answer: 'المحاضر كاملة.', publish: '1' });
  assert.equal(r.outcome, 'full');
  assert.equal(r.exceptions, null);

  assert.deepEqual(await trail(db, id), ['received', 'clarification_asked', 'clarified', 'processing', 'extended', 'answered', 'complaint', 'complaint_decided', 'answered']);
  const steps = await db.selectFrom('information_step').select(['kind', 'actor_role', 'due_on', 'note']).where('request_id', '=', id).orderBy('id').execute();
  assert.equal(steps.find((s) => s.kind === 'complaint_decided')!.actor_role, 'focal_point');
  assert.equal(steps.find((s) => s.kind === 'extended')!.due_on, '2025-08-06');
  assert.equal(steps.find((s) => s.kind === 'clarification_asked')!.due_on, null, 'the clock is stopped');
  const log = await db.selectFrom('change_log').select('action').where('entity_type', '=', 'information_request').where('entity_id', '=', id).execute();
  assert.equal(log.length, 9, 'the filing and every step in the change log');
  const processing = await db.selectFrom('change_log').select('changes').where('entity_type', '=', 'information_request').where('entity_id', '=', id).orderBy('id').offset(3).limit(1).executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(processing.changes), [{ field: 'status', before: 'received', after: 'processing' }], 'only what the step changed');
  // the language links of a step's URL lead back to the request's page
  const back = await editor.get(`${base}/${id}/processing?lang=fr`);
  assert.equal(back.statusCode, 303);
  assert.equal(back.headers.location, `${base}/${id}?lang=fr#step-processing`);

  // the page shows the trail and offers what the status allows
  const page = await focal.get(`${base}/${id}`);
  assert.match(page.body, /المحاضر مؤرشفة في مصلحة أخرى/);
  assert.match(page.body, /action="\/admin\/c\/settat\/information\/\d+\/complaint"/);
});

test('complaints: too early, too late, by the requester from their page; the CDAI', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await onlyFixedHolidays(db);
  const { editor } = await team(app, database);
  const today = todayInCasablanca();

  // a citizen's request of today: no complaint before an answer or the deadline
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get('/ar/c/settat/information/request');
  const filed = await amina.post('/ar/c/settat/information/request', { subject: 'لائحة الصفقات', details: 'لائحة صفقات سنة 2025.', delivery: 'electronic', language: 'ar' });
  const mine = String(filed.headers.location);
  const id = Number(/information\/(\d+)\/mine$/.exec(mine)![1]);
  let page = await amina.get(mine);
  assert.doesNotMatch(page.body, /تقديم شكاية/);
  const early = await amina.post(`${mine}/complaint`, {});
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /لا تقبل الشكاية إلا بعد الرد أو بعد انقضاء الأجل دون رد/);
  assert.equal((await requestOf(db, id)).status, 'received');
  // staff record one for her too early: the same refusal
  const byStaff = await step(editor, id, 'complaint', { on_date: today });
  assert.equal(byStaff.statusCode, 400);

  // answered today, not published: she reads it on her page, and may complain
  await forgetMailCounts(db);
  assert.equal((await step(editor, id, 'answered', { on_date: today, outcome: 'not_held', answer: 'لا تتوفر الجماعة على هذه اللائحة.', private_reason: 'يتضمن أسماء أشخاص.' })).statusCode, 303);
  page = await amina.get(mine);
  assert.match(page.body, /لا تتوفر الجماعة على هذه اللائحة/);
  assert.match(page.body, /يتضمن أسماء أشخاص/);
  assert.match(page.body, /تقديم شكاية/);
  await forgetMailCounts(db);
  const complained = await amina.post(`${mine}/complaint`, {});
  assert.equal(complained.statusCode, 303);
  const r = await requestOf(db, id);
  assert.equal(r.status, 'complaint');
  assert.equal(r.complaint_on, today);
  const last = await db.selectFrom('information_step').selectAll().where('request_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual([last.kind, last.actor_role, last.actor_user_id], ['complaint', 'requester', amina.id]);
  const mails = await mailsTo(db, 'amina@example.ma');
  assert.deepEqual(mails.map((m) => /التوصل بالطلب|الرد|شكاية/.exec(m.subject)?.[0]), ['التوصل بالطلب', 'الرد', 'شكاية']);
  // another citizen cannot complain on her request
  const omar = await citizen(app, db, 'omar@example.ma');
  await omar.get('/ar/c/settat/information/request');
  assert.equal((await omar.post(`${mine}/complaint`, {})).statusCode, 404);

  // a desk request left unanswered past its deadline (30 June 2025): a complaint opens, for 20 working days
  const desk = await fileAtDesk(editor, { requester_email: '' });
  const late = await step(editor, desk, 'complaint', { on_date: '2025-09-15' });
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /انقضى أجل تقديم الشكاية/);
  assert.equal((await step(editor, desk, 'complaint', { on_date: '2025-07-10' })).statusCode, 303);
  // no decision within its deadline: the CDAI may be seized, within 30 days
  const cdaiLate = await step(editor, desk, 'cdai', { on_date: '2025-12-30' });
  assert.equal(cdaiLate.statusCode, 400);
  assert.match(cdaiLate.body, /انقضى أجل الإحالة على اللجنة/);
  assert.equal((await step(editor, desk, 'cdai', { on_date: '2025-08-05' })).statusCode, 303);
  assert.equal((await requestOf(db, desk)).status, 'cdai');
  assert.equal((await requestOf(db, desk)).cdai_on, '2025-08-05');
});

test('two staff answering at once: one answer is saved', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { focal, editor } = await team(app, database);
  const id = await fileAtDesk(editor);
  await focal.get(`${base}/${id}`);
  await editor.get(`${base}/${id}`);
  const form = (text: string) => ({ on_date: '2025-06-20', outcome: 'full', answer: text, publish: '1' });
  const results = await Promise.all([focal.post(`${base}/${id}/answered`, form('الرد الأول')), editor.post(`${base}/${id}/answered`, form('الرد الثاني'))]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [303, 400]);
  assert.deepEqual(await trail(db, id), ['received', 'answered']);
  const r = await requestOf(db, id);
  const winner = results.findIndex((x) => x.statusCode === 303);
  assert.equal(r.answer, winner === 0 ? 'الرد الأول' : 'الرد الثاني');
});

test('other collectivities and roles are refused; ids are scoped to the collectivity', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { editor, moderator, other } = await team(app, database);
  const id = await fileAtDesk(editor);
  const before = await requestOf(db, id);
  for (const who of [moderator, other]) {
    assert.equal((await who.get(`${base}/${id}`)).statusCode, 403);
    await who.get('/admin');
    assert.equal((await who.post(`${base}/${id}/processing`, { on_date: '2025-06-03' })).statusCode, 403);
  }
  // the province's own staff, through their own collectivity's address: no such request there
  assert.equal((await other.get(`/admin/c/province-settat/information/${id}`)).statusCode, 404);
  await other.get('/admin/c/province-settat/information');
  assert.equal((await other.post(`/admin/c/province-settat/information/${id}/processing`, { on_date: '2025-06-03' })).statusCode, 404);
  // no CSRF
  await editor.get(`${base}/${id}`);
  assert.equal((await editor.post(`${base}/${id}/processing`, { on_date: '2025-06-03' }, { csrf: 'forged' })).statusCode, 403);
  assert.deepEqual(await requestOf(db, id), before);
});
