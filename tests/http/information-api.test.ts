// The open-data API of the register: its anonymised shape, paging by cursor, filters, the
// problem+json answers and its place in the OpenAPI description.
import assert from 'node:assert/strict';
import test from 'node:test';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { daysAgo, insertRequest } from '../helpers/information-rows.ts';

test('GET …/information-requests: anonymised, paged, filtered, in the OpenAPI description', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const place = await collectivityId(ctx.database, 'province-settat');
  const secret = { requester_name: 'يوسف العلوي', requester_email: 'youssef.alaoui@example.ma', details: 'نص خاص لا ينشر' };
  const answered = await insertRequest(db, place, { ...secret, subject: 'محضر الدورة', received_on: daysAgo(90), answered_on: daysAgo(80), outcome: 'refused', exceptions: JSON.stringify(['investigations']), answer: 'جواب', answer_public: 0 });
  const overdue = await insertRequest(db, place, { ...secret, subject: 'الميزانية', received_on: daysAgo(60), status: 'processing' });
  const fresh = await insertRequest(db, place, { ...secret, subject: 'الصفقات', received_on: daysAgo(2), is_example: 1 });

  const url = '/api/v1/collectivities/province-settat/information-requests';
  const all = await ctx.app.inject({ url });
  assert.equal(all.statusCode, 200);
  assert.match(String(all.headers['content-type']), /application\/json/);
  for (const s of Object.values(secret)) assert.ok(!all.body.includes(s), `never in the API: ${s}`);
  const doc = all.json() as { requests: Record<string, unknown>[]; next: string | null };
  assert.deepEqual(doc.requests.map((r) => r.id), [fresh, overdue, answered]);
  assert.equal(doc.next, null);
  const first = doc.requests.at(-1)!;
  assert.deepEqual(Object.keys(first).sort(), ['answeredOn', 'demo', 'dueOn', 'exceptions', 'id', 'onTime', 'outcome', 'receivedOn', 'status', 'subject', 'url'].sort());
  assert.equal(first.status, 'answered');
  assert.equal(first.onTime, true);
  assert.deepEqual(first.exceptions, ['investigations']);
  assert.equal(doc.requests[1]!.onTime, false, 'past its deadline unanswered');
  assert.equal(doc.requests[0]!.onTime, null, 'its deadline still runs');
  assert.equal(doc.requests[0]!.demo, true);

  // paging: two, then the rest
  const p1 = (await ctx.app.inject({ url: `${url}?limit=2` })).json() as typeof doc;
  assert.deepEqual(p1.requests.map((r) => r.id), [fresh, overdue]);
  assert.ok(p1.next);
  const p2 = (await ctx.app.inject({ url: `${url}?limit=2&after=${encodeURIComponent(p1.next!)}` })).json() as typeof doc;
  assert.deepEqual(p2.requests.map((r) => r.id), [answered]);
  assert.equal(p2.next, null);

  const ids = async (q: string) => ((await ctx.app.inject({ url: `${url}?${q}` })).json() as typeof doc).requests.map((r) => r.id);
  assert.deepEqual(await ids('status=processing'), [overdue]);
  assert.deepEqual(await ids('outcome=refused'), [answered]);
  assert.deepEqual(await ids('overdue=true'), [overdue]);
  const year = Number(daysAgo(90).slice(0, 4));
  assert.deepEqual(await ids(`year=${year}`), [[fresh, daysAgo(2)], [overdue, daysAgo(60)], [answered, daysAgo(90)]].filter(([, d]) => Number(String(d).slice(0, 4)) === year).map(([id]) => id));

  // an ETag, and 304 for a client that holds it
  const etag = all.headers.etag as string;
  assert.ok(etag);
  assert.equal((await ctx.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 304);

  // bad input: problem+json
  for (const q of ['limit=0', 'limit=101', 'status=lost', 'after=nonsense', 'overdue=maybe']) {
    const bad = await ctx.app.inject({ url: `${url}?${q}` });
    assert.equal(bad.statusCode, 400, q);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  }
  const missing = await ctx.app.inject({ url: '/api/v1/collectivities/nowhere/information-requests' });
  assert.equal(missing.statusCode, 404);
  assert.match(String(missing.headers['content-type']), /application\/problem\+json/);

  const openapi = await ctx.app.inject({ url: '/api/v1/openapi.json' });
  assert.match(openapi.body, /collectivities\/\{slug\}\/information-requests/);
  assert.match(openapi.body, /InformationRequests/);
});
