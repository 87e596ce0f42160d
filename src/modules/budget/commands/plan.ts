// The winning projects of a round enter the action plan: each becomes an activity of the chosen
// project of the collectivity's programme (the programme's "participatory budget" project, in
// Settat's case), with its cost and dates, and the budget project keeps the activity's id. From
// then on its execution is tracked like any activity, and the activity page says where it came
// from (see the origins provider in manifest.ts).
// Dates: a year from the first day of the implementation phase in Casablanca (or from today when
// the phase began earlier), so the activity is inside the phase and not late the day it is added.
// Titles: the citizen's own words in their language; each other language of the target project
// gets them quoted in a sentence of that language ("Projet lauréat du budget participatif : «…»").
import { type CommandResult, rollbackWith, tenantTransaction } from '../../../platform/commands.ts';
import { type Db, now } from '../../../platform/db/database.ts';
import { isoToCasablanca, todayInCasablanca } from '../../../platform/i18n/format.ts';
import { type Locale, localeOfText, locales, translator } from '../../../platform/i18n/i18n.ts';
import { activityForm, createEntity, currentProgramme } from '../../programme/manifest.ts';
import { resultsPublished } from '../model.ts';
import { findRound, roundResults } from '../repository.ts';
import type { Scope } from './rounds.ts';

/** The day before the same day a year later: a year of work starting on `day` (YYYY-MM-DD). */
export function yearFrom(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The activity's title in each language the target project has (and in the title's own). */
export function winnerTitles(title: string, project: Record<`title_${Locale}`, string | null>): Record<`title_${Locale}`, string> {
  // a title written in Latin script is French more often than not
  const own = localeOfText(title);
  const titles = {} as Record<`title_${Locale}`, string>;
  for (const l of locales) {
    if (l === own) titles[`title_${l}`] = title;
    else if (l === 'ar' || project[`title_${l}`]) titles[`title_${l}`] = translator(l)('budget.plan.activityTitle', { title });
    else titles[`title_${l}`] = '';
  }
  return titles;
}

/** Adds the round's winners not yet in the plan; returns how many were added. */
export async function addWinnersToPlan(db: Db, scope: Scope, roundId: number, programmeProjectId: number): Promise<CommandResult<number>> {
  const { collectivityId } = scope;
  return tenantTransaction(db, collectivityId, async (trx) => {
    const round = await findRound(trx, collectivityId, roundId);
    if (!round) return rollbackWith({ form: { key: 'budget.errors.noRound' } });
    if (!resultsPublished(round, now())) return rollbackWith({ project_id: { key: 'budget.errors.notPublished' } });
    const programme = await currentProgramme(trx, collectivityId);
    const target = programme && (await trx.selectFrom('project').select(['id', 'title_ar', 'title_fr', 'title_en']).where('collectivity_id', '=', collectivityId).where('programme_id', '=', programme.id).where('id', '=', programmeProjectId).executeTakeFirst());
    if (!programme || !target) return rollbackWith({ project_id: { key: 'errors.invalidChoice' } });
    const winners = (await roundResults(trx, collectivityId, round)).groups.flatMap((g) => g.lines.filter((l) => l.winner && l.project.activity_id === null));
    if (winners.length === 0) return rollbackWith({ project_id: { key: 'budget.errors.noWinners' } });
    const last = await trx.selectFrom('activity').select((eb) => eb.fn.max('number').as('n')).where('collectivity_id', '=', collectivityId).where('project_id', '=', target.id).executeTakeFirst();
    let number = Number(last?.n ?? 0);
    const phaseStart = isoToCasablanca(round.implementation_at).slice(0, 10);
    const today = todayInCasablanca();
    const start = phaseStart > today ? phaseStart : today;
    const end = yearFrom(start);
    for (const w of winners) {
      const input = activityForm.parse({
        project_id: String(target.id),
        number: String(++number),
        ...winnerTitles(w.project.title, target),
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
