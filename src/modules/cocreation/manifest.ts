// The co-creation module: the participatory process, the monitoring committee, participation
// events, calls for proposals, proposals with their public trail, participation statistics.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { cocreationAdminRoutes } from './admin-routes.tsx';
import { participationApi } from './api.ts';
import { cocreationRoutes } from './routes.tsx';
import { submitRoutes } from './submit-routes.tsx';
import { loadSettatCocreation } from './seed/load.ts';

import { registerOriginsProvider } from '../programme/manifest.ts';
import { proposalsFeeding } from './repository.ts';

// The project and activity pages list the proposals that fed them.
registerOriginsProvider(async (db, collectivityId, target, base) =>
  (await proposalsFeeding(db, collectivityId, target)).map((p) => ({
    title: p.title,
    lang: p.lang,
    href: `${base}/proposals/${p.id}`,
    channel: p.channel,
  })),
);

export const cocreationModule: ModuleManifest = {
  name: 'cocreation',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(submitRoutes);
    await app.register(cocreationRoutes);
    await app.register(participationApi);
    await app.register(cocreationAdminRoutes);
  },
  seedDemo: loadSettatCocreation,
};
