// Builds the benchmark database: a fresh SQLite file with the Settat demo, the 12 regions,
// 75 provinces and N generated communes, each loaded with the app's own loadSeedProgramme
// (one transaction per commune). With reuse, an existing file built for the same N, by the same
// generator and migrations, is kept.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { ensureCollectivities, loadSeedProgramme } from '../src/modules/programme/seed/load.ts';
import { loadDemoContent } from '../src/modules/demo.ts';
import { communeSeed, territorialParents } from './generate.ts';

/**
 * Hash of the generator's source and of the migrations, so that BENCH_REUSE does not keep a file
 * built by another version: a migration edited in place (an index added to it, say) or renamed
 * would otherwise leave the kept file with another schema than a new one, or fail to migrate.
 */
const migrationsDir = join(import.meta.dirname, '..', 'src', 'db', 'migrations');
const hash = createHash('sha256')
  .update(readFileSync(join(import.meta.dirname, 'generate.ts')))
  .update(readFileSync(join(import.meta.dirname, 'dataset.ts')))
  .update(readFileSync(join(import.meta.dirname, 'prng.ts')));
for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(join(migrationsDir, file)));
export const GENERATOR_VERSION = hash.digest('hex').slice(0, 16);

export interface DatasetInfo {
  path: string;
  communes: number;
  reused: boolean;
  /** seconds it took to build (when reused: the time recorded when it was built) */
  buildSeconds: number;
  counts: { collectivities: number; programmes: number; projects: number; activities: number; partners: number };
  fileBytes: number;
}

interface Meta {
  generator: string;
  communes: number;
  buildSeconds: number;
}

const sqliteFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`, `${path}.meta.json`];


export async function buildDataset(path: string, communes: number, opts: { reuse: boolean; label: string }): Promise<DatasetInfo> {
  const metaPath = `${path}.meta.json`;
  let meta: Meta | null = null;
  if (opts.reuse && existsSync(path) && existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as Meta;
    if (m.generator === GENERATOR_VERSION && m.communes === communes) meta = m;
  }
  const reused = meta !== null;

  if (!reused) {
    for (const f of sqliteFiles(path)) rmSync(f, { force: true });
    const started = performance.now();
    const database = openDatabase(`sqlite:${path}`);
    try {
      await migrateToLatest(database.db);
      // the whole Settat demo (programme, co-creation, participatory budget…), so that its
      // budgets and participation pages have something to show
      await loadDemoContent(database.db);
      await ensureCollectivities(database.db, { collectivities: territorialParents() });
      const bar = new cliProgress.SingleBar(
        {
          format: `${opts.label} [{bar}] {percentage}% | {value}/{total} communes | {rate}/s | ETA {eta_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(communes, 0, { rate: '0' });
      for (let i = 1; i <= communes; i++) {
        await loadSeedProgramme(database.db, communeSeed(i));
        if (i % 25 === 0 || i === communes) {
          const rate = (i / ((performance.now() - started) / 1000)).toFixed(0);
          bar.update(i, { rate });
        }
      }
      bar.stop();
      // fold the WAL into the main file. No ANALYZE: the app never runs it, so the planner
      // works here as it does in production, without statistics.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    } finally {
      await database.close();
    }
    meta = { generator: GENERATOR_VERSION, communes, buildSeconds: (performance.now() - started) / 1000 };
    writeFileSync(metaPath, JSON.stringify(meta));
  }

  const database = openDatabase(`sqlite:${path}`);
  try {
    // (no-op: a reused file was built with the same migrations)
    if (reused) await migrateToLatest(database.db);
    const count = async (table: 'collectivity' | 'programme' | 'project' | 'activity' | 'partner') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const counts = {
      collectivities: await count('collectivity'),
      programmes: await count('programme'),
      projects: await count('project'),
      activities: await count('activity'),
      partners: await count('partner'),
    };
    return { path, communes, reused, buildSeconds: meta!.buildSeconds, counts, fileBytes: statSync(path).size };
  } finally {
    await database.close();
  }
}
