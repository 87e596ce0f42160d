// Survey results (issue 15): every question's counts equal an independent count of the inserted
// rows; the satisfaction rate (answers of 4 or 5 over all CSAT answers) and its Wilson interval;
// pending and hidden free text never public (page, CSV); the export carries no ids; a draft and
// another collectivity's survey answer 404.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { surveyQuestions } from '../../src/modules/surveys/repository.ts';
import { surveyResults } from '../../src/modules/surveys/results.ts';
import { satisfactionFrom, wilsonInterval } from '../../src/modules/surveys/satisfaction.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { type MadeSurvey, answer, makeSurvey } from '../helpers/surveys.ts';

test('Wilson interval: known values', () => {
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-4, `${a} ≠ ${b}`);
  const a = wilsonInterval(5, 10)!;
  close(a.low, 0.236593);
  close(a.high, 0.763407);
  const b = wilsonInterval(0, 10)!;
  close(b.low, 0);
  close(b.high, 0.277533);
  // statsmodels' proportion_confint(1, 10, method='wilson'): (0.0179, 0.4042)
  const d = wilsonInterval(1, 10)!;
  assert.ok(Math.abs(d.low - 0.0179) < 1e-4 && Math.abs(d.high - 0.4042) < 1e-4);
  // symmetric: 10 of 10 mirrors 0 of 10
  const c = wilsonInterval(10, 10)!;
  close(c.low, 1 - 0.277533);
  close(c.high, 1);
  assert.equal(wilsonInterval(0, 0), null);
  const s = satisfactionFrom(7, 10);
  assert.deepEqual([s.rate, s.few], [70, true]);
  assert.equal(satisfactionFrom(30, 30).few, false);
});

const SECRET_PENDING = 'نص ينتظر المراجعة';
const SECRET_HIDDEN = 'نص محجوب';
const PUBLIC_TEXT = 'الاستقبال جيد والموظفون متعاونون';

async function setup(t: Parameters<typeof buildTestApp>[0]) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const otherId = await collectivityId(ctx.database, 'province-settat');
  const survey = await makeSurvey(db, settatId, {
    questions: [
      { kind: 'csat' },
      { kind: 'scale' },
      { kind: 'yes_no' },
      { kind: 'single', options: ['رخص', 'وثيقة', 'شكاية'] },
      { kind: 'multiple', options: ['الاستقبال', 'الانتظار', 'الوثائق'] },
      { kind: 'text' },
    ],
  });
  const csat = [5, 4, 4, 3, 1, 5, 2, 4];
  for (const [i, v] of csat.entries()) {
    await answer(
      db,
      settatId,
      survey,
      [v, i % 11, i % 2, i % 3, i % 2 ? [0, 2] : [1], i === 0 ? { text: PUBLIC_TEXT, status: 'public' } : i === 1 ? { text: SECRET_PENDING } : i === 2 ? { text: SECRET_HIDDEN, status: 'hidden' } : undefined],
      { channel: i < 5 ? 'online' : i < 7 ? 'paper' : 'desk', gender: i % 2 ? 'female' : i === 0 ? null : 'male', ageBand: i < 3 ? '25_34' : null, userId: null, deviceHash: `device-${i}` },
    );
  }
  return { ...ctx, db, settatId, otherId, survey, csat };
}

/** An independent count: every answer row read and counted here. */
async function independentCounts(db: Parameters<typeof surveyQuestions>[0], survey: MadeSurvey) {
  const rows = await db.selectFrom('survey_answer').select(['question_id', 'value', 'option_id']).where('survey_id', '=', survey.id).execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = r.option_id !== null ? `${r.question_id}|o${r.option_id}` : r.value !== null ? `${r.question_id}|${r.value}` : null;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

test('results: counts equal an independent count; satisfaction rate; texts; export; 404s', async (t) => {
  const { app, db, settatId, otherId, survey, csat } = await setup(t);
  const questions = await surveyQuestions(db, settatId, survey.id);
  const res = await surveyResults(db, survey.id, questions);
  const expected = await independentCounts(db, survey);
  const got = new Map<string, number>();
  for (const q of res.questions) {
    for (const v of q.values) if (v.count > 0) got.set(`${q.question.id}|${v.value}`, v.count);
    for (const o of q.options) if (o.count > 0) got.set(`${q.question.id}|o${o.id}`, o.count);
  }
  assert.deepEqual(new Map([...got].sort()), new Map([...expected].sort()));
  assert.equal(res.respondents, 8);
  assert.deepEqual(res.byChannel, { online: 5, paper: 2, desk: 1 });
  const satisfied = csat.filter((v) => v >= 4).length;
  assert.equal(res.satisfaction.satisfied, satisfied);
  assert.equal(res.satisfaction.answers, csat.length);
  assert.equal(res.satisfaction.rate, Math.round((satisfied / csat.length) * 1000) / 10);
  const ci = wilsonInterval(satisfied, csat.length)!;
  assert.equal(res.satisfaction.low, Math.round(ci.low * 1000) / 10);
  // the CSAT breakdowns, counted here from the same answers and who gave them
  const who = csat.map((v, i) => ({ ok: v >= 4, channel: i < 5 ? 'online' : i < 7 ? 'paper' : 'desk', gender: i % 2 ? 'female' : i === 0 ? 'unknown' : 'male', age: i < 3 ? '25_34' : 'unknown' }));
  const group = (key: 'channel' | 'gender' | 'age') => {
    const m = new Map<string, { satisfied: number; answers: number }>();
    for (const w of who) {
      const g = m.get(w[key]) ?? { satisfied: 0, answers: 0 };
      g.answers++;
      if (w.ok) g.satisfied++;
      m.set(w[key], g);
    }
    return m;
  };
  const b = res.breakdowns.get(survey.questions[0]!.id)!;
  const asMap = (rows: { key: string; satisfied: number; answers: number }[]) => new Map(rows.map((r) => [r.key, { satisfied: r.satisfied, answers: r.answers }]));
  assert.deepEqual(asMap(b.channel), group('channel'));
  assert.deepEqual(asMap(b.gender), group('gender'));
  assert.deepEqual(asMap(b.ageBand), group('age'));
  const text = res.questions.find((q) => q.question.kind === 'text')!;
  assert.deepEqual([text.published, text.pending], [1, 1]);

  const page = await app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results` });
  assert.equal(page.statusCode, 200, page.body.slice(0, 3000));
  assert.ok(page.body.includes(PUBLIC_TEXT));
  assert.ok(!page.body.includes(SECRET_PENDING) && !page.body.includes(SECRET_HIDDEN));
  assert.match(page.body, /<svg/);
  const fr = await app.inject({ url: `/fr/c/settat/surveys/${survey.id}/results` });
  assert.match(fr.body, /supérieures à 4/);
  assert.match(fr.body, /Wilson/);
  assert.match(fr.body, /taux indicatif/);

  const csv = await app.inject({ url: `/fr/c/settat/surveys/${survey.id}/results.csv` });
  assert.equal(csv.statusCode, 200);
  assert.ok(csv.body.includes(PUBLIC_TEXT));
  assert.ok(!csv.body.includes(SECRET_PENDING) && !csv.body.includes(SECRET_HIDDEN));
  assert.ok(!csv.body.includes('device-'), 'no device hash');
  const lines = csv.body.trim().split(/\r?\n/);
  assert.equal(lines.length, 9);
  assert.match(lines[1]!, /^1,En ligne,\d{4}-\d{2}-\d{2},/);
  // the columns: number, channel, day, gender, age band, then the questions; no id of any kind
  assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM, for spreadsheets');
  assert.equal(lines[0]!.replace(/^\ufeff/, ''), 'N° de réponse,Canal,Date,Sexe,Tranche d’âge,Question 1,Question 2,Question 3,Question 4,Question 5,Question 6');
  assert.ok(lines.slice(1).every((l, i) => l.startsWith(`${i + 1},`)), 'responses numbered 1, 2, … in the survey, not by their ids');
  assert.match(lines[2]!, /wathiqa|وثيقة \(fr\)/);
  const xlsx = await app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results.xlsx` });
  assert.equal(xlsx.statusCode, 200);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  assert.equal(sheet.rowCount, 9);
  assert.equal(sheet.getRow(2).getCell(1).value, 1);
  assert.equal(sheet.getRow(2).getCell(6).value, 5, 'a CSAT answer stays a number');
  const cells = sheet.getSheetValues().flat().map(String).join('|');
  assert.ok(cells.includes(PUBLIC_TEXT) && !cells.includes(SECRET_PENDING) && !cells.includes(SECRET_HIDDEN) && !cells.includes('device-'));

  // a draft, and another collectivity's survey under Settat's slug: 404
  const draft = await makeSurvey(db, settatId, { status: 'draft', questions: [{ kind: 'csat' }] });
  assert.equal((await app.inject({ url: `/ar/c/settat/surveys/${draft.id}/results` })).statusCode, 404);
  assert.equal((await app.inject({ url: `/ar/c/settat/surveys/${draft.id}/results.csv` })).statusCode, 404);
  const other = await makeSurvey(db, otherId, { questions: [{ kind: 'csat' }] });
  assert.equal((await app.inject({ url: `/ar/c/settat/surveys/${other.id}/results` })).statusCode, 404);
  assert.equal((await app.inject({ url: `/ar/c/province-settat/surveys/${other.id}/results` })).statusCode, 200);
});

test('published free text: the first ones under the question, all of them a keyset page at a time', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settatId = await collectivityId(ctx.database, 'settat');
  const survey = await makeSurvey(db, settatId, { questions: [{ kind: 'text' }] });
  for (let i = 1; i <= 25; i++) await answer(db, settatId, survey, [{ text: `ملاحظة رقم ${i} حول الشباك`, status: 'public' }]);
  await answer(db, settatId, survey, [{ text: SECRET_PENDING }]);
  const page = await ctx.app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results` });
  assert.equal((page.body.match(/حول الشباك/g) ?? []).length, 5);
  const more = /href="([^"]+\/texts)"/.exec(page.body)![1]!;
  const first = await ctx.app.inject({ url: more });
  assert.equal(first.statusCode, 200);
  assert.equal((first.body.match(/حول الشباك/g) ?? []).length, 20);
  const next = /href="([^"]+\?after=\d+)"/.exec(first.body)![1]!;
  const second = await ctx.app.inject({ url: next });
  assert.equal((second.body.match(/حول الشباك/g) ?? []).length, 5);
  assert.ok(second.body.includes('ملاحظة رقم 25 ') && !second.body.includes(SECRET_PENDING));
  assert.doesNotMatch(second.body, /\?after=/);
  // a question that is not free text, or of another survey: 404
  const other = await makeSurvey(db, settatId, { questions: [{ kind: 'csat' }] });
  assert.equal((await ctx.app.inject({ url: `/ar/c/settat/surveys/${survey.id}/results/questions/${other.questions[0]!.id}/texts` })).statusCode, 404);
});
