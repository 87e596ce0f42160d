// Exports stream: memory does not grow with the size of the programme. A programme of 5,000
// and one of 20,000 generated activities are exported as JSON, XLSX and CSV; the heap is sampled
// after every page written, and the peak growth of the large export must stay near the small
// one's (an export built in memory would take about four times as much). Figures are printed.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { findCollectivity } from '../../src/platform/tenancy.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { writeCsv, writeJson, writeXlsx } from '../../src/modules/transfer/export.ts';
import { buildTestApp } from '../helpers/app.ts';
// loaded before measuring (the exports load it on first use): its code is not the export's memory
import 'exceljs';
import 'exceljs/lib/doc/range.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A collectivity with one programme of `n` activities in 10 projects, 2 partners each. */
async function generate(db: Db, slug: string, n: number) {
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const c = await trx.insertInto('collectivity').values({ slug, name_ar: `جماعة ${slug}`, kind: 'commune', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const p = await trx
      .insertInto('programme')
      .values({ collectivity_id: c.id, title_ar: 'برنامج الانفتاح 2024-2025', start_year: 2024, end_year: 2025, status: 'adopted', created_at: at, is_current: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const partners: number[] = [];
    for (const name of ['المديرية العامة للجماعات الترابية', 'جامعة الحسن الأول']) {
      partners.push((await trx.insertInto('partner').values({ collectivity_id: c.id, name_ar: name, kind: 'other' }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const axis = await trx.insertInto('axis').values({ collectivity_id: c.id, programme_id: p.id, number: 1, title_ar: 'الرقمنة' }).returning('id').executeTakeFirstOrThrow();
    const perProject = n / 10;
    for (let k = 1; k <= 10; k++) {
      const project = await trx
        .insertInto('project')
        .values({ collectivity_id: c.id, programme_id: p.id, axis_id: axis.id, number: k, title_ar: `مشروع رقم ${k}`, duration_months: 24 })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let from = 1; from <= perProject; from += 500) {
        const rows = [];
        for (let i = from; i < from + 500 && i <= perProject; i++) {
          rows.push({
            collectivity_id: c.id,
            programme_id: p.id,
            project_id: project.id,
            number: i,
            title_ar: `نشاط تحسيسي حول الخدمات الرقمية التي توفرها الجماعة للمواطنين، رقم ${i}`,
            cost_kind: 'amount',
            cost_amount_mad: 1000 * i,
            funding_kind: 'own',
            start_date: '2024-01-01',
            end_date: '2025-12-31',
            status: 'in_progress',
            progress: i % 100,
          });
        }
        const ids = await trx.insertInto('activity').values(rows).returning('id').execute();
        await trx
          .insertInto('activity_partner')
          .values(ids.flatMap((a) => partners.map((partner_id, position) => ({ collectivity_id: c.id, activity_id: a.id, partner_id, position }))))
          .execute();
      }
    }
    return p.id;
  });
}

/** Peak growth (MB) of the live heap while writing an export to a sink that only counts bytes. */
async function measure(write: (out: Writable, onPage: () => void) => Promise<void>) {
  let bytes = 0;
  const sink = new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  // what the export holds on to: the heap after a collection, at the end of every 4th page written
  let pages = 0;
  const sample = () => {
    if (pages++ % 4 !== 0) return;
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const started = Date.now();
  await write(sink, sample);
  pages = 0;
  sample();
  if (!sink.writableEnded) sink.end();
  return { growthMb: (peak - base) / 2 ** 20, outputMb: bytes / 2 ** 20, seconds: (Date.now() - started) / 1000 };
}

test('exports of 5,000 and 20,000 activities: the peak heap does not grow with the export', { timeout: 600_000 }, async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  const db = app.db;
  const sizes = [5_000, 20_000] as const;
  const programmes = new Map<number, number>();
  for (const n of sizes) programmes.set(n, await generate(db, `gen-${n}`, n));
  const results: Record<string, Record<number, Awaited<ReturnType<typeof measure>>>> = { json: {}, xlsx: {}, csv: {} };
  for (const n of sizes) {
    const c = (await findCollectivity(db, `gen-${n}`))!;
    const programme = await db.selectFrom('programme').selectAll().where('id', '=', programmes.get(n)!).executeTakeFirstOrThrow();
    results.json[n] = await measure((out, onPage) => writeJson(db, c, programme, out, { onPage }));
    results.csv[n] = await measure((out, onPage) => writeCsv(db, c.id, programme, 'ar', out, { onPage }));
    results.xlsx[n] = await measure((out, onPage) => writeXlsx(db, c.id, programme, out, { onPage }));
  }
  for (const [format, r] of Object.entries(results)) {
    const [small, large] = sizes.map((n) => r[n]);
    const line = sizes.map((n) => `${n}: ${r[n].outputMb.toFixed(1)} MB written, peak heap +${r[n].growthMb.toFixed(1)} MB, ${r[n].seconds.toFixed(1)} s`).join(' | ');
    t.diagnostic(`${format}: ${line}`);
    console.log(`export ${format}: ${line}`);
    assert.ok(large.outputMb > 3.5 * small.outputMb, `${format}: the large export is about four times the small one`);
    // flat: the large export's peak stays within the small one's plus a small fixed margin (an
    // export built in memory would hold four times the rows and its whole output)
    assert.ok(large.growthMb < small.growthMb * 1.5 + 8, `${format}: peak heap grew from ${small.growthMb.toFixed(1)} to ${large.growthMb.toFixed(1)} MB`);
  }
});
