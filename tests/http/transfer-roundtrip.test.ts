// Export, then import, gives back the same programme. Settat's programme is downloaded from its
// public URL (XLSX, then CSV), uploaded through the back office's import form (multipart, preview,
// import) and the imported draft programme is compared with the original field by field:
// axes, projects (with their duration), activities (titles, dates, cost, cost note, funding,
// partners in their order), each in its order. Imported text lands in the Arabic columns
// (decision 005), so the Arabic texts are compared; status and progress are not part of the
// document's layout (an import is a new plan: every activity starts planned, at 0).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { currentProgramme } from '../../src/modules/programme/manifest.ts';
import { StaffClient, buildTestApp, collectivityId, createStaff } from '../helpers/app.ts';

interface Upload {
  name: string;
  type: string;
  data: Buffer;
}

/** The import form as a browser sends it (multipart/form-data with the file). */
async function preview(client: StaffClient, slug: string, file: Upload, title: string) {
  const boundary = `----infitah${Math.random().toString(16).slice(2)}`;
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    field('_csrf', client.csrf),
    field('title', title),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.app.inject({
    method: 'POST',
    url: `/admin/c/${slug}/import/preview`,
    headers: { cookie: client.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  client.jar.store(res.headers['set-cookie']);
  return res;
}

/** The value of a hidden field of the preview page, unescaped. */
const hidden = (html: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&') : null;
};

/** A programme as the document describes it, read from its rows, everything in its order. */
async function structure(db: Db, collectivity: number, programmeId: number) {
  const programme = await db.selectFrom('programme').selectAll().where('collectivity_id', '=', collectivity).where('id', '=', programmeId).executeTakeFirstOrThrow();
  const axes = await db.selectFrom('axis').selectAll().where('collectivity_id', '=', collectivity).where('programme_id', '=', programmeId).orderBy('number').execute();
  const projects = await db.selectFrom('project').selectAll().where('collectivity_id', '=', collectivity).where('programme_id', '=', programmeId).orderBy('number').execute();
  const activities = await db.selectFrom('activity').selectAll().where('collectivity_id', '=', collectivity).where('programme_id', '=', programmeId).orderBy('number').execute();
  const links = await db
    .selectFrom('activity_partner')
    .innerJoin('activity', 'activity.id', 'activity_partner.activity_id')
    .select(['activity_partner.activity_id', 'activity_partner.partner_id'])
    .where('activity.collectivity_id', '=', collectivity)
    .where('activity.programme_id', '=', programmeId)
    .orderBy('activity_partner.activity_id')
    .orderBy('activity_partner.position')
    .execute();
  return {
    title: programme.title_ar,
    period: [programme.start_year, programme.end_year],
    axes: axes.map((a) => ({
      number: a.number,
      title: a.title_ar,
      projects: projects
        .filter((p) => p.axis_id === a.id)
        .map((p) => ({
          number: p.number,
          title: p.title_ar,
          durationMonths: p.duration_months,
          activities: activities
            .filter((x) => x.project_id === p.id)
            .map((x) => ({
              number: x.number,
              title: x.title_ar,
              start: x.start_date,
              end: x.end_date,
              cost: x.cost_kind,
              amountMad: x.cost_amount_mad === null ? null : Number(x.cost_amount_mad),
              costNote: x.cost_note_ar,
              funding: x.funding_kind,
              fundingPartner: x.funding_partner_id,
              partners: links.filter((l) => l.activity_id === x.id).map((l) => l.partner_id),
            })),
        })),
    })),
  };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

for (const format of ['xlsx', 'csv'] as const) {
  test(`${format.toUpperCase()}: Settat's programme exported from its public URL and imported in the back office is the same programme`, async (t) => {
    const { app, database } = await buildTestApp(t);
    const db = database.db;
    const cid = await collectivityId(database, 'settat');
    const original = (await currentProgramme(db, cid))!;
    // Settat's matrix states no amount: one activity is given one, so that an amount (a number
    // cell in XLSX, digits in CSV) goes through the round trip beside "-" and a cost to be set
    await db
      .updateTable('activity')
      .set({ cost_kind: 'amount', cost_amount_mad: 1_250_000, cost_note_ar: null, cost_note_fr: null, cost_note_en: null })
      .where('collectivity_id', '=', cid)
      .where('programme_id', '=', original.id)
      .where('number', '=', 2)
      .where('project_id', '=', db.selectFrom('project').select('id').where('programme_id', '=', original.id).where('number', '=', 2))
      .execute();
    const before = await structure(db, cid, original.id);
    // the programme covers every case the comparison is about
    const all = before.axes.flatMap((a) => a.projects.flatMap((p) => p.activities));
    assert.deepEqual([...new Set(all.map((x) => x.cost))].sort(), ['amount', 'none', 'tbd']);
    assert.deepEqual([...new Set(all.map((x) => x.funding))].sort(), ['own', 'partner']);
    assert.ok(all.some((x) => x.partners.length > 1));

    const download = await app.inject({ url: `/api/v1/collectivities/settat/programme.${format}` });
    assert.equal(download.statusCode, 200);

    await createStaff(database, 'admin@settat.ma', 'focal_point', 'settat');
    const client = await new StaffClient(app).login('admin@settat.ma');
    await client.get('/admin/c/settat/import');
    const shown = await preview(client, 'settat', { name: `settat.${format}`, type: format === 'xlsx' ? XLSX : 'text/csv', data: download.rawPayload }, before.title);
    assert.equal(shown.statusCode, 200, shown.body.slice(0, 3000));
    assert.match(shown.body, /4 محاور، 4 مشاريع، 12 نشاطا، 6 شركاء/);
    const rows = hidden(shown.body, 'rows');
    assert.ok(rows, 'the preview carries the rows to import');

    const imported = await client.post('/admin/c/settat/import', { rows, title: hidden(shown.body, 'title') ?? '' });
    assert.equal(imported.statusCode, 303, imported.body.slice(0, 3000));
    const id = Number(/\/admin\/c\/settat\/import\/(\d+)$/.exec(String(imported.headers.location))?.[1]);
    assert.ok(id > 0 && id !== original.id);

    const after = await structure(db, cid, id);
    // compared level by level first, so that a difference names where it is
    assert.deepEqual(after.period, before.period);
    assert.deepEqual(
      after.axes.map((a) => [a.number, a.title]),
      before.axes.map((a) => [a.number, a.title]),
    );
    for (const [i, axis] of before.axes.entries()) {
      assert.deepEqual(
        after.axes[i].projects.map(({ activities: _, ...p }) => p),
        axis.projects.map(({ activities: _, ...p }) => p),
        `projects of axis ${axis.number}`,
      );
      for (const [j, project] of axis.projects.entries()) {
        assert.deepEqual(after.axes[i].projects[j].activities, project.activities, `activities of project ${project.number}`);
      }
    }
    assert.deepEqual(after, before);

    // the import waits beside the adopted programme, which stays the current one
    const row = await db.selectFrom('programme').select(['is_current', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual({ current: Number(row.is_current), status: row.status }, { current: 0, status: 'draft' });
    assert.equal((await currentProgramme(db, cid))!.id, original.id);
    // no partner was created: every name of the export found its partner again
    assert.equal(Number((await db.selectFrom('partner').select((eb) => eb.fn.countAll().as('n')).where('collectivity_id', '=', cid).executeTakeFirstOrThrow()).n), 6);
  });
}
