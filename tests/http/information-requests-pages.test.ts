// The requests' pages as the Nu HTML Checker reads them (no errors), in Arabic (right to left)
// and French: the citizen's form and their request, the worklist, the desk form, a request with
// its step forms, the office. They need a session, so they are checked here rather than in
// html-validity.test.ts, which reads the public pages anonymously.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.ts';
import { base, citizen, fileAtDesk, step, team } from '../helpers/information.ts';

const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const javaOk = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

test('the requests’ pages are valid HTML, in Arabic and French', { skip: javaOk ? false : 'Java not found' }, async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const { focal, editor } = await team(app, database);
  const amina = await citizen(app, db, 'amina@example.ma');
  await amina.get('/ar/c/settat/information/request');
  const filed = await amina.post('/ar/c/settat/information/request', { subject: 'ميزانية 2025', details: 'نسخة من الميزانية.', delivery: 'electronic', language: 'ar' });
  const mine = String(filed.headers.location);
  const desk = await fileAtDesk(editor);
  assert.equal((await step(editor, desk, 'answered', { on_date: '2025-06-20', outcome: 'refused', exceptions: ['private_life', 'investigations'], answer: 'يتعلق الطلب بمعطيات شخصية.', publish: '', private_reason: 'معطيات شخصية.' })).statusCode, 303);

  const dir = mkdtempSync(join(tmpdir(), 'infitah-vnu-info-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = new Map<string, string>();
  const save = (label: string, body: string) => {
    const file = join(dir, `${files.size}.html`);
    writeFileSync(file, body);
    files.set(file, label);
  };
  for (const [who, url] of [
    [amina, '/ar/c/settat/information/request'],
    [amina, '/fr/c/settat/information/request'],
    [amina, mine],
    [amina, mine.replace('/ar/', '/fr/')],
    [editor, base],
    [editor, `${base}?lang=fr`],
    [editor, `${base}/new`],
    [editor, `${base}/${desk}`],
    [focal, `${base}/${desk}?lang=fr`],
    [focal, `${base}/office`],
  ] as const) {
    const res = await who.get(url);
    assert.equal(res.statusCode, 200, url);
    save(url, res.body);
  }
  // a form sent back with its messages
  await amina.get('/ar/c/settat/information/request');
  const invalid = await amina.post('/ar/c/settat/information/request', { subject: '', details: '', delivery: 'x', language: 'ar', urgent: '1' });
  assert.equal(invalid.statusCode, 400);
  save('invalid request form', invalid.body);
  assert.match(invalid.body, /<html lang="ar" dir="rtl">/);

  const run = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--errors-only', ...files.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const messages = (JSON.parse(run.stderr) as { messages: { type: string; subType?: string; url: string; lastLine?: number; message: string; extract?: string }[] }).messages;
  const report = messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${files.get(m.url.replace(/^file:/, '')) ?? m.url}:${m.lastLine ?? '?'} ${m.message}${m.extract ? ` — ${m.extract.trim()}` : ''}`);
  assert.deepEqual(report, []);
});
