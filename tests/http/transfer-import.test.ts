// Import of an action plan: the Settat matrix pasted as it is gives the demo's structure; every
// bad input is refused with a message by row and column and nothing is saved; only an
// administrator of the collectivity may import, replace or discard.
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

test('the Settat matrix pasted as it is imports to the demo structure, as a pending draft, then replaces the programme', async (t) => {
  const app = await buildTestApp(t);
  await createStaff(app.database, 'admin@settat.ma', 'collectivity_admin', 'settat');
  const client = await new StaffClient(app.app).login('admin@settat.ma');
  const overview = await client.get('/admin/c/settat');
  assert.match(overview.body, /href="\/admin\/c\/settat\/import"/);
  assert.match(overview.body, /href="\/admin\/c\/settat\/consistency"/);

  await client.get('/admin/c/settat/import?lang=ar');
  const preview = await upload(client, 'settat', { text: fixture, title: '' });
  assert.equal(preview.statusCode, 200, preview.body.slice(0, 3000));
  assert.match(preview.body, /4 محاور، 4 مشاريع، 12 نشاطا، 6 شركاء/);
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
  assert.equal((await db.selectFrom('programme').select('pending').where('id', '=', id).executeTakeFirstOrThrow()).pending, 1);

  // the adopted programme stays public and untouched
  const after = await client.app.inject({ url: '/api/v1/collectivities/settat/programme' });
  assert.deepEqual(after.json(), before.json());

  const review = await client.get(res.headers.location as string);
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /في انتظار|غير منشور/);
  assert.match(review.body, /التكلفة غير محددة/); // the consistency report after the import

  const replaced = await client.post(`/admin/c/settat/import/${id}/replace`, {});
  assert.equal(replaced.statusCode, 303);
  const now = await client.app.inject({ url: '/api/v1/collectivities/settat/programme' });
  assert.equal(now.json().programme.status, 'draft');
  assert.equal(now.json().programme.axes.length, 4);
  const old = await db.selectFrom('programme').selectAll().where('collectivity_id', '=', cid).where('id', '!=', id).executeTakeFirstOrThrow();
  assert.ok(old.replaced_at);
});
