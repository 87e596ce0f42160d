// `infitah import-programme` and `infitah export-programme`, spawned as staff would run them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { loadDemoContent } from '../../src/modules/demo.ts';
import { freshDatabase } from '../helpers/app.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
const fixture = join(import.meta.dirname, '..', 'fixtures', 'settat-matrix.tsv');

test('import-programme: dry run, import as a pending draft, invalid rows exit non-zero; export-programme: xlsx, csv, json', async (t) => {
  const { url, database } = await freshDatabase(t);
  await loadDemoContent(database.db);
  const dir = mkdtempSync(join(tmpdir(), 'infitah-transfer-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  // Settat's programmes (the demo has another commune's too)
  const settat = await database.db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirstOrThrow();
  const programmes = async () => (await database.db.selectFrom('programme').select(['id', 'status', 'is_current']).where('collectivity_id', '=', settat.id).orderBy('id').execute());

  const dry = run('import-programme', fixture, '--collectivity', 'settat', '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /Serait importé : 4 axes, 4 projets, 12 activités, 6 partenaires \(aucun nouveau\)/);
  // the current programme, and the next one the demo has in co-creation
  const before = (await programmes()).length;
  assert.equal(before, 2);

  const real = run('import-programme', fixture, '--collectivity', 'settat', '--lang', 'ar');
  assert.equal(real.status, 0, real.stderr);
  assert.match(real.stdout, /4 محاور، 4 مشاريع، 12 نشاطا، 6 شركاء/);
  assert.match(real.stderr, /12\/12/); // the progress bar
  const after = await programmes();
  assert.equal(after.length, before + 1);
  assert.deepEqual({ status: after.at(-1)!.status, current: Number(after.at(-1)!.is_current) }, { status: 'draft', current: 0 });

  // wrong dates and an unknown partner: every problem by row, exit status 1, nothing imported
  const bad = join(dir, 'bad.tsv');
  writeFileSync(bad, readFileSync(fixture, 'utf8').replace('2024/01/01\t2024/12/31\n\t\tالنشاط 2', '2024/13/01\t2024/12/31\n\t\tالنشاط 2').replace('- جامعة الحسن الأول', '- جمعية الأمل'));
  const refused = run('import-programme', bad, '--collectivity', 'settat', '--lang', 'en');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /Row 2, Start date: The date "2024\/13\/01" is not valid/);
  assert.match(refused.stderr, /Unknown partners: جمعية الأمل/);
  assert.match(refused.stderr, /2 problems: nothing was imported/);
  assert.equal((await programmes()).length, before + 1);
  const unknown = run('import-programme', fixture, '--collectivity', 'atlantis');
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /Unknown collectivity atlantis/);

  const xlsx = join(dir, 'settat.xlsx');
  const exported = run('export-programme', '--collectivity', 'settat', '--format', 'xlsx', '-o', xlsx);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stderr, /36\/36/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsx);
  assert.equal(workbook.worksheets[0].rowCount, 13);
  assert.equal(workbook.worksheets[0].views[0].rightToLeft, true);
  // the exported workbook imports again
  const again = run('import-programme', xlsx, '--collectivity', 'settat', '--dry-run');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /4 axes, 4 projets, 12 activités/);

  const csv = run('export-programme', '--collectivity', 'settat', '--format', 'csv', '--lang', 'fr');
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal((parse(csv.stdout, { bom: true }) as string[][]).length, 13);
  const json = run('export-programme', '--collectivity', 'settat', '--format', 'json', '-o', join(dir, 'p.json'));
  assert.equal(json.status, 0, json.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')).programme.axes.length, 4);
});
