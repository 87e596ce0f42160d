// Reads of the co-creation module. Every function takes the collectivity id and filters by it.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type Db, isPostgres } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { searchTerms } from '../../platform/text/normalize.ts';
import { ftsPhrases, likeTerm } from '../../platform/text/like.ts';
import './tables.ts';
import './process-tables.ts';


export async function listStages(db: Db, collectivityId: number, programmeId: number) {
  return db
    .selectFrom('process_stage')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programmeId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

export async function committeeOf(db: Db, collectivityId: number, programmeId: number) {
  const committee = await db
    .selectFrom('committee')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programmeId)
    .orderBy('id')
    .executeTakeFirst();
  if (!committee) return null;
  const members = await db
    .selectFrom('committee_member')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('committee_id', '=', committee.id)
    .orderBy('position')
    .execute();
  return { committee, members };
}

export async function listCommitteeMeetings(db: Db, collectivityId: number, committeeId: number) {
  return db
    .selectFrom('committee_meeting')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('committee_id', '=', committeeId)
    .orderBy('held_on', 'desc')
    .limit(50)
    .execute();
}

/** The calls of the collectivity (of one programme when given), newest first. */
export async function listCalls(db: Db, collectivityId: number, limit = 20, programmeId?: number) {
  return db
    .selectFrom('call_for_proposals')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .$if(programmeId !== undefined, (q) => q.where('programme_id', '=', programmeId!))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The public pages of co-creation, for the sitemap: the process, proposals, participation, each proposal and notice. */
export async function cocreationPages(db: Db, place: { id: number; slug: string }, limit: number, programmeId: number | null): Promise<string[]> {
  const base = `/c/${place.slug}`;
  const [calls, proposals] = await Promise.all([
    listCalls(db, place.id, limit),
    db.selectFrom('proposal').select('id').where('collectivity_id', '=', place.id).orderBy('id', 'desc').limit(limit).execute(),
  ]);
  return [
    ...(programmeId === null ? [] : [`${base}/process`, `${base}/proposals`, `${base}/participation`]),
    ...calls.map((c) => `${base}/announcements/${c.id}`),
    ...proposals.map((p) => `${base}/proposals/${p.id}`),
  ];
}

/**
 * Programmes whose co-creation is public while their plan is not: not current, in co-creation or
 * a draft, with a call for proposals published by `at`. Publishing a call is what opens a
 * programme's co-creation to the public (its call, process and proposals; the matrix stays
 * private until consultation, decision 006). Newest period first.
 */
export async function coCreatedProgrammes(db: Db, collectivityId: number, at: string) {
  return db
    .selectFrom('programme as p')
    .selectAll('p')
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.is_current', '=', 0)
    .where('p.status', 'in', ['co_creation', 'draft'])
    .where((eb) =>
      eb.exists(
        eb.selectFrom('call_for_proposals as c').select('c.id').whereRef('c.programme_id', '=', 'p.id').where('c.collectivity_id', '=', collectivityId).where('c.published_at', '<=', at),
      ),
    )
    .orderBy('p.start_year', 'desc')
    .orderBy('p.id', 'desc')
    .limit(10)
    .execute();
}

/** Where a programme's co-creation pages are, under /{locale}/c/{slug}: `/process` and
 *  `/proposals` for the current programme, its period's pages for another. */
export async function processBaseOf(db: Db, collectivityId: number, programmeId: number): Promise<string> {
  const p = await db.selectFrom('programme').select(['start_year', 'end_year', 'is_current']).where('collectivity_id', '=', collectivityId).where('id', '=', programmeId).executeTakeFirst();
  return !p || Number(p.is_current) === 1 ? '' : `/programmes/${p.start_year}-${p.end_year}`;
}

export async function findCall(db: Db, collectivityId: number, id: number) {
  return db.selectFrom('call_for_proposals').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
}

export interface ProposalFilters {
  axisId?: number;
  channel?: string;
  status?: string;
  eventId?: number;
  q?: string;
  /** keyset: proposals with a smaller id (newest first) */
  before?: number;
}

const proposalColumns = ['p.id', 'p.title', 'p.lang', 'p.channel', 'p.status', 'p.axis_id', 'p.submitted_at', 'p.is_demo', 'p.event_id'] as const;

/** Rows a search first reads newest first before it turns to the trigram index (see below). */
const SEARCH_NEWEST_FIRST = 1000;

type ProposalScope = ExpressionBuilder<Database & { p: Database['proposal'] }, 'p'>;

/**
 * One page of proposals, newest first; `next` is the id to continue from. Search: every term of
 * `q` is a substring of the normalised text (normalize.ts `searchTerms`), by LIKE or, the same
 * question, by the trigram index of migration 20261205T0800.
 */
export async function listProposals(db: Db, collectivityId: number, programmeId: number, f: ProposalFilters, limit = 20) {
  const terms = f.q ? searchTerms(f.q) : [];
  const filters = (eb: ProposalScope) => {
    const all: Expression<SqlBool>[] = [eb('p.collectivity_id', '=', collectivityId), eb('p.programme_id', '=', programmeId)];
    if (f.axisId !== undefined) all.push(eb('p.axis_id', '=', f.axisId));
    if (f.channel !== undefined) all.push(eb('p.channel', '=', f.channel));
    if (f.status !== undefined) all.push(eb('p.status', '=', f.status));
    if (f.eventId !== undefined) all.push(eb('p.event_id', '=', f.eventId));
    if (f.before !== undefined) all.push(eb('p.id', '<', f.before));
    return eb.and(all);
  };
  const like = (eb: ProposalScope, some: string[]) => eb.and(some.map((t) => likeTerm(eb.ref('p.search_text'), t)));
  const page = <T extends { id: number }>(rows: T[]) => {
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  };
  if (terms.length === 0) return page(await db.selectFrom('proposal as p').select(proposalColumns).where(filters).orderBy('p.id', 'desc').limit(limit + 1).execute());

  // 1. A word in more than a few percent of the proposals is found among the newest ones: read
  //    at most SEARCH_NEWEST_FIRST of them with LIKE (about a millisecond). The index could not
  //    do better there, and on a deep page (`before`) it does worse: FTS5 walks a common
  //    trigram's rows from the newest down to `before`.
  const recent = db.selectFrom('proposal as p').select([...proposalColumns, 'p.search_text']).where(filters).orderBy('p.id', 'desc').limit(SEARCH_NEWEST_FIRST);
  const first = await db
    .selectFrom(recent.as('p'))
    .select(['p.id', 'p.title', 'p.lang', 'p.channel', 'p.status', 'p.axis_id', 'p.submitted_at', 'p.is_demo', 'p.event_id'])
    .where((eb) => eb.and(terms.map((t) => likeTerm(eb.ref('p.search_text'), t))))
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute();
  if (first.length > limit) return page(first);
  // Fewer rows than that in scope (most programmes): step 1 has read them all, the answer is
  // complete. The index would only walk the word's matches in every other programme.
  const more = await db.selectFrom('proposal as p').select('p.id').where(filters).orderBy('p.id', 'desc').offset(SEARCH_NEWEST_FIRST - 1).limit(1).executeTakeFirst();
  if (!more) return page(first);

  // 2. A rarer word: from the index.
  if (isPostgres(db)) {
    // The GIN trigram index serves LIKE as written (terms of 3 characters or more). The planner
    // guesses how common a word is from a sample of texts, and may walk the primary key (newest
    // first, or every id below `before`) testing each row, or read the whole table: all of it
    // when nothing matches. Step 1 has shown the words rare here, so it is told to take the
    // index: bitmap scans only, in this transaction (ordered by an expression, which no index
    // gives, so that the sort stays a top-N of the matches).
    const indexable = terms.some((t) => t.length >= 3);
    const query = (q: Db) =>
      q
        .selectFrom('proposal as p')
        .select(proposalColumns)
        .where(filters)
        .where((eb) => like(eb, terms))
        .orderBy(indexable ? sql`p.id + 0` : sql.ref('p.id'), 'desc')
        .limit(limit + 1)
        .execute();
    if (!indexable) return page(await query(db));
    return page(
      await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        return query(trx);
      }),
    );
  }
  // SQLite: terms of 3 characters or more go to the FTS5 trigram table; shorter ones, which have
  // no trigram, stay LIKE over the rows it yields (or over all rows when no term is longer).
  const indexed = terms.filter((t) => t.length >= 3);
  const short = terms.filter((t) => t.length < 3);
  if (indexed.length === 0) return page(await db.selectFrom('proposal as p').select(proposalColumns).where(filters).where((eb) => like(eb, short)).orderBy('p.id', 'desc').limit(limit + 1).execute());
  // The matches drive the loop, newest first (FTS5 yields them in rowid order), each looked up
  // in `proposal` by its id, until limit + 1 are kept. CROSS JOIN keeps SQLite from putting
  // `proposal` outside (reading it by id and checking each row against the whole match set).
  return page(
    await db
      .selectFrom(sql<{ rowid: number }>`proposal_search(${ftsPhrases(indexed)})`.as('s'))
      .crossJoin('proposal as p')
      .select(proposalColumns)
      .where(sql.ref('p.id'), '=', sql.ref('s.rowid'))
      .$if(f.before !== undefined, (q) => q.where(sql.ref('s.rowid'), '<', f.before!))
      .where(filters)
      .$if(short.length > 0, (q) => q.where((eb) => like(eb, short)))
      .orderBy(sql.ref('s.rowid'), 'desc')
      .limit(limit + 1)
      .execute(),
  );
}

export async function findProposal(db: Db, collectivityId: number, id: number) {
  const proposal = await db.selectFrom('proposal').selectAll().where('collectivity_id', '=', collectivityId).where('id', '=', id).executeTakeFirst();
  if (!proposal) return null;
  const steps = await db
    .selectFrom('proposal_step')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('proposal_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return { proposal, steps };
}

/** Proposals that fed a project or an activity (public interface for the programme pages). */
export async function proposalsFeeding(db: Db, collectivityId: number, target: { projectId?: number; activityId?: number }, limit = 50) {
  return db
    .selectFrom('proposal as p')
    .select(proposalColumns)
    .where('p.collectivity_id', '=', collectivityId)
    .$if(target.projectId !== undefined, (q) => q.where('p.project_id', '=', target.projectId!))
    .$if(target.activityId !== undefined, (q) => q.where('p.activity_id', '=', target.activityId!))
    .where('p.status', '=', 'retained')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** What the next programme may take up from a cycle: its proposals still open or not retained
 *  (retained and merged ones live on in the plan or another proposal; withdrawn ones were taken
 *  back by their authors). */
export const carriableStatuses = ['submitted', 'under_review', 'not_retained'] as const;

export async function carriableProposals(db: Db, collectivityId: number, programmeId: number, limit = 500) {
  return db
    .selectFrom('proposal as p')
    .select(proposalColumns)
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.programme_id', '=', programmeId)
    .where('p.status', 'in', [...carriableStatuses])
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Links the chosen proposals of the programme `fromId` to the draft `toId`; returns the ids
 *  that are not carriable proposals of `fromId` (nothing is linked then: the caller rolls back). */
export async function carryProposals(trx: Db, collectivityId: number, fromId: number, toId: number, ids: number[], at: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const ok = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('proposal')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', fromId)
      .where('status', 'in', [...carriableStatuses])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) ok.add(r.id);
  }
  const refused = ids.filter((id) => !ok.has(id));
  if (refused.length > 0) return refused;
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .insertInto('proposal_carried')
      .values(ids.slice(i, i + 500).map((proposal_id) => ({ proposal_id, programme_id: toId, collectivity_id: collectivityId, carried_at: at })))
      .execute();
  }
  return [];
}

/** The proposals carried into a programme (its draft's back office). */
export async function proposalsCarriedInto(db: Db, collectivityId: number, programmeId: number, limit = 500) {
  return db
    .selectFrom('proposal_carried as k')
    .innerJoin('proposal as p', 'p.id', 'k.proposal_id')
    .select(proposalColumns)
    .where('k.collectivity_id', '=', collectivityId)
    .where('k.programme_id', '=', programmeId)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** The programmes a proposal was carried into, newest first (its public page names one). */
export async function programmesCarryingProposal(db: Db, collectivityId: number, proposalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('proposal_carried')
    .select('programme_id')
    .where('collectivity_id', '=', collectivityId)
    .where('proposal_id', '=', proposalId)
    .orderBy('programme_id', 'desc')
    .execute();
  return rows.map((r) => r.programme_id);
}
