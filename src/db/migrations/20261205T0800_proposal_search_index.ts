// Proposals search at scale (issue 12): every search term must be a substring of the proposal's
// normalised `search_text` (repository.ts `listProposals`). A plain `LIKE '%term%'` scans all of a
// programme's proposals (88 ms at 100,000 when nothing matches); a trigram index answers the same
// substring question from the trigrams of the term.
// - PostgreSQL: a GIN index with pg_trgm's operator class serves `search_text LIKE '%term%'` as
//   the query already writes it (terms of 3 characters or more).
// - SQLite: an FTS5 table with the trigram tokenizer, contentless (the text stays in `proposal`
//   only) with deletes allowed, kept in step with `proposal` by triggers and filled here. A phrase
//   query `"term"` on it is the same substring match (terms of 3 characters or more).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // trusted extension since PostgreSQL 13: the database owner may create it
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index proposal_search_trgm on proposal using gin (search_text gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table proposal_search using fts5(search_text, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  await sql`create trigger proposal_search_insert after insert on proposal begin
      insert into proposal_search(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
  await sql`create trigger proposal_search_delete after delete on proposal begin
      delete from proposal_search where rowid = old.id;
    end`.execute(db);
  await sql`create trigger proposal_search_update after update of id, search_text on proposal begin
      delete from proposal_search where rowid = old.id;
      insert into proposal_search(rowid, search_text) values (new.id, new.search_text);
    end`.execute(db);
  await sql`insert into proposal_search(rowid, search_text) select id, search_text from proposal`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index proposal_search_trgm`.execute(db);
    return;
  }
  for (const t of ['insert', 'delete', 'update']) await sql`drop trigger ${sql.raw(`proposal_search_${t}`)}`.execute(db);
  await sql`drop table proposal_search`.execute(db);
}
