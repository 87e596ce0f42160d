import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysLate, rollUp } from './progress.ts';

test('progress rolls up as a weighted mean, without cancelled activities', () => {
  assert.equal(rollUp([]), null);
  assert.equal(rollUp([{ progress: 100, weight: 1, status: 'done' }, { progress: 0, weight: 1, status: 'planned' }]), 50);
  assert.equal(rollUp([{ progress: 100, weight: 3, status: 'done' }, { progress: 0, weight: 1, status: 'planned' }]), 75);
  assert.equal(rollUp([{ progress: 40, weight: 1, status: 'in_progress' }, { progress: 0, weight: 5, status: 'cancelled' }]), 40);
  assert.equal(rollUp([{ progress: 0, weight: 1, status: 'cancelled' }]), null);
});

test('an activity past its end date and not done is late by whole days (Casablanca calendar)', () => {
  assert.equal(daysLate({ end_date: '2024-12-31', status: 'planned' }, '2024-12-31'), 0);
  assert.equal(daysLate({ end_date: '2024-12-31', status: 'in_progress' }, '2025-01-01'), 1);
  assert.equal(daysLate({ end_date: '2024-12-31', status: 'delayed' }, '2025-12-31'), 365);
  assert.equal(daysLate({ end_date: '2024-12-31', status: 'done' }, '2025-12-31'), 0);
  assert.equal(daysLate({ end_date: '2024-12-31', status: 'cancelled' }, '2025-12-31'), 0);
  // across the spring daylight-saving change: still whole days
  assert.equal(daysLate({ end_date: '2025-03-01', status: 'planned' }, '2025-04-01'), 31);
});
