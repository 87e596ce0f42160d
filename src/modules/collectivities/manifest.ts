// The network of collectivities: its home page, each collectivity's home, and their list as open data.
import { join } from 'node:path';
import type { ModuleManifest } from '../manifest.ts';
import { collectivityAdminRoutes } from './admin-routes.tsx';
import { collectivityRoutes } from './routes.tsx';

export { type Announcement, type Happening, registerAnnouncements, registerOpenNow } from './happenings.ts';

export const collectivitiesModule: ModuleManifest = {
  name: 'collectivities',
  localesDir: join(import.meta.dirname, 'locales'),
  plugin: async (app) => {
    await app.register(collectivityRoutes);
    await app.register(collectivityAdminRoutes);
  },
  sitemap: async (_db, c) => [`/c/${c.slug}`],
};
