// The digital services' back office: staff mark a platform as joined and the indicator moves;
// services, monthly figures (form and CSV/XLSX import) and campaigns are kept; the network
// administrator alone keeps the platforms' list. The wrong role, another collectivity's focal
// point and a form without its CSRF token are refused; bad input is refused with a localized
// message (the import's with the row's number) and nothing is saved.
import assert from 'node:assert/strict';
import test from 'node:test';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/platform/db/database.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;

async function clients(ctx: Ctx) {
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(ctx.database, 'moderator@settat.ma', 'moderator', 'settat');
  await createStaff(ctx.database, 'focal@province.ma', 'focal_point', 'province-settat');
  await createStaff(ctx.database, 'dgct@interieur.ma', 'network_admin', null);
  return {
    focal: await new StaffClient(ctx.app).login('focal@settat.ma'),
    editor: await new StaffClient(ctx.app).login('editor@settat.ma'),
    committee: await new StaffClient(ctx.app).login('committee@settat.ma'),
    moderator: await new StaffClient(ctx.app).login('moderator@settat.ma'),
    other: await new StaffClient(ctx.app).login('focal@province.ma'),
    network: await new StaffClient(ctx.app).login('dgct@interieur.ma'),
  };
}

const count = async (db: Db, table: 'public_service' | 'service_month' | 'awareness_campaign' | 'digital_platform' | 'platform_membership') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const service = {
  name_ar: 'شهادة السكنى',
  name_fr: 'Certificat de résidence',
  how_to_apply_ar: 'قدم الطلب بالملحقة الإدارية لحيك',
  documents_needed_ar: 'البطاقة الوطنية للتعريف\nفاتورة الماء أو الكهرباء',
  desk_ar: 'الملحقة الإدارية',
  legal_days: '7',
};

const thisMonth = () => todayInCasablanca().slice(0, 7);
const nextMonth = () => {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

test('staff mark Watiqa as joined and the platforms indicator moves', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { editor } = await clients(ctx);
  const watiqa = await db.selectFrom('digital_platform').select('id').where('key', '=', 'watiqa').executeTakeFirstOrThrow();
  const before = (await ctx.app.inject({ url: '/api/v1/collectivities/settat/services' })).json();
  const joinedBefore = before.platforms.filter((p: { joined: boolean }) => p.joined).length;

  const page = await editor.get('/admin/c/settat/services');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="/admin/c/settat/services/platforms/${watiqa.id}"`));
  await editor.get(`/admin/c/settat/services/platforms/${watiqa.id}`);
  // joined without a date, or on a day to come: refused, nothing saved
  const noDate = await editor.post(`/admin/c/settat/services/platforms/${watiqa.id}`, { joined: '1', joined_on: '' });
  assert.equal(noDate.statusCode, 400);
  assert.match(noDate.body, /حدد تاريخ الانضمام/);
  const future = await editor.post(`/admin/c/settat/services/platforms/${watiqa.id}`, { joined: '1', joined_on: '2999-01-01' });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /لا يمكن أن يكون في المستقبل/);
  assert.match(future.body, /value="2999-01-01"/);
  assert.equal((await ctx.app.inject({ url: '/api/v1/collectivities/settat/services' })).json().platforms.find((p: { key: string }) => p.key === 'watiqa').joined, false);

  const ok = await editor.post(`/admin/c/settat/services/platforms/${watiqa.id}`, { joined: '1', joined_on: '2025-01-15', services_ar: 'نسخ عقود الحالة المدنية', desk_ar: 'شباك الحالة المدنية' });
  assert.equal(ok.statusCode, 303);
  const after = (await ctx.app.inject({ url: '/api/v1/collectivities/settat/services' })).json();
  assert.deepEqual(after.platforms.find((p: { key: string }) => p.key === 'watiqa'), { key: 'watiqa', name: { ar: 'وثيقة', fr: 'Watiqa', en: 'Watiqa' }, joined: true, joinedOn: '2025-01-15' });
  const offered = after.platforms.length;
  const share = Math.round(((joinedBefore + 1) / offered) * 1000) / 10;
  const pub = await ctx.app.inject({ url: '/fr/c/settat/services' });
  assert.ok(pub.body.includes(`Plateformes rejointes : ${joinedBefore + 1} sur ${offered} — <bdi>${share} %</bdi>`));
  const log = await db.selectFrom('change_log').select(['entity_type', 'actor_role']).where('entity_type', '=', 'platform_membership').where('entity_id', '=', watiqa.id).execute();
  assert.deepEqual(log, [{ entity_type: 'platform_membership', actor_role: 'editor' }]);
});

test('the wrong role, another collectivity and a missing CSRF token are refused', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const c = await clients(ctx);
  const settat = await collectivityId(ctx.database, 'settat');
  const s = await db.selectFrom('public_service').select('id').where('collectivity_id', '=', settat).orderBy('position').executeTakeFirstOrThrow();
  const watiqa = await db.selectFrom('digital_platform').select('id').where('key', '=', 'watiqa').executeTakeFirstOrThrow();
  const writes: [string, Record<string, string>][] = [
    ['/admin/c/settat/services', service],
    [`/admin/c/settat/services/${s.id}`, service],
    [`/admin/c/settat/services/${s.id}/delete`, {}],
    [`/admin/c/settat/services/${s.id}/months`, { month: '2024-01', received: '10', online: '5', paper: '5' }],
    [`/admin/c/settat/services/platforms/${watiqa.id}`, { joined: '1', joined_on: '2025-01-15' }],
    ['/admin/c/settat/services/campaigns', { held_on: '2025-01-01', channel: 'radio', title_ar: 'حملة' }],
  ];
  const before = await Promise.all((['public_service', 'service_month', 'awareness_campaign', 'platform_membership'] as const).map((x) => count(db, x)));
  for (const who of [c.committee, c.moderator, c.other]) {
    assert.equal((await who.get('/admin/c/settat/services')).statusCode, 403);
    for (const [url, form] of writes) assert.equal((await who.post(url, form)).statusCode, 403, url);
  }
  await c.focal.get('/admin/c/settat/services');
  for (const [url, form] of writes) assert.equal((await c.focal.post(url, form, { csrf: 'forged' })).statusCode, 403, url);
  assert.equal((await c.focal.postMultipart('/admin/c/settat/services/import', {}, [{ name: 'm.csv', type: 'text/csv', content: Buffer.from('1,2024-01,10,5,5\n'), field: 'file' }], { csrf: '' })).statusCode, 403);
  assert.deepEqual(await Promise.all((['public_service', 'service_month', 'awareness_campaign', 'platform_membership'] as const).map((x) => count(db, x))), before);
  // another collectivity's focal point runs their own
  assert.equal((await c.other.get('/admin/c/province-settat/services')).statusCode, 200);
  // the platforms' list is the network administrator's
  for (const who of [c.focal, c.editor, c.other]) {
    assert.equal((await who.get('/admin/platforms')).statusCode, 403);
    assert.equal((await who.post('/admin/platforms', { key: 'x', name_ar: 'س', position: '9' })).statusCode, 403);
  }
});

test('services: bad input refused with localized messages, reordered, deleted', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { focal, network } = await clients(ctx);
  const before = await count(db, 'public_service');
  await focal.get('/admin/c/settat/services/new');
  const tooLong = await focal.post('/admin/c/settat/services', { ...service, legal_days: '61' });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /الأجل القانوني بين يوم واحد و60 يوما/);
  assert.match(tooLong.body, /value="شهادة السكنى"/);
  assert.match(tooLong.body, /55\.19/);
  const noName = await focal.post('/admin/c/settat/services', { ...service, name_ar: '' });
  assert.equal(noName.statusCode, 400);
  const badUrl = await focal.post('/admin/c/settat/services', { ...service, online_url: 'javascript:alert(1)' });
  assert.equal(badUrl.statusCode, 400);
  assert.equal(await count(db, 'public_service'), before);

  // a retired platform is no longer offered
  const gid = await db.selectFrom('digital_platform').select('id').where('key', '=', 'gid-cl').executeTakeFirstOrThrow();
  await network.get('/admin/platforms');
  assert.equal((await network.post(`/admin/platforms/${gid.id}/retire`, {})).statusCode, 303);
  const retired = await focal.post('/admin/c/settat/services', { ...service, platform_id: String(gid.id) });
  assert.equal(retired.statusCode, 400);
  assert.match(retired.body, /لم تعد معروضة/);
  assert.equal((await focal.get(`/admin/c/settat/services/platforms/${gid.id}`)).statusCode, 404);
  assert.equal(await count(db, 'public_service'), before);

  const created = await focal.post('/admin/c/settat/services', service);
  assert.equal(created.statusCode, 303);
  const row = await db.selectFrom('public_service').selectAll().where('name_ar', '=', 'شهادة السكنى').executeTakeFirstOrThrow();
  assert.equal(row.position, before + 1);
  assert.equal(row.legal_days, 7);
  await focal.get('/admin/c/settat/services');
  assert.equal((await focal.post(`/admin/c/settat/services/${row.id}/move?direction=up`, {})).statusCode, 303);
  assert.equal((await db.selectFrom('public_service').select('position').where('id', '=', row.id).executeTakeFirstOrThrow()).position, before);
  const guide = await ctx.app.inject({ url: `/ar/c/settat/services/${row.id}` });
  assert.match(guide.body, /فاتورة الماء أو الكهرباء/);
  assert.match(guide.body, /7 أيام/);
  assert.equal((await focal.post(`/admin/c/settat/services/${row.id}/delete`, {})).statusCode, 303);
  assert.equal(await count(db, 'public_service'), before);
  assert.equal((await ctx.app.inject({ url: `/ar/c/settat/services/${row.id}` })).statusCode, 404);
});

test('monthly figures: a form per month, online over received refused, a month entered again replaced', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { editor } = await clients(ctx);
  const settat = await collectivityId(ctx.database, 'settat');
  const s = await db.selectFrom('public_service').select('id').where('collectivity_id', '=', settat).orderBy('position').executeTakeFirstOrThrow();
  const url = `/admin/c/settat/services/${s.id}/months`;
  await editor.get(url);
  const before = await count(db, 'service_month');
  const over = await editor.post(url, { month: thisMonth(), received: '100', online: '120', paper: '0' });
  assert.equal(over.statusCode, 400);
  assert.match(over.body, /لا يمكن أن تفوق الطلبات المتوصل بها/);
  assert.match(over.body, /value="120"/);
  const future = await editor.post(url, { month: nextMonth(), received: '100', online: '10', paper: '0' });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /شهر لم يأت بعد/);
  assert.equal((await editor.post(url, { month: '2025-13', received: '1', online: '0', paper: '0' })).statusCode, 400);
  assert.equal((await editor.post(url, { month: thisMonth(), received: '-1', online: '0', paper: '0' })).statusCode, 400);
  assert.equal(await count(db, 'service_month'), before);

  assert.equal((await editor.post(url, { month: thisMonth(), received: '100', online: '60', paper: '40', median_days: '2.5' })).statusCode, 303);
  assert.equal((await editor.post(url, { month: thisMonth(), received: '110', online: '70', paper: '40' })).statusCode, 303);
  const rows = await db.selectFrom('service_month').selectAll().where('service_id', '=', s.id).where('month', '=', thisMonth()).execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.received, 110);
  assert.equal(rows[0]!.median_days, null);
  assert.equal(rows[0]!.is_example, 0);
  // a recorded month opens in the form to be corrected
  const again = await editor.get(`${url}?month=${thisMonth()}`);
  assert.match(again.body, /name="received" [^>]*value="110"/);
});

test('importing monthly figures from CSV and XLSX: all rows or none, each bad row named', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { focal } = await clients(ctx);
  const settat = await collectivityId(ctx.database, 'settat');
  const services = await db.selectFrom('public_service').select(['id', 'name_fr']).where('collectivity_id', '=', settat).orderBy('position').execute();
  await focal.get('/admin/c/settat/services/import');
  const send = (content: string | Buffer, name = 'chiffres.csv', type = 'text/csv') => focal.postMultipart('/admin/c/settat/services/import', {}, [{ name, type, content: Buffer.from(content), field: 'file' }]);
  const before = await db.selectFrom('service_month').selectAll().orderBy('id').execute();

  const bad = await send(['service;mois;reçues;en ligne;papier;délai', `1;2023-06;100;40;60;3`, `2;2023-13;100;40;60;`, `Inconnu;2023-06;1;0;1;`, `1;2023-07;100;120;0;`, `1;2023-08;100;10;101;`, `1;2023-09;-5;0;0;`, `1;${nextMonth()};10;1;1;`].join('\n'));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /لم يحفظ أي شيء/);
  assert.match(bad.body, /السطر 3:<\/bdi> الشهر بصيغة YYYY-MM/);
  assert.match(bad.body, /السطر 4:<\/bdi> خدمة غير معروفة: «Inconnu»/);
  assert.match(bad.body, /السطر 5:<\/bdi> الطلبات المعالجة إلكترونيا لا يمكن أن تفوق/);
  assert.match(bad.body, /السطر 6:<\/bdi> الطلبات المعالجة ورقيا لا يمكن أن تفوق/);
  assert.match(bad.body, /السطر 7:<\/bdi> عدد صحيح موجب أو صفر/);
  assert.match(bad.body, /السطر 8:<\/bdi> لا يمكن إدخال أرقام شهر لم يأت بعد/);
  assert.ok(!/السطر 2:/.test(bad.body));
  assert.deepEqual(await db.selectFrom('service_month').selectAll().orderBy('id').execute(), before);

  // by number or by name, then again: the month is replaced, not added
  const good = await send(['service,month,received,online,paper,median', `1,2023-06,100,40,60,3`, `${services[1]!.name_fr},2023-06,50,0,50,`].join('\n'));
  assert.equal(good.statusCode, 303);
  const june = () => db.selectFrom('service_month').select(['service_id', 'received', 'online', 'paper', 'median_days']).where('collectivity_id', '=', settat).where('month', '=', '2023-06').orderBy('service_id').execute();
  assert.deepEqual(await june(), [
    { service_id: services[0]!.id, received: 100, online: 40, paper: 60, median_days: 3 },
    { service_id: services[1]!.id, received: 50, online: 0, paper: 50, median_days: null },
  ]);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2023');
  sheet.addRow(['الخدمة', 'الشهر', 'المتوصل بها', 'إلكترونيا', 'ورقيا', 'الأجل']);
  sheet.addRow([1, '2023-06', 120, 70, 50, 2]);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  assert.equal((await send(xlsx, 'chiffres.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).statusCode, 303);
  assert.deepEqual((await june())[0], { service_id: services[0]!.id, received: 120, online: 70, paper: 50, median_days: 2 });

  const badXlsx = new ExcelJS.Workbook();
  badXlsx.addWorksheet('x').addRow([1, '06/2023', 10, 5, 5]);
  const refused = await send(Buffer.from(await badXlsx.xlsx.writeBuffer()), 'x.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /السطر 1:<\/bdi> الشهر بصيغة YYYY-MM/);
  assert.equal((await june())[0]!.received, 120);
});

test('awareness campaigns: women cannot outnumber those reached; created, edited, deleted', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { editor } = await clients(ctx);
  await editor.get('/admin/c/settat/services/campaigns/new');
  const before = await count(db, 'awareness_campaign');
  const form = { held_on: '2025-03-08', channel: 'caravan', title_ar: 'قافلة حي الفرح', reached: '200', women: '120', materials_url: 'https://settat.ma/caravane.pdf' };
  const over = await editor.post('/admin/c/settat/services/campaigns', { ...form, women: '201' });
  assert.equal(over.statusCode, 400);
  assert.match(over.body, /عدد النساء لا يمكن أن يفوق/);
  assert.match(over.body, /قافلة حي الفرح/);
  assert.equal((await editor.post('/admin/c/settat/services/campaigns', { ...form, channel: 'tv' })).statusCode, 400);
  assert.equal(await count(db, 'awareness_campaign'), before);
  assert.equal((await editor.post('/admin/c/settat/services/campaigns', form)).statusCode, 303);
  const row = await db.selectFrom('awareness_campaign').selectAll().where('title_ar', '=', 'قافلة حي الفرح').executeTakeFirstOrThrow();
  assert.equal((await editor.post(`/admin/c/settat/services/campaigns/${row.id}`, { ...form, reached: '250' })).statusCode, 303);
  const pub = await ctx.app.inject({ url: '/fr/c/settat/services/campaigns' });
  assert.match(pub.body, /250 personnes touchées, part des femmes : <bdi>48 %<\/bdi>/);
  assert.equal((await editor.post(`/admin/c/settat/services/campaigns/${row.id}/delete`, {})).statusCode, 303);
  assert.equal(await count(db, 'awareness_campaign'), before);
});

test('the network administrator keeps the platforms: edit, add, retire (kept in history)', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const { network, focal } = await clients(ctx);
  const dashboard = await network.get('/admin');
  assert.match(dashboard.body, /href="\/admin\/platforms"/);
  const list = await network.get('/admin/platforms');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /وثيقة/);
  const before = await count(db, 'digital_platform');
  const taken = await network.post('/admin/platforms', { key: 'watiqa', name_ar: 'نسخة', position: '8' });
  assert.equal(taken.statusCode, 400);
  assert.match(taken.body, /هذا المعرف مستعمل/);
  const badKey = await network.post('/admin/platforms', { key: 'Bad Key', name_ar: 'منصة', position: '8' });
  assert.equal(badKey.statusCode, 400);
  assert.equal(await count(db, 'digital_platform'), before);
  const added = await network.post('/admin/platforms', { key: 'e-tasjil', name_ar: 'منصة التسجيل', name_fr: 'e-Tasjil', url: 'https://example.ma', purpose_ar: 'التسجيل عن بعد', position: '8' });
  assert.equal(added.statusCode, 303);
  assert.equal(await count(db, 'digital_platform'), before + 1);
  const rokhas = await db.selectFrom('digital_platform').selectAll().where('key', '=', 'rokhas').executeTakeFirstOrThrow();
  assert.equal((await network.post(`/admin/platforms/${rokhas.id}`, { key: 'rokhas', name_ar: 'رخص', name_fr: 'Rokhas.ma', url: 'https://rokhas.ma', position: '1' })).statusCode, 303);
  const api = (await ctx.app.inject({ url: '/api/v1/collectivities/settat/services' })).json();
  assert.equal(api.platforms.find((p: { key: string }) => p.key === 'rokhas').name.fr, 'Rokhas.ma');
  assert.ok(api.platforms.find((p: { key: string }) => p.key === 'e-tasjil'));
  // retired: Settat joined it, so it stays in its history, and no longer counts as offered
  assert.equal((await network.post(`/admin/platforms/${rokhas.id}/retire`, {})).statusCode, 303);
  const after = (await ctx.app.inject({ url: '/fr/c/settat/services' })).body;
  assert.match(after, /Rokhas\.ma/);
  assert.match(after, /plateforme retirée/);
  await focal.get('/admin/c/settat/services');
  assert.equal((await focal.post(`/admin/c/settat/services/platforms/${rokhas.id}`, { joined: '1', joined_on: '2024-01-01' })).statusCode, 404);
  assert.equal((await network.post(`/admin/platforms/${rokhas.id}/restore`, {})).statusCode, 303);
  assert.equal((await db.selectFrom('digital_platform').select('retired').where('id', '=', rokhas.id).executeTakeFirstOrThrow()).retired, 0);
});
