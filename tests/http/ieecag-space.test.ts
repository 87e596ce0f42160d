// The equality commission's e-space: the public pages in Arabic and French (a member's name only
// with consent, figures counted from the rows, a plain message where there is no commission),
// trainings, documents with their Arabic-aware search and files, the gender lens computed from
// other modules' rows, the API, and the back office: an IEECAG member keeps the space; the wrong
// role, another collectivity's member and a form without its CSRF token are refused; bad input is
// refused with a localized message and nothing saved.
import assert from 'node:assert/strict';
import test from 'node:test';
import { upsertUser } from '../../src/platform/auth/users.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { minimalPdf } from '../../src/modules/ieecag/seed/commission.ts';
import { genderLens } from '../../src/modules/ieecag/gender-lens.ts';
import { StaffClient, TEST_PASSWORD, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
const at = '2025-01-01T00:00:00.000Z';
const bump = (db: Db, cid: number) => db.updateTable('collectivity').set((eb) => ({ content_version: eb('content_version', '+', 1) })).where('id', '=', cid).execute();

async function clients(ctx: Ctx) {
  await createStaff(ctx.database, 'ieecag@settat.ma', 'ieecag_member', 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'ieecag@province.ma', 'ieecag_member', 'province-settat');
  return {
    member: await new StaffClient(ctx.app).login('ieecag@settat.ma'),
    editor: await new StaffClient(ctx.app).login('editor@settat.ma'),
    committee: await new StaffClient(ctx.app).login('committee@settat.ma'),
    focal: await new StaffClient(ctx.app).login('focal@settat.ma'),
    other: await new StaffClient(ctx.app).login('ieecag@province.ma'),
  };
}

const commissionForm = {
  mission_ar: 'تتبع إدماج مقاربة النوع في برامج الجماعة',
  mission_fr: 'Suivre l’approche genre dans les programmes de la commune',
  founding_act_ar: 'مداولة المجلس في دورته العادية لشهر فبراير',
  founded_on: '2022-02-10',
  contact_email: 'egalite@settat.ma',
  contact_phone: '+212 523 40 00 00',
  office_address_ar: 'الطابق الأول، مقر الجماعة',
  office_hours_ar: 'كل أربعاء صباحا',
  response_delay_days: '45',
};

const training = {
  held_on: '2025-03-08',
  theme_ar: 'قيادة النساء في الحياة المحلية',
  trainer_ar: 'جامعة الحسن الأول',
  participants_total: '20',
  participants_women: '12',
  participants_men: '8',
};

test('the demo commission in Arabic and French: names only with consent, figures counted from the rows', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const { member } = await clients(ctx);

  const ar = await ctx.app.inject({ url: '/ar/c/settat/ieecag' });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  for (const name of ['عائشة بلوردة', 'زهراء نبتي', 'عبد الهادي بوشنياطة', 'رشيد معاش']) assert.ok(ar.body.includes(name), name);
  assert.match(ar.body, /مقرر\(ة\)/);
  // 4 members, 2 women and 2 men from their rows; the demo's 3 trainings: 42 participants, 27 women
  assert.match(ar.body, /4 أعضاء، منهم امرأتان ورجلان/);
  assert.match(ar.body, /3 دورات تكوينية؛ 42 مشاركا في المجموع، منهم 27 امرأة/);
  assert.match(ar.body, /href="\/ar\/c\/settat\/ieecag\/opinions"/);
  assert.match(ar.body, /href="\/ar\/c\/settat\/ieecag\/referrals"/);
  assert.match(ar.body, /مثال توضيحي/);

  // a member without consent: role and category, never the name
  const added = await member.post('/admin/c/settat/ieecag/members', { name: 'سعاد الكتوم', role: 'member', category: 'youth', gender: 'f' });
  assert.equal(added.statusCode, 303);
  const fr = await ctx.app.inject({ url: '/fr/c/settat/ieecag' });
  assert.equal(fr.statusCode, 200);
  assert.ok(!fr.body.includes('سعاد الكتوم'));
  assert.match(fr.body, /membre \(nom non publié\)/);
  assert.match(fr.body, /jeunesse/);
  assert.match(fr.body, /5 membres, dont 3 femmes et 2 hommes/);
  const api = await ctx.app.inject({ url: '/api/v1/collectivities/settat/ieecag' });
  assert.ok(!api.body.includes('سعاد الكتوم'));

  // the register in figures: published opinions only, counted when read
  const opinion = (n: number, v: Record<string, unknown>) =>
    db.insertInto('ieecag_opinion').values({ collectivity_id: settat, number: n, year: 2025, origin: 'self', subject_ar: `رأي ${n}`, created_at: at, updated_at: at, ...v }).execute();
  await opinion(901, { status: 'published', adopted_on: '2025-01-10', transmitted_on: '2025-01-15', response_status: 'followed', response_on: '2025-02-01' });
  await opinion(902, { status: 'published', adopted_on: '2025-01-10', transmitted_on: '2025-01-20', response_status: 'not_followed', response_on: '2025-02-01' });
  await opinion(903, { status: 'published', adopted_on: '2025-01-10' });
  await opinion(904, { status: 'draft' });
  await bump(db, settat);
  const published = await db.selectFrom('ieecag_opinion').select((eb) => eb.fn.countAll<number>().as('n')).where('collectivity_id', '=', settat).where('status', '=', 'published').executeTakeFirstOrThrow();
  const figures = await ctx.app.inject({ url: '/fr/c/settat/ieecag' });
  assert.match(figures.body, new RegExp(`${Number(published.n)} avis publiés`));
  const sum = await ctx.app.inject({ url: '/api/v1/collectivities/settat/ieecag' });
  const doc = sum.json();
  assert.equal(doc.opinions.published, Number(published.n));
  assert.equal(doc.members.length, 5);
  assert.equal(doc.members.filter((m: { name: string | null }) => m.name === null).length, 1);
  assert.equal(doc.trainings.count, 3);
  assert.equal(doc.trainings.participants, 42);
  assert.equal(doc.commission.demo, true);
});

test('a collectivity without a commission says so plainly', async (t) => {
  const ctx = await buildTestApp(t);
  for (const [locale, text] of [['ar', 'لم تنشر الجماعة بعد'], ['fr', 'n’a pas encore publié|n&#x27;a pas encore publié|n\'a pas encore publié']] as const) {
    const res = await ctx.app.inject({ url: `/${locale}/c/province-settat/ieecag` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(text));
  }
  assert.equal((await ctx.app.inject({ url: '/ar/c/nowhere/ieecag' })).statusCode, 404);
  const api = await ctx.app.inject({ url: '/api/v1/collectivities/province-settat/ieecag' });
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().commission, null);
  const openapi = (await ctx.app.inject({ url: '/api/v1/openapi.json' })).json();
  assert.ok(openapi.paths['/api/v1/collectivities/{slug}/ieecag']?.get);
  assert.ok(openapi.components.schemas.IeecagMember && openapi.components.schemas.GenderYear);
});

test('the IEECAG member keeps the space; other roles, collectivities and forms without a token are refused', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const c = await clients(ctx);

  // an IEECAG member lands on the commission's space, whose links they may all follow
  const landing = await c.member.get('/admin/c/settat');
  assert.equal(landing.statusCode, 303);
  assert.equal(landing.headers.location, '/admin/c/settat/ieecag');
  const page = await c.member.get('/admin/c/settat/ieecag');
  assert.equal(page.statusCode, 200);
  for (const href of [...page.body.matchAll(/href="(\/admin\/c\/settat[^"#?]*)/g)].map((m) => m[1]!)) {
    if (href.includes('/opinions') || href.includes('/referrals')) continue; // the other parts' pages
    const res = await c.member.get(href);
    assert.ok([200, 303].includes(res.statusCode), `${href}: ${res.statusCode}`);
  }
  // the focal point's workspace links to it; an editor's does not
  assert.match((await c.focal.get('/admin/c/settat')).body, /href="\/admin\/c\/settat\/ieecag"/);
  assert.doesNotMatch((await c.editor.get('/admin/c/settat')).body, /href="\/admin\/c\/settat\/ieecag"/);

  // refused: the wrong role, another collectivity's member, no CSRF token — nothing changes
  const before = await db.selectFrom('ieecag_commission').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  for (const who of [c.editor, c.committee, c.other]) {
    assert.equal((await who.get('/admin/c/settat/ieecag')).statusCode, 403);
    assert.equal((await who.post('/admin/c/settat/ieecag/commission', commissionForm)).statusCode, 403);
    assert.equal((await who.post('/admin/c/settat/ieecag/trainings', training)).statusCode, 403);
  }
  await c.member.get('/admin/c/settat/ieecag');
  assert.equal((await c.member.post('/admin/c/settat/ieecag/commission', commissionForm, { csrf: 'forged' })).statusCode, 403);
  assert.equal((await c.member.post('/admin/c/settat/ieecag/trainings', training, { csrf: '' })).statusCode, 403);
  assert.deepEqual(await db.selectFrom('ieecag_commission').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow(), before);
  assert.equal(Number((await db.selectFrom('ieecag_training').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', settat).executeTakeFirstOrThrow()).n), 3);

  // bad input: a delay out of range, a bad email — localized, values kept, nothing saved
  await c.member.get('/admin/c/settat/ieecag?lang=fr');
  const bad = await c.member.post('/admin/c/settat/ieecag/commission', { ...commissionForm, response_delay_days: '400', contact_email: 'pas-une-adresse' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /entre 1 et 365/);
  assert.match(bad.body, /adresse électronique valide/);
  assert.ok(bad.body.includes('تتبع إدماج مقاربة النوع'));
  assert.equal((await db.selectFrom('ieecag_commission').select('response_delay_days').where('collectivity_id', '=', settat).executeTakeFirstOrThrow()).response_delay_days, before.response_delay_days);

  // the commission edited; its page no longer says "example"
  const saved = await c.member.post('/admin/c/settat/ieecag/commission', commissionForm);
  assert.equal(saved.statusCode, 303);
  const row = await db.selectFrom('ieecag_commission').selectAll().where('collectivity_id', '=', settat).executeTakeFirstOrThrow();
  assert.equal(row.response_delay_days, 45);
  assert.equal(row.is_example, 0);
  assert.equal(row.mission_en, null);
  const log = await db.selectFrom('change_log').select(['entity_type', 'actor_role']).where('collectivity_id', '=', settat).where('entity_type', '=', 'ieecag_commission').execute();
  assert.deepEqual(log, [{ entity_type: 'ieecag_commission', actor_role: 'ieecag_member' }]);
  const pub = await ctx.app.inject({ url: '/ar/c/settat/ieecag' });
  assert.match(pub.body, /تتبع إدماج مقاربة النوع في برامج الجماعة/);
  assert.match(pub.body, /egalite@settat\.ma/);

  // trainings: women + men over the total, a total missing, refused; then one added
  for (const [form, message] of [
    [{ ...training, participants_women: '15', participants_men: '8' }, /ne peuvent pas dépasser le total/],
    [{ ...training, participants_total: '' }, /nombre total de participants/],
  ] as const) {
    const res = await c.member.post('/admin/c/settat/ieecag/trainings', form);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, message);
    assert.ok(res.body.includes('قيادة النساء في الحياة المحلية'));
  }
  assert.equal(Number((await db.selectFrom('ieecag_training').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', settat).executeTakeFirstOrThrow()).n), 3);
  assert.equal((await c.member.post('/admin/c/settat/ieecag/trainings', training)).statusCode, 303);
  const trainings = await ctx.app.inject({ url: '/fr/c/settat/ieecag/trainings' });
  assert.equal(trainings.statusCode, 200);
  assert.match(trainings.body, /قيادة النساء في الحياة المحلية/);
  assert.match(trainings.body, /<bdi>60 %<\/bdi>/);
  assert.match(trainings.body, /4 formations ; 62 participants au total, dont 39 femmes/);

  // members: a second president refused; a mandate ending before it starts refused
  await c.member.get('/admin/c/settat/ieecag/members/new?lang=ar');
  assert.equal((await c.member.post('/admin/c/settat/ieecag/members', { name: 'رئيسة الهيئة', role: 'president', category: 'association', name_public: '1' })).statusCode, 303);
  const members = () => db.selectFrom('ieecag_member').select(['id', 'name', 'role', 'position']).where('collectivity_id', '=', settat).orderBy('position').execute();
  const five = await members();
  const second = await c.member.post('/admin/c/settat/ieecag/members', { name: 'رئيس ثان', role: 'president', category: 'expert' });
  assert.equal(second.statusCode, 400);
  assert.match(second.body, /للهيئة رئيس واحد/);
  assert.ok(second.body.includes('رئيس ثان'));
  const dates = await c.member.post('/admin/c/settat/ieecag/members', { name: 'عضو جديد', role: 'member', category: 'expert', mandate_start: '2025-06-01', mandate_end: '2024-06-01' });
  assert.equal(dates.statusCode, 400);
  assert.match(dates.body, /لا يمكن أن تنتهي العضوية قبل بدايتها/);
  assert.deepEqual(await members(), five);
  // another collectivity's member cannot touch these members either
  const president = five.find((m) => m.role === 'president')!;
  assert.equal((await c.other.post(`/admin/c/settat/ieecag/members/${president.id}/delete`, {})).statusCode, 403);
  assert.equal((await c.other.post(`/admin/c/province-settat/ieecag/members/${president.id}/delete`, {})).statusCode, 404);
  // reorder, then remove
  assert.equal((await c.member.post(`/admin/c/settat/ieecag/members/${president.id}/move?direction=up`, {})).statusCode, 303);
  const moved = await members();
  assert.equal(moved.at(-2)!.id, president.id);
  assert.deepEqual(moved.map((m) => m.position), [1, 2, 3, 4, 5]);
  assert.equal((await c.member.post(`/admin/c/settat/ieecag/members/${president.id}/delete`, {})).statusCode, 303);
  assert.equal((await members()).length, 4);
});

test('documents: upload checked by its bytes, Arabic-aware search, the file served as a download', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const { member, editor } = await clients(ctx);
  const count = async () => Number((await db.selectFrom('ieecag_document').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', settat).executeTakeFirstOrThrow()).n);
  const fields = { kind: 'study', published_on: '2025-05-02', title_ar: 'دراسة حول إنشاء فضاءات آمنة للنساء', title_fr: 'Étude sur les espaces sûrs', summary_ar: 'المساواة في الولوج إلى المرافق العمومية' };
  const pdf = minimalPdf('Etude');

  await member.get('/admin/c/settat/ieecag/documents/new?lang=fr');
  // a text file named .pdf, and no file at all: refused, values kept, nothing saved
  const fake = await member.postMultipart('/admin/c/settat/ieecag/documents', fields, [{ name: 'etude.pdf', type: 'application/pdf', content: Buffer.from('pas un PDF du tout'), field: 'file' }]);
  assert.equal(fake.statusCode, 400);
  assert.match(fake.body, /id="f-file-error"/);
  assert.ok(fake.body.includes('دراسة حول إنشاء فضاءات آمنة للنساء'));
  const none = await member.postMultipart('/admin/c/settat/ieecag/documents', fields, []);
  assert.equal(none.statusCode, 400);
  assert.equal(await count(), 2);
  // the wrong role, and no token, before anything is read
  assert.equal((await editor.postMultipart('/admin/c/settat/ieecag/documents', fields, [{ name: 'etude.pdf', type: 'application/pdf', content: pdf, field: 'file' }])).statusCode, 403);
  assert.equal((await member.postMultipart('/admin/c/settat/ieecag/documents', fields, [{ name: 'etude.pdf', type: 'application/pdf', content: pdf, field: 'file' }], { csrf: 'x' })).statusCode, 403);
  assert.equal(await count(), 2);

  const ok = await member.postMultipart('/admin/c/settat/ieecag/documents', fields, [{ name: 'دراسة الفضاءات.pdf', type: 'application/pdf', content: pdf, field: 'file' }]);
  assert.equal(ok.statusCode, 303);
  const d = await db.selectFrom('ieecag_document').select(['id', 'search_text']).where('collectivity_id', '=', settat).where('kind', '=', 'study').executeTakeFirstOrThrow();

  // with or without hamza, with taa marbuta or haa: the same document
  for (const q of ['انشاء', 'إنشاء', 'المساواه', 'مساواة', 'ESPACES sûrs']) {
    const res = await ctx.app.inject({ url: `/ar/c/settat/ieecag/documents?q=${encodeURIComponent(q)}` });
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('دراسة حول إنشاء فضاءات آمنة للنساء'), q);
    assert.ok(!res.body.includes('التشخيص التشاركي للنوع الاجتماعي'), q);
  }
  const nothing = await ctx.app.inject({ url: `/fr/c/settat/ieecag/documents?q=${encodeURIComponent('ميزانية المدينة')}` });
  assert.match(nothing.body, /Aucun document ne correspond/);
  const kind = await ctx.app.inject({ url: '/fr/c/settat/ieecag/documents?kind=diagnostic' });
  assert.match(kind.body, /Diagnostic participatif genre/);
  assert.ok(!kind.body.includes('Étude sur les espaces sûrs'));

  const file = await ctx.app.inject({ url: `/ar/c/settat/ieecag/documents/${d.id}/file` });
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.equal(file.headers['x-content-type-options'], 'nosniff');
  assert.match(String(file.headers['content-disposition']), /^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
  assert.ok(file.rawPayload.equals(pdf));
  // another collectivity's address does not serve it
  assert.equal((await ctx.app.inject({ url: `/ar/c/province-settat/ieecag/documents/${d.id}/file` })).statusCode, 404);

  // edited without a new file: the file stays; deleted: gone with its file
  assert.equal((await member.postMultipart(`/admin/c/settat/ieecag/documents/${d.id}`, { ...fields, title_ar: 'دراسة معدلة' }, [])).statusCode, 303);
  assert.equal((await ctx.app.inject({ url: `/ar/c/settat/ieecag/documents/${d.id}/file` })).statusCode, 200);
  await member.get('/admin/c/settat/ieecag/documents');
  assert.equal((await member.post(`/admin/c/settat/ieecag/documents/${d.id}/delete`, {})).statusCode, 303);
  assert.equal((await ctx.app.inject({ url: `/ar/c/settat/ieecag/documents/${d.id}/file` })).statusCode, 404);
  assert.equal(await count(), 2);

  // the founding act's PDF: a fake refused, a PDF kept and served
  await member.get('/admin/c/settat/ieecag');
  const fakeAct = await member.postMultipart('/admin/c/settat/ieecag/founding-file', {}, [{ name: 'act.pdf', type: 'application/pdf', content: Buffer.from('<html>'), field: 'founding_file' }]);
  assert.equal(fakeAct.statusCode, 400);
  assert.equal((await ctx.app.inject({ url: '/ar/c/settat/ieecag/founding-act.pdf' })).statusCode, 404);
  assert.equal((await member.postMultipart('/admin/c/settat/ieecag/founding-file', {}, [{ name: 'act.pdf', type: 'application/pdf', content: pdf, field: 'founding_file' }])).statusCode, 303);
  const act = await ctx.app.inject({ url: '/ar/c/settat/ieecag/founding-act.pdf' });
  assert.equal(act.statusCode, 200);
  assert.equal(act.headers['content-type'], 'application/pdf');
  assert.match((await ctx.app.inject({ url: '/fr/c/settat/ieecag' })).body, /Télécharger l.acte de création/);
});

test("the gender lens counts every source's women and men from its own rows, and states the unknown", async (t) => {
  const ctx = await buildTestApp(t, { seed: false });
  const db = ctx.database.db;
  const c = await db.insertInto('collectivity').values({ slug: 'lens', name_ar: 'جماعة العدسة', name_fr: 'Commune de la lentille', kind: 'commune', parent_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
  const cid = c.id;
  const p = await db.insertInto('programme').values({ collectivity_id: cid, title_ar: 'برنامج', start_year: 2024, end_year: 2025, status: 'in_implementation', is_current: 1, adoption_session_ar: null, adoption_session_fr: null, adoption_session_en: null, adoption_date: null, adoption_reference_ar: null, adoption_reference_fr: null, adoption_reference_en: null, title_fr: null, title_en: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
  const axis = await db.insertInto('axis').values({ collectivity_id: cid, programme_id: p.id, number: 1, title_ar: 'محور', title_fr: null, title_en: null }).returning('id').executeTakeFirstOrThrow();

  // workshops: 2024: 40 people of whom 22 women, plus 10 people whose women were not counted
  const event = (held_on: string, total: number, women: number | null) =>
    db.insertInto('participation_event').values({ collectivity_id: cid, programme_id: p.id, kind: 'workshop', held_on, attendance_total: total, attendance_women: women, attendance_ieecag: null, associations_represented: null, title_ar: 'ورشة', title_fr: null, title_en: null, place_ar: null, place_fr: null, place_en: null }).execute();
  await event('2024-03-01', 40, 22);
  await event('2024-04-01', 10, null);

  // proposals' authors in 2025 (Casablanca): two women, one man, one account without gender; one
  // woman wrote twice (counted once); a staff-typed proposal names no account
  const user = async (email: string, gender: string | null) => {
    const u = await upsertUser(db, { email, password: TEST_PASSWORD, displayName: email, verified: true });
    await db.updateTable('app_user').set({ gender }).where('id', '=', u.id).execute();
    return u.id;
  };
  const proposal = (author: number | null, submitted_at: string) =>
    db.insertInto('proposal').values({ collectivity_id: cid, programme_id: p.id, axis_id: axis.id, channel: author ? 'online' : 'workshop', call_id: null, event_id: null, author_user_id: author, title: 'مقترح', body: 'نص', lang: 'ar', search_text: 'مقترح', status: 'submitted', merged_into_id: null, project_id: null, activity_id: null, submitted_at }).execute();
  const f1 = await user('f1@lens.ma', 'female');
  const f2 = await user('f2@lens.ma', 'female');
  const m1 = await user('m1@lens.ma', 'male');
  const n1 = await user('n1@lens.ma', null);
  await proposal(f1, '2025-02-01T10:00:00.000Z');
  await proposal(f1, '2025-03-01T10:00:00.000Z');
  // 23:30 UTC on 31 December 2024 is already 2025 in Casablanca (UTC+1)
  await proposal(f2, '2024-12-31T23:30:00.000Z');
  await proposal(m1, '2025-05-01T10:00:00.000Z');
  await proposal(n1, '2025-06-01T10:00:00.000Z');
  await proposal(null, '2025-06-02T10:00:00.000Z');

  // budget voters of a round whose voting opened in 2025: 3 women, 1 man, 2 unknown
  const round = await db
    .insertInto('budget_round')
    .values({ collectivity_id: cid, title_ar: 'ميزانية', title_fr: null, title_en: null, envelope_mad: 1000, rule: 'approval', min_choices: 1, max_choices: 3, changeable: 0, information_at: '2025-01-01T00:00:00.000Z', submission_at: '2025-02-01T00:00:00.000Z', review_at: '2025-03-01T00:00:00.000Z', voting_at: '2025-04-01T00:00:00.000Z', results_at: '2025-05-01T00:00:00.000Z', implementation_at: '2025-06-01T00:00:00.000Z', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('budget_voted').values(['f', 'f', 'f', 'm', null, null].map((gender, i) => ({ collectivity_id: cid, round_id: round.id, voter_hash: `h${i}`, gender, age_band: null }))).execute();

  // dialogue meetings held in 2025: 30 people (12 women, 14 men, 4 unrecorded); 10 people, 4 women only
  const meeting = (starts_at: string, total: number, women: number | null, men: number | null) =>
    db.insertInto('meeting').values({ collectivity_id: cid, kind: 'local_actors', status: 'held', starts_at, ends_at: starts_at, title_ar: 'لقاء', attendance_total: total, attendance_women: women, attendance_men: men, created_at: at, updated_at: at }).execute();
  await meeting('2025-05-10T10:00:00.000Z', 30, 12, 14);
  await meeting('2025-06-10T10:00:00.000Z', 10, 4, null);

  // the commission's trainings: 2024, 14 people, 9 women and 5 men
  await db.insertInto('ieecag_training').values({ collectivity_id: cid, held_on: '2024-03-14', theme_ar: 'تكوين', participants_total: 14, participants_women: 9, participants_men: 5, created_at: at, updated_at: at }).execute();

  const lens = Object.fromEntries((await genderLens(db, cid)).map((s) => [s.source, s.years]));
  assert.deepEqual(lens.workshops, [{ year: 2024, women: 22, men: 18, known: 40, total: 50 }]);
  assert.deepEqual(lens.proposals, [{ year: 2025, women: 2, men: 1, known: 3, total: 4 }]);
  assert.deepEqual(lens.budget, [{ year: 2025, women: 3, men: 1, known: 4, total: 6 }]);
  assert.deepEqual(lens.meetings, [{ year: 2025, women: 16, men: 20, known: 36, total: 40 }]);
  assert.deepEqual(lens.trainings, [{ year: 2024, women: 9, men: 5, known: 14, total: 14 }]);

  const page = await ctx.app.inject({ url: '/fr/c/lens/ieecag/gender' });
  assert.equal(page.statusCode, 200);
  // workshops 2024: 22 of 40 known = 55 %, 10 unknown; budget: 3 of 4 = 75 %
  assert.match(page.body, /<td class="num"><bdi>22<\/bdi><\/td><td class="num"><bdi>18<\/bdi><\/td><td class="num"><bdi>10<\/bdi><\/td><td class="num"><bdi>50<\/bdi><\/td><td class="num"><bdi>55 %<\/bdi><\/td>/);
  assert.match(page.body, /<bdi>75 %<\/bdi>/);
  assert.match(page.body, /<svg/);
  // a source where nobody's gender is known: no share, "not counted"
  await db.updateTable('budget_voted').set({ gender: null }).where('collectivity_id', '=', cid).execute();
  await bump(db, cid);
  const unknown = await ctx.app.inject({ url: '/ar/c/lens/ieecag/gender' });
  assert.match(unknown.body, /<td class="num"><bdi>0<\/bdi><\/td><td class="num"><bdi>0<\/bdi><\/td><td class="num"><bdi>6<\/bdi><\/td><td class="num"><bdi>6<\/bdi><\/td><td class="num"><span class="muted">غير محصاة<\/span><\/td>/);
  // the surveys' respondents are a source too: none here, said so
  assert.match(unknown.body, /<h2 id="lens-surveys">المشاركون في استطلاعات الرضى<\/h2>/);
  // the commission's page: no commission row, said plainly, the lens still shown
  const space = await ctx.app.inject({ url: '/ar/c/lens/ieecag' });
  assert.equal(space.statusCode, 200);
  assert.match(space.body, /لم تنشر الجماعة بعد/);
  assert.match(space.body, /<svg/);
});
