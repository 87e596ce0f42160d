// /.well-known/security.txt (RFC 9116) and the policy it points at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildTestApp } from '../helpers/app.ts';

/** The fields of a security.txt, by name. */
const fields = (text: string) => new Map(text.trim().split('\n').map((line) => line.split(/: (.*)/s, 2) as [string, string]));

test('security.txt names a contact, an expiry within a year, the languages, its address and the policy', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject('/.well-known/security.txt');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; charset=utf-8/);
  const f = fields(res.body);
  assert.equal(f.get('Contact'), 'mailto:security@localhost');
  const expires = Date.parse(f.get('Expires')!);
  assert.ok(expires > Date.now() + 30 * 86_400_000 && expires < Date.now() + 365 * 86_400_000, f.get('Expires'));
  assert.equal(f.get('Preferred-Languages'), 'ar, fr, en');
  assert.equal(f.get('Canonical'), 'http://localhost:3000/.well-known/security.txt');
  assert.equal(f.get('Policy'), 'http://localhost:3000/SECURITY.md');

  // the policy is served by the instance itself, so it matches the running version
  const policy = await app.inject(new URL(f.get('Policy')!).pathname);
  assert.equal(policy.statusCode, 200);
  assert.match(String(policy.headers['content-type']), /^text\/markdown/);
  for (const section of ['Reporting a vulnerability', 'CSRF', 'CSP', 'Login throttling', 'ballot secrecy', 'CIN hashing', 'Uploaded files']) {
    assert.ok(policy.body.includes(section), `SECURITY.md has no "${section}"`);
  }
});

test('SECURITY_CONTACT sets the contact: an address becomes mailto:, a URL stays', async (t) => {
  const { database } = await buildTestApp(t);
  for (const [value, contact] of [
    ['securite@settat.ma', 'mailto:securite@settat.ma'],
    ['https://settat.ma/securite', 'https://settat.ma/securite'],
  ]) {
    const config = loadConfig({ SECURITY_CONTACT: value, BASE_URL: 'https://infitah.settat.ma', LOG_LEVEL: 'silent' });
    const app = await buildApp(config, database, { logger: false });
    const f = fields((await app.inject('/.well-known/security.txt')).body);
    await app.close();
    assert.equal(f.get('Contact'), contact);
    assert.equal(f.get('Canonical'), 'https://infitah.settat.ma/.well-known/security.txt');
  }
});
