// Digital services (axis 3 of Settat's programme): the national platforms a collectivity joined
// (one list for the whole network, kept by the network administrator), the collectivity's own
// services with their citizen guides and monthly figures (requests received, processed online and
// on paper), and its awareness campaigns. Project 3's indicators follow its metrics.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { servicesAdminRoutes } from './admin-routes.tsx';
import { servicesApi } from './api.ts';
import { servicesMetrics } from './metrics.ts';
import { servicesRoutes, servicesSitemap } from './routes.tsx';
import './tables.ts';

export const servicesModule: ModuleManifest = {
  name: 'services',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(servicesRoutes);
    await app.register(servicesAdminRoutes);
    await app.register(servicesApi);
  },
  metrics: servicesMetrics,
  sitemap: servicesSitemap,
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatServices(db, options),
};
