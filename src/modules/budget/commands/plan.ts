// The winning projects of a round enter the action plan: each becomes an activity of the chosen
// project of the collectivity's programme (the programme's "participatory budget" project, in
// Settat's case), with its cost and dates, and the budget project keeps the activity's id. From
// then on its execution is tracked like any activity, and the activity page says where it came
// from (see the origins provider in manifest.ts).
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { activityForm, createEntity, currentProgramme } from '../../programme/manifest.ts';
import { resultsPublished } from '../model.ts';
import { findRound, roundResults } from '../repository.ts';
import type { Scope } from './rounds.ts';

const arabic = /[\u0600-\u06FF]/;

/** Adds the round's winners not yet in the plan; returns how many were added. */
export async function addWinnersToPlan(db: Db, scope: Scope, roundId: number, programmeProjectId: number): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const round = await findRound(trx, collectivityId, roundId);
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    if (!resultsPublished(round, now())) return rollbackWith({ project_id: { key: 'budget.errors.notPublished' } });
    const programme = await currentProgramme(trx, collectivityId);
    const target = programme && (await trx.selectFrom('project').select('id').where('collectivity_id', '=', collectivityId).where('programme_id', '=', programme.id).where('id', '=', programmeProjectId).executeTakeFirst());
    if (!programme || !target) return rollbackWith({ project_id: { key: 'errors.invalidChoice' } });
    const winners = (await roundResults(trx, collectivityId, round)).groups.flatMap((g) => g.lines.filter((l) => l.winner && l.project.activity_id === null));
    if (winners.length === 0) return rollbackWith({ project_id: { key: 'budget.errors.noWinners' } });
    const last = await trx.selectFrom('activity').select((eb) => eb.fn.max('number').as('n')).where('collectivity_id', '=', collectivityId).where('project_id', '=', target.id).executeTakeFirst();
    let number = Number(last?.n ?? 0);
    const start = round.implementation_at.slice(0, 10);
    const end = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
    for (const w of winners) {
      const title = w.project.title;
      const input = activityForm.parse({
        project_id: String(target.id),
        number: String(++number),
        title_ar: title,
        // a title written in Latin script is French more often than not; it then shows in French too
        title_fr: arabic.test(title) ? '' : title,
        title_en: '',
        cost_kind: 'amount',
        cost_amount_mad: String(w.cost),
        funding_kind: 'own',
        start_date: start,
        end_date: end,
        status: 'planned',
        progress: '0',
        weight: '1',
      });
      const created = await createEntity(trx, { actor: scope.actor, collectivityId, programme }, 'activity', input);
      if (!created.ok) return rollbackWith({ project_id: Object.values(created.errors)[0] ?? { key: 'errors.invalidChoice' } });
      await trx.updateTable('budget_project').set({ activity_id: created.value }).where('collectivity_id', '=', collectivityId).where('id', '=', w.projectId).execute();
    }
    return winners.length;
  });
}
