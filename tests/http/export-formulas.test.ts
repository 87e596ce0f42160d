// Issue 10 item 14: citizen and staff text that a spreadsheet would read as a formula (= + - @,
// or a tab or carriage return) is quoted in every CSV and XLSX export (OWASP's CSV injection rule),
// and numbers stay numbers. The files are read back with readers other than the libraries that
// wrote them: papaparse (not csv-stringify) and read-excel-file (not exceljs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Papa from 'papaparse';
import readExcelFile from 'read-excel-file/node';
import { readUpload } from '../../src/modules/transfer/read.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { addRound } from '../helpers/budget.ts';

const HYPERLINK = '=HYPERLINK("http://x","y")';
const SUM = '@SUM(1)';
const CMD = '+cmd|\' /C calc\'!A0';

const csvRows = (body: string) => Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
/** Text a spreadsheet would evaluate; a CSV number such as -1500 is read as a number. */
const formulaLike = (cell: unknown) => typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

test('programme exports: a cost note and a partner name that look like formulas are quoted in the CSV and the XLSX, and import back unchanged', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const cid = await collectivityId(database, 'settat');
  const tbd = await db.selectFrom('activity').select('id').where('collectivity_id', '=', cid).where('cost_kind', '=', 'tbd').executeTakeFirstOrThrow();
  await db.updateTable('activity').set({ cost_note_ar: HYPERLINK, cost_note_fr: HYPERLINK, cost_note_en: HYPERLINK }).where('id', '=', tbd.id).execute();
  const funded = await db.selectFrom('activity').select('funding_partner_id').where('collectivity_id', '=', cid).where('funding_kind', '=', 'partner').executeTakeFirstOrThrow();
  await db.updateTable('partner').set({ name_ar: SUM, name_fr: SUM, name_en: CMD }).where('id', '=', funded.funding_partner_id!).execute();
  // a negative amount (a correction) is a number, not text a spreadsheet would evaluate
  const other = await db.selectFrom('activity').select('id').where('collectivity_id', '=', cid).where('id', '!=', tbd.id).executeTakeFirstOrThrow();
  await db.updateTable('activity').set({ cost_kind: 'amount', cost_amount_mad: -1500 }).where('id', '=', other.id).execute();

  for (const lang of ['ar', 'fr', 'en']) {
    const res = await app.inject(`/api/v1/collectivities/settat/programme.csv?lang=${lang}`);
    assert.equal(res.statusCode, 200);
    const rows = csvRows(res.body);
    assert.equal(rows.length, 13);
    const cells = rows.flat();
    assert.deepEqual(cells.filter(formulaLike), [], `${lang}: no cell starts like a formula`);
    assert.ok(cells.includes(`'${HYPERLINK}`), `${lang}: the cost note is quoted`);
    assert.ok(cells.includes(lang === 'en' ? `'${CMD}` : `'${SUM}`), `${lang}: the partner is quoted`);
    // the partners column's bullets ("- A") are quoted too, and the number columns stay numbers
    assert.ok(rows.slice(1).every((r) => r[3] === '' || r[3].startsWith("'- ")));
    assert.ok(rows.slice(1).every((r) => /^\d+$/.test(r[10])));
    assert.ok(rows.slice(1).some((r) => r[4] === '-1500'), `${lang}: the negative amount is written as a number`);
  }

  const xlsx = await app.inject('/api/v1/collectivities/settat/programme.xlsx');
  assert.equal(xlsx.statusCode, 200);
  const sheets = await readExcelFile(xlsx.rawPayload);
  assert.deepEqual(sheets.map((s) => s.sheet), ['العربية', 'Français', 'English']);
  for (const { sheet, data } of sheets) {
    const cells = data.flat();
    assert.deepEqual(cells.filter(formulaLike), [], `${sheet}: no cell starts like a formula`);
    assert.ok(cells.includes(`'${HYPERLINK}`), `${sheet}: the cost note is quoted`);
    assert.ok(data.slice(1).every((r) => typeof r[10] === 'number'), `${sheet}: progress stays a number`);
    assert.ok(data.slice(1).some((r) => r[4] === -1500), `${sheet}: a negative amount stays a number`);
  }

  // the import takes the quote off again: the export still imports to the same texts
  for (const file of [xlsx.rawPayload, (await app.inject('/api/v1/collectivities/settat/programme.csv')).rawPayload]) {
    const read = await readUpload(file);
    assert.ok(read.ok);
    const cells = read.rows.flatMap((r) => r.cells);
    assert.ok(cells.includes(HYPERLINK));
    assert.ok(cells.includes(SUM));
    assert.ok(!cells.some((c) => c.startsWith("'")));
  }
});

test('budget results CSV: a citizen project titled as a formula is quoted; votes and costs stay numbers', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { roundId, p } = await addRound(db, await collectivityId(database, 'settat'), { voting: 'after' });
  await db.updateTable('budget_project').set({ title: HYPERLINK, neighbourhood: SUM }).where('id', '=', p.garden).execute();
  await db.updateTable('budget_project').set({ title: '-2+3', neighbourhood: '\t=1+1' }).where('id', '=', p.lights).execute();

  const res = await app.inject(`/api/v1/collectivities/settat/budgets/${roundId}/results.csv`);
  assert.equal(res.statusCode, 200);
  const rows = csvRows(res.body);
  assert.deepEqual(rows[0], ['district', 'rank', 'project_id', 'title', 'neighbourhood', 'cost_mad', 'votes', 'winner', 'activity_id']);
  assert.deepEqual(rows.flat().filter(formulaLike), []);
  const byId = new Map(rows.slice(1).map((r) => [Number(r[2]), r]));
  assert.deepEqual(byId.get(p.garden)!.slice(3, 7), [`'${HYPERLINK}`, `'${SUM}`, '400000', '0']);
  assert.deepEqual(byId.get(p.lights)!.slice(3, 5), ["'-2+3", "'\t=1+1"]);
});
