// Access to information (law 31.13): citizens' requests and their legal deadlines counted in
// working days, the public register of requests and answers (the requester never named), the
// trail of each request up to the national commission, and the list of what the collectivity
// publishes without being asked. The network administrator keeps the day counts and holidays.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { informationAdminRoutes } from './admin-routes.tsx';
import { informationApi } from './api.ts';
import { informationMetrics } from './metrics.ts';
import { publicationRoutes } from './publication-routes.tsx';
import { informationReminders } from './reminders.ts';
import { requestRoutes } from './request-routes.tsx';
import { informationRoutes, informationSitemap } from './routes.tsx';
// the network's dashboard (modules/network/figures.ts)
export { requestsByYear } from './network-counts.ts';
import { rulesRoutes } from './rules-routes.tsx';
import './tables.ts';

export const informationModule: ModuleManifest = {
  name: 'information',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(informationRoutes);
    await app.register(requestRoutes);
    await app.register(publicationRoutes);
    await app.register(informationApi);
    await app.register(informationAdminRoutes);
    await app.register(rulesRoutes);
    await app.register(informationReminders);
  },
  metrics: informationMetrics,
  sitemap: informationSitemap,
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatInformation(db, options),
};

/** A year's figures (requests by channel, on time, median days, outcomes, exceptions, complaints),
 *  for other modules (the yearly evaluation report). */
export { informationYear, type InformationYear } from './stats.ts';
/** the year's key figures as a list of facts (the yearly evaluation report shows them) */
export { FiguresFacts } from './views/figures.tsx';
