// Writes of the advisory opinions (رأي استشاري). One transaction each (the content version moves
// with it), tenant checks on every referenced id, an audit entry for every step. The workflow:
// drafted and edited by IEECAG members while 'draft' (deleted only then), adopted by the
// commission → 'adopted', published → 'published' (public from then on); transmitted to the
// council once adopted, then the council's response once transmitted. Dates are calendar days
// (Casablanca), never in the future, each step on or after the one before it.
import { type Actor, type LoggedValue, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, isPostgres, now, isUniqueViolation } from '../../../platform/db/database.ts';
import { todayInCasablanca } from '../../../platform/i18n/format.ts';
import type { CheckedFile } from '../../../platform/uploads.ts';
import { currentProgramme, loadProgrammeTree } from '../../programme/manifest.ts';
import type { AdoptInput, OpinionInput, ResponseInput, TransmitInput } from '../opinion-schema.ts';
import { budgetProjectsAmong, opinionFileInfo, opinionLinks, proposalsAmong } from '../opinions.ts';
import type { OpinionLinkKind, OpinionRow } from '../tables.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
}

type Link = { kind: OpinionLinkKind; id: number };

const E = (key: string) => ({ key: `ieecag.opinions.errors.${key}` });

const opinionValues = (input: OpinionInput) => ({
  subject_ar: input.subject_ar,
  subject_fr: input.subject_fr,
  subject_en: input.subject_en,
  origin: input.origin,
  // the day it was asked is the council's or its president's: none for a self-initiated opinion
  requested_on: input.origin === 'self' ? null : input.requested_on,
  council_session_ar: input.council_session_ar,
  council_session_fr: input.council_session_fr,
  council_session_en: input.council_session_en,
  body_ar: input.body_ar,
  body_fr: input.body_fr,
  body_en: input.body_en,
});

/**
 * The links the form names, checked against the collectivity: axes, projects and activities of
 * its current programme (or already linked to this opinion, from an earlier programme, which the
 * form no longer lists), proposals and participatory-budget projects of the collectivity.
 */
async function checkedLinks(trx: Db, collectivityId: number, input: OpinionInput, opinionId: number | null): Promise<Link[]> {
  const existing = opinionId === null ? [] : await opinionLinks(trx, collectivityId, opinionId);
  const programme = await currentProgramme(trx, collectivityId);
  const tree = programme ? await loadProgrammeTree(trx, collectivityId, programme) : null;
  const inPlan = {
    axis: new Set(tree?.axes.map((a) => a.id) ?? []),
    project: new Set(tree?.projects.map((p) => p.id) ?? []),
    activity: new Set(tree?.activities.map((a) => a.id) ?? []),
  };
  const links: Link[] = [];
  for (const kind of ['axis', 'project', 'activity'] as const) {
    const field = `${kind}_ids` as const;
    for (const id of new Set(input[field])) {
      if (!inPlan[kind].has(id) && !existing.some((l) => l.kind === kind && l.id === id)) rollbackWith({ [field]: E('notInProgramme') });
      links.push({ kind, id });
    }
    // links to an earlier programme's items are not offered by the form: they stay
    for (const l of existing) if (l.kind === kind && !inPlan[kind].has(l.id) && !links.some((x) => x.kind === kind && x.id === l.id)) links.push(l);
  }
  const proposals = await proposalsAmong(trx, collectivityId, input.proposal_ids);
  const unknownProposals = input.proposal_ids.filter((id) => !proposals.some((p) => p.id === id));
  if (unknownProposals.length > 0) rollbackWith({ proposal_ids: { key: 'ieecag.opinions.errors.unknownProposals', values: { ids: unknownProposals.join(', ') } } });
  for (const id of input.proposal_ids) links.push({ kind: 'proposal', id });
  const budget = await budgetProjectsAmong(trx, collectivityId, input.budget_project_ids);
  const unknownBudget = input.budget_project_ids.filter((id) => !budget.some((p) => p.id === id));
  if (unknownBudget.length > 0) rollbackWith({ budget_project_ids: { key: 'ieecag.opinions.errors.unknownBudgetProjects', values: { ids: unknownBudget.join(', ') } } });
  for (const id of input.budget_project_ids) links.push({ kind: 'budget_project', id });
  return links;
}

async function writeLinks(trx: Db, collectivityId: number, opinionId: number, links: Link[]) {
  await trx.deleteFrom('ieecag_opinion_link').where('collectivity_id', '=', collectivityId).where('opinion_id', '=', opinionId).execute();
  if (links.length > 0) {
    await trx
      .insertInto('ieecag_opinion_link')
      .values(links.map((l) => ({ collectivity_id: collectivityId, opinion_id: opinionId, target_kind: l.kind, target_id: l.id })))
      .execute();
  }
}

const linksLog = (links: Link[]): LoggedValue => links.map((l) => `${l.kind}:${l.id}`).join(' ') || null;

/** The opinion, locked against concurrent steps on PostgreSQL (SQLite runs one write at a time). */
async function lockedOpinion(trx: Db, collectivityId: number, opinionId: number): Promise<OpinionRow> {
  const row = await trx
    .selectFrom('ieecag_opinion')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', opinionId)
    .$if(isPostgres(trx), (q) => q.forUpdate())
    .executeTakeFirst();
  return row ?? rollbackWith({ form: E('noOpinion') });
}

function notInFuture(field: string, day: string | null, today: string) {
  if (day !== null && day > today) rollbackWith({ [field]: E('futureDate') });
}

/**
 * Drafts an opinion, numbered N/YEAR: the next number of the collectivity's year, read in the
 * transaction. Two members drafting at once may read the same one: the unique index
 * (collectivity_id, year, number) refuses the second, which is run again once.
 */
export async function draftOpinion(db: Db, scope: Scope, input: OpinionInput, today = todayInCasablanca()): Promise<CommandResult<{ id: number; number: number; year: number }>> {
  const run = () =>
    tenantTransaction(
      db,
      scope.collectivityId,
      async (trx) => {
        notInFuture('requested_on', input.requested_on, today);
        const links = await checkedLinks(trx, scope.collectivityId, input, null);
        const year = Number(today.slice(0, 4));
        const last = await trx
          .selectFrom('ieecag_opinion')
          .select((eb) => eb.fn.max('number').as('n'))
          .where('collectivity_id', '=', scope.collectivityId)
          .where('year', '=', year)
          .executeTakeFirst();
        const number = Number(last?.n ?? 0) + 1;
        const values = opinionValues(input);
        const at = now();
        const row = await trx
          .insertInto('ieecag_opinion')
          .values({ collectivity_id: scope.collectivityId, number, year, status: 'draft', ...values, created_by: scope.actor.userId, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeLinks(trx, scope.collectivityId, row.id, links);
        await recordChange(trx, {
          collectivityId: scope.collectivityId,
          programmeId: null,
          entityType: 'ieecag_opinion',
          entityId: row.id,
          action: 'create',
          actor: scope.actor,
          changes: diff({}, { number: `${number}/${year}`, status: 'draft', ...values, links: linksLog(links) }),
          public: false,
        });
        return { id: row.id, number, year };
      },
      // a draft is the commission's own business: no public page and no figure shows it
      { planUnchanged: true },
    );
  try {
    return await run();
  } catch (e) {
    // inside a caller's transaction the conflict has spoilt it: the caller decides
    if (!isUniqueViolation(e) || db.isTransaction) throw e;
    return run();
  }
}

/** Edits a draft (its text, origin, dates and links). */
export async function updateOpinion(db: Db, scope: Scope, opinionId: number, input: OpinionInput, today = todayInCasablanca()): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
      if (before.status !== 'draft') rollbackWith({ form: E('notDraft') });
      notInFuture('requested_on', input.requested_on, today);
      const oldLinks = await opinionLinks(trx, scope.collectivityId, opinionId);
      const links = await checkedLinks(trx, scope.collectivityId, input, opinionId);
      const after = opinionValues(input);
      await trx.updateTable('ieecag_opinion').set({ ...after, updated_at: now() }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', opinionId).execute();
      await writeLinks(trx, scope.collectivityId, opinionId, links);
      const was = Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof OpinionRow] as LoggedValue]));
      await recordChange(trx, {
        collectivityId: scope.collectivityId,
        programmeId: null,
        entityType: 'ieecag_opinion',
        entityId: opinionId,
        action: 'update',
        actor: scope.actor,
        changes: diff({ ...was, links: linksLog(oldLinks) }, { ...after, links: linksLog(links) }),
        public: false,
      });
      return opinionId;
    },
    { planUnchanged: true },
  );
}

/** Deletes a draft; nothing is deleted once the commission adopted it. Its number is not reused
 *  unless it was the year's last. */
export async function deleteOpinion(db: Db, scope: Scope, opinionId: number): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
      if (before.status !== 'draft') rollbackWith({ form: E('notDraft') });
      await trx.deleteFrom('ieecag_opinion').where('collectivity_id', '=', scope.collectivityId).where('id', '=', opinionId).execute();
      await recordChange(trx, {
        collectivityId: scope.collectivityId,
        programmeId: null,
        entityType: 'ieecag_opinion',
        entityId: opinionId,
        action: 'delete',
        actor: scope.actor,
        changes: diff({ number: `${before.number}/${before.year}`, subject_ar: before.subject_ar }, {}),
        public: false,
      });
      return opinionId;
    },
    { planUnchanged: true },
  );
}

/** The opinion's PDF (checked by its bytes by the route): a new one replaces the old, while a draft. */
export async function setOpinionFile(db: Db, scope: Scope, opinionId: number, file: CheckedFile): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
      if (before.status !== 'draft') rollbackWith({ opinion_file: E('notDraft') });
      const old = await opinionFileInfo(trx, scope.collectivityId, opinionId);
      await trx.deleteFrom('ieecag_opinion_file').where('collectivity_id', '=', scope.collectivityId).where('opinion_id', '=', opinionId).execute();
      const row = await trx
        .insertInto('ieecag_opinion_file')
        .values({ collectivity_id: scope.collectivityId, opinion_id: opinionId, sha256: file.sha256, size: file.size, mime: file.mime, original_name: file.name, content: file.content, created_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(trx, {
        collectivityId: scope.collectivityId,
        programmeId: null,
        entityType: 'ieecag_opinion',
        entityId: opinionId,
        action: 'update',
        actor: scope.actor,
        changes: diff({ file: old ? `${old.original_name} (${old.sha256})` : null }, { file: `${file.name} (${file.sha256})` }),
        public: false,
      });
      return row.id;
    },
    { planUnchanged: true },
  );
}

/** A step of the workflow: the row's new values, written with their audit entry. */
async function step(trx: Db, scope: Scope, before: OpinionRow, after: Partial<OpinionRow>, isPublic: boolean) {
  await trx
    .updateTable('ieecag_opinion')
    .set({ ...after, updated_at: now() })
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', before.id)
    .execute();
  await recordChange(trx, {
    collectivityId: scope.collectivityId,
    programmeId: null,
    entityType: 'ieecag_opinion',
    entityId: before.id,
    action: 'update',
    actor: scope.actor,
    changes: diff(Object.fromEntries(Object.keys(after).map((k) => [k, before[k as keyof OpinionRow] as LoggedValue])), after as Record<string, LoggedValue>),
    public: isPublic,
  });
}

/**
 * The commission adopts a draft on a day: not before it was requested, not in the future, and
 * with something to adopt (its text in a language, or its PDF).
 */
export async function adoptOpinion(db: Db, scope: Scope, opinionId: number, input: AdoptInput, today = todayInCasablanca()): Promise<CommandResult<number>> {
  return tenantTransaction(
    db,
    scope.collectivityId,
    async (trx) => {
      const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
      if (before.status !== 'draft') rollbackWith({ adopted_on: E('adoptedAlready') });
      notInFuture('adopted_on', input.adopted_on, today);
      if (before.requested_on !== null && input.adopted_on < before.requested_on) rollbackWith({ adopted_on: E('adoptedBeforeRequest') });
      const file = await opinionFileInfo(trx, scope.collectivityId, opinionId);
      if (!before.body_ar && !before.body_fr && !before.body_en && !file) rollbackWith({ adopted_on: E('nothingToAdopt') });
      await step(trx, scope, before, { status: 'adopted', adopted_on: input.adopted_on }, false);
      return opinionId;
    },
    // not public yet: no page or figure shows it
    { planUnchanged: true },
  );
}

/** Publishes an adopted opinion: from now on in the public register, the API and the figures. */
export async function publishOpinion(db: Db, scope: Scope, opinionId: number): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
    if (before.status === 'published') rollbackWith({ form: E('publishedAlready') });
    if (before.status !== 'adopted') rollbackWith({ form: E('publishNotAdopted') });
    await step(trx, scope, before, { status: 'published', published_at: now() }, true);
    return opinionId;
  });
}

/**
 * The focal point transmits the opinion to the council: once the commission adopted it, on or
 * after the day it did, not in the future; once only.
 */
export async function transmitOpinion(db: Db, scope: Scope, opinionId: number, input: TransmitInput, today = todayInCasablanca()): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
    if (before.status === 'draft' || before.adopted_on === null) rollbackWith({ transmitted_on: E('transmitNotAdopted') });
    if (before.transmitted_on !== null) rollbackWith({ transmitted_on: E('transmittedAlready') });
    notInFuture('transmitted_on', input.transmitted_on, today);
    if (input.transmitted_on < before.adopted_on!) rollbackWith({ transmitted_on: E('transmittedBeforeAdopted') });
    await step(trx, scope, before, { transmitted_on: input.transmitted_on }, before.status === 'published');
    return opinionId;
  });
}

/**
 * The council's response to a transmitted opinion, on or after the day it was transmitted, not in
 * the future; a reason when it did not follow it, or only partly. A response recorded again
 * (corrected) replaces the first; the change log keeps both.
 */
export async function recordResponse(db: Db, scope: Scope, opinionId: number, input: ResponseInput, today = todayInCasablanca()): Promise<CommandResult<number>> {
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const before = await lockedOpinion(trx, scope.collectivityId, opinionId);
    if (before.transmitted_on === null) rollbackWith({ response_on: E('responseNotTransmitted') });
    notInFuture('response_on', input.response_on, today);
    if (input.response_on < before.transmitted_on!) rollbackWith({ response_on: E('responseBeforeTransmission') });
    const after = {
      response_status: input.response_status,
      response_on: input.response_on,
      response_reason_ar: input.response_reason_ar,
      response_reason_fr: input.response_reason_fr,
      response_reason_en: input.response_reason_en,
      response_decision_ar: input.response_decision_ar,
      response_decision_fr: input.response_decision_fr,
      response_decision_en: input.response_decision_en,
    };
    await step(trx, scope, before, after, before.status === 'published');
    return opinionId;
  });
}
