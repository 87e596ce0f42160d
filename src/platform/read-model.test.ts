import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReadModels } from './read-model.ts';

test('a read model is loaded once per collectivity and content version; concurrent misses share the load', async () => {
  const models = new ReadModels();
  let loads = 0;
  const load = async () => ++loads;
  const c = { id: 1, contentVersion: 7 };
  const [a, b] = await Promise.all([models.get(c, 'x', load), models.get(c, 'x', load)]);
  assert.deepEqual([a, b, loads], [1, 1, 1]);
  assert.equal(await models.get({ id: 1, contentVersion: 8 }, 'x', load), 2, 'a new version loads again');
  assert.equal(await models.get({ id: 2, contentVersion: 7 }, 'x', load), 3, 'another collectivity has its own');
  assert.equal(await models.get(c, 'x', load), 1);
});

test('failures and missing things are not kept; the oldest entry goes first when full', async () => {
  const models = new ReadModels(2);
  const c = { id: 1, contentVersion: 1 };
  await assert.rejects(models.get(c, 'fails', async () => { throw new Error('db down'); }));
  assert.equal(await models.get(c, 'fails', async () => 'ok'), 'ok');
  assert.equal(await models.get(c, 'missing', async () => undefined), undefined);
  assert.equal(await models.get(c, 'missing', async () => 'found now'), 'found now');
  await models.get(c, 'third', async () => 3);
  // capacity 2: 'fails' (least recently used) was dropped
  assert.equal(await models.get(c, 'fails', async () => 'reloaded'), 'reloaded');
});
