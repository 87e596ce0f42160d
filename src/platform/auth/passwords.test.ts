// Password hashing takes at most two of libuv's four pool threads, whatever the number of
// sign-ins at once: the others wait their turn in order, and each still gets its own answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashing, hashPassword, verifyPassword } from './passwords.ts';

test('five sign-ins at once: two hashes run, three wait, all five are hashed and verify', async () => {
  const passwords = ['first long passphrase', 'second long passphrase', 'third long passphrase', 'fourth long passphrase', 'fifth long passphrase'];
  const hashes = passwords.map((p) => hashPassword(p));
  assert.equal(hashing.activeCount, 2);
  assert.equal(hashing.pendingCount, 3);
  const done = await Promise.all(hashes);
  assert.equal(hashing.activeCount + hashing.pendingCount, 0);
  assert.equal(new Set(done).size, 5);
  const checks = await Promise.all(passwords.map((p, i) => verifyPassword(done[i], p)));
  assert.deepEqual(checks, [true, true, true, true, true]);
  assert.equal(await verifyPassword(done[0], passwords[1]), false);
  assert.equal(await verifyPassword(null, passwords[0]), false, 'an unknown account is refused after a real verification');
});
