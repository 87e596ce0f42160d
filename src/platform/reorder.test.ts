import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveInList } from './reorder.ts';

test('moving an item one place: its neighbour swaps with it, positions renumbered from the first', () => {
  const rows = [{ id: 7, position: 1 }, { id: 3, position: 2 }, { id: 9, position: 3 }];
  assert.deepEqual(moveInList(rows, 9, 'up'), { from: 3, to: 2, changes: [{ id: 9, position: 2 }, { id: 3, position: 3 }] });
  assert.deepEqual(moveInList(rows, 7, 'down'), { from: 1, to: 2, changes: [{ id: 3, position: 1 }, { id: 7, position: 2 }] });
  // at an end: nothing changes; not in the list: null
  assert.deepEqual(moveInList(rows, 7, 'up'), { from: 1, to: 1, changes: [] });
  assert.equal(moveInList(rows, 42, 'down'), null);
  // equal positions left by older data are mended; a list may count from 0
  assert.deepEqual(moveInList([{ id: 1, position: 0 }, { id: 2, position: 0 }, { id: 3, position: 0 }], 3, 'up', 0), { from: 3, to: 2, changes: [{ id: 3, position: 1 }, { id: 2, position: 2 }] });
});
