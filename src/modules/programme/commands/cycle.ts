// Programmes over time (REMACTO cycles: co-creation → adoption → implementation → evaluation →
// next cycle). Adopting a draft makes it the current programme and closes the previous one,
// which stays public at /programmes/{period}. The next programme can start as a draft seeded
// from the current one's unfinished activities, each linked to the one it carries over.
import { type Actor, recordChange } from '../../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import type { ProgrammeRow } from '../../../platform/db/schema.ts';
import { translator } from '../../../platform/i18n/i18n.ts';
import { isAdopted, isDraft, isPublic, publicStatuses } from '../progress.ts';
import type { AdoptionInput, NextProgrammeInput } from '../schema.ts';
import { currentProgramme, findProgramme } from '../repository.ts';
import { carrySources } from '../carry.ts';

/** Another public programme with the same period would take its URL. */
async function periodTaken(trx: Db, p: ProgrammeRow): Promise<boolean> {
  const other = await trx
    .selectFrom('programme')
    .select('id')
    .where('collectivity_id', '=', p.collectivity_id)
    .where('start_year', '=', p.start_year)
    .where('end_year', '=', p.end_year)
    .where('id', '!=', p.id)
    .where('status', 'in', [...publicStatuses])
    .executeTakeFirst();
  return other !== undefined;
}

/** Adopts a draft (council session and date): it becomes current; the previous current one is
 *  closed, never deleted. null: no such programme in this collectivity. */
export async function adoptProgramme(
  db: Db,
  actor: Actor,
  collectivityId: number,
  programmeId: number,
  input: AdoptionInput,
): Promise<CommandResult<number> | null> {
  if (!(await findProgramme(db, collectivityId, programmeId))) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const draft = await findProgramme(trx, collectivityId, programmeId);
    if (!draft || !isDraft(draft.status)) rollbackWith({ _: { key: 'programme.cycles.notDraft' } });
    if (await periodTaken(trx, draft!)) rollbackWith({ _: { key: 'programme.cycles.periodTaken', values: { period: `${draft!.start_year}–${draft!.end_year}` } } });
    const previous = await currentProgramme(trx, collectivityId);
    if (previous && previous.id !== programmeId) {
      // first leave the current place: one current programme per collectivity is a unique index
      const closed = isAdopted(previous.status) ? (previous.status === 'archived' ? 'archived' : 'closed') : previous.status;
      await trx.updateTable('programme').set({ is_current: 0, status: closed }).where('collectivity_id', '=', collectivityId).where('id', '=', previous.id).execute();
      await recordChange(trx, {
        collectivityId,
        programmeId: previous.id,
        entityType: 'programme',
        entityId: previous.id,
        action: 'update',
        actor,
        changes: [{ field: 'status', before: previous.status, after: closed }],
        public: isAdopted(previous.status),
        reason: input.reason,
      });
    }
    const adoption = {
      status: 'adopted',
      is_current: 1,
      adoption_session_ar: input.adoption_session_ar,
      adoption_session_fr: input.adoption_session_fr,
      adoption_session_en: input.adoption_session_en,
      adoption_date: input.adoption_date,
      adoption_reference_ar: input.adoption_reference_ar,
      adoption_reference_fr: input.adoption_reference_fr,
      adoption_reference_en: input.adoption_reference_en,
    };
    // guarded: two staff adopting at once adopt it once
    const done = await trx
      .updateTable('programme')
      .set(adoption)
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', programmeId)
      .where('status', '=', draft!.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) rollbackWith({ _: { key: 'programme.cycles.notDraft' } });
    const text = (f: 'adoption_session' | 'adoption_reference') => {
      const v = { ar: input[`${f}_ar`], fr: input[`${f}_fr`], en: input[`${f}_en`] };
      return v.ar || v.fr || v.en ? v : null;
    };
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'programme',
      entityId: programmeId,
      action: 'update',
      actor,
      changes: [
        { field: 'status', before: draft!.status, after: 'adopted' },
        { field: 'adoption_session', before: null, after: text('adoption_session') },
        { field: 'adoption_date', before: null, after: input.adoption_date },
        ...(text('adoption_reference') ? [{ field: 'adoption_reference', before: null, after: text('adoption_reference') }] : []),
      ],
      public: true,
      reason: input.reason,
    });
    return programmeId;
  }, { serialize: true });
}

/** The moves staff make by hand, outside adoption: a draft into or out of consultation (a draft
 *  is public only in consultation), and a closed programme into the archive. */
export const moves = { draft: ['consultation'], consultation: ['draft'], closed: ['archived'] } as Record<string, string[]>;
export type Move = 'consultation' | 'draft' | 'archived';

export async function moveProgramme(db: Db, actor: Actor, collectivityId: number, programmeId: number, status: Move): Promise<CommandResult<number> | null> {
  const before = await findProgramme(db, collectivityId, programmeId);
  if (!before) return null;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const p = await findProgramme(trx, collectivityId, programmeId);
    // the current programme changes status through its own form; here only the others move
    if (!p || Number(p.is_current) === 1 || !(moves[p.status] ?? []).includes(status)) rollbackWith({ _: { key: 'programme.cycles.cannotMove' } });
    if (status === 'consultation' && (await periodTaken(trx, p!))) rollbackWith({ _: { key: 'programme.cycles.periodTaken', values: { period: `${p!.start_year}–${p!.end_year}` } } });
    await trx.updateTable('programme').set({ status }).where('collectivity_id', '=', collectivityId).where('id', '=', programmeId).where('status', '=', p!.status).execute();
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'programme',
      entityId: programmeId,
      action: 'update',
      actor,
      changes: [{ field: 'status', before: p!.status, after: status }],
      public: isPublic(status) || isPublic(p!.status),
    });
    return programmeId;
  }, { serialize: true });
}

/** "Start the next programme from the last evaluation": a new draft for the next period, with the
 *  current programme's axes and projects that still have unfinished activities, and those
 *  activities carried over (`carried_from_id` points back; the old activity's page links on).
 *  `chosen`: what else staff ticked, by source (carry.ts), e.g. `proposal` → proposal ids; each
 *  source links them to the draft in its own table. */
export async function startNextProgramme(
  db: Db,
  actor: Actor,
  collectivityId: number,
  input: NextProgrammeInput,
  chosen: Map<string, number[]> = new Map(),
): Promise<CommandResult<{ programmeId: number; carried: number }>> {
  return tenantTransaction(db, collectivityId, async (trx) => {
    const from = await currentProgramme(trx, collectivityId);
    if (!from || !isAdopted(from.status)) rollbackWith({ _: { key: 'programme.cycles.nothingToCarry' } });
    const source = from!;
    if (input.start_year <= source.start_year) rollbackWith({ start_year: { key: 'programme.cycles.overlaps' } });
    const period = { start: input.start_year, end: input.end_year };
    const title = (l: 'ar' | 'fr' | 'en') => translator(l)('transfer.defaultTitle', period);
    const created = await trx
      .insertInto('programme')
      .values({
        collectivity_id: collectivityId,
        title_ar: input.title_ar ?? title('ar'),
        title_fr: input.title_fr ?? title('fr'),
        title_en: input.title_en ?? title('en'),
        start_year: input.start_year,
        end_year: input.end_year,
        status: 'draft',
        created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const programmeId = created.id;
    const scope = { collectivity_id: collectivityId, programme_id: programmeId };

    const unfinished = await trx
      .selectFrom('activity')
      .selectAll()
      .where('collectivity_id', '=', collectivityId)
      .where('programme_id', '=', source.id)
      .where('status', 'not in', ['done', 'cancelled'])
      .orderBy('project_id')
      .orderBy('number')
      .execute();
    const projectIds = [...new Set(unfinished.map((a) => a.project_id))];
    const projects = projectIds.length
      ? await trx.selectFrom('project').selectAll().where('collectivity_id', '=', collectivityId).where('id', 'in', projectIds).orderBy('number').execute()
      : [];
    const axisIds = [...new Set(projects.map((p) => p.axis_id))];
    const axes = axisIds.length ? await trx.selectFrom('axis').selectAll().where('collectivity_id', '=', collectivityId).where('id', 'in', axisIds).orderBy('number').execute() : [];

    const newAxis = new Map<number, number>();
    for (const { id, collectivity_id: _c, programme_id: _p, ...axis } of axes) {
      newAxis.set(id, (await trx.insertInto('axis').values({ ...axis, ...scope }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const newProject = new Map<number, number>();
    for (const { id, collectivity_id: _c, programme_id: _p, axis_id, ...project } of projects) {
      newProject.set(id, (await trx.insertInto('project').values({ ...project, ...scope, axis_id: newAxis.get(axis_id)! }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const newActivity = new Map<number, number>();
    for (const { id, collectivity_id: _c, programme_id: _p, project_id, carried_from_id: _f, ...activity } of unfinished) {
      // the work left is carried over as it stands; staff set the new dates in the draft (one
      // insert per activity: its id is known for sure)
      const row = await trx
        .insertInto('activity')
        .values({ ...activity, ...scope, project_id: newProject.get(project_id)!, carried_from_id: id })
        .returning('id')
        .executeTakeFirstOrThrow();
      newActivity.set(id, row.id);
    }
    // the partners of the copied projects and activities, read and written in batches
    for (let i = 0; i < projectIds.length; i += 500) {
      const links = await trx.selectFrom('project_partner').select(['project_id', 'partner_id', 'position']).where('collectivity_id', '=', collectivityId).where('project_id', 'in', projectIds.slice(i, i + 500)).execute();
      if (links.length) await trx.insertInto('project_partner').values(links.map((l) => ({ ...l, collectivity_id: collectivityId, project_id: newProject.get(l.project_id)! }))).execute();
    }
    const activityIds = [...newActivity.keys()];
    for (let i = 0; i < activityIds.length; i += 500) {
      const links = await trx.selectFrom('activity_partner').select(['activity_id', 'partner_id', 'position']).where('collectivity_id', '=', collectivityId).where('activity_id', 'in', activityIds.slice(i, i + 500)).execute();
      for (let k = 0; k < links.length; k += 500) {
        await trx.insertInto('activity_partner').values(links.slice(k, k + 500).map((l) => ({ ...l, collectivity_id: collectivityId, activity_id: newActivity.get(l.activity_id)! }))).execute();
      }
    }
    // what else was ticked: each source checks its items are the last cycle's and links them
    const carriedItems: { field: string; before: null; after: number }[] = [];
    for (const [name, ids] of chosen) {
      const carrier = carrySources().find((s) => s.name === name);
      if (!carrier) rollbackWith({ carry: { key: 'errors.invalidChoice' } });
      const refused = await carrier!.carry(trx, collectivityId, source.id, programmeId, [...new Set(ids)]);
      if (refused.length > 0) rollbackWith({ carry: { key: 'errors.invalidChoice' } });
      carriedItems.push({ field: `carried_${name}`, before: null, after: new Set(ids).size });
    }
    await recordChange(trx, {
      collectivityId,
      programmeId,
      entityType: 'programme',
      entityId: programmeId,
      action: 'create',
      actor,
      changes: [
        { field: 'start_year', before: null, after: input.start_year },
        { field: 'end_year', before: null, after: input.end_year },
        { field: 'status', before: null, after: 'draft' },
        { field: 'carried_over', before: null, after: unfinished.length },
        ...carriedItems,
      ],
      public: false,
    });
    return { programmeId, carried: unfinished.length };
  }, { serialize: true });
}
