// Exports of the current programme: each file parses back — the XLSX with exceljs (merged axis
// and project cells, the Arabic sheet right-to-left) and imports again to the same structure, the
// CSV with csv-parse, the JSON against the API's shape, the iCal by its events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { programmeResponse } from '../../src/modules/programme/api.ts';
import { readUpload } from '../../src/modules/transfer/read.ts';
import { knownThemes, planImport } from '../../src/modules/transfer/plan.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';

test('XLSX: a sheet per language, the Arabic one right-to-left, axis and project cells merged; it imports back to the same plan', async (t) => {
  const { app, database } = await buildTestApp(t);
  const res = await app.inject({ url: '/api/v1/collectivities/settat/programme.xlsx' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="settat-programme-2024-2025\.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['العربية', 'Français', 'English']);
  const [ar, fr] = workbook.worksheets;
  assert.equal(ar.views[0].rightToLeft, true);
  assert.notEqual(fr.views[0].rightToLeft, true);
  // axis 1 = project 1 (rows 2–5), axis 2 = project 2 (6–9), axis 3 (10–11), axis 4 (12–13)
  const merges = (ar as unknown as { model: { merges: string[] } }).model.merges.sort();
  assert.deepEqual(merges, ['A10:A11', 'A12:A13', 'A2:A5', 'A6:A9', 'B10:B11', 'B12:B13', 'B2:B5', 'B6:B9', 'G10:G11', 'G12:G13', 'G2:G5', 'G6:G9'].sort());
  assert.equal(ar.getCell('A2').value, 'المحور 1: الميزانية التشاركية');
  assert.equal(fr.getCell('A2').value, 'Axe 1: Budget participatif');
  assert.equal(ar.getCell('E4').value, 'ستحدد من الجهة الملزمة بتنفيذ النشاط');
  assert.equal((ar.getCell('H2').value as Date).toISOString().slice(0, 10), '2024-01-01');
  assert.equal(ar.getCell('G2').value, 12);
  assert.equal(ar.rowCount, 13);

  // export then import gives back the same programme
  const read = await readUpload(res.rawPayload);
  assert.ok(read.ok);
  const known = await database.db.selectFrom('partner').selectAll().where('collectivity_id', '=', await collectivityId(database, 'settat')).execute();
  const { plan, problems } = planImport(read.rows, known, await knownThemes(database.db));
  assert.deepEqual(problems, []);
  assert.deepEqual(plan.counts, { axes: 4, projects: 4, activities: 12, partners: 6, newPartners: 0 });
  // each axis's theme (its name in the theme column, found by its heading) comes back too
  const themed = await database.db.selectFrom('axis as a').innerJoin('programme as p', 'p.id', 'a.programme_id').innerJoin('collectivity as c', 'c.id', 'a.collectivity_id')
    .select(['a.number', 'a.theme_id']).where('c.slug', '=', 'settat').where('p.is_current', '=', 1).orderBy('a.number').execute();
  assert.ok(themed.some((a) => a.theme_id !== null), 'the demo classifies its axes');
  assert.deepEqual(plan.axes.map((a) => [a.number, a.themeId]), themed.map((a) => [a.number, a.theme_id]));
  const api = (await app.inject({ url: '/api/v1/collectivities/settat/programme' })).json().programme;
  assert.deepEqual(
    plan.axes.map((a) => ({ n: a.number, title: a.title, projects: a.projects.map((p) => ({ n: p.number, months: p.durationMonths, activities: p.activities.map((x) => [x.number, x.title, x.start, x.end, x.cost.kind]) })) })),
    api.axes.map((a: any) => ({
      n: a.number,
      title: a.title.ar,
      projects: a.projects.map((p: any) => ({ n: p.number, months: p.durationMonths, activities: p.activities.map((x: any) => [x.number, x.title.ar, x.start, x.end, x.cost.kind]) })),
    })),
  );
});

test('CSV in the asked language, one row per activity; JSON is the API document; iCal has each start and end', async (t) => {
  const { app } = await buildTestApp(t);
  const csv = await app.inject({ url: '/api/v1/collectivities/settat/programme.csv?lang=fr' });
  assert.equal(csv.statusCode, 200);
  const rows = parse(csv.body, { bom: true }) as string[][];
  assert.equal(rows.length, 13);
  assert.deepEqual(rows[0].slice(0, 3), ['Axe', 'Projet', 'Activité']);
  assert.equal(rows[3][4], "À déterminer par l'entité chargée de la mise en œuvre de l'activité");
  assert.equal(rows[3][5].startsWith('Enabel'), true);
  assert.deepEqual(rows.slice(1).map((r) => [r[7], r[8]]).at(-1), ['2024-01-01', '2025-12-31']);
  const ar = parse((await app.inject({ url: '/api/v1/collectivities/settat/programme.csv' })).body, { bom: true }) as string[][];
  assert.equal(ar[1][5], 'ذاتي');

  const json = await app.inject({ url: '/api/v1/collectivities/settat/programme.json' });
  assert.equal(json.statusCode, 200);
  const doc = JSON.parse(json.body);
  programmeResponse.parse(doc);
  assert.deepEqual(doc, (await app.inject({ url: '/api/v1/collectivities/settat/programme' })).json());

  const ics = await app.inject({ url: '/api/v1/collectivities/settat/programme.ics?lang=ar' });
  assert.equal(ics.statusCode, 200);
  assert.match(String(ics.headers['content-type']), /text\/calendar/);
  const text = ics.body.replace(/\r\n[ \t]/g, ''); // unfold lines
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /END:VCALENDAR\r\n$/);
  const events = text.split('BEGIN:VEVENT').slice(1);
  assert.equal(events.length, 24);
  const first = events.filter((e) => /UID:activity-\d+-(start|end)@/.test(e)).map((e) => /DTSTART;VALUE=DATE:(\d{8})/.exec(e)![1]);
  assert.equal(first.length, 24);
  assert.ok(first.includes('20251231'));
  assert.match(text, /SUMMARY:بداية النشاط 1\.1: نشر مواد رقمية/);
});

test('exports: ETag by content version, 404 problem for an unknown collectivity, a pending import is not exported', async (t) => {
  const { app, database } = await buildTestApp(t);
  const first = await app.inject({ url: '/api/v1/collectivities/settat/programme.json' });
  const etag = String(first.headers.etag);
  const again = await app.inject({ url: '/api/v1/collectivities/settat/programme.json', headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  // the CSV names each axis's theme: a theme renamed (no collectivity's version moves) is a new CSV
  const csv = await app.inject({ url: '/api/v1/collectivities/settat/programme.csv?lang=fr' });
  const csvTag = { 'if-none-match': String(csv.headers.etag) };
  assert.equal((await app.inject({ url: '/api/v1/collectivities/settat/programme.csv?lang=fr', headers: csvTag })).statusCode, 304);
  await database.db.updateTable('network_theme').set({ name_fr: 'Budget participatif et concerté', updated_at: new Date(Date.now() + 1000).toISOString() }).where('key', '=', 'participatory_budget').execute();
  const renamed = await app.inject({ url: '/api/v1/collectivities/settat/programme.csv?lang=fr', headers: csvTag });
  assert.equal(renamed.statusCode, 200);
  assert.match(renamed.body, /Budget participatif et concerté/);
  const missing = await app.inject({ url: '/api/v1/collectivities/atlantis/programme.xlsx' });
  assert.equal(missing.statusCode, 404);
  assert.match(String(missing.headers['content-type']), /problem\+json/);
  const empty = await app.inject({ url: '/api/v1/collectivities/casablanca-settat/programme.csv' });
  assert.equal(empty.statusCode, 404);

  // an imported draft newer than the current one changes nothing in the exports
  const cid = await collectivityId(database, 'settat');
  await database.db
    .insertInto('programme')
    .values({ collectivity_id: cid, title_ar: 'برنامج مستورد', start_year: 2026, end_year: 2027, status: 'draft', created_at: new Date().toISOString() })
    .execute();
  const after = await app.inject({ url: '/api/v1/collectivities/settat/programme.json' });
  assert.deepEqual(JSON.parse(after.body), JSON.parse(first.body));

  const page = await app.inject({ url: '/fr/c/settat/programme' });
  for (const ext of ['xlsx', 'csv?lang=fr', 'json', 'ics?lang=fr']) assert.ok(page.body.includes(`href="/api/v1/collectivities/settat/programme.${ext}"`), ext);
});
