// The participatory budget module (الميزانية التشاركية): rounds with an envelope and dated phases,
// projects and their technical review, voters verified against a census kept as keyed hashes,
// one ballot per person and round (online or on paper), results counted from the ballots.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { budgetAdminRoutes } from './admin-routes.tsx';
import { budgetApi } from './api.ts';
import { budgetRoutes } from './routes.tsx';
import { budgetSubmitRoutes } from './submit-routes.tsx';
import { budgetMetrics } from './metrics.ts';
import { listRounds } from './repository.ts';
import { sealClosedRounds } from './commands/seal.ts';
import { registerPersonalDataExporter } from '../../platform/personal-data.ts';
import { registerOriginsProvider, registerScheduleProvider } from '../programme/manifest.ts';
import { isoToCasablanca } from '../../platform/i18n/format.ts';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { pickText } from '../../platform/tenancy.ts';
import './tables.ts';
import './my-space.ts';
import './happenings.ts';

// "Download my data": the projects the person submitted. (Ballots name no account: nothing to add.)
registerPersonalDataExporter('budget', async (db, person) => ({
  projects: await db.selectFrom('budget_project').select(['id', 'collectivity_id', 'round_id', 'title', 'description', 'neighbourhood', 'estimated_cost_mad', 'status', 'created_at']).where('author_id', '=', person.id).execute(),
}));

// An activity that a winning project became links back to it.
registerOriginsProvider(async (db, collectivityId, target, base) => {
  if (!('activityId' in target)) return [];
  const rows = await db.selectFrom('budget_project').select(['id', 'round_id', 'title']).where('collectivity_id', '=', collectivityId).where('activity_id', '=', target.activityId).execute();
  return rows.map((p) => ({ title: p.title, lang: /[\u0600-\u06FF]/.test(p.title) ? 'ar' : 'fr', href: `${base}/budgets/${p.round_id}#project-${p.id}`, channel: 'participatory_budget' }));
});

// A winner's activity is dated by its round's implementation phase: the consistency check reads
// this instead of the project card's duration.
registerScheduleProvider(async (db, collectivityId, locale) => {
  const rows = await db
    .selectFrom('budget_project as p')
    .innerJoin('budget_round as r', (j) => j.onRef('r.id', '=', 'p.round_id').onRef('r.collectivity_id', '=', 'p.collectivity_id'))
    .select(['p.activity_id', 'r.title_ar', 'r.title_fr', 'r.title_en', 'r.implementation_at'])
    .where('p.collectivity_id', '=', collectivityId)
    .where('p.activity_id', 'is not', null)
    .execute();
  const title = (r: (typeof rows)[number]) => pickText(r, 'title', isLocale(locale) ? locale : 'ar');
  return new Map(rows.map((r) => [r.activity_id!, { source: title(r).text, lang: title(r).lang, from: isoToCasablanca(r.implementation_at).slice(0, 10) }]));
});

/** For the yearly evaluation report: the votes of a year, counted with its participatory meetings. */
export { votesBetween } from './repository.ts';

/** For `infitah tally`: the results recomputed from the ballots, as the API publishes them. */
export { roundResults } from './repository.ts';
export { resultsDocument } from './api.ts';

/** For the equality commission's gender lens: women and men among the voters, per year. */
export { votersGenderByYear } from './gender.ts';
export { ballotsByYear, nextResultsAt, resultsOutBetween } from './network-counts.ts'; // the network's dashboard

const SEAL_SWEEP_MS = 60_000;

export const budgetModule: ModuleManifest = {
  name: 'budget',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(budgetRoutes);
    await app.register(budgetSubmitRoutes);
    await app.register(budgetApi);
    await app.register(budgetAdminRoutes);
    // rounds whose voting closed get their ballots sealed (commands/seal.ts), once across instances
    let timer: NodeJS.Timeout | undefined;
    const sweep = () => sealClosedRounds(app.db).catch((err) => app.log.error({ err }, 'sealing closed budget rounds failed'));
    app.addHook('onReady', async () => {
      timer = setInterval(sweep, SEAL_SWEEP_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  metrics: budgetMetrics,
  sitemap: async (db, c, limit) => [`/c/${c.slug}/budgets`, ...(await listRounds(db, c.id, limit)).map((r) => `/c/${c.slug}/budgets/${r.id}`)],
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatBudget(db, options),
};
/** the rounds whose results are out, for the access-to-information module's proactive publication */
export { roundsWithResults } from './repository.ts';
