// The metrics an indicator can follow: requests received (cumulative) and the share answered on
// time, over the programme's days, compared with counts made here from the rows.
import assert from 'node:assert/strict';
import test from 'node:test';
import { informationMetrics } from '../../src/modules/information/metrics.ts';
import { todayInCasablanca } from '../../src/platform/i18n/format.ts';
import { buildTestApp, collectivityId } from '../helpers/app.ts';
import { daysAgo, insertRequest } from '../helpers/information-rows.ts';

test('requests and on_time_share as dated series over the current programme', async (t) => {
  const ctx = await buildTestApp(t);
  const db = ctx.database.db;
  const settat = await collectivityId(ctx.database, 'settat');
  const programme = await db.selectFrom('programme').select(['id', 'start_year']).where('collectivity_id', '=', settat).where('is_current', '=', 1).executeTakeFirstOrThrow();
  const scope = { collectivityId: settat, programmeId: programme.id };
  const from = `${programme.start_year}-01-01`;

  await insertRequest(db, settat, { subject: 'أ', received_on: daysAgo(100), answered_on: daysAgo(95), outcome: 'full' });
  await insertRequest(db, settat, { subject: 'ب', received_on: daysAgo(100), due_on: daysAgo(80), answered_on: daysAgo(70), outcome: 'full' });
  await insertRequest(db, settat, { subject: 'ج', received_on: daysAgo(50), status: 'processing' });
  await insertRequest(db, settat, { subject: 'د', received_on: daysAgo(1) });
  await insertRequest(db, settat, { subject: 'قبل البرنامج', received_on: `${programme.start_year - 1}-06-01` });

  const today = todayInCasablanca();
  const rows = await db.selectFrom('information_request').selectAll().where('collectivity_id', '=', settat).where('received_on', '>=', from).where('received_on', '<=', today).execute();

  const requests = await informationMetrics.requests!.series(db, scope, null);
  assert.equal(requests[0]!.date, from);
  assert.equal(requests.at(-1)!.value, rows.length);
  for (let i = 1; i < requests.length; i++) assert.ok(requests[i]!.value >= requests[i - 1]!.value && requests[i]!.date > requests[i - 1]!.date, 'cumulative, by date');

  const share = await informationMetrics.on_time_share!.series(db, scope, null);
  const last = share.at(-1)!;
  assert.equal(last.date, today);
  const counted = rows.filter((r) => (r.answered_on !== null && r.answered_on <= today) || (r.status !== 'clarification' && today > r.due_on));
  const onTime = counted.filter((r) => r.answered_on !== null && r.answered_on <= r.due_on);
  assert.equal(last.value, Math.round((onTime.length / counted.length) * 1000) / 10);
  assert.ok(share.every((p) => p.value >= 0 && p.value <= 100));
  assert.equal(informationMetrics.on_time_share!.unit, 'percent');
  assert.equal(informationMetrics.requests!.unit, 'count');
});
