// The participatory budget module (الميزانية التشاركية): rounds with an envelope and dated phases,
// projects and their technical review, voters verified against a census kept as keyed hashes,
// one ballot per person and round (online or on paper), results counted from the ballots.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { budgetAdminRoutes } from './admin-routes.tsx';
import { budgetApi } from './api.ts';
import { budgetRoutes } from './routes.tsx';
import './tables.ts';

/** For `infitah tally`: the results recomputed from the ballots, as the API publishes them. */
export { roundResults } from './repository.ts';
export { resultsDocument } from './api.ts';

export const budgetModule: ModuleManifest = {
  name: 'budget',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(budgetRoutes);
    await app.register(budgetApi);
    await app.register(budgetAdminRoutes);
  },
  seedDemo: async (db) => (await import('./seed/settat.ts')).loadSettatBudget(db),
};
