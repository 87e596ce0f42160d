// Dates in Casablanca: the day of an instant, kept per hour of UTC, against Intl itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { todayInCasablanca } from './format.ts';

test('the Casablanca day of an instant, kept per hour, is Intl’s for every hour of a year (Ramadan’s changes of offset included)', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });
  const start = Date.UTC(2025, 0, 1);
  for (let ms = start; ms < start + 366 * 86_400_000; ms += 3_600_000) {
    // twice in each hour, its first minute and its last: the second is answered from the first's
    for (const at of [ms, ms + 3_599_000]) assert.equal(todayInCasablanca(new Date(at)), intl.format(at), new Date(at).toISOString());
  }
});
