// "Reuse in my programme": staff copy another collectivity's project (of an adopted programme)
// into one of their own draft programmes, in an axis of it or in a new axis with the project's
// theme. What is copied is the plan, not the other collectivity's data: the card's texts and
// duration, the activities' titles, weights and durations (their dates shifted to the draft's
// first day, keeping their offsets; status planned, no progress, cost to be set, own funding),
// the indicators' statements, units, baselines and targets (no measurements); never partners,
// progress notes or measurements. One transaction in the target collectivity, through the
// programme module's own commands (tenant checks and change log), the copy's origin_project_id
// set, and the origin collectivity's versions moved (its project page shows the reuse count).
import { z } from 'zod';
import type { Actor } from '../../platform/audit.ts';
import { recordChange } from '../../platform/audit.ts';
import { type CommandResult, rollbackWith, tenantTransaction } from '../../platform/commands.ts';
import { type Db, isPostgres } from '../../platform/db/database.ts';
import { createEntity } from '../programme/manifest.ts';
import { isDraft } from '../programme/progress.ts';
import { adoptedStatuses } from './library.ts';

export const reuseForm = z.object({
  // "{programme id}:{axis id}" or "{programme id}:new"
  target: z.string({ error: 'errors.required' }).regex(/^\d{1,12}:(new|\d{1,12})$/, 'errors.invalidChoice'),
});
export type ReuseInput = z.output<typeof reuseForm>;

/** A project the library offers for reuse: of an adopted programme, in any collectivity. */
export function reusableProject(db: Db, projectId: number) {
  return db
    .selectFrom('project as p')
    .innerJoin('programme as g', (j) => j.onRef('g.id', '=', 'p.programme_id').onRef('g.collectivity_id', '=', 'p.collectivity_id'))
    .innerJoin('axis as a', (j) => j.onRef('a.id', '=', 'p.axis_id').onRef('a.collectivity_id', '=', 'p.collectivity_id'))
    .innerJoin('collectivity as c', 'c.id', 'p.collectivity_id')
    .selectAll('p')
    .select(['a.theme_id', 'a.title_ar as axis_title_ar', 'a.title_fr as axis_title_fr', 'a.title_en as axis_title_en', 'c.name_ar as c_name_ar', 'c.name_fr as c_name_fr', 'c.name_en as c_name_en', 'c.slug'])
    .where('p.id', '=', projectId)
    .where('g.status', 'in', adoptedStatuses)
    .executeTakeFirst();
}

const shift = (date: string, from: string, to: string) => new Date(Date.parse(`${to}T00:00:00Z`) + (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`))).toISOString().slice(0, 10);

/** Copies the project; its id in the target collectivity, or field errors (nothing saved). */
export async function reuseProject(db: Db, scope: { actor: Actor; collectivityId: number }, originId: number, input: ReuseInput): Promise<CommandResult<number>> {
  const [programmeId, axisPart] = input.target.split(':') as [string, string];
  return tenantTransaction(db, scope.collectivityId, async (trx) => {
    const origin = await reusableProject(trx, originId);
    if (!origin) return rollbackWith({ target: { key: 'network.reuse.errors.gone' } });
    // a collectivity's own project goes on to its next programme by carrying it over, with its
    // history; a copy would also count as a reuse by another collectivity
    if (origin.collectivity_id === scope.collectivityId) return rollbackWith({ target: { key: 'network.reuse.errors.sameCollectivity' } });
    // both collectivities' versions move (the origin's below, ours at the end): their rows are
    // locked now, in id order, so that two reuses the other way round cannot deadlock
    await trx
      .selectFrom('collectivity')
      .select('id')
      .where('id', 'in', [origin.collectivity_id, scope.collectivityId])
      .orderBy('id')
      .$if(isPostgres(trx), (q) => q.forUpdate())
      .execute();
    const programme = await trx.selectFrom('programme').selectAll().where('collectivity_id', '=', scope.collectivityId).where('id', '=', Number(programmeId)).executeTakeFirst();
    if (!programme) return rollbackWith({ target: { key: 'errors.invalidChoice' } });
    if (!isDraft(programme.status)) return rollbackWith({ target: { key: 'network.reuse.errors.notDraft' } });
    const entityScope = { actor: scope.actor, collectivityId: scope.collectivityId, programme };
    // the programme's schemas type their texts' three languages loosely (computed keys): the
    // inputs here are built from rows of the same tables
    const create = async (type: 'axis' | 'project' | 'activity' | 'indicator', values: Record<string, unknown>) => {
      const r = await createEntity(trx, entityScope, type, values as never);
      // e.g. a number taken by a save at the same moment: the form has one field to say it on
      return r.ok ? r.value : rollbackWith({ target: Object.values(r.errors)[0] ?? { key: 'errors.invalidChoice' } });
    };
    const next = async (table: 'axis' | 'project') =>
      Number((await trx.selectFrom(table).select((eb) => eb.fn.max('number').as('n')).where('collectivity_id', '=', scope.collectivityId).where('programme_id', '=', programme.id).executeTakeFirst())?.n ?? 0) + 1;

    let axisId: number;
    if (axisPart === 'new') {
      const theme = origin.theme_id === null ? undefined : await trx.selectFrom('network_theme').select(['id', 'retired']).where('id', '=', origin.theme_id).executeTakeFirst();
      axisId = await create('axis', {
        number: await next('axis'),
        title_ar: origin.axis_title_ar,
        title_fr: origin.axis_title_fr,
        title_en: origin.axis_title_en,
        theme_id: theme && theme.retired === 0 ? theme.id : null,
      });
    } else {
      const axis = await trx.selectFrom('axis').select('id').where('collectivity_id', '=', scope.collectivityId).where('programme_id', '=', programme.id).where('id', '=', Number(axisPart)).executeTakeFirst();
      if (!axis) return rollbackWith({ target: { key: 'errors.invalidChoice' } });
      axisId = axis.id;
    }

    const projectId = await create('project', {
      axis_id: axisId,
      number: await next('project'),
      title_ar: origin.title_ar,
      title_fr: origin.title_fr,
      title_en: origin.title_en,
      objectives_ar: origin.objectives_ar,
      objectives_fr: origin.objectives_fr,
      objectives_en: origin.objectives_en,
      expected_results_ar: origin.expected_results_ar,
      expected_results_fr: origin.expected_results_fr,
      expected_results_en: origin.expected_results_en,
      partners_contribution_ar: origin.partners_contribution_ar,
      partners_contribution_fr: origin.partners_contribution_fr,
      partners_contribution_en: origin.partners_contribution_en,
      duration_months: origin.duration_months,
      partners: [],
    });

    const activities = await trx.selectFrom('activity').selectAll().where('collectivity_id', '=', origin.collectivity_id).where('project_id', '=', origin.id).orderBy('number').execute();
    const first = activities.reduce((m, a) => (a.start_date < m ? a.start_date : m), activities[0]?.start_date ?? '');
    const startOfDraft = `${programme.start_year}-01-01`;
    for (const a of activities) {
      await create('activity', {
        project_id: projectId,
        number: a.number,
        title_ar: a.title_ar,
        title_fr: a.title_fr,
        title_en: a.title_en,
        partners: [],
        cost_kind: 'tbd',
        cost_amount_mad: null,
        cost_note_ar: null,
        cost_note_fr: null,
        cost_note_en: null,
        funding_kind: 'own',
        funding_partner_id: null,
        start_date: shift(a.start_date, first, startOfDraft),
        end_date: shift(a.end_date, first, startOfDraft),
        status: 'planned',
        progress: 0,
        weight: a.weight,
      });
    }
    const indicators = await trx.selectFrom('indicator').selectAll().where('collectivity_id', '=', origin.collectivity_id).where('project_id', '=', origin.id).orderBy('position').orderBy('id').execute();
    for (const i of indicators) {
      await create('indicator', {
        project_id: projectId,
        kind: i.kind,
        statement_ar: i.statement_ar,
        statement_fr: i.statement_fr,
        statement_en: i.statement_en,
        unit_ar: i.unit_ar,
        unit_fr: i.unit_fr,
        unit_en: i.unit_en,
        baseline: i.baseline,
        target: i.target,
      });
    }

    await trx.updateTable('project').set({ origin_project_id: origin.id }).where('collectivity_id', '=', scope.collectivityId).where('id', '=', projectId).execute();
    // the copy's history says where it came from
    await recordChange(trx, {
      collectivityId: scope.collectivityId,
      programmeId: programme.id,
      entityType: 'project',
      entityId: projectId,
      action: 'update',
      actor: scope.actor,
      changes: [{ field: 'origin', before: null, after: { ar: `${origin.c_name_ar} — ${origin.title_ar}`, fr: origin.c_name_fr ? `${origin.c_name_fr} — ${origin.title_fr ?? origin.title_ar}` : null, en: origin.c_name_en ? `${origin.c_name_en} — ${origin.title_en ?? origin.title_ar}` : null } }],
      public: false,
    });
    // the origin's project page (cached under its collectivity's plan version) shows the count
    await trx
      .updateTable('collectivity')
      .set((eb) => ({ content_version: eb('content_version', '+', 1), plan_version: eb('plan_version', '+', 1) }))
      .where('id', '=', origin.collectivity_id)
      .execute();
    return projectId;
  });
}

