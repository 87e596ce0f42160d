// The `infitah import-programme` and `infitah export-programme` commands (registered in
// src/cli.ts). Progress bars go to stderr, results to stdout; messages are the same catalog
// entries as the back office's, in --lang (French by default on the console).
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Db } from '../../platform/db/database.ts';
import { type Locale, isLocale, loadCatalogs, translator } from '../../platform/i18n/i18n.ts';
import { findCollectivity } from '../../platform/tenancy.ts';
import { modules } from '../index.ts';
import { currentProgramme } from '../programme/manifest.ts';
import { type TextLocaleChoice, textLocales } from './language.ts';
import { importProgramme } from './commands/import-programme.ts';
import { type ExportFormat, writeCsv, writeJson, writeXlsx } from './export.ts';
import { type Problem, knownThemes, planImport } from './plan.ts';
import { MAX_UPLOAD_BYTES, type ReadResult, readDelimited, readUpload } from './read.ts';

export class CliError extends Error {}

function catalogs(lang: string | undefined): Locale {
  for (const m of modules) loadCatalogs(m.localesDir, m.name);
  const locale = lang ?? 'fr';
  if (!isLocale(locale)) throw new CliError(`--lang must be ar, fr or en (got ${locale})`);
  return locale;
}

function bar(label: string) {
  return new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total}`, hideCursor: false, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 1000 },
    cliProgress.Presets.shades_classic,
  );
}

export interface ImportCliOptions {
  collectivity: string;
  dryRun?: boolean;
  lang?: string;
  createPartners?: boolean;
  title?: string;
  /** the language the file's text is written in: ar, fr, en or auto (from its script) */
  textLang?: string;
}

/** Returns the exit status: 0 imported (or would be), 1 when any row is invalid. */
export async function importProgrammeCommand(db: Db, file: string, opts: ImportCliOptions): Promise<number> {
  const locale = catalogs(opts.lang);
  const t = translator(locale);
  const c = await findCollectivity(db, opts.collectivity);
  if (!c) throw new CliError(`Unknown collectivity ${opts.collectivity}`);
  const size = statSync(file).size;
  let read: ReadResult;
  if (size > MAX_UPLOAD_BYTES) read = { ok: false, problems: [{ row: null, column: null, key: 'transfer.problems.tooLarge', values: { max: MAX_UPLOAD_BYTES / 1024 / 1024 } }] };
  else {
    const data = readFileSync(file);
    // a .tsv or .txt file is a pasted table; anything else is recognised by its content
    read = ['.tsv', '.txt', '.tab'].includes(extname(file).toLowerCase()) ? readDelimited(data.toString('utf8'), '\t') : await readUpload(data);
  }
  const print = (problems: Problem[]) => {
    for (const p of problems) {
      const message = t(p.key, p.values);
      process.stderr.write(
        `${p.row === null ? t('transfer.cli.general', { message }) : t('transfer.cli.problem', { row: p.row, column: p.column ? t(`transfer.columns.${p.column}`) : '—', message })}\n`,
      );
    }
    process.stderr.write(`${t('transfer.cli.refused', { count: problems.length })}\n`);
    return 1;
  };
  if (!read.ok) return print(read.problems);

  const known = await db.selectFrom('partner').select(['id', 'name_ar', 'name_fr', 'name_en', 'kind']).where('collectivity_id', '=', c.id).execute();
  const { plan, problems } = planImport(read.rows, known, await knownThemes(db));
  const unknown = plan.partners.filter((p) => p.existingId === null);
  if (unknown.length > 0 && !opts.createPartners) {
    problems.push({ row: null, column: 'partners', key: 'transfer.problems.unknownPartners', values: { names: unknown.map((p) => p.name).join(', ') } });
  }
  if (problems.length > 0) return print(problems);
  const summary = t('transfer.summary', plan.counts);

  if (opts.dryRun) {
    process.stdout.write(`${t('transfer.cli.wouldImport', { summary })}\n`);
    return 0;
  }
  const textLocale = opts.textLang ?? 'auto';
  if (!(textLocales as readonly string[]).includes(textLocale)) throw new CliError(`--text-lang must be auto, ar, fr or en (got ${textLocale})`);
  const progress = bar(t('transfer.preview.confirm'));
  progress.start(plan.counts.activities, 0);
  const result = await importProgramme(db, null, c.id, read.rows, {
    createPartners: Boolean(opts.createPartners),
    title: opts.title,
    textLocale: textLocale as TextLocaleChoice,
    onProgress: (done) => progress.update(done),
  });
  progress.stop();
  if (!result.ok) return print(result.problems);
  process.stdout.write(`${t('transfer.cli.imported', { id: result.value.programmeId, summary })}\n`);
  return 0;
}

export interface ExportCliOptions {
  collectivity: string;
  format: string;
  output?: string;
  lang?: string;
}

export async function exportProgrammeCommand(db: Db, opts: ExportCliOptions): Promise<number> {
  const locale = catalogs(opts.lang);
  const t = translator(locale);
  if (!['xlsx', 'csv', 'json'].includes(opts.format)) throw new CliError(`--format must be xlsx, csv or json (got ${opts.format})`);
  const format = opts.format as ExportFormat;
  const c = await findCollectivity(db, opts.collectivity);
  if (!c) throw new CliError(`Unknown collectivity ${opts.collectivity}`);
  const programme = await currentProgramme(db, c.id);
  if (!programme) throw new CliError(`${opts.collectivity} has no programme`);
  if (format === 'xlsx' && !opts.output) throw new CliError('-o FILE is required for xlsx');
  const { n } = await db
    .selectFrom('activity')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('collectivity_id', '=', c.id)
    .where('programme_id', '=', programme.id)
    .executeTakeFirstOrThrow();
  const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
  const progress = bar(format.toUpperCase());
  progress.start(Number(n) * (format === 'xlsx' ? 3 : 1), 0);
  const onPage = (k: number) => progress.increment(k);
  if (format === 'xlsx') await writeXlsx(db, c.id, programme, out, { onPage });
  else if (format === 'csv') await writeCsv(db, c.id, programme, locale, out, { onPage });
  else await writeJson(db, c, programme, out, { onPage });
  progress.stop();
  if (opts.output) {
    if (!out.writableEnded) out.end();
    if (!out.writableFinished) await once(out, 'finish');
    process.stderr.write(`${t('transfer.cli.exported', { file: opts.output })}\n`);
  }
  return 0;
}
