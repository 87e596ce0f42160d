// Issue 10 item 20: what the open-data API serves is read by independent clients, not by the
// libraries that wrote it: the OpenAPI document validates with @apidevtools/swagger-parser (as
// code generators read it), the iCal export parses with ical.js (not ical-generator), the XLSX
// with read-excel-file (not exceljs) and the CSV with papaparse (not csv-stringify).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import ICAL from 'ical.js';
import Papa from 'papaparse';
import readExcelFile from 'read-excel-file/node';
import { buildTestApp } from '../helpers/app.ts';

test('the OpenAPI document validates: every $ref points to a schema registered in components', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/api/v1/openapi.json');
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  const refs = [...res.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.includes('Collectivity') && refs.includes('Problem'), 'the document uses $refs');
  for (const name of new Set(refs)) assert.ok(doc.components.schemas[name], `components.schemas.${name}`);

  const api = await SwaggerParser.validate(structuredClone(doc));
  assert.equal(api.info.title, 'Infitah open data API');
  // validate() resolves the $refs: the list's items read as the Collectivity schema
  type Schema = { properties: Record<string, Schema & { items: Schema }> };
  const list = (api.paths!['/api/v1/collectivities']!.get!.responses['200'] as { content: Record<string, { schema: Schema }> }).content['application/json'].schema;
  assert.deepEqual(Object.keys(list.properties.items.items.properties).sort(), ['demo', 'kind', 'name', 'parent', 'slug']);
});

test('the iCal, XLSX and CSV exports read back with independent readers, with their real content', async (t) => {
  const { app } = await buildTestApp(t);

  const ics = await app.inject('/api/v1/collectivities/settat/programme.ics?lang=fr');
  assert.equal(ics.statusCode, 200);
  const calendar = new ICAL.Component(ICAL.parse(ics.body));
  assert.equal(calendar.name, 'vcalendar');
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.equal(events.length, 24);
  assert.ok(events.every((e) => e.startDate.isDate), 'all-day events');
  assert.equal(new Set(events.map((e) => e.uid)).size, 24);
  const first = events.find((e) => /^Début de l'activité 1\.1/.test(e.summary));
  assert.ok(first, events.map((e) => e.summary).join(' | '));
  assert.equal(first.startDate.toString(), '2024-01-01');
  assert.match(String(first.component.getFirstPropertyValue('url')), /\/fr\/c\/settat\/programme\/activities\/\d+$/);

  const xlsx = await app.inject('/api/v1/collectivities/settat/programme.xlsx');
  const sheets = await readExcelFile(xlsx.rawPayload);
  assert.deepEqual(sheets.map((s) => s.sheet), ['العربية', 'Français', 'English']);
  const ar = sheets[0].data;
  assert.equal(ar.length, 13);
  assert.equal(ar[1][0], 'المحور 1: الميزانية التشاركية');
  assert.equal(ar[3][4], 'ستحدد من الجهة الملزمة بتنفيذ النشاط');
  const start = ar[1][7];
  assert.ok(start instanceof Date, 'dates are date cells');
  assert.equal(start.toISOString().slice(0, 10), '2024-01-01');
  assert.equal(ar[1][6], 12);
  assert.equal(sheets[1].data[1][0], 'Axe 1: Budget participatif');

  const csv = await app.inject('/api/v1/collectivities/settat/programme.csv?lang=fr');
  assert.equal(csv.body.charCodeAt(0), 0xfeff, 'a BOM, so Excel reads UTF-8');
  const { data, errors } = Papa.parse<string[]>(csv.body.slice(1), { skipEmptyLines: true });
  assert.deepEqual(errors, []);
  assert.equal(data.length, 13);
  assert.deepEqual(data[0].slice(0, 3), ['Axe', 'Projet', 'Activité']);
  assert.equal(data[1][0], 'Axe 1: Budget participatif');
  assert.deepEqual(data.slice(1).map((r) => [r[7], r[8]]).at(-1), ['2024-01-01', '2025-12-31']);
});
