// Writes of the yearly evaluation report: start a year's draft, save the committee's notes and
// the reasons for late activities, publish (a new frozen version). One transaction each, with
// tenant checks on every referenced id and an audit entry.
import { type Actor, type LoggedValue, diff, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, invalid, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { ProgrammeRow } from '../../../platform/db/schema.ts';
import { type L10n, isEmpty } from '../model.ts';
import { buildReport } from '../report.ts';
import { findDraft, lateReasons } from '../repository.ts';

export interface Scope {
  actor: Actor;
  collectivityId: number;
  programme: ProgrammeRow;
}

/** A year the report may cover: within the programme's period, and begun already. */
export function checkYear(programme: ProgrammeRow, year: number, today: string): CommandResult<number> {
  if (year < programme.start_year || year > programme.end_year) {
    return invalid({ year: { key: 'evaluation.errors.yearOutsidePeriod', values: { start: String(programme.start_year), end: String(programme.end_year) } } });
  }
  if (`${year}-01-01` > today) return invalid({ year: { key: 'evaluation.errors.yearInFuture' } });
  return { ok: true, value: year };
}

/** The draft of a year's report (created if there is none yet); its id. */
export async function startReport(db: Db, scope: Scope, year: number, today: string): Promise<CommandResult<number>> {
  const checked = checkYear(scope.programme, year, today);
  if (!checked.ok) return checked;
  const existing = await findDraft(db, scope.collectivityId, scope.programme.id, year);
  if (existing) return { ok: true, value: existing.id };
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const at = now();
    await trx
      .insertInto('evaluation_report')
      .values({ collectivity_id: scope.collectivityId, programme_id: scope.programme.id, year, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['collectivity_id', 'programme_id', 'year']).doNothing())
      .execute();
    const row = (await findDraft(trx, scope.collectivityId, scope.programme.id, year))!;
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: scope.programme.id,
      entityType: 'evaluation_report',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { year }),
      public: false,
    });
    return row.id;
  });
}

export interface DraftInput {
  notes: L10n;
  /** reasons by late activity id; an empty one removes the reason */
  reasons: Map<number, L10n>;
}

const logged = (t: L10n | undefined | null): LoggedValue => (isEmpty(t) ? null : { ...t! });

/** The report of this collectivity's programme with this id, read inside the command's transaction. */
const draftOf = (trx: Db, { collectivityId, programme }: Scope, reportId: number) =>
  trx
    .selectFrom('evaluation_report')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('programme_id', '=', programme.id)
    .where('id', '=', reportId)
    .executeTakeFirst();

export async function saveDraft(db: Db, scope: Scope, reportId: number, input: DraftInput): Promise<CommandResult<number>> {
  const { collectivityId, programme } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const report = await draftOf(trx, scope, reportId);
    if (!report) return rollbackWith({ form: { key: 'evaluation.errors.noDraft' } });
    // every activity named must be one of this collectivity's programme
    const ids = [...input.reasons.keys()];
    if (ids.length > 0) {
      const found = await trx
        .selectFrom('activity')
        .select('id')
        .where('collectivity_id', '=', collectivityId)
        .where('programme_id', '=', programme.id)
        .where('id', 'in', ids)
        .execute();
      if (found.length !== ids.length) rollbackWith({ form: { key: 'errors.invalidChoice' } });
    }
    const before = await lateReasons(trx, collectivityId, reportId);
    await trx
      .updateTable('evaluation_report')
      .set({ notes_ar: input.notes.ar, notes_fr: input.notes.fr, notes_en: input.notes.en, updated_at: now() })
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', reportId)
      .execute();
    await trx.deleteFrom('evaluation_late_reason').where('collectivity_id', '=', collectivityId).where('report_id', '=', reportId).execute();
    const kept = [...input.reasons].filter(([, r]) => !isEmpty(r));
    if (kept.length > 0) {
      await trx
        .insertInto('evaluation_late_reason')
        .values(kept.map(([activityId, r]) => ({ collectivity_id: collectivityId, report_id: reportId, activity_id: activityId, reason_ar: r.ar, reason_fr: r.fr, reason_en: r.en })))
        .execute();
    }
    const snapshot = (notes: L10n, reasons: Map<number, L10n>) => {
      const out: Record<string, LoggedValue> = { notes: logged(notes) };
      for (const [id, r] of reasons) if (!isEmpty(r)) out[`reason_${id}`] = logged(r);
      return out;
    };
    await recordChange(trx, {
      collectivityId,
      programmeId: programme.id,
      entityType: 'evaluation_report',
      entityId: reportId,
      action: 'update',
      actor: scope.actor,
      changes: diff(snapshot({ ar: report.notes_ar, fr: report.notes_fr, en: report.notes_en }, before), snapshot(input.notes, input.reasons)),
      public: false,
    });
    return reportId;
  });
}

/** Publishes the draft as it computes now: a new version whose content never changes again. */
export async function publishReport(db: Db, scope: Scope, reportId: number, today: string): Promise<CommandResult<number>> {
  const { collectivityId, programme } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const report = await draftOf(trx, scope, reportId);
    if (!report) return rollbackWith({ form: { key: 'evaluation.errors.noDraft' } });
    const content = await buildReport(trx, collectivityId, programme, report, today);
    const last = await trx
      .selectFrom('evaluation_version')
      .select((eb) => eb.fn.max('version').as('n'))
      .where('collectivity_id', '=', collectivityId)
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    const version = Number(last?.n ?? 0) + 1;
    const row = await trx
      .insertInto('evaluation_version')
      .values({
        collectivity_id: collectivityId,
        report_id: reportId,
        year: report.year,
        version,
        content: JSON.stringify(content),
        published_at: now(),
        published_by: scope.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      collectivityId,
      programmeId: programme.id,
      entityType: 'evaluation_version',
      entityId: row.id,
      action: 'create',
      actor: scope.actor,
      changes: diff({}, { year: report.year, version }),
      public: true,
    });
    return version;
  });
}
