// The network's view: the national dashboard of every member collectivity (members, programmes,
// progress, participation, themes), computed from the modules' records; the shared taxonomy of
// themes kept by the network administrator; and the library of practices, from which a
// collectivity reuses another's project in its draft programme.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { networkApi } from './api.ts';
import { dashboardRoutes } from './dashboard-routes.tsx';

/** A region's or province's home shows its communes' figures (collectivities module). */
export { communesBlockOf } from './dashboard-routes.tsx';
import { libraryRoutes } from './library-routes.tsx';
import { themesRoutes } from './themes-routes.tsx';

export const networkModule: ModuleManifest = {
  name: 'network',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(dashboardRoutes);
    await app.register(networkApi);
    await app.register(themesRoutes);
    await app.register(libraryRoutes);
  },
  seedDemo: async (db) => (await import('./seed.ts')).classifyDemoAxes(db),
};
