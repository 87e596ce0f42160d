// Satisfaction surveys: staff build a survey (CSAT 1–5, yes/no, single and multiple choice, a
// 0–10 scale, free text) with a window and an audience; citizens answer online (signed: one
// answer per account; anonymous: one per device token), staff enter paper and desk answers; the
// results are counted per question, by channel and by gender and age band, free text once
// moderated. The satisfaction rate (CSAT answers of 4 or 5) is a metric that project 3's and
// project 4's impact indicators follow.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { surveysAdminRoutes } from './admin-routes.tsx';
import { surveysApi } from './api.ts';
import { surveysMetrics } from './metrics.ts';
import { resultsRoutes } from './results-routes.tsx';
import { surveysRoutes, surveysSitemap } from './routes.tsx';
import './tables.ts';

/** For the equality commission's gender lens: women and men among the respondents, per year. */
export { respondentsGenderByYear } from './gender.ts';
export { surveyAnswersByYear } from './network-counts.ts'; // the network's dashboard

export const surveysModule: ModuleManifest = {
  name: 'surveys',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(surveysRoutes);
    await app.register(surveysAdminRoutes);
    await app.register(resultsRoutes);
    await app.register(surveysApi);
  },
  metrics: surveysMetrics,
  sitemap: surveysSitemap,
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatSurveys(db, options),
};
