// The network's themes: the network administrator adds, edits, reorders, retires and restores
// them (each change in network_theme_change); staff give an axis a theme, a retired one is no
// longer offered but stays on the axes that have it; the Settat demo's axes have theirs. The
// wrong role, a focal point and a form without its CSRF token are refused.
import assert from 'node:assert/strict';
import test from 'node:test';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

test('the network administrator keeps the themes; each change is logged', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  await createStaff(ctx.database, 'dgct@interieur.ma', 'network_admin', null);
  await createStaff(ctx.database, 'focal@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(ctx.app).login('dgct@interieur.ma');
  const focal = await new StaffClient(ctx.app).login('focal@settat.ma');
  const count = async () => Number((await db.selectFrom('network_theme').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();

  const list = await admin.get('/admin/network/themes');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /الميزانية التشاركية/);

  // a focal point may not, nor a form without its token
  assert.equal((await focal.get('/admin/network/themes')).statusCode, 403);
  assert.equal((await focal.post('/admin/network/themes', { key: 'water', name_ar: 'الماء', position: '12' })).statusCode, 403);
  await admin.get('/admin/network/themes/new');
  assert.equal((await admin.post('/admin/network/themes', { key: 'water', name_ar: 'الماء', position: '12' }, { csrf: 'wrong' })).statusCode, 403);
  assert.equal(await count(), before);

  // bad input: the same form, values kept, localized messages; a key taken
  const bad = await admin.post('/admin/network/themes', { key: 'Eau potable', name_ar: '', position: '12' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /value="Eau potable"/);
  assert.match(bad.body, /حروف لاتينية صغيرة/);
  const taken = await admin.post('/admin/network/themes', { key: 'open_data', name_ar: 'البيانات', position: '12' });
  assert.equal(taken.statusCode, 400);
  assert.match(taken.body, /هذا المفتاح مستعمل/);
  assert.equal(await count(), before);

  const added = await admin.post('/admin/network/themes', { key: 'water', name_ar: 'الماء الصالح للشرب', name_fr: 'Eau potable', position: '12' });
  assert.equal(added.statusCode, 303);
  const water = await db.selectFrom('network_theme').selectAll().where('key', '=', 'water').executeTakeFirstOrThrow();
  assert.equal(water.name_fr, 'Eau potable');
  await admin.get(`/admin/network/themes/${water.id}`);
  assert.equal((await admin.post(`/admin/network/themes/${water.id}`, { key: 'water', name_ar: 'الماء والتطهير', position: '12', description_ar: 'الولوج إلى الماء' })).statusCode, 303);
  // moved up one place: it takes the place of the theme before it
  await admin.get('/admin/network/themes');
  assert.equal((await admin.post(`/admin/network/themes/${water.id}/up`, {})).statusCode, 303);
  const order = await db.selectFrom('network_theme').select(['key', 'position']).orderBy('position').execute();
  assert.equal(order.at(-2)!.key, 'water');
  assert.equal(order.at(-1)!.key, 'integrity');
  assert.equal((await admin.post(`/admin/network/themes/${water.id}/retire`, {})).statusCode, 303);
  assert.equal((await db.selectFrom('network_theme').select('retired').where('id', '=', water.id).executeTakeFirstOrThrow()).retired, 1);

  const log = await db.selectFrom('network_theme_change').selectAll().where('theme_id', '=', water.id).orderBy('id').execute();
  assert.deepEqual(log.map((l) => l.action), ['create', 'update', 'update', 'update']);
  assert.ok(log.every((l) => l.actor_user_id !== null));
  assert.deepEqual(JSON.parse(log[3]!.changes), [{ field: 'retired', before: 0, after: 1 }]);
  assert.match((await admin.get('/admin/network/themes')).body, /water/);
});

test('staff give an axis a theme; a retired theme is not offered but stays on its axes', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  await createStaff(ctx.database, 'editor@settat.ma', 'editor', 'settat');
  await createStaff(ctx.database, 'dgct@interieur.ma', 'network_admin', null);
  const editor = await new StaffClient(ctx.app).login('editor@settat.ma');
  const admin = await new StaffClient(ctx.app).login('dgct@interieur.ma');

  // the demo's four axes have their themes
  const axes = await db.selectFrom('axis as a').innerJoin('network_theme as t', 't.id', 'a.theme_id').select(['a.number', 't.key']).where('a.collectivity_id', '=', settat).orderBy('a.number').execute();
  assert.deepEqual(axes.slice(0, 4).map((a) => a.key), ['participatory_budget', 'gender_equality', 'digitalisation', 'dialogue']);

  const openData = await db.selectFrom('network_theme').select('id').where('key', '=', 'open_data').executeTakeFirstOrThrow();
  const integrity = await db.selectFrom('network_theme').select('id').where('key', '=', 'integrity').executeTakeFirstOrThrow();
  const form = await editor.get('/admin/c/settat/axes/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`<option value="${openData.id}"`));
  const created = await editor.post('/admin/c/settat/axes', { number: '9', title_ar: 'البيانات المفتوحة', theme_id: String(openData.id) });
  assert.equal(created.statusCode, 303);
  const axis = await db.selectFrom('axis').selectAll().where('collectivity_id', '=', settat).where('number', '=', 9).executeTakeFirstOrThrow();
  assert.equal(axis.theme_id, openData.id);
  // the history names the theme, not its id
  const entry = await db.selectFrom('change_log').select('changes').where('entity_type', '=', 'axis').where('entity_id', '=', axis.id).executeTakeFirstOrThrow();
  assert.match(entry.changes, /البيانات المفتوحة/);
  assert.doesNotMatch(entry.changes, /theme_id/);

  // retired: no longer offered to a new axis, refused if posted, kept by the axis that has it
  await admin.get('/admin/network/themes');
  await admin.post(`/admin/network/themes/${openData.id}/retire`, {});
  await admin.post(`/admin/network/themes/${integrity.id}/retire`, {});
  assert.doesNotMatch((await editor.get('/admin/c/settat/axes/new')).body, new RegExp(`<option value="${openData.id}"`));
  const refused = await editor.post('/admin/c/settat/axes', { number: '10', title_ar: 'محور', theme_id: String(integrity.id) });
  assert.equal(refused.statusCode, 400);
  assert.equal(await db.selectFrom('axis').select('id').where('collectivity_id', '=', settat).where('number', '=', 10).executeTakeFirst(), undefined);
  const edit = await editor.get(`/admin/c/settat/axes/${axis.id}`);
  assert.match(edit.body, new RegExp(`<option value="${openData.id}" selected`));
  assert.equal((await editor.post(`/admin/c/settat/axes/${axis.id}`, { number: '9', title_ar: 'البيانات المفتوحة والشفافية', theme_id: String(openData.id) })).statusCode, 303);
  // but may not move to another retired theme
  assert.equal((await editor.post(`/admin/c/settat/axes/${axis.id}`, { number: '9', title_ar: 'البيانات', theme_id: String(integrity.id) })).statusCode, 400);
  assert.equal((await db.selectFrom('axis').select('theme_id').where('id', '=', axis.id).executeTakeFirstOrThrow()).theme_id, openData.id);
});
