// The SQL side of text search: `column LIKE '%term%'` over a normalised column (normalize.ts),
// with the escape character likePattern() uses. Same on SQLite and PostgreSQL.
import { type Expression, sql } from 'kysely';
import { likePattern } from './normalize.ts';

export const likeTerm = (column: Expression<string>, term: string) => sql<boolean>`${column} like ${likePattern(term)} escape '\\'`;
