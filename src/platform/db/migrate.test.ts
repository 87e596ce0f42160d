// The migrations run are those listed in src/db/migrations/index.ts: the list must name every
// migration file of the folder, each under its file's name (a forgotten entry would never run).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrations } from '../../db/migrations/index.ts';

test('the list of migrations names each file of src/db/migrations, and imports it', async () => {
  const folder = join(import.meta.dirname, '..', '..', 'db', 'migrations');
  const files = readdirSync(folder).filter((f) => f !== 'index.ts');
  for (const file of files) assert.match(file, /^\d{8}T\d{4}_[a-z0-9_]+\.ts$/, `${file}: a migration is named YYYYMMDDTHHMM_name.ts`);
  assert.deepEqual(Object.keys(migrations).sort(), files.map((f) => f.slice(0, -'.ts'.length)).sort());
  for (const [name, load] of Object.entries(migrations)) {
    const migration = await load();
    assert.equal(typeof migration.up, 'function', name);
  }
});
