// The co-creation module: the participatory process, the monitoring committee, participation
// events, calls for proposals, proposals with their public trail, participation statistics.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { cocreationAdminRoutes } from './admin-routes.tsx';
import { participationApi } from './api.ts';
import { cocreationRoutes } from './routes.tsx';
import { loadSettatCocreation } from './seed/load.ts';

export { proposalsFeeding } from './repository.ts';

export const cocreationModule: ModuleManifest = {
  name: 'cocreation',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(cocreationRoutes);
    await app.register(participationApi);
    await app.register(cocreationAdminRoutes);
  },
  seedDemo: loadSettatCocreation,
};
