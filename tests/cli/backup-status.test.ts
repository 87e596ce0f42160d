// The last backup on the network administrator's back-office home, and the warning when none is
// newer than a day; other staff do not see it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StaffClient, buildTestApp, createStaff } from '../helpers/app.ts';

test('the back-office home shows the last backup to the network administrator, with a warning after a day', async (t) => {
  const { app, database } = await buildTestApp(t);
  await createStaff(database, 'network@infitah.ma', 'network_admin', null);
  await createStaff(database, 'focal@settat.ma', 'focal_point', 'settat');
  const admin = await new StaffClient(app).login('network@infitah.ma');

  let page = await admin.get('/admin');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 id="backup-status-title">النسخ الاحتياطية<\/h2>/);
  assert.match(page.body, /لم تُسجَّل أي نسخة احتياطية بعد/);
  assert.match(page.body, /role="alert">لا توجد نسخة احتياطية أحدث من يوم واحد/);

  const runs = database.db.withTables<{ backup_run: { at: string; kind: string; bytes: number; sha256: string; file_name: string } }>();
  const row = { kind: 'sqlite', sha256: 'a'.repeat(64) };
  await runs.insertInto('backup_run').values({ ...row, at: new Date(Date.now() - 30 * 3_600_000).toISOString(), bytes: 1_048_576, file_name: 'infitah-old.tar' }).execute();
  page = await admin.get('/admin');
  assert.match(page.body, /آخر نسخة احتياطية: .*، 1 ميغابايت \(infitah-old\.tar\)/);
  assert.match(page.body, /role="alert">لا توجد نسخة احتياطية أحدث من يوم واحد/, 'a day and more: still a warning');

  await runs.insertInto('backup_run').values({ ...row, at: new Date(Date.now() - 3_600_000).toISOString(), bytes: 3_407_872, file_name: 'infitah-new.tar' }).execute();
  page = await admin.get('/admin?lang=fr');
  assert.match(page.body, /<h2 id="backup-status-title">Sauvegardes<\/h2><p>Dernière sauvegarde : 5? ?[^<]*, 3,3 Mo \(infitah-new\.tar\)\.<\/p><\/section>/);
  assert.doesNotMatch(page.body, /moins d’un jour/);

  const focal = await new StaffClient(app).login('focal@settat.ma');
  page = await focal.get('/admin');
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /backup-status/);
});
