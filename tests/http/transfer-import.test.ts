// Import of an action plan: the Settat matrix pasted as it is gives the demo's structure; every
// bad input is refused with a message by row and column and nothing is saved; only an
// administrator of the collectivity may import, adopt or discard.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { settat } from '../../src/modules/programme/seed/settat.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'settat-matrix.tsv'), 'utf8');

/** A multipart body as a browser sends the import form. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----infitah' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: StaffClient, slug: string, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }, csrf = client.csrf) {
  const body = multipart({ _csrf: csrf, ...fields }, file);
  const res = await client.app.inject({
    method: 'POST',
    url: `/admin/c/${slug}/import/preview`,
    headers: { cookie: client.jar.header(), 'content-type': body.contentType },
    payload: body.payload,
  });
  client.jar.store(res.headers['set-cookie']);
  return res;
}

const hidden = (html: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'") : null;
};

async function counts(t: TestApp, programmeId: number) {
  const db = t.database.db;
  const n = async (table: 'axis' | 'project' | 'activity') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('programme_id', '=', programmeId).executeTakeFirstOrThrow()).n);
  return { axes: await n('axis'), projects: await n('project'), activities: await n('activity') };
}

async function programmeCount(t: TestApp) {
  return Number((await t.database.db.selectFrom('programme').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

test('the Settat matrix pasted as it is imports to the demo structure, as a draft that cannot take the adopted programme’s period', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const client = await new StaffClient(app.app).login('admin@settat.ma');
  const overview = await client.get('/admin/c/settat');
  assert.match(overview.body, /href="\/admin\/c\/settat\/import"/);
  assert.match(overview.body, /href="\/admin\/c\/settat\/consistency"/);

  await client.get('/admin/c/settat/import?lang=ar');
  const preview = await upload(client, 'settat', { text: fixture, title: '' });
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 3000));
  assert.match(preview.body, /4 محاور، 4 مشاريع، 12 نشاطا، 6 شركاء/);
  // a "-" cost is "no cost", as the public page says it; the document's own words are kept otherwise
  assert.equal(preview.body.match(/<td>بدون تكلفة<\/td>/g)?.length, 8);
  assert.equal(preview.body.match(/<td>ستحدد من الجهة الملزمة بتنفيذ النشاط<\/td>/g)?.length, 4);
  const rows = hidden(preview.body, 'rows');
  assert.ok(rows);

  const before = await client.app.inject({ url: '/api/v1/collectivities/settat/programme' });
  const res = await client.post('/admin/c/settat/import', { rows, title: '' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const id = Number(/\/import\/(\d+)$/.exec(res.headers.location as string)![1]);

  // same structure as the demo: numbers, titles' numbering, partners, cost, funding and dates
  const db = app.database.db;
  const cid = await collectivityId(app.database, 'settat');
  const axes = await db.selectFrom('axis').selectAll().where('programme_id', '=', id).orderBy('number').execute();
  const projects = await db.selectFrom('project').selectAll().where('programme_id', '=', id).orderBy('number').execute();
  const activities = await db.selectFrom('activity').selectAll().where('programme_id', '=', id).orderBy('project_id').orderBy('number').execute();
  const partners = new Map((await db.selectFrom('partner').selectAll().where('collectivity_id', '=', cid).execute()).map((p) => [p.id, p.name_ar]));
  const key = new Map(settat.partners.map((p) => [p.name.ar, p.key]));
  const links = await db.selectFrom('activity_partner').selectAll().where('collectivity_id', '=', cid).orderBy('position').execute();
  const demo = settat.programme.axes;
  assert.deepEqual(axes.map((a) => [a.number, a.title_ar]), demo.map((a) => [a.number, a.title.ar]).map(([n, title]) => [n, n === 4 ? 'خلق آلية دائمة للتداول' : title]));
  assert.deepEqual(
    projects.map((p) => [axes.find((a) => a.id === p.axis_id)!.number, p.number, p.duration_months]),
    demo.flatMap((a) => a.projects.map((p) => [a.number, p.number, p.durationMonths])),
  );
  const demoActivities = demo.flatMap((a) => a.projects.flatMap((p) => p.activities.map((x) => ({ project: p.number, ...x }))));
  assert.equal(activities.length, 12);
  assert.deepEqual(
    activities.map((a) => ({
      project: projects.find((p) => p.id === a.project_id)!.number,
      number: a.number,
      partners: links.filter((l) => l.activity_id === a.id).map((l) => key.get(partners.get(l.partner_id)!)),
      cost: a.cost_kind,
      funding: a.funding_kind === 'partner' ? key.get(partners.get(a.funding_partner_id!)!) : 'own',
      start: a.start_date,
      end: a.end_date,
    })),
    demoActivities.map((x) => ({
      project: x.project,
      number: x.number,
      partners: x.partners,
      cost: x.cost.kind,
      funding: x.funding.kind === 'partner' ? x.funding.partner : 'own',
      start: x.start,
      end: x.end,
    })),
  );
  const draft = await db.selectFrom('programme').select(['status', 'is_current']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual({ status: draft.status, current: Number(draft.is_current) }, { status: 'draft', current: 0 });

  // the adopted programme stays public and untouched
  const after = await client.app.inject({ url: '/api/v1/collectivities/settat/programme' });
  assert.deepEqual(after.json(), before.json());

  const review = await client.get(res.headers.location as string);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /في انتظار|غير منشور/);
  assert.match(review.body, /ملاحظ/); // the consistency report after the import…
  assert.doesNotMatch(review.body, /التكلفة/); // …which does not ask for the "-" costs

  // adopting it would give two public programmes the same period, and the same URL: refused
  const adopted = await client.post(`/admin/c/settat/programmes/${id}/adopt`, { adoption_session_ar: 'دورة أكتوبر 2025', adoption_date: '2025-10-07' });
  assert.equal(adopted.statusCode, 400);
  assert.match(adopted.body, /برنامج آخر منشور يحمل الفترة/);
  assert.deepEqual((await client.app.inject({ url: '/api/v1/collectivities/settat/programme' })).json(), before.json());
});

/** An XLSX workbook of the fixture's rows, with a twist. */
async function workbook(twist: (wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void = () => {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('المصفوفة');
  for (const line of fixture.trimEnd().split('\n')) sheet.addRow(line.split('\t'));
  twist(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('bad input is refused with a localized message by row and column, and nothing is imported', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const client = await new StaffClient(app.app).login('admin@settat.ma');
  await client.get('/admin/c/settat/import?lang=fr');
  const programmes = await programmeCount(app);

  // an XLSX file is read like the pasted table
  const ok = await upload(client, 'settat', {}, { name: 'matrice.xlsx', type: XLSX, data: await workbook() });
  assert.equal(ok.statusCode, 200, ok.body.slice(0, 2000));
  assert.match(ok.body, /4 axes, 4 projets, 12 activités, 6 partenaires/);

  const cases: [string, Awaited<ReturnType<typeof upload>>, RegExp][] = [
    ['unreadable', await upload(client, 'settat', {}, { name: 'matrice.xlsx', type: XLSX, data: (await workbook()).subarray(0, 3000) }), /Le fichier est illisible/],
    ['not utf-8', await upload(client, 'settat', {}, { name: 'matrice.csv', type: 'text/csv', data: Buffer.from([0x41, 0x09, 0xc7, 0xe1, 0xcc, 0xe3, 0xc7, 0xda, 0xc9, 0x0a]) }), /pas un texte UTF-8/],
    ['wrong format', await upload(client, 'settat', {}, { name: 'matrice.xlsx', type: XLSX, data: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n') }), /Format de fichier refusé \(pdf\)/],
    ['formula', await upload(client, 'settat', {}, { name: 'm.xlsx', type: XLSX, data: await workbook((_wb, s) => { s.getCell('E3').value = { formula: '1+1', result: 2 }; }) }), /La cellule E3 contient une formule/],
    ['hidden sheet', await upload(client, 'settat', {}, { name: 'm.xlsx', type: XLSX, data: await workbook((wb) => { wb.addWorksheet('brouillon', { state: 'hidden' }); }) }), /feuilles masquées \(brouillon\)/],
    ['wrong date', await upload(client, 'settat', { text: fixture.replace('2024/01/01\t2024/12/31\n\t\tالنشاط 2', '2024/13/01\t31-12-2024\n\t\tالنشاط 2') }), /«&nbsp;2024\/13\/01&nbsp;»|« 2024\/13\/01 »/],
    ['nothing', await upload(client, 'settat', { text: '   ' }), /Choisissez un fichier ou collez le tableau/],
    ['no axis', await upload(client, 'settat', { text: fixture.split('\n').slice(2).join('\n') }), /Aucun axe au-dessus de cette ligne/],
    ['bad duration', await upload(client, 'settat', { text: fixture.replace('\tسنة\t', '\tقريبا\t') }), /Durée « قريبا » incomprise/],
  ];
  for (const [name, res, message] of cases) {
    assert.equal(res.statusCode, 400, name);
    assert.match(res.body, message, name);
    assert.match(res.body, /Rien n&#39;a été importé|Rien n'a été importé/, name);
    assert.doesNotMatch(res.body, /name="rows"/, name);
  }
  // the wrong date names its row and column
  const wrongDate = cases[5][1].body;
  assert.match(wrongDate, /<td>2<\/td><td>Date de début<\/td>/);
  assert.match(wrongDate, /<td>2<\/td><td>Date de fin<\/td>/);

  // over the size limit
  const big = await upload(client, 'settat', {}, { name: 'big.csv', type: 'text/csv', data: Buffer.alloc(5 * 1024 * 1024 + 10, 0x41) });
  assert.equal(big.statusCode, 413);
  assert.match(big.body, /dépasse la taille permise \(5 Mo\)/);

  // an unknown partner is proposed for creation; without consent nothing is imported
  const withNew = fixture.replace('- جامعة الحسن الأول', '- جمعية الأمل للتنمية');
  const preview = await upload(client, 'settat', { text: withNew });
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /1 nouveau partenaire sera créé/);
  assert.match(preview.body, /<li>جمعية الأمل للتنمية<\/li>/);
  const rows = hidden(preview.body, 'rows')!;
  const refused = await client.post('/admin/c/settat/import', { rows, title: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Partenaires inconnus : جمعية الأمل للتنمية/);
  assert.equal(await programmeCount(app), programmes);

  // an invalid row sent to the import (not through the preview) → nothing imported, at all
  const tampered = JSON.parse(rows) as { row: number; cells: string[] }[];
  tampered[tampered.length - 1].cells[8] = '2025/02/30';
  const invalid = await client.post('/admin/c/settat/import', { rows: JSON.stringify(tampered), title: '', create_partners: '1' });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /La date « 2025\/02\/30 » est invalide/);
  assert.equal(await programmeCount(app), programmes);
  const partnersBefore = await app.database.db.selectFrom('partner').select('id').execute();
  assert.equal(partnersBefore.some(Boolean), true);
  assert.equal((await app.database.db.selectFrom('partner').select('id').where('name_ar', '=', 'جمعية الأمل للتنمية').execute()).length, 0);

  // with consent: imported, the partner created
  const created = await client.post('/admin/c/settat/import', { rows, title: 'برنامج تجريبي', create_partners: '1' });
  assert.equal(created.statusCode, 303);
  const id = Number(/\/import\/(\d+)$/.exec(created.headers.location as string)![1]);
  assert.deepEqual(await counts(app, id), { axes: 4, projects: 4, activities: 12 });
  assert.equal((await app.database.db.selectFrom('programme').select('title_ar').where('id', '=', id).executeTakeFirstOrThrow()).title_ar, 'برنامج تجريبي');
  assert.equal((await app.database.db.selectFrom('partner').select('id').where('name_ar', '=', 'جمعية الأمل للتنمية').execute()).length, 1);
});

test('only an administrator of the collectivity imports, replaces or discards; no session, another collectivity or no CSRF token change nothing', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  await createStaff(app.database, 'focal@settat.ma', 'editor', 'settat');
  await createStaff(app.database, 'committee@settat.ma', 'committee_member', 'settat');
  await createStaff(app.database, 'admin@province.ma', 'focal_point', 'province-settat');
  const admin = await new StaffClient(app.app).login('admin@settat.ma');
  await admin.get('/admin/c/settat/import');
  const preview = await upload(admin, 'settat', { text: fixture });
  const rows = hidden(preview.body, 'rows')!;
  const imported = await admin.post('/admin/c/settat/import', { rows });
  const id = Number(/\/import\/(\d+)$/.exec(imported.headers.location as string)![1]);
  const programmes = await programmeCount(app);
  const version = async () => (await app.database.db.selectFrom('collectivity').select('content_version').where('slug', '=', 'settat').executeTakeFirstOrThrow()).content_version;
  const v0 = await version();

  for (const email of ['focal@settat.ma', 'committee@settat.ma', 'admin@province.ma']) {
    const other = await new StaffClient(app.app).login(email);
    await other.get('/admin');
    assert.equal((await other.get('/admin/c/settat/import')).statusCode, 403, email);
    assert.equal((await other.get(`/admin/c/settat/import/${id}`)).statusCode, 403, email);
    assert.equal((await upload(other, 'settat', { text: fixture })).statusCode, 403, email);
    assert.equal((await other.post('/admin/c/settat/import', { rows })).statusCode, 403, email);
    assert.equal((await other.post(`/admin/c/settat/programmes/${id}/adopt`, {})).statusCode, 403, email);
    assert.equal((await other.post(`/admin/c/settat/import/${id}/discard`, {})).statusCode, 403, email);
  }
  // the province's admin cannot reach Settat's import through its own collectivity either
  const province = await new StaffClient(app.app).login('admin@province.ma');
  await province.get('/admin/c/province-settat/import');
  assert.equal((await province.post(`/admin/c/province-settat/programmes/${id}/adopt`, {})).statusCode, 404);
  assert.equal((await province.post(`/admin/c/province-settat/import/${id}/discard`, {})).statusCode, 404);

  // no session: to the login page
  const anonymous = new StaffClient(app.app);
  const anon = await anonymous.post(`/admin/c/settat/programmes/${id}/adopt`, {});
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/admin\/login/);
  assert.equal((await anonymous.post('/admin/c/settat/import', { rows })).statusCode, 303);
  // no CSRF token
  assert.equal((await admin.post(`/admin/c/settat/programmes/${id}/adopt`, {}, { csrf: '' })).statusCode, 403);
  assert.equal((await admin.post(`/admin/c/settat/import/${id}/discard`, {}, { csrf: '' })).statusCode, 403);
  assert.equal((await admin.post('/admin/c/settat/import', { rows }, { csrf: '' })).statusCode, 403);
  assert.equal((await upload(admin, 'settat', { text: fixture }, undefined, '')).statusCode, 403);

  assert.equal(await programmeCount(app), programmes);
  assert.equal(await version(), v0);
  assert.equal((await app.database.db.selectFrom('programme').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'draft');

  // the consistency report: a focal point reads it, a committee member does not
  const focal = await new StaffClient(app.app).login('focal@settat.ma');
  const report = await focal.get('/admin/c/settat/consistency');
  assert.equal(report.statusCode, 200);
  const committee = await new StaffClient(app.app).login('committee@settat.ma');
  assert.equal((await committee.get('/admin/c/settat/consistency')).statusCode, 403);

  // the administrator discards it: gone with its axes, projects and activities
  await admin.get(`/admin/c/settat/import/${id}`);
  assert.equal((await admin.post(`/admin/c/settat/import/${id}/discard`, {})).statusCode, 303);
  assert.equal(await programmeCount(app), programmes - 1);
  assert.deepEqual(await counts(app, id), { axes: 0, projects: 0, activities: 0 });
});

test("a theme column, found by its heading, classifies the axes; an unknown or retired theme is named by row", async (t) => {
  const app = await buildTestApp(t);
  const db = app.database.db;
  await createStaff(app.database, 'admin@settat.ma', 'focal_point', 'settat');
  const client = await new StaffClient(app.app).login('admin@settat.ma');
  await db.updateTable('network_theme').set({ retired: 1 }).where('key', '=', 'dialogue').execute();
  const theme = async (key: string) => (await db.selectFrom('network_theme').select(['id', 'name_ar', 'name_fr']).where('key', '=', key).executeTakeFirstOrThrow());
  const budget = await theme('participatory_budget');
  const gender = await theme('gender_equality');
  // the document's nine columns, then one more, after two empty ones (status and progress, as our exports have)
  const withThemes = (cells: string[]) =>
    fixture
      .split('\n')
      .map((line, i) => {
        if (line.trim() === '') return line;
        const extra = i === 0 ? 'Thème' : line.startsWith('المحور') ? (cells.shift() ?? '') : '';
        return `${line}\t\t\t${extra}`;
      })
      .join('\n');

  await client.get('/admin/c/settat/import?lang=fr');
  const refused = await upload(client, 'settat', { text: withThemes(['participatory_budget', 'Budget des ménages', 'dialogue', '']), title: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Le thème «(?:&nbsp;| )Budget des ménages(?:&nbsp;| )» n’est pas dans la taxonomie du réseau/);
  assert.match(refused.body, /Le thème «(?:&nbsp;| )dialogue(?:&nbsp;| )» est retiré de la taxonomie du réseau/);
  assert.doesNotMatch(refused.body, /name="rows"/, 'nothing to import while a problem stands');

  // by key, by its French or its Arabic name; empty: not classified
  const preview = await upload(client, 'settat', { text: withThemes(['participatory_budget', gender.name_fr!, gender.name_ar, '']), title: '' });
  const rows = hidden(preview.body, 'rows');
  assert.ok(rows, preview.body.slice(0, 2000));
  const res = await client.post('/admin/c/settat/import', { rows, title: '' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const id = Number(/\/import\/(\d+)$/.exec(res.headers.location as string)![1]);
  const axes = await db.selectFrom('axis').select(['number', 'theme_id']).where('programme_id', '=', id).orderBy('number').execute();
  assert.deepEqual(axes.map((a) => a.theme_id), [budget.id, gender.id, gender.id, null]);
});
