// Consultation on the draft programme: while the programme is in consultation and its window is
// open, verified accounts contribute to a draft project (published at once) and support it (once
// per account and project); staff set the window and enter the contributions collected at a
// consultation workshop, all or none. Also the forms, the window's state, and the personal data.
import { z } from 'zod';
import { diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { consume } from '../../../platform/rate-limit.ts';
import { casablancaToIso } from '../../../platform/i18n/format.ts';
import { registerPersonalDataExporter } from '../../../platform/personal-data.ts';
import { TEXT_LONG, type FieldErrors, localDateTime, optionalInt, optionalText, requiredInt, requiredText } from '../../../platform/validation.ts';
import type { Scope } from './events.ts';
import '../tables.ts';
import '../consultation-tables.ts';

/** At most this many contributions per account and hour (abuse guard; workshops are entered by staff). */
export const MAX_CONTRIBUTIONS_PER_HOUR = 10;

// --- forms ----------------------------------------------------------------------------------

/** A citizen's contribution to a draft project. */
export const contributionForm = z.object({ body: requiredText(TEXT_LONG) });


/** The consultation window, typed in Casablanca time like a call for proposals. */
export const windowForm = z
  .object({ opens_local: localDateTime(), closes_local: localDateTime() })
  .superRefine((v, ctx) => {
    if (v.closes_local <= v.opens_local) ctx.addIssue({ code: 'custom', path: ['closes_local'], message: 'errors.endBeforeStart' });
  });

/** Up to this many contributions typed from a consultation workshop's sheets: a project and a text each. */
export const WORKSHOP_CONTRIBUTION_ROWS = 10;
const row = (i: number) => ({
  [`project_${i}`]: optionalInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
  [`body_${i}`]: optionalText(TEXT_LONG),
});
export const workshopContributionsForm = z
  .object({
    event_id: requiredInt(1, Number.MAX_SAFE_INTEGER, 'errors.invalidChoice'),
    ...Object.assign({}, ...Array.from({ length: WORKSHOP_CONTRIBUTION_ROWS }, (_, i) => row(i))),
  })
  .superRefine((v: Record<string, unknown>, ctx) => {
    let any = false;
    for (let i = 0; i < WORKSHOP_CONTRIBUTION_ROWS; i++) {
      const project = v[`project_${i}`];
      const body = v[`body_${i}`];
      if (project !== null || body) any = true;
      if (project !== null && !body) ctx.addIssue({ code: 'custom', path: [`body_${i}`], message: 'errors.required' });
      if (project === null && body) ctx.addIssue({ code: 'custom', path: [`project_${i}`], message: 'errors.required' });
    }
    if (!any) ctx.addIssue({ code: 'custom', path: ['body_0'], message: 'errors.required' });
  })
  .transform((v: Record<string, unknown>) => ({
    eventId: v.event_id as number,
    rows: Array.from({ length: WORKSHOP_CONTRIBUTION_ROWS }, (_, i) => ({ index: i, projectId: v[`project_${i}`] as number | null, body: v[`body_${i}`] as string | null }))
      .filter((r): r is { index: number; projectId: number; body: string } => r.projectId !== null && r.body !== null),
  }));

export type WindowInput = z.output<typeof windowForm>;
export type WorkshopContributionsInput = z.output<typeof workshopContributionsForm>;

// --- the window -----------------------------------------------------------------------------

export interface ConsultationWindow {
  opensAt: string;
  closesAt: string;
}

/**
 * open: the programme is in consultation and now is within its window. upcoming / closed: the
 * window is ahead / behind. paused: within the window, but the programme is not (or no longer) in
 * consultation. none: no window is set.
 */
export type WindowState = 'none' | 'upcoming' | 'open' | 'paused' | 'closed';

export function windowState(programmeStatus: string, window: ConsultationWindow | null, at = now()): WindowState {
  if (!window) return 'none';
  if (at < window.opensAt) return 'upcoming';
  if (at > window.closesAt) return 'closed';
  return programmeStatus === 'consultation' ? 'open' : 'paused';
}

export async function consultationWindow(db: Db, collectivityId: number, programmeId: number): Promise<ConsultationWindow | null> {
  const row = await db
    .selectFrom('consultation_window')
    .select(['opens_at', 'closes_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  return row ? { opensAt: row.opens_at, closesAt: row.closes_at } : null;
}

/** The state as seen inside a write's transaction (the programme's status and window read there). */
async function stateIn(trx: Db, collectivityId: number, programmeId: number, at: string): Promise<WindowState> {
  const programme = await trx.selectFrom('programme').select('status').where('collectivity_id', '=', collectivityId).where('id', '=', programmeId).executeTakeFirst();
  if (!programme) return 'none';
  return windowState(programme.status, await consultationWindow(trx, collectivityId, programmeId), at);
}

const closedError = (state: WindowState): FieldErrors => ({ _: { key: 'cocreation.consultation.closed', values: { state } } });

export async function saveWindow(db: Db, scope: Scope, input: WindowInput): Promise<CommandResult<ConsultationWindow>> {
  const { collectivityId, programmeId } = scope;
  const values = { opens_at: casablancaToIso(input.opens_local), closes_at: casablancaToIso(input.closes_local) };
  return tenantTransaction(db, collectivityId, async (trx) => {
    const before = await trx.selectFrom('consultation_window').select(['opens_at', 'closes_at']).where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).executeTakeFirst();
    await trx
      .insertInto('consultation_window')
      .values({ programme_id: programmeId, collectivity_id: collectivityId, ...values, updated_at: now() })
      .onConflict((oc) => oc.column('programme_id').doUpdateSet({ ...values, updated_at: now() }))
      .execute();
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'consultation_window',
      entityId: programmeId,
      action: before ? 'update' : 'create',
      actor: scope.actor,
      changes: diff(before ?? {}, values),
      public: true,
    });
    return { opensAt: values.opens_at, closesAt: values.closes_at };
  });
}

// --- citizens -------------------------------------------------------------------------------

export interface CitizenScope {
  collectivityId: number;
  programmeId: number;
  userId: number;
}

/** A draft project of the programme, by its number (the public URLs use the number). */
export async function draftProject(db: Db, collectivityId: number, programmeId: number, number: number) {
  return db
    .selectFrom('project')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programmeId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The draft project a citizen acts on, while the consultation is open; otherwise rolls back with why. */
async function openDraftProject(trx: Db, scope: CitizenScope, projectId: number, at: string) {
  const { collectivityId, programmeId } = scope;
  const state = await stateIn(trx, collectivityId, programmeId, at);
  if (state !== 'open') rollbackWith(closedError(state));
  const project = await trx.selectFrom('project').select(['id', 'number']).where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).where('id', '=', projectId).executeTakeFirst();
  return project ?? rollbackWith({ _: { key: 'errors.notFoundTitle' } });
}

/** Publishes a contribution to a draft project, if the consultation is open. */
export async function contribute(db: Db, scope: CitizenScope, projectId: number, body: string, lang: string): Promise<CommandResult<number>> {
  const { collectivityId, programmeId, userId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const at = now();
    const project = await openDraftProject(trx, scope, projectId, at);
    const usage = await consume(trx, { key: `contribution:user:${userId}`, max: MAX_CONTRIBUTIONS_PER_HOUR, windowSeconds: 3600 });
    if (!usage.allowed) rollbackWith({ _: { key: 'cocreation.consultation.tooMany', values: { max: MAX_CONTRIBUTIONS_PER_HOUR } } });
    const row = await trx
      .insertInto('consultation_contribution')
      .values({
        collectivity_id: collectivityId,
        programme_id: programmeId,
        project_id: project.id,
        event_id: null,
        author_user_id: userId,
        channel: 'online',
        body,
        lang,
        submitted_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the text is public on the project's consultation page; the log names the project only
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'consultation_contribution',
      entityId: row.id,
      action: 'create',
      actor: null,
      changes: [{ field: 'project', before: null, after: project.number }],
      public: false,
    });
    return row.id;
  });
}

/** One support per account and draft project: the primary key decides, under concurrent requests too. */
export async function supportDraftProject(db: Db, scope: CitizenScope, projectId: number): Promise<CommandResult<number>> {
  const { collectivityId, programmeId, userId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const at = now();
    const project = await openDraftProject(trx, scope, projectId, at);
    const inserted = await trx
      .insertInto('draft_project_support')
      .values({ project_id: project.id, user_id: userId, collectivity_id: collectivityId, created_at: at })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) rollbackWith({ _: { key: 'cocreation.consultation.alreadySupported' } });
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'draft_project_support',
      entityId: project.id,
      action: 'create',
      actor: null,
      changes: [{ field: 'project', before: null, after: project.number }],
      public: false,
    });
    return project.id;
  });
}

// --- staff ----------------------------------------------------------------------------------

/** Adds the contributions collected at a participation event of the programme, all or none. */
export async function addWorkshopContributions(db: Db, scope: Scope, input: WorkshopContributionsInput, lang: string): Promise<CommandResult<number[]>> {
  const { collectivityId, programmeId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const errors: FieldErrors = {};
    const event = await trx
      .selectFrom('participation_event')
      .select(['id', 'held_on'])
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .where('id', '=', input.eventId)
      .executeTakeFirst();
    if (!event) errors.event_id = { key: 'errors.invalidChoice' };
    const projects = new Set(
      (await trx.selectFrom('project').select('id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', programmeId).execute()).map((p) => p.id),
    );
    for (const r of input.rows) if (!projects.has(r.projectId)) errors[`project_${r.index}`] = { key: 'errors.invalidChoice' };
    if (Object.keys(errors).length) rollbackWith(errors);
    const ids: number[] = [];
    for (const r of input.rows) {
      const row = await trx
        .insertInto('consultation_contribution')
        .values({
          collectivity_id: collectivityId,
          programme_id: programmeId,
          project_id: r.projectId,
          event_id: event!.id,
          author_user_id: null,
          channel: 'workshop',
          body: r.body,
          lang,
          submitted_at: `${event!.held_on}T12:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'participation_event',
      entityId: event!.id,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'contributions', before: null, after: input.rows.length }],
      public: true,
    });
    return ids;
  });
}

// --- reads ----------------------------------------------------------------------------------

export interface ProjectCounts {
  online: number;
  workshop: number;
  contributions: number;
  supports: number;
}

/** Contributions (online and at workshops) and supports per draft project of the programme. */
export async function countsByProject(db: Db, collectivityId: number, programmeId: number): Promise<Map<number, ProjectCounts>> {
  const [contributions, supports] = await Promise.all([
    db
      .selectFrom('consultation_contribution')
      .select((eb) => ['project_id', 'channel', eb.fn.countAll<number>().as('n')])
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', programmeId)
      .groupBy(['project_id', 'channel'])
      .execute(),
    db
      .selectFrom('draft_project_support as s')
      .innerJoin('project as p', 'p.id', 's.project_id')
      .select((eb) => ['s.project_id', eb.fn.countAll<number>().as('n')])
      .where('s.collectivity_id', '=', collectivityId)
      .where('p.collectivity_id', '=', collectivityId)
      .where('p.programme_id', '=', programmeId)
      .groupBy('s.project_id')
      .execute(),
  ]);
  const out = new Map<number, ProjectCounts>();
  const of = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = { online: 0, workshop: 0, contributions: 0, supports: 0 }));
    return c;
  };
  for (const r of contributions) {
    const c = of(r.project_id);
    const n = Number(r.n);
    c.contributions += n;
    if (r.channel === 'online') c.online += n;
    else c.workshop += n;
  }
  for (const r of supports) of(r.project_id).supports = Number(r.n);
  return out;
}

export const CONTRIBUTIONS_PAGE = 50;

/** A page of a project's contributions, newest first (keyset on id). */
export async function contributionsOf(db: Db, collectivityId: number, projectId: number, before?: number) {
  const rows = await db
    .selectFrom('consultation_contribution')
    .select(['id', 'channel', 'body', 'lang', 'event_id', 'is_demo', 'submitted_at'])
    .where('collectivity_id', '=', collectivityId)
    .where('project_id', '=', projectId)
    .$if(before !== undefined, (q) => q.where('id', '<', before!))
    .orderBy('id', 'desc')
    .limit(CONTRIBUTIONS_PAGE + 1)
    .execute();
  const items = rows.slice(0, CONTRIBUTIONS_PAGE);
  return { items, next: rows.length > CONTRIBUTIONS_PAGE ? items[items.length - 1].id : null };
}

// --- personal data (law 09-08) ----------------------------------------------------------------

// A person's contributions and supports are theirs: listed in their export. On account deletion
// the rows stay (the contributions are public, never with a name; the supports stay counted),
// tied to the anonymised account, as the module does for proposals.
registerPersonalDataExporter('consultation', async (db, person) => {
  const [contributions, supports] = await Promise.all([
    db
      .selectFrom('consultation_contribution as x')
      .innerJoin('collectivity as c', 'c.id', 'x.collectivity_id')
      .innerJoin('project as p', 'p.id', 'x.project_id')
      .select(['c.slug', 'p.number', 'x.body', 'x.submitted_at'])
      .where('x.author_user_id', '=', person.id)
      .orderBy('x.id')
      .execute(),
    db
      .selectFrom('draft_project_support as s')
      .innerJoin('collectivity as c', 'c.id', 's.collectivity_id')
      .innerJoin('project as p', 'p.id', 's.project_id')
      .select(['c.slug', 'p.number', 's.created_at'])
      .where('s.user_id', '=', person.id)
      .orderBy('s.created_at')
      .execute(),
  ]);
  if (contributions.length === 0 && supports.length === 0) return null;
  return {
    contributions: contributions.map((r) => ({ collectivity: r.slug, project: r.number, text: r.body, submittedAt: r.submitted_at })),
    supports: supports.map((r) => ({ collectivity: r.slug, project: r.number, createdAt: r.created_at })),
  };
});
