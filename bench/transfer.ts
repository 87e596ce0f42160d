// Import and export of an action plan, measured through the real `infitah` commands
// (bin/infitah.js import-programme / export-programme), each spawned in a process of its own so
// that its peak memory is its own. Called from bench/run.ts (BENCH_TRANSFER=0 skips it).
//
// Database: a copy of the national dataset (data/bench/transfer.sqlite), so that nothing written
// here (the import, the large programmes) reaches the file the page benchmarks read.
//
// Import: a generated XLSX of 5,000 activities in the document's layout (4 axes × 5 projects ×
// 250 activities; axis, project and duration cells filled on their first row only and merged;
// partners as "- " bullets; costs as amounts, "-" or words; dates as YYYY/MM/DD), for a commune
// whose partners it names: first --dry-run (read and plan), then the import itself (one transaction).
//
// Export, XLSX and JSON: the largest programme of the national dataset (one commune), then the
// national dataset as one programme — every commune's activities, with their partners, costs and
// dates, one axis per region and one project per province (N activities) — and the same twice
// over (2N, in the same axes and projects), to show that peak memory does not follow the size.
//
// Peak memory: the peak resident set size of the command's process, as the kernel counts it
// (getrusage ru_maxrss, read by the child itself as process.resourceUsage().maxRSS when it
// exits, through a module preloaded with --import). It includes Node, tsx and the modules the
// command loads; the `--help` line gives that floor. Time: wall clock of the whole command,
// start-up included (the `--help` line gives the start-up).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/platform/db/schema.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { createRng } from './prng.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'infitah.js');

/** Import: activities of the generated workbook, and its shape. */
export const IMPORT_ACTIVITIES = 5_000;
const AXES = 4;
const PROJECTS_PER_AXIS = 5;
/** "flat": the 2N export's peak RSS within this factor of the N export's */
export const EXPORT_FLAT_FACTOR = 1.15;
/** V8 old-space cap of the export runs whose peak memory is the verdict: a small container's heap. */
export const EXPORT_HEAP_MB = 128;

/** Reports the child's peak RSS on stderr when it exits (kernel's ru_maxrss, in KB). */
const PRELOAD = 'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>writeSync(2,`\\nbench-maxrss-kb=${process.resourceUsage().maxRSS}\\n`))';

interface Run {
  label: string;
  seconds: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** bytes written (exports) */
  outputBytes?: number;
}

function command(label: string, args: string[], databaseUrl: string, nodeFlags: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, '--import', PRELOAD, bin, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      const kb = /bench-maxrss-kb=(\d+)/.exec(stderr);
      if (!kb) return reject(new Error(`${label}: no peak memory reported (status ${status}): ${stderr.slice(-500)}`));
      resolve({ label, seconds, maxRssMb: Number(kb[1]) / 1024, status, stdout, stderr: stderr.replace(/\n?bench-maxrss-kb=\d+\n/, '') });
    });
  });
}

function must(run: Run): Run {
  if (run.status !== 0) throw new Error(`${run.label} exited with ${run.status}:\n${run.stderr.slice(-2000)}`);
  return run;
}

/** Copies the national dataset (its WAL folded in first) to `path`. */
async function copyDataset(from: string, to: string) {
  const source = openDatabase(`sqlite:${from}`);
  try {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(source.db);
  } finally {
    await source.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

/** The current programme with the most activities, and its collectivity. */
async function largestProgramme(db: Kysely<Database>) {
  return db
    .selectFrom('activity as a')
    .innerJoin('programme as p', 'p.id', 'a.programme_id')
    .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
    .select((eb) => ['c.slug', 'c.id', eb.fn.countAll<number>().as('n')])
    .where('p.is_current', '=', 1)
    .groupBy(['c.slug', 'c.id', 'p.id'])
    .orderBy('n', 'desc')
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/**
 * A collectivity whose one programme holds every activity of the national dataset's current
 * programmes, `copies` times: one axis per region, one project per province. Its partners are
 * the communes' partners by Arabic name. Returns its number of activities.
 */
async function nationalProgramme(db: Kysely<Database>, slug: string, copies: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const times = copies === 1 ? '' : ` (×${copies})`;
    const c = await trx
      .insertInto('collectivity')
      .values({ slug, name_ar: `المغرب: برامج الجماعات${times}`, name_fr: `Maroc : programmes des communes${times}`, name_en: `Morocco: the communes' programmes${times}`, kind: 'commune', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await trx
      .insertInto('programme')
      .values({ collectivity_id: c.id, title_ar: `برامج انفتاح الجماعات 2024-2025${times}`, start_year: 2024, end_year: 2025, status: 'adopted', created_at: at, is_current: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [cid, pid] = [c.id, p.id];
    await sql`drop table if exists temp.src`.execute(trx);
    await sql`drop table if exists temp.reg`.execute(trx);
    await sql`drop table if exists temp.prov`.execute(trx);
    await sql`drop table if exists temp.amap`.execute(trx);
    // the communes' current programmes, with their province and region
    await sql`create temp table src as
      select pr.id as programme_id, c.id as commune_id, prov.id as province_id, coalesce(prov.parent_id, 0) as region_id
      from programme pr join collectivity c on c.id = pr.collectivity_id join collectivity prov on prov.id = c.parent_id
      where pr.pending = 0 and pr.replaced_at is null and c.kind = 'commune' and pr.id <> ${pid}
        and c.slug not like 'bench-national%'`.execute(trx);
    await sql`create temp table reg as select region_id, row_number() over (order by region_id) as n from (select distinct region_id from src)`.execute(trx);
    await sql`create temp table prov as select province_id, region_id, row_number() over (order by region_id, province_id) as n from (select distinct province_id, region_id from src)`.execute(trx);
    await sql`insert into axis (collectivity_id, programme_id, number, title_ar, title_fr, title_en)
      select ${cid}, ${pid}, reg.n, coalesce(r.name_ar, '—'), r.name_fr, r.name_en from reg left join collectivity r on r.id = reg.region_id order by reg.n`.execute(trx);
    await sql`insert into project (collectivity_id, programme_id, axis_id, number, title_ar, title_fr, title_en, duration_months)
      select ${cid}, ${pid}, ax.id, prov.n, pv.name_ar, pv.name_fr, pv.name_en, 24
      from prov join reg on reg.region_id = prov.region_id join axis ax on ax.programme_id = ${pid} and ax.number = reg.n
      join collectivity pv on pv.id = prov.province_id order by prov.n`.execute(trx);
    await sql`insert into partner (collectivity_id, name_ar, name_fr, name_en, kind)
      select ${cid}, pa.name_ar, min(pa.name_fr), min(pa.name_en), min(pa.kind) from partner pa
      where pa.collectivity_id in (select commune_id from src) group by pa.name_ar`.execute(trx);
    // each source activity, `copies` times, numbered within its province's project
    await sql`create temp table amap as
      select a.id as src_id, pj.id as project_id,
        row_number() over (partition by pj.id order by k.k, a.project_id, a.number) as number
      from activity a join src on src.programme_id = a.programme_id
      join prov on prov.province_id = src.province_id
      join project pj on pj.programme_id = ${pid} and pj.number = prov.n
      join (with recursive k(k) as (select 1 union all select k + 1 from k where k < ${copies}) select k from k) k`.execute(trx);
    await sql`insert into activity (collectivity_id, programme_id, project_id, number, title_ar, title_fr, title_en, cost_kind, cost_amount_mad,
        cost_note_ar, cost_note_fr, cost_note_en, funding_kind, funding_partner_id, start_date, end_date, status, progress, weight)
      select ${cid}, ${pid}, m.project_id, m.number, a.title_ar, a.title_fr, a.title_en, a.cost_kind, a.cost_amount_mad,
        a.cost_note_ar, a.cost_note_fr, a.cost_note_en, a.funding_kind,
        (select np.id from partner op join partner np on np.collectivity_id = ${cid} and np.name_ar = op.name_ar where op.id = a.funding_partner_id),
        a.start_date, a.end_date, a.status, a.progress, a.weight
      from amap m join activity a on a.id = m.src_id order by m.project_id, m.number`.execute(trx);
    await sql`insert into activity_partner (collectivity_id, activity_id, partner_id, position)
      select ${cid}, na.id, np.id, ap.position from amap m
      join activity na on na.project_id = m.project_id and na.number = m.number
      join activity_partner ap on ap.activity_id = m.src_id
      join partner op on op.id = ap.partner_id
      join partner np on np.collectivity_id = ${cid} and np.name_ar = op.name_ar`.execute(trx);
    for (const t of ['src', 'reg', 'prov', 'amap']) await sql`drop table ${sql.raw(`temp.${t}`)}`.execute(trx);
    const { n } = await trx.selectFrom('activity').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', pid).executeTakeFirstOrThrow();
    return Number(n);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The import workbook: the document's matrix, `IMPORT_ACTIVITIES` rows, naming `partners`. */
export async function importWorkbook(file: string, partners: string[]) {
  const rng = createRng(0x7a5f3e);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('مصفوفة المشاريع والأنشطة', { views: [{ rightToLeft: true }] });
  sheet.addRow(['المحور', 'المشروع', 'الأنشطة', 'الشركاء', 'التكلفة', 'التمويل', 'المدة', 'تاريخ البداية', 'تاريخ النهاية']);
  const perProject = IMPORT_ACTIVITIES / (AXES * PROJECTS_PER_AXIS);
  let projectNo = 0;
  for (let a = 1; a <= AXES; a++) {
    const axisTop = sheet.rowCount + 1;
    for (let k = 1; k <= PROJECTS_PER_AXIS; k++) {
      projectNo++;
      const projectTop = sheet.rowCount + 1;
      for (let n = 1; n <= perProject; n++) {
        const named = rng.sample(partners, rng.int(0, Math.min(3, partners.length)));
        const cost = rng.weighted({ amount: 5, none: 3, tbd: 2 });
        const startM = rng.int(0, 20);
        const endM = Math.min(23, startM + rng.int(0, 11));
        const end = new Date(Date.UTC(2024 + Math.floor(endM / 12), (endM % 12) + 1, 0));
        sheet.addRow([
          n === 1 && k === 1 ? `المحور ${a}: تعزيز الانفتاح والمشاركة المواطنة، المجال رقم ${a}` : null,
          n === 1 ? `المشروع ${projectNo}: تنزيل آليات الحوار والتشاور العمومي والعرائض، المشروع رقم ${projectNo}` : null,
          `النشاط ${n}: تنظيم لقاء تواصلي وتحسيسي لفائدة المواطنات والمواطنين حول الخدمات الرقمية للجماعة، رقم ${n}`,
          named.map((p) => `- ${p}`).join('\n'),
          cost === 'amount' ? rng.int(2, 200) * 5000 : cost === 'none' ? '-' : 'ستحدد من الجهة الملزمة بتنفيذ النشاط',
          named.length > 0 && rng.chance(0.4) ? rng.pick(named) : 'ذاتي',
          n === 1 ? rng.pick(['سنة', 'سنتين']) : null,
          `${2024 + Math.floor(startM / 12)}/${pad((startM % 12) + 1)}/01`,
          `${end.getUTCFullYear()}/${pad(end.getUTCMonth() + 1)}/${pad(end.getUTCDate())}`,
        ]);
      }
      const bottom = sheet.rowCount;
      sheet.mergeCells(projectTop, 2, bottom, 2);
      sheet.mergeCells(projectTop, 7, bottom, 7);
    }
    sheet.mergeCells(axisTop, 1, sheet.rowCount, 1);
  }
  await workbook.xlsx.writeFile(file);
}

export interface TransferResult {
  lines: string[];
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const fmt = (n: number) => n.toLocaleString('en-US');

export async function benchTransfer(nationalPath: string, dataDir: string, log: (line: string) => void): Promise<TransferResult> {
  const copyPath = join(dataDir, 'transfer.sqlite');
  const url = `sqlite:${copyPath}`;
  const work = mkdtempSync(join(tmpdir(), 'infitah-bench-transfer-'));
  try {
    log('import and export: copying the national dataset, building the national programmes');
    const built = performance.now();
    await copyDataset(nationalPath, copyPath);
    const database = openDatabase(url);
    let largest: Awaited<ReturnType<typeof largestProgramme>>;
    let partnerNames: string[];
    let n1: number;
    let n2: number;
    try {
      largest = await largestProgramme(database.db);
      partnerNames = (await database.db.selectFrom('partner').select('name_ar').where('collectivity_id', '=', largest.id).orderBy('id').execute()).map((p) => p.name_ar);
      n1 = await nationalProgramme(database.db, 'bench-national', 1);
      n2 = await nationalProgramme(database.db, 'bench-national-2x', 2);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    } finally {
      await database.close();
    }
    const xlsxFile = join(work, 'import-5000.xlsx');
    await importWorkbook(xlsxFile, partnerNames);
    const prepared = (performance.now() - built) / 1000;

    const floor = must(await command('infitah --help', ['--help'], url));
    log(`  import of ${fmt(IMPORT_ACTIVITIES)} activities (${mb(statSync(xlsxFile).size)} MB XLSX) into ${largest.slug}: dry run, then import`);
    const dry = must(await command('import --dry-run', ['import-programme', xlsxFile, '--collectivity', largest.slug, '--dry-run'], url));
    const imp = must(await command('import', ['import-programme', xlsxFile, '--collectivity', largest.slug], url));
    const check = openDatabase(url);
    let imported: number;
    try {
      const pending = await check.db
        .selectFrom('programme')
        .select('id')
        .where('collectivity_id', '=', largest.id)
        .where('status', '=', 'draft')
        .where('is_current', '=', 0)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      imported = Number((await check.db.selectFrom('activity').select((eb) => eb.fn.countAll<number>().as('n')).where('programme_id', '=', pending.id).executeTakeFirstOrThrow()).n);
    } finally {
      await check.close();
    }

    // Exports run twice: with V8's heap capped at EXPORT_HEAP_MB (the verdict: what an export
    // retains; holding its rows would outgrow the cap and abort), and as they come (V8 collects
    // lazily, so an uncapped peak follows the garbage produced as much as what is retained).
    const exports: { format: 'xlsx' | 'json'; slug: string; what: string; activities: number; run: Run; capped: boolean }[] = [];
    for (const format of ['xlsx', 'json'] as const) {
      for (const [slug, what, activities] of [
        [largest.slug, 'largest commune programme', Number(largest.n)],
        ['bench-national', 'national dataset, N', n1],
        ['bench-national-2x', 'national dataset twice, 2N', n2],
      ] as const) {
        for (const capped of [true, false]) {
          if (!capped && slug === largest.slug) continue;
          log(`  export ${format} of ${slug} (${fmt(activities)} activities)${capped ? `, heap capped at ${EXPORT_HEAP_MB} MB` : ''}`);
          const out = join(work, `${slug}.${format}`);
          const flags = capped ? [`--max-old-space-size=${EXPORT_HEAP_MB}`] : [];
          const run = must(await command(`export ${format} ${slug}`, ['export-programme', '--collectivity', slug, '--format', format, '-o', out], url, flags));
          run.outputBytes = statSync(out).size;
          rmSync(out, { force: true });
          exports.push({ format, slug, what, activities, run, capped });
        }
      }
    }

    // ── report ──────────────────────────────────────────────────────────────
    const lines: string[] = [];
    const row = (label: string, r: Run, extra: string) => `  ${label.padEnd(72)} ${r.seconds.toFixed(2).padStart(7)} s  peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB  ${extra}`;
    lines.push('');
    lines.push(
      `Import and export (bench/transfer.ts; real \`infitah\` commands, each in its own process, on a copy of the national dataset prepared in ${prepared.toFixed(1)} s). ` +
        'Peak RSS = the process\'s ru_maxrss (process.resourceUsage().maxRSS reported at exit); time = wall clock of the whole command, start-up included:',
    );
    lines.push(row('infitah --help (start-up floor: node + tsx)', floor, ''));
    lines.push(row(`import-programme --dry-run, ${fmt(IMPORT_ACTIVITIES)}-activity XLSX`, dry, dry.stdout.trim().split('\n').at(-1) ?? ''));
    lines.push(row(`import-programme, ${fmt(IMPORT_ACTIVITIES)}-activity XLSX`, imp, `${fmt(imported)} activities stored (pending draft of ${largest.slug})`));
    for (const e of exports) {
      lines.push(row(`export-programme ${e.format}, ${e.what} (${fmt(e.activities)} act.)${e.capped ? `, heap ≤ ${EXPORT_HEAP_MB} MB` : ', no cap'}`, e.run, `${mb(e.run.outputBytes ?? 0)} MB written`));
    }
    lines.push('');
    const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
    lines.push(
      `  [${verdict(imported === IMPORT_ACTIVITIES)}] import of a generated ${fmt(IMPORT_ACTIVITIES)}-activity XLSX: ${fmt(imported)} activities imported in ${imp.seconds.toFixed(1)} s ` +
        `(dry run ${dry.seconds.toFixed(1)} s), peak RSS ${imp.maxRssMb.toFixed(0)} MB (${(imp.maxRssMb - floor.maxRssMb).toFixed(0)} MB above the start-up floor)`,
    );
    for (const format of ['xlsx', 'json'] as const) {
      const [small, one, two] = exports.filter((e) => e.format === format && e.capped);
      const ratio = two.run.maxRssMb / one.run.maxRssMb;
      lines.push(
        `  [${verdict(ratio <= EXPORT_FLAT_FACTOR)}] ${format.toUpperCase()} export peak memory flat when the export doubles (heap capped at ${EXPORT_HEAP_MB} MB): ${fmt(two.activities)} activities ${two.run.maxRssMb.toFixed(0)} MB vs ` +
          `${fmt(one.activities)} activities ${one.run.maxRssMb.toFixed(0)} MB = ×${ratio.toFixed(2)} (target ≤ ×${EXPORT_FLAT_FACTOR}); output ×${((two.run.outputBytes ?? 0) / (one.run.outputBytes ?? 1)).toFixed(2)}, ` +
          `time ×${(two.run.seconds / one.run.seconds).toFixed(2)}; above the ${fmt(small.activities)}-activity export: +${(one.run.maxRssMb - small.run.maxRssMb).toFixed(0)} and +${(two.run.maxRssMb - small.run.maxRssMb).toFixed(0)} MB`,
      );
    }
    return { lines };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
