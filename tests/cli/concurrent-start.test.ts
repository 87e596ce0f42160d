// Two `infitah serve` processes started at once on one empty database (the same PostgreSQL
// database, or the same SQLite file): both must become ready, and the Settat demo must be
// loaded exactly once (issue 10, item 17). Repeated to make the race likely.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database.ts';
import { usingPostgres } from '../helpers/app.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'infitah.js');
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = 3;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A database with nothing in it, not even migrations: a new PostgreSQL database or a new file. */
async function blankDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!usingPostgres) {
    const dir = mkdtempSync(join(tmpdir(), 'infitah-start-'));
    return { url: `sqlite:${join(dir, 'infitah.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `infitah_start_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(url: string, port: number): Server {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

/** Waits until the server answers /healthz 200; false if it exits first or takes over a minute. */
async function ready(server: Server): Promise<boolean> {
  let dead = false;
  void server.exited.then(() => (dead = true));
  for (let i = 0; i < 600 && !dead; i++) {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`).catch(() => undefined);
    if (health?.ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function stop(server: Server) {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

test(`two instances started together on an empty database both start, and load the demo once (${ROUNDS} rounds)`, async (t) => {
  for (let round = 1; round <= ROUNDS; round++) {
    const { url, drop } = await blankDatabase();
    t.after(drop);
    const servers = [serve(url, await freePort()), serve(url, await freePort())];
    try {
      const started = await Promise.all(servers.map(ready));
      for (const [i, ok] of started.entries()) assert.ok(ok, `round ${round}: instance ${i + 1} did not start:\n${servers[i].output()}`);

      // the demo logins are created, and printed, by exactly one of the two
      const printed = servers.filter((s) => /admin@infitah\.local {2}password: /.test(s.output()));
      assert.equal(printed.length, 1, `round ${round}: demo logins printed ${printed.length} times`);

      const database = openDatabase(url);
      try {
        const count = async (table: 'collectivity' | 'programme' | 'proposal' | 'budget_round' | 'budget_ballot' | 'app_user') =>
          Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        assert.deepEqual(
          {
            settat: (await database.db.selectFrom('collectivity').select('id').where('slug', '=', 'settat').execute()).length,
            programmes: await count('programme'),
            proposals: await count('proposal'),
            budgetRounds: await count('budget_round'),
            ballots: await count('budget_ballot'),
            demoLogins: (await database.db.selectFrom('app_user').select('id').where('email', 'in', ['admin@infitah.local', 'point-focal@settat.infitah.local']).execute()).length,
          },
          // Settat's programme and the next one in co-creation (3 example proposals to its open call),
          // the example commune's (Chefchaouen); the budget's ballots: 1,100 in 2025, 240 in the open vote
          { settat: 1, programmes: 3, proposals: 34, budgetRounds: 2, ballots: 1340, demoLogins: 2 },
          `round ${round}`,
        );
      } finally {
        await database.close();
      }
    } finally {
      await Promise.all(servers.map(stop));
    }
  }
});
