// The SQL side of text search: `column LIKE '%term%'` over a normalised column (normalize.ts),
// with the escape character likePattern() uses. Same on SQLite and PostgreSQL (where a trigram
// index serves it); SQLite answers terms of 3 characters or more from an FTS5 table (ftsPhrases).
import { type Expression, sql } from 'kysely';
import { likePattern } from './normalize.ts';

export const likeTerm = (column: Expression<string>, term: string) => sql<boolean>`${column} like ${likePattern(term)} escape '\\'`;

/**
 * An FTS5 query (SQLite) that every term must match as a phrase: `"t1" "t2"`. With the trigram
 * tokenizer a phrase is a substring match, as `%term%` is, for terms of 3 characters or more
 * (shorter ones have no trigram and match nothing: keep them LIKE). Quotes are doubled.
 */
export const ftsPhrases = (terms: string[]) => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
