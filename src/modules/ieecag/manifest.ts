// The equality commission's e-space (هيئة المساواة وتكافؤ الفرص ومقاربة النوع, IEECAG; axis 2 of
// Settat's programme): the commission and its members, its register of advisory opinions with
// the council's response, its trainings and documents, the gender lens on the platform's
// participation, and citizens' referrals.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../manifest.ts';
import { ieecagMetrics } from './metrics.ts';
import { opinionRoutes } from './opinion-routes.tsx';
import { opinionsSitemap } from './opinions.ts';
import { referralRoutes } from './referral-routes.tsx';
import { referralsSitemap } from './referrals.ts';
import { spaceRoutes, spaceSitemap } from './space-routes.tsx';
import './tables.ts';

export const ieecagModule: ModuleManifest = {
  name: 'ieecag',
  localesDir: join(import.meta.dirname, 'locales'),
  async plugin(app: FastifyInstance) {
    await app.register(spaceRoutes);
    await app.register(opinionRoutes);
    await app.register(referralRoutes);
  },
  metrics: ieecagMetrics,
  // the e-space's pages, then the published opinions, then the referrals answered in public
  sitemap: async (db, c, limit) => {
    const paths = await spaceSitemap(db, c, limit);
    paths.push(...(await opinionsSitemap(db, c, limit - paths.length)));
    paths.push(...(await referralsSitemap(db, c, limit - paths.length)));
    return paths;
  },
  seedDemo: async (db, options) => (await import('./seed/settat.ts')).loadSettatIeecag(db, options),
};
