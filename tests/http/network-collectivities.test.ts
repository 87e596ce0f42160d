// The network administrator adds a collectivity under its parent and invites its focal point
// from the back office (/admin/collectivities/new); nobody else may.
import assert from 'node:assert/strict';
import test from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

test('a network admin adds a commune under its province and invites its focal point', async (t) => {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'network@infitah.ma', 'network_admin', null);
  const admin = await new StaffClient(ctx.app).login('network@infitah.ma');
  const dashboard = await admin.get('/admin');
  assert.match(dashboard.body, /href="\/admin\/collectivities\/new"/);
  const form = await admin.get('/admin/collectivities/new?lang=fr');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Province de Settat/);

  const province = await collectivityId(ctx.database, 'province-settat');
  const versionOf = async (id: number) => (await ctx.database.db.selectFrom('collectivity').select('content_version').where('id', '=', id).executeTakeFirstOrThrow()).content_version;
  const before = await versionOf(province);
  const res = await admin.post('/admin/collectivities', {
    kind: 'commune', parent: String(province), slug: 'berrechid-sud', name_ar: 'جماعة برشيد الجنوبية', name_fr: 'Commune de Berrechid-Sud', name_en: '', focal_email: 'Focal@Berrechid.ma',
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/admin/c/berrechid-sud/team');
  const row = await ctx.database.db.selectFrom('collectivity').selectAll().where('slug', '=', 'berrechid-sud').executeTakeFirstOrThrow();
  assert.deepEqual([row.kind, row.parent_id, row.name_en], ['commune', province, null]);
  assert.equal(await versionOf(province), before + 1, "the province's home lists its members");
  const invitation = await ctx.database.db.selectFrom('staff_invitation').select(['email', 'role']).where('collectivity_id', '=', row.id).executeTakeFirstOrThrow();
  assert.deepEqual(invitation, { email: 'focal@berrechid.ma', role: 'focal_point' });
  const mail = await ctx.database.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('collectivity_id', '=', row.id).executeTakeFirstOrThrow();
  assert.equal(mail.to_address, 'focal@berrechid.ma');
  assert.match(mail.text_body, /\/admin\/invitation\?token=/);
  assert.equal((await admin.get('/admin/c/berrechid-sud/team')).statusCode, 200);
});

test('bad input is refused with a message and nothing is saved', async (t) => {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'network@infitah.ma', 'network_admin', null);
  const admin = await new StaffClient(ctx.app).login('network@infitah.ma');
  await admin.get('/admin/collectivities/new?lang=en');
  const region = await collectivityId(ctx.database, 'casablanca-settat');
  const province = await collectivityId(ctx.database, 'province-settat');
  const count = async () => (await ctx.database.db.selectFrom('collectivity').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const n = Number(await count());
  const base = { kind: 'commune', parent: String(province), slug: 'nouvelle', name_ar: 'جماعة جديدة', focal_email: 'focal@nouvelle.ma' };
  for (const [form, message] of [
    [{ ...base, slug: 'settat' }, /Another collectivity already uses this identifier/],
    [{ ...base, slug: 'Nouvelle Commune' }, /Only lower-case Latin letters/],
    [{ ...base, parent: String(region) }, /Choose the commune&#39;s province or prefecture|Choose the commune's province or prefecture/],
    [{ ...base, kind: 'region' }, /A region is not part of another collectivity/],
    [{ ...base, name_ar: '' }, /field-error|required/i],
    [{ ...base, focal_email: 'not-an-address' }, /valid/i],
  ] as const) {
    const res = await admin.post('/admin/collectivities', form);
    assert.equal(res.statusCode, 400, JSON.stringify(form));
    assert.match(res.body, message);
  }
  assert.equal(Number(await count()), n);
  assert.equal(Number((await ctx.database.db.selectFrom('staff_invitation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);
});

test('a focal point or an anonymous visitor cannot add a collectivity', async (t) => {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  const focal = await new StaffClient(ctx.app).login('focal@settat.ma');
  assert.doesNotMatch((await focal.get('/admin')).body, /collectivities\/new/);
  assert.equal((await focal.get('/admin/collectivities/new')).statusCode, 403);
  assert.equal((await focal.post('/admin/collectivities', { kind: 'region', slug: 'x', name_ar: 'س', focal_email: 'a@b.ma' })).statusCode, 403);
  const anon = new StaffClient(ctx.app);
  assert.equal((await anon.get('/admin/collectivities/new')).statusCode, 303);
});

test('a province with 101 communes lists them 100 a page: the 101st is on page 2', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const province = await collectivityId(ctx.database, 'province-settat');
  const existing = (await db.selectFrom('collectivity').select('id').where('parent_id', '=', province).execute()).length;
  // slugs that sort after every existing member: the last of them is the 101st member or later
  for (let k = existing + 1; k <= 101; k++) {
    const n = String(k).padStart(3, '0');
    await db.insertInto('collectivity').values({ slug: `zz-commune-${n}`, kind: 'commune', parent_id: province, name_ar: `جماعة ${n}`, name_fr: `Commune ${n}`, name_en: null, created_at: new Date().toISOString() }).execute();
  }
  const members = (html: string) => [...(/<section aria-labelledby="members">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '').matchAll(/<li><a href="\/fr\/c\/([a-z0-9-]+)">/g)].map((m) => m[1]);
  const first = (await ctx.app.inject('/fr/c/province-settat')).body;
  assert.equal(members(first).length, 100);
  assert.ok(!members(first).includes('zz-commune-101'));
  const next = /<a href="([^"#]+)#members" rel="next">/.exec(first)?.[1];
  assert.match(String(next), /^\/fr\/c\/province-settat\?after=[a-z0-9-]+$/);
  const second = (await ctx.app.inject(String(next))).body;
  assert.deepEqual(members(second), ['zz-commune-101'], 'page 2 (its own cache entry)');
  assert.match(second, /<a href="\/fr\/c\/province-settat#members">Première page<\/a>/);
  assert.doesNotMatch(second, /rel="next"/);
  assert.equal(members((await ctx.app.inject('/fr/c/province-settat')).body).length, 100, 'page 1 is still page 1');
});
