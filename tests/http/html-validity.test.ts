// The main public pages are valid HTML, as the Nu HTML Checker (vnu, the W3C validator) reads
// them. It runs on Java: Debian's default-jre-headless (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Db } from '../../src/platform/db/database.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { daysAgo, insertRequest } from '../helpers/information-rows.ts';

/** A meeting with every part its page shows (agenda, links, open registration), postponed. */
async function aMeeting(db: Db): Promise<number> {
  const c = await db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').executeTakeFirstOrThrow();
  const activity = await db.selectFrom('activity').select('id').where('collectivity_id', '=', c.id).orderBy('id').executeTakeFirstOrThrow();
  const at = Date.now();
  const iso = (days: number) => new Date(at + days * 86_400_000).toISOString();
  const m = await db
    .insertInto('meeting')
    .values({
      collectivity_id: c.id, kind: 'local_actors', status: 'postponed', starts_at: iso(10), ends_at: iso(10.1), postponed_from: iso(5),
      title_ar: 'لقاء تواصلي مع الفاعلين المحليين', title_fr: 'Rencontre avec les acteurs locaux', place_ar: 'مقر الجماعة', map_url: 'https://www.openstreetmap.org/',
      online_url: 'https://meet.example.org/settat', languages: 'ar,ary,fr', organizer_ar: 'مصلحة التواصل', accessibility_ar: 'قاعة في الطابق الأرضي',
      registration_enabled: 1, capacity: 40, registration_opens_at: iso(-1), registration_closes_at: iso(9), is_example: 1, created_at: iso(0), updated_at: iso(0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('meeting_agenda_point').values([1, 2].map((position) => ({ collectivity_id: c.id, meeting_id: m.id, position, text_ar: `النقطة ${position}`, text_fr: `Point ${position}` }))).execute();
  await db.insertInto('meeting_link').values({ collectivity_id: c.id, meeting_id: m.id, target_kind: 'activity', target_id: activity.id }).execute();
  return m.id;
}

const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

/** `java` from JAVA_HOME, else from the PATH; null when there is none. */
function findJava(): string | null {
  for (const java of [process.env.JAVA_HOME && join(process.env.JAVA_HOME, 'bin', 'java'), 'java']) {
    if (java && spawnSync(java, ['-version'], { stdio: 'ignore' }).status === 0) return java;
  }
  return null;
}

interface Message {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

const pages = [
  '/ar/',
  '/ar/c/settat',
  '/ar/c/settat/programme',
  '/fr/c/settat/programme/history',
  '/fr/c/settat/programme/projects/1',
  '/ar/c/settat/programme/cards',
  '/ar/c/settat/process',
  '/ar/c/settat/proposals',
  '/ar/c/settat/participation',
  '/fr/c/settat/indicators',
  '/ar/c/settat/dashboard',
  '/ar/c/settat/budgets',
  '/ar/c/settat/meetings',
  '/ar/c/settat/ieecag',
  '/fr/c/settat/ieecag/opinions',
  '/ar/c/settat/ieecag/gender',
  '/ar/c/settat/ieecag/trainings',
  '/fr/c/settat/ieecag/documents',
  '/ar/c/settat/ieecag/referrals',
  '/ar/c/settat/services',
  '/fr/c/settat/services/campaigns',
  '/ar/c/settat/surveys',
  '/ar/c/settat/information/published',
  '/fr/c/settat/information/published',
  '/ar/network/practices',
  '/fr/network/practices?outcome=on_time',
  '/en/account/login',
  '/admin/login',
  '/ar/network',
  '/fr/network?region=casablanca-settat',
  '/ar/network/collectivities?theme=none',
];

test('the main pages validate with the Nu HTML Checker: no errors', async (t) => {
  const java = findJava();
  if (!java) {
    t.skip('Java not found: run `apt-get install -y default-jre-headless` (Debian) to validate the pages');
    return;
  }
  const { app, database } = await buildTestApp(t);
  const meeting = await aMeeting(database.db);
  // a request answered with an exception, and one past its deadline, for the register's pages
  const settat = await collectivityId(database, 'settat');
  const answered = await insertRequest(database.db, settat, { subject: 'محضر دورة أكتوبر', received_on: daysAgo(60), answered_on: daysAgo(50), outcome: 'partial', exceptions: JSON.stringify(['private_life']), answer: 'الجواب', answer_public: 1 }, [{ kind: 'answered', on_date: daysAgo(50), note: 'جواب جزئي' }]);
  await insertRequest(database.db, settat, { subject: 'الميزانية', received_on: daysAgo(45), status: 'processing' });
  const dir = mkdtempSync(join(tmpdir(), 'infitah-vnu-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // the first project's activity and the first proposal and round, whatever their ids
  const first = async (page: string, pattern: RegExp) => pattern.exec((await app.inject(page)).body)?.[0];
  const more = [
    await first('/fr/c/settat/programme/projects/1', /\/fr\/c\/settat\/programme\/activities\/\d+/),
    await first('/ar/c/settat/proposals', /\/ar\/c\/settat\/proposals\/\d+/),
    await first('/ar/c/settat/budgets', /\/ar\/c\/settat\/budgets\/\d+/),
    `/ar/c/settat/meetings/${meeting}`,
    `/fr/c/settat/meetings/${meeting}`,
    await first('/ar/c/settat/ieecag/opinions', /\/ar\/c\/settat\/ieecag\/opinions\/\d+/),
    await first('/ar/c/settat/services', /\/ar\/c\/settat\/services\/\d+/),
    await first('/ar/c/settat/surveys', /\/ar\/c\/settat\/surveys\/\d+(?=")/),
    await first('/ar/c/settat/surveys', /\/ar\/c\/settat\/surveys\/\d+\/results/),
    await first('/fr/c/settat/surveys', /\/fr\/c\/settat\/surveys\/\d+\/results/),
    '/ar/c/settat/information',
    '/fr/c/settat/information?overdue=1',
    `/ar/c/settat/information/${answered}`,
    `/fr/c/settat/information/${answered}`,
    `/ar/c/settat/information/figures?year=${daysAgo(60).slice(0, 4)}`,
    `/fr/c/settat/information/figures?year=${daysAgo(60).slice(0, 4)}`,
  ];
  const files = new Map<string, string>();
  for (const page of [...pages, ...more]) {
    assert.ok(page, 'a page linked from the demo');
    const res = await app.inject(page);
    assert.equal(res.statusCode, 200, page);
    const file = join(dir, `${files.size}.html`);
    writeFileSync(file, res.body);
    files.set(`file:${file}`, page);
  }
  // one Java process for all the pages; messages come as JSON on stderr
  const run = spawnSync(java, ['-jar', vnuJar, '--format', 'json', '--errors-only', ...[...files.keys()].map((f) => f.slice(5))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.stderr.trim().startsWith('{'), `vnu did not answer in JSON: ${run.stderr.slice(0, 500)}`);
  const messages = (JSON.parse(run.stderr) as { messages: Message[] }).messages;
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const report = errors.map((m) => `${files.get(m.url) ?? m.url}:${m.lastLine ?? '?'} ${m.message}${m.extract ? ` — ${m.extract.trim()}` : ''}`);
  assert.deepEqual(report, []);
});
