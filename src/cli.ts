// The `infitah` command: serve, migrate, backup, restore, seed-demo, create-admin, import-programme,
// export-programme, tally.
import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import type { Db } from './platform/db/database.ts';
import { type Role, roles } from './platform/auth/roles.ts';

// Each command imports what it needs when it runs: the server (charts, images, every module) and
// the spreadsheet readers take seconds to load, and even the database drivers a few tenths,
// which `--help` should not pay.

const program = new Command('infitah').description('Open-government platform for Moroccan territorial collectivities');

/** The configuration, an open database and the migrator, loaded on first use. */
async function databaseParts() {
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('./config.ts'),
    import('./platform/db/database.ts'),
    import('./platform/db/migrate.ts'),
  ]);
  const config = loadConfig();
  return { database: openDatabase(config.databaseUrl, config.databaseTimeouts), migrateToLatest };
}

async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const { database, migrateToLatest } = await databaseParts();
  try {
    await database.exclusive(() => migrateToLatest(database.db)); // not while an instance starts
    return await work(database.db);
  } finally {
    await database.close();
  }
}

program
  .command('serve')
  .description('migrate, load the Settat demo into an empty database, and serve')
  .option('--no-demo', 'do not load the demo into an empty database')
  .action(async (opts: { demo: boolean }) => {
    // V8 grows its young generation when most of what it holds survives, which is so of almost
    // everything allocated while the server loads: it would reach the maximum `npm start` gives
    // (--max-semi-space-size=32) before the first request, some 20 MB resident that loading does
    // not need. It may grow from listening on, under load, where it saves collections
    // (docs/benchmark.md, "Memory at ready").
    setFlagsFromString('--semi-space-growth-factor=1');
    const [{ startServer }, { loadConfig }] = await Promise.all([import('./server.ts'), import('./config.ts')]);
    await startServer(loadConfig(), { demo: opts.demo });
    setFlagsFromString('--semi-space-growth-factor=2'); // V8's default
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--dry-run', 'list the migrations that would run; change nothing')
  .action(async (opts: { dryRun?: boolean }) => {
    const { database, migrateToLatest } = await databaseParts();
    try {
      if (opts.dryRun) {
        const { pendingMigrations } = await import('./platform/db/migrate.ts');
        const pending = await pendingMigrations(database.db);
        console.log(pending.length ? `Would apply ${pending.length}:\n${pending.map((m) => `  ${m}`).join('\n')}` : 'Database is up to date.');
        return;
      }
      const applied = await database.exclusive(() => migrateToLatest(database.db));
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('backup')
  .description('write the whole database (uploaded files included) and a manifest into one archive, while the server runs')
  .requiredOption('-o, --output <file>', 'the archive to write (a .tar file)')
  .action(async (opts: { output: string }) => {
    const [{ loadConfig }, { backupCommand }] = await Promise.all([import('./config.ts'), import('./platform/backup/cli.ts')]);
    process.exitCode = await backupCommand(loadConfig().databaseUrl, opts.output);
  });

program
  .command('restore')
  .description('restore a backup archive into the database of DATABASE_URL, which must be empty (SQLite: stop the server first)')
  .argument('<file>', 'an archive written by infitah backup')
  .option('--force', "replace a database that is not empty with the backup's content")
  .action(async (file: string, opts: { force?: boolean }) => {
    const [{ loadConfig }, { restoreCommand }] = await Promise.all([import('./config.ts'), import('./platform/backup/cli.ts')]);
    process.exitCode = await restoreCommand(loadConfig().databaseUrl, file, { force: opts.force === true });
  });

program
  .command('seed-demo')
  .description("load Settat commune's 2024–2025 programme and demo logins (loading again changes nothing)")
  .action(async () => {
    const { seedDemo } = await import('./modules/demo.ts');
    const result = await withDatabase(seedDemo);
    console.log(result.loaded ? 'Settat demo loaded.' : 'Settat demo already present: nothing changed.');
    for (const a of result.accounts) console.log(`  ${a.role}: ${a.email}  password: ${a.password}`);
  });

program
  .command('create-admin')
  .description('create a staff account, or set its password if it exists, and grant it a role')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>', 'at least 10 characters')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--role <role>', `one of ${roles.join(', ')}`, 'network_admin')
  .option('--collectivity <slug>', 'required for every role but network_admin')
  .action(async (opts: { email: string; password: string; name: string; role: string; collectivity?: string }) => {
    const [{ passwordProblem }, { translator }, { grantRole, upsertUser }] = await Promise.all([
      import('./platform/auth/passwords.ts'),
      import('./platform/i18n/i18n.ts'),
      import('./platform/auth/users.ts'),
    ]);
    // the rules of every new password; the reason in English, like the command's other messages
    const weak = passwordProblem(opts.password, { email: opts.email, name: opts.name });
    if (weak) throw new Error(translator('en')(weak));
    if (!(roles as readonly string[]).includes(opts.role)) throw new Error(`Unknown role ${opts.role}`);
    const role = opts.role as Role;
    await withDatabase(async (db) => {
      let collectivityId: number | null = null;
      if (role !== 'network_admin') {
        if (!opts.collectivity) throw new Error(`--collectivity is required for ${role}`);
        const c = await db.selectFrom('collectivity').select('id').where('slug', '=', opts.collectivity).executeTakeFirst();
        if (!c) throw new Error(`Unknown collectivity ${opts.collectivity}`);
        collectivityId = c.id;
      }
      const user = await upsertUser(db, { email: opts.email, password: opts.password, displayName: opts.name, verified: true });
      await grantRole(db, user.id, role, collectivityId);
      console.log(`${user.created ? "Created" : "Updated"} ${opts.email.trim().toLowerCase()} (${role}${opts.collectivity ? ` of ${opts.collectivity}` : ''}).`);
    });
  });

program
  .command('import-programme')
  .description("import an action plan (XLSX, CSV, or a .tsv of the matrix pasted as it is) as a new draft programme, not public until staff adopt it")
  .argument('<file>', '.xlsx, .csv, or .tsv/.txt (tab-separated, as copied from the document)')
  .requiredOption('--collectivity <slug>')
  .option('--dry-run', 'check and summarise only; nothing is written')
  .option('--create-partners', 'create the partners the collectivity does not have yet')
  .option('--title <title>', "the programme's title, in the text's language (default: the openness programme and its period)")
  .option('--text-lang <lang>', "language the file's text is written in: ar, fr, en, or auto (from its script)", 'auto')
  .option('--lang <lang>', 'language of the messages: ar, fr or en', 'fr')
  .action(async (file: string, opts: { collectivity: string; dryRun?: boolean; createPartners?: boolean; title?: string; lang: string; textLang: string }) => {
    const { importProgrammeCommand } = await import('./modules/transfer/cli.ts');
    process.exitCode = await withDatabase((db) => importProgrammeCommand(db, file, opts));
  });

program
  .command('export-programme')
  .description("export a collectivity's current programme (streamed)")
  .requiredOption('--collectivity <slug>')
  .requiredOption('--format <format>', 'xlsx, csv or json')
  .option('-o, --output <file>', 'file to write (default: standard output; required for xlsx)')
  .option('--lang <lang>', 'language of the CSV and of the messages: ar, fr or en', 'ar')
  .action(async (opts: { collectivity: string; format: string; output?: string; lang: string }) => {
    const { exportProgrammeCommand } = await import('./modules/transfer/cli.ts');
    process.exitCode = await withDatabase((db) => exportProgrammeCommand(db, opts));
  });

program
  .command('tally')
  .description('recompute the results of a participatory budget round from its ballots (the JSON the API publishes)')
  .requiredOption('--collectivity <slug>')
  .requiredOption('--round <id>')
  .option('--format <format>', 'json or table', 'json')
  .action(async (opts: { collectivity: string; round: string; format: string }) => {
    const { tallyCommand } = await import('./modules/budget/cli.ts');
    process.exitCode = await withDatabase((db) => tallyCommand(db, opts));
  });

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(`infitah: ${err.message}`);
  process.exit(1);
});
