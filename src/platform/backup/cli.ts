// The backup and restore commands' messages (English, like the command's others); the exit code.
import { BackupError } from './errors.ts';
import { backup, listed, restore, totalRows } from './backup.ts';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const thousands = (n: number) => n.toLocaleString('en-US');

async function reported(work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    console.error(`infitah: ${e.message}`);
    return 1;
  }
}

export function backupCommand(url: string, output: string): Promise<number> {
  return reported(async () => {
    const started = performance.now();
    const r = await backup(url, output);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tables = Object.keys(r.manifest.tables).length;
    console.log(`Backup written: ${r.file} (${megabytes(r.bytes)}, ${r.manifest.kind}, ${tables} tables, ${thousands(totalRows(r.manifest.tables))} rows, ${seconds} s)`);
    console.log(`  sha256 ${r.sha256}`);
    if (!r.recorded) console.log('  Not recorded in the back office: this database predates the backup_run table (run infitah migrate).');
  });
}

export function restoreCommand(url: string, file: string, options: { force: boolean }): Promise<number> {
  return reported(async () => {
    if (url.startsWith('sqlite:')) console.log('SQLite: the server must be stopped while its database file is replaced.');
    const started = performance.now();
    const r = await restore(url, file, options);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const m = r.manifest;
    if (r.replaced.length) console.log(`Replaced: ${listed(r.replaced)}.`);
    if (r.dropped.length) console.log(`Dropped tables the backup does not have: ${r.dropped.join(', ')}.`);
    console.log(`Restored the backup of ${m.createdAt} (version ${m.appVersion}, ${m.kind}): ${Object.keys(m.tables).length} tables, ${thousands(totalRows(m.tables))} rows, every table checked against the manifest (${seconds} s).`);
    if (r.pending) console.log(`${r.pending} migrations of this version are still to run: infitah migrate (or start the server).`);
  });
}
