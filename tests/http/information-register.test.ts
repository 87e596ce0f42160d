// The public register of access-to-information requests: filters, search, paging, lateness, a
// request's page with its trail and published answer, files only when published, the requester
// never shown, another collectivity's request not found, and the cached page after a write.
import assert from 'node:assert/strict';
import test from 'node:test';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { bumpContent, daysAgo, insertRequest } from '../helpers/information-rows.ts';

const PRIVATE = ['فاطمة الزهراء المنصوري', 'fatima.mansouri@example.ma', '0661234567', 'تفاصيل سرية لا تنشر', 'جواب سري غير منشور'];

async function setUp(t: test.TestContext) {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const place = await collectivityId(ctx.database, 'province-settat');
  const secret = { requester_name: PRIVATE[0], requester_email: PRIVATE[1], requester_contact: PRIVATE[2], details: PRIVATE[3] };
  const answered = await insertRequest(
    db,
    place,
    { ...secret, subject: 'محضر دورة أكتوبر للمجلس', channel: 'desk', received_on: daysAgo(90), answered_on: daysAgo(75), status: 'answered', outcome: 'partial', exceptions: JSON.stringify(['private_life']), answer: 'نص الجواب المنشور للعموم', answer_public: 1 },
    [{ kind: 'processing', on_date: daysAgo(88), note: 'بدأت المعالجة' }, { kind: 'answered', on_date: daysAgo(75), note: 'جواب جزئي' }],
  );
  const overdue = await insertRequest(db, place, { ...secret, subject: 'ميزانية الجماعة السنوية', received_on: daysAgo(60), status: 'processing' }, [{ kind: 'processing', on_date: daysAgo(59) }]);
  const recent = await insertRequest(db, place, { subject: 'Liste des marchés publics', language: 'fr', channel: 'email', received_on: daysAgo(5), is_example: 1 });
  const hidden = await insertRequest(db, place, { ...secret, subject: 'رخص البناء الممنوحة', received_on: daysAgo(40), answered_on: daysAgo(30), status: 'answered', outcome: 'full', answer: PRIVATE[4], answer_public: 0, answer_private_reason: 'يتضمن الجواب معطيات شخصية' }, [{ kind: 'answered', on_date: daysAgo(30) }]);
  const at = new Date().toISOString();
  const file = (requestId: number, name: string) =>
    db.insertInto('information_file').values({ collectivity_id: place, request_id: requestId, sha256: 'a'.repeat(64), size: 9, mime: 'application/pdf', original_name: name, content: Buffer.from('%PDF-1.4\n'), created_at: at }).returning('id').executeTakeFirstOrThrow();
  const publicFile = await file(answered, 'محضر "الدورة".pdf');
  const hiddenFile = await file(hidden, 'سري.pdf');
  await bumpContent(db, place);
  return { ctx, db, place, ids: { answered, overdue, recent, hidden }, files: { publicFile: publicFile.id, hiddenFile: hiddenFile.id } };
}

const ids = (body: string) => [...body.matchAll(/id="request-(\d+)"/g)].map((m) => Number(m[1]));

test('the register lists requests newest first, marks the overdue, filters and searches, never names the requester', async (t) => {
  const { ctx, ids: r } = await setUp(t);
  const url = '/ar/c/province-settat/information';
  const ar = await ctx.app.inject({ url });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  assert.deepEqual(ids(ar.body), [r.recent, r.hidden, r.overdue, r.answered]);
  assert.match(ar.body, /class="status late">متأخر</);
  assert.equal((ar.body.match(/class="status late"/g) ?? []).length, 1, 'only the request past its deadline');
  assert.match(ar.body, /\/information\/request"/, 'a link to make a request');
  assert.match(ar.body, /\/information\/published"/);
  assert.match(ar.body, /\/information\/figures"/);
  assert.match(ar.body, /class="status">مثال</, 'the example row is tagged');
  assert.ok(!/<script/.test(ar.body));
  for (const secret of PRIVATE) assert.ok(!ar.body.includes(secret), `never public: ${secret}`);

  const only = async (query: string) => ids((await ctx.app.inject({ url: `${url}?${query}` })).body);
  assert.deepEqual(await only('status=processing'), [r.overdue]);
  assert.deepEqual(await only('outcome=partial'), [r.answered]);
  assert.deepEqual(await only('channel=email'), [r.recent]);
  assert.deepEqual(await only('overdue=1'), [r.overdue]);
  // a search in another spelling (ة/ه, the article) finds the subject; the details are not searched
  assert.deepEqual(await only(`q=${encodeURIComponent('ميزانيه')}`), [r.overdue]);
  assert.deepEqual(await only(`q=${encodeURIComponent('سرية')}`), []);
  assert.deepEqual(await only(`q=${encodeURIComponent('الجواب المنشور')}`), [r.answered], 'a published answer is searched');
  const year = Number(daysAgo(90).slice(0, 4));
  const inYear = [r.recent, r.hidden, r.overdue, r.answered].filter((_, i) => Number([daysAgo(5), daysAgo(40), daysAgo(60), daysAgo(90)][i]!.slice(0, 4)) === year);
  assert.deepEqual(await only(`year=${year}`), inYear);
  assert.deepEqual(await only('status=nonsense'), [r.recent, r.hidden, r.overdue, r.answered], 'a bad filter value shows everything');

  const fr = await ctx.app.inject({ url: '/fr/c/province-settat/information' });
  assert.equal(fr.statusCode, 200);
  assert.match(fr.body, /en retard/);
  assert.match(fr.body, /Faire une demande d’information|Faire une demande d'information|Faire une demande d&#39;information/);
  assert.equal((await ctx.app.inject({ url: '/ar/c/nowhere/information' })).statusCode, 404);
});

test("a request's page: trail, published answer and files; an unpublished answer hidden with its reason", async (t) => {
  const { ctx, db, place, ids: r, files } = await setUp(t);
  const page = await ctx.app.inject({ url: `/ar/c/province-settat/information/${r.answered}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /نص الجواب المنشور للعموم/);
  assert.match(page.body, /بدأت المعالجة/);
  assert.match(page.body, /داخل الأجل/);
  assert.ok(page.body.includes('الحياة الخاصة للأفراد والمعطيات الشخصية'), 'the exception invoked');
  assert.ok(page.body.includes(`/c/province-settat/information/${r.answered}/files/${files.publicFile}`));
  for (const secret of PRIVATE) assert.ok(!page.body.includes(secret), `never public: ${secret}`);

  const download = await ctx.app.inject({ url: `/c/province-settat/information/${r.answered}/files/${files.publicFile}` });
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-disposition']), /^attachment; filename="[^"]*"; filename\*=UTF-8''/);
  assert.ok(!/filename="[^"]*"[^;]*"/.test(String(download.headers['content-disposition'])), 'the quote in the name is not let through');

  const hidden = await ctx.app.inject({ url: `/ar/c/province-settat/information/${r.hidden}` });
  assert.equal(hidden.statusCode, 200);
  assert.match(hidden.body, /الجواب غير منشور:/);
  assert.match(hidden.body, /يتضمن الجواب معطيات شخصية/);
  assert.ok(!hidden.body.includes(PRIVATE[4]!));
  assert.ok(!hidden.body.includes(`/files/${files.hiddenFile}`));
  assert.equal((await ctx.app.inject({ url: `/c/province-settat/information/${r.hidden}/files/${files.hiddenFile}` })).statusCode, 404);
  // a file asked under the wrong request
  assert.equal((await ctx.app.inject({ url: `/c/province-settat/information/${r.overdue}/files/${files.publicFile}` })).statusCode, 404);

  // answered after the first deadline but within the extended one, with the extension's public reason
  const extended = await insertRequest(db, place, { subject: 'محاضر دورات 2023', received_on: daysAgo(80), extended: 1, extension_reason: 'عدد كبير من الوثائق', answered_on: daysAgo(35), outcome: 'full', answer_public: 1, answer: 'المحاضر مرفقة' }, [
    { kind: 'extended', on_date: daysAgo(60), note: 'تمديد الأجل' },
    { kind: 'answered', on_date: daysAgo(35) },
  ]);
  const ext = await ctx.app.inject({ url: `/fr/c/province-settat/information/${extended}` });
  assert.match(ext.body, /dans le délai prolongé/);
  assert.match(ext.body, /prolongé ; délai initial :/);
  assert.match(ext.body, /Nombre|عدد كبير من الوثائق/);
  assert.match(ext.body, /Délai prolongé|تمديد الأجل/);

  const fr = await ctx.app.inject({ url: `/fr/c/province-settat/information/${r.overdue}` });
  assert.match(fr.body, /Demande n° \d+/);
  assert.match(fr.body, /en retard/);
  assert.match(fr.body, /hors délai/);

  // another collectivity's request is not found here, nor its files
  const settat = await collectivityId(ctx.database, 'settat');
  const foreign = await insertRequest(db, settat, { subject: 'طلب جماعة أخرى', received_on: daysAgo(3) });
  assert.equal((await ctx.app.inject({ url: `/ar/c/province-settat/information/${foreign}` })).statusCode, 404);
  assert.equal((await ctx.app.inject({ url: '/ar/c/province-settat/information/abc' })).statusCode, 404);

  const sitemap = await ctx.app.inject({ url: '/c/province-settat/sitemap.xml' });
  assert.ok(sitemap.body.includes(`/c/province-settat/information/${r.answered}`));
  assert.match(sitemap.body, /\/c\/province-settat\/information\/figures/);
  assert.match(sitemap.body, /\/c\/province-settat\/information\/published/);
});

test('the register is paged 50 at a time, and its cached page changes after a write', async (t) => {
  const { ctx, db, place } = await setUp(t);
  const at = new Date().toISOString();
  const old = daysAgo(400);
  await db
    .insertInto('information_request')
    .values(Array.from({ length: 55 }, (_, i) => ({ collectivity_id: place, channel: 'mail', subject: `طلب قديم ${i + 1}`, details: 'خاص', language: 'ar', delivery: 'copy', status: 'received', received_on: old, clock_from: old, due_on: old, created_at: at, updated_at: at })))
    .execute();
  await bumpContent(db, place);
  const url = '/ar/c/province-settat/information';
  const first = await ctx.app.inject({ url });
  assert.equal(ids(first.body).length, 50);
  const next = /href="([^"]+after=[^"]+)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
  assert.ok(next, 'a next page');
  const second = await ctx.app.inject({ url: next });
  assert.equal(ids(second.body).length, 4 + 55 - 50);
  assert.equal(new Set([...ids(first.body), ...ids(second.body)]).size, 59, 'no row twice, none missed (same day: by id)');
  // filters carry over to the next page
  const mail = await ctx.app.inject({ url: `${url}?channel=mail` });
  const nextMail = /href="([^"]+after=[^"]+)"/.exec(mail.body)?.[1]?.replaceAll('&amp;', '&');
  assert.match(nextMail ?? '', /channel=mail/);
  assert.equal(ids((await ctx.app.inject({ url: nextMail! })).body).length, 5);

  // a row written without the version bump is not seen (the page is cached); with it, it is
  await db.insertInto('information_request').values({ collectivity_id: place, channel: 'online', subject: 'طلب جديد بعد الكتابة', details: 'خاص', language: 'ar', delivery: 'copy', status: 'received', received_on: todayInCasablanca(), clock_from: todayInCasablanca(), due_on: todayInCasablanca(), created_at: at, updated_at: at }).execute();
  assert.ok(!(await ctx.app.inject({ url })).body.includes('طلب جديد بعد الكتابة'));
  await bumpContent(db, place);
  assert.ok((await ctx.app.inject({ url })).body.includes('طلب جديد بعد الكتابة'));
});
