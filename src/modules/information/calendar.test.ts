import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, addWorkingDays, isWorkingDay, workCalendar, workingDaysBetween } from './calendar.ts';

// Morocco's fixed holidays as the migration enters them, and 2026's expected Islamic ones.
const fixed = ['01-01', '01-11', '05-01', '07-30', '08-14', '08-20', '08-21', '11-06', '11-18'].map((md) => ({ kind: 'fixed', month_day: md, from_year: null, on_date: null }));
const since = [
  { kind: 'fixed', month_day: '01-14', from_year: 2024, on_date: null },
  { kind: 'fixed', month_day: '10-31', from_year: 2025, on_date: null },
];
const islamic2026 = ['2026-03-20', '2026-03-21', '2026-05-27', '2026-05-28', '2026-06-16', '2026-08-25', '2026-08-26'].map((d) => ({ kind: 'dated', month_day: null, from_year: null, on_date: d }));
const calendar = workCalendar('6,7', [...fixed, ...since, ...islamic2026]);

test('2026 has the working days a count of the year gives: weekdays less the holidays on weekdays', () => {
  let weekdays = 0;
  let working = 0;
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) weekdays++;
    if (isWorkingDay(calendar, d)) working++;
  }
  assert.equal(weekdays, 261);
  // holidays of 2026 falling on a weekday: 01-01 Thu, 01-14 Wed, 03-20 Fri, 05-01 Fri, 05-27 Wed,
  // 05-28 Thu, 06-16 Tue, 07-30 Thu, 08-14 Fri, 08-20 Thu, 08-21 Fri, 08-25 Tue, 08-26 Wed, 11-06 Fri,
  // 11-18 Wed (01-11 is a Sunday, 03-21 and 10-31 Saturdays)
  assert.equal(working, 261 - 15);
  // counting the whole year's working days from the eve of 1 January gives the same figure
  assert.equal(workingDaysBetween(calendar, '2025-12-31', '2026-12-31'), working);
  assert.equal(addWorkingDays(calendar, '2025-12-31', working), '2026-12-31');
});

test('every deadline of 2026 lands on a working day, and counting back gives its length', () => {
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
    for (const n of [3, 5, 15, 20, 40]) {
      const due = addWorkingDays(calendar, d, n);
      assert.ok(isWorkingDay(calendar, due), `${d} + ${n} → ${due}`);
      assert.equal(workingDaysBetween(calendar, d, due), n, `${d} + ${n}`);
      assert.ok(due > d);
    }
  }
});

test('a deadline across holidays: they are skipped like the weekend', () => {
  // received Monday 2026-08-17: 18, 19 work; 20, 21 holidays; 22, 23 weekend; 24 works; 25, 26 holidays
  assert.equal(addWorkingDays(calendar, '2026-08-17', 3), '2026-08-24');
  assert.equal(addWorkingDays(calendar, '2026-08-17', 4), '2026-08-27');
  // the day of receipt does not count, even a holiday; received on a Friday, 1 day is Monday
  assert.equal(addWorkingDays(calendar, '2026-05-01', 1), '2026-05-04');
  assert.equal(addWorkingDays(calendar, '2026-12-04', 1), '2026-12-07');
  // 20 working days from Monday 2 November 2026: 6 and 18 November are holidays
  assert.equal(addWorkingDays(calendar, '2026-11-02', 20), '2026-12-02');
  // a holiday from a year on only: 14 January 2023 was a Saturday, 2025's a Tuesday
  assert.equal(isWorkingDay(calendar, '2025-01-14'), false);
  assert.equal(isWorkingDay(workCalendar('6,7', since), '2024-10-31'), true);
  assert.equal(isWorkingDay(workCalendar('6,7', since), '2025-10-31'), false);
});

test('the weekend is configuration: a Friday–Saturday weekend moves the deadlines', () => {
  const friSat = workCalendar('5,6', []);
  assert.equal(addWorkingDays(friSat, '2026-12-03', 1), '2026-12-06'); // Thursday → Sunday
  assert.equal(addWorkingDays(friSat, '2026-12-03', 0), '2026-12-03');
  assert.throws(() => addWorkingDays(workCalendar('1,2,3,4,5,6,7', []), '2026-12-03', 1));
  assert.equal(workingDaysBetween(friSat, '2026-12-10', '2026-12-03'), 0);
});
