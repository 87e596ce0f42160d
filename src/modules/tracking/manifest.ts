// The tracking module: dated progress notes on activities with evidence files, indicators with
// dated targets, measurements, and values computed from other modules' metrics; public pages,
// back office, open-data API. Other modules (dashboard, yearly report) use indicatorValues().
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { trackingAdminRoutes } from './admin-routes.tsx';
import { trackingApi } from './api.ts';
import { trackingRoutes } from './routes.tsx';
import { programmeUrls, publicProgrammes, registerExampleProgressCheck } from '../programme/manifest.ts';
import { programmesWithDemoProgress } from './repository.ts';

export { hasDemoProgress, indicatorValues, targetsMetSql, type IndicatorValues } from './repository.ts';
export { metricChoices, metricSeries } from './metrics.ts';

// the matrix says its progress is an invented example when the demo's notes made it
registerExampleProgressCheck(programmesWithDemoProgress);

export const trackingModule: ModuleManifest = {
  name: 'tracking',
  // the indicators of every public programme (the current one's at /indicators)
  sitemap: async (db, c) => (await publicProgrammes(db, c.id)).map((p) => programmeUrls(`/c/${c.slug}`, c.slug, p).indicators),
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(trackingRoutes);
    await app.register(trackingApi);
    await app.register(trackingAdminRoutes);
  },
  seedDemo: async (db) => (await import('./seed.ts')).loadSettatTracking(db),
};
