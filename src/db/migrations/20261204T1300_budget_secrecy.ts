// Ballot secrecy in storage (docs/architecture.md, "Ballot secrecy"). Before, budget_ballot kept
// the voter's hash, which joins budget_voter (the account): one query listed each account with
// the projects it chose. Now:
// - budget_voted(round_id, voter_hash) is the "has voted" mark, one per person and round (its
//   primary key), with the gender and age band that participation is counted by;
// - budget_ballot names nobody: a random text id, the channel, the day it was cast, the district,
//   and in changeable rounds a keyed link (change_key) that only the server's secret computes;
// - on SQLite both tables, and the choices, are WITHOUT ROWID: rows are kept in key order (hash,
//   random id), not in the order of voting.
// Existing ballots are moved: new random ids, the day only, the mark from the old voter_hash. The
// link is computed here for online ballots of changeable rounds still open, when the secret is in
// the environment (BUDGET_SECRET, else SESSION_SECRET; the same derivation as model.ts
// ballotLinkKey, copied so that this migration never changes); without it those ballots stay
// counted but can no longer be changed. The verification attempts table goes: attempts are
// counted by platform/rate-limit.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const withoutRowid = <T extends { modifyEnd(s: any): T }>(table: T) => (pg ? table : table.modifyEnd(sql`without rowid`));
  const collectivityRef = (c: any) => c.notNull().references('collectivity.id').onDelete('cascade');
  const roundRef = (c: any) => c.notNull().references('budget_round.id').onDelete('cascade');

  await withoutRowid(
    db.schema
      .createTable('budget_voted')
      .addColumn('collectivity_id', 'integer', collectivityRef)
      .addColumn('round_id', 'integer', roundRef)
      .addColumn('voter_hash', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('age_band', 'text')
      .addPrimaryKeyConstraint('budget_voted_pk', ['round_id', 'voter_hash']),
  ).execute();
  await withoutRowid(
    db.schema
      .createTable('budget_ballot_v2')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('collectivity_id', 'integer', collectivityRef)
      .addColumn('round_id', 'integer', roundRef)
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('cast_on', 'text', (c) => c.notNull())
      .addColumn('district_id', 'integer', (c) => c.references('budget_district.id').onDelete('restrict'))
      .addColumn('change_key', 'text')
      .addPrimaryKeyConstraint('budget_ballot_id_pk', ['id']),
  ).execute();
  await withoutRowid(
    db.schema
      .createTable('budget_ballot_choice_v2')
      .addColumn('collectivity_id', 'integer', collectivityRef)
      .addColumn('ballot_id', 'text', (c) => c.notNull().references('budget_ballot_v2.id').onDelete('cascade'))
      .addColumn('project_id', 'integer', (c) => c.notNull().references('budget_project.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('budget_choice_pk', ['ballot_id', 'project_id']),
  ).execute();

  // the existing ballots, moved (a commune's rounds hold thousands, not millions: held in memory)
  const secret = process.env.BUDGET_SECRET?.trim() || process.env.SESSION_SECRET;
  const linkKey = secret ? createHmac('sha256', secret).update('infitah/budget/ballot-link/v1').digest() : null;
  const at = new Date().toISOString();
  const rounds = new Map((await db.selectFrom('budget_round').select(['id', 'changeable', 'results_at']).execute()).map((r) => [r.id, r]));
  const old = await db.selectFrom('budget_ballot').select(['id', 'collectivity_id', 'round_id', 'voter_hash', 'channel', 'cast_at', 'gender', 'age_band', 'district_id']).execute();
  const newId = new Map<number, string>();
  const ballots = old.map((b) => {
    const id = randomBytes(16).toString('hex');
    newId.set(b.id, id);
    const round = rounds.get(b.round_id);
    const open = round && Number(round.changeable) === 1 && round.results_at > at && b.channel === 'online';
    const change_key = open && linkKey ? createHmac('sha256', linkKey).update(`${b.round_id}|${b.voter_hash}`).digest('hex') : null;
    return { id, collectivity_id: b.collectivity_id, round_id: b.round_id, channel: b.channel, cast_on: day.format(new Date(b.cast_at)), district_id: b.district_id, change_key };
  });
  const marks = old.map((b) => ({ collectivity_id: b.collectivity_id, round_id: b.round_id, voter_hash: b.voter_hash, gender: b.gender, age_band: b.age_band }));
  const choices = (await db.selectFrom('budget_ballot_choice').select(['collectivity_id', 'ballot_id', 'project_id']).execute()).map((c) => ({ ...c, ballot_id: newId.get(c.ballot_id)! }));
  // each table written in its own key order, so that row order pairs no mark with a ballot
  const insert = async (table: string, rows: object[], order: (r: any) => string) => {
    rows.sort((a, b) => order(a).localeCompare(order(b)));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(rows.slice(i, i + 500)).execute();
  };
  await insert('budget_voted', marks, (m) => `${m.round_id}|${m.voter_hash}`);
  await insert('budget_ballot_v2', ballots, (b) => b.id);
  await insert('budget_ballot_choice_v2', choices, (c) => `${c.ballot_id}|${c.project_id}`);

  await db.schema.dropTable('budget_ballot_choice').execute();
  await db.schema.dropTable('budget_ballot').execute();
  await db.schema.dropTable('budget_attempt').execute();
  // SQLite rewrites the choices' reference to the renamed table; PostgreSQL follows it by oid
  await db.schema.alterTable('budget_ballot_v2').renameTo('budget_ballot').execute();
  await db.schema.alterTable('budget_ballot_choice_v2').renameTo('budget_ballot_choice').execute();

  // participation by gender and age band: counted from the marks
  await db.schema.createIndex('budget_voted_breakdown').on('budget_voted').columns(['collectivity_id', 'round_id', 'gender', 'age_band']).execute();
  // participation by channel
  await db.schema.createIndex('budget_ballot_channel').on('budget_ballot').columns(['collectivity_id', 'round_id', 'channel']).execute();
  // a changeable round's ballot found by its link; also serves the round's foreign key
  await db.schema.createIndex('budget_ballot_change_key').on('budget_ballot').columns(['round_id', 'change_key']).unique().execute();
  await db.schema.createIndex('budget_ballot_district_fk').on('budget_ballot').column('district_id').execute();
  // the count (count.ts), a ballot's own choices, and the project's foreign key
  await db.schema.createIndex('budget_ballot_choice_tally').on('budget_ballot_choice').columns(['collectivity_id', 'project_id']).execute();
  await db.schema.createIndex('budget_ballot_choice_ballot').on('budget_ballot_choice').columns(['collectivity_id', 'ballot_id']).execute();
  await db.schema.createIndex('budget_ballot_choice_project').on('budget_ballot_choice').columns(['project_id', 'ballot_id']).execute();
}

export async function down(): Promise<void> {
  // the link between a voter and a ballot is gone on purpose: it cannot be rebuilt
  throw new Error('20261204T1300_budget_secrecy cannot be undone: ballots no longer name their voter');
}
