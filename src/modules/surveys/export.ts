// The anonymised answers of a published survey, one row per response, as CSV (csv-stringify, UTF-8
// with BOM) and XLSX (exceljs' streaming writer, right-to-left in Arabic): the response's number
// in the survey (1, 2, … in the order answers came; never its id), channel, day (Casablanca),
// gender and age band where known, then one column per question: the value, the chosen options'
// labels in the locale (several joined with " ; "), free text only once published. Never an
// account, a device hash or the staff who typed a paper answer in. Read a page of responses at a
// time (keyset on id), so that a 100,000-answer survey is never held whole.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../../platform/db/database.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import { type Locale, translator } from '../../platform/i18n/i18n.ts';
import { spreadsheetSafe } from '../../platform/spreadsheet-safe.ts';
import { pickText } from '../../platform/tenancy.ts';
import type { QuestionWithOptions } from './repository.ts';
import './tables.ts';

const PAGE = 500;

type Cell = string | number | null;

/** The header, then the rows a page at a time. */
async function* exportRows(db: Db, surveyId: number, questions: QuestionWithOptions[], locale: Locale): AsyncGenerator<Cell[][]> {
  const t = translator(locale);
  const label = new Map(questions.flatMap((q) => q.options.map((o) => [o.id, pickText(o, 'label', locale).text] as const)));
  const column = new Map(questions.map((q, i) => [q.id, i]));
  const kindOf = new Map(questions.map((q) => [q.id, q.kind]));
  yield [[t('surveys.export.number'), t('surveys.export.channel'), t('surveys.export.date'), t('surveys.export.gender'), t('surveys.export.ageBand'), ...questions.map((q) => pickText(q, 'text', locale).text)]];
  let after = 0;
  let number = 0;
  for (;;) {
    const responses = await db
      .selectFrom('survey_response')
      .select(['id', 'channel', 'created_at', 'gender', 'age_band'])
      .where('survey_id', '=', surveyId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (responses.length === 0) return;
    after = responses[responses.length - 1]!.id;
    const answers = await db
      .selectFrom('survey_answer')
      .select(['response_id', 'question_id', 'option_id', 'value', 'text', 'text_status'])
      .where('response_id', 'in', responses.map((r) => r.id))
      .orderBy('id')
      .execute();
    const cells = new Map<number, Cell[]>(responses.map((r) => [r.id, questions.map(() => null)]));
    for (const a of answers) {
      const row = cells.get(a.response_id);
      const i = column.get(a.question_id);
      if (!row || i === undefined) continue;
      if (a.option_id !== null) {
        const name = label.get(a.option_id) ?? '';
        row[i] = row[i] === null ? name : `${row[i]} ; ${name}`;
      } else if (a.value !== null) row[i] = kindOf.get(a.question_id) === 'yes_no' ? t(a.value === 1 ? 'surveys.results.yes' : 'surveys.results.no') : a.value;
      else if (a.text !== null && a.text_status === 'public') row[i] = a.text;
    }
    yield responses.map((r) => [
      ++number,
      t(`surveys.results.channel.${r.channel}`),
      isoToCasablanca(r.created_at).slice(0, 10),
      r.gender ? t(`accounts.gender.${r.gender}`) : null,
      r.age_band ? t(`accounts.ageBand.${r.age_band}`) : null,
      ...cells.get(r.id)!,
    ]);
  }
}

export async function writeAnswersCsv(db: Db, surveyId: number, questions: QuestionWithOptions[], locale: Locale, out: Writable): Promise<void> {
  const csv = stringify({ bom: true });
  csv.pipe(out);
  for await (const rows of exportRows(db, surveyId, questions, locale)) {
    for (const r of rows) if (!csv.write(r.map(spreadsheetSafe))) await once(csv, 'drain');
  }
  csv.end();
  await once(csv, 'end');
}

export async function writeAnswersXlsx(db: Db, surveyId: number, questions: QuestionWithOptions[], locale: Locale, out: Writable): Promise<void> {
  // loaded on first use: exceljs takes seconds to load
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Infitah';
  const sheet = workbook.addWorksheet(translator(locale)('surveys.export.sheet'), { views: [{ rightToLeft: locale === 'ar', state: 'frozen', ySplit: 1 }] });
  sheet.columns = [10, 12, 12, 12, 16, ...questions.map(() => 24)].map((width) => ({ width }));
  let first = true;
  for await (const rows of exportRows(db, surveyId, questions, locale)) {
    for (const r of rows) {
      const row = sheet.addRow(r.map(spreadsheetSafe));
      if (first) row.font = { bold: true };
      first = false;
      row.commit();
    }
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}
