// Big files (issue 10, item 12). A workbook over the limits (rows, cells, unzipped size) is refused
// with a message that says them, before exceljs loads it (which is read in a worker thread: the
// bench, bench/uploads.ts, measures /healthz meanwhile); a legal workbook still reads as before.
// A large census is parsed as a stream: rows are still numbered right across its slices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { readUpload, withinXlsxLimits } from '../../src/modules/transfer/read.ts';
import { StaffClient, buildTestApp, createStaff } from '../helpers/app.ts';
import { setup as budgetSetup, uploadCensus } from '../helpers/budget.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: number, columns: number, cell: (r: number, c: number) => string | number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('plan');
  for (let r = 1; r <= rows; r++) sheet.addRow(Array.from({ length: columns }, (_, c) => cell(r, c)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function admin(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  await createStaff(ctx.database, 'admin@settat.ma', 'focal_point', 'settat');
  const client = await new StaffClient(ctx.app).login('admin@settat.ma');
  await client.get('/admin/c/settat/import');
  return { ...ctx, client };
}

test('a workbook over the limits is refused with the limits in the message (ar, fr, en), nothing imported', async (t) => {
  const { database, client } = await admin(t);
  const pending = async () => (await database.db.selectFrom('programme').select('id').execute()).length;
  const before = await pending();
  const files = {
    // 10,001 rows of one cell
    rows: await workbook(10_001, 1, (r) => r),
    // 210,000 cells in 10,000 rows
    cells: await workbook(10_000, 21, (r, c) => r * c),
    // 700 cells of 32,000 characters: 22 MB unzipped, a few KB zipped
    unzipped: await workbook(700, 1, (r) => `${r}`.padEnd(32_000, 'ا')),
  };
  for (const [what, content] of Object.entries(files)) {
    assert.equal(withinXlsxLimits(content), false, what);
    const res = await client.postMultipart('/admin/c/settat/import/preview', {}, [{ name: 'plan.xlsx', type: XLSX, content, field: 'file' }]);
    assert.equal(res.statusCode, 400, what);
    assert.match(res.body, /المصنف أكبر من أن يقرأ: 10.000 صف و200.000 خلية و20 ميغابايت بعد فك الضغط على الأكثر/, what);
  }
  const fr = await client.postMultipart('/admin/c/settat/import/preview?lang=fr', {}, [{ name: 'plan.xlsx', type: XLSX, content: files.cells, field: 'file' }]);
  assert.match(fr.body, /Le classeur est trop volumineux pour être lu : au plus 10.000 lignes, 200.000 cellules et 20 Mo une fois décompressé/);
  const en = await client.postMultipart('/admin/c/settat/import/preview?lang=en', {}, [{ name: 'plan.xlsx', type: XLSX, content: files.rows, field: 'file' }]);
  assert.match(en.body, /The workbook is too large to read: at most 10,000 rows, 200,000 cells and 20 MB once unzipped/);
  assert.equal(await pending(), before);
});

test('a workbook within the limits is read in a worker thread as before: cells, merged cells, formulas refused', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('مصفوفة');
  sheet.addRow(['المحور', 'المشروع', 'الأنشطة']);
  sheet.addRow(['المحور 1', 'المشروع 1', 'لقاء تواصلي']);
  sheet.addRow([null, null, 'ورشة']);
  sheet.mergeCells('A2:A3');
  const read = await readUpload(Buffer.from(await book.xlsx.writeBuffer()));
  assert.ok(read.ok);
  assert.deepEqual(read.rows, [
    { row: 1, cells: ['المحور', 'المشروع', 'الأنشطة'] },
    { row: 2, cells: ['المحور 1', 'المشروع 1', 'لقاء تواصلي'] },
    { row: 3, cells: ['المحور 1', '', 'ورشة'] },
  ]);
  sheet.getCell('B3').value = { formula: 'B2' } as ExcelJS.CellFormulaValue;
  const formula = await readUpload(Buffer.from(await book.xlsx.writeBuffer()));
  assert.equal(formula.ok, false);
  assert.ok(!formula.ok && formula.problems.some((p) => p.key === 'transfer.problems.formula'));
  // the largest legal shape passes the limits
  assert.equal(withinXlsxLimits(await workbook(5_001, 9, (r, c) => `${r}-${c}`)), true);
  // not a zip at all: unreadable, not "too big"
  const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]);
  const unreadable = await readUpload(broken);
  assert.ok(!unreadable.ok && unreadable.problems[0]!.key !== 'transfer.problems.workbookTooBig');
});

test('a census of 6,000 rows is read as a stream: its bad row is named by its number, then it loads', async (t) => {
  const { admin: staff, roundId, db } = await budgetSetup(t);
  const rows = [['CIN', 'date_naissance', 'genre'], ...Array.from({ length: 6_000 }, (_, i) => [`AB${String(i).padStart(6, '0')}`, '1980-05-17', i % 2 ? 'F' : 'M'])];
  rows[4_321] = ['AB004320', '1980-02-30', 'F'];
  const refused = await uploadCensus(staff, roundId, rows);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /4322/);
  rows[4_321] = ['AB004320', '30/01/1980', 'F'];
  const loaded = await uploadCensus(staff, roundId, rows);
  assert.equal(loaded.statusCode, 303, loaded.body.slice(0, 300));
  const count = await db.selectFrom('budget_census').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 6_000);
});
