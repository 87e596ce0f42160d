// /metrics (issue 18, observability): absent without METRICS_TOKEN, refused without the token,
// and in Prometheus's text format with the app's own series — requests per route pattern (never
// the raw URL) and status class, the page cache per route, the outbox by status and delivery
// failures, the version, the PostgreSQL pool — beside Node's (event-loop lag, memory, CPU).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import test, { type TestContext } from 'node:test';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { deliverSoon, mailSenderOf, queueMail } from '../../src/platform/mail/index.ts';
import { lastMigration, packageVersion } from '../../src/platform/version.ts';
import { type TestApp, buildTestApp, usingPostgres } from '../helpers/app.ts';

const TOKEN = 'metrics-token-0123456789abcdef';

/** Another instance on the test's database, with settings of its own. */
async function instance(t: TestContext, first: TestApp, changes: Partial<Config>) {
  const database = openDatabase(first.url);
  const app = await buildApp({ ...first.app.config, ...changes }, database, { logger: false });
  t.after(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

/** A value of the scrape: the line `name{labels} value`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('without METRICS_TOKEN there is no /metrics', async (t) => {
  const { app } = await buildTestApp(t, { seed: false });
  assert.equal(app.config.metricsToken, null);
  assert.equal((await app.inject('/metrics')).statusCode, 404);
  assert.equal((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 404);
});

test('/metrics asks for its Bearer token', async (t) => {
  const first = await buildTestApp(t, { seed: false });
  const app = await instance(t, first, { metricsToken: TOKEN });
  for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN}x`]) {
    const res = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
    assert.equal(res.statusCode, 401, String(authorization));
    assert.equal(res.headers['www-authenticate'], 'Bearer');
    assert.doesNotMatch(res.body, /infitah_/);
  }
  assert.equal((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200);
});

test('requests, the page cache, the outbox, failures and the version are scraped', async (t) => {
  const first = await buildTestApp(t);
  // a port nobody listens on: every delivery fails at once and is retried later
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as { port: number };
  await new Promise((resolve) => closed.close(resolve));
  const app = await instance(t, first, { metricsToken: TOKEN, mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Infitah <no-reply@test.ma>' } });
  const scrape = async () => {
    const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  // three visits of one programme page: rendered once, then from the cache
  for (let i = 0; i < 3; i++) assert.equal((await app.inject('/ar/c/settat?utm_source=mail')).statusCode, 200);
  assert.equal((await app.inject('/ar/c/no-such-place')).statusCode, 404);
  assert.equal((await app.inject('/no/route/at/all')).statusCode, 404);

  const pending = first.database.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending');
  const before = Number((await pending.executeTakeFirstOrThrow()).n);
  await queueMail(app.db, { to: 'citizen@test.ma', subject: 'تأكيد', text: 'نص الرسالة' });
  deliverSoon(app);
  await mailSenderOf(app).settled();

  const text = await scrape();
  t.diagnostic(`${text.split('\n').filter((l) => l.startsWith('infitah_')).length} infitah_ lines, ${text.length} bytes`);
  const programme = 'infitah_http_request_duration_seconds_count{method="GET",route="/:locale/c/:slug",status="2xx"}';
  assert.equal(sample(text, programme), 3, 'three answers counted under the route pattern');
  assert.equal(sample(text, 'infitah_http_request_duration_seconds_count{method="GET",route="/:locale/c/:slug",status="4xx"}'), 1);
  assert.equal(sample(text, 'infitah_http_request_duration_seconds_count{method="GET",route="unmatched",status="4xx"}'), 1);
  assert.doesNotMatch(text, /utm_source|no-such-place|\/no\/route/, 'never a raw URL');
  assert.match(text, /infitah_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/:locale\/c\/:slug",status="2xx"\} \d/);

  const cacheHits = [...text.matchAll(/^infitah_page_cache_lookups_total\{route="([^"]+)",result="hit"\} (\d+)$/gm)];
  assert.ok(cacheHits.some(([, , n]) => Number(n) >= 2), `two visits from the cache:\n${cacheHits.map((m) => m[0]).join('\n')}`);
  assert.ok(/^infitah_page_cache_lookups_total\{route="[^"]+",result="miss"\} [1-9]/m.test(text), 'the first visit rendered');

  // the mail failed once and waits for its retry
  assert.equal(sample(text, 'infitah_mail_delivery_failures_total{outcome="retried"}'), 1);
  assert.equal(sample(text, 'infitah_mail_delivery_failures_total{outcome="failed"}'), 0);
  assert.equal(sample(text, 'infitah_mail_outbox{status="pending"}'), before + 1);
  assert.equal(sample(text, 'infitah_mail_outbox{status="sent"}'), 0);

  const migration = await lastMigration(app.db);
  assert.ok(migration);
  assert.equal(sample(text, `infitah_build_info{version="${packageVersion}",migration="${migration}"}`), 1);
  for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes', 'process_cpu_seconds_total']) {
    assert.match(text, new RegExp(`^${name} `, 'm'), name);
  }
  if (usingPostgres) {
    assert.ok((sample(text, 'infitah_db_pool_connections{state="total"}') ?? 0) >= 1, 'the pool has a connection');
    assert.equal(sample(text, 'infitah_db_pool_connections{state="waiting"}'), 0);
  } else {
    assert.doesNotMatch(text, /infitah_db_pool_connections/, 'SQLite has no pool');
  }
});
